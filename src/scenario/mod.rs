//! The Scenario: everything a user typed or chose, as plain data.
//!
//! It is the single source of truth of the app: the page keeps one of these in one signal, and
//! the share link, embeds, exports and the command line will all carry one. No signals, no web
//! types: this module is pure (CI fails if it imports a web crate).
// The pure core stays free of unsafe code (the crate denies it; the page's split points
// alone allow it, in ui::lazy).
#![forbid(unsafe_code)]

pub mod commitment;
mod fields;
pub mod link;
pub mod rules;
pub mod selfhost;

pub use commitment::Commitment;
pub use fields::{
    parse_number, CommitmentField, CommitmentOptional, FieldProblem, FieldSpec, GpuField,
    ModelField, PriceField, ProjectionField, SelfHostField, SelfHostOptional, TermField,
    WorkloadField, DISCOUNT, ROUTE_SHARE,
};
pub use selfhost::SelfHost;

use serde::{Deserialize, Serialize};

/// How long a prompt-cache entry lives, which sets its write price.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CacheTtl {
    /// Five minutes (Anthropic's default; 1.25× input).
    #[default]
    #[serde(rename = "five_minutes", alias = "FiveMinutes")]
    FiveMinutes,
    /// One hour (Anthropic; 2× input).
    #[serde(rename = "one_hour", alias = "OneHour")]
    OneHour,
}

/// How a workload's traffic is entered.
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TrafficMode {
    /// Requests per month.
    #[default]
    #[serde(rename = "per_month", alias = "PerMonth")]
    PerMonth,
    /// Requests per day × active days per month.
    #[serde(rename = "per_day", alias = "PerDay")]
    PerDay,
}

/// A share of a workload's traffic sent to one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// Model id: a catalog id (`openai/gpt-5`) or a custom model's id (`custom/1`).
    pub model: String,
    /// Percentage of the workload's requests, 0–100; a workload's routes add up to 100.
    pub share_pct: f64,
}

/// One API workload: its traffic, the shape of an average request, and where it is sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    /// Stable id within the Scenario (survives renames, reordering and removals).
    pub id: u32,
    /// Name shown in breakdowns, e.g. "Support chat".
    pub name: String,
    /// Which traffic fields apply.
    pub traffic_mode: TrafficMode,
    /// Requests per month (used in [`TrafficMode::PerMonth`]).
    pub requests_per_month: f64,
    /// Requests per active day (used in [`TrafficMode::PerDay`]).
    pub requests_per_day: f64,
    /// Active days per month (used in [`TrafficMode::PerDay`]).
    pub active_days: f64,
    /// Average prompt tokens per request: everything the model reads, cached or not.
    pub input_tokens: f64,
    /// Average visible output tokens per request.
    pub output_tokens: f64,
    /// Average reasoning tokens per request (billed as output unless a model prices them).
    pub reasoning_tokens: f64,
    /// Percentage of prompt tokens read from the prompt cache, 0–100.
    pub cached_pct: f64,
    /// Prompt tokens written to the cache per request.
    pub cache_write_tokens: f64,
    /// Time to live of cache writes when they are not split ([`Workload::write_pcts`]).
    pub cache_ttl: CacheTtl,
    /// Percentage of requests sent through a batch API, 0–100.
    pub batch_pct: f64,
    /// Where the requests go; shares add up to 100.
    pub routes: Vec<Route>,
    /// Percentage of the requests not batched sent on the flex tier, 0–100 (with
    /// `priority_pct`, at most 100; the rest is standard). Optional in links: absent is 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub flex_pct: f64,
    /// Percentage of the requests not batched sent on the priority tier, 0–100.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub priority_pct: f64,
    /// Kept in one region (US-only inference, a regional endpoint, data residency): billed
    /// with the model's residency multiplier. Optional in links: absent is false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub residency: bool,
    /// Sent in fast mode, where the model offers it. Optional in links: absent is false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fast: bool,
    /// Percentage of the cache writes kept 1 hour, 0–100 (with `write_12h_pct`, at most 100;
    /// the rest has the model's standard lifetime). Optional in links: absent is 0; when both
    /// are 0, `cache_ttl` gives every write one lifetime.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub write_1h_pct: f64,
    /// Percentage of the cache writes kept 12 hours (OpenAI's extended retention), 0–100.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub write_12h_pct: f64,
}

