//! GPU demand over time: generated hour by hour from an average and a shape, or read from an
//! hourly series; and [`Period`], a sorted view of a stretch of hours that answers "how much
//! demand lies above a level" in logarithmic time.
//!
//! # Formulas
//! - **Week shape.** Hour `h` of the week (0 = Monday 00:00) has the raw level
//!   `day(h) × (1 + k × f(hour of day))`: `day` is 1 on weekdays and the weekend factor `w` on
//!   Saturday and Sunday; `f` is the daily wave in `[0, 1]`: 0 for a flat day, 1 from 09:00 to
//!   17:00 for business hours, `(1 + cos(2π (hour − 15) / 24)) / 2` for day and night (peak at
//!   15:00). The shape is the raw level divided by its weekly mean, so it averages 1.
//! - **Peak ÷ average.** With `W = (5 + 2w) / 7`, `M = max(1, w)` and `m_f` the wave's daily
//!   mean (0, 1/3 or 1/2), the busiest hour is `M (1 + k) / (W (1 + k m_f))` times the mean;
//!   solving for a requested ratio `P` gives `k = (P W − M) / (M − P W m_f)`. Ratios below
//!   `M / W` (what the weekend alone implies) use `k = 0`; ratios at or above `M / (W m_f)` use
//!   the wave alone (`k → ∞`). Both say so in a note. A flat day's ratio is `M / W`.
//! - **Horizon.** Demand covers `36 × hours a month` hours. Hour `h` falls in month
//!   `⌊h / hours a month⌋` and grows by `(1 + g)` each month: `d(h) = mean × shape(h mod 168)
//!   × (1 + g)^month`, or `series(h mod n) × (1 + g)^month` for an hourly series of `n` values,
//!   which repeats when it is shorter than the horizon.
//! - **Period.** The hours of a month, a year or the horizon, sorted from the busiest. With
//!   prefix sums, the demand above a level `c`, `Σ max(0, d − c)`, is one binary search.

use super::commitment::CommitmentError;
use super::format;
use super::selfhost::{SelfHostError, SelfHostReport};
use crate::scenario::commitment::{
    Commitment, DailyShape, DemandSource, MAX_GPUS, MAX_SERIES_HOURS,
};
use crate::scenario::{parse_number, Scenario, SelfHost};
use std::f64::consts::PI;
use std::sync::Arc;

/// Months every plan is compared over: the longest reservation term.
pub const HORIZON_MONTHS: usize = 36;
/// Hours in a week.
pub const HOURS_PER_WEEK: usize = 168;

/// The daily wave `f(hour)` in `[0, 1]`.
pub fn wave(shape: DailyShape, hour_of_day: usize) -> f64 {
    match shape {
        DailyShape::Flat => 0.0,
        DailyShape::BusinessHours => {
            if (9..17).contains(&hour_of_day) {
                1.0
            } else {
                0.0
            }
        }
        DailyShape::DayNight => {
            f64::midpoint(1.0, (2.0 * PI * (hour_of_day as f64 - 15.0) / 24.0).cos())
        }
    }
}

/// What [`week_shape`] changed in a requested peak ÷ average.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ShapeNote {
    /// The ratio was below what the weekend factor alone implies; this is the ratio used.
    Raised(f64),
    /// The ratio was above what the daily shape can reach; this is the ratio used.
    Capped(f64),
    /// A flat day has no peak of its own: this is the ratio the weekend implies.
    Flat(f64),
}

impl std::fmt::Display for ShapeNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShapeNote::Raised(p) => write!(
                f,
                "With this weekend factor the busiest hour is at least {}× the average; that is used.",
                format::number(*p, 2)
            ),
            ShapeNote::Capped(p) => write!(
                f,
                "This daily shape reaches at most {}× the average; that is used (choose business hours for sharper peaks).",
                format::number(*p, 2)
            ),
            ShapeNote::Flat(p) => write!(
                f,
                "A flat day has no daily peak: the busiest hour is {}× the average, from the weekend factor.",
                format::number(*p, 2)
            ),
        }
    }
}

