//! The commitment inputs: the GPU demand over time, on-demand, reserved and spot prices, the
//! risks to test, and three questions about the team. Plain data; the formulas are in
//! [`crate::core::commitment`].
//!
//! Every default says where it comes from. "Assumption" marks a judgement a user should
//! replace with their own figure; the page shows these sources beside the fields.

use serde::{Deserialize, Serialize};

/// Most hourly values an uploaded demand series may hold (about eleven years of hours).
pub const MAX_SERIES_HOURS: usize = 100_000;
/// Largest demand in one hour, GPUs.
pub const MAX_GPUS: f64 = 1_000_000.0;

/// Where the hourly GPU demand comes from.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DemandSource {
    /// The self-hosting sizing of the API workloads: its average load and peak ÷ average.
    #[serde(rename = "self_host", alias = "SelfHost")]
    SelfHost,
    /// Generated from an average, a peak ÷ average and a daily shape.
    #[default]
    #[serde(rename = "generated", alias = "Generated")]
    Generated,
    /// An hourly series the user pasted or uploaded.
    #[serde(rename = "series", alias = "Series")]
    Series,
}

impl DemandSource {
    /// Every source, in the order the page offers them.
    pub const ALL: [DemandSource; 3] = [Self::Generated, Self::SelfHost, Self::Series];

    /// Stable key for the page's drop-down and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Self::SelfHost => "selfhost",
            Self::Generated => "generated",
            Self::Series => "series",
        }
    }

    /// Label for the drop-down.
    pub fn label(self) -> &'static str {
        match self {
            Self::SelfHost => "From the self-hosting sizing",
            Self::Generated => "Average and peak I enter",
            Self::Series => "Hourly series (paste or upload)",
        }
    }

    /// The source with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// How demand moves within a day.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DailyShape {
    /// The same every hour.
    #[serde(rename = "flat", alias = "Flat")]
    Flat,
    /// High from 09:00 to 17:00, low otherwise.
    #[serde(rename = "business_hours", alias = "BusinessHours")]
    BusinessHours,
    /// A smooth day/night wave peaking at 15:00.
    #[default]
    #[serde(rename = "day_night", alias = "DayNight")]
    DayNight,
}

impl DailyShape {
    /// Every shape.
    pub const ALL: [DailyShape; 3] = [Self::Flat, Self::BusinessHours, Self::DayNight];

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Flat => "flat",
            Self::BusinessHours => "business",
            Self::DayNight => "daynight",
        }
    }

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Flat => "Flat",
            Self::BusinessHours => "Business hours (09–17)",
            Self::DayNight => "Smooth day and night",
        }
    }

    /// The shape with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// How a reservation's price is entered.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RateMode {
    /// A discount on the on-demand price.
    #[default]
    #[serde(rename = "discount", alias = "Discount")]
    Discount,
    /// An all-in price per GPU-hour.
    #[serde(rename = "price", alias = "Price")]
    Price,
}

/// When a reservation is paid.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Payment {
    /// Every hour of the term.
    #[default]
    #[serde(rename = "no_upfront", alias = "NoUpfront")]
    NoUpfront,
    /// A share at the start, the rest hourly.
    #[serde(rename = "partial", alias = "Partial")]
    Partial,
    /// The whole term at the start.
    #[serde(rename = "all_upfront", alias = "AllUpfront")]
    AllUpfront,
}

impl Payment {
    /// Every option.
    pub const ALL: [Payment; 3] = [Self::NoUpfront, Self::Partial, Self::AllUpfront];

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Self::NoUpfront => "none",
            Self::Partial => "partial",
            Self::AllUpfront => "all",
        }
    }

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::NoUpfront => "No upfront",
            Self::Partial => "Partial upfront",
            Self::AllUpfront => "All upfront",
        }
    }

    /// The option with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The price of one reservation term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermPricing {
    /// Whether `discount_pct` or `price` applies.
    pub mode: RateMode,
    /// Discount on the on-demand price, percent.
    pub discount_pct: f64,
    /// All-in price per GPU-hour of the term, $.
    pub price: f64,
    /// When it is paid.
    pub payment: Payment,
    /// Share of the term's total paid at the start with [`Payment::Partial`], percent.
    pub upfront_pct: f64,
}