impl Workload {
    /// The percentages of cache writes kept 1 hour and 12 hours: the split when one is set,
    /// else every write with `cache_ttl` (a link from before the split: 1 hour is 100 %).
    pub fn write_pcts(&self) -> (f64, f64) {
        if self.write_1h_pct == 0.0 && self.write_12h_pct == 0.0 {
            let all = if self.cache_ttl == CacheTtl::OneHour {
                100.0
            } else {
                0.0
            };
            (all, 0.0)
        } else {
            (self.write_1h_pct, self.write_12h_pct)
        }
    }

    /// Sets the split of cache writes; `cache_ttl` then no longer applies and is reset, so
    /// the Scenario holds one split.
    pub fn set_write_pcts(&mut self, one_hour: f64, twelve_hours: f64) {
        self.write_1h_pct = one_hour;
        self.write_12h_pct = twelve_hours;
        self.cache_ttl = CacheTtl::FiveMinutes;
    }
}

// Fields added within a format version are optional: written only when set, so the links
// of the version's defaults stay as they were (docs/link-format.md).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(v: &bool) -> bool {
    !*v
}

/// A negotiated discount off a provider's list prices (an enterprise agreement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderDiscount {
    /// The provider as the catalog names it (`Anthropic`, `OpenAI`), compared case-insensitively.
    pub provider: String,
    /// Percentage off every price, after every other rule, 0–100.
    pub pct: f64,
}

impl ProviderDiscount {
    /// The discount a Scenario holds for `provider` (compared case-insensitively), 0 without one.
    pub fn of(discounts: &[ProviderDiscount], provider: &str) -> f64 {
        discounts
            .iter()
            .find(|d| d.provider.eq_ignore_ascii_case(provider))
            .map_or(0.0, |d| d.pct)
    }

    /// Sets `provider`'s discount in `discounts`: 0 removes it, so the link carries only
    /// discounts that are set.
    pub fn set(discounts: &mut Vec<ProviderDiscount>, provider: &str, pct: f64) {
        discounts.retain(|d| !d.provider.eq_ignore_ascii_case(provider));
        if pct != 0.0 {
            discounts.push(ProviderDiscount {
                provider: provider.to_owned(),
                pct,
            });
        }
    }
}

impl Workload {
    /// Removes route `index`, giving its share to the first remaining route so the shares
    /// still add up. The last route is never removed.
    pub fn remove_route(&mut self, index: usize) {
        if self.routes.len() > 1 && index < self.routes.len() {
            let removed = self.routes.remove(index);
            self.routes[0].share_pct += removed.share_pct;
        }
    }

    /// Requests per month, whichever way traffic is entered.
    pub fn monthly_requests(&self) -> f64 {
        match self.traffic_mode {
            TrafficMode::PerMonth => self.requests_per_month,
            TrafficMode::PerDay => self.requests_per_day * self.active_days,
        }
    }

    /// A new workload with the default request shape, sent wholly to `model`.
    pub fn new(id: u32, name: impl Into<String>, model: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            traffic_mode: TrafficMode::PerMonth,
            requests_per_month: 1_000_000.0,
            requests_per_day: 33_000.0,
            active_days: 30.0,
            input_tokens: 1_000.0,
            output_tokens: 200.0,
            reasoning_tokens: 0.0,
            cached_pct: 0.0,
            cache_write_tokens: 0.0,
            cache_ttl: CacheTtl::FiveMinutes,
            batch_pct: 0.0,
            routes: vec![Route {
                model: model.into(),
                share_pct: 100.0,
            }],
            flex_pct: 0.0,
            priority_pct: 0.0,
            write_1h_pct: 0.0,
            write_12h_pct: 0.0,
            residency: false,
            fast: false,
        }
    }
}

/// Prices a user set by hand for a model, in $ per million tokens (batch discount in %).
/// `None` keeps the model's own price.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PriceEdit {
    /// Input.
    pub input: Option<f64>,
    /// Output.
    pub output: Option<f64>,
    /// Cache reads.
    pub cached_input: Option<f64>,
    /// Cache writes, 5-minute TTL.
    pub cache_write_5m: Option<f64>,
    /// Cache writes, 1-hour TTL.
    pub cache_write_1h: Option<f64>,
    /// Reasoning.
    pub reasoning: Option<f64>,
    /// Batch discount, percent.
    pub batch_discount_pct: Option<f64>,
}