/// One week of demand relative to its mean (168 values averaging 1), and the busiest hour ÷
/// the mean it has.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekShape {
    /// Relative demand, hour by hour from Monday 00:00.
    pub hours: Vec<f64>,
    /// The busiest hour ÷ the mean.
    pub peak_to_mean: f64,
    /// Set when the requested ratio could not be met exactly.
    pub note: Option<ShapeNote>,
}

/// The week shape for a daily shape, a requested busiest hour ÷ average `peak`, and the
/// weekend demand `weekend` as a fraction of weekdays. See the module's formulas.
pub fn week_shape(shape: DailyShape, peak: f64, weekend: f64) -> WeekShape {
    let w = weekend.max(0.0);
    let big_w = (5.0 + 2.0 * w) / 7.0;
    let big_m = w.max(1.0);
    let mean_wave = match shape {
        DailyShape::Flat => 0.0,
        DailyShape::BusinessHours => 8.0 / 24.0,
        DailyShape::DayNight => 0.5,
    };
    let lowest = big_m / big_w;
    // k = None means "the wave alone" (k → ∞).
    let (k, note) = if mean_wave == 0.0 {
        let differs = (peak - lowest).abs() > 0.005;
        (Some(0.0), differs.then_some(ShapeNote::Flat(lowest)))
    } else if peak <= lowest {
        let differs = lowest - peak > 0.005;
        (Some(0.0), differs.then_some(ShapeNote::Raised(lowest)))
    } else if peak * big_w * mean_wave >= big_m {
        (None, Some(ShapeNote::Capped(big_m / (big_w * mean_wave))))
    } else {
        (
            Some((peak * big_w - big_m) / (big_m - peak * big_w * mean_wave)),
            None,
        )
    };
    let raw: Vec<f64> = (0..HOURS_PER_WEEK)
        .map(|h| {
            let day = if h / 24 >= 5 { w } else { 1.0 };
            let f = wave(shape, h % 24);
            day * k.map_or(f, |k| 1.0 + k * f)
        })
        .collect();
    let mean = raw.iter().sum::<f64>() / HOURS_PER_WEEK as f64;
    if mean <= 0.0 {
        // Only a zero weekday level could do this; the bounds prevent it. Flat, to be safe.
        return WeekShape {
            hours: vec![1.0; HOURS_PER_WEEK],
            peak_to_mean: 1.0,
            note,
        };
    }
    let hours: Vec<f64> = raw.iter().map(|v| v / mean).collect();
    let peak_to_mean = hours.iter().copied().fold(0.0, f64::max);
    WeekShape {
        hours,
        peak_to_mean,
        note,
    }
}

/// Hours in the horizon: `36 × hours a month`, rounded, at least one.
pub fn horizon_hours(hours_per_month: f64) -> usize {
    ((HORIZON_MONTHS as f64 * hours_per_month).round() as usize).max(1)
}

/// The month (0–35) an hour falls in.
pub fn month_of(hour: usize, hours_per_month: f64) -> usize {
    ((hour as f64 / hours_per_month) as usize).min(HORIZON_MONTHS - 1)
}

/// `(1 + g)^month` for each month of the horizon.
pub fn growth_factors(monthly_growth: f64) -> Vec<f64> {
    (0..HORIZON_MONTHS)
        .map(|t| (1.0 + monthly_growth).powf(t as f64))
        .collect()
}

/// Demand over the horizon: `base(h)` grown month by month.
pub fn over_horizon(
    hours_per_month: f64,
    monthly_growth: f64,
    base: impl Fn(usize) -> f64,
) -> Vec<f64> {
    let growth = growth_factors(monthly_growth);
    (0..horizon_hours(hours_per_month))
        .map(|h| base(h) * growth[month_of(h, hours_per_month)])
        .collect()
}

