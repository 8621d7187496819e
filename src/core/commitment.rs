//! Reserved against on-demand: how much GPU capacity to commit, what it saves, what it risks.
//!
//! # Formulas
//! Notation: `d_h` GPUs in use in hour `h` ([`super::demand`]), `p` the on-demand price per
//! GPU-hour, `v` the price of uncommitted GPU-hours, `r` a reservation's effective price per
//! committed GPU-hour, `H` the hours of a term.
//!
//! - **Uncommitted price.** `v = p`, or with spot `v = (1 − s) p + s × spot × (1 + o)` for a
//!   share `s` of the uncommitted demand on spot capacity that needs `o` more GPU-hours
//!   (interruptions redone, spare capacity).
//! - **Reservation price.** The all-in price `R` is typed, or `p × (1 − discount)`. Paying a
//!   share `u` upfront, the upfront is `U = u × R × H` per GPU and the hourly fee `f = (1 − u)
//!   R`. Valued at a yearly discount rate `i`, the upfront becomes a monthly payment
//!   ([`super::selfhost::amortized_monthly`]: `U i/12 / (1 − (1 + i/12)^−N)` over `N` months), so
//!   `r = f + that ÷ hours a month`; at 0 % `r = R`. An upfront breaks even against on-demand
//!   after `U / (p − f)` hours of use: $0.12 on demand against $0.075 an hour plus $300
//!   upfront takes 6,667 hours.
//! - **Cost of a commitment** `c` over a term: `cost(c) = H c r + v Σ_h max(0, d_h − c)`.
//!   It is convex and piecewise linear; its slope is `H r − v × #{h : d_h > c}`. So the
//!   optimum is the demand of the `k`-th busiest hour, `k = ⌊H r / v⌋` (0-based; no commitment
//!   when `r ≥ v`): the level where the share of hours above it equals `r / v`. No search.
//!   GPUs are whole, so the level bought is the better of that quantile's floor and ceiling
//!   (`cost` is convex, so one of them is the whole-GPU optimum).
//! - **Shown for each term**: coverage `Σ min(d, c) / Σ d`, utilization of the commitment
//!   `Σ min(d, c) / (H c)`, waste `H c − Σ min(d, c)` GPU-hours, savings against no commitment
//!   (`cost(0)`) and against reserving for the peak (`cost(⌈max d⌉)`), and the break-even
//!   utilization `r / p`: a 40 % discount pays for itself from 60 % use.
//! - **Plans over 36 months.** No commitment; 1-year reservations, each year at that year's
//!   optimum, renewed at that year's prices; one 3-year reservation at the 36-month optimum.
//! - **Risk.** Demand turns out `m` times the forecast (revealed after the first commitment:
//!   1-year renewals follow it, the first year and a 3-year term do not), and on-demand and
//!   spot prices fall `δ` a year, month by month (`v_t = v (1 − δ)^{t/12}`); a 1-year renewal
//!   in year `k` costs `r (1 − δ)^k`. A plan's cost is then `Σ_t [H_t c_t r_t + v_t m Σ_{h∈t}
//!   max(0, d_h − c_t / m)]`. The **regret** of a plan is its cost minus the cheapest cost in
//!   hindsight (no commitment, or the best whole level of each term for that outcome, found
//!   by bisection on the convex cost).
//! - **Monte Carlo.** `m` is log-normal with mean 1 and the demand uncertainty as its standard
//!   deviation; `δ` is uniform between 0 and twice the expected decline (at most 95 %). Draws
//!   come from `SplitMix64` seeded by the user, so a seed always gives the same P10/P50/P90.

use super::demand::{self, Months, Stretch, HORIZON_MONTHS};
pub use super::demand::{DemandProfile, WeekBand};
use super::format;
use super::hardware::Hardware;
use super::selfhost::{self, amortized_monthly, SelfHostError, SelfHostReport};
use super::units::Usd;
use crate::scenario::commitment::{Commitment, DemandSource, RateMode, TermPricing};
use crate::scenario::{ScenarioError, SelfHost};
use std::sync::Arc;

mod montecarlo;
mod recommend;
pub use montecarlo::{monte_carlo, McSettings, MonteCarlo, Spread};
pub use recommend::Recommendation;

/// Months in a year.
const YEAR: usize = 12;
/// Points on the cost-against-commitment chart, at most.
const CURVE_POINTS: usize = 80;

/// A reservation's price per GPU: what is paid each hour, what upfront, and the effective
/// price per committed hour once the upfront is valued at the discount rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermRate {
    /// Months in the term.
    pub months: f64,
    /// Fee per GPU-hour of the term, $.
    pub hourly_fee: f64,
    /// Paid at the start, $ per GPU.
    pub upfront: f64,
    /// The hourly fee plus the upfront as a monthly annuity at the discount rate, per hour.
    pub effective: f64,
}

