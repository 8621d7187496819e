//! The Scenario's numeric fields: their labels, units, bounds, and the one parser that turns
//! what a user typed into a number or a message to show beside the field.
//!
//! Bounds live here and nowhere else: the page's fields, [`super::Scenario::validate`] and
//! (later) the link decoder all read them from the `spec()` of each field enum.

use super::commitment::{Commitment, TermPricing};
use super::selfhost::ModelArch;
use super::selfhost::{CustomGpu, SelfHost};
use super::{PriceEdit, ProjectionSettings, Workload};
use std::fmt;

/// How a field is shown and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// Short label shown above the input.
    pub label: &'static str,
    /// Unit shown after the input.
    pub unit: &'static str,
    /// Smallest accepted value (inclusive).
    pub min: f64,
    /// Largest accepted value (inclusive). Chosen far above any real workload, and low enough
    /// that every product of maxima stays finite.
    pub max: f64,
    /// Stable key, used in DOM ids and test selectors.
    pub key: &'static str,
}

const fn spec(label: &'static str, unit: &'static str, max: f64, key: &'static str) -> FieldSpec {
    FieldSpec {
        label,
        unit,
        min: 0.0,
        max,
        key,
    }
}

/// Bounds of a route's share of a workload.
pub const ROUTE_SHARE: FieldSpec = spec("Share", "%", 100.0, "share");

/// A multiple of a standard price (a service tier's ratio, a residency or fast-mode multiplier).
pub const RATIO: FieldSpec = spec("Multiple of the standard price", "×", 100.0, "ratio");

/// A custom model's context-tier threshold, tokens.
pub const LONG_CONTEXT_THRESHOLD: FieldSpec = FieldSpec {
    label: "threshold",
    unit: "tokens",
    min: 1.0,
    max: 1e8,
    key: "long-context-threshold",
};

/// A negotiated discount off a provider's prices.
pub const DISCOUNT: FieldSpec = spec("Negotiated discount", "%", 100.0, "discount");

macro_rules! min_or_zero {
    () => {
        0.0
    };
    ($min:expr) => {
        $min
    };
}