impl Default for TermPricing {
    fn default() -> Self {
        Self {
            mode: RateMode::Discount,
            discount_pct: 0.0,
            price: 0.0,
            payment: Payment::NoUpfront,
            upfront_pct: 50.0,
        }
    }
}

impl TermPricing {
    /// Share of the term's total paid upfront, 0–1.
    pub fn upfront_share(&self) -> f64 {
        match self.payment {
            Payment::NoUpfront => 0.0,
            Payment::Partial => self.upfront_pct / 100.0,
            Payment::AllUpfront => 1.0,
        }
    }
}

/// Median discount of a 1-year reservation on the same provider's on-demand price: 30.5 %.
/// Six pairs in `data/gpu_rental.csv` (AWS p4d, g6e and g6, `DigitalOcean` H100 and
/// H200, Civo H100; read 2026-09-17 to 2026-10-06); `tests/commitment.rs` recomputes it.
pub const ONE_YEAR_DISCOUNT_PCT: f64 = 30.5;
/// Median discount of a 3-year reservation: 56.4 %. Six pairs in `gpu_rental.csv` (AWS p5,
/// p4d, g6e and g6, Google Cloud a3-highgpu committed use, Azure `ND96isr` H100 v5; read
/// 2026-09-17 to 2026-09-19).
pub const THREE_YEAR_DISCOUNT_PCT: f64 = 56.4;
/// Median spot discount on the same provider's on-demand price: 45.1 %. Fourteen pairs in
/// `gpu_rental.csv` (AWS, Google Cloud, Azure, `CoreWeave`, Together AI; 2026-09 to 2026-10).
pub const SPOT_DISCOUNT_PCT: f64 = 45.1;

/// Everything the commitment calculator reads.
// Four yes/no answers a user gives; an enum per flag would not read better.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commitment {
    /// Where the demand comes from.
    pub source: DemandSource,
    /// Average GPUs in use in the first month ([`DemandSource::Generated`]). Default 16, an
    /// assumption: one 8-GPU node at night, four at the peak.
    pub mean_gpus: f64,
    /// Busiest hour ÷ average ([`DemandSource::Generated`]).
    pub peak_to_mean: f64,
    /// How demand moves within a day.
    pub shape: DailyShape,
    /// Weekend demand as a percentage of weekday demand.
    pub weekend_pct: f64,
    /// Demand growth per month, percent (negative for a decline).
    pub monthly_growth_pct: f64,
    /// GPUs in use, hour by hour ([`DemandSource::Series`]).
    pub series: Vec<f64>,
    /// On-demand $ per GPU-hour; `None` uses the self-hosting rental price.
    pub on_demand: Option<f64>,
    /// The 1-year reservation.
    pub one_year: TermPricing,
    /// The 3-year reservation.
    pub three_year: TermPricing,
    /// Yearly rate at which upfront payments are valued, percent.
    pub discount_rate_pct: f64,
    /// Serve part of the uncommitted demand on spot capacity.
    pub spot: bool,
    /// Spot $ per GPU-hour; `None` applies [`SPOT_DISCOUNT_PCT`] to the on-demand price.
    pub spot_price: Option<f64>,
    /// Share of the uncommitted demand that runs on spot, percent.
    pub spot_share_pct: f64,
    /// Extra GPU-hours spot needs (work redone after interruptions, spare capacity), percent.
    pub spot_overhead_pct: f64,
    /// Demand change to stress-test, ± percent.
    pub demand_change_pct: f64,
    /// Yearly fall of on-demand (and spot) prices to stress-test, percent.
    pub price_decline_pct: f64,
    /// One standard deviation of the demand level in the Monte Carlo, percent.
    pub demand_uncertainty_pct: f64,
    /// Seed of the Monte Carlo draws.
    pub seed: u32,
    /// Monte Carlo draws.
    pub draws: u32,
    /// "Do you know your monthly volume?"
    pub know_volume: bool,
    /// "Is it predictable?"
    pub predictable: bool,
    /// "Do you have a team to run GPUs?"
    pub has_team: bool,
}

