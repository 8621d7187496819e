//! The billing rules of LLM APIs: what one request costs on one model.
//!
//! A request is described provider-neutrally by [`RequestShape`]: the whole prompt the model
//! reads (`input_tokens`), the share of it served from the prompt cache, the prompt tokens
//! written to the cache and how they split across cache lifetimes, and the output and
//! reasoning tokens it produces. How it is sent is [`Terms`]: batch, service tier, residency,
//! fast mode, a negotiated discount. [`request_cost_on`] prices it on a [`ModelPrice`] by these
//! rules (sources in `data/README.md` and on each type), in this order:
//!
//! 1. **Token accounting.** The prompt splits into cache reads `C = input × cached_share`,
//!    cache writes `W = min(cache_write_tokens, input − C)` and plain input `U = input − C − W`.
//!    Providers report these differently (OpenAI and Gemini count cached tokens *inside* the
//!    prompt total; Anthropic reports cache reads and writes *beside* `input_tokens`):
//!    [`RequestShape::from_reported`] and [`super::usage`] turn each report into the neutral
//!    shape, so cached tokens are never billed twice nor forgotten.
//! 2. **Service tier.** Flex or priority bills at the tier's prices, kept as ratios to the
//!    standard ones ([`TierPrice`]: OpenAI flex 0.5, priority 1.67–2.5 by model; Gemini flex
//!    0.5, priority 1.8), so every price of the model, long-context and cache prices too,
//!    scales by the tier's input (or output) ratio unless the table prices it apart. A model
//!    not sold on the tier bills at standard prices and says so. Batched requests have no
//!    tier (the batch API is its own).
//! 3. **Context tiers.** When the prompt (`input_tokens`, all of it) exceeds a threshold, by
//!    the *cliff* rule (Anthropic, Gemini, OpenAI above 272K, LiteLLM's `tiered_pricing`) the
//!    *whole* request is billed at the prices of the highest tier passed: input, cache reads,
//!    output and reasoning, cache writes scaled by the tier's input ratio (Anthropic prices
//!    writes as a multiple of input). By the *graduated* rule ([`Tiering::Graduated`]) each
//!    prompt token is billed in the band it falls in (the prompt read in order: cache reads,
//!    cache writes, the rest), output at the band the prompt ends in. A threshold is exclusive.
//!    The rule applies to a workload's average request: split workloads whose prompts
//!    straddle a threshold.
//! 4. **Prompt cache.** Reads are billed at the cached-input price (plain input price when the
//!    model has none). Writes are billed by lifetime: the model's standard one (5 minutes at
//!    Anthropic, 30 minutes at OpenAI from GPT-5.6), 1 hour, 12 hours, each share at its price
//!    ([`WriteShares`]: Anthropic bills a mixed request by lifetime); a missing 12-hour price
//!    falls back to the 1-hour one, a missing 1-hour price to the standard one (noted), and a
//!    model without a write price bills writes as plain input (OpenAI's automatic caching).
//! 5. **Batch.** A batched request gets the batch discount on every token kind. Its cache
//!    reads are billed at the table's batch cached price where given (LiteLLM
//!    `cache_read_input_token_cost_batches`), else by the provider's rule ([`BatchCache`],
//!    noted): Anthropic and OpenAI stack the discounts, Google keeps the cache price. A model
//!    without a batch API bills it at standard prices and says so.
//! 6. **Residency and fast mode** multiply every token kind, after the rules above: US-only
//!    inference or a regional endpoint (1.1× on Claude 4.6 and later, and on OpenAI's
//!    data-residency endpoints), fast mode (2× on Claude Opus 4.8, 5 and 5.5; not with batch).
//!    They stack with each other, with batch, cache and long context, as Anthropic documents.
//!    Not offered: standard prices, noted.
//! 7. **Negotiated discount.** A percentage off list prices comes off last, on everything.
//! 8. **Reasoning** tokens are billed at the output price unless the model has its own price.

use super::units::{Tokens, Usd, UsdPerMTok};
use serde::{Deserialize, Serialize};

/// How a provider's usage report counts cached prompt tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CacheAccounting {
    /// The reported prompt total includes cached tokens (OpenAI, Gemini, xAI, DeepSeek).
    InsidePrompt,
    /// Cache reads and writes are reported beside `input_tokens` (Anthropic).
    BesidePrompt,
}

// Defined with the Scenario, whose wire format it is part of.
pub use crate::scenario::CacheTtl;

