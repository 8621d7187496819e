//! Import of a price table in LiteLLM's `model_prices_and_context_window.json` format, the de
//! facto shared price list of LLM tooling.
//!
//! **Mapping** (LiteLLM quotes $ per token; we keep $ per million tokens):
//!
//! | LiteLLM field | here |
//! |---|---|
//! | `input_cost_per_token`, `output_cost_per_token` | input, output |
//! | `cache_read_input_token_cost` | cached input |
//! | `cache_creation_input_token_cost` / `…_above_1hr` | cache writes, 5-minute / 1-hour TTL |
//! | `output_cost_per_reasoning_token` | reasoning |
//! | `input_cost_per_token_batches` | batch discount = 1 − batch input ÷ input |
//! | `input_cost_per_token_above_{N}k_tokens` (and output, cache read) | long-context tier above N × 1,000 tokens (the lowest N when several) |
//! | `max_input_tokens` | context window |
//! | `litellm_provider` | provider (`anthropic` bills cache tokens beside the prompt) |
//!
//! | `input_cost_per_token_{flex,priority}` (and output, cache read, cache creation) | the service tier's prices |
//! | `cache_creation_input_token_cost_above_12hr` | cache writes, 12-hour TTL |
//! | `cache_read_input_token_cost_batches` | batched cache reads (else the provider's rule, [`BatchCache::of_provider`]) |
//! | `provider_specific_entry.us`, `regional_endpoint_uplift_multiplier`, `regional_processing_uplift_multiplier_us` | residency multiplier |
//! | `provider_specific_entry.fast` | fast-mode multiplier |
//! | `tiered_pricing` | context tiers by the cliff rule (the first tier's prices are the base where the flat ones are missing) |
//!
//! Entries are imported when their `mode` is `chat`, `completion` or `responses` and they
//! have both an input and an output price (flat, or the first of `tiered_pricing`); everything
//! else is skipped with its reason counted.

use super::pricing::{
    BatchCache, CacheAccounting, ContextTiers, ExtraRules, LongContext, ModelPrice, TierPrice,
    Tiering,
};
use super::units::{UsdPerMTok, TOKENS_PER_MILLION};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// One imported model.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedModel {
    /// The LiteLLM key, e.g. `claude-sonnet-4-5` or `xai/grok-4.7`.
    pub key: String,
    /// `litellm_provider`.
    pub provider: String,
    /// Its prices.
    pub price: ModelPrice,
    /// `max_input_tokens`, if given.
    pub context_window: Option<f64>,
}