/// What the demand stage reads: the commitment's demand settings and the self-hosting
/// settings that shape derived demand, each inside its settings struct with every other
/// field at its default (so the usual validation applies and nothing else can change the
/// profile), and the self-hosting sizing when demand is derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandInput {
    /// Source, average, peak ÷ average, daily shape, weekend, growth and series; the rest
    /// defaults.
    pub commitment: Commitment,
    /// Hours a month, peak ÷ average and target utilization; the rest defaults.
    pub selfhost: SelfHost,
    /// With [`DemandSource::SelfHost`]: the self-hosting sizing, or why there is none.
    pub sizing: Option<Result<DemandSizing, String>>,
}

/// The part of the self-hosting answer that derived demand reads.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandSizing {
    /// Replicas busy on average.
    pub average_load: f64,
    /// GPUs per replica.
    pub gpus_per_replica: u32,
    /// The model's name.
    pub model: String,
    /// The GPU's name.
    pub gpu: String,
}

impl DemandInput {
    /// The demand stage's part of a Scenario, with the self-hosting sizing (see
    /// [`DemandSizing::of`]) kept only when demand is derived from it, so that self-hosting
    /// edits leave a generated or pasted demand alone.
    pub fn of(s: &Scenario, sizing: Option<Result<DemandSizing, String>>) -> Self {
        let c = &s.commitment;
        let sh = &s.selfhost;
        Self {
            commitment: Commitment {
                source: c.source,
                mean_gpus: c.mean_gpus,
                peak_to_mean: c.peak_to_mean,
                shape: c.shape,
                weekend_pct: c.weekend_pct,
                monthly_growth_pct: c.monthly_growth_pct,
                series: c.series.clone(),
                ..Commitment::default()
            },
            selfhost: SelfHost {
                hours_per_month: sh.hours_per_month,
                peak_to_average: sh.peak_to_average,
                target_utilization_pct: sh.target_utilization_pct,
                ..SelfHost::default()
            },
            sizing: sizing.filter(|_| needs_sizing(c)),
        }
    }
}

/// Whether the demand is derived from the self-hosting sizing.
pub fn needs_sizing(c: &Commitment) -> bool {
    c.source == DemandSource::SelfHost
}

impl DemandSizing {
    /// The part of a self-hosting answer that derived demand reads, or its error's message.
    ///
    /// # Errors
    /// The self-hosting error, as text.
    pub fn of(selfhost: Result<&SelfHostReport, &SelfHostError>) -> Result<Self, String> {
        selfhost
            .map(|r| DemandSizing {
                average_load: r.sizing.average_load,
                gpus_per_replica: r.fit.gpus_per_replica,
                model: r.model.clone(),
                gpu: r.gpu.clone(),
            })
            .map_err(ToString::to_string)
    }
}

/// The demand over the horizon, sorted month by month: the heavy part of the commitment
/// answer, computed once per change of the demand and shared by every price the user tries.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandProfile {
    /// Each month's hours, sorted ([`Period`]).
    pub months: Vec<Period>,
    /// Where the demand comes from, for a person.
    pub label: String,
    /// What the user should know about it.
    pub notes: Vec<String>,
    /// Demand week by week over the horizon.
    pub weeks: Vec<WeekBand>,
    /// The first week, hour by hour.
    pub first_week: Vec<f64>,
}

/// A week of demand: its quietest, average and busiest hour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekBand {
    /// Quietest hour, GPUs.
    pub low: f64,
    /// Average, GPUs.
    pub mean: f64,
    /// Busiest hour, GPUs.
    pub high: f64,
}