/// Prices above a long-context threshold. They replace the standard prices for a whole request
/// whose prompt exceeds `threshold_tokens`.
#[derive(Debug, Clone, PartialEq)]
pub struct LongContext {
    /// Prompt size above which the long prices apply (exclusive: exactly the threshold is not long).
    pub threshold_tokens: f64,
    /// Input price above the threshold.
    pub input: UsdPerMTok,
    /// Output price above the threshold.
    pub output: UsdPerMTok,
    /// Cached-input price above the threshold, if published; else the standard cached price
    /// scaled by `input / standard input`.
    pub cached_input: Option<UsdPerMTok>,
}

/// The service tier a request is processed on (OpenAI's and Gemini's `service_tier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ServiceTier {
    /// Standard processing.
    #[default]
    #[serde(rename = "standard")]
    Standard,
    /// Flex: cheaper, slower, may be queued (OpenAI at Batch API rates; Gemini 50 % off).
    #[serde(rename = "flex")]
    Flex,
    /// Priority: dearer, faster and steadier (OpenAI 1.67–2.5× by model; Gemini 1.8×).
    #[serde(rename = "priority")]
    Priority,
}

impl ServiceTier {
    /// Every tier, in the order the page lists them.
    pub const ALL: [ServiceTier; 3] = [Self::Standard, Self::Flex, Self::Priority];

    /// Its name on the wire and in LiteLLM's key suffixes (`_flex`, `_priority`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Flex => "flex",
            Self::Priority => "priority",
        }
    }

    /// The tier with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// A service tier's prices as multiples of the standard ones (LiteLLM's
/// `input_cost_per_token_flex` ÷ `input_cost_per_token`, and so on: flex 0.5, OpenAI priority
/// 1.67–2.5, Gemini priority 1.8), so a price the user overrides carries into the tier. Cache
/// reads and writes follow `input` unless the table prices them apart. Defined with the
/// Scenario (custom models carry it in links).
pub use crate::scenario::TierRatios as TierPrice;

/// How a model's context tiers bill a request whose prompt passes their thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Tiering {
    /// The whole request (every token kind, output too) at the prices of the highest tier
    /// the prompt passed (Anthropic, Gemini, OpenAI above 272K, and LiteLLM's
    /// `tiered_pricing`, whose cost function selects one tier by the prompt's size).
    #[default]
    #[serde(rename = "cliff")]
    Cliff,
    /// Each prompt token at the price of the band it falls in (the prompt read in order: the
    /// cached prefix, then the newly cached part, then the rest), output and reasoning at the
    /// prices of the band the prompt ends in.
    #[serde(rename = "graduated")]
    Graduated,
}

/// Several context tiers, ascending by threshold: each prices what lies above its threshold
/// (exclusive: a prompt of exactly the threshold is below it).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextTiers {
    /// Cliff or graduated.
    pub tiering: Tiering,
    /// The tiers, ascending by `threshold_tokens`.
    pub tiers: Vec<LongContext>,
}

/// How the batch discount meets the prompt cache, by provider, where the price table gives no
/// batch price for cached input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BatchCache {
    /// The discount applies to cache reads and writes too: Anthropic ("multipliers stack with
    /// other pricing modifiers, including the Batch API discount") and OpenAI (LiteLLM's
    /// batch cached-input prices are half the cached price).
    #[default]
    #[serde(rename = "stacks")]
    Stacks,
    /// Cache reads keep the cache price, without the batch discount: Google Vertex AI ("the
    /// discounts for cache and batch don't stack; the 90 % cache hit discount takes
    /// precedence"). Other kinds get the batch discount.
    #[serde(rename = "cache_wins")]
    CacheWins,
}

impl BatchCache {
    /// The rule of a provider, named as the catalog (`Google`) or LiteLLM (`gemini`,
    /// `vertex_ai`, `vertex_ai-language-models`) names it: Google's Gemini keeps the cache
    /// price; every other provider stacks the discounts (Anthropic documents it; OpenAI's
    /// batch cached prices are half its cached prices; Claude on Vertex AI bills as Anthropic).
    pub fn of_provider(provider: &str) -> Self {
        let google = matches!(provider, "Google" | "gemini" | "vertex_ai")
            || provider.starts_with("vertex_ai-language");
        if google {
            Self::CacheWins
        } else {
            Self::Stacks
        }
    }
}