impl PriceEdit {
    /// True when nothing is overridden.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A price override on a built-in model (a negotiated rate, a regional price…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceOverride {
    /// The catalog model id.
    pub model: String,
    /// The prices that replace the catalog's.
    pub edit: PriceEdit,
}

/// A model the user added: a private endpoint, a self-negotiated rate, an imported price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomModel {
    /// `custom/N`, unique in the Scenario.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Where its prices come from (free text: "our contract, 2026-10", "LiteLLM import").
    pub source: String,
    /// Its prices; `input` and `output` default to 0 when unset.
    pub price: PriceEdit,
    /// Bill cache tokens beside the prompt (Anthropic-style) rather than inside it.
    pub cache_beside_prompt: bool,
    /// Long-context threshold in tokens, with input and output prices above it.
    pub long_context: Option<(f64, f64, f64)>,
    /// The billing rules beyond these prices (service tiers, residency, fast mode, 12-hour
    /// cache writes, batch with cache), as a LiteLLM import gives them. Optional in links:
    /// absent is none, and only the rules set are written.
    #[serde(default, skip_serializing_if = "CustomRules::is_empty")]
    pub rules: CustomRules,
}

/// A service tier's prices as multiples of the model's standard ones (flex 0.5, priority 2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TierRatios {
    /// Input (and every input-side price without its own ratio).
    pub input: f64,
    /// Output and reasoning.
    pub output: f64,
    /// Cache reads, when priced apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<f64>,
    /// Cache writes, when priced apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<f64>,
    /// Cache reads above the long-context threshold, when priced apart: a multiple of the
    /// standard long-context cache price (else `cached_input`'s applies there too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_cached_input: Option<f64>,
}

/// A custom model's billing rules beyond its prices (see [`crate::core::pricing::ExtraRules`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomRules {
    /// Flex tier, if sold on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex: Option<TierRatios>,
    /// Priority tier, if sold on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<TierRatios>,
    /// The multiplier when kept in one region, if offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<f64>,
    /// The fast-mode multiplier, if offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast: Option<f64>,
    /// 12-hour cache writes, $ per million tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_12h: Option<f64>,
    /// Batched cache reads, $ per million tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_cached_input: Option<f64>,
    /// Batched cache reads above the long-context threshold, $ per million tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_long_cached_input: Option<f64>,
    /// Batched cache reads keep the cache price (Google's rule) instead of the batch discount.
    #[serde(default, skip_serializing_if = "is_false")]
    pub batch_cache_wins: bool,
    /// Context tiers above the model's `long_context` one, each `(threshold, input, output)`
    /// in tokens and $ per million (as LiteLLM's `tiered_pricing` lists them); cache prices
    /// in each follow its input price in proportion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_tiers: Vec<(f64, f64, f64)>,
    /// The context tiers price each band of the prompt at its own tier's prices (graduated)
    /// instead of the whole request at the highest tier it passes (the cliff).
    #[serde(default, skip_serializing_if = "is_false")]
    pub graduated: bool,
}