impl TermRate {
    /// A term of `months` with an hourly fee and an upfront payment per GPU.
    pub fn new(
        hourly_fee: f64,
        upfront: f64,
        months: f64,
        hours_per_month: f64,
        yearly_rate: f64,
    ) -> Self {
        Self {
            months,
            hourly_fee,
            upfront,
            effective: hourly_fee
                + amortized_monthly(upfront, months, yearly_rate) / hours_per_month.max(1e-9),
        }
    }

    /// The term's price from what the user entered (see the module's formulas).
    pub fn from_pricing(
        p: &TermPricing,
        on_demand: f64,
        months: f64,
        hours_per_month: f64,
        yearly_rate: f64,
    ) -> Self {
        let all_in = match p.mode {
            RateMode::Discount => on_demand * (1.0 - p.discount_pct / 100.0),
            RateMode::Price => p.price,
        };
        let share = p.upfront_share();
        Self::new(
            all_in * (1.0 - share),
            all_in * share * months * hours_per_month,
            months,
            hours_per_month,
            yearly_rate,
        )
    }

    /// `effective ÷ on-demand`: the share of hours a reserved GPU must be busy to cost no more
    /// than on-demand. `None` when on-demand is free.
    pub fn break_even_utilization(&self, on_demand: f64) -> Option<f64> {
        (on_demand > 0.0).then(|| self.effective / on_demand)
    }

    /// Hours of use after which the upfront has paid for itself: `upfront / (on-demand − fee)`.
    /// `None` without an upfront or when the fee alone costs as much as on-demand.
    pub fn upfront_break_even_hours(&self, on_demand: f64) -> Option<f64> {
        (self.upfront > 0.0 && on_demand > self.hourly_fee)
            .then(|| self.upfront / (on_demand - self.hourly_fee))
    }
}

/// The commitment minimizing `H c r + v Σ max(0, d − c)` over a period, exactly: the demand of
/// the `⌊H r / v⌋`-th busiest hour. 0 when `r ≥ v` (never worth committing), the peak when
/// `r = 0`.
pub fn optimal_level(period: &impl Stretch, reserved: f64, uncommitted: f64) -> f64 {
    if uncommitted <= 0.0 || reserved >= uncommitted {
        return 0.0;
    }
    let k = (period.hours() * reserved / uncommitted).floor() as usize;
    period.nth_busiest(k)
}

/// `H c r + v Σ max(0, d − c)`.
pub fn term_cost(period: &impl Stretch, level: f64, reserved: f64, uncommitted: f64) -> f64 {
    period.hours() * level * reserved + uncommitted * period.excess(level)
}

/// The whole-GPU optimum: the floor or the ceiling of [`optimal_level`], whichever costs less
/// (the floor on a tie).
pub fn whole_level(period: &impl Stretch, reserved: f64, uncommitted: f64) -> f64 {
    whole_from(
        period,
        optimal_level(period, reserved, uncommitted),
        reserved,
        uncommitted,
    )
}

/// [`whole_level`] from an exact optimum already found.
pub fn whole_from(period: &impl Stretch, exact: f64, reserved: f64, uncommitted: f64) -> f64 {
    cheaper_whole(exact, |c| term_cost(period, c, reserved, uncommitted))
}

/// The floor or the ceiling of an exact optimum of a convex `cost`, whichever costs less (the
/// floor on a tie): the whole-GPU optimum.
fn cheaper_whole(exact: f64, cost: impl Fn(f64) -> f64) -> f64 {
    let (lo, hi) = (exact.floor(), exact.ceil());
    if cost(hi) < cost(lo) {
        hi
    } else {
        lo
    }
}

/// The ways to buy the GPU-hours, compared over the 36-month horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Everything on demand (and spot, if chosen).
    NoCommitment,
    /// 1-year reservations, renewed each year.
    OneYear,
    /// One 3-year reservation.
    ThreeYear,
}

impl Plan {
    /// The three plans, in the order tables show them.
    pub const ALL: [Plan; 3] = [Plan::NoCommitment, Plan::OneYear, Plan::ThreeYear];

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Plan::NoCommitment => "No commitment",
            Plan::OneYear => "1-year, renewed",
            Plan::ThreeYear => "3-year",
        }
    }

    /// How long the commitment lasts, for a sentence: "for 3 years".
    pub fn phrase(self) -> &'static str {
        match self {
            Plan::NoCommitment => "",
            Plan::OneYear => "for 1 year at a time, renewed each year at that year's level",
            Plan::ThreeYear => "for 3 years",
        }
    }

    /// Stable key for test ids and CSS.
    pub fn key(self) -> &'static str {
        match self {
            Plan::NoCommitment => "none",
            Plan::OneYear => "1y",
            Plan::ThreeYear => "3y",
        }
    }
}