/// The demand stage: the hourly demand over the horizon (generated, derived from the
/// self-hosting sizing, or a series; see the module's formulas), sorted month by month.
///
/// # Errors
/// [`CommitmentError::Invalid`] for a setting out of bounds, [`CommitmentError::SelfHost`]
/// when demand is derived from a self-hosting answer that failed,
/// [`CommitmentError::NoDemand`] when every hour is zero.
pub fn profile(input: &DemandInput) -> Result<Arc<DemandProfile>, CommitmentError> {
    input
        .commitment
        .validate()
        .map_err(CommitmentError::Invalid)?;
    input
        .selfhost
        .validate()
        .map_err(CommitmentError::Invalid)?;
    let (hourly, label, notes) = hourly(input)?;
    let hpm = input.selfhost.hours_per_month;
    let per_month = (hourly.len() / HORIZON_MONTHS) + 2;
    let mut buckets: Vec<Vec<f64>> = (0..HORIZON_MONTHS)
        .map(|_| Vec::with_capacity(per_month))
        .collect();
    for (h, d) in hourly.iter().enumerate() {
        buckets[month_of(h, hpm)].push(*d);
    }
    let weeks = hourly
        .chunks(HOURS_PER_WEEK)
        .map(|hours| WeekBand {
            low: hours.iter().copied().fold(f64::INFINITY, f64::min),
            mean: hours.iter().sum::<f64>() / hours.len() as f64,
            high: hours.iter().copied().fold(0.0, f64::max),
        })
        .collect();
    let first_week = hourly.iter().take(HOURS_PER_WEEK).copied().collect();
    Ok(Arc::new(DemandProfile {
        months: buckets.into_iter().map(Period::new).collect(),
        label,
        notes,
        weeks,
        first_week,
    }))
}

/// The demand over the horizon, hour by hour, a label for it, and notes.
fn hourly(input: &DemandInput) -> Result<(Vec<f64>, String, Vec<String>), CommitmentError> {
    let c = &input.commitment;
    let hpm = input.selfhost.hours_per_month;
    let growth = c.monthly_growth_pct / 100.0;
    let mut notes = Vec::new();
    let shape = |peak: f64, notes: &mut Vec<String>| {
        let s = week_shape(c.shape, peak, c.weekend_pct / 100.0);
        notes.extend(s.note.map(|n| n.to_string()));
        s
    };
    let (d, label) = match c.source {
        DemandSource::Generated => {
            let s = shape(c.peak_to_mean, &mut notes);
            let label = format!(
                "{} GPUs on average, busiest hour {}×",
                format::number(c.mean_gpus, 1),
                format::number(s.peak_to_mean, 2)
            );
            let mean = c.mean_gpus;
            let d = over_horizon(hpm, growth, |h| mean * s.hours[h % HOURS_PER_WEEK]);
            (d, label)
        }
        DemandSource::SelfHost => {
            let sh = match &input.sizing {
                Some(Ok(sizing)) => sizing,
                Some(Err(why)) => return Err(CommitmentError::SelfHost(why.clone())),
                None => return Err(CommitmentError::SelfHost(String::new())),
            };
            let week = shape(input.selfhost.peak_to_average, &mut notes);
            let g = f64::from(sh.gpus_per_replica);
            let target = input.selfhost.target_utilization_pct / 100.0;
            let load = sh.average_load;
            // Whole replicas each hour at the planned utilization.
            let d = over_horizon(hpm, growth, |h| {
                let busy = load * week.hours[h % HOURS_PER_WEEK] / target;
                if busy > 0.0 {
                    (busy - 1e-9).ceil().max(1.0) * g
                } else {
                    0.0
                }
            });
            let label = format!(
                "{} on {} × {} per replica: {} replicas busy on average, busiest hour {}×",
                sh.model,
                sh.gpus_per_replica,
                sh.gpu,
                format::number(load, 2),
                format::number(week.peak_to_mean, 2)
            );
            (d, label)
        }
        DemandSource::Series => {
            let n = c.series.len();
            if n == 0 {
                return Err(CommitmentError::NoDemand(DemandSource::Series));
            }
            let horizon = horizon_hours(hpm);
            if n < horizon {
                notes.push(format!(
                    "The series has {} hours; it repeats to cover 36 months ({} hours).",
                    format::number(n as f64, 0),
                    format::number(horizon as f64, 0)
                ));
            } else if n > horizon {
                notes.push(format!(
                    "The series has {} hours; the first {} (36 months) are used.",
                    format::number(n as f64, 0),
                    format::number(horizon as f64, 0)
                ));
            }
            let d = over_horizon(hpm, growth, |h| c.series[h % n]);
            (
                d,
                format!("An hourly series of {} hours", format::number(n as f64, 0)),
            )
        }
    };
    if !d.iter().any(|v| *v > 0.0) {
        return Err(CommitmentError::NoDemand(c.source));
    }
    Ok((d, label, notes))
}