/// Everything a model charges, in $ per million tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelPrice {
    /// Plain input.
    pub input: UsdPerMTok,
    /// Output.
    pub output: UsdPerMTok,
    /// Cache reads; `None` bills them as plain input.
    pub cached_input: Option<UsdPerMTok>,
    /// Cache writes with the model's standard lifetime (5 minutes at Anthropic, 30 minutes at
    /// OpenAI from GPT-5.6); `None` bills them as plain input.
    pub cache_write_5m: Option<UsdPerMTok>,
    /// Cache writes with a 1-hour TTL; `None` falls back to `cache_write_5m`.
    pub cache_write_1h: Option<UsdPerMTok>,
    /// Reasoning tokens; `None` bills them as output.
    pub reasoning: Option<UsdPerMTok>,
    /// Share taken off every price for batched requests (0.5 = half price); `None`: no batch API.
    pub batch_discount: Option<f64>,
    /// Long-context prices, if the model has a cliff.
    pub long_context: Option<LongContext>,
    /// How the provider's usage report counts cached tokens.
    pub accounting: CacheAccounting,
    /// The billing rules beyond the common ones (service tiers, residency, speed, longer cache
    /// lifetimes, several context tiers, batch with cache); none by default.
    pub rules: ExtraRules,
}

/// The billing rules only some models have. Every field is optional: a model without one bills
/// as the module docs say and the result notes it when a request asked for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExtraRules {
    /// Flex tier prices, if the model is sold on it.
    pub flex: Option<TierPrice>,
    /// Priority tier prices, if the model is sold on it.
    pub priority: Option<TierPrice>,
    /// Cache writes with a 12-hour TTL (LiteLLM `cache_creation_input_token_cost_above_12hr`,
    /// OpenAI GPT-5.6 and later); `None` falls back to the 1-hour, then the standard price.
    pub cache_write_12h: Option<UsdPerMTok>,
    /// Cache reads in a batch, where the price table gives them (LiteLLM
    /// `cache_read_input_token_cost_batches`); otherwise [`ExtraRules::batch_cache`] applies.
    pub batch_cached_input: Option<UsdPerMTok>,
    /// Batched cache reads above the long-context threshold, where the price table gives
    /// them (LiteLLM `cache_read_input_token_cost_above_{N}k_tokens_batches`); otherwise
    /// [`ExtraRules::batch_cached_input`]'s share of the cache price applies there too.
    pub batch_long_cached_input: Option<UsdPerMTok>,
    /// How the batch discount meets cache prices without a batch cache price.
    pub batch_cache: BatchCache,
    /// The multiplier on every token kind when the request is kept in one region: Anthropic's
    /// US-only inference (`inference_geo: "us"`, 1.1× on Claude 4.6 and later), Claude on a
    /// Vertex AI or Bedrock regional endpoint (1.1×), OpenAI's data-residency endpoints (1.1×
    /// for models from 2026-03-05). `None`: not offered.
    pub residency: Option<f64>,
    /// The multiplier on every token kind in fast mode (Anthropic `speed: "fast"`, 2× on Claude
    /// Opus 4.8, 5 and 5.5). `None`: not offered. Not available with the Batch API.
    pub fast: Option<f64>,
    /// Several context tiers; when given they replace [`ModelPrice::long_context`]. Shared,
    /// so a price is cheap to copy.
    pub context_tiers: Option<std::sync::Arc<ContextTiers>>,
}

/// Share of a request's cache writes by lifetime; what is not 1 hour or 12 hours is the
/// model's standard lifetime (5 minutes at Anthropic).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WriteShares {
    /// Share written with a 1-hour TTL, in `[0, 1]`.
    pub one_hour: f64,
    /// Share written with a 12-hour TTL, in `[0, 1]`.
    pub twelve_hours: f64,
}

impl WriteShares {
    /// Every write with one lifetime.
    pub fn only(ttl: CacheTtl) -> Self {
        match ttl {
            CacheTtl::FiveMinutes => Self::default(),
            CacheTtl::OneHour => Self {
                one_hour: 1.0,
                twelve_hours: 0.0,
            },
        }
    }

    /// The shares clamped so that they add up to at most 1: (standard, 1 hour, 12 hours).
    fn split(self) -> (f64, f64, f64) {
        let h12 = self.twelve_hours.clamp(0.0, 1.0);
        let h1 = self.one_hour.clamp(0.0, 1.0 - h12);
        ((1.0 - h1 - h12).max(0.0), h1, h12)
    }
}