/// The demand profile priced: the sorted demand ([`DemandProfile`], shared, never sorted
/// again) with the rates and the forecast's commitment levels, ready for fast evaluation of
/// plans, stress tests and the Monte Carlo.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedDemand {
    /// The demand, sorted month by month.
    pub profile: Arc<DemandProfile>,
    /// `v`, $ per uncommitted GPU-hour.
    pub uncommitted: f64,
    /// 1-year effective rate.
    pub one_year: f64,
    /// 3-year effective rate.
    pub three_year: f64,
    /// Exact 1-year optimum of each year's forecast.
    pub quantiles_1y: Vec<f64>,
    /// Exact 3-year optimum of the forecast.
    pub quantile_3y: f64,
    /// Whole-GPU 1-year level of each year's forecast.
    pub levels_1y: Vec<f64>,
    /// Whole-GPU 3-year level of the forecast.
    pub level_3y: f64,
}

impl PricedDemand {
    /// Prices the sorted demand: the forecast's optimal levels for each term.
    pub fn new(profile: Arc<DemandProfile>, uncommitted: f64, one: f64, three: f64) -> Self {
        let months = &profile.months;
        let years: Vec<Months> = months.chunks(YEAR).map(Months).collect();
        let quantiles_1y: Vec<f64> = years
            .iter()
            .map(|y| optimal_level(y, one, uncommitted))
            .collect();
        let levels_1y = years
            .iter()
            .zip(&quantiles_1y)
            .map(|(y, q)| whole_from(y, *q, one, uncommitted))
            .collect();
        let horizon = Months(months);
        let quantile_3y = optimal_level(&horizon, three, uncommitted);
        let level_3y = whole_from(&horizon, quantile_3y, three, uncommitted);
        Self {
            quantile_3y,
            profile,
            uncommitted,
            one_year: one,
            three_year: three,
            quantiles_1y,
            levels_1y,
            level_3y,
        }
    }

    /// Years in the horizon.
    pub fn year_count(&self) -> usize {
        self.profile.months.len().div_ceil(YEAR)
    }

