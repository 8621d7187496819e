//! Tests against published figures, hand-computed cases and a brute-force search.
#![allow(clippy::float_cmp)]

use super::*;
use crate::core::demand::Period;
use crate::scenario::commitment::{DailyShape, DemandSource, Payment};
use crate::scenario::Scenario;

/// xorshift64*, for generated profiles.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn forty_percent_off_breaks_even_at_sixty_percent_use() {
    let t = TermRate::new(0.6, 0.0, 12.0, 730.0, 0.0);
    assert!((t.break_even_utilization(1.0).unwrap_or(0.0) - 0.6).abs() < 1e-12);
    let p = TermPricing {
        discount_pct: 40.0,
        ..TermPricing::default()
    };
    let t = TermRate::from_pricing(&p, 2.0, 12.0, 730.0, 0.07);
    assert!((t.effective - 1.2).abs() < 1e-12);
    assert!((t.break_even_utilization(2.0).unwrap_or(0.0) - 0.6).abs() < 1e-12);
}

/// $0.12/hour on demand against $0.075/hour with $300 upfront: the upfront pays for itself
/// after 300 / 0.045 = 6,667 hours, 9.14 months of 729.6 hours; the monthly bills are
/// $87.55 against $54.72, a $32.83 saving.
#[test]
fn published_upfront_example() {
    let t = TermRate::new(0.075, 300.0, 36.0, 729.6, 0.0);
    let hours = t.upfront_break_even_hours(0.12).unwrap_or(0.0);
    assert_eq!(format::number(hours, 0), "6,667");
    assert_eq!(format::number(hours / 729.6, 2), "9.14");
    let on_demand = 0.12 * 729.6;
    let reserved = t.hourly_fee * 729.6;
    assert_eq!(format::usd(usd(on_demand)), "$87.55");
    assert_eq!(format::usd(usd(reserved)), "$54.72");
    assert_eq!(format::usd(usd(on_demand - reserved)), "$32.83");
    assert_eq!(
        TermRate::new(0.075, 0.0, 36.0, 729.6, 0.0).upfront_break_even_hours(0.12),
        None
    );
}

#[test]
fn upfront_is_valued_at_the_discount_rate() {
    // All upfront, $1/hour over 12 months of 730 hours: $8,760 at the start.
    let p = TermPricing {
        mode: RateMode::Price,
        price: 1.0,
        payment: Payment::AllUpfront,
        ..TermPricing::default()
    };
    let free = TermRate::from_pricing(&p, 2.0, 12.0, 730.0, 0.0);
    assert_eq!((free.hourly_fee, free.upfront), (0.0, 8_760.0));
    assert!((free.effective - 1.0).abs() < 1e-12);
    // At 12 % a year (1 % a month): 8,760 × 0.01 / (1 − 1.01^−12) = 778.32 a month.
    let dear = TermRate::from_pricing(&p, 2.0, 12.0, 730.0, 0.12);
    assert!(
        (dear.effective * 730.0 - 778.32).abs() < 0.005,
        "{}",
        dear.effective * 730.0
    );
    // Partial: half upfront.
    let half = TermRate::from_pricing(
        &TermPricing {
            payment: Payment::Partial,
            ..p.clone()
        },
        2.0,
        12.0,
        730.0,
        0.0,
    );
    assert_eq!((half.hourly_fee, half.upfront), (0.5, 4_380.0));
}

/// Ten hours: demand 1…10. At r/v = 0.35, k = ⌊10 × 0.35⌋ = 3: the 4th busiest hour, 7 GPUs.
/// cost(7) = 10 × 7 × 0.35 + (3 + 2 + 1) × 1 = 30.5; cost(6) = 21 + 10 = 31; cost(8) = 28 + 3 = 31.
#[test]
fn optimum_by_hand() {
    let p = Period::new((1..=10).map(f64::from).collect());
    assert_eq!(optimal_level(&p, 0.35, 1.0), 7.0);
    assert!((term_cost(&p, 7.0, 0.35, 1.0) - 30.5).abs() < 1e-12);
    assert!((term_cost(&p, 6.0, 0.35, 1.0) - 31.0).abs() < 1e-12);
    assert!((term_cost(&p, 8.0, 0.35, 1.0) - 31.0).abs() < 1e-12);
    assert_eq!(
        optimal_level(&p, 1.0, 1.0),
        0.0,
        "no discount, no commitment"
    );
    assert_eq!(
        optimal_level(&p, 0.0, 1.0),
        10.0,
        "free capacity: commit to the peak"
    );
    assert_eq!(optimal_level(&p, 0.5, 0.0), 0.0);
}