/// One average request, provider-neutral.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RequestShape {
    /// Every prompt token the model reads: plain, cached and newly cached.
    pub input_tokens: f64,
    /// Share of `input_tokens` read from the prompt cache, in `[0, 1]`.
    pub cached_share: f64,
    /// Prompt tokens written to the cache (capped at the prompt's uncached part).
    pub cache_write_tokens: f64,
    /// How those writes split across cache lifetimes.
    pub write_shares: WriteShares,
    /// Visible output tokens.
    pub output_tokens: f64,
    /// Hidden reasoning tokens.
    pub reasoning_tokens: f64,
}

impl RequestShape {
    /// Builds the prompt part of a shape from a provider's usage report.
    ///
    /// With [`CacheAccounting::InsidePrompt`], `reported_input` already contains the cached and
    /// written tokens; with [`CacheAccounting::BesidePrompt`] they come on top of it.
    pub fn from_reported(
        accounting: CacheAccounting,
        reported_input: f64,
        cache_read: f64,
        cache_write: f64,
    ) -> Self {
        let total = match accounting {
            CacheAccounting::InsidePrompt => reported_input,
            CacheAccounting::BesidePrompt => reported_input + cache_read + cache_write,
        };
        Self {
            input_tokens: total,
            cached_share: if total > 0.0 {
                (cache_read / total).clamp(0.0, 1.0)
            } else {
                0.0
            },
            cache_write_tokens: cache_write,
            ..Self::default()
        }
    }
}

/// How a request is sent: the options that change its price beside its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Terms {
    /// Through the batch API.
    pub batched: bool,
    /// The service tier asked for (ignored for batched requests: the batch API is its own tier).
    pub tier: ServiceTier,
    /// Kept in one region (US-only inference, a regional endpoint, data residency).
    pub residency: bool,
    /// Fast mode.
    pub fast: bool,
    /// A negotiated discount off list prices, a fraction in `[0, 1]`, applied after every
    /// other rule.
    pub negotiated: f64,
}

/// An amount per token kind (tokens or dollars).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ByKind<T> {
    /// Plain (uncached) input.
    pub input: T,
    /// Cache reads.
    pub cached_input: T,
    /// Cache writes.
    pub cache_write: T,
    /// Output.
    pub output: T,
    /// Reasoning.
    pub reasoning: T,
}

impl<T: Copy> ByKind<T> {
    /// Each kind through `f`.
    pub fn map<U>(&self, f: impl Fn(T) -> U) -> ByKind<U> {
        ByKind {
            input: f(self.input),
            cached_input: f(self.cached_input),
            cache_write: f(self.cache_write),
            output: f(self.output),
            reasoning: f(self.reasoning),
        }
    }
}

impl<T: Copy + std::ops::Add<Output = T>> ByKind<T> {
    /// The five kinds summed.
    pub fn total(&self) -> T {
        self.input + self.cached_input + self.cache_write + self.output + self.reasoning
    }

    /// Adds another breakdown kind by kind.
    #[must_use]
    pub fn plus(&self, o: &Self) -> Self {
        Self {
            input: self.input + o.input,
            cached_input: self.cached_input + o.cached_input,
            cache_write: self.cache_write + o.cache_write,
            output: self.output + o.output,
            reasoning: self.reasoning + o.reasoning,
        }
    }
}

impl<T: Copy + std::ops::Mul<f64, Output = T>> ByKind<T> {
    /// Every kind scaled by `k`.
    #[must_use]
    pub fn scale(&self, k: f64) -> Self {
        self.map(|v| v * k)
    }
}

/// Something about a price the user should know (shown beside the result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceNote {
    /// The prompt is above the long-context threshold: the whole request is billed at long prices.
    LongContextApplied,
    /// Batched traffic was asked for, but the model has no batch API: billed at standard prices.
    NoBatchApi,
    /// 1-hour cache writes were asked for, but the model publishes only a 5-minute price.
    NoOneHourCachePrice,
    /// 12-hour cache writes were asked for, but the model publishes no 12-hour price: billed at
    /// its longest published lifetime.
    NoTwelveHourCachePrice,
    /// The tier was asked for, but the model is not sold on it: billed at standard prices.
    NoSuchTier(ServiceTier),
    /// A tier was asked for on batched requests: the batch API is its own tier.
    TierIgnoredForBatch,
    /// Residency was asked for, but the model offers none: billed at global prices.
    NoResidency,
    /// Fast mode was asked for, but the model offers none: billed at standard speed.
    NoFastMode,
    /// Fast mode was asked for on batched requests: the batch API has no fast mode.
    FastIgnoredForBatch,
    /// Batched cache reads were billed by this rule (no batch price for cached input).
    BatchCacheRule(BatchCache),
    /// The prompt passed a graduated tier: its tokens are billed band by band.
    GraduatedApplied,
}