impl ImportedModel {
    /// A custom model with this model's prices and rules, under `id` (`custom/N`): how a model
    /// from an import enters a Scenario (links carry custom models, never the import).
    pub fn to_custom(&self, id: String) -> crate::scenario::CustomModel {
        let p = &self.price;
        let per = |v: Option<UsdPerMTok>| v.map(UsdPerMTok::value);
        crate::scenario::CustomModel {
            id,
            name: self.key.clone(),
            source: format!(
                "LiteLLM price table import (key {}, provider {})",
                self.key, self.provider
            ),
            price: crate::scenario::PriceEdit {
                input: Some(p.input.value()),
                output: Some(p.output.value()),
                cached_input: per(p.cached_input),
                cache_write_5m: per(p.cache_write_5m),
                cache_write_1h: per(p.cache_write_1h),
                reasoning: per(p.reasoning),
                batch_discount_pct: p.batch_discount.map(|d| d * 100.0),
            },
            cache_beside_prompt: p.accounting == super::pricing::CacheAccounting::BesidePrompt,
            // The first of several context tiers, or its one cliff; the rules hold the tiers
            // above it.
            long_context: super::models::custom_long_context(p),
            rules: super::models::custom_rules(&p.rules),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportSummary {
    /// The models imported, sorted by key.
    pub models: Vec<ImportedModel>,
    /// How many entries were skipped, by reason.
    pub skipped: BTreeMap<SkipReason, usize>,
}

impl ImportSummary {
    /// Up to `limit` imported models whose key contains `query` (case-insensitive), best
    /// first: the exact key, then the key after a provider prefix (`openai/gpt-5`), then keys
    /// starting with the query, then the rest; shorter keys first within each rank.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&ImportedModel> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u8, &ImportedModel)> = self
            .models
            .iter()
            .filter_map(|m| {
                let key = m.key.to_lowercase();
                let tail = key.rsplit('/').next().unwrap_or(&key);
                let rank = if key == q {
                    0
                } else if tail == q {
                    1
                } else if key.starts_with(&q) || tail.starts_with(&q) {
                    2
                } else if key.contains(&q) {
                    3
                } else {
                    return None;
                };
                Some((rank, m))
            })
            .collect();
        hits.sort_by(|a, b| (a.0, a.1.key.len(), &a.1.key).cmp(&(b.0, b.1.key.len(), &b.1.key)));
        hits.into_iter().take(limit).map(|(_, m)| m).collect()
    }
}

/// Why an entry was not imported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// Not a text-generation model (`mode` is embedding, image generation, …).
    NotTextGeneration(String),
    /// No `mode` field.
    NoMode,
    /// No input or no output price per token.
    NoTokenPrices,
    /// A price is negative or not a number.
    BadPrice,
    /// LiteLLM's documentation entry `sample_spec`.
    SampleSpec,
    /// The entry is not an object.
    NotAnObject,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotTextGeneration(mode) => write!(f, "not a text model (mode \"{mode}\")"),
            SkipReason::NoMode => f.write_str("no mode given"),
            SkipReason::NoTokenPrices => f.write_str("no input and output price per token"),
            SkipReason::BadPrice => f.write_str("a price is negative or not a number"),
            SkipReason::SampleSpec => f.write_str("LiteLLM's sample_spec documentation entry"),
            SkipReason::NotAnObject => f.write_str("not an object"),
        }
    }
}

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The text is not JSON; the message names the line and column.
    NotJson(String),
    /// The JSON is not an object of models.
    NotAnObject,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "This is not valid JSON: {e}."),
            ImportError::NotAnObject => f.write_str(
                "This JSON is not a price table: expected an object of models, like LiteLLM's \
                 model_prices_and_context_window.json.",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports a LiteLLM price table.
///
/// # Errors
/// [`ImportError`] when the text is not JSON or not an object; bad entries are skipped and
/// counted, never fatal.
pub fn import_litellm(json: &str) -> Result<ImportSummary, ImportError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let Value::Object(entries) = value else {
        return Err(ImportError::NotAnObject);
    };
    let mut summary = ImportSummary::default();
    for (key, entry) in &entries {
        match import_entry(key, entry) {
            Ok(model) => summary.models.push(model),
            Err(reason) => *summary.skipped.entry(reason).or_insert(0) += 1,
        }
    }
    summary.models.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(summary)
}