/// A line of a pasted series that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    /// Line number, counting from 1.
    pub line: usize,
    /// What is wrong, for a person.
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// Why a pasted or uploaded series was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesError {
    /// No values at all.
    Empty,
    /// More than [`MAX_SERIES_HOURS`] values.
    TooLong(usize),
    /// Some lines are not values; every one of them is listed.
    Lines(Vec<LineError>),
}

impl std::fmt::Display for SeriesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeriesError::Empty => f.write_str(
                "No values found: paste one number of GPUs per line, or timestamp,value lines.",
            ),
            SeriesError::TooLong(n) => write!(
                f,
                "{} values: at most {} hours are accepted.",
                format::number(*n as f64, 0),
                format::number(MAX_SERIES_HOURS as f64, 0)
            ),
            SeriesError::Lines(errors) => write!(
                f,
                "{} line{} could not be read; fix {} and paste again.",
                format::number(errors.len() as f64, 0),
                if errors.len() == 1 { "" } else { "s" },
                if errors.len() == 1 { "it" } else { "them" }
            ),
        }
    }
}

/// Reads an hourly series: one value per line, or `timestamp,value` (also `;` or tab). Blank
/// lines and lines starting with `#` are skipped, as is a first line whose value is not a
/// number (a header such as `timestamp,gpus`). With `;` as the separator a decimal comma is
/// read as a point (`1,5` is 1.5). Values are GPUs in use during the hour: finite, 0 to
/// [`MAX_GPUS`]. Timestamps are not interpreted: lines are taken in order, one hour each.
///
/// # Errors
/// [`SeriesError::Lines`] listing every bad line, [`SeriesError::Empty`] or
/// [`SeriesError::TooLong`].
pub fn parse_series(text: &str) -> Result<Vec<f64>, SeriesError> {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    let mut first = true;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let is_first = std::mem::replace(&mut first, false);
        let separator = [';', '\t', ',']
            .into_iter()
            .find(|c| line.contains(*c))
            .unwrap_or(',');
        let fields: Vec<&str> = line.split(separator).map(str::trim).collect();
        let error = |message: String| LineError {
            line: i + 1,
            message,
        };
        let value_text = match fields.as_slice() {
            [v] | [_, v] => (*v).to_owned(),
            _ => {
                errors.push(error(format!(
                    "expected one value or timestamp,value; found {} fields.",
                    fields.len()
                )));
                continue;
            }
        };
        let value_text = if separator == ';' {
            value_text.replace(',', ".")
        } else {
            value_text
        };
        match parse_number(&value_text) {
            Ok(v) if v < 0.0 => errors.push(error(format!(
                "{value_text} is negative; demand is zero or more GPUs."
            ))),
            Ok(v) if v > MAX_GPUS => errors.push(error(format!(
                "{value_text} is more than {} GPUs.",
                format::number(MAX_GPUS, 0)
            ))),
            Ok(v) => values.push(v),
            Err(_) if is_first => {} // a header line
            Err(p) => errors.push(error(format!(
                "\"{}\" is not a number of GPUs ({}).",
                format::clip(&value_text, 24),
                p.to_string().trim_end_matches('.').to_lowercase()
            ))),
        }
    }
    if !errors.is_empty() {
        Err(SeriesError::Lines(errors))
    } else if values.is_empty() {
        Err(SeriesError::Empty)
    } else if values.len() > MAX_SERIES_HOURS {
        Err(SeriesError::TooLong(values.len()))
    } else {
        Ok(values)
    }
}