fn brute_force(values: &[f64], r: f64, v: f64) -> (f64, f64) {
    let p = Period::new(values.to_vec());
    let mut best = (0.0, term_cost(&p, 0.0, r, v));
    let mut candidates: Vec<f64> = values.to_vec();
    candidates.sort_by(f64::total_cmp);
    for c in candidates {
        // Direct sum, independent of Period's prefix sums.
        let cost =
            values.len() as f64 * c * r + v * values.iter().map(|d| (d - c).max(0.0)).sum::<f64>();
        if cost < best.1 - 1e-9 * best.1.abs().max(1.0) {
            best = (c, cost);
        }
    }
    best
}

#[test]
fn closed_form_equals_brute_force_on_generated_profiles() {
    let mut rng = Rng(0x5EED);
    for case in 0..2_000 {
        let n = 1 + (rng.next() * 300.0) as usize;
        let scale = [1.0, 10.0, 1_000.0][case % 3];
        let integer = case % 2 == 0;
        let values: Vec<f64> = (0..n)
            .map(|_| {
                let x = rng.next() * scale;
                if integer {
                    x.round()
                } else {
                    x
                }
            })
            .collect();
        let v = 0.5 + rng.next() * 10.0;
        let r = v * rng.next() * 1.1;
        let p = Period::new(values.clone());
        let exact = optimal_level(&p, r, v);
        let (_, brute_cost) = brute_force(&values, r, v);
        let cost = term_cost(&p, exact, r, v);
        assert!(
            (cost - brute_cost).abs() <= 1e-9 * brute_cost.abs().max(1.0),
            "case {case}: closed form {exact} costs {cost}, brute force {brute_cost}"
        );
        // The whole-GPU level equals a search over every whole level.
        let whole = whole_level(&p, r, v);
        let top = p.peak().ceil() as u64;
        let best_whole = (0..=top)
            .map(|c| term_cost(&p, c as f64, r, v))
            .fold(f64::INFINITY, f64::min);
        assert!(
            (term_cost(&p, whole, r, v) - best_whole).abs() <= 1e-9 * best_whole.max(1.0),
            "case {case}"
        );
        // Savings never negative at the optimum; committing nothing costs exactly on-demand.
        assert!(cost <= term_cost(&p, 0.0, r, v) + 1e-9);
        let on_demand = v * values.iter().sum::<f64>();
        assert!((term_cost(&p, 0.0, r, v) - on_demand).abs() <= 1e-12 * on_demand.max(1.0));
    }
}

fn scenario(source: DemandSource) -> Scenario {
    let mut s = Scenario::default();
    s.commitment.source = source;
    s
}

fn report(s: &Scenario) -> CommitmentReport {
    match crate::core::evaluate(s).map(|r| r.commitment) {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => panic!("no commitment answer: {e}"),
        Err(e) => panic!("no report: {e}"),
    }
}

/// 10 GPUs every hour at $2 on demand, 30 % off for 1 year and 50 % for 3.
fn flat_ten() -> Scenario {
    let mut s = scenario(DemandSource::Generated);
    let c = &mut s.commitment;
    c.mean_gpus = 10.0;
    c.shape = DailyShape::Flat;
    c.weekend_pct = 100.0;
    c.on_demand = Some(2.0);
    c.one_year.discount_pct = 30.0;
    c.three_year.discount_pct = 50.0;
    s
}

/// A flat 10 GPUs: commit to all 10 for 3 years. 36 months of 730 hours: no commitment
/// 26,280 × 10 × 2 = $525,600; 3-year $262,800; 1-year $367,920.
#[test]
fn flat_demand_by_hand() {
    let r = report(&flat_ten());
    let totals: Vec<f64> = r.plans.iter().map(|p| p.total.value()).collect();
    assert!((totals[0] - 525_600.0).abs() < 1e-6, "{totals:?}");
    assert!((totals[1] - 367_920.0).abs() < 1e-6);
    assert!((totals[2] - 262_800.0).abs() < 1e-6);
    assert_eq!(r.best, Plan::ThreeYear);
    let t = &r.terms[1];
    assert_eq!((t.level, t.coverage, t.utilization), (10.0, 1.0, 1.0));
    assert_eq!(t.break_even_utilization, Some(0.5));
    assert!((t.saving_vs_none.value() - 7_300.0).abs() < 1e-6);
    assert!(
        t.saving_vs_peak.value().abs() < 1e-6,
        "the peak is the level"
    );
    // Stress: demand 30 % lower. No commitment: 7 × 2 × 26,280 = $367,920. 3-year: $262,800
    // for 10 GPUs, 3 of them idle. Best in hindsight: 3-year at 7 GPUs = $183,960.
    let low = &r.stress[1];
    assert!((low.costs[0].value() - 367_920.0).abs() < 1e-6);
    assert!((low.costs[2].value() - 262_800.0).abs() < 1e-6);
    assert!(
        (low.best.value() - 183_960.0).abs() < 1e-6,
        "{}",
        low.best.value()
    );
    assert!((low.regrets[2].value() - 78_840.0).abs() < 1e-6);
}