macro_rules! field_enum {
    (
        $(#[$doc:meta])* $name:ident for $target:ty => $out:ty {
            $( $(#[$vdoc:meta])* $variant:ident => ($label:expr, $unit:expr, $max:expr, $key:expr $(, min = $min:expr)?), |$t:ident| $get:expr, |$tm:ident, $v:ident| $set:expr; )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every field, in the order the page shows them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// This field's label, unit, bounds and key.
            pub fn spec(self) -> FieldSpec {
                match self {
                    $( $name::$variant => FieldSpec { min: min_or_zero!($($min)?), ..spec($label, $unit, $max, $key) }, )*
                }
            }

            /// Reads this field.
            pub fn get(self, target: &$target) -> $out {
                match self {
                    $( $name::$variant => { let $t = target; $get } )*
                }
            }

            /// Writes this field with a value [`FieldSpec::parse`] accepted.
            pub fn set(self, target: &mut $target, value: f64) {
                match self {
                    $( $name::$variant => { let $tm = target; let $v = value; $set; } )*
                }
            }
        }
    };
}

field_enum! {
    /// A numeric input of a [`Workload`].
    WorkloadField for Workload => f64 {
        /// Requests per month.
        RequestsPerMonth => ("Requests per month", "requests", 1e12, "requests-per-month"),
            |w| w.requests_per_month, |w, v| w.requests_per_month = v;
        /// Requests per active day.
        RequestsPerDay => ("Requests per day", "requests", 1e11, "requests-per-day"),
            |w| w.requests_per_day, |w, v| w.requests_per_day = v;
        /// Active days per month.
        ActiveDays => ("Active days per month", "days", 31.0, "active-days"),
            |w| w.active_days, |w, v| w.active_days = v;
        /// Average prompt tokens.
        InputTokens => ("Input tokens per request", "tokens", 1e8, "input-tokens"),
            |w| w.input_tokens, |w, v| w.input_tokens = v;
        /// Average output tokens.
        OutputTokens => ("Output tokens per request", "tokens", 1e8, "output-tokens"),
            |w| w.output_tokens, |w, v| w.output_tokens = v;
        /// Average reasoning tokens.
        ReasoningTokens => ("Reasoning tokens per request", "tokens", 1e8, "reasoning-tokens"),
            |w| w.reasoning_tokens, |w, v| w.reasoning_tokens = v;
        /// Share of the prompt read from cache.
        CachedPct => ("Prompt read from cache", "%", 100.0, "cached-pct"),
            |w| w.cached_pct, |w, v| w.cached_pct = v;
        /// Cache-write tokens.
        CacheWriteTokens => ("Cache-write tokens per request", "tokens", 1e8, "cache-write-tokens"),
            |w| w.cache_write_tokens, |w, v| w.cache_write_tokens = v;
        /// Share of cache writes kept 1 hour ([`Workload::write_pcts`]).
        Write1hPct => ("Cache writes kept 1 hour", "%", 100.0, "write-1h-pct"),
            |w| w.write_pcts().0, |w, v| { let h12 = w.write_pcts().1; w.set_write_pcts(v, h12) };
        /// Share of cache writes kept 12 hours.
        Write12hPct => ("Cache writes kept 12 hours", "%", 100.0, "write-12h-pct"),
            |w| w.write_pcts().1, |w, v| { let h1 = w.write_pcts().0; w.set_write_pcts(h1, v) };
        /// Share of requests batched.
        BatchPct => ("Sent through a batch API", "%", 100.0, "batch-pct"),
            |w| w.batch_pct, |w, v| w.batch_pct = v;
        /// Share on the flex tier.
        FlexPct => ("On the flex tier", "%", 100.0, "flex-pct"),
            |w| w.flex_pct, |w, v| w.flex_pct = v;
        /// Share on the priority tier.
        PriorityPct => ("On the priority tier", "%", 100.0, "priority-pct"),
            |w| w.priority_pct, |w, v| w.priority_pct = v;
    }
}

field_enum! {
    /// A price a user can set on a model ([`PriceEdit`]); `None` keeps the model's own.
    PriceField for PriceEdit => Option<f64> {
        /// Input price.
        Input => ("Input", "$ / M tokens", 10_000.0, "price-input"),
            |p| p.input, |p, v| p.input = Some(v);
        /// Output price.
        Output => ("Output", "$ / M tokens", 10_000.0, "price-output"),
            |p| p.output, |p, v| p.output = Some(v);
        /// Cache-read price.
        CachedInput => ("Cached input", "$ / M tokens", 10_000.0, "price-cached"),
            |p| p.cached_input, |p, v| p.cached_input = Some(v);
        /// 5-minute cache-write price.
        CacheWrite5m => ("Cache write, 5 min", "$ / M tokens", 10_000.0, "price-write-5m"),
            |p| p.cache_write_5m, |p, v| p.cache_write_5m = Some(v);
        /// 1-hour cache-write price.
        CacheWrite1h => ("Cache write, 1 h", "$ / M tokens", 10_000.0, "price-write-1h"),
            |p| p.cache_write_1h, |p, v| p.cache_write_1h = Some(v);
        /// Reasoning price.
        Reasoning => ("Reasoning", "$ / M tokens", 10_000.0, "price-reasoning"),
            |p| p.reasoning, |p, v| p.reasoning = Some(v);
        /// Batch discount.
        BatchDiscountPct => ("Batch discount", "%", 100.0, "price-batch"),
            |p| p.batch_discount_pct, |p, v| p.batch_discount_pct = Some(v);
    }
}

field_enum! {
    /// A numeric setting of the projection.
    ProjectionField for ProjectionSettings => f64 {
        /// Monthly traffic growth.
        MonthlyGrowth => ("Traffic growth per month", "%", 1_000.0, "growth"),
            |p| p.monthly_growth_pct, |p, v| p.monthly_growth_pct = v;
        /// Annual price decline.
        AnnualDecline => ("Price decline per year", "%", 100.0, "decline"),
            |p| p.annual_decline_pct, |p, v| p.annual_decline_pct = v;
    }
}

field_enum! {
    /// A numeric setting of the self-hosting calculator.
    SelfHostField for SelfHost => f64 {
        /// Requests decoded together on one replica.
        Concurrency => ("Requests in flight per replica", "requests", 4_096.0, "concurrency", min = 1.0),
            |s| s.concurrency, |s, v| s.concurrency = v;
        /// Peak ÷ average traffic.
        PeakToAverage => ("Peak traffic ÷ average", "×", 100.0, "peak", min = 1.0),
            |s| s.peak_to_average, |s, v| s.peak_to_average = v;
        /// Planned utilization at the peak.
        TargetUtilization => ("Planned utilization at the peak", "%", 100.0, "target-util", min = 1.0),
            |s| s.target_utilization_pct, |s, v| s.target_utilization_pct = v;
        /// Achievable share of peak bandwidth.
        BandwidthEfficiency => ("Achieved memory bandwidth", "% of peak", 100.0, "bw-eff", min = 1.0),
            |s| s.bandwidth_efficiency_pct, |s, v| s.bandwidth_efficiency_pct = v;
        /// Achievable share of peak compute.
        ComputeEfficiency => ("Achieved compute", "% of peak", 100.0, "compute-eff", min = 1.0),
            |s| s.compute_efficiency_pct, |s, v| s.compute_efficiency_pct = v;
        /// Memory the runtime may use.
        MemoryUtilization => ("GPU memory for weights and cache", "%", 100.0, "mem-util", min = 10.0),
            |s| s.memory_utilization_pct, |s, v| s.memory_utilization_pct = v;
        /// Hours in a month.
        HoursPerMonth => ("Hours in a month", "hours", 744.0, "hours", min = 1.0),
            |s| s.hours_per_month, |s, v| s.hours_per_month = v;
        /// Server share per GPU.
        ServerPct => ("Server, network, storage", "% of GPU price", 1_000.0, "server"),
            |s| s.server_pct, |s, v| s.server_pct = v;
        /// Amortization period.
        AmortizationYears => ("Paid off over", "years", 20.0, "amortization", min = 0.25),
            |s| s.amortization_years, |s, v| s.amortization_years = v;
        /// Cost of capital.
        CostOfCapital => ("Cost of capital", "% a year", 100.0, "capital"),
            |s| s.cost_of_capital_pct, |s, v| s.cost_of_capital_pct = v;
        /// Power usage effectiveness.
        Pue => ("Facility PUE", "×", 5.0, "pue", min = 1.0),
            |s| s.pue, |s, v| s.pue = v;
        /// Electricity price.
        Electricity => ("Electricity", "$ / kWh", 10.0, "electricity"),
            |s| s.electricity_usd_per_kwh, |s, v| s.electricity_usd_per_kwh = v;
        /// Hosting per GPU-month.
        Hosting => ("Hosting per GPU", "$ / month", 1e6, "hosting"),
            |s| s.hosting_per_gpu_month, |s, v| s.hosting_per_gpu_month = v;
        /// Engineers.
        Engineers => ("Engineers running it", "full-time", 1_000.0, "engineers"),
            |s| s.engineers, |s, v| s.engineers = v;
        /// Loaded cost of an engineer.
        EngineerCost => ("Loaded cost per engineer", "$ / year", 1e8, "engineer-cost"),
            |s| s.engineer_yearly_cost, |s, v| s.engineer_yearly_cost = v;
        /// Overhead on GPU costs.
        Overhead => ("Overhead on GPU costs", "%", 1_000.0, "overhead"),
            |s| s.overhead_pct, |s, v| s.overhead_pct = v;
    }
}

field_enum! {
    /// A self-hosting setting that may be left empty to use the catalog's figure.
    SelfHostOptional for SelfHost => Option<f64> {
        /// Measured throughput replacing the estimate.
        MeasuredTokens => ("Measured output tokens/s per replica", "tokens/s", 1e9, "measured", min = 1.0),
            |s| s.measured_tokens_per_s, |s, v| s.measured_tokens_per_s = Some(v);
        /// Rental price replacing the offer's.
        RentRate => ("Rental price", "$ / GPU-hour", 1_000.0, "rent-rate"),
            |s| s.rent_rate, |s, v| s.rent_rate = Some(v);
        /// Purchase price replacing the street price.
        PurchasePrice => ("Purchase price per GPU", "$", 1e8, "purchase"),
            |s| s.purchase_price, |s, v| s.purchase_price = Some(v);
        /// Power replacing the board power.
        Power => ("Average power per GPU", "W", 10_000.0, "power"),
            |s| s.power_w, |s, v| s.power_w = Some(v);
    }
}

field_enum! {
    /// An architecture number of the custom open model.
    ModelField for ModelArch => f64 {
        /// Layers.
        Layers => ("Layers", "", 1_000.0, "layers", min = 1.0),
            |m| m.layers, |m, v| m.layers = v;
        /// KV heads.
        KvHeads => ("Key-value heads", "", 1_024.0, "kv-heads", min = 1.0),
            |m| m.kv_heads, |m, v| m.kv_heads = v;
        /// Head dimension.
        HeadDim => ("Head dimension", "", 4_096.0, "head-dim", min = 1.0),
            |m| m.head_dim, |m, v| m.head_dim = v;
        /// Query heads × head dimension.
        AttentionWidth => ("Query heads × head dimension", "", 1e6, "attention-width", min = 1.0),
            |m| m.attention_width, |m, v| m.attention_width = v;
        /// Total parameters.
        TotalParams => ("Total parameters", "billion", 100_000.0, "total-params", min = 0.001),
            |m| m.total_params_b, |m, v| m.total_params_b = v;
        /// Active parameters.
        ActiveParams => ("Active parameters per token", "billion", 100_000.0, "active-params", min = 0.001),
            |m| m.active_params_b, |m, v| m.active_params_b = v;
        /// Context.
        Context => ("Context length", "tokens", 1e8, "context", min = 1.0),
            |m| m.context, |m, v| m.context = v;
    }
}

field_enum! {
    /// A number of the custom GPU.
    GpuField for CustomGpu => f64 {
        /// Memory.
        Memory => ("Memory", "GiB", 100_000.0, "memory", min = 1.0),
            |g| g.memory_gib, |g, v| g.memory_gib = v;
        /// Bandwidth.
        Bandwidth => ("Memory bandwidth", "TB/s", 1_000.0, "bandwidth", min = 0.01),
            |g| g.bandwidth_tb_s, |g, v| g.bandwidth_tb_s = v;
        /// BF16 peak.
        Bf16 => ("Dense BF16", "TFLOPS", 1e6, "bf16", min = 1.0),
            |g| g.bf16_tflops, |g, v| g.bf16_tflops = v;
        /// FP8 peak.
        Fp8 => ("Dense FP8 (0 if none)", "TFLOPS", 1e6, "fp8"),
            |g| g.fp8_tflops, |g, v| g.fp8_tflops = v;
        /// Board power.
        Power => ("Board power", "W", 100_000.0, "power"),
            |g| g.power_w, |g, v| g.power_w = v;
    }
}

field_enum! {
    /// A numeric setting of the commitment calculator.
    CommitmentField for Commitment => f64 {
        /// Average GPUs in use (entered demand).
        MeanGpus => ("Average demand", "GPUs", 1e6, "mean"),
            |c| c.mean_gpus, |c, v| c.mean_gpus = v;
        /// Busiest hour ÷ average (entered demand).
        PeakToMean => ("Busiest hour ÷ average", "×", 100.0, "peak", min = 1.0),
            |c| c.peak_to_mean, |c, v| c.peak_to_mean = v;
        /// Weekend demand relative to weekdays.
        Weekend => ("Weekend demand", "% of weekdays", 1_000.0, "weekend"),
            |c| c.weekend_pct, |c, v| c.weekend_pct = v;
        /// Monthly demand growth.
        Growth => ("Demand growth per month", "%", 100.0, "growth", min = -50.0),
            |c| c.monthly_growth_pct, |c, v| c.monthly_growth_pct = v;
        /// Yearly rate for valuing upfront payments.
        DiscountRate => ("Discount rate for upfront payments", "% a year", 100.0, "discount-rate"),
            |c| c.discount_rate_pct, |c, v| c.discount_rate_pct = v;
        /// Share of the uncommitted demand on spot.
        SpotShare => ("Uncommitted demand on spot", "%", 100.0, "spot-share"),
            |c| c.spot_share_pct, |c, v| c.spot_share_pct = v;
        /// Extra GPU-hours spot needs.
        SpotOverhead => ("Spot interruption overhead", "% more GPU-hours", 1_000.0, "spot-overhead"),
            |c| c.spot_overhead_pct, |c, v| c.spot_overhead_pct = v;
        /// Demand change to stress-test.
        DemandChange => ("Demand falls or grows by", "%", 100.0, "demand-change"),
            |c| c.demand_change_pct, |c, v| c.demand_change_pct = v;
        /// Yearly on-demand price fall to stress-test.
        PriceDecline => ("On-demand prices fall by", "% a year", 95.0, "price-decline"),
            |c| c.price_decline_pct, |c, v| c.price_decline_pct = v;
        /// Demand uncertainty in the Monte Carlo.
        Uncertainty => ("Demand uncertainty (1 σ)", "%", 200.0, "uncertainty"),
            |c| c.demand_uncertainty_pct, |c, v| c.demand_uncertainty_pct = v;
        /// Monte Carlo draws.
        Draws => ("Monte Carlo draws", "draws", 100_000.0, "draws", min = 10_000.0),
            |c| f64::from(c.draws), |c, v| c.draws = v.round() as u32;
        /// Monte Carlo seed.
        Seed => ("Seed", "", 4_294_967_295.0, "seed"),
            |c| f64::from(c.seed), |c, v| c.seed = v.round() as u32;
    }
}

field_enum! {
    /// A commitment price that may be left empty to use a derived figure.
    CommitmentOptional for Commitment => Option<f64> {
        /// On-demand price replacing the self-hosting rental price.
        OnDemand => ("On-demand price", "$ / GPU-hour", 1_000.0, "on-demand"),
            |c| c.on_demand, |c, v| c.on_demand = Some(v);
        /// Spot price replacing the median spot discount.
        SpotPrice => ("Spot price", "$ / GPU-hour", 1_000.0, "spot-price"),
            |c| c.spot_price, |c, v| c.spot_price = Some(v);
    }
}

impl CommitmentOptional {
    /// Sets or clears this field.
    pub fn put(self, c: &mut Commitment, value: Option<f64>) {
        match self {
            CommitmentOptional::OnDemand => c.on_demand = value,
            CommitmentOptional::SpotPrice => c.spot_price = value,
        }
    }
}

field_enum! {
    /// A number of a reservation term's price.
    TermField for TermPricing => f64 {
        /// Discount on on-demand.
        Discount => ("Discount on on-demand", "%", 99.0, "discount"),
            |t| t.discount_pct, |t, v| t.discount_pct = v;
        /// All-in price per GPU-hour.
        Price => ("Price", "$ / GPU-hour", 1_000.0, "price"),
            |t| t.price, |t, v| t.price = v;
        /// Share paid upfront (partial upfront).
        Upfront => ("Paid upfront", "% of the term", 100.0, "upfront"),
            |t| t.upfront_pct, |t, v| t.upfront_pct = v;
    }
}

impl SelfHostOptional {
    /// Sets or clears this field.
    pub fn put(self, s: &mut SelfHost, value: Option<f64>) {
        let slot = match self {
            SelfHostOptional::MeasuredTokens => &mut s.measured_tokens_per_s,
            SelfHostOptional::RentRate => &mut s.rent_rate,
            SelfHostOptional::PurchasePrice => &mut s.purchase_price,
            SelfHostOptional::Power => &mut s.power_w,
        };
        *slot = value;
    }
}

impl PriceField {
    /// Sets or clears (`None`: back to the model's own price) this price in an edit.
    pub fn put(self, edit: &mut PriceEdit, value: Option<f64>) {
        let slot = match self {
            PriceField::Input => &mut edit.input,
            PriceField::Output => &mut edit.output,
            PriceField::CachedInput => &mut edit.cached_input,
            PriceField::CacheWrite5m => &mut edit.cache_write_5m,
            PriceField::CacheWrite1h => &mut edit.cache_write_1h,
            PriceField::Reasoning => &mut edit.reasoning,
            PriceField::BatchDiscountPct => &mut edit.batch_discount_pct,
        };
        *slot = value;
    }

    /// This price in a [`crate::core::pricing::ModelPrice`], in the field's unit.
    pub fn of(self, price: &crate::core::pricing::ModelPrice) -> Option<f64> {
        use crate::core::units::UsdPerMTok;
        match self {
            PriceField::Input => Some(price.input.value()),
            PriceField::Output => Some(price.output.value()),
            PriceField::CachedInput => price.cached_input.map(UsdPerMTok::value),
            PriceField::CacheWrite5m => price.cache_write_5m.map(UsdPerMTok::value),
            PriceField::CacheWrite1h => price.cache_write_1h.map(UsdPerMTok::value),
            PriceField::Reasoning => price.reasoning.map(UsdPerMTok::value),
            PriceField::BatchDiscountPct => price.batch_discount.map(|d| d * 100.0),
        }
    }
}

impl FieldSpec {
    /// Parses what the user typed into this field, checking its bounds.
    ///
    /// # Errors
    /// A [`FieldProblem`] whose `Display` is the message shown beside the field.
    pub fn parse(&self, text: &str) -> Result<f64, FieldProblem> {
        let value = parse_number(text)?;
        self.check(value)?;
        Ok(value)
    }

    /// Checks a value against this field's bounds.
    ///
    /// # Errors
    /// [`FieldProblem::NotFinite`], [`FieldProblem::Negative`], [`FieldProblem::BelowMin`] or
    /// [`FieldProblem::AboveMax`].
    pub fn check(&self, value: f64) -> Result<(), FieldProblem> {
        if !value.is_finite() {
            Err(FieldProblem::NotFinite)
        } else if value < 0.0 && self.min >= 0.0 {
            Err(FieldProblem::Negative)
        } else if value < self.min {
            Err(FieldProblem::BelowMin(self.min))
        } else if value > self.max {
            Err(FieldProblem::AboveMax(self.max))
        } else {
            Ok(())
        }
    }
}

/// Why a field's text was not accepted. `Display` gives the message shown beside the field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldProblem {
    /// Nothing was typed.
    Empty,
    /// The text is not a number (letters, two dots, a stray sign…).
    NotANumber,
    /// NaN or infinity (typed as `NaN`, `inf`, or overflowing like `1e999`).
    NotFinite,
    /// Below zero where only zero or more makes sense.
    Negative,
    /// Below the field's minimum (for fields whose minimum is above zero).
    BelowMin(f64),
    /// Above the field's maximum.
    AboveMax(f64),
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Empty => f.write_str("Enter a value."),
            FieldProblem::NotANumber => {
                f.write_str("Enter a number, like 1500, 1,500, 1.5k or 2e6.")
            }
            FieldProblem::NotFinite => f.write_str("Enter a finite number."),
            FieldProblem::Negative => f.write_str("Must be zero or more."),
            FieldProblem::BelowMin(min) => write!(f, "Must be at least {}.", plain(*min)),
            FieldProblem::AboveMax(max) => write!(f, "Must be at most {}.", plain(*max)),
        }
    }
}

