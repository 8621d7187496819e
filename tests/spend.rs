//! Integration tests of the public core API: hand-computed bills and properties over many
//! generated scenarios (a seeded generator, so every run checks the same cases).

use inference_cost::core::units::Usd;
use inference_cost::core::{evaluate, format, EvalError, Report};
use inference_cost::scenario::{Field, Scenario};

fn spend(s: &Scenario) -> inference_cost::core::SpendReport {
    match evaluate(s) {
        Ok(Report { spend }) => spend,
        Err(e) => panic!("scenario should evaluate: {e}"),
    }
}

fn scenario(requests: f64, input: f64, output: f64, p_in: f64, p_out: f64) -> Scenario {
    let mut s = Scenario::default();
    for (field, v) in Field::ALL
        .into_iter()
        .zip([requests, input, output, p_in, p_out])
    {
        field.set(&mut s, v);
    }
    s
}

#[test]
fn hand_computed_bills() {
    // (requests, input, output, $/M in, $/M out) → monthly total as displayed
    let cases = [
        // 1e6 × 1000 × 3/1e6 + 1e6 × 200 × 15/1e6 = 3,000 + 3,000
        ((1e6, 1_000.0, 200.0, 3.0, 15.0), "$6,000.00"),
        // 1M input + 0.5M output tokens in one request: 3 + 7.5
        ((1.0, 1e6, 5e5, 3.0, 15.0), "$10.50"),
        // 10,000 requests a day × 30 days of 5,000 in / 1,500 out at $3/$15: 375 × 30
        ((300_000.0, 5_000.0, 1_500.0, 3.0, 15.0), "$11,250.00"),
        // gpt-6-luna list price $0.10 / $0.50: 5e6 × 800 × 0.1/1e6 + 5e6 × 300 × 0.5/1e6 = 400 + 750
        ((5e6, 800.0, 300.0, 0.1, 0.5), "$1,150.00"),
        // A tiny workload: 10 requests × 50 tokens × $0.15/M = $0.000075
        ((10.0, 50.0, 0.0, 0.15, 0.6), "$0.000075"),
    ];
    for ((r, i, o, pi, po), want) in cases {
        assert_eq!(
            format::usd(spend(&scenario(r, i, o, pi, po)).monthly_total),
            want
        );
    }
}

/// xorshift64*: a tiny deterministic generator, so the property runs are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A value spread over every order of magnitude of the field's range, with exact bounds
    /// and zero showing up too.
    fn value_for(&mut self, field: Field) -> f64 {
        let spec = field.spec();
        match (self.next() * 10.0) as u32 {
            0 => spec.min,
            1 => spec.max,
            _ => spec.max * 10f64.powf(-12.0 * self.next()),
        }
    }
}

#[test]
fn properties_over_generated_scenarios() {
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    for _ in 0..20_000 {
        let mut s = Scenario::default();
        for field in Field::ALL {
            let v = rng.value_for(field);
            field.set(&mut s, v);
        }
        let base = spend(&s);
        // Every output is finite.
        assert!(base.monthly_total.is_finite() && base.yearly_total.is_finite());
        assert!(base
            .lines
            .iter()
            .all(|l| l.cost.is_finite() && l.tokens.is_finite()));
        // The lines add up to the total.
        let sum: f64 = base.lines.iter().map(|l| l.cost.value()).sum();
        assert!((sum - base.monthly_total.value()).abs() <= 1e-9 * sum.abs().max(1.0));
        // Cost never decreases when one input grows (within its bounds).
        for field in Field::ALL {
            let mut grown = s.clone();
            let v = (field.get(&s) * 1.5 + 1.0).min(field.spec().max);
            field.set(&mut grown, v);
            assert!(
                spend(&grown).monthly_total >= base.monthly_total,
                "{field:?}"
            );
        }
        // Zero traffic costs exactly $0.
        let mut idle = s.clone();
        Field::RequestsPerMonth.set(&mut idle, 0.0);
        assert_eq!(spend(&idle).monthly_total, Usd::ZERO);
    }
}

#[test]
fn out_of_bounds_values_are_reported_by_field() {
    let mut s = Scenario::default();
    Field::OutputTokens.set(&mut s, f64::INFINITY);
    match evaluate(&s) {
        Err(EvalError::Invalid(e)) => {
            assert_eq!(e.field, Field::OutputTokens);
            assert_eq!(
                e.to_string(),
                "Output tokens per request: Enter a finite number."
            );
        }
        other => panic!("expected an invalid-field error, got {other:?}"),
    }
}