    /// Year `k`'s months as one stretch.
    pub fn year(&self, k: usize) -> Months<'_> {
        Months(&self.profile.months[self.year_range(k)])
    }

    /// All 36 months as one stretch.
    pub fn horizon(&self) -> Months<'_> {
        Months(&self.profile.months)
    }

    /// `(1 − decline)^{t/12}` for each month `t`: on-demand and spot prices relative to today.
    pub fn price_factors(decline: f64) -> [f64; HORIZON_MONTHS] {
        let q = (1.0 - decline).max(0.0).powf(1.0 / YEAR as f64);
        let mut f = [1.0; HORIZON_MONTHS];
        for t in 1..HORIZON_MONTHS {
            f[t] = f[t - 1] * q;
        }
        f
    }

    /// `v_t m Σ max(0, d − c / m)` summed over `months`.
    fn uncommitted_cost(
        &self,
        months: std::ops::Range<usize>,
        level: f64,
        m: f64,
        prices: &[f64; HORIZON_MONTHS],
    ) -> f64 {
        if m <= 0.0 {
            return 0.0;
        }
        months
            .map(|t| self.uncommitted * prices[t] * m * self.profile.months[t].excess(level / m))
            .sum()
    }

    fn committed_cost(&self, months: std::ops::Range<usize>, level: f64, rate: f64) -> f64 {
        months.map(|t| self.profile.months[t].hours()).sum::<f64>() * level * rate
    }

    /// The 1-year rate in year `k` when prices fall `decline` a year.
    fn one_year_rate(&self, k: usize, decline: f64) -> f64 {
        self.one_year * (1.0 - decline).powf(k as f64)
    }

    fn year_range(&self, k: usize) -> std::ops::Range<usize> {
        k * YEAR..((k + 1) * YEAR).min(self.profile.months.len())
    }

    /// The cost of `plan` over the horizon when demand is `m` × the forecast and prices fall
    /// `decline` a year, with the levels it holds each year.
    pub fn plan_cost(&self, plan: Plan, m: f64, decline: f64) -> (f64, Vec<f64>) {
        let mut levels = Vec::with_capacity(self.year_count());
        let cost = self.plan_total(
            plan,
            m,
            decline,
            &Self::price_factors(decline),
            Some(&mut levels),
        );
        (cost, levels)
    }

    /// [`PricedDemand::plan_cost`] without allocating, for the Monte Carlo; `prices` are
    /// [`PricedDemand::price_factors`] of `decline`.
    pub fn plan_total(
        &self,
        plan: Plan,
        m: f64,
        decline: f64,
        prices: &[f64; HORIZON_MONTHS],
        mut levels: Option<&mut Vec<f64>>,
    ) -> f64 {
        let mut record = |l: f64| {
            if let Some(list) = levels.as_deref_mut() {
                list.push(l);
            }
        };
        match plan {
            Plan::NoCommitment => {
                for _ in 0..self.year_count() {
                    record(0.0);
                }
                (0..self.profile.months.len())
                    .map(|t| self.uncommitted * prices[t] * m * self.profile.months[t].total())
                    .sum()
            }
            Plan::OneYear => {
                let mut total = 0.0;
                for k in 0..self.year_count() {
                    let level = if k == 0 {
                        self.levels_1y[0]
                    } else {
                        self.renewal(k, m)
                    };
                    let range = self.year_range(k);
                    total +=
                        self.committed_cost(range.clone(), level, self.one_year_rate(k, decline))
                            + self.uncommitted_cost(range, level, m, prices);
                    record(level);
                }
                total
            }
            Plan::ThreeYear => {
                let level = self.level_3y;
                for _ in 0..self.year_count() {
                    record(level);
                }
                let all = 0..self.profile.months.len();
                self.committed_cost(all.clone(), level, self.three_year)
                    + self.uncommitted_cost(all, level, m, prices)
            }
        }
    }

    /// The whole level a 1-year renewal in year `k` buys once demand is known to be `m` × the
    /// forecast: the forecast's quantile scaled by `m` (the rates' ratio is the same at
    /// renewal), floor or ceiling, whichever costs less.
    ///
    /// Scaling demand by `m` scales the cost: `H c r + v m Σ max(0, d − c/m)` is
    /// `m × cost(c/m)` of the forecast.
    fn renewal(&self, k: usize, m: f64) -> f64 {
        if m <= 0.0 {
            return 0.0;
        }
        let year = self.year(k);
        cheaper_whole(m * self.quantiles_1y[k], |c| {
            m * term_cost(&year, c / m, self.one_year, self.uncommitted)
        })
    }

    /// The cheapest whole level for `months` at a reserved rate, in hindsight of `m` and
    /// `decline`: bisection on the convex cost's forward difference.
    fn hindsight(
        &self,
        months: std::ops::Range<usize>,
        rate: f64,
        m: f64,
        prices: &[f64; HORIZON_MONTHS],
    ) -> f64 {
        let f = |c: f64| {
            self.committed_cost(months.clone(), c, rate)
                + self.uncommitted_cost(months.clone(), c, m, prices)
        };
        let peak = months
            .clone()
            .map(|t| self.profile.months[t].peak())
            .fold(0.0, f64::max);
        let (mut lo, mut hi) = (0.0_f64, (peak * m).ceil());
        while hi - lo >= 1.0 {
            let mid = f64::midpoint(lo, hi).floor();
            if f(mid + 1.0) >= f(mid) {
                hi = mid;
            } else {
                lo = mid + 1.0;
            }
        }
        f(lo)
    }

    /// The cheapest cost any plan could have had, knowing `m` and `decline` in advance.
    pub fn best_in_hindsight(&self, m: f64, decline: f64) -> f64 {
        let prices = Self::price_factors(decline);
        let none = self.plan_total(Plan::NoCommitment, m, decline, &prices, None);
        let one: f64 = (0..self.year_count())
            .map(|k| {
                self.hindsight(
                    self.year_range(k),
                    self.one_year_rate(k, decline),
                    m,
                    &prices,
                )
            })
            .sum();
        let three = self.hindsight(0..self.profile.months.len(), self.three_year, m, &prices);
        none.min(one).min(three)
    }
}

/// One reservation term, at its optimum for the forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct TermResult {
    /// 12 or 36.
    pub months: u32,
    /// Its price per GPU.
    pub rate: TermRate,
    /// The exact optimum (a demand quantile), GPUs.
    pub quantile: f64,
    /// Whole GPUs committed.
    pub level: f64,
    /// Share of the demand's GPU-hours the commitment serves.
    pub coverage: f64,
    /// Share of the committed GPU-hours in use.
    pub utilization: f64,
    /// Committed GPU-hours unused over the term.
    pub waste_gpu_hours: f64,
    /// What the unused hours cost over the term.
    pub waste: Usd,
    /// Average monthly cost at the optimum.
    pub monthly: Usd,
    /// Average monthly cost without commitment.
    pub monthly_none: Usd,
    /// Average monthly cost reserving for the peak.
    pub monthly_peak: Usd,
    /// Whole GPUs for the peak.
    pub peak_level: f64,
    /// Monthly saving against no commitment.
    pub saving_vs_none: Usd,
    /// Monthly saving against reserving for the peak.
    pub saving_vs_peak: Usd,
    /// `r / p`.
    pub break_even_utilization: Option<f64>,
    /// Hours until an upfront pays for itself.
    pub upfront_break_even_hours: Option<f64>,
}

