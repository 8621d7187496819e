//! Editing a custom model's billing rules by hand: the page's rules editor writes through
//! these, with the same bounds the link decoder clamps to ([`CustomRules::numbers_mut`]).
//!
//! A service tier exists once its input ratio is set: typing it creates the tier with the
//! same ratio on output (flex is 0.5 on everything at OpenAI and Google), clearing it removes
//! the tier. Its output, cache-read and cache-write ratios are then set apart or cleared
//! (output back to the input ratio; cache prices back to following the input ratio, as the
//! pricing does without them).
//!
//! The context tiers are one list, ascending or not: the first is the model's `long_context`
//! (what an older link holds), the rest `more_tiers`; the pricing sorts them.

use super::fields::{self, FieldSpec};
use super::{CustomModel, CustomRules, PriceField, TierRatios};

/// A number of a custom model's rules the page edits; `None` is "not set".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleField {
    /// A service tier's ratio on one kind of price.
    Tier(Tier, TierPart),
    /// The multiplier when kept in one region.
    Residency,
    /// The fast-mode multiplier.
    Fast,
    /// 12-hour cache writes, $ per million tokens.
    CacheWrite12h,
    /// Batched cache reads, $ per million tokens.
    BatchCachedInput,
    /// Batched cache reads above the long-context threshold, $ per million tokens.
    BatchLongCachedInput,
}

/// A service tier a custom model can be sold on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    /// Flex (cheaper, slower).
    Flex,
    /// Priority (dearer, faster).
    Priority,
}

/// Which price of a service tier a ratio applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TierPart {
    /// Input, and every input-side price without its own ratio.
    Input,
    /// Output and reasoning.
    Output,
    /// Cache reads.
    CachedInput,
    /// Cache writes.
    CacheWrite,
}

impl Tier {
    /// Both tiers, in the order the page shows them.
    pub const ALL: [Tier; 2] = [Tier::Flex, Tier::Priority];

    /// Its name.
    pub fn label(self) -> &'static str {
        match self {
            Tier::Flex => "Flex tier",
            Tier::Priority => "Priority tier",
        }
    }

    fn slot(self, r: &mut CustomRules) -> &mut Option<TierRatios> {
        match self {
            Tier::Flex => &mut r.flex,
            Tier::Priority => &mut r.priority,
        }
    }
}

impl TierPart {
    /// The four parts, in the order the page shows them.
    pub const ALL: [TierPart; 4] = [
        TierPart::Input,
        TierPart::Output,
        TierPart::CachedInput,
        TierPart::CacheWrite,
    ];
}

impl RuleField {
    /// Every field but the tiers', in the order the page shows them.
    pub const OTHERS: [RuleField; 5] = [
        RuleField::Residency,
        RuleField::Fast,
        RuleField::CacheWrite12h,
        RuleField::BatchCachedInput,
        RuleField::BatchLongCachedInput,
    ];

    /// Label, unit, bounds and key: a ratio's are [`fields::RATIO`]'s, a price's the input
    /// price's.
    pub fn spec(self) -> FieldSpec {
        let (label, key) = match self {
            RuleField::Tier(tier, part) => (
                match (tier, part) {
                    (Tier::Flex, TierPart::Input) => "Flex: × input",
                    (Tier::Flex, TierPart::Output) => "Flex: × output",
                    (Tier::Flex, TierPart::CachedInput) => "Flex: × cache reads",
                    (Tier::Flex, TierPart::CacheWrite) => "Flex: × cache writes",
                    (Tier::Priority, TierPart::Input) => "Priority: × input",
                    (Tier::Priority, TierPart::Output) => "Priority: × output",
                    (Tier::Priority, TierPart::CachedInput) => "Priority: × cache reads",
                    (Tier::Priority, TierPart::CacheWrite) => "Priority: × cache writes",
                },
                match (tier, part) {
                    (Tier::Flex, TierPart::Input) => "rule-flex-input",
                    (Tier::Flex, TierPart::Output) => "rule-flex-output",
                    (Tier::Flex, TierPart::CachedInput) => "rule-flex-cached",
                    (Tier::Flex, TierPart::CacheWrite) => "rule-flex-write",
                    (Tier::Priority, TierPart::Input) => "rule-priority-input",
                    (Tier::Priority, TierPart::Output) => "rule-priority-output",
                    (Tier::Priority, TierPart::CachedInput) => "rule-priority-cached",
                    (Tier::Priority, TierPart::CacheWrite) => "rule-priority-write",
                },
            ),
            RuleField::Residency => ("In one region: × every price", "rule-residency"),
            RuleField::Fast => ("Fast mode: × every price", "rule-fast"),
            RuleField::CacheWrite12h => ("Cache write, 12 h", "rule-write-12h"),
            RuleField::BatchCachedInput => ("Batched cache reads", "rule-batch-cached"),
            RuleField::BatchLongCachedInput => (
                "Batched cache reads, long context",
                "rule-batch-long-cached",
            ),
        };
        let base = match self {
            RuleField::Tier(..) | RuleField::Residency | RuleField::Fast => fields::RATIO,
            _ => PriceField::Input.spec(),
        };
        FieldSpec { label, key, ..base }
    }

