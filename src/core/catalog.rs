//! Built-in catalogs, each entry with its source and as-of date.
//!
//! The API price list is generated from `data/llm_prices.csv` by
//! `scripts/gen-catalog.py` into `catalog_data.rs`; `tests/catalog.rs` checks every price
//! against the CSV. Entries are plain data, injected into the evaluation, never fetched.

use super::pricing::{CacheAccounting, LongContext, ModelPrice};
use super::units::UsdPerMTok;

/// One row of the generated price table (plain numbers, so it can be a `const`).
pub(super) struct RawModel {
    pub id: &'static str,
    pub provider: &'static str,
    pub name: &'static str,
    pub input: f64,
    pub output: f64,
    pub cached_input: Option<f64>,
    pub cache_write_5m: Option<f64>,
    pub cache_write_1h: Option<f64>,
    pub batch_discount: Option<f64>,
    pub context_window: Option<f64>,
    pub long: Option<RawLong>,
    pub source: &'static str,
    pub as_of: &'static str,
    pub note: &'static str,
}

/// A long-context tier in the generated table.
pub(super) struct RawLong {
    pub threshold: f64,
    pub input: f64,
    pub output: f64,
    pub cached_input: Option<f64>,
}

/// A model in the built-in API price list.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogModel {
    /// Stable id: provider slug and model slug, e.g. `anthropic/claude-sonnet-4-5`.
    pub id: &'static str,
    /// Who sells it (the same open model can be sold by several providers).
    pub provider: &'static str,
    /// The provider's model name.
    pub name: &'static str,
    /// Its prices.
    pub price: ModelPrice,
    /// Largest prompt + output it accepts, in tokens, if known.
    pub context_window: Option<f64>,
    /// Where the prices come from.
    pub source: &'static str,
    /// When they were read (`YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: &'static str,
    /// Anything a buyer should know (deprecation, promotional price…), or empty.
    pub note: &'static str,
}

fn per_mtok(v: f64) -> UsdPerMTok {
    UsdPerMTok::new(v).unwrap_or(UsdPerMTok::ZERO)
}

impl RawModel {
    fn to_model(&self) -> CatalogModel {
        // Anthropic reports cache reads and writes beside input_tokens; the others inside.
        let accounting = if self.provider == "Anthropic" {
            CacheAccounting::BesidePrompt
        } else {
            CacheAccounting::InsidePrompt
        };
        CatalogModel {
            id: self.id,
            provider: self.provider,
            name: self.name,
            price: ModelPrice {
                input: per_mtok(self.input),
                output: per_mtok(self.output),
                cached_input: self.cached_input.map(per_mtok),
                cache_write_5m: self.cache_write_5m.map(per_mtok),
                cache_write_1h: self.cache_write_1h.map(per_mtok),
                reasoning: None,
                batch_discount: self.batch_discount,
                long_context: self.long.as_ref().map(|l| LongContext {
                    threshold_tokens: l.threshold,
                    input: per_mtok(l.input),
                    output: per_mtok(l.output),
                    cached_input: l.cached_input.map(per_mtok),
                }),
                accounting,
            },
            context_window: self.context_window,
            source: self.source,
            as_of: self.as_of,
            note: self.note,
        }
    }
}

/// The built-in API models, in the order of the source table (grouped by provider).
pub fn api_models() -> Vec<CatalogModel> {
    super::catalog_data::MODELS
        .iter()
        .map(RawModel::to_model)
        .collect()
}

/// Looks a built-in model up by id.
pub fn api_model(id: &str) -> Option<CatalogModel> {
    super::catalog_data::MODELS
        .iter()
        .find(|m| m.id == id)
        .map(RawModel::to_model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_forty_models_with_unique_ids_sources_and_dates() {
        let models = api_models();
        assert!(models.len() >= 40, "{}", models.len());
        let mut ids: Vec<_> = models.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), models.len(), "ids are unique");
        for m in &models {
            assert!(
                !m.source.is_empty() && m.as_of.starts_with("20"),
                "{}",
                m.id
            );
            assert!(
                m.price.input.value() >= 0.0 && m.price.output.value() > 0.0,
                "{}",
                m.id
            );
        }
    }

    #[test]
    fn lookup_by_id() {
        let sonnet = api_model("anthropic/claude-sonnet-4-5");
        assert_eq!(sonnet.as_ref().map(|m| m.name), Some("claude-sonnet-4-5"));
        assert_eq!(
            sonnet.map(|m| m.price.accounting),
            Some(CacheAccounting::BesidePrompt)
        );
        assert!(api_model("nobody/nothing").is_none());
    }
}