/// A plan's cost over the horizon, as forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    /// Which plan.
    pub plan: Plan,
    /// 36 months.
    pub total: Usd,
    /// Average per month.
    pub monthly: Usd,
    /// GPUs committed in each year.
    pub levels: Vec<f64>,
}

/// A point of the cost-against-commitment chart: average monthly cost at a level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// GPUs committed.
    pub level: f64,
    /// 1-year term, first year.
    pub one_year: f64,
    /// 3-year term.
    pub three_year: f64,
}

/// One stress test: the plans' costs and regrets under an outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct StressRow {
    /// What happens, for a person.
    pub label: String,
    /// Demand ÷ forecast.
    pub demand_factor: f64,
    /// Yearly price fall.
    pub decline: f64,
    /// Cost of each plan in [`Plan::ALL`] order.
    pub costs: Vec<Usd>,
    /// The cheapest cost in hindsight.
    pub best: Usd,
    /// Cost − best, per plan.
    pub regrets: Vec<Usd>,
}

/// The four ways to serve the scenario's traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Pay per token (the API spend).
    Api,
    /// Self-host on rented GPUs, all on demand.
    OnDemand,
    /// Self-host on rented GPUs with the best commitment.
    Committed,
    /// Self-host on GPUs you own, renting the peaks on demand.
    Owned,
}

impl Way {
    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Way::Api => "API, per token",
            Way::OnDemand => "Rent on demand",
            Way::Committed => "Rent with a commitment",
            Way::Owned => "Own GPUs",
        }
    }

    /// For a sentence: "less than owning GPUs".
    pub fn noun(self) -> &'static str {
        match self {
            Way::Api => "paying per token",
            Way::OnDemand => "renting on demand",
            Way::Committed => "renting with a commitment",
            Way::Owned => "owning GPUs",
        }
    }

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Way::Api => "api",
            Way::OnDemand => "on-demand",
            Way::Committed => "committed",
            Way::Owned => "owned",
        }
    }
}

/// A row of the four-way comparison: average monthly cost over 36 months, as forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct WayLine {
    /// Which way.
    pub way: Way,
    /// Average monthly cost, staff and overhead included; `None` when it cannot be priced.
    pub monthly: Option<Usd>,
    /// What it assumes, or why it has no price.
    pub detail: String,
}

/// The commitment answer.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentReport {
    /// The GPU's name.
    pub gpu: String,
    /// Where the demand came from, for a person.
    pub demand_label: String,
    /// Average GPUs in use over the horizon.
    pub mean_gpus: f64,
    /// Busiest hour over the horizon.
    pub peak_gpus: f64,
    /// Quietest hour over the horizon.
    pub low_gpus: f64,
    /// On-demand $ per GPU-hour.
    pub on_demand: f64,
    /// Where the on-demand price comes from.
    pub on_demand_source: String,
    /// The 1-year and 3-year terms.
    pub terms: Vec<TermResult>,
    /// The three plans over 36 months.
    pub plans: Vec<PlanLine>,
    /// The cheapest plan as forecast.
    pub best: Plan,
    /// Average monthly cost against the level committed.
    pub curve: Vec<CurvePoint>,
    /// Stress tests.
    pub stress: Vec<StressRow>,
    /// The plan whose worst regret over the stress tests is smallest.
    pub robust: Plan,
    /// API, on demand, committed, owned.
    pub ways: Vec<WayLine>,
    /// The cheapest of the ways that have a price.
    pub cheapest_way: Option<Way>,
    /// What to do, in plain language.
    pub recommendation: Recommendation,
    /// Things the user should know.
    pub notes: Vec<String>,
    /// The priced demand (its profile shared with the demand stage), for the charts and the
    /// Monte Carlo.
    pub demand: Arc<PricedDemand>,
}

impl CommitmentReport {
    /// A plan's line of the plan table.
    pub fn plan(&self, plan: Plan) -> Option<&PlanLine> {
        self.plans.iter().find(|p| p.plan == plan)
    }

    /// The term of the cheapest plan as forecast; `None` when no commitment pays off.
    pub fn best_term(&self) -> Option<&TermResult> {
        match self.best {
            Plan::OneYear => self.terms.first(),
            Plan::ThreeYear => self.terms.get(1),
            Plan::NoCommitment => None,
        }
    }
}

/// Why there is no commitment answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitmentError {
    /// An input is out of bounds.
    Invalid(ScenarioError),
    /// The demand comes from self-hosting, which has no answer.
    SelfHost(String),
    /// No on-demand price: the GPU has no offer and none was typed.
    NoPrice(String),
    /// The series is empty, or demand is zero in every hour.
    NoDemand(DemandSource),
}