impl PriceNote {
    /// The note for a person.
    pub fn text(self) -> &'static str {
        match self {
            Self::LongContextApplied => "the prompt is above the long-context threshold, so the whole request is billed at long-context prices",
            Self::NoBatchApi => "this model has no batch API; batched traffic is billed at standard prices",
            Self::NoOneHourCachePrice => "no 1-hour cache-write price is published; writes are billed at the 5-minute price",
            Self::NoTwelveHourCachePrice => "no 12-hour cache-write price is published; writes are billed at the longest published lifetime",
            Self::NoSuchTier(ServiceTier::Priority) => "not sold on the priority tier; billed at standard prices",
            Self::NoSuchTier(_) => "not sold on the flex tier; billed at standard prices",
            Self::TierIgnoredForBatch => "batched requests have no service tier; billed at batch prices",
            Self::NoResidency => "no regional pricing; billed at global prices",
            Self::NoFastMode => "no fast mode; billed at standard prices",
            Self::FastIgnoredForBatch => "no fast mode with the batch API; batched requests are billed at batch prices",
            Self::BatchCacheRule(BatchCache::Stacks) => "batched cache tokens get the batch discount on top of the cache price",
            Self::BatchCacheRule(BatchCache::CacheWins) => "batched cache reads keep the cache price (cache and batch discounts do not stack)",
            Self::GraduatedApplied => "the prompt passes a graduated tier; its tokens are billed band by band",
        }
    }
}

/// The cost of one request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestCost {
    /// Tokens of each kind.
    pub tokens: ByKind<Tokens>,
    /// Dollars of each kind.
    pub cost: ByKind<Usd>,
    /// What the rules did that changes the price.
    pub notes: Vec<PriceNote>,
}

/// Prices one request by the rules in the module docs. `batched` asks for the batch API.
///
/// Inputs are expected finite and non-negative (the Scenario's validation guarantees it);
/// shares outside `[0, 1]` are clamped, so the result is always finite for finite inputs.
pub fn request_cost(shape: &RequestShape, price: &ModelPrice, batched: bool) -> RequestCost {
    request_cost_on(
        shape,
        price,
        &Terms {
            batched,
            ..Terms::default()
        },
    )
}

/// One band of the context, in $ per million tokens: plain input, cache reads, output, and
/// the factors cache writes and reasoning scale by from their standard prices.
#[derive(Clone, Copy)]
struct Band {
    input: f64,
    cached: f64,
    write_scale: f64,
    output: f64,
    output_scale: f64,
}

