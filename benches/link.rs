//! Criterion benchmark of the share link: encoding and decoding a typical scenario, twenty
//! workloads with custom prices, and a year of uploaded hourly demand; and the Markdown
//! summary. The page encodes once per edit (debounced) and decodes once per opened link.
//! Run with `cargo bench --bench link`.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion};
    use inference_cost::core::evaluate;
    use inference_cost::core::export::markdown;
    use inference_cost::scenario::commitment::DemandSource;
    use inference_cost::scenario::link::{decode, encode};
    use inference_cost::scenario::{PriceOverride, Scenario, Workload, DEFAULT_MODEL};
    use std::hint::black_box;

    fn scenarios() -> Vec<(&'static str, Scenario)> {
        let mut typical = Scenario::default();
        typical.workloads[0].requests_per_month = 2_500_000.0;
        typical.workloads[0].input_tokens = 3_000.0;
        typical.selfhost.gpu = "h200-sxm".into();
        let mut twenty = Scenario {
            workloads: (1..=20)
                .map(|i| {
                    let mut w = Workload::new(i, format!("Team {i}"), DEFAULT_MODEL);
                    w.requests_per_month = f64::from(i) * 100_000.0;
                    w
                })
                .collect(),
            ..Scenario::default()
        };
        twenty.price_overrides.push(PriceOverride {
            model: DEFAULT_MODEL.into(),
            edit: inference_cost::scenario::PriceEdit {
                input: Some(2.5),
                ..Default::default()
            },
        });
        let mut series = Scenario::default();
        series.commitment.source = DemandSource::Series;
        series.commitment.series = (0..8_760_u32)
            .map(|h| f64::from(h % 24 + (h * 7_919) % 13))
            .collect();
        vec![
            ("typical", typical),
            ("20 workloads", twenty),
            ("8,760 hours", series),
        ]
    }

    fn link(c: &mut Criterion) {
        for (name, s) in scenarios() {
            let text = encode(&s);
            c.bench_function(&format!("encode {name} ({} chars)", text.len()), |b| {
                b.iter(|| encode(black_box(&s)));
            });
            c.bench_function(&format!("decode {name}"), |b| {
                b.iter(|| decode(black_box(&text)));
            });
        }
        let Ok(report) = evaluate(&Scenario::default()) else {
            panic!("the default scenario evaluates")
        };
        c.bench_function("markdown summary", |b| {
            b.iter(|| markdown(black_box(&report), Some("https://example.com/#v1.AXt9")));
        });
    }

    criterion_group!(benches, link);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