impl Default for Commitment {
    /// Demand of 16 GPUs on average with the busiest hour at twice that, a smooth day/night
    /// shape and weekends at 60 %; reservations at the median published discounts (30.5 % for 1 year, 56.4 % for 3,
    /// no upfront), upfront payments valued at 7 % a year; no spot; risks of ±30 % demand and
    /// on-demand prices falling 30 % a year, demand uncertain by 25 %, 10,000 draws.
    ///
    /// Sources: discounts, see [`ONE_YEAR_DISCOUNT_PCT`] and friends. 30 % a year: "hardware
    /// cost −30 %/yr", Stanford HAI AI Index 2025 (`data/price_decline.csv`), the low
    /// end of the 30–50 % a year the field expects for inference. Assumptions: weekends at
    /// 60 %, 7 % a year (the self-hosting cost of capital), 25 % demand uncertainty, 50 % of
    /// the uncommitted demand tolerating spot with 15 % overhead, 16 GPUs at 2× peak when
    /// entered by hand.
    fn default() -> Self {
        Self {
            source: DemandSource::Generated,
            mean_gpus: 16.0,
            peak_to_mean: 2.0,
            shape: DailyShape::DayNight,
            weekend_pct: 60.0,
            monthly_growth_pct: 0.0,
            series: Vec::new(),
            on_demand: None,
            one_year: TermPricing {
                discount_pct: ONE_YEAR_DISCOUNT_PCT,
                ..TermPricing::default()
            },
            three_year: TermPricing {
                discount_pct: THREE_YEAR_DISCOUNT_PCT,
                ..TermPricing::default()
            },
            discount_rate_pct: 7.0,
            spot: false,
            spot_price: None,
            spot_share_pct: 50.0,
            spot_overhead_pct: 15.0,
            demand_change_pct: 30.0,
            price_decline_pct: 30.0,
            demand_uncertainty_pct: 25.0,
            seed: 1,
            draws: 10_000,
            know_volume: true,
            predictable: true,
            has_team: true,
        }
    }
}

impl Commitment {
    /// The 3-year term's pricing, or the 1-year's.
    pub fn term(&self, three: bool) -> &TermPricing {
        if three {
            &self.three_year
        } else {
            &self.one_year
        }
    }

    /// The 3-year term's pricing, or the 1-year's, to change.
    pub fn term_mut(&mut self, three: bool) -> &mut TermPricing {
        if three {
            &mut self.three_year
        } else {
            &mut self.one_year
        }
    }

    /// Checks every number against its bounds and the series' values.
    ///
    /// # Errors
    /// The first problem found, naming the field.
    pub fn validate(&self) -> Result<(), super::ScenarioError> {
        use super::{CommitmentField, CommitmentOptional, Location, Problem, TermField};
        let fail = |label: String, problem| {
            Err(super::ScenarioError {
                location: Location::Commitment(label),
                problem,
            })
        };
        for &f in CommitmentField::ALL {
            if let Err(p) = f.spec().check(f.get(self)) {
                return fail(f.spec().label.to_owned(), Problem::Field(p));
            }
        }
        for &f in CommitmentOptional::ALL {
            if let Some(v) = f.get(self) {
                if let Err(p) = f.spec().check(v) {
                    return fail(f.spec().label.to_owned(), Problem::Field(p));
                }
            }
        }
        for (name, term) in [("1-year", &self.one_year), ("3-year", &self.three_year)] {
            for &f in TermField::ALL {
                if let Err(p) = f.spec().check(f.get(term)) {
                    return fail(format!("{name} {}", f.spec().label), Problem::Field(p));
                }
            }
        }
        if self.series.len() > MAX_SERIES_HOURS {
            return fail(
                "Hourly series".to_owned(),
                Problem::SeriesTooLong(self.series.len()),
            );
        }
        if let Some(i) = self
            .series
            .iter()
            .position(|v| !v.is_finite() || *v < 0.0 || *v > MAX_GPUS)
        {
            return fail(
                "Hourly series".to_owned(),
                Problem::SeriesValue { hour: i + 1 },
            );
        }
        Ok(())
    }
}