/// Demand over a stretch of hours, as the optimum needs it.
pub trait Stretch {
    /// Hours in the stretch.
    fn hours(&self) -> f64;
    /// GPU-hours of demand.
    fn total(&self) -> f64;
    /// The busiest hour's demand.
    fn peak(&self) -> f64;
    /// The quietest hour's demand.
    fn low(&self) -> f64;
    /// `Σ max(0, d − c)`: the GPU-hours above a level `c`.
    fn excess(&self, c: f64) -> f64;
    /// The demand of the `k`-th busiest hour (0-based), or 0 past the end.
    fn nth_busiest(&self, k: usize) -> f64;
    /// `Σ min(d, c)`: the GPU-hours a commitment of `c` serves.
    fn served(&self, c: f64) -> f64 {
        (self.total() - self.excess(c)).max(0.0)
    }
}

/// A stretch of hours sorted from the busiest, with prefix sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    desc: Vec<f64>,
    prefix: Vec<f64>,
}

/// Largest first: the one comparator every sort here uses (one copy of the sort in the Wasm).
pub fn largest_first(a: &f64, b: &f64) -> std::cmp::Ordering {
    b.total_cmp(a)
}

impl Period {
    /// Sorts `values` (GPUs per hour, finite and non-negative).
    pub fn new(mut values: Vec<f64>) -> Self {
        values.sort_unstable_by(largest_first);
        let mut prefix = Vec::with_capacity(values.len() + 1);
        prefix.push(0.0);
        prefix.extend(values.iter().scan(0.0, |sum, v| {
            *sum += v;
            Some(*sum)
        }));
        Self {
            desc: values,
            prefix,
        }
    }
}

impl Stretch for Period {
    fn hours(&self) -> f64 {
        self.desc.len() as f64
    }

    fn total(&self) -> f64 {
        self.prefix.last().copied().unwrap_or(0.0)
    }

    fn peak(&self) -> f64 {
        self.desc.first().copied().unwrap_or(0.0)
    }

    fn low(&self) -> f64 {
        self.desc.last().copied().unwrap_or(0.0)
    }

    /// One binary search: the hours above `c` are a prefix of the sorted values.
    fn excess(&self, c: f64) -> f64 {
        let k = self.desc.partition_point(|&d| d > c);
        (self.prefix[k] - c * k as f64).max(0.0)
    }

    fn nth_busiest(&self, k: usize) -> f64 {
        self.desc.get(k).copied().unwrap_or(0.0)
    }
}

/// Consecutive periods (the months of a year, or of the horizon) seen as one stretch:
/// sums over its periods, and a linear-time selection for a quantile. Cheaper than sorting
/// the whole stretch again.
#[derive(Debug, Clone, Copy)]
pub struct Months<'a>(pub &'a [Period]);