    /// Reads this field.
    pub fn get(self, r: &CustomRules) -> Option<f64> {
        match self {
            RuleField::Tier(tier, part) => {
                let t = match tier {
                    Tier::Flex => r.flex,
                    Tier::Priority => r.priority,
                }?;
                match part {
                    TierPart::Input => Some(t.input),
                    TierPart::Output => Some(t.output),
                    TierPart::CachedInput => t.cached_input,
                    TierPart::CacheWrite => t.cache_write,
                }
            }
            RuleField::Residency => r.residency,
            RuleField::Fast => r.fast,
            RuleField::CacheWrite12h => r.cache_write_12h,
            RuleField::BatchCachedInput => r.batch_cached_input,
            RuleField::BatchLongCachedInput => r.batch_long_cached_input,
        }
    }

    /// Sets or clears this field with a value its [`RuleField::spec`] accepted. A tier's
    /// input creates (same ratio on output) or removes the tier; its other parts change only
    /// a tier that exists, and output cleared goes back to the input ratio.
    pub fn put(self, r: &mut CustomRules, value: Option<f64>) {
        let slot = match self {
            RuleField::Tier(tier, part) => {
                let t = tier.slot(r);
                match (part, value, t.as_mut()) {
                    (TierPart::Input, None, _) => *t = None,
                    (TierPart::Input, Some(v), None) => {
                        *t = Some(TierRatios {
                            input: v,
                            output: v,
                            cached_input: None,
                            cache_write: None,
                            long_cached_input: None,
                        });
                    }
                    (TierPart::Input, Some(v), Some(t)) => t.input = v,
                    (TierPart::Output, v, Some(t)) => t.output = v.unwrap_or(t.input),
                    (TierPart::CachedInput, v, Some(t)) => t.cached_input = v,
                    (TierPart::CacheWrite, v, Some(t)) => t.cache_write = v,
                    (_, _, None) => {}
                }
                return;
            }
            RuleField::Residency => &mut r.residency,
            RuleField::Fast => &mut r.fast,
            RuleField::CacheWrite12h => &mut r.cache_write_12h,
            RuleField::BatchCachedInput => &mut r.batch_cached_input,
            RuleField::BatchLongCachedInput => &mut r.batch_long_cached_input,
        };
        *slot = value;
    }
}

/// A part of a context tier: `(threshold, input, output)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TierColumn {
    /// The prompt size above which the tier applies, tokens.
    Threshold,
    /// Its input price, $ per million tokens.
    Input,
    /// Its output price, $ per million tokens.
    Output,
}

impl TierColumn {
    /// The three, in the order the page shows them.
    pub const ALL: [TierColumn; 3] = [TierColumn::Threshold, TierColumn::Input, TierColumn::Output];

    /// Label, unit, bounds and key (the link decoder's).
    pub fn spec(self) -> FieldSpec {
        match self {
            TierColumn::Threshold => FieldSpec {
                label: "Above",
                ..fields::LONG_CONTEXT_THRESHOLD
            },
            TierColumn::Input => FieldSpec {
                label: "Input",
                key: "tier-input",
                ..PriceField::Input.spec()
            },
            TierColumn::Output => FieldSpec {
                label: "Output",
                key: "tier-output",
                ..PriceField::Output.spec()
            },
        }
    }

    fn of(self, tier: &mut (f64, f64, f64)) -> &mut f64 {
        match self {
            TierColumn::Threshold => &mut tier.0,
            TierColumn::Input => &mut tier.1,
            TierColumn::Output => &mut tier.2,
        }
    }
}