/// Prices falling 50 % a year erode a 3-year reservation: by month t on-demand is
/// 2 × 0.5^(t/12), and the 3-year rate of $1 is dearer than on-demand after year 1.
#[test]
fn falling_prices_erode_a_long_reservation() {
    let mut s = flat_ten();
    s.commitment.price_decline_pct = 50.0;
    let r = report(&s);
    let falling = &r.stress[3];
    // No commitment: Σ_t 730 × 10 × 2 × 0.5^(t/12).
    let q = 0.5f64.powf(1.0 / 12.0);
    let expected: f64 = (0..36).map(|t| 730.0 * 20.0 * q.powi(t)).sum();
    assert!((falling.costs[0].value() - expected).abs() < 1e-6);
    assert!(
        falling.costs[2].value() > falling.costs[0].value(),
        "3-year now loses"
    );
    assert!(falling.regrets[2].value() > 0.0);
    assert!(
        falling.regrets.iter().any(|r| r.value() == 0.0)
            || falling.best.value() < falling.costs[0].value()
    );
}

#[test]
fn default_scenario_answers_with_finite_numbers() {
    let r = report(&Scenario::default());
    assert!(r.peak_gpus > 0.0 && r.mean_gpus > 0.0);
    assert_eq!(r.terms.len(), 2);
    assert_eq!(r.plans.len(), 3);
    assert_eq!(r.stress.len(), 5);
    assert_eq!(r.ways.len(), 4);
    assert!(r.ways.iter().all(|w| w.monthly.is_none_or(Usd::is_finite)));
    assert!(!r.recommendation.headline.is_empty());
    for row in &r.stress {
        assert!(row.regrets.iter().all(|v| v.value() >= 0.0));
        assert!(
            row.regrets.iter().any(|v| v.value() == 0.0)
                || row.best.value()
                    <= row
                        .costs
                        .iter()
                        .map(|c| c.value())
                        .fold(f64::INFINITY, f64::min)
        );
    }
}

#[test]
fn empty_and_zero_demand_are_messages() {
    let mut s = scenario(DemandSource::Series);
    let err = crate::core::evaluate(&s).map(|r| r.commitment.err());
    assert!(matches!(
        err,
        Ok(Some(CommitmentError::NoDemand(DemandSource::Series)))
    ));
    s.commitment.series = vec![0.0; 500];
    let err = crate::core::evaluate(&s).map(|r| r.commitment.err().map(|e| e.to_string()));
    assert!(
        matches!(err, Ok(Some(ref m)) if m.starts_with("No demand")),
        "{err:?}"
    );
    let mut g = scenario(DemandSource::Generated);
    g.commitment.mean_gpus = 0.0;
    assert!(matches!(
        crate::core::evaluate(&g).map(|r| r.commitment.err()),
        Ok(Some(CommitmentError::NoDemand(DemandSource::Generated)))
    ));
    s.commitment.series = vec![f64::NAN];
    let msg = crate::core::evaluate(&s).map(|r| r.commitment.err().map(|e| e.to_string()));
    assert_eq!(
        msg,
        Ok(Some(
            "Commitment › Hourly series: Hour 1 is not a number of GPUs between 0 and 1,000,000."
                .to_owned()
        ))
    );
}