impl CustomRules {
    /// No rule set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every number with its bounds, to check and clamp: (label, value, spec).
    pub fn numbers_mut(&mut self) -> Vec<(&'static str, &mut f64, fields::FieldSpec)> {
        let mut out: Vec<(&'static str, &mut f64, fields::FieldSpec)> = Vec::new();
        for (name, tier) in [("Flex", &mut self.flex), ("Priority", &mut self.priority)] {
            if let Some(t) = tier.as_mut() {
                out.push((name, &mut t.input, fields::RATIO));
                out.push((name, &mut t.output, fields::RATIO));
                if let Some(c) = t.cached_input.as_mut() {
                    out.push((name, c, fields::RATIO));
                }
                if let Some(c) = t.cache_write.as_mut() {
                    out.push((name, c, fields::RATIO));
                }
                if let Some(c) = t.long_cached_input.as_mut() {
                    out.push((name, c, fields::RATIO));
                }
            }
        }
        for (name, v) in [
            ("Residency", &mut self.residency),
            ("Fast mode", &mut self.fast),
        ] {
            if let Some(v) = v.as_mut() {
                out.push((name, v, fields::RATIO));
            }
        }
        for (name, v) in [
            ("Cache write, 12 h", &mut self.cache_write_12h),
            ("Batch cached input", &mut self.batch_cached_input),
            (
                "Batch cached input, long context",
                &mut self.batch_long_cached_input,
            ),
        ] {
            if let Some(v) = v.as_mut() {
                out.push((name, v, PriceField::Input.spec()));
            }
        }
        for (threshold, input, output) in &mut self.more_tiers {
            out.push(("Context tier", threshold, fields::LONG_CONTEXT_THRESHOLD));
            out.push(("Context tier", input, PriceField::Input.spec()));
            out.push(("Context tier", output, PriceField::Output.spec()));
        }
        out
    }
}

/// Settings of the month-by-month projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectionSettings {
    /// 12, 24 or 36.
    pub months: u32,
    /// Traffic growth per month, percent.
    pub monthly_growth_pct: f64,
    /// Price decline per year, percent (see [`crate::core::projection`] for the default).
    pub annual_decline_pct: f64,
}

/// Everything the user entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The API traffic to price.
    pub workloads: Vec<Workload>,
    /// Models the user added.
    pub custom_models: Vec<CustomModel>,
    /// Hand-set prices on built-in models.
    pub price_overrides: Vec<PriceOverride>,
    /// The projection's settings.
    pub projection: ProjectionSettings,
    /// The self-hosting calculator's settings.
    #[serde(default)]
    pub selfhost: SelfHost,
    /// The commitment calculator's settings.
    #[serde(default)]
    pub commitment: Commitment,
    /// Negotiated discounts by provider. Optional in links: absent is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<ProviderDiscount>,
}

/// The model the default workload uses.
pub const DEFAULT_MODEL: &str = "anthropic/claude-sonnet-4-6";

impl Default for Scenario {
    /// One workload, "Support chat": one million requests a month of 1,000 input and 200
    /// output tokens on Claude Sonnet 4.6 ($3 / $15 per million tokens): $3,000 + $3,000 =
    /// $6,000 a month. Projection: 12 months, no growth, prices −30 % a year.
    fn default() -> Self {
        let mut s = Self {
            workloads: vec![Workload::new(1, "Support chat", DEFAULT_MODEL)],
            custom_models: Vec::new(),
            price_overrides: Vec::new(),
            projection: ProjectionSettings {
                months: 12,
                monthly_growth_pct: 0.0,
                annual_decline_pct: crate::core::projection::DEFAULT_ANNUAL_PRICE_DECLINE * 100.0,
            },
            selfhost: SelfHost::default(),
            commitment: Commitment::default(),
            discounts: Vec::new(),
        };
        testing::apply(&mut s);
        s
    }
}

/// For tests: stands for a default edited in the code. The golden tests set a change here,
/// applied to every `Scenario::default()` on their thread, and show that every released link
/// still opens with the same Scenario (links are read against their version's frozen
/// defaults, `scenario::link::frozen_defaults`). Nothing else sets it.
#[doc(hidden)]
pub mod testing {
    use super::Scenario;
    use std::cell::Cell;

    thread_local! {
        static TWEAK: Cell<Option<fn(&mut Scenario)>> = const { Cell::new(None) };
    }

    /// Sets (or, with `None`, clears) the change applied to this thread's defaults.
    pub fn set_default_tweak(tweak: Option<fn(&mut Scenario)>) {
        TWEAK.with(|t| t.set(tweak));
    }

    pub(super) fn apply(s: &mut Scenario) {
        if let Some(tweak) = TWEAK.with(Cell::get) {
            tweak(s);
        }
    }
}