impl CustomModel {
    /// Its context tiers as one list: `long_context` first, then `more_tiers`.
    pub fn tiers(&self) -> Vec<(f64, f64, f64)> {
        self.long_context
            .iter()
            .chain(&self.rules.more_tiers)
            .copied()
            .collect()
    }

    fn set_tiers(&mut self, tiers: &[(f64, f64, f64)]) {
        self.long_context = tiers.first().copied();
        self.rules.more_tiers = tiers.iter().skip(1).copied().collect();
        if tiers.is_empty() {
            self.rules.graduated = false;
        }
    }

    /// Adds a context tier above the highest: at twice its threshold (200,000 tokens for the
    /// first, Anthropic's and Google's), at twice its input and 1.5 times its output price
    /// (Anthropic's long-context ratios; the first from the model's standard prices).
    pub fn add_tier(&mut self) {
        let mut tiers = self.tiers();
        let top = tiers
            .iter()
            .copied()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(
                (
                    100_000.0,
                    self.price.input.unwrap_or(0.0),
                    self.price.output.unwrap_or(0.0),
                ),
                |t| t,
            );
        let threshold = (top.0 * 2.0).min(fields::LONG_CONTEXT_THRESHOLD.max);
        let price = |p: f64, times: f64| (p * times).min(PriceField::Input.spec().max);
        tiers.push((threshold, price(top.1, 2.0), price(top.2, 1.5)));
        self.set_tiers(&tiers);
    }

    /// Removes the context tier at `index` (of [`CustomModel::tiers`]); none there, nothing.
    pub fn remove_tier(&mut self, index: usize) {
        let mut tiers = self.tiers();
        if index < tiers.len() {
            tiers.remove(index);
            self.set_tiers(&tiers);
        }
    }

    /// One number of the context tier at `index`, if there is one.
    pub fn tier(&self, index: usize, column: TierColumn) -> Option<f64> {
        let mut t = *self.tiers().get(index)?;
        Some(*column.of(&mut t))
    }