fn import_entry(key: &str, entry: &Value) -> Result<ImportedModel, SkipReason> {
    if key == "sample_spec" {
        return Err(SkipReason::SampleSpec);
    }
    let Value::Object(e) = entry else {
        return Err(SkipReason::NotAnObject);
    };
    match e.get("mode").and_then(Value::as_str) {
        Some("chat" | "completion" | "responses") => {}
        Some(other) => return Err(SkipReason::NotTextGeneration(other.to_owned())),
        None => return Err(SkipReason::NoMode),
    }
    let tiered = tiered_pricing(e)?;
    let first = tiered.first().map(|t| (t.input, t.output));
    let (Some(input), Some(output)) = (
        per_mtok(e, "input_cost_per_token")?.or(first.map(|f| f.0)),
        per_mtok(e, "output_cost_per_token")?.or(first.map(|f| f.1)),
    ) else {
        return Err(SkipReason::NoTokenPrices);
    };
    let provider = e
        .get("litellm_provider")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let batch_discount = per_mtok(e, "input_cost_per_token_batches")?
        .filter(|_| input.value() > 0.0)
        .map(|b| (1.0 - b.value() / input.value()).clamp(0.0, 1.0));
    Ok(ImportedModel {
        key: key.to_owned(),
        price: ModelPrice {
            input,
            output,
            cached_input: per_mtok(e, "cache_read_input_token_cost")?,
            cache_write_5m: per_mtok(e, "cache_creation_input_token_cost")?,
            cache_write_1h: per_mtok(e, "cache_creation_input_token_cost_above_1hr")?,
            reasoning: per_mtok(e, "output_cost_per_reasoning_token")?,
            batch_discount,
            long_context: long_tier(e)?,
            accounting: if provider == "anthropic" {
                CacheAccounting::BesidePrompt
            } else {
                CacheAccounting::InsidePrompt
            },
            rules: extra_rules(e, &provider, tiered)?,
        },
        context_window: e
            .get("max_input_tokens")
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite() && *v > 0.0),
        provider,
    })
}

/// The rules beyond the common ones: service tiers (`…_flex`, `…_priority`), 12-hour cache
/// writes, the batch cached-input price, residency and fast-mode multipliers, and
/// `tiered_pricing`'s tiers above the first.
fn extra_rules(
    e: &Map<String, Value>,
    provider: &str,
    tiered: Vec<LongContext>,
) -> Result<ExtraRules, SkipReason> {
    let base = (
        tiered.first().map(|t| t.input),
        tiered.first().map(|t| t.output),
    );
    // The cache-read key of the first long-context tier (`…_above_{N}k_tokens`), whose tier
    // and batch variants price long cached prompts apart.
    let long_cached =
        long_threshold_k(e).map(|n| format!("cache_read_input_token_cost_above_{n}k_tokens"));
    let tier = |suffix: &str| -> Result<Option<TierPrice>, SkipReason> {
        let input = per_mtok(e, &format!("input_cost_per_token_{suffix}"))?;
        let output = per_mtok(e, &format!("output_cost_per_token_{suffix}"))?;
        // A ratio to the standard price (1 when the standard price is zero or missing).
        let ratio = |tier: UsdPerMTok, standard: Option<UsdPerMTok>| match standard {
            Some(s) if s.value() > 0.0 => tier.value() / s.value(),
            _ => 1.0,
        };
        let apart = |kind: &str| -> Result<Option<f64>, SkipReason> {
            per_mtok(e, &format!("{kind}_{suffix}"))?
                .map(|c| per_mtok(e, kind).map(|s| ratio(c, s)))
                .transpose()
        };
        Ok(match (input, output) {
            (Some(input), Some(output)) => Some(TierPrice {
                input: ratio(input, per_mtok(e, "input_cost_per_token")?.or(base.0)),
                output: ratio(output, per_mtok(e, "output_cost_per_token")?.or(base.1)),
                cached_input: apart("cache_read_input_token_cost")?,
                cache_write: apart("cache_creation_input_token_cost")?,
                long_cached_input: long_cached.as_deref().map(apart).transpose()?.flatten(),
            }),
            _ => None,
        })
    };
    let number = |v: Option<&Value>| {
        v.and_then(Value::as_f64)
            .filter(|m| m.is_finite() && *m > 0.0)
    };
    let specific = e.get("provider_specific_entry");
    let residency = number(specific.and_then(|s| s.get("us")))
        .or_else(|| number(e.get("regional_endpoint_uplift_multiplier")))
        .or_else(|| number(e.get("regional_processing_uplift_multiplier_us")));
    Ok(ExtraRules {
        flex: tier("flex")?,
        priority: tier("priority")?,
        cache_write_12h: per_mtok(e, "cache_creation_input_token_cost_above_12hr")?,
        batch_cached_input: per_mtok(e, "cache_read_input_token_cost_batches")?,
        batch_long_cached_input: long_cached
            .map(|key| per_mtok(e, &format!("{key}_batches")))
            .transpose()?
            .flatten(),
        batch_cache: BatchCache::of_provider(provider),
        residency,
        fast: number(specific.and_then(|s| s.get("fast"))),
        context_tiers: (tiered.len() > 1).then(|| {
            std::sync::Arc::new(ContextTiers {
                tiering: Tiering::Cliff,
                tiers: tiered[1..].to_vec(),
            })
        }),
    })
}

