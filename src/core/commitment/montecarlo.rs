//! The seeded Monte Carlo over demand and price outcomes (formulas in the parent module).

use super::{Plan, PricedDemand};
use crate::core::units::Usd;

/// `SplitMix64`: a small, fast generator with a 64-bit state; the same seed gives the same
/// draws on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Percentiles of a plan's 36-month cost over the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// 10th percentile.
    pub p10: Usd,
    /// Median.
    pub p50: Usd,
    /// 90th percentile.
    pub p90: Usd,
}

/// The Monte Carlo's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarlo {
    /// Draws made.
    pub draws: u32,
    /// The seed.
    pub seed: u32,
    /// Each plan's spread, in [`Plan::ALL`] order.
    pub spreads: Vec<Spread>,
    /// Share of draws in which each plan is the cheapest of the three.
    pub cheapest: Vec<f64>,
}

/// What the Monte Carlo reads from the Commitment inputs, as fractions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct McSettings {
    /// Draws.
    pub draws: u32,
    /// Seed.
    pub seed: u32,
    /// Standard deviation of demand ÷ forecast.
    pub uncertainty: f64,
    /// Expected yearly price fall.
    pub decline: f64,
}

impl McSettings {
    /// The settings of a Commitment (percentages become fractions).
    pub fn of(c: &crate::scenario::Commitment) -> Self {
        Self {
            draws: c.draws,
            seed: c.seed,
            uncertainty: c.demand_uncertainty_pct / 100.0,
            decline: c.price_decline_pct / 100.0,
        }
    }

    /// Runs [`monte_carlo`] with these settings.
    pub fn run(self, model: &PricedDemand) -> MonteCarlo {
        monte_carlo(model, self.draws, self.seed, self.uncertainty, self.decline)
    }
}

/// Nearest-rank percentile of values sorted from the largest.
fn percentile(desc: &[f64], q: f64) -> f64 {
    let n = desc.len();
    if n == 0 {
        return 0.0;
    }
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    desc[n - rank]
}

fn usd(v: f64) -> Usd {
    Usd::new(v).unwrap_or(Usd::ZERO)
}

/// `draws` outcomes: demand ÷ forecast log-normal with mean 1 and standard deviation
/// `uncertainty`; prices falling a uniform 0 to `2 × decline` a year (at most 95 %).
pub fn monte_carlo(
    model: &PricedDemand,
    draws: u32,
    seed: u32,
    uncertainty: f64,
    decline: f64,
) -> MonteCarlo {
    let mut rng = SplitMix(u64::from(seed));
    let sigma2 = (1.0 + uncertainty * uncertainty).ln();
    let sigma = sigma2.sqrt();
    let max_decline = (2.0 * decline).min(0.95);
    let n = draws as usize;
    let mut costs: Vec<Vec<f64>> = vec![Vec::with_capacity(n); Plan::ALL.len()];
    let mut wins = [0usize; 3];
    for _ in 0..n {
        let m = (sigma * rng.normal() - sigma2 / 2.0).exp();
        let d = max_decline * rng.uniform();
        let prices = PricedDemand::price_factors(d);
        let draw = Plan::ALL.map(|p| model.plan_total(p, m, d, &prices, None));
        let best = draw.iter().copied().fold(f64::INFINITY, f64::min);
        for (list, cost) in costs.iter_mut().zip(draw) {
            list.push(cost);
        }
        if let Some(i) = draw.iter().position(|c| *c <= best) {
            wins[i] += 1;
        }
    }
    let spreads = costs
        .iter_mut()
        .map(|list| {
            list.sort_unstable_by(crate::core::demand::largest_first);
            Spread {
                p10: usd(percentile(list, 0.1)),
                p50: usd(percentile(list, 0.5)),
                p90: usd(percentile(list, 0.9)),
            }
        })
        .collect();
    let share = |k: usize| if n > 0 { k as f64 / n as f64 } else { 0.0 };
    MonteCarlo {
        draws,
        seed,
        spreads,
        cheapest: wins.iter().map(|w| share(*w)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_have_the_promised_distribution() {
        let mut rng = SplitMix(7);
        let (s2, n) = ((1.0f64 + 0.25 * 0.25).ln(), 200_000);
        let ms: Vec<f64> = (0..n)
            .map(|_| (s2.sqrt() * rng.normal() - s2 / 2.0).exp())
            .collect();
        let mean = ms.iter().sum::<f64>() / f64::from(n);
        let sd = (ms.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / f64::from(n)).sqrt();
        assert!((mean - 1.0).abs() < 0.005, "{mean}");
        assert!((sd - 0.25).abs() < 0.005, "{sd}");
        let u: f64 = (0..n).map(|_| rng.uniform()).sum::<f64>() / f64::from(n);
        assert!((u - 0.5).abs() < 0.005);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert!((percentile(&v, 0.1) - 1.0).abs() < 1e-12);
        assert!((percentile(&v, 0.5) - 5.0).abs() < 1e-12);
        assert!((percentile(&v, 0.9) - 9.0).abs() < 1e-12);
        assert!((percentile(&[], 0.5)).abs() < 1e-12);
    }
}