impl Scenario {
    /// The next free workload id.
    pub fn next_workload_id(&self) -> u32 {
        self.workloads
            .iter()
            .map(|w| w.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// The workload with this id.
    pub fn workload_mut(&mut self, id: u32) -> Option<&mut Workload> {
        self.workloads.iter_mut().find(|w| w.id == id)
    }

    /// Inserts a copy of workload `id` right after it, with a new id and "(copy)" in its name.
    pub fn duplicate_workload(&mut self, id: u32) {
        let new_id = self.next_workload_id();
        if let Some(pos) = self.workloads.iter().position(|w| w.id == id) {
            let mut copy = self.workloads[pos].clone();
            copy.id = new_id;
            copy.name = format!("{} (copy)", copy.name);
            self.workloads.insert(pos + 1, copy);
        }
    }

    /// The price override of a catalog model, created empty if missing.
    pub fn override_mut(&mut self, model: &str) -> &mut PriceEdit {
        let i = if let Some(i) = self.price_overrides.iter().position(|o| o.model == model) {
            i
        } else {
            self.price_overrides.push(PriceOverride {
                model: model.to_owned(),
                edit: PriceEdit::default(),
            });
            self.price_overrides.len() - 1
        };
        &mut self.price_overrides[i].edit
    }

    /// The next free custom model id (`custom/N`).
    pub fn next_custom_id(&self) -> String {
        let n = self
            .custom_models
            .iter()
            .filter_map(|m| m.id.strip_prefix("custom/")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("custom/{}", n.saturating_add(1))
    }
}

/// Where in the Scenario a problem is.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A workload field.
    Workload {
        /// The workload's id.
        id: u32,
        /// The workload's name.
        name: String,
        /// Which field.
        field: WorkloadField,
    },
    /// A workload's routing as a whole.
    Routing {
        /// The workload's id.
        id: u32,
        /// The workload's name.
        name: String,
    },
    /// A price of a model.
    Price {
        /// The model id.
        model: String,
        /// Which price.
        field: PriceField,
    },
    /// A projection setting.
    Projection(ProjectionField),
    /// A self-hosting setting, by its label.
    SelfHost(&'static str),
    /// A commitment setting, by its label.
    Commitment(String),
    /// A provider's negotiated discount.
    Discount(String),
    /// A custom model's billing rule, by its label.
    Rule {
        /// The model's name.
        model: String,
        /// The rule's label.
        label: &'static str,
    },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Workload { name, field, .. } => write!(f, "{name} › {}", field.spec().label),
            Location::Routing { name, .. } => write!(f, "{name} › Routing"),
            Location::Price { model, field } => write!(f, "{model} › {}", field.spec().label),
            Location::Projection(field) => f.write_str(field.spec().label),
            Location::SelfHost(label) => write!(f, "Self-hosting › {label}"),
            Location::Commitment(label) => write!(f, "Commitment › {label}"),
            Location::Discount(provider) => write!(f, "{provider} › Negotiated discount"),
            Location::Rule { model, label } => write!(f, "{model} › {label}"),
        }
    }
}

/// What is wrong at a [`Location`].
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A number out of its field's bounds.
    Field(FieldProblem),
    /// A workload's route shares do not add up to 100 %.
    SharesNot100(f64),
    /// A route names a model that exists neither in the catalog nor among custom models.
    UnknownModel(String),
    /// A workload has no route.
    NoRoute,
    /// A workload's flex and priority shares add up to more than 100 %.
    TiersAbove100(f64),
    /// A workload's 1-hour and 12-hour cache writes add up to more than 100 %.
    WritesAbove100(f64),
    /// The self-hosting GPU is neither built in nor custom.
    UnknownGpu(String),
    /// An hourly demand series longer than [`commitment::MAX_SERIES_HOURS`].
    SeriesTooLong(usize),
    /// A value of an hourly series (1-based hour) that is not a finite number of GPUs
    /// between 0 and [`commitment::MAX_GPUS`].
    SeriesValue {
        /// The hour, counting from 1.
        hour: usize,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Field(p) => p.fmt(f),
            Problem::SharesNot100(sum) => write!(
                f,
                "Shares add up to {}%; they must add up to 100%.",
                crate::core::format::number(*sum, 1).trim_end_matches(".0")
            ),
            Problem::UnknownModel(id) => write!(f, "Unknown model \"{id}\"."),
            Problem::TiersAbove100(sum) => write!(
                f,
                "Flex and priority add up to {}%; together they can be at most 100%.",
                crate::core::format::number(*sum, 1).trim_end_matches(".0")
            ),
            Problem::WritesAbove100(sum) => write!(
                f,
                "1-hour and 12-hour cache writes add up to {}%; together they can be at most 100%.",
                crate::core::format::number(*sum, 1).trim_end_matches(".0")
            ),
            Problem::NoRoute => f.write_str("Choose at least one model."),
            Problem::UnknownGpu(id) => write!(f, "Unknown GPU \"{id}\"."),
            Problem::SeriesTooLong(n) => write!(
                f,
                "{} hourly values; at most {} are accepted.",
                crate::core::format::number(*n as f64, 0),
                crate::core::format::number(commitment::MAX_SERIES_HOURS as f64, 0)
            ),
            Problem::SeriesValue { hour } => write!(
                f,
                "Hour {hour} is not a number of GPUs between 0 and {}.",
                crate::core::format::number(commitment::MAX_GPUS, 0)
            ),
        }
    }
}