/// Prices one request sent on `terms`, by the rules of the module docs, in their order (tier,
/// context tiers, cache, batch, residency and fast mode, negotiated discount).
pub fn request_cost_on(shape: &RequestShape, price: &ModelPrice, terms: &Terms) -> RequestCost {
    // Each rule notes at most once per request.
    let mut notes = Vec::new();
    let prompt = shape.input_tokens.max(0.0);
    let cached = prompt * shape.cached_share.clamp(0.0, 1.0);
    let written = shape.cache_write_tokens.clamp(0.0, prompt - cached);
    let plain = (prompt - cached - written).max(0.0);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };

    // Rule 1: the tier: its prices, and the factors the others scale by.
    let tier = match (terms.batched, terms.tier) {
        (_, ServiceTier::Standard) => None,
        (true, _) => {
            notes.push(PriceNote::TierIgnoredForBatch);
            None
        }
        (false, t) => {
            let given = if t == ServiceTier::Flex {
                price.rules.flex.as_ref()
            } else {
                price.rules.priority.as_ref()
            };
            if given.is_none() {
                notes.push(PriceNote::NoSuchTier(t));
            }
            given
        }
    };
    let (std_in, std_out) = (price.input.value(), price.output.value());
    let (k_in, k_out) = tier.map_or((1.0, 1.0), |t| (t.input, t.output));
    let k_cached = tier.and_then(|t| t.cached_input).unwrap_or(k_in);
    let k_write = tier.and_then(|t| t.cache_write).unwrap_or(k_in);
    let k_long_cached = tier.and_then(|t| t.long_cached_input).unwrap_or(k_cached);
    let input = std_in * k_in;
    let per = |p: Option<UsdPerMTok>| p.map(UsdPerMTok::value);
    let std_cached = per(price.cached_input).map_or(input, |c| c * k_cached);
    let base = Band {
        input,
        cached: std_cached,
        write_scale: 1.0,
        output: std_out * k_out,
        output_scale: 1.0,
    };
    let band = |lc: &LongContext| {
        let (i, o) = (lc.input.value() * k_in, lc.output.value() * k_out);
        let scale = ratio(i, input);
        Band {
            input: i,
            cached: per(lc.cached_input).map_or(std_cached * scale, |c| c * k_long_cached),
            write_scale: scale,
            output: o,
            output_scale: ratio(o, base.output),
        }
    };

    // Rule 2: the context tiers (several, or the one cliff), ascending.
    let (tiering, tiers): (Tiering, &[LongContext]) = if let Some(ct) = &price.rules.context_tiers {
        (ct.tiering, &ct.tiers)
    } else {
        (Tiering::Cliff, price.long_context.as_slice())
    };
    let passed = tiers.iter().rev().find(|lc| prompt > lc.threshold_tokens);
    let top = passed.map_or(base, band);
    // The prompt's three parts in $·tokens per million: plain, cache reads, and cache writes
    // in tokens × band factor (priced by lifetime below).
    let (mut input_usd, mut cached_usd, mut write_units) = (
        plain * top.input,
        cached * top.cached,
        written * top.write_scale,
    );
    if passed.is_some() {
        match tiering {
            Tiering::Cliff => notes.push(PriceNote::LongContextApplied),
            Tiering::Graduated => {
                notes.push(PriceNote::GraduatedApplied);
                // Band k covers prompt positions (threshold k, threshold k + 1]; the prompt
                // reads the cached prefix (0, C], the newly cached part (C, C + W], the rest.
                let overlap = |a: f64, b: f64, lo: f64, hi: f64| (b.min(hi) - a.max(lo)).max(0.0);
                (input_usd, cached_usd, write_units) = (0.0, 0.0, 0.0);
                let mut lo = 0.0;
                for (k, b) in std::iter::once(base)
                    .chain(tiers.iter().map(band))
                    .enumerate()
                {
                    let hi = tiers.get(k).map_or(f64::INFINITY, |t| t.threshold_tokens);
                    cached_usd += overlap(0.0, cached, lo, hi) * b.cached;
                    write_units += overlap(cached, cached + written, lo, hi) * b.write_scale;
                    input_usd += overlap(cached + written, prompt, lo, hi) * b.input;
                    lo = hi;
                }
            }
        }
    }

    // Rule 3: cache writes by lifetime.
    let (standard_share, hour_share, half_day_share) = shape.write_shares.split();
    let w5 = per(price.cache_write_5m).map(|c| c * k_write);
    let w1 = per(price.cache_write_1h).map(|c| c * k_write);
    let w12 = per(price.rules.cache_write_12h).map(|c| c * k_write);
    if written > 0.0 && w5.is_some() {
        if hour_share > 0.0 && w1.is_none() {
            notes.push(PriceNote::NoOneHourCachePrice);
        }
        if half_day_share > 0.0 && w12.is_none() {
            notes.push(PriceNote::NoTwelveHourCachePrice);
        }
    }
    let w5 = w5.unwrap_or(input);
    let w1 = w1.unwrap_or(w5);
    let write_rate = standard_share * w5 + hour_share * w1 + half_day_share * w12.unwrap_or(w1);
    let write_usd = write_units * write_rate;
    let output_usd = shape.output_tokens.max(0.0) * top.output;
    let reasoning_rate = per(price.reasoning).map_or(top.output, |r| r * k_out * top.output_scale);
    let reasoning_usd = shape.reasoning_tokens.max(0.0) * reasoning_rate;

    // Rule 4: batch.
    let discount = match (terms.batched, price.batch_discount) {
        (true, Some(d)) => d.clamp(0.0, 1.0),
        (true, None) => {
            notes.push(PriceNote::NoBatchApi);
            0.0
        }
        (false, _) => 0.0,
    };
    let keep = 1.0 - discount;
    let cached_keep = if discount > 0.0 && cached > 0.0 {
        // Above the threshold (by the cliff), the table's long-context batch cached price
        // where it has one.
        let long = passed
            .filter(|_| tiering == Tiering::Cliff)
            .and_then(|lc| per(price.rules.batch_long_cached_input).zip(per(lc.cached_input)));
        match (per(price.rules.batch_cached_input), price.rules.batch_cache) {
            _ if long.is_some() => long.map_or(keep, |(b, c)| ratio(b, c)),
            // The table's batch cached price, as a share of the cached price.
            (Some(b), _) => ratio(b, per(price.cached_input).unwrap_or(std_in)),
            (None, rule) => {
                notes.push(PriceNote::BatchCacheRule(rule));
                if rule == BatchCache::Stacks {
                    keep
                } else {
                    1.0
                }
            }
        }
    } else {
        keep
    };

    // Rule 5: residency and fast mode; rule 6: the negotiated discount.
    let mut factor = 1.0 - terms.negotiated.clamp(0.0, 1.0);
    if terms.residency {
        match price.rules.residency {
            Some(m) => factor *= m.max(0.0),
            None => notes.push(PriceNote::NoResidency),
        }
    }
    if terms.fast {
        match (terms.batched, price.rules.fast) {
            (true, _) => notes.push(PriceNote::FastIgnoredForBatch),
            (false, Some(m)) => factor *= m.max(0.0),
            (false, None) => notes.push(PriceNote::NoFastMode),
        }
    }

    let tokens = ByKind {
        input: tok(plain),
        cached_input: tok(cached),
        cache_write: tok(written),
        output: tok(shape.output_tokens.max(0.0)),
        reasoning: tok(shape.reasoning_tokens.max(0.0)),
    };
    let usd = |micro: f64, k: f64| {
        Usd::new(micro * k * factor / super::units::TOKENS_PER_MILLION).unwrap_or(Usd::ZERO)
    };
    let cost = ByKind {
        input: usd(input_usd, keep),
        cached_input: usd(cached_usd, cached_keep),
        cache_write: usd(write_usd, keep),
        output: usd(output_usd, keep),
        reasoning: usd(reasoning_usd, keep),
    };
    RequestCost {
        tokens,
        cost,
        notes,
    }
}

