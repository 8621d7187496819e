//! Criterion benchmark of self-hosting: the break-even curve (241 volumes, API, renting and
//! buying) and the whole self-hosting answer for the default scenario. Run with
//! `cargo bench --bench selfhost`.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion};
    use inference_cost::core::evaluate as evaluate_report;
    use inference_cost::core::selfhost::{break_even_curve, evaluate, ApiTraffic, CURVE_POINTS};
    use inference_cost::scenario::Scenario;
    use std::hint::black_box;

    fn curve(c: &mut Criterion) {
        let s = Scenario::default();
        let Ok(report) = evaluate_report(&s) else {
            panic!("the default scenario evaluates")
        };
        let Ok(r) = report.selfhost else {
            panic!("the default scenario self-hosts")
        };
        let api_per_token = r.api_monthly.value() / r.tokens_per_month;
        assert_eq!(r.curve.len(), CURVE_POINTS + 1);
        c.bench_function("break-even curve: 241 volumes x API, rent, buy", |b| {
            b.iter(|| {
                break_even_curve(
                    black_box(r.tokens_per_month),
                    api_per_token,
                    r.rent.as_ref(),
                    r.buy.as_ref(),
                    r.sizing.tokens_per_replica_month,
                    r.staff.value(),
                )
            });
        });
        let traffic = ApiTraffic::of(&s.workloads, &report.spend);
        c.bench_function(
            "self-hosting answer (fit, throughput, sizing, costs, curve, verdict)",
            |b| {
                b.iter(|| evaluate(black_box(&s.selfhost), &traffic));
            },
        );
    }

    criterion_group!(benches, curve);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