/// Why a Scenario cannot be evaluated: the first problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// Where.
    pub location: Location,
    /// What.
    pub problem: Problem,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.problem)
    }
}

impl std::error::Error for ScenarioError {}

/// Tolerance on the 100 % sum of route shares (they are typed by hand, e.g. 33.33 × 3).
pub const SHARE_SUM_TOLERANCE_PCT: f64 = 0.05;

impl Scenario {
    /// Checks every field against its [`FieldSpec`], every workload's routing, every price
    /// override and custom model, and the projection. Model ids are checked by
    /// [`crate::core::evaluate`], which knows the catalog.
    ///
    /// # Errors
    /// The first problem found, in the order the page shows the inputs.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        validate_spend(
            &self.workloads,
            &self.price_overrides,
            &self.custom_models,
            &self.discounts,
        )?;
        self.projection.validate()
    }
}

/// Checks the spend calculator's inputs: every workload field against its [`FieldSpec`],
/// every workload's routing, and every price override's and custom model's prices. Model ids
/// are checked by [`crate::core::spend_stage`], which knows the catalog.
///
/// # Errors
/// The first problem found, in the order the page shows the inputs.
pub fn validate_spend(
    workloads: &[Workload],
    price_overrides: &[PriceOverride],
    custom_models: &[CustomModel],
    discounts: &[ProviderDiscount],
) -> Result<(), ScenarioError> {
    for d in discounts {
        fields::DISCOUNT.check(d.pct).map_err(|p| ScenarioError {
            location: Location::Discount(d.provider.clone()),
            problem: Problem::Field(p),
        })?;
    }
    for m in custom_models {
        for (label, v, spec) in m.rules.clone().numbers_mut() {
            spec.check(*v).map_err(|p| ScenarioError {
                location: Location::Rule {
                    model: m.name.clone(),
                    label,
                },
                problem: Problem::Field(p),
            })?;
        }
    }
    for w in workloads {
        for &field in WorkloadField::ALL {
            field
                .spec()
                .check(field.get(w))
                .map_err(|p| ScenarioError {
                    location: Location::Workload {
                        id: w.id,
                        name: w.name.clone(),
                        field,
                    },
                    problem: Problem::Field(p),
                })?;
        }
        let routing = |problem| ScenarioError {
            location: Location::Routing {
                id: w.id,
                name: w.name.clone(),
            },
            problem,
        };
        if w.routes.is_empty() {
            return Err(routing(Problem::NoRoute));
        }
        for r in &w.routes {
            fields::ROUTE_SHARE
                .check(r.share_pct)
                .map_err(|p| routing(Problem::Field(p)))?;
        }
        let sum: f64 = w.routes.iter().map(|r| r.share_pct).sum();
        if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE_PCT {
            return Err(routing(Problem::SharesNot100(sum)));
        }
        let tiers = w.flex_pct + w.priority_pct;
        if tiers > 100.0 + SHARE_SUM_TOLERANCE_PCT {
            return Err(ScenarioError {
                location: Location::Workload {
                    id: w.id,
                    name: w.name.clone(),
                    field: WorkloadField::PriorityPct,
                },
                problem: Problem::TiersAbove100(tiers),
            });
        }
        let (h1, h12) = w.write_pcts();
        if h1 + h12 > 100.0 + SHARE_SUM_TOLERANCE_PCT {
            return Err(ScenarioError {
                location: Location::Workload {
                    id: w.id,
                    name: w.name.clone(),
                    field: WorkloadField::Write12hPct,
                },
                problem: Problem::WritesAbove100(h1 + h12),
            });
        }
    }
    let prices = price_overrides
        .iter()
        .map(|o| (&o.model, &o.edit))
        .chain(custom_models.iter().map(|m| (&m.id, &m.price)));
    for (model, edit) in prices {
        for &field in PriceField::ALL {
            if let Some(v) = field.get(edit) {
                field.spec().check(v).map_err(|p| ScenarioError {
                    location: Location::Price {
                        model: model.clone(),
                        field,
                    },
                    problem: Problem::Field(p),
                })?;
            }
        }
    }
    Ok(())
}