/// A bound written for a person: `1e12` as `1,000,000,000,000`.
fn plain(value: f64) -> String {
    crate::core::format::editable(value)
}

/// Parses a number the way people type them in a cost calculator.
///
/// Accepted: surrounding spaces; a leading `$`; thousands separators as `,` (in groups of
/// three), `_` or spaces; a decimal point; an exponent (`2e6`); and one suffix `k`, `M`
/// (also `m`) or `B` (also `b`) for thousand, million and billion. `1,5` is refused rather than
/// guessed (decimal comma or a typo?).
///
/// # Errors
/// [`FieldProblem::Empty`], [`FieldProblem::NotANumber`] or [`FieldProblem::NotFinite`].
pub fn parse_number(text: &str) -> Result<f64, FieldProblem> {
    let mut s = text.trim();
    if s.is_empty() {
        return Err(FieldProblem::Empty);
    }
    let negative = if let Some(rest) = s.strip_prefix('-') {
        s = rest.trim_start();
        true
    } else {
        false
    };
    s = s.strip_prefix('$').unwrap_or(s).trim_start();
    let (body, scale) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1e3),
        Some((i, 'm' | 'M')) => (&s[..i], 1e6),
        Some((i, 'b' | 'B')) => (&s[..i], 1e9),
        _ => (s, 1.0),
    };
    let digits = strip_separators(body.trim_end()).ok_or(FieldProblem::NotANumber)?;
    // Rust's parser also takes "inf", "NaN" and "infinity": let them through to be reported
    // as not finite, but refuse anything else that is not plain digits.
    let lower = digits.to_ascii_lowercase();
    let named_non_finite = matches!(lower.as_str(), "inf" | "infinity" | "nan");
    if !named_non_finite
        && !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return Err(FieldProblem::NotANumber);
    }
    if !named_non_finite
        && !digits
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
    {
        return Err(FieldProblem::NotANumber);
    }
    let magnitude: f64 = digits.parse().map_err(|_| FieldProblem::NotANumber)?;
    let value = if negative { -magnitude } else { magnitude } * scale;
    if value.is_finite() {
        // `-0` is zero.
        Ok(value + 0.0)
    } else {
        Err(FieldProblem::NotFinite)
    }
}

