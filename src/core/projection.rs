//! A monthly bill projected over 12, 24 or 36 months.
//!
//! **Formula.** Month `m` (0 = the first month, at today's traffic and prices) costs
//!
//! ```text
//! cost(m) = base × (1 + g)^m × (1 − d)^(m / 12)
//! ```
//!
//! where `g` is the monthly traffic growth and `d` the annual price decline, applied smoothly
//! month by month. The bill is linear in traffic and in every price, so scaling the base bill
//! is exact when all of a bill's prices move together.
//!
//! **Default decline: 30 % a year**, the low end of published rates (`data/price_decline.csv`,
//! read 2026-11-23): a widely repeated estimate of "30–50 % cheaper next year"; frontier list
//! prices moved from flat (Sonnet $3/$15, 2024–2026) to −67 % (Opus $15/$75 → $5/$25, Nov 2025);
//! at constant capability the decline is 10× a year (a16z, 2024-11) to 9–900× (Epoch AI, 2025-03).
//! A budget should not bank on the fast end, so the default is conservative and editable.

use super::units::Usd;

/// The default annual price decline (see the module docs for its sources).
pub const DEFAULT_ANNUAL_PRICE_DECLINE: f64 = 0.30;

/// One month of a projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthPoint {
    /// Month index, 0 = the first month.
    pub month: u32,
    /// Traffic relative to the first month.
    pub traffic_factor: f64,
    /// Prices relative to the first month.
    pub price_factor: f64,
    /// The month's bill.
    pub cost: Usd,
    /// The bills of months 0..=month.
    pub cumulative: Usd,
}

/// A bill projected month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// One point per month.
    pub months: Vec<MonthPoint>,
    /// Sum of every month.
    pub total: Usd,
    /// What the same months would cost with no growth and no price change.
    pub flat_total: Usd,
}

/// Projects `base` (one month's bill) over `months` months. Rates are clamped to sane ranges
/// (growth ≥ −100 %, decline in [0, 100 %]) and factors that would overflow saturate at the
/// largest finite value, so the result is always finite.
pub fn project(base: Usd, months: u32, monthly_growth: f64, annual_decline: f64) -> Projection {
    let g = monthly_growth.max(-1.0);
    let keep = 1.0 - annual_decline.clamp(0.0, 1.0);
    let mut cumulative = Usd::ZERO;
    let points = (0..months)
        .map(|m| {
            let traffic_factor = finite((1.0 + g).powf(f64::from(m)));
            let price_factor = keep.powf(f64::from(m) / 12.0);
            let cost =
                Usd::new(finite(base.value() * traffic_factor * price_factor)).unwrap_or(Usd::ZERO);
            cumulative = Usd::new(finite(cumulative.value() + cost.value())).unwrap_or(cumulative);
            MonthPoint {
                month: m,
                traffic_factor,
                price_factor,
                cost,
                cumulative,
            }
        })
        .collect();
    Projection {
        months: points,
        total: cumulative,
        flat_total: base * f64::from(months),
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        f64::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(v: f64) -> Usd {
        Usd::new(v).unwrap_or(Usd::ZERO)
    }

    fn close(a: Usd, b: f64) -> bool {
        (a.value() - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn flat_projection_repeats_the_bill() {
        let p = project(usd(1_000.0), 12, 0.0, 0.0);
        assert_eq!(p.months.len(), 12);
        assert!(close(p.total, 12_000.0));
        assert!(close(p.flat_total, 12_000.0));
    }

    /// $1,000 a month growing 5 % a month with prices falling 30 % a year: month 12 (the 13th
    /// month) costs 1,000 × 1.05¹² × 0.7 = 1,000 × 1.795856… × 0.7 = $1,257.10.
    #[test]
    fn growth_and_decline_compound() {
        let p = project(usd(1_000.0), 24, 0.05, 0.30);
        assert!((p.months[12].cost.value() - 1_257.099_6).abs() < 0.01);
        assert!((p.months[12].price_factor - 0.7).abs() < 1e-12);
        // Prices alone: the 12 months of the first year cost Σ 0.7^(m/12) × 1,000.
        let decline_only = project(usd(1_000.0), 12, 0.0, 0.30);
        let want: f64 = (0..12)
            .map(|m| 1_000.0 * 0.7f64.powf(f64::from(m) / 12.0))
            .sum();
        assert!(close(decline_only.total, want));
        assert!(decline_only.total < decline_only.flat_total);
    }

    #[test]
    fn extreme_rates_stay_finite() {
        let p = project(usd(1e18), 36, 1e6, -5.0);
        assert!(p
            .months
            .iter()
            .all(|m| m.cost.is_finite() && m.cumulative.is_finite()));
        let p = project(usd(100.0), 36, -3.0, 2.0);
        assert!(p.months.iter().skip(1).all(|m| m.cost == Usd::ZERO));
    }
}