/// LiteLLM's `tiered_pricing` list as context tiers, ascending: each tier's `range` start is
/// its threshold (a prompt of exactly a range's end stays in that range, as LiteLLM selects
/// `start < input ≤ end`), billed by the cliff rule as LiteLLM's cost function does. Tiers
/// without an input price are not priced tiers and are left out.
fn tiered_pricing(e: &Map<String, Value>) -> Result<Vec<LongContext>, SkipReason> {
    let Some(Value::Array(list)) = e.get("tiered_pricing") else {
        return Ok(Vec::new());
    };
    let mut tiers = Vec::new();
    for t in list {
        let Value::Object(t) = t else { continue };
        let start = t
            .get("range")
            .and_then(|r| r.get(0))
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite() && *v >= 0.0);
        let (Some(start), Some(input)) = (start, per_mtok(t, "input_cost_per_token")?) else {
            continue;
        };
        let output = per_mtok(t, "output_cost_per_token")?
            .or(per_mtok(e, "output_cost_per_token")?)
            .unwrap_or(UsdPerMTok::ZERO);
        tiers.push(LongContext {
            threshold_tokens: start,
            input,
            output,
            cached_input: per_mtok(t, "cache_read_input_token_cost")?,
        });
    }
    tiers.sort_by(|a, b| a.threshold_tokens.total_cmp(&b.threshold_tokens));
    Ok(tiers)
}

/// A `$ per token` field as $ per million tokens; `Ok(None)` when absent, an error when present
/// but negative or not a number.
fn per_mtok(e: &Map<String, Value>, field: &str) -> Result<Option<UsdPerMTok>, SkipReason> {
    match e.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|p| *p >= 0.0)
            .and_then(|p| UsdPerMTok::new(p * TOKENS_PER_MILLION))
            .map(Some)
            .ok_or(SkipReason::BadPrice),
    }
}

/// `N` of the lowest `above_{N}k_tokens` tier with both an input and an output price.
fn long_threshold_k(e: &Map<String, Value>) -> Option<u32> {
    let mut thresholds: Vec<u32> = e
        .keys()
        .filter_map(|k| {
            k.strip_prefix("input_cost_per_token_above_")?
                .strip_suffix("k_tokens")?
                .parse()
                .ok()
        })
        .collect();
    thresholds.sort_unstable();
    thresholds.into_iter().find(|n| {
        let priced = |kind: &str| {
            e.get(&format!("{kind}_cost_per_token_above_{n}k_tokens"))
                .is_some_and(|v| !v.is_null())
        };
        priced("input") && priced("output")
    })
}