#[test]
fn a_short_series_repeats_and_is_noted() {
    let mut s = scenario(DemandSource::Series);
    s.commitment.series = (0..48)
        .map(|h| if h % 24 < 12 { 4.0 } else { 8.0 })
        .collect();
    let r = report(&s);
    assert_eq!((r.peak_gpus, r.low_gpus), (8.0, 4.0));
    assert!((r.mean_gpus - 6.0).abs() < 1e-12);
    assert!(r.notes.iter().any(|n| n.contains("repeats")));
    // Half the hours above 4: at 56.4 % off (r/v = 0.436) the optimum is the 11,461st
    // busiest hour of 26,280: 8 GPUs for three years.
    assert_eq!(r.terms[1].level, 8.0);
    assert_eq!(r.terms[1].utilization, 0.75);
}

#[test]
fn monte_carlo_is_seeded_and_ordered() {
    let r = report(&Scenario::default());
    let a = monte_carlo(&r.demand, 10_000, 42, 0.25, 0.3);
    let b = monte_carlo(&r.demand, 10_000, 42, 0.25, 0.3);
    let other = monte_carlo(&r.demand, 10_000, 43, 0.25, 0.3);
    assert_eq!(a, b);
    assert_ne!(a, other);
    for s in &a.spreads {
        assert!(s.p10.value() <= s.p50.value() && s.p50.value() <= s.p90.value());
        assert!(s.p10.value() > 0.0 && s.p90.is_finite());
    }
    assert!((a.cheapest.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    // With no uncertainty and no decline every draw is the forecast.
    let fixed = monte_carlo(&r.demand, 10_000, 1, 0.0, 0.0);
    for (i, p) in Plan::ALL.iter().enumerate() {
        let forecast = r.plans[i].total.value();
        assert!(
            (fixed.spreads[i].p50.value() - forecast).abs() < 1e-6 * forecast,
            "{p:?}"
        );
        assert!(
            (fixed.spreads[i].p10.value() - fixed.spreads[i].p90.value()).abs() < 1e-6 * forecast
        );
    }
}

#[test]
fn properties_over_generated_scenarios() {
    let mut rng = Rng(0x00C0_FFEE);
    let mut answered = 0;
    for case in 0..300 {
        let mut s = scenario(DemandSource::ALL[case % 3]);
        let c = &mut s.commitment;
        c.mean_gpus = (rng.next() * 200.0).round();
        c.peak_to_mean = 1.0 + rng.next() * 5.0;
        c.shape = DailyShape::ALL[(rng.next() * 3.0) as usize % 3];
        c.weekend_pct = rng.next() * 200.0;
        c.monthly_growth_pct = rng.next() * 20.0 - 5.0;
        c.series = (0..(rng.next() * 2_000.0) as usize)
            .map(|_| (rng.next() * 50.0).round())
            .collect();
        c.one_year.discount_pct = rng.next() * 80.0;
        c.three_year.discount_pct = rng.next() * 90.0;
        c.one_year.payment = Payment::ALL[case % 3];
        c.three_year.payment = Payment::ALL[(case / 3) % 3];
        c.discount_rate_pct = rng.next() * 20.0;
        c.spot = case % 4 == 0;
        c.demand_change_pct = rng.next() * 100.0;
        c.price_decline_pct = rng.next() * 95.0;
        s.workloads[0].requests_per_month = (rng.next() * 1e8).round();
        let Ok(Ok(r)) = crate::core::evaluate(&s).map(|r| r.commitment) else {
            continue;
        };
        answered += 1;
        for t in &r.terms {
            assert!(
                t.saving_vs_none.value() >= -1e-6,
                "case {case}: negative saving"
            );
            assert!(t.saving_vs_peak.value() >= -1e-6, "case {case}");
            assert!(t.level >= 0.0 && t.level <= r.peak_gpus.ceil());
            assert!((0.0..=1.0 + 1e-12).contains(&t.coverage));
            assert!((0.0..=1.0 + 1e-12).contains(&t.utilization));
            assert!(t.monthly.is_finite() && t.waste.is_finite());
        }
        for p in &r.plans {
            assert!(p.total.is_finite() && p.total.value() >= 0.0);
        }
        assert!(r
            .curve
            .iter()
            .all(|p| p.one_year.is_finite() && p.three_year.is_finite()));
        for row in &r.stress {
            assert!(row
                .costs
                .iter()
                .chain(&row.regrets)
                .all(|v| v.is_finite() && v.value() >= 0.0));
        }
        let mc = monte_carlo(&r.demand, 200, case as u32, 0.5, 0.4);
        assert!(mc
            .spreads
            .iter()
            .all(|s| s.p90.is_finite() && s.p10.value() <= s.p90.value()));
    }
    assert!(answered > 150, "{answered} of 300 answered");
}