/// Removes thousands separators. `,` must separate groups of exactly three digits before the
/// decimal point; `_` and spaces are dropped wherever they stand between digits.
fn strip_separators(body: &str) -> Option<String> {
    let int_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (int_part, rest) = body.split_at(int_end);
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        if !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    if rest.contains(',') {
        return None;
    }
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    Some(cleaned)
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("1000000", 1_000_000.0),
            ("1,000,000", 1_000_000.0),
            ("1 000 000", 1_000_000.0),
            ("1_000", 1_000.0),
            ("  42  ", 42.0),
            ("$3", 3.0),
            ("$ 2.50", 2.5),
            ("0.15", 0.15),
            (".5", 0.5),
            ("2e6", 2_000_000.0),
            ("1.5k", 1_500.0),
            ("2M", 2_000_000.0),
            ("3m", 3_000_000.0),
            ("1.2B", 1_200_000_000.0),
            ("1,500.25", 1_500.25),
            ("-0", 0.0),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "abc",
            "12abc",
            "1.2.3",
            "1,5",
            "1,50",
            "12,3456",
            ",100",
            "--1",
            "$",
            "k",
            "e5",
            "1e",
            "0x10",
            "1/2",
            "½",
            "1,000.5,0",
        ] {
            assert_eq!(
                parse_number(text),
                Err(FieldProblem::NotANumber),
                "{text:?}"
            );
        }
        assert_eq!(parse_number(""), Err(FieldProblem::Empty));
        assert_eq!(parse_number("   "), Err(FieldProblem::Empty));
    }

    #[test]
    fn non_finite_is_named() {
        for text in ["NaN", "inf", "-infinity", "1e999", "9e307B"] {
            assert_eq!(parse_number(text), Err(FieldProblem::NotFinite), "{text:?}");
        }
    }

    #[test]
    fn fields_check_bounds() {
        let price = PriceField::Input.spec();
        assert_eq!(price.parse("-3"), Err(FieldProblem::Negative));
        assert_eq!(price.parse("20000"), Err(FieldProblem::AboveMax(10_000.0)));
        assert_eq!(price.parse("10000"), Ok(10_000.0));
        let requests = WorkloadField::RequestsPerMonth.spec();
        assert_eq!(requests.parse("0"), Ok(0.0));
        assert_eq!(
            requests.parse("2e12").map_err(|e| e.to_string()),
            Err("Must be at most 1,000,000,000,000.".to_owned())
        );
        assert_eq!(
            WorkloadField::CachedPct.spec().parse("101"),
            Err(FieldProblem::AboveMax(100.0))
        );
    }

    #[test]
    fn get_and_set_address_the_same_slot() {
        for (i, &field) in WorkloadField::ALL.iter().enumerate() {
            let mut w = Workload::new(1, "w", "m");
            let v = 7.0 + i as f64;
            field.set(&mut w, v);
            assert_eq!(field.get(&w), v);
            for &other in WorkloadField::ALL.iter().filter(|f| **f != field) {
                assert_eq!(other.get(&w), other.get(&Workload::new(1, "w", "m")));
            }
        }
        for &field in PriceField::ALL {
            let mut p = PriceEdit::default();
            field.set(&mut p, 2.5);
            assert_eq!(field.get(&p), Some(2.5));
            assert_eq!(
                PriceField::ALL
                    .iter()
                    .filter(|f| f.get(&p).is_some())
                    .count(),
                1
            );
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = WorkloadField::ALL
            .iter()
            .map(|f| f.spec().key)
            .chain(PriceField::ALL.iter().map(|f| f.spec().key))
            .chain(ProjectionField::ALL.iter().map(|f| f.spec().key))
            .collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
