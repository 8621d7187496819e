//! Built-in catalogs, each entry with its source and as-of date.
//!
//! The API price list is generated from `data/llm_prices.csv` by
//! `scripts/gen-catalog.py` into `catalog_data.rs`; `tests/catalog.rs` checks every price
//! against the CSV. Entries are plain data, injected into the evaluation, never fetched.
//!
//! **Prices over time.** The list has an edition (its as-of date, [`EDITION`]), which links
//! record. A refresh that changes a price or removes a model moves the old row into the
//! archive (`data/llm_price_archive.csv`) with `until`, the last edition it was current in:
//! [`Catalog::price_at`] gives the price a model had in any edition, and a removed model keeps
//! its last prices, marked retired ([`Catalog::retired`]), so an old link never fails with
//! "unknown model".

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
    pub rules: Option<&'static RawRules>,
    pub source: &'static str,
    pub as_of: &'static str,
    pub note: &'static str,
}

/// A row of the archive: a price a refresh replaced, or a model it removed.
pub(super) struct Archived {
    pub until: &'static str,
    pub retired: bool,
    pub model: RawModel,
}

pub use super::catalog_data::EDITION;

/// A long-context tier in the generated table.
pub(super) struct RawLong {
    pub threshold: f64,
    pub input: f64,
    pub output: f64,
    pub cached_input: Option<f64>,
}

/// A row's billing rules beyond the common ones (`data/llm_prices.csv`'s columns from
/// `flex_input_usd_per_mtok` to `fast_multiplier`), with `0.0` for "none" so that the table
/// stays small in the first load. Service tiers are `[input, output, cache reads, cache
/// writes, long-context cache reads]` as ratios to the standard prices (an input ratio of 0:
/// not sold on the tier; a cache ratio of 0: the tier's input ratio applies, and for
/// long-context cache reads the cache-read ratio); the 12-hour write and batched cache-read
/// prices are USD per million tokens; residency and fast mode are multipliers.
pub(super) struct RawRules {
    pub flex: [f64; 5],
    pub priority: [f64; 5],
    pub cache_write_12h: f64,
    pub batch_cached_input: f64,
    pub batch_long_cached_input: f64,
    pub residency: f64,
    pub fast: f64,
}

impl RawRules {
    fn to_rules(&self, provider: &str) -> super::pricing::ExtraRules {
        let some = |v: f64| (v > 0.0).then_some(v);
        let tier = |t: &[f64; 5]| {
            some(t[0]).map(|input| super::pricing::TierPrice {
                input,
                output: t[1],
                cached_input: some(t[2]),
                cache_write: some(t[3]),
                long_cached_input: some(t[4]),
            })
        };
        super::pricing::ExtraRules {
            flex: tier(&self.flex),
            priority: tier(&self.priority),
            cache_write_12h: some(self.cache_write_12h).map(per_mtok),
            batch_cached_input: some(self.batch_cached_input).map(per_mtok),
            batch_long_cached_input: some(self.batch_long_cached_input).map(per_mtok),
            batch_cache: super::pricing::BatchCache::of_provider(provider),
            residency: some(self.residency),
            fast: some(self.fast),
            context_tiers: None,
        }
    }
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
                rules: match self.rules {
                    Some(r) => r.to_rules(self.provider),
                    None => super::pricing::ExtraRules {
                        batch_cache: super::pricing::BatchCache::of_provider(self.provider),
                        ..super::pricing::ExtraRules::default()
                    },
                },
            },
            context_window: self.context_window,
            source: self.source,
            as_of: self.as_of,
            note: self.note,
        }
    }
}

/// An archived price: what a model cost up to and including edition `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedModel {
    /// The last edition these prices were current in (`YYYY-MM-DD`).
    pub until: &'static str,
    /// True when the model left the catalog after `until`.
    pub retired: bool,
    /// The model as it was.
    pub model: CatalogModel,
}

/// An API price list with its history: the built-in one ([`Catalog::builtin`]) or, in tests,
/// a fixed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The edition (`YYYY-MM-DD`): when the prices were read.
    pub edition: &'static str,
    /// The models on sale.
    pub models: Vec<CatalogModel>,
    /// Replaced prices and retired models, oldest first.
    pub archive: Vec<ArchivedModel>,
    /// The open models, GPUs, rental offers and measurements of the same edition (self-hosting
    /// and commitments price with them); `None`: the built-in ones ([`Catalog::hardware`]).
    pub hardware: Option<super::hardware::Hardware>,
}

impl Catalog {
    /// The built-in catalog: `data/llm_prices.csv` and its archive.
    pub fn builtin() -> Catalog {
        Catalog {
            edition: EDITION,
            models: api_models(),
            archive: super::catalog_data::ARCHIVE
                .iter()
                .map(|a| ArchivedModel {
                    until: a.until,
                    retired: a.retired,
                    model: a.model.to_model(),
                })
                .collect(),
            hardware: None,
        }
    }

    /// The hardware data of this catalog. The built-in catalog names it rather than holding it,
    /// so that the page's first view, which prices API spend only, references no GPU data: the
    /// release build's code splitting moves data with the code that reads it (this is read by
    /// the self-hosting and commitment stages, in their chunks).
    pub fn hardware(&self) -> super::hardware::Hardware {
        self.hardware.unwrap_or(super::hardware::Hardware::BUILTIN)
    }

    /// The model as edition `edition` listed it: the archived row of the first `until` on or
    /// after that edition, else today's row (`None` when it was never listed). Editions are
    /// `YYYY-MM-DD`, so they compare as text.
    pub fn price_at(&self, id: &str, edition: &str) -> Option<&CatalogModel> {
        self.archive
            .iter()
            .filter(|a| a.model.id == id && a.until >= edition)
            .min_by(|a, b| a.until.cmp(b.until))
            .map(|a| &a.model)
            .or_else(|| self.model(id))
    }

    /// Today's model with this id, on sale or retired (its last prices).
    pub fn model(&self, id: &str) -> Option<&CatalogModel> {
        self.models
            .iter()
            .find(|m| m.id == id)
            .or_else(|| self.retired().find(|(m, _)| m.id == id).map(|(m, _)| m))
    }

    /// The retired models with their last prices and the last edition that listed them.
    pub fn retired(&self) -> impl Iterator<Item = (&CatalogModel, &'static str)> {
        self.archive
            .iter()
            .filter(|a| a.retired && !self.models.iter().any(|m| m.id == a.model.id))
            .map(|a| (&a.model, a.until))
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
