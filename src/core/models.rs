//! The models a Scenario can use: the built-in catalog with the user's price overrides
//! applied, followed by the user's custom models.

use super::catalog::{Catalog, CatalogModel};
use super::pricing::{BatchCache, CacheAccounting, ExtraRules, LongContext, ModelPrice};
use super::report::Text;
use super::units::UsdPerMTok;
use crate::scenario::{CustomModel, CustomRules, PriceEdit, PriceOverride};

/// A model ready to price, with where its prices come from.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedModel {
    /// Catalog id or `custom/N`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// Who sells it ("Custom" for custom models).
    pub provider: Text,
    /// The prices in force.
    pub price: ModelPrice,
    /// Context window in tokens, if known.
    pub context_window: Option<f64>,
    /// Source of the prices.
    pub source: Text,
    /// As-of date of the prices (empty for custom models).
    pub as_of: Text,
    /// A note for buyers, or empty.
    pub note: Text,
    /// True when the user overrode at least one catalog price.
    pub overridden: bool,
    /// True for a custom model.
    pub custom: bool,
}

fn per_mtok(v: f64) -> UsdPerMTok {
    UsdPerMTok::new(v).unwrap_or(UsdPerMTok::ZERO)
}

/// Applies a user's price edit to a price. Percent batch discounts become fractions.
///
/// A model's long-context prices follow its overridden standard prices in proportion (a
/// negotiated 20 % off input is 20 % off long-context input too), so an override never changes
/// the ratio between the tiers and a higher price never lowers a bill.
pub fn apply_edit(price: &ModelPrice, edit: &PriceEdit) -> ModelPrice {
    let ratio = |new: Option<f64>, old: UsdPerMTok| match new {
        Some(n) if old.value() > 0.0 => n / old.value(),
        _ => 1.0,
    };
    let input_ratio = ratio(edit.input, price.input);
    let output_ratio = ratio(edit.output, price.output);
    let cached_ratio = price
        .cached_input
        .map_or(input_ratio, |c| ratio(edit.cached_input, c));
    // The table's batched cache-read prices belong to its batch discount: an edited discount
    // replaces them, and the provider's batch-and-cache rule applies (noted).
    let table_batch = |p: Option<UsdPerMTok>| {
        p.filter(|_| edit.batch_discount_pct.is_none())
            .map(|c| c * cached_ratio)
    };
    ModelPrice {
        input: edit.input.map_or(price.input, per_mtok),
        output: edit.output.map_or(price.output, per_mtok),
        cached_input: edit.cached_input.map(per_mtok).or(price.cached_input),
        cache_write_5m: edit.cache_write_5m.map(per_mtok).or(price.cache_write_5m),
        cache_write_1h: edit.cache_write_1h.map(per_mtok).or(price.cache_write_1h),
        reasoning: edit.reasoning.map(per_mtok).or(price.reasoning),
        batch_discount: edit
            .batch_discount_pct
            .map(|p| p / 100.0)
            .or(price.batch_discount),
        long_context: price.long_context.as_ref().map(|lc| LongContext {
            threshold_tokens: lc.threshold_tokens,
            input: lc.input * input_ratio,
            output: lc.output * output_ratio,
            cached_input: lc.cached_input.map(|c| c * cached_ratio),
        }),
        accounting: price.accounting,
        rules: ExtraRules {
            batch_cached_input: table_batch(price.rules.batch_cached_input),
            batch_long_cached_input: table_batch(price.rules.batch_long_cached_input),
            ..price.rules.clone()
        },
    }
}

/// A context tier as a custom model holds it: `(threshold, input, output)`.
fn tier_triple(l: &LongContext) -> (f64, f64, f64) {
    (l.threshold_tokens, l.input.value(), l.output.value())
}

