//! The commitment calculator against its sources and against brute force: the default
//! discounts are the medians of `data/gpu_rental.csv`, and the optimum of the default
//! scenario equals a search over every whole number of GPUs.

use common::{data_table, Rng};
use inference_cost::core::commitment::{optimal_level, term_cost, whole_level, CommitmentReport};
use inference_cost::core::demand::{Period, Stretch};
use inference_cost::core::evaluate;
use inference_cost::scenario::commitment::{
    DemandSource, ONE_YEAR_DISCOUNT_PCT, SPOT_DISCOUNT_PCT, THREE_YEAR_DISCOUNT_PCT,
};
use inference_cost::scenario::Scenario;
use std::collections::BTreeMap;

mod common;

/// (provider, offering, GPU).
type Offering = (String, String, String);
/// (pricing type, term, $ per GPU-hour).
type Price = (String, String, f64);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        f64::midpoint(v[n / 2 - 1], v[n / 2])
    }
}

/// Each provider offering's on-demand price paired with its 1-year, 3-year and spot prices;
/// the medians of the discounts, in percent, rounded to 0.1, are the defaults.
#[test]
fn default_discounts_are_the_published_medians() {
    let (header, rows) = data_table("gpu_rental.csv");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let (provider, offering, gpu, kind, term, price) = (
        col("provider"),
        col("offering"),
        col("gpu"),
        col("pricing_type"),
        col("term"),
        col("usd_per_gpu_hour"),
    );
    // (provider, offering, gpu) → (kind, term, price); a capacity block is the same offering.
    let mut groups: BTreeMap<Offering, Vec<Price>> = BTreeMap::new();
    for row in rows {
        let key = (
            row[provider].clone(),
            row[offering].trim_end_matches(" Capacity Block").to_owned(),
            row[gpu].clone(),
        );
        let p: f64 = row[price].parse().unwrap_or(f64::NAN);
        let entry = (row[kind].clone(), row[term].clone(), p);
        let list = groups.entry(key).or_default();
        if !list.contains(&entry) {
            list.push(entry);
        }
    }
    let (mut one, mut three, mut spot) = (Vec::new(), Vec::new(), Vec::new());
    for list in groups.values() {
        let Some(on_demand) = list.iter().find(|e| e.0 == "on_demand").map(|e| e.2) else {
            continue;
        };
        for (kind, term, p) in list {
            let discount = (1.0 - p / on_demand) * 100.0;
            match kind.as_str() {
                "reserved" | "committed_use" if term.starts_with("1yr") => one.push(discount),
                "reserved" | "committed_use" if term.starts_with("3yr") => three.push(discount),
                "spot" => spot.push(discount),
                _ => {}
            }
        }
    }
    assert_eq!((one.len(), three.len(), spot.len()), (6, 6, 14));
    let round = |v: f64| (v * 10.0).round() / 10.0;
    assert!((round(median(one)) - ONE_YEAR_DISCOUNT_PCT).abs() < 1e-9);
    assert!((round(median(three)) - THREE_YEAR_DISCOUNT_PCT).abs() < 1e-9);
    assert!((round(median(spot)) - SPOT_DISCOUNT_PCT).abs() < 1e-9);
}

fn commitment(s: &Scenario) -> CommitmentReport {
    match evaluate(s).map(|r| r.commitment) {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => panic!("no commitment answer: {e}"),
        Err(e) => panic!("no report: {e}"),
    }
}

/// The whole pipeline (generated demand, 36 months, rates) picks the level a search over
/// every whole number of GPUs picks, for both terms, on generated scenarios.
#[test]
fn levels_equal_a_search_over_every_whole_level() {
    let mut rng = Rng(0x00C0_117E);
    for case in 0..40 {
        let mut s = Scenario::default();
        let c = &mut s.commitment;
        c.source = DemandSource::Generated;
        c.mean_gpus = (rng.next() * 60.0).round() + 1.0;
        c.peak_to_mean = 1.0 + rng.next() * 2.0;
        c.monthly_growth_pct = rng.next() * 6.0 - 2.0;
        c.one_year.discount_pct = rng.next() * 60.0;
        c.three_year.discount_pct = rng.next() * 70.0;
        let r = commitment(&s);
        let m = &r.demand;
        for (term, stretch, rate) in [(0, m.year(0), m.one_year), (1, m.horizon(), m.three_year)] {
            let top = stretch.peak().ceil() as u32;
            let (best, _) = (0..=top).fold((0.0, f64::INFINITY), |(bl, bc), l| {
                let cost = term_cost(&stretch, f64::from(l), rate, m.uncommitted);
                if bc.is_infinite() || cost < bc - 1e-9 * bc {
                    (f64::from(l), cost)
                } else {
                    (bl, bc)
                }
            });
            let chosen = r.terms[term].level;
            let chosen_cost = term_cost(&stretch, chosen, rate, m.uncommitted);
            let best_cost = term_cost(&stretch, best, rate, m.uncommitted);
            assert!(
                (chosen_cost - best_cost).abs() <= 1e-9 * best_cost,
                "case {case} term {term}: chose {chosen} ({chosen_cost}), search {best} ({best_cost})"
            );
        }
    }
}

/// A year of hourly points, copied into a period, against a brute force over the points.
#[test]
fn a_year_of_hours_matches_brute_force() {
    let mut rng = Rng(42);
    let year: Vec<f64> = (0..8_760).map(|_| (rng.next() * 40.0).round()).collect();
    let p = Period::new(year.clone());
    for ratio in [0.05, 0.3, 0.436, 0.695, 0.99] {
        let exact = optimal_level(&p, ratio, 1.0);
        let brute = year
            .iter()
            .chain(std::iter::once(&0.0))
            .map(|&c| 8_760.0 * c * ratio + year.iter().map(|d| (d - c).max(0.0)).sum::<f64>())
            .fold(f64::INFINITY, f64::min);
        assert!(
            (term_cost(&p, exact, ratio, 1.0) - brute).abs() < 1e-6,
            "{ratio}"
        );
        assert!(whole_level(&p, ratio, 1.0) >= 0.0);
    }
}