impl std::fmt::Display for CommitmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommitmentError::Invalid(e) => e.fmt(f),
            CommitmentError::SelfHost(why) => write!(
                f,
                "The demand comes from the self-hosting sizing, which has no answer: {why}"
            ),
            CommitmentError::NoPrice(gpu) => write!(
                f,
                "No on-demand price is listed for the {gpu}: enter one (Prices › On-demand price)."
            ),
            CommitmentError::NoDemand(DemandSource::Series) => f.write_str(
                "No demand: paste or upload an hourly series with at least one hour above zero.",
            ),
            CommitmentError::NoDemand(_) => f.write_str(
                "No demand: the GPUs in use are zero in every hour, so there is nothing to commit. Enter an average above zero, or traffic on the API spend tab.",
            ),
        }
    }
}

fn usd(v: f64) -> Usd {
    Usd::new(v).unwrap_or(Usd::ZERO)
}

/// The commitment answer for a Scenario, given its spend and self-hosting answers.
///
/// # Errors
/// See [`CommitmentError`]: the settings are checked first, then the on-demand price, then
/// the demand stage's own errors.
pub fn evaluate(
    c: &Commitment,
    s: &SelfHost,
    profile: &Result<Arc<DemandProfile>, CommitmentError>,
    api_monthly: Usd,
    selfhost: Result<&SelfHostReport, &SelfHostError>,
) -> Result<CommitmentReport, CommitmentError> {
    evaluate_in(&Hardware::BUILTIN, c, s, profile, api_monthly, selfhost)
}