/// A custom model's context tier as the pricing reads it (its cache prices follow its input
/// price in proportion).
fn tier_of((threshold, input, output): (f64, f64, f64)) -> LongContext {
    LongContext {
        threshold_tokens: threshold,
        input: per_mtok(input),
        output: per_mtok(output),
        cached_input: None,
    }
}

/// A price table's extra rules as a custom model holds them (what a LiteLLM import carries
/// into the Scenario): several context tiers become the tiers above the first, which the
/// custom model holds as its `long_context` ([`custom_long_context`]).
pub fn custom_rules(r: &ExtraRules) -> CustomRules {
    let tiers = r.context_tiers.as_deref();
    CustomRules {
        more_tiers: tiers.map_or_else(Vec::new, |t| {
            t.tiers.iter().skip(1).map(tier_triple).collect()
        }),
        graduated: tiers.is_some_and(|t| t.tiering == super::pricing::Tiering::Graduated),
        flex: r.flex,
        priority: r.priority,
        residency: r.residency,
        fast: r.fast,
        cache_write_12h: r.cache_write_12h.map(UsdPerMTok::value),
        batch_cached_input: r.batch_cached_input.map(UsdPerMTok::value),
        batch_long_cached_input: r.batch_long_cached_input.map(UsdPerMTok::value),
        batch_cache_wins: r.batch_cache == BatchCache::CacheWins,
    }
}

/// A custom model's billing rules beyond its prices, in words, one line each (the page lists
/// them on the model's card).
pub fn rules_lines(m: &CustomModel) -> Vec<String> {
    use super::format::{editable, number, price};
    let r = &m.rules;
    let mut out = Vec::new();
    for (name, t) in [("Flex", r.flex), ("Priority", r.priority)] {
        if let Some(t) = t {
            let mut line = format!(
                "{name} tier: {}× input, {}× output",
                editable(t.input),
                editable(t.output)
            );
            if let Some(c) = t.cached_input {
                line = format!("{line}, {}× cache reads", editable(c));
            }
            if let Some(c) = t.cache_write {
                line = format!("{line}, {}× cache writes", editable(c));
            }
            out.push(line);
        }
    }
    for (name, v) in [("In one region", r.residency), ("Fast mode", r.fast)] {
        if let Some(v) = v {
            out.push(format!("{name}: {}× every price", editable(v)));
        }
    }
    if let Some(p) = r.cache_write_12h {
        out.push(format!(
            "Cache writes kept 12 hours: {}/M",
            price(per_mtok(p))
        ));
    }
    match (r.batch_cached_input, r.batch_cache_wins) {
        (Some(p), _) => out.push(format!("Batched cache reads: {}/M", price(per_mtok(p)))),
        (None, true) => out.push("Batched cache reads keep the cache price".to_owned()),
        (None, false) => {}
    }
    let tiers: Vec<String> = m
        .long_context
        .iter()
        .chain(&r.more_tiers)
        .map(|&(t, i, o)| {
            format!(
                "above {} tokens {}/M in, {}/M out",
                number(t, 0),
                price(per_mtok(i)),
                price(per_mtok(o))
            )
        })
        .collect();
    if !tiers.is_empty() {
        let rule = if r.graduated {
            "graduated: each band of the prompt at its own price"
        } else {
            "cliff: the whole request at the highest tier it passes"
        };
        out.push(format!("Context tiers ({rule}): {}", tiers.join("; ")));
    }
    out
}

/// The long-context tier a custom model holds for a price: the first of several context
/// tiers, else its one cliff.
pub fn custom_long_context(p: &ModelPrice) -> Option<(f64, f64, f64)> {
    p.rules
        .context_tiers
        .as_ref()
        .and_then(|t| t.tiers.first())
        .or(p.long_context.as_ref())
        .map(tier_triple)
}