    /// Sets one number of the context tier at `index` with a value its
    /// [`TierColumn::spec`] accepted; none there, nothing.
    pub fn set_tier(&mut self, index: usize, column: TierColumn, value: f64) {
        let mut tiers = self.tiers();
        if let Some(t) = tiers.get_mut(index) {
            *column.of(t) = value;
            self.set_tiers(&tiers);
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::scenario::PriceEdit;

    fn model() -> CustomModel {
        CustomModel {
            id: "custom/1".into(),
            name: "Ours".into(),
            source: String::new(),
            price: PriceEdit {
                input: Some(1.0),
                output: Some(2.0),
                ..PriceEdit::default()
            },
            cache_beside_prompt: false,
            long_context: None,
            rules: CustomRules::default(),
        }
    }

    #[test]
    fn a_tier_exists_from_its_input_ratio() {
        let mut r = CustomRules::default();
        let flex = |p| RuleField::Tier(Tier::Flex, p);
        flex(TierPart::Output).put(&mut r, Some(0.7));
        assert_eq!(r.flex, None, "no tier without its input ratio");
        flex(TierPart::Input).put(&mut r, Some(0.5));
        assert_eq!(flex(TierPart::Output).get(&r), Some(0.5), "output follows");
        flex(TierPart::Output).put(&mut r, Some(0.6));
        flex(TierPart::CachedInput).put(&mut r, Some(0.25));
        flex(TierPart::Input).put(&mut r, Some(0.4));
        assert_eq!(
            r.flex.map(|t| (t.input, t.output, t.cached_input)),
            Some((0.4, 0.6, Some(0.25)))
        );
        flex(TierPart::Output).put(&mut r, None);
        assert_eq!(flex(TierPart::Output).get(&r), Some(0.4), "back to input's");
        flex(TierPart::CachedInput).put(&mut r, None);
        assert_eq!(flex(TierPart::CachedInput).get(&r), None);
        assert_eq!(r.priority, None, "the other tier is untouched");
        flex(TierPart::Input).put(&mut r, None);
        assert!(r.is_empty());
    }

    #[test]
    fn the_others_set_and_clear() {
        let mut r = CustomRules::default();
        for (i, f) in RuleField::OTHERS.into_iter().enumerate() {
            f.put(&mut r, Some(1.0 + i as f64));
            assert_eq!(f.get(&r), Some(1.0 + i as f64));
        }
        assert_eq!(
            (
                r.residency,
                r.fast,
                r.cache_write_12h,
                r.batch_long_cached_input
            ),
            (Some(1.0), Some(2.0), Some(3.0), Some(5.0))
        );
        for f in RuleField::OTHERS {
            f.put(&mut r, None);
        }
        assert!(r.is_empty());
    }

    /// Every field's bounds are the ones the link decoder clamps that number to.
    #[test]
    fn bounds_are_the_link_decoders() {
        let mut r = CustomRules::default();
        for tier in Tier::ALL {
            for part in TierPart::ALL {
                RuleField::Tier(tier, part).put(&mut r, Some(1.0));
            }
        }
        for f in RuleField::OTHERS {
            f.put(&mut r, Some(1.0));
        }
        r.more_tiers.push((1.0, 1.0, 1.0));
        let clamped: Vec<_> = r
            .numbers_mut()
            .into_iter()
            .map(|(_, _, s)| (s.min, s.max))
            .collect();
        let mut edited: Vec<_> = Tier::ALL
            .into_iter()
            .flat_map(|t| TierPart::ALL.map(|p| RuleField::Tier(t, p)))
            .chain(RuleField::OTHERS)
            .map(|f| (f.spec().min, f.spec().max))
            .collect();
        edited.extend(TierColumn::ALL.map(|c| (c.spec().min, c.spec().max)));
        assert_eq!(clamped, edited);
    }

    #[test]
    fn context_tiers_add_edit_and_remove() {
        let mut m = model();
        m.add_tier();
        assert_eq!(m.long_context, Some((200_000.0, 2.0, 3.0)));
        m.add_tier();
        assert_eq!(m.rules.more_tiers, vec![(400_000.0, 4.0, 4.5)]);
        m.set_tier(1, TierColumn::Threshold, 300_000.0);
        m.set_tier(0, TierColumn::Output, 3.5);
        m.set_tier(5, TierColumn::Output, 9.0);
        assert_eq!(
            m.tiers(),
            vec![(200_000.0, 2.0, 3.5), (300_000.0, 4.0, 4.5)]
        );
        m.rules.graduated = true;
        m.remove_tier(0);
        assert_eq!(m.long_context, Some((300_000.0, 4.0, 4.5)));
        assert!(m.rules.more_tiers.is_empty() && m.rules.graduated);
        m.remove_tier(0);
        assert_eq!(m.long_context, None);
        assert!(!m.rules.graduated, "no tiers, no tiering rule");
        m.remove_tier(0);
        assert!(m.rules.is_empty());
    }

    /// Entered by hand, the rules price as the provider's do. Ours at $1 / $2, flex at half,
    /// a cliff above 500 tokens at $2 / $4: 1,000 in and 200 out cost
    /// (1,000 × $2 + 200 × $4) / 1M = $0.0028 standard, $0.0014 on flex; kept in one region
    /// at 1.1×, $0.00154.
    #[test]
    fn entered_rules_price_by_hand() {
        use crate::core::pricing::{request_cost_on, RequestShape, ServiceTier, Terms};
        let mut m = model();
        RuleField::Tier(Tier::Flex, TierPart::Input).put(&mut m.rules, Some(0.5));
        RuleField::Residency.put(&mut m.rules, Some(1.1));
        m.add_tier();
        m.set_tier(0, TierColumn::Threshold, 500.0);
        m.set_tier(0, TierColumn::Input, 2.0);
        m.set_tier(0, TierColumn::Output, 4.0);
        let price = crate::core::models::custom_price(&m);
        let shape = RequestShape {
            input_tokens: 1_000.0,
            output_tokens: 200.0,
            ..RequestShape::default()
        };
        let cost = |terms: &Terms| request_cost_on(&shape, &price, terms).cost.total().value();
        assert!((cost(&Terms::default()) - 0.0028).abs() < 1e-12);
        let flex = Terms {
            tier: ServiceTier::Flex,
            ..Terms::default()
        };
        assert!((cost(&flex) - 0.0014).abs() < 1e-12);
        let regional = Terms {
            residency: true,
            ..flex
        };
        assert!((cost(&regional) - 0.00154).abs() < 1e-12);
    }
}
