//! Integration tests of the public core API: hand-computed bills and properties over many
//! generated scenarios (a seeded generator, so every run checks the same cases).

use common::Rng;
use inference_cost::core::catalog::api_models;
use inference_cost::core::units::Usd;
use inference_cost::core::{evaluate, format, EvalError, SpendReport};
use inference_cost::scenario::{
    CustomModel, PriceEdit, Route, Scenario, TrafficMode, Workload, WorkloadField,
};

mod common;

fn spend(s: &Scenario) -> SpendReport {
    match evaluate(s) {
        Ok(r) => r.spend,
        Err(e) => panic!("scenario should evaluate: {e}"),
    }
}

/// A one-workload scenario on a custom model priced `p_in` / `p_out`.
fn scenario(requests: f64, input: f64, output: f64, p_in: f64, p_out: f64) -> Scenario {
    let mut s = Scenario::default();
    s.custom_models.push(CustomModel {
        id: "custom/1".into(),
        name: "test".into(),
        source: "hand-set".into(),
        price: PriceEdit {
            input: Some(p_in),
            output: Some(p_out),
            ..PriceEdit::default()
        },
        cache_beside_prompt: false,
        long_context: None,
        rules: inference_cost::scenario::CustomRules::default(),
    });
    let w = &mut s.workloads[0];
    w.requests_per_month = requests;
    w.input_tokens = input;
    w.output_tokens = output;
    w.routes[0].model = "custom/1".into();
    s
}