impl ProjectionSettings {
    /// Checks the projection's settings against their [`FieldSpec`]s.
    ///
    /// # Errors
    /// The first setting out of its bounds.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        for &field in ProjectionField::ALL {
            field
                .spec()
                .check(field.get(self))
                .map_err(|p| ScenarioError {
                    location: Location::Projection(field),
                    problem: Problem::Field(p),
                })?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid() {
        assert_eq!(Scenario::default().validate(), Ok(()));
    }

    #[test]
    fn validation_names_the_workload_and_field() {
        let mut s = Scenario::default();
        s.workloads[0].output_tokens = f64::NAN;
        let err = s.validate().err();
        assert_eq!(
            err.as_ref().map(ToString::to_string).as_deref(),
            Some("Support chat › Output tokens per request: Enter a finite number.")
        );
    }

    #[test]
    fn routes_must_add_up_to_100() {
        let mut s = Scenario::default();
        s.workloads[0].routes = vec![
            Route {
                model: "openai/gpt-5".into(),
                share_pct: 80.0,
            },
            Route {
                model: "openai/gpt-5-mini".into(),
                share_pct: 10.0,
            },
        ];
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("Support chat › Routing: Shares add up to 90%; they must add up to 100%.".into())
        );
        s.workloads[0].routes[1].share_pct = 20.0;
        assert_eq!(s.validate(), Ok(()));
        s.workloads[0].routes.clear();
        assert!(matches!(
            s.validate(),
            Err(ScenarioError {
                problem: Problem::NoRoute,
                ..
            })
        ));
    }

    #[test]
    fn per_day_traffic() {
        let mut w = Workload::new(1, "x", DEFAULT_MODEL);
        w.traffic_mode = TrafficMode::PerDay;
        w.requests_per_day = 10_000.0;
        w.active_days = 30.0;
        assert!((w.monthly_requests() - 300_000.0).abs() < 1e-9);
    }

    #[test]
    fn duplicate_and_remove_route() {
        let mut s = Scenario::default();
        s.workloads[0].routes.push(Route {
            model: "openai/gpt-5".into(),
            share_pct: 0.0,
        });
        s.workloads[0].routes[0].share_pct = 70.0;
        s.workloads[0].routes[1].share_pct = 30.0;
        s.duplicate_workload(1);
        assert_eq!(s.workloads.len(), 2);
        assert_eq!(
            (s.workloads[1].id, s.workloads[1].name.as_str()),
            (2, "Support chat (copy)")
        );
        s.workloads[1].remove_route(0);
        assert_eq!(s.workloads[1].routes.len(), 1);
        assert_eq!(s.workloads[1].routes[0].model, "openai/gpt-5");
        assert_eq!(s.workloads[1].routes[0].share_pct, 100.0);
        s.workloads[1].remove_route(0);
        assert_eq!(s.workloads[1].routes.len(), 1, "the last route stays");
        assert_eq!(s.workloads[0].routes.len(), 2, "the original is untouched");
        s.duplicate_workload(99);
        assert_eq!(s.workloads.len(), 2);
    }

    #[test]
    fn ids() {
        let mut s = Scenario::default();
        assert_eq!(s.next_workload_id(), 2);
        assert_eq!(s.next_custom_id(), "custom/1");
        s.override_mut("openai/gpt-5").input = Some(1.0);
        s.override_mut("openai/gpt-5").output = Some(8.0);
        assert_eq!(s.price_overrides.len(), 1);
        assert!(s.workload_mut(1).is_some() && s.workload_mut(9).is_none());
    }
}
