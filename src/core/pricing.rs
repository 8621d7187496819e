//! The billing rules of LLM APIs: what one request costs on one model.
//!
//! A request is described provider-neutrally by [`RequestShape`]: the whole prompt the model
//! reads (`input_tokens`), the share of it served from the prompt cache, the prompt tokens
//! written to the cache, and the output and reasoning tokens it produces. [`request_cost`]
//! prices it on a [`ModelPrice`] by these rules (each from `data/README.md`):
//!
//! 1. **Token accounting.** The prompt splits into cache reads `C = input × cached_share`,
//!    cache writes `W = min(cache_write_tokens, input − C)` and plain input `U = input − C − W`.
//!    Providers report these differently (OpenAI and Gemini count cached tokens *inside* the
//!    prompt total; Anthropic reports cache reads and writes *beside* `input_tokens`):
//!    [`RequestShape::from_reported`] turns either report into the neutral shape, so cached
//!    tokens are never billed twice nor forgotten.
//! 2. **Prompt cache.** Reads are billed at the cached-input price (plain input price when the
//!    model has none). Writes are billed at the 5-minute or 1-hour cache-write price by their
//!    time to live; a model without a write price bills writes as plain input (OpenAI-style
//!    automatic caching); a model with only a 5-minute price bills 1-hour writes at it and says so.
//! 3. **Long-context cliff.** When the prompt (`input_tokens`, all of it) exceeds the model's
//!    threshold, the *whole* request is billed at the long-context prices: input, cache reads,
//!    output and reasoning. Cache writes scale by the same factor as input (Anthropic prices
//!    writes as a multiple of input). The rule applies to the average request of a workload:
//!    split workloads whose prompts straddle the threshold.
//! 4. **Batch.** A batched request gets the batch discount on every token kind (discounts stack
//!    with cache multipliers, as Anthropic documents); a model without a batch API bills it at
//!    standard prices and says so.
//! 5. **Reasoning** tokens are billed at the output price unless the model has its own price.

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Everything a model charges, in $ per million tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelPrice {
    /// Plain input.
    pub input: UsdPerMTok,
    /// Output.
    pub output: UsdPerMTok,
    /// Cache reads; `None` bills them as plain input.
    pub cached_input: Option<UsdPerMTok>,
    /// Cache writes with a 5-minute TTL; `None` bills them as plain input.
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
    /// Time to live of those writes.
    pub cache_ttl: CacheTtl,
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
        Self {
            input: self.input * k,
            cached_input: self.cached_input * k,
            cache_write: self.cache_write * k,
            output: self.output * k,
            reasoning: self.reasoning * k,
        }
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
    let mut notes = Vec::new();
    let prompt = shape.input_tokens.max(0.0);
    let cached = prompt * shape.cached_share.clamp(0.0, 1.0);
    let written = shape.cache_write_tokens.clamp(0.0, prompt - cached);
    let plain = (prompt - cached - written).max(0.0);

    // Rule 3: the cliff reprices the whole request.
    let long = price
        .long_context
        .as_ref()
        .filter(|lc| prompt > lc.threshold_tokens);
    let (input, output, scale) = match long {
        Some(lc) => {
            notes.push(PriceNote::LongContextApplied);
            let scale = if price.input.value() > 0.0 {
                lc.input.value() / price.input.value()
            } else {
                1.0
            };
            (lc.input, lc.output, scale)
        }
        None => (price.input, price.output, 1.0),
    };
    let scaled = |p: UsdPerMTok| p * scale;
    let cached_price = match (long, price.cached_input) {
        (
            Some(LongContext {
                cached_input: Some(c),
                ..
            }),
            _,
        ) => *c,
        (_, Some(c)) => scaled(c),
        (_, None) => input,
    };
    let write_price = match shape.cache_ttl {
        CacheTtl::FiveMinutes => price.cache_write_5m,
        CacheTtl::OneHour => price.cache_write_1h.or_else(|| {
            if written > 0.0 && price.cache_write_5m.is_some() {
                notes.push(PriceNote::NoOneHourCachePrice);
            }
            price.cache_write_5m
        }),
    }
    .map_or(input, scaled);
    let reasoning_price = price.reasoning.map_or(output, scaled);

    // Rule 4: batch discount on every kind.
    let discount = match (batched, price.batch_discount) {
        (true, Some(d)) => d.clamp(0.0, 1.0),
        (true, None) => {
            notes.push(PriceNote::NoBatchApi);
            0.0
        }
        (false, _) => 0.0,
    };
    let keep = 1.0 - discount;

    let tokens = ByKind {
        input: tok(plain),
        cached_input: tok(cached),
        cache_write: tok(written),
        output: tok(shape.output_tokens.max(0.0)),
        reasoning: tok(shape.reasoning_tokens.max(0.0)),
    };
    let cost = ByKind {
        input: tokens.input * input,
        cached_input: tokens.cached_input * cached_price,
        cache_write: tokens.cache_write * write_price,
        output: tokens.output * output,
        reasoning: tokens.reasoning * reasoning_price,
    }
    .scale(keep);
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
        s.cache_ttl = CacheTtl::OneHour;
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
            cache_ttl: CacheTtl::OneHour,
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