/// A custom model's rules as the pricing reads them; `long` is its long-context tier, the
/// first of its context tiers.
fn extra_rules(c: &CustomRules, long: Option<&LongContext>) -> ExtraRules {
    // Several tiers, or a graduated one: all of them, ascending.
    let context_tiers = (!c.more_tiers.is_empty() || c.graduated).then(|| {
        let mut tiers: Vec<LongContext> = long.cloned().into_iter().collect();
        tiers.extend(c.more_tiers.iter().copied().map(tier_of));
        tiers.sort_by(|a, b| a.threshold_tokens.total_cmp(&b.threshold_tokens));
        std::sync::Arc::new(super::pricing::ContextTiers {
            tiering: if c.graduated {
                super::pricing::Tiering::Graduated
            } else {
                super::pricing::Tiering::Cliff
            },
            tiers,
        })
    });
    ExtraRules {
        flex: c.flex,
        priority: c.priority,
        cache_write_12h: c.cache_write_12h.map(per_mtok),
        batch_cached_input: c.batch_cached_input.map(per_mtok),
        batch_long_cached_input: c.batch_long_cached_input.map(per_mtok),
        batch_cache: if c.batch_cache_wins {
            BatchCache::CacheWins
        } else {
            BatchCache::Stacks
        },
        residency: c.residency,
        fast: c.fast,
        context_tiers,
    }
}

/// The price of a custom model: unset input and output cost nothing, other unset prices fall
/// back as the pricing rules say (see [`super::pricing`]).
pub fn custom_price(m: &CustomModel) -> ModelPrice {
    let base = ModelPrice {
        input: UsdPerMTok::ZERO,
        output: UsdPerMTok::ZERO,
        cached_input: None,
        cache_write_5m: None,
        cache_write_1h: None,
        reasoning: None,
        batch_discount: None,
        long_context: m.long_context.map(tier_of),
        accounting: if m.cache_beside_prompt {
            CacheAccounting::BesidePrompt
        } else {
            CacheAccounting::InsidePrompt
        },
        rules: ExtraRules::default(),
    };
    let rules = extra_rules(&m.rules, base.long_context.as_ref());
    apply_edit(&ModelPrice { rules, ..base }, &m.price)
}

/// The models a route can pick, as (id, name, provider): the catalog, its retired models
/// (named so: an old link's route keeps its model), then custom models. Unlike
/// [`resolve_models`] it prices nothing, and depends only on the custom models.
pub fn model_options(custom: &[CustomModel]) -> Vec<(String, String, String)> {
    let catalog = Catalog::builtin();
    catalog
        .models
        .iter()
        .map(|m| (m.id.to_owned(), m.name.to_owned(), m.provider.to_owned()))
        .chain(catalog.retired().map(|(m, _)| {
            (
                m.id.to_owned(),
                format!("{} (retired)", m.name),
                m.provider.to_owned(),
            )
        }))
        .chain(
            custom
                .iter()
                .map(|m| (m.id.clone(), m.name.clone(), "Custom".to_owned())),
        )
        .collect()
}

/// Every model a route can use: the built-in catalog (with the price overrides applied), its
/// retired models at their last prices, then the custom models.
pub fn resolve_models(
    custom_models: &[CustomModel],
    price_overrides: &[PriceOverride],
) -> Vec<ResolvedModel> {
    resolve_models_in(&Catalog::builtin(), custom_models, price_overrides)
}

