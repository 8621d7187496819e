//! Criterion benchmark of the spend evaluation: 50 workloads, each routed to 3 catalog models,
//! with prompt caching, cache writes, reasoning, batch traffic and some long-context prompts.
//! Run with `cargo bench --bench spend`.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion};
    use inference_cost::core::catalog::api_models;
    use inference_cost::core::evaluate as evaluate_report;
    use inference_cost::core::pricing::{CacheTtl, ModelPrice, RequestShape, WriteShares};
    use inference_cost::core::spend::route_bill;
    use inference_cost::core::units::Usd;
    use inference_cost::core::{display, spend_stage, SpendInput};
    use inference_cost::scenario::{Route, Scenario, Workload as ScenarioWorkload};
    use std::hint::black_box;

    struct Workload {
        requests: f64,
        shape: RequestShape,
        batch_share: f64,
        routes: [(usize, f64); 3],
    }

    fn ttl(i: u32) -> CacheTtl {
        if i % 2 == 0 {
            CacheTtl::FiveMinutes
        } else {
            CacheTtl::OneHour
        }
    }

    fn workloads(models: usize) -> Vec<Workload> {
        (0..50)
            .map(|i| {
                let f = f64::from(i);
                Workload {
                    requests: 10_000.0 * (f + 1.0),
                    shape: RequestShape {
                        // every seventh workload crosses a 200K / 272K long-context threshold
                        input_tokens: if i % 7 == 0 {
                            300_000.0
                        } else {
                            500.0 + 150.0 * f
                        },
                        cached_share: (f % 10.0) / 10.0,
                        cache_write_tokens: 100.0 * (f % 5.0),
                        write_shares: WriteShares::only(ttl(i)),
                        output_tokens: 100.0 + 20.0 * f,
                        reasoning_tokens: if i % 3 == 0 { 1_000.0 } else { 0.0 },
                    },
                    batch_share: (f % 4.0) / 4.0,
                    routes: [
                        (i as usize % models, 0.6),
                        ((i as usize * 7 + 3) % models, 0.3),
                        ((i as usize * 13 + 5) % models, 0.1),
                    ],
                }
            })
            .collect()
    }

    fn evaluate(workloads: &[Workload], prices: &[ModelPrice]) -> Usd {
        workloads
            .iter()
            .flat_map(|w| {
                w.routes.iter().map(move |&(m, share)| {
                    route_bill(w.requests * share, &w.shape, w.batch_share, &prices[m])
                        .cost
                        .total()
                })
            })
            .sum()
    }

    fn spend(c: &mut Criterion) {
        let prices: Vec<ModelPrice> = api_models().into_iter().map(|m| m.price).collect();
        let workloads = workloads(prices.len());
        c.bench_function("spend: 50 workloads x 3 models", |b| {
            b.iter(|| evaluate(black_box(&workloads), black_box(&prices)));
        });
    }

    /// The whole page's evaluation: 50 workloads, 3 routes each, with every breakdown, the
    /// alternatives (all workloads priced on each of the 62 catalog models) and a 36-month
    /// projection.
    fn evaluate_scenario(c: &mut Criterion) {
        let ids: Vec<&str> = api_models().iter().map(|m| m.id).collect();
        let mut s = Scenario::default();
        s.projection.months = 36;
        s.workloads = workloads(ids.len())
            .into_iter()
            .zip(1..)
            .map(|(w, id)| {
                let mut wl = ScenarioWorkload::new(id, format!("w{id}"), ids[0]);
                wl.requests_per_month = w.requests;
                wl.input_tokens = w.shape.input_tokens;
                wl.output_tokens = w.shape.output_tokens;
                wl.reasoning_tokens = w.shape.reasoning_tokens;
                wl.cached_pct = w.shape.cached_share * 100.0;
                wl.cache_write_tokens = w.shape.cache_write_tokens;
                wl.cache_ttl = ttl(id - 1);
                wl.batch_pct = w.batch_share * 100.0;
                wl.routes = w
                    .routes
                    .iter()
                    .map(|&(m, share)| Route {
                        model: ids[m].to_owned(),
                        share_pct: share * 100.0,
                    })
                    .collect();
                wl
            })
            .collect();
        assert!(evaluate_report(&s).is_ok());
        c.bench_function("evaluate: 50 workloads x 3 models, all breakdowns", |b| {
            b.iter(|| evaluate_report(black_box(&s)));
        });
    }

    /// What a keystroke on the default page runs in the core: the spend stage of the default
    /// scenario (one workload, priced on its model and on every catalog model), and the
    /// display-ready text the page shows of it.
    fn keystroke(c: &mut Criterion) {
        let input = SpendInput::of(&Scenario::default());
        c.bench_function("keystroke: spend stage, default scenario", |b| {
            b.iter(|| spend_stage(black_box(&input)));
        });
        let Ok(report) = spend_stage(&input) else {
            return;
        };
        c.bench_function("keystroke: the spend tab's display text", |b| {
            b.iter(|| {
                let r = black_box(&report);
                (
                    display::Headline::of(r),
                    display::kinds(r),
                    display::segments(r),
                    display::workload_bars(r),
                    display::model_bars(r),
                    display::alternatives(r, 10),
                )
            });
        });
    }

    criterion_group!(benches, spend, evaluate_scenario, keystroke);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