/// [`evaluate`] with given hardware data (the catalog's, [`super::catalog::Catalog::hardware`]).
///
/// # Errors
/// As [`evaluate`].
#[allow(clippy::too_many_lines)]
pub fn evaluate_in(
    hw: &Hardware,
    c: &Commitment,
    s: &SelfHost,
    profile: &Result<Arc<DemandProfile>, CommitmentError>,
    api_monthly: Usd,
    selfhost: Result<&SelfHostReport, &SelfHostError>,
) -> Result<CommitmentReport, CommitmentError> {
    c.validate().map_err(CommitmentError::Invalid)?;
    s.validate_in(hw).map_err(CommitmentError::Invalid)?;
    let (_, _, gpu_name, gpu_spec) = selfhost::resolve_in(hw, s);
    let hpm = s.hours_per_month;
    let (on_demand, on_demand_source) = match (c.on_demand, selfhost::rental_price_in(hw, s)) {
        (Some(p), _) => (p, "Your on-demand price.".to_owned()),
        (None, Some(r)) => (
            r.usd_per_gpu_hour,
            r.offer.map_or_else(
                || "The self-hosting rental price you typed.".to_owned(),
                |o| {
                    format!(
                        "The self-hosting rental offer: {}, as of {}.",
                        o.label(),
                        o.as_of
                    )
                },
            ),
        ),
        (None, None) => return Err(CommitmentError::NoPrice(gpu_name)),
    };
    let profile = Arc::clone(profile.as_ref().map_err(Clone::clone)?);
    let demand_label = profile.label.clone();
    let mut notes = profile.notes.clone();

    let spot = c.spot.then(|| {
        let price = c
            .spot_price
            .unwrap_or(on_demand * (1.0 - crate::scenario::commitment::SPOT_DISCOUNT_PCT / 100.0));
        price * (1.0 + c.spot_overhead_pct / 100.0)
    });
    let uncommitted = spot.map_or(on_demand, |sp| {
        let share = c.spot_share_pct / 100.0;
        (1.0 - share) * on_demand + share * sp
    });
    let yearly_rate = c.discount_rate_pct / 100.0;
    let rates = [(&c.one_year, 12.0), (&c.three_year, 36.0)]
        .map(|(p, months)| TermRate::from_pricing(p, on_demand, months, hpm, yearly_rate));
    let model = PricedDemand::new(profile, uncommitted, rates[0].effective, rates[1].effective);

    // Each term at its optimum for the forecast.
    let first_year = model.year(0);
    let horizon = model.horizon();
    let terms: Vec<TermResult> = [
        (
            &first_year,
            rates[0],
            model.quantiles_1y[0],
            model.levels_1y[0],
        ),
        (&horizon, rates[1], model.quantile_3y, model.level_3y),
    ]
    .into_iter()
    .map(|(period, rate, quantile, level)| {
        let r = rate.effective;
        let months = rate.months;
        let served = period.served(level);
        let committed = period.hours() * level;
        let cost = term_cost(period, level, r, uncommitted);
        let none = term_cost(period, 0.0, r, uncommitted);
        let peak_level = period.peak().ceil();
        let peak = term_cost(period, peak_level, r, uncommitted);
        TermResult {
            months: months as u32,
            rate,
            quantile,
            level,
            coverage: if period.total() > 0.0 {
                served / period.total()
            } else {
                0.0
            },
            utilization: if committed > 0.0 {
                served / committed
            } else {
                0.0
            },
            waste_gpu_hours: (committed - served).max(0.0),
            waste: usd((committed - served).max(0.0) * r),
            monthly: usd(cost / months),
            monthly_none: usd(none / months),
            monthly_peak: usd(peak / months),
            peak_level,
            saving_vs_none: usd((none - cost) / months),
            saving_vs_peak: usd((peak - cost) / months),
            break_even_utilization: rate.break_even_utilization(on_demand),
            upfront_break_even_hours: rate.upfront_break_even_hours(on_demand),
        }
    })
    .collect();

    let months = HORIZON_MONTHS as f64;
    let plans: Vec<PlanLine> = Plan::ALL
        .into_iter()
        .map(|plan| {
            let (total, levels) = model.plan_cost(plan, 1.0, 0.0);
            PlanLine {
                plan,
                total: usd(total),
                monthly: usd(total / months),
                levels,
            }
        })
        .collect();
    let best = plans
        .iter()
        .min_by(|a, b| a.total.value().total_cmp(&b.total.value()))
        .map_or(Plan::NoCommitment, |p| p.plan);

    let peak = horizon.peak();
    let step = (peak / CURVE_POINTS as f64).ceil().max(1.0);
    let mut curve = Vec::new();
    let mut level = 0.0;
    loop {
        curve.push(CurvePoint {
            level,
            one_year: term_cost(&first_year, level, rates[0].effective, uncommitted) / 12.0,
            three_year: term_cost(&horizon, level, rates[1].effective, uncommitted) / 36.0,
        });
        if level >= peak.ceil() {
            break;
        }
        level = (level + step).min(peak.ceil());
    }

    let stress = stress_tests(&model, c);
    let robust = Plan::ALL
        .into_iter()
        .min_by(|a, b| worst_regret(&stress, *a).total_cmp(&worst_regret(&stress, *b)))
        .unwrap_or(Plan::NoCommitment);

    // The four ways, average monthly cost over the horizon with overhead and staff.
    let overhead = 1.0 + s.overhead_pct / 100.0;
    let staff = s.engineers * s.engineer_yearly_cost / 12.0;
    let with_costs = |gpu_total: f64| usd(gpu_total * overhead / months + staff);
    let growth = demand::growth_factors(c.monthly_growth_pct / 100.0);
    // The API's price for the same work: its bill for the workloads when they are the demand,
    // else the demand's GPU-hours × the tokens a GPU serves in an hour at the planned
    // utilization (self-hosting sizing) × the API's average price per token.
    let tokens_per_gpu_hour = selfhost.ok().and_then(|sh| {
        let t = sh.sizing.tokens_per_replica_month / (f64::from(sh.fit.gpus_per_replica) * hpm);
        (sh.tokens_per_month > 0.0 && t > 0.0).then_some((t, sh))
    });
    let (api, api_detail) = match (c.source, tokens_per_gpu_hour) {
        (DemandSource::SelfHost, _) => (
            Some(usd(
                api_monthly.value() * growth.iter().sum::<f64>() / months
            )),
            "The API spend tab's bill, with the same monthly growth.".to_owned(),
        ),
        (_, Some((per_gpu_hour, sh))) => {
            let per_token = api_monthly.value() / sh.tokens_per_month;
            (
                Some(usd(horizon.total() / months * per_gpu_hour * per_token)),
                format!(
                    "The same GPU-hours as tokens: {} tokens a GPU-hour ({} on {} at the planned utilization) at the API's {} per million.",
                    format::compact(per_gpu_hour),
                    sh.model,
                    sh.gpu,
                    sh.api_per_mtok.map_or_else(|| "—".to_owned(), format::usd)
                ),
            )
        }
        (_, None) => (
            None,
            "No API price for this demand: the self-hosting tab has no answer, or no traffic."
                .to_owned(),
        ),
    };
    let best_line = plans.iter().find(|p| p.plan == best);
    let owned = selfhost::buy_parts(s, &gpu_spec).map(|(_, parts)| {
        let per_gpu_month: f64 = parts.iter().map(|p| p.1).sum();
        let r = per_gpu_month / hpm;
        let level = whole_level(&horizon, r, uncommitted);
        (
            level,
            term_cost(&horizon, level, r, uncommitted),
            per_gpu_month,
        )
    });
    let staff_text = if staff > 0.0 {
        format!(", plus {} a month of staff", format::usd(usd(staff)))
    } else {
        String::new()
    };
    let ways = vec![
        WayLine {
            way: Way::Api,
            monthly: api,
            detail: api_detail,
        },
        WayLine {
            way: Way::OnDemand,
            monthly: plans.first().map(|p| with_costs(p.total.value())),
            detail: format!(
                "{} GPU-hours a month on average at {}/GPU-hour{staff_text}.",
                format::number(horizon.total() / months, 0),
                format::usd(usd(uncommitted))
            ),
        },
        WayLine {
            way: Way::Committed,
            monthly: best_line.map(|p| with_costs(p.total.value())),
            detail: best_line.map_or_else(String::new, |p| match p.plan {
                Plan::NoCommitment => "No commitment pays off at these prices.".to_owned(),
                _ => format!(
                    "{}: {} committed, the rest on demand.",
                    p.plan.label(),
                    gpus_text(&p.levels)
                ),
            }),
        },
        WayLine {
            way: Way::Owned,
            monthly: owned.map(|(_, cost, _)| with_costs(cost)),
            detail: owned.map_or_else(
                || format!("No purchase price for the {gpu_name}: enter one on the self-hosting tab."),
                |(level, _, per_gpu)| {
                    format!(
                        "Own {} at {} each a month (hardware, power, hosting), rent the peaks on demand.",
                        gpus_text(&[level]),
                        format::usd(usd(per_gpu))
                    )
                },
            ),
        },
    ];
    if c.spot {
        notes.push(format!(
            "{} of the uncommitted demand runs on spot at {}/GPU-hour with its overhead: {}/GPU-hour on average.",
            format::percent(c.spot_share_pct / 100.0),
            format::usd(usd(spot.unwrap_or(0.0))),
            format::usd(usd(uncommitted))
        ));
    }
    if hw.gpu(&s.gpu).is_none() {
        notes.push("Prices are for your custom GPU.".to_owned());
    }

    let mut report = CommitmentReport {
        gpu: gpu_name,
        demand_label,
        mean_gpus: horizon.total() / horizon.hours(),
        peak_gpus: peak,
        low_gpus: horizon.low(),
        on_demand,
        on_demand_source,
        terms,
        plans,
        best,
        curve,
        stress,
        robust,
        cheapest_way: recommend::cheapest(ways.iter()).map(|w| w.way),
        ways,
        recommendation: Recommendation::default(),
        notes,
        demand: Arc::new(model),
    };
    report.recommendation = recommend::recommend(&report, c, staff);
    Ok(report)
}