/// The lowest `above_{N}k_tokens` tier that has both an input and an output price.
fn long_tier(e: &Map<String, Value>) -> Result<Option<LongContext>, SkipReason> {
    let Some(n) = long_threshold_k(e) else {
        return Ok(None);
    };
    let price = |kind: &str| per_mtok(e, &format!("{kind}_above_{n}k_tokens"));
    let (input, output) = (
        price("input_cost_per_token")?,
        price("output_cost_per_token")?,
    );
    let cached_input = price("cache_read_input_token_cost")?;
    Ok(input.zip(output).map(|(input, output)| LongContext {
        threshold_tokens: f64::from(n) * 1_000.0,
        input,
        output,
        cached_input,
    }))
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn imports_an_anthropic_entry_with_every_rule() {
        let json = r#"{
            "claude-sonnet-4-5": {
                "mode": "chat", "litellm_provider": "anthropic", "max_input_tokens": 200000,
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "cache_read_input_token_cost": 3e-07,
                "cache_creation_input_token_cost": 3.75e-06,
                "cache_creation_input_token_cost_above_1hr": 6e-06,
                "input_cost_per_token_batches": 1.5e-06,
                "input_cost_per_token_above_200k_tokens": 6e-06,
                "output_cost_per_token_above_200k_tokens": 2.25e-05,
                "cache_read_input_token_cost_above_200k_tokens": 6e-07
            }
        }"#;
        let s = import_litellm(json).unwrap_or_default();
        assert_eq!(s.models.len(), 1);
        let m = &s.models[0];
        let p = &m.price;
        assert!((p.input.value() - 3.0).abs() < 1e-9 && (p.output.value() - 15.0).abs() < 1e-9);
        assert!((p.cache_write_1h.map_or(0.0, UsdPerMTok::value) - 6.0).abs() < 1e-9);
        assert!((p.batch_discount.unwrap_or(0.0) - 0.5).abs() < 1e-9);
        let long = p
            .long_context
            .as_ref()
            .map(|l| (l.threshold_tokens, l.output.value()));
        assert!(long.is_some_and(|(t, o)| t == 200_000.0 && (o - 22.5).abs() < 1e-9));
        assert_eq!(p.accounting, CacheAccounting::BesidePrompt);
        assert_eq!(m.context_window, Some(200_000.0));
    }

    #[test]
    fn skips_with_reasons() {
        let json = r#"{
            "sample_spec": {"mode": "chat"},
            "text-embedding-3-small": {"mode": "embedding", "input_cost_per_token": 2e-08},
            "dall-e": {"mode": "image_generation"},
            "priced-nowhere": {"mode": "chat"},
            "negative": {"mode": "chat", "input_cost_per_token": -1, "output_cost_per_token": 1e-06},
            "weird": 42,
            "ok": {"mode": "completion", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}
        }"#;
        let s = import_litellm(json).unwrap_or_default();
        assert_eq!(
            s.models.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
            ["ok"]
        );
        assert_eq!(s.skipped.values().sum::<usize>(), 6);
        assert_eq!(s.skipped.get(&SkipReason::BadPrice), Some(&1));
        assert_eq!(
            s.skipped
                .get(&SkipReason::NotTextGeneration("embedding".into())),
            Some(&1)
        );
    }

    #[test]
    fn search_ranks_exact_then_prefix_then_contains() {
        let price =
            r#"{"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}"#;
        let keys = [
            "azure/gpt-5-mini-2025",
            "gpt-5-mini-2025-08-07",
            "openai/gpt-5-mini",
            "gpt-5-mini",
            "my-gpt-5-mini",
        ];
        let json = format!(
            "{{{}}}",
            keys.iter()
                .map(|k| format!("\"{k}\": {price}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let s = import_litellm(&json).unwrap_or_default();
        let found: Vec<_> = s
            .search("GPT-5-mini", 4)
            .into_iter()
            .map(|m| m.key.as_str())
            .collect();
        // The last two tie on rank and length (21 characters): alphabetical.
        assert_eq!(
            found,
            [
                "gpt-5-mini",
                "openai/gpt-5-mini",
                "azure/gpt-5-mini-2025",
                "gpt-5-mini-2025-08-07"
            ]
        );
        assert!(s.search("  ", 5).is_empty());
        assert!(s.search("claude", 5).is_empty());
    }

    #[test]
    fn errors_for_what_is_not_a_price_table() {
        assert!(matches!(
            import_litellm("{oops"),
            Err(ImportError::NotJson(_))
        ));
        assert_eq!(import_litellm("[1, 2]"), Err(ImportError::NotAnObject));
        assert!(import_litellm("").is_err());
    }
}