/// [`resolve_models`] with a given catalog (a fixed one in tests).
pub fn resolve_models_in(
    catalog: &Catalog,
    custom_models: &[CustomModel],
    price_overrides: &[PriceOverride],
) -> Vec<ResolvedModel> {
    let resolved = |m: &CatalogModel, note: Text| {
        let edit = price_overrides
            .iter()
            .find(|o| o.model == m.id && !o.edit.is_empty())
            .map(|o| &o.edit);
        ResolvedModel {
            id: Text::Borrowed(m.id),
            name: Text::Borrowed(m.name),
            provider: Text::Borrowed(m.provider),
            price: edit.map_or_else(|| m.price.clone(), |e| apply_edit(&m.price, e)),
            context_window: m.context_window,
            source: Text::Borrowed(m.source),
            as_of: Text::Borrowed(m.as_of),
            note,
            overridden: edit.is_some(),
            custom: false,
        }
    };
    let on_sale = catalog
        .models
        .iter()
        .map(|m| resolved(m, Text::Borrowed(m.note)));
    let retired = catalog.retired().map(|(m, until)| {
        resolved(
            m,
            Text::Owned(format!(
                "Retired from the catalog after its edition of {until}: its last listed prices."
            )),
        )
    });
    let catalog = on_sale.chain(retired);
    let custom = custom_models.iter().map(|m| ResolvedModel {
        id: Text::Owned(m.id.clone()),
        name: Text::Owned(m.name.clone()),
        provider: Text::Borrowed("Custom"),
        price: custom_price(m),
        context_window: None,
        source: Text::Owned(m.source.clone()),
        as_of: Text::Borrowed(""),
        note: Text::Borrowed(""),
        overridden: false,
        custom: true,
    });
    catalog.chain(custom).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn overrides_replace_only_what_they_set() {
        let mut s = Scenario::default();
        s.override_mut("openai/gpt-5").input = Some(1.0);
        s.override_mut("openai/gpt-5").batch_discount_pct = Some(40.0);
        let models = resolve_models(&s.custom_models, &s.price_overrides);
        let gpt5 = models.iter().find(|m| m.id == "openai/gpt-5");
        assert!(gpt5.is_some_and(|m| m.overridden
            && (m.price.input.value() - 1.0).abs() < 1e-12
            && (m.price.output.value() - 10.0).abs() < 1e-12
            && m.price.batch_discount == Some(0.4)));
        assert!(models.iter().filter(|m| m.overridden).count() == 1);
    }

    /// Sonnet 4.5 at a negotiated $2.40 input (−20 %): its >200K input goes $6 → $4.80.
    #[test]
    fn overrides_carry_into_the_long_context_tier() {
        let mut s = Scenario::default();
        s.override_mut("anthropic/claude-sonnet-4-5").input = Some(2.4);
        let models = resolve_models(&s.custom_models, &s.price_overrides);
        let m = models
            .iter()
            .find(|m| m.id == "anthropic/claude-sonnet-4-5");
        let long = m.and_then(|m| m.price.long_context.clone());
        assert!(long
            .is_some_and(|l| (l.input.value() - 4.8).abs() < 1e-12
                && (l.output.value() - 22.5).abs() < 1e-12));
    }

    #[test]
    fn options_list_the_same_models_as_resolution() {
        let mut s = Scenario::default();
        s.custom_models.push(CustomModel {
            id: "custom/1".into(),
            name: "Ours".into(),
            source: String::new(),
            price: PriceEdit::default(),
            cache_beside_prompt: false,
            long_context: None,
            rules: crate::scenario::CustomRules::default(),
        });
        let resolved: Vec<_> = resolve_models(&s.custom_models, &s.price_overrides)
            .into_iter()
            .map(|m| {
                (
                    m.id.into_owned(),
                    m.name.into_owned(),
                    m.provider.into_owned(),
                )
            })
            .collect();
        assert_eq!(model_options(&s.custom_models), resolved);
    }

    #[test]
    fn custom_models_come_last() {
        let mut s = Scenario::default();
        s.custom_models.push(CustomModel {
            id: "custom/1".into(),
            name: "Our endpoint".into(),
            source: "contract".into(),
            price: PriceEdit {
                input: Some(0.5),
                output: Some(1.5),
                ..PriceEdit::default()
            },
            cache_beside_prompt: false,
            long_context: None,
            rules: crate::scenario::CustomRules::default(),
        });
        let models = resolve_models(&s.custom_models, &s.price_overrides);
        let last = models.last();
        assert!(last.is_some_and(|m| m.custom
            && m.id == "custom/1"
            && (m.price.output.value() - 1.5).abs() < 1e-12));
    }
}