/// "1 GPU", "12 GPUs", "12 / 14 / 16 GPUs".
pub fn gpus_text(levels: &[f64]) -> String {
    let text = levels_text(levels);
    if text == "1" {
        "1 GPU".to_owned()
    } else {
        format!("{text} GPUs")
    }
}

/// "12 / 14 / 16" for levels that change by year, "12" when they do not.
pub fn levels_text(levels: &[f64]) -> String {
    let first = levels.first().copied().unwrap_or(0.0);
    if levels.iter().all(|l| (*l - first).abs() < 0.5) {
        format::number(first, 0)
    } else {
        levels
            .iter()
            .map(|l| format::number(*l, 0))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// A plan's largest regret over the stress tests.
pub fn worst_regret(stress: &[StressRow], plan: Plan) -> f64 {
    let i = Plan::ALL.iter().position(|p| *p == plan).unwrap_or(0);
    stress
        .iter()
        .map(|row| row.regrets.get(i).map_or(0.0, |v| v.value()))
        .fold(0.0, f64::max)
}

/// The stress tests: as forecast, demand down and up, prices down, demand and prices down.
pub fn stress_tests(model: &PricedDemand, c: &Commitment) -> Vec<StressRow> {
    let x = c.demand_change_pct / 100.0;
    let d = c.price_decline_pct / 100.0;
    let pct = |v: f64| format::percent(v);
    let cases = [
        ("As forecast".to_owned(), 1.0, 0.0),
        (format!("Demand {} lower", pct(x)), 1.0 - x, 0.0),
        (format!("Demand {} higher", pct(x)), 1.0 + x, 0.0),
        (format!("Prices fall {} a year", pct(d)), 1.0, d),
        (
            format!("Demand {} lower and prices fall {} a year", pct(x), pct(d)),
            1.0 - x,
            d,
        ),
    ];
    cases
        .into_iter()
        .map(|(label, m, decline)| {
            let costs: Vec<f64> = Plan::ALL
                .iter()
                .map(|p| model.plan_cost(*p, m, decline).0)
                .collect();
            let best = costs
                .iter()
                .copied()
                .fold(model.best_in_hindsight(m, decline), f64::min);
            StressRow {
                label,
                demand_factor: m,
                decline,
                regrets: costs.iter().map(|v| usd((v - best).max(0.0))).collect(),
                costs: costs.into_iter().map(usd).collect(),
                best: usd(best),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