fn tok(v: f64) -> Tokens {
    Tokens::new(v).unwrap_or(Tokens::ZERO)
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn p(v: f64) -> UsdPerMTok {
        UsdPerMTok::new(v).unwrap_or(UsdPerMTok::ZERO)
    }

    /// Claude Sonnet 4.5 as published: $3 / $15, cache read $0.30, writes $3.75 (5 min) and
    /// $6 (1 h), batch 50 % off, and above 200K prompt tokens $6 / $22.50 (cache read $0.60).
    fn sonnet_4_5() -> ModelPrice {
        ModelPrice {
            input: p(3.0),
            output: p(15.0),
            cached_input: Some(p(0.3)),
            cache_write_5m: Some(p(3.75)),
            cache_write_1h: Some(p(6.0)),
            reasoning: None,
            batch_discount: Some(0.5),
            long_context: Some(LongContext {
                threshold_tokens: 200_000.0,
                input: p(6.0),
                output: p(22.5),
                cached_input: Some(p(0.6)),
            }),
            accounting: CacheAccounting::BesidePrompt,
            rules: ExtraRules::default(),
        }
    }

    fn shape(input: f64, output: f64) -> RequestShape {
        RequestShape {
            input_tokens: input,
            output_tokens: output,
            ..RequestShape::default()
        }
    }

    fn close(a: Usd, b: f64) -> bool {
        (a.value() - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    /// Published: a 250,000-token prompt with 2,000 output tokens on a model whose price doubles
    /// above 200K (input $3→$6, output $15→$22.50) costs 250,000 × $6/M + 2,000 × $22.50/M
    /// = $1.50 + $0.045 = $1.545, and $0.7725 through a 50 % batch API.
    #[test]
    fn long_context_cliff_reprices_the_whole_request() {
        let r = request_cost(&shape(250_000.0, 2_000.0), &sonnet_4_5(), false);
        assert!(close(r.cost.total(), 1.545), "{:?}", r.cost.total());
        assert_eq!(r.notes, vec![PriceNote::LongContextApplied]);
        let b = request_cost(&shape(250_000.0, 2_000.0), &sonnet_4_5(), true);
        assert!(close(b.cost.total(), 0.7725), "{:?}", b.cost.total());
    }

    /// At exactly the threshold the request is not long: 200,000 × $3/M + 2,000 × $15/M.
    #[test]
    fn threshold_itself_is_standard_price() {
        let r = request_cost(&shape(200_000.0, 2_000.0), &sonnet_4_5(), false);
        assert!(close(r.cost.total(), 0.63));
        assert!(r.notes.is_empty());
    }

    /// 100,000-token prompt, 90 % read from cache, 10,000 tokens written with a 5-minute TTL:
    /// reads 90,000 × $0.30/M = $0.027, writes 10,000 × $3.75/M = $0.0375, no plain input.
    /// With a 1-hour TTL the writes cost 10,000 × $6/M = $0.06.
    #[test]
    fn cache_reads_and_writes_by_ttl() {
        let mut s = shape(100_000.0, 0.0);
        s.cached_share = 0.9;
        s.cache_write_tokens = 10_000.0;
        let r = request_cost(&s, &sonnet_4_5(), false);
        assert!(close(r.cost.cached_input, 0.027));
        assert!(close(r.cost.cache_write, 0.0375));
        assert_eq!(r.cost.input, Usd::ZERO);
        assert_eq!(r.tokens.total().value(), 100_000.0);
        s.write_shares = WriteShares::only(CacheTtl::OneHour);
        assert!(close(
            request_cost(&s, &sonnet_4_5(), false).cost.cache_write,
            0.06
        ));
    }

    /// Writes cannot exceed the uncached part of the prompt: they are capped, never negative.
    #[test]
    fn cache_writes_are_capped_by_the_uncached_prompt() {
        let mut s = shape(1_000.0, 0.0);
        s.cached_share = 0.8;
        s.cache_write_tokens = 5_000.0;
        let r = request_cost(&s, &sonnet_4_5(), false);
        assert_eq!(r.tokens.cache_write.value(), 200.0);
        assert_eq!(r.tokens.input.value(), 0.0);
    }

    /// The same traffic reported the OpenAI way (10,000 prompt tokens of which 6,000 cached)
    /// and the Anthropic way (4,000 input tokens plus 6,000 cache reads) is the same request.
    #[test]
    fn provider_accounting_maps_to_one_shape() {
        let inside =
            RequestShape::from_reported(CacheAccounting::InsidePrompt, 10_000.0, 6_000.0, 0.0);
        let beside =
            RequestShape::from_reported(CacheAccounting::BesidePrompt, 4_000.0, 6_000.0, 0.0);
        assert_eq!(inside, beside);
        assert_eq!(inside.input_tokens, 10_000.0);
        assert_eq!(inside.cached_share, 0.6);
        // 4,000 × $3/M + 6,000 × $0.30/M = $0.012 + $0.0018
        assert!(close(
            request_cost(&beside, &sonnet_4_5(), false).cost.total(),
            0.0138
        ));
    }

    /// Reasoning tokens are output unless the model prices them; no cached price means cached
    /// tokens cost plain input; no write price means writes cost plain input.
    #[test]
    fn fallbacks() {
        let mut m = sonnet_4_5();
        m.cached_input = None;
        m.cache_write_5m = None;
        m.cache_write_1h = None;
        m.long_context = None;
        let s = RequestShape {
            input_tokens: 1_000_000.0,
            cached_share: 0.5,
            cache_write_tokens: 100_000.0,
            output_tokens: 0.0,
            reasoning_tokens: 1_000_000.0,
            ..RequestShape::default()
        };
        let r = request_cost(&s, &m, false);
        // 1M prompt tokens at $3 whatever their kind + 1M reasoning at $15
        assert!(close(r.cost.total(), 18.0));
        m.reasoning = Some(p(5.0));
        assert!(close(request_cost(&s, &m, false).cost.total(), 8.0));
    }

    #[test]
    fn missing_prices_are_noted() {
        let mut m = sonnet_4_5();
        m.batch_discount = None;
        m.cache_write_1h = None;
        let s = RequestShape {
            input_tokens: 10_000.0,
            cache_write_tokens: 1_000.0,
            write_shares: WriteShares::only(CacheTtl::OneHour),
            ..RequestShape::default()
        };
        let r = request_cost(&s, &m, true);
        assert_eq!(
            r.notes,
            vec![PriceNote::NoOneHourCachePrice, PriceNote::NoBatchApi]
        );
        // 9,000 × $3/M + 1,000 × $3.75/M, no discount
        assert!(close(r.cost.total(), 0.03075));
    }

    /// Long-context cache writes scale with input: $3.75 × (6 / 3) = $7.50 per million.
    #[test]
    fn long_context_cache_writes_scale_with_input() {
        let s = RequestShape {
            input_tokens: 300_000.0,
            cache_write_tokens: 100_000.0,
            ..RequestShape::default()
        };
        let r = request_cost(&s, &sonnet_4_5(), false);
        assert!(close(r.cost.cache_write, 0.75));
        assert!(close(r.cost.input, 1.2));
    }
}
