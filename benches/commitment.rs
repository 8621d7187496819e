//! Criterion benchmark of the commitment calculator: the closed-form optimum over a year of
//! hourly demand (8,760 points: sort, then one index), the demand stage for the default
//! scenario (36 months of hours, generated and sorted month by month), the commitment stage on
//! that profile (both terms, three plans, stress tests with regret, charts), and 10,000
//! Monte Carlo draws. Run with `cargo bench --bench commitment`.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion};
    use inference_cost::core::commitment::{evaluate, monte_carlo, whole_level};
    use inference_cost::core::demand::{profile, DemandInput, DemandSizing, Period};
    use inference_cost::core::evaluate as evaluate_report;
    use inference_cost::scenario::Scenario;
    use std::hint::black_box;

    fn commitment(c: &mut Criterion) {
        // A year of hours: a day/night wave, weekends lower, some noise.
        let year: Vec<f64> = (0..8_760_u32)
            .map(|h| {
                let day = if (h / 24) % 7 >= 5 { 0.6 } else { 1.0 };
                let wave = (f64::from(h % 24) / 24.0 * std::f64::consts::TAU).cos();
                let noise = f64::from((h * 7_919) % 101) / 101.0;
                day * (20.0 + 12.0 * wave) + 3.0 * noise
            })
            .collect();
        c.bench_function(
            "optimum over 8,760 hourly points (sort + closed form)",
            |b| {
                b.iter(|| {
                    let p = Period::new(black_box(year.clone()));
                    whole_level(&p, 2.078, 2.99)
                });
            },
        );
        let s = Scenario::default();
        let Ok(report) = evaluate_report(&s) else {
            panic!("the default scenario evaluates")
        };
        let input = DemandInput::of(&s, Some(DemandSizing::of(report.selfhost.as_ref())));
        c.bench_function("demand stage (36 months of hours, sorted by month)", |b| {
            b.iter(|| profile(black_box(&input)));
        });
        let demand = profile(&input);
        c.bench_function(
            "commitment stage (terms, plans, stress, charts) on the demand",
            |b| {
                b.iter(|| {
                    evaluate(
                        black_box(&s.commitment),
                        &s.selfhost,
                        &demand,
                        report.spend.monthly_total,
                        report.selfhost.as_ref(),
                    )
                });
            },
        );
        let Ok(answer) = report.commitment else {
            panic!("the default scenario has a commitment answer")
        };
        let mut group = c.benchmark_group("monte carlo");
        group.sample_size(20);
        group.bench_function("10,000 draws x 3 plans over 36 months", |b| {
            b.iter(|| monte_carlo(black_box(&answer.demand), 10_000, 1, 0.25, 0.3));
        });
        group.finish();
    }

    criterion_group!(benches, commitment);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