#[test]
fn hand_computed_bills() {
    let cases = [
        // 1e6 × 1000 × 3/1e6 + 1e6 × 200 × 15/1e6 = 3,000 + 3,000
        ((1e6, 1_000.0, 200.0, 3.0, 15.0), "$6,000.00"),
        // 1M input + 0.5M output tokens in one request: 3 + 7.5
        ((1.0, 1e6, 5e5, 3.0, 15.0), "$10.50"),
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

/// Published: 5,000 input + 1,500 output tokens per request, 10,000 requests a day at $3/$15
/// = $375 a day, $11,250 in a 30-day month (entered per day × active days).
#[test]
fn per_day_traffic_over_a_thirty_day_month() {
    let mut s = scenario(0.0, 5_000.0, 1_500.0, 3.0, 15.0);
    let w = &mut s.workloads[0];
    w.traffic_mode = TrafficMode::PerDay;
    w.requests_per_day = 10_000.0;
    w.active_days = 1.0;
    assert_eq!(format::usd(spend(&s).monthly_total), "$375.00");
    s.workloads[0].active_days = 30.0;
    assert_eq!(format::usd(spend(&s).monthly_total), "$11,250.00");
}

/// Published: a 250,000-token prompt with 2,000 output tokens on Claude Sonnet 4.5 (above 200K:
/// $6 / $22.50) costs $1.545, and $0.7725 through the 50 % batch API: a million such requests
/// a month cost $1,545,000 and $772,500.
#[test]
fn long_context_and_batch_through_the_catalog() {
    let mut s = Scenario::default();
    let w = &mut s.workloads[0];
    w.routes[0].model = "anthropic/claude-sonnet-4-5".into();
    w.input_tokens = 250_000.0;
    w.output_tokens = 2_000.0;
    assert_eq!(format::usd(spend(&s).monthly_total), "$1,545,000.00");
    s.workloads[0].batch_pct = 100.0;
    assert_eq!(format::usd(spend(&s).monthly_total), "$772,500.00");
    s.workloads[0].requests_per_month = 1.0;
    assert_eq!(
        spend(&s).per_request.map(format::usd).as_deref(),
        Some("$0.7725")
    );
}

/// A value spread over every order of magnitude of the field's range, with exact bounds
/// and zero showing up too.
fn value_for(rng: &mut Rng, field: WorkloadField) -> f64 {
    let spec = field.spec();
    match (rng.next() * 10.0) as u32 {
        0 => spec.min,
        1 => spec.max,
        _ => spec.max * 10f64.powf(-12.0 * rng.next()),
    }
}

fn generated(rng: &mut Rng, models: &[&'static str]) -> Scenario {
    let mut s = Scenario::default();
    s.workloads.clear();
    for id in 1..=(1 + (rng.next() * 4.0) as u32) {
        let mut w = Workload::new(id, format!("w{id}"), models[0]);
        for &field in WorkloadField::ALL {
            let v = value_for(rng, field);
            field.set(&mut w, v);
        }
        // Flex and priority share the unbatched traffic.
        w.priority_pct = w.priority_pct.min(100.0 - w.flex_pct);
        // So do the 1-hour and 12-hour cache writes.
        w.write_12h_pct = w.write_12h_pct.min(100.0 - w.write_1h_pct);
        w.residency = rng.next() < 0.3;
        w.fast = rng.next() < 0.3;
        w.traffic_mode = if rng.next() < 0.5 {
            TrafficMode::PerMonth
        } else {
            TrafficMode::PerDay
        };
        let first = (rng.next() * 100.0).floor();
        let pick =
            |rng: &mut Rng| models[(rng.next() * models.len() as f64) as usize % models.len()];
        w.routes = vec![
            Route {
                model: pick(rng).into(),
                share_pct: first,
            },
            Route {
                model: pick(rng).into(),
                share_pct: 100.0 - first,
            },
        ];
        s.workloads.push(w);
    }
    s
}

#[test]
fn properties_over_generated_scenarios() {
    let models: Vec<&'static str> = api_models().iter().map(|m| m.id).collect();
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    for _ in 0..3_000 {
        let s = generated(&mut rng, &models);
        let base = spend(&s);
        // Every output is finite.
        assert!(base.monthly_total.is_finite() && base.yearly_total.is_finite());
        assert!(base
            .alternatives
            .iter()
            .all(|a| a.monthly_total.is_finite()));
        // The breakdowns add up to the total.
        for parts in [
            base.by_kind.iter().map(|l| l.cost.value()).sum::<f64>(),
            base.by_workload.iter().map(|l| l.cost.value()).sum::<f64>(),
            base.by_model.iter().map(|l| l.cost.value()).sum::<f64>(),
        ] {
            let total = base.monthly_total.value();
            assert!(
                (parts - total).abs() <= 1e-9 * total.abs().max(1.0),
                "{parts} vs {total}"
            );
        }
        // Cost never decreases when tokens or traffic grow (within bounds). Cached share and
        // batch share lower the bill by design, so they are not in this list.
        for field in [
            WorkloadField::RequestsPerMonth,
            WorkloadField::RequestsPerDay,
            WorkloadField::ActiveDays,
            WorkloadField::OutputTokens,
            WorkloadField::ReasoningTokens,
        ] {
            let mut grown = s.clone();
            let w = &mut grown.workloads[0];
            let v = (field.get(w) * 1.5 + 1.0).min(field.spec().max);
            field.set(w, v);
            assert!(
                spend(&grown).monthly_total >= base.monthly_total,
                "{field:?}"
            );
        }
        // Prices growing never lowers the bill: a 10 % override on every used model.
        let mut dearer = s.clone();
        for w in &s.workloads {
            for r in &w.routes {
                let m = api_models().into_iter().find(|m| m.id == r.model);
                if let Some(m) = m {
                    let edit = dearer.override_mut(m.id);
                    edit.input = Some((m.price.input.value() * 1.1).min(10_000.0));
                    edit.output = Some((m.price.output.value() * 1.1).min(10_000.0));
                }
            }
        }
        assert!(spend(&dearer).monthly_total.value() >= base.monthly_total.value() * (1.0 - 1e-12));
        // Zero traffic costs exactly $0.
        let mut idle = s.clone();
        for w in &mut idle.workloads {
            w.requests_per_month = 0.0;
            w.requests_per_day = 0.0;
        }
        assert_eq!(spend(&idle).monthly_total, Usd::ZERO);
    }
}

#[test]
fn out_of_bounds_values_are_reported_by_field() {
    let mut s = Scenario::default();
    s.workloads[0].output_tokens = f64::INFINITY;
    match evaluate(&s) {
        Err(EvalError::Invalid(e)) => {
            assert_eq!(
                e.to_string(),
                "Support chat › Output tokens per request: Enter a finite number."
            );
        }
        other => panic!("expected an invalid-field error, got {other:?}"),
    }
}