impl Stretch for Months<'_> {
    fn hours(&self) -> f64 {
        self.0.iter().map(Stretch::hours).sum()
    }

    fn total(&self) -> f64 {
        self.0.iter().map(Stretch::total).sum()
    }

    fn peak(&self) -> f64 {
        self.0.iter().map(Stretch::peak).fold(0.0, f64::max)
    }

    fn low(&self) -> f64 {
        self.0
            .iter()
            .filter(|p| !p.desc.is_empty())
            .map(Stretch::low)
            .fold(f64::INFINITY, f64::min)
            .min(self.peak())
    }

    fn excess(&self, c: f64) -> f64 {
        self.0.iter().map(|p| p.excess(c)).sum()
    }

    /// Bisection on the value: the `k`-th busiest hour `a_k` is the smallest value with at
    /// most `k` hours above it. Each probe counts the hours above it month by month (binary
    /// searches); when the bracket `(lo, hi]` has shrunk to adjacent floats, `a_k` is the
    /// smallest value above `lo`.
    fn nth_busiest(&self, k: usize) -> f64 {
        let above = |x: f64| -> usize {
            self.0
                .iter()
                .map(|p| p.desc.partition_point(|&d| d > x))
                .sum()
        };
        let n: usize = self.0.iter().map(|p| p.desc.len()).sum();
        if k >= n {
            return 0.0;
        }
        // above(lo) > k and above(hi) <= k throughout.
        let (mut lo, mut hi) = (self.low() - 1.0, self.peak());
        // Ends: each step halves the bracket until no float lies strictly inside it.
        loop {
            let mid = f64::midpoint(lo, hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if above(mid) > k {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        self.0
            .iter()
            .filter_map(|p| {
                let i = p.desc.partition_point(|&d| d > lo);
                i.checked_sub(1).map(|i| p.desc[i])
            })
            .fold(f64::INFINITY, f64::min)
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn shapes_average_one_and_reach_the_peak() {
        for shape in DailyShape::ALL {
            for (peak, weekend) in [(2.0, 0.6), (1.5, 1.0), (1.2, 0.8), (3.0, 0.2)] {
                let s = week_shape(shape, peak, weekend);
                let mean = s.hours.iter().sum::<f64>() / 168.0;
                assert!((mean - 1.0).abs() < 1e-12, "{shape:?} {peak} {weekend}");
                match s.note {
                    None => assert!((s.peak_to_mean - peak).abs() < 1e-9, "{shape:?} {peak}"),
                    Some(ShapeNote::Raised(p) | ShapeNote::Capped(p) | ShapeNote::Flat(p)) => {
                        assert!((s.peak_to_mean - p).abs() < 1e-9, "{shape:?} {peak} {p}");
                    }
                }
            }
        }
    }

    #[test]
    fn business_hours_by_hand() {
        // w = 0.6: W = (5 + 1.2) / 7 = 0.885714…, P = 2, m_f = 1/3:
        // k = (2W − 1) / (1 − 2W/3) = 0.771429 / 0.409524 = 1.883721.
        let s = week_shape(DailyShape::BusinessHours, 2.0, 0.6);
        let w: f64 = 6.2 / 7.0;
        let k = (2.0 * w - 1.0) / (1.0 - 2.0 * w / 3.0);
        assert!((k - 1.883_721).abs() < 1e-6);
        // Monday 03:00 is (1) / mean, Monday 10:00 is (1 + k) / mean, Saturday 10:00 is 0.6 (1 + k) / mean.
        assert!((s.hours[10] / s.hours[3] - (1.0 + k)).abs() < 1e-9);
        assert!((s.hours[5 * 24 + 10] / s.hours[10] - 0.6).abs() < 1e-9);
        assert!((s.hours[10] - 2.0).abs() < 1e-9);
    }

    #[test]
    fn impossible_peaks_are_noted() {
        // Flat with equal weekends has no peak at all.
        let flat = week_shape(DailyShape::Flat, 2.0, 1.0);
        assert_eq!(flat.note, Some(ShapeNote::Flat(1.0)));
        assert!(flat.hours.iter().all(|h| (h - 1.0).abs() < 1e-12));
        // Day/night with weekends at 60% can reach at most 1 / (0.8857 × 0.5) = 2.258.
        let capped = week_shape(DailyShape::DayNight, 5.0, 0.6);
        assert!(
            matches!(capped.note, Some(ShapeNote::Capped(p)) if (p - 2.258_064_5).abs() < 1e-6)
        );
        // Weekends at 300% make the weekend the peak: at least 3 / (11 / 7) = 1.909.
        let raised = week_shape(DailyShape::BusinessHours, 1.1, 3.0);
        assert!(
            matches!(raised.note, Some(ShapeNote::Raised(p)) if (p - 21.0 / 11.0).abs() < 1e-9)
        );
    }

    #[test]
    fn horizon_grows_month_by_month() {
        let d = over_horizon(730.0, 0.10, |_| 2.0);
        assert_eq!(d.len(), 26_280);
        assert_eq!(d[0], 2.0);
        assert_eq!(d[729], 2.0);
        assert!((d[730] - 2.2).abs() < 1e-12);
        assert!((d[26_279] - 2.0 * 1.1f64.powi(35)).abs() < 1e-9);
        assert_eq!(horizon_hours(729.6), 26_266);
        assert_eq!(month_of(26_265, 729.6), 35);
    }

    #[test]
    fn series_reads_values_timestamps_and_headers() {
        let text = "timestamp,gpus\n2026-01-01T00:00,4\n2026-01-01T01:00, 5.5\n\n# gap\n2026-01-01T02:00,1.2k\n";
        assert_eq!(parse_series(text), Ok(vec![4.0, 5.5, 1_200.0]));
        assert_eq!(parse_series("3\r\n4\r\n"), Ok(vec![3.0, 4.0]));
        assert_eq!(
            parse_series("2026-01-01;1,5\n2026-01-02;2"),
            Ok(vec![1.5, 2.0])
        );
        assert_eq!(parse_series("a\tb\n1\t7"), Ok(vec![7.0]));
    }

    #[test]
    fn every_bad_line_is_named() {
        let text = "1\nx\n-2\n3,4,5\n2e9\nNaN\n7";
        let Err(SeriesError::Lines(errors)) = parse_series(text) else {
            panic!("should refuse");
        };
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6]);
        assert_eq!(
            errors[0].to_string(),
            "Line 2: \"x\" is not a number of GPUs (enter a number, like 1500, 1,500, 1.5k or 2e6)."
        );
        assert_eq!(
            errors[1].to_string(),
            "Line 3: -2 is negative; demand is zero or more GPUs."
        );
        assert!(errors[2].message.contains("3 fields"));
        assert_eq!(parse_series(""), Err(SeriesError::Empty));
        assert_eq!(parse_series("gpus\n\n"), Err(SeriesError::Empty));
        let long = "1\n".repeat(MAX_SERIES_HOURS + 1);
        assert_eq!(
            parse_series(&long),
            Err(SeriesError::TooLong(MAX_SERIES_HOURS + 1))
        );
    }

    #[test]
    fn months_select_like_a_sort() {
        let mut seed = 0x9E37_79B9_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for case in 0..300 {
            let scale = [1e-300, 1e-3, 1.0, 1e6][case % 4];
            let parts: Vec<Period> = (0..=case % 7)
                .map(|_| {
                    let n = (next() * 40.0) as usize;
                    Period::new(
                        (0..n)
                            .map(|_| (next() * 5.0).floor() * scale + next() * scale)
                            .collect(),
                    )
                })
                .collect();
            let mut all: Vec<f64> = parts.iter().flat_map(|p| p.desc.clone()).collect();
            all.sort_by(largest_first);
            let m = Months(&parts);
            for k in 0..=all.len() {
                assert_eq!(
                    m.nth_busiest(k),
                    all.get(k).copied().unwrap_or(0.0),
                    "case {case} k {k}"
                );
            }
        }
    }

    #[test]
    fn periods_answer_excess_by_binary_search() {
        let p = Period::new(vec![1.0, 5.0, 3.0, 3.0, 0.0]);
        assert_eq!(p.total(), 12.0);
        assert_eq!((p.peak(), p.low()), (5.0, 0.0));
        assert_eq!(p.excess(3.0), 2.0);
        assert_eq!(p.excess(2.0), 3.0 + 1.0 + 1.0);
        assert_eq!(p.excess(0.0), 12.0);
        assert_eq!(p.excess(9.0), 0.0);
        assert_eq!(p.served(3.0), 10.0);
        let parts = [Period::new(vec![2.0, 9.0]), p.clone()];
        let q = Months(&parts);
        assert_eq!(q.nth_busiest(0), 9.0);
        assert_eq!(q.nth_busiest(2), 3.0);
        assert_eq!(q.nth_busiest(6), 0.0);
        assert_eq!(q.nth_busiest(7), 0.0);
        assert_eq!(q.total(), 23.0);
        assert_eq!(q.hours(), 7.0);
        assert_eq!((q.peak(), q.low()), (9.0, 0.0));
        assert_eq!(q.excess(3.0), 6.0 + 2.0);
    }
}
