//! The billing rules beyond the common ones (issue 16): service tiers, residency and fast
//! mode, cache-write lifetimes split and 12-hour writes, several context tiers (cliff and
//! graduated), batch with cache by provider, and a negotiated discount. Prices come from the
//! LiteLLM 1.109.1 price map in `tests/fixtures/litellm/` as the providers publish them; every
//! expected figure is worked out by hand in its comment.
#![allow(clippy::float_cmp)]

mod common;

use inference_cost::core::import::{import_litellm, ImportSummary};
use inference_cost::core::pricing::{
    request_cost_on, BatchCache, CacheTtl, ContextTiers, ModelPrice, PriceNote, RequestShape,
    ServiceTier, Terms, Tiering, WriteShares,
};
use inference_cost::core::spend::route_bill_on;

fn map() -> ImportSummary {
    import_litellm(&common::repo_file(
        "tests/fixtures/litellm/model_prices_and_context_window.json",
    ))
    .unwrap_or_else(|e| panic!("{e}"))
}

fn price(map: &ImportSummary, key: &str) -> ModelPrice {
    map.models.iter().find(|m| m.key == key).map_or_else(
        || panic!("{key} is not in the price map"),
        |m| m.price.clone(),
    )
}

/// Dollars of one request.
fn usd(shape: &RequestShape, p: &ModelPrice, terms: &Terms) -> f64 {
    request_cost_on(shape, p, terms).cost.total().value()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 + 1e-9 * b.abs()
}

fn shape(input: f64, cached_share: f64, output: f64) -> RequestShape {
    RequestShape {
        input_tokens: input,
        cached_share,
        output_tokens: output,
        ..RequestShape::default()
    }
}

/// 1,000 plain prompt tokens, 10,000 read from the cache and 2,000 written to it (5 minutes),
/// 500 output.
fn cached_request() -> RequestShape {
    RequestShape {
        input_tokens: 13_000.0,
        cached_share: 10_000.0 / 13_000.0,
        cache_write_tokens: 2_000.0,
        output_tokens: 500.0,
        ..RequestShape::default()
    }
}

#[test]
fn openai_flex_and_priority_tiers() {
    let m = map();
    let gpt5 = price(&m, "gpt-5");
    // 10,000 prompt tokens, half cached, 1,000 output. Standard $1.25 / $0.125 / $10:
    // 5,000 × 1.25 + 5,000 × 0.125 + 1,000 × 10 = 16,875 µ$ = $0.016875.
    let s = shape(10_000.0, 0.5, 1_000.0);
    assert!(close(usd(&s, &gpt5, &Terms::default()), 0.016_875));
    // Flex at Batch API rates, $0.625 / $0.0625 / $5: half, $0.0084375.
    let flex = Terms {
        tier: ServiceTier::Flex,
        ..Terms::default()
    };
    assert!(close(usd(&s, &gpt5, &flex), 0.008_437_5));
    // Priority $2.50 / $0.25 / $20: double, $0.03375.
    let priority = Terms {
        tier: ServiceTier::Priority,
        ..Terms::default()
    };
    assert!(close(usd(&s, &gpt5, &priority), 0.033_75));
    // A model not sold on flex is billed at standard prices, and says so.
    let sonnet = price(&m, "claude-sonnet-4-6");
    let r = request_cost_on(&s, &sonnet, &flex);
    assert!(r.notes.contains(&PriceNote::NoSuchTier(ServiceTier::Flex)));
    assert!(close(
        r.cost.total().value(),
        usd(&s, &sonnet, &Terms::default())
    ));
    // Batched requests have no tier: the batch price, noted.
    let batched_flex = Terms {
        batched: true,
        tier: ServiceTier::Priority,
        ..Terms::default()
    };
    let r = request_cost_on(&s, &gpt5, &batched_flex);
    assert!(r.notes.contains(&PriceNote::TierIgnoredForBatch));
    // Batch: 5,000 × 0.625 + 5,000 × 0.0625 (the table's batch cached price) + 1,000 × 5.
    assert!(close(r.cost.total().value(), 0.008_437_5));
}

#[test]
fn gemini_priority_tier_scales_its_long_context_too() {
    let m = map();
    let pro = price(&m, "gemini/gemini-2.5-pro");
    // Priority $2.25 / $18 (1.8×). Above 200K the long prices $2.50 / $15 scale by the tier's
    // ratios: input 2.5 × 1.8 = $4.50, output 15 × 1.8 = $27 (the map's own
    // `…_above_200k_tokens_priority` prices: 4.5e-06 and 2.7e-05).
    let s = shape(300_000.0, 0.0, 1_000.0);
    let priority = Terms {
        tier: ServiceTier::Priority,
        ..Terms::default()
    };
    // 300,000 × 4.5 + 1,000 × 27 = 1,377,000 µ$ = $1.377.
    assert!(close(usd(&s, &pro, &priority), 1.377));
}

#[test]
fn us_only_inference_and_fast_mode_multiply_every_kind() {
    let m = map();
    let sonnet = price(&m, "claude-sonnet-4-6");
    // 1,000 plain + 10,000 read + 2,000 written (5 min), 500 output at $3 / $0.30 / $3.75 / $15:
    // 3,000 + 3,000 + 7,500 + 7,500 = 21,000 µ$ = $0.021.
    let s = cached_request();
    assert!(close(usd(&s, &sonnet, &Terms::default()), 0.021));
    // inference_geo "us": 1.1× on every kind, $0.0231.
    let us = Terms {
        residency: true,
        ..Terms::default()
    };
    assert!(close(usd(&s, &sonnet, &us), 0.0231));
    // It stacks with batch: the batch table's $1.50 / $0.15 / $1.875 / $7.50 is half, × 1.1.
    let us_batch = Terms {
        batched: true,
        ..us
    };
    assert!(close(usd(&s, &sonnet, &us_batch), 0.011_55));

    // Fast mode on Opus 4.8: 2× its $5 / $25. 1,000 in + 1,000 out: 5,000 + 25,000 µ$ = $0.03;
    // fast $0.06; fast and US-only $0.066.
    let opus = price(&m, "claude-opus-4-8");
    let s = shape(1_000.0, 0.0, 1_000.0);
    let fast = Terms {
        fast: true,
        ..Terms::default()
    };
    assert!(close(usd(&s, &opus, &fast), 0.06));
    assert!(close(
        usd(
            &s,
            &opus,
            &Terms {
                residency: true,
                ..fast
            }
        ),
        0.066
    ));
    // No fast mode with the Batch API: batch prices, noted.
    let r = request_cost_on(
        &s,
        &opus,
        &Terms {
            batched: true,
            ..fast
        },
    );
    assert!(r.notes.contains(&PriceNote::FastIgnoredForBatch));
    assert!(close(r.cost.total().value(), 0.015));
    // Sonnet 4.6 has no fast mode: standard, noted.
    let r = request_cost_on(&s, &sonnet, &fast);
    assert!(r.notes.contains(&PriceNote::NoFastMode));
    assert!(close(r.cost.total().value(), 0.018));
    // Vertex AI's regional endpoint: the same 1.1× on Claude (regional_endpoint_uplift_multiplier).
    let vertex = price(&m, "vertex_ai/claude-sonnet-4-6");
    assert!(close(usd(&s, &vertex, &us), 0.0198));
}

#[test]
fn cache_writes_split_across_lifetimes() {
    let m = map();
    let sonnet = price(&m, "claude-sonnet-4-6");
    // 10,000 tokens written, 70 % for 5 minutes at $3.75 and 30 % for 1 hour at $6:
    // 7,000 × 3.75 + 3,000 × 6 = 26,250 + 18,000 = 44,250 µ$ = $0.04425.
    let s = RequestShape {
        input_tokens: 10_000.0,
        cache_write_tokens: 10_000.0,
        write_shares: WriteShares {
            one_hour: 0.3,
            twelve_hours: 0.0,
        },
        ..RequestShape::default()
    };
    assert!(close(usd(&s, &sonnet, &Terms::default()), 0.044_25));
    // All 1 hour: $0.06; all 5 minutes: $0.0375.
    let only = |ttl| RequestShape {
        write_shares: WriteShares::only(ttl),
        ..s
    };
    assert!(close(
        usd(&only(CacheTtl::OneHour), &sonnet, &Terms::default()),
        0.06
    ));
    assert!(close(
        usd(&only(CacheTtl::FiveMinutes), &sonnet, &Terms::default()),
        0.0375
    ));

    // GPT-5.6 prices writes at $5 (its standard lifetime) and 12-hour writes at $10.
    let gpt56 = price(&m, "gpt-5.6");
    let twelve = RequestShape {
        write_shares: WriteShares {
            one_hour: 0.0,
            twelve_hours: 1.0,
        },
        ..s
    };
    assert!(close(usd(&twelve, &gpt56, &Terms::default()), 0.1));
    // Sonnet has no 12-hour price: its longest (1 hour, $6), noted.
    let r = request_cost_on(&twelve, &sonnet, &Terms::default());
    assert!(r.notes.contains(&PriceNote::NoTwelveHourCachePrice));
    assert!(close(r.cost.total().value(), 0.06));
}

#[test]
fn several_context_tiers_by_the_cliff_and_graduated() {
    let m = map();
    // Doubao Seed 2.0 Pro: $0.46 / $2.30 up to 32K, $0.70 / $3.50 to 128K, $1.40 / $7 above.
    let mut doubao = price(&m, "volcengine/doubao-seed-2-0-pro-260215");
    let s = shape(40_000.0, 0.0, 1_000.0);
    // LiteLLM's rule (its test test_generic_cost_per_token_tiered_pricing_is_all_or_nothing):
    // the whole request at the tier of its prompt, 40,000 × 0.7 + 1,000 × 3.5 = $0.0315.
    assert!(close(usd(&s, &doubao, &Terms::default()), 0.0315));
    // Exactly 32,000 stays in the first tier: 32,000 × 0.46 + 1,000 × 2.3 = $0.01702.
    assert!(close(
        usd(&shape(32_000.0, 0.0, 1_000.0), &doubao, &Terms::default()),
        0.017_02
    ));
    // Graduated: 32,000 × 0.46 + 8,000 × 0.70 + 1,000 × 3.50 (the band the prompt ends in)
    // = 14,720 + 5,600 + 3,500 = 23,820 µ$ = $0.02382.
    if let Some(ct) = doubao.rules.context_tiers.as_mut() {
        std::sync::Arc::make_mut(ct).tiering = Tiering::Graduated;
    }
    let r = request_cost_on(&s, &doubao, &Terms::default());
    assert!(r.notes.contains(&PriceNote::GraduatedApplied));
    assert!(close(r.cost.total().value(), 0.023_82));
    // Across three bands: 200,000 = 32,000 × 0.46 + 96,000 × 0.70 + 72,000 × 1.40
    // = 14,720 + 67,200 + 100,800 = 182,720 µ$, + 1,000 × 7 = $0.18972.
    assert!(close(
        usd(&shape(200_000.0, 0.0, 1_000.0), &doubao, &Terms::default()),
        0.189_72
    ));
    let tiers = doubao.rules.context_tiers.clone();
    assert!(matches!(tiers.as_deref(), Some(ContextTiers { tiers, .. }) if tiers.len() == 2));
}

#[test]
fn batch_and_cache_by_provider() {
    let m = map();
    // Gemini 2.5 Pro batched, 10,000 prompt tokens 80 % cached, 1,000 output. The map's batch
    // cached price is the cache price ($0.125: Google's "the discounts for cache and batch don't
    // stack"): 2,000 × 0.625 + 8,000 × 0.125 + 1,000 × 5 = 1,250 + 1,000 + 5,000 = $0.00725.
    let pro = price(&m, "gemini/gemini-2.5-pro");
    let s = shape(10_000.0, 0.8, 1_000.0);
    let batch = Terms {
        batched: true,
        ..Terms::default()
    };
    assert!(close(usd(&s, &pro, &batch), 0.007_25));
    // Without the table's batch cached price, the provider's rule says the same, and is shown.
    let mut bare = pro.clone();
    bare.rules.batch_cached_input = None;
    assert_eq!(bare.rules.batch_cache, BatchCache::CacheWins);
    let r = request_cost_on(&s, &bare, &batch);
    assert!(r
        .notes
        .contains(&PriceNote::BatchCacheRule(BatchCache::CacheWins)));
    assert!(close(r.cost.total().value(), 0.007_25));
    // Anthropic stacks them: 8,000 × 0.30 × 0.5 + 2,000 × 1.5 + 1,000 × 7.5 = 1,200 + 3,000
    // + 7,500 = $0.0117.
    let mut sonnet = price(&m, "claude-sonnet-4-6");
    sonnet.rules.batch_cached_input = None;
    assert_eq!(sonnet.rules.batch_cache, BatchCache::Stacks);
    let r = request_cost_on(&s, &sonnet, &batch);
    assert!(r
        .notes
        .contains(&PriceNote::BatchCacheRule(BatchCache::Stacks)));
    assert!(close(r.cost.total().value(), 0.0117));
    // A month of half-batched traffic blends the two: 1,000 requests × (½ × standard + ½ × batch).
    let standard = usd(&s, &pro, &Terms::default());
    let month = route_bill_on(1_000.0, &s, 0.5, &pro, &Terms::default());
    assert!(close(
        month.cost.total().value(),
        1_000.0 * (0.5 * standard + 0.5 * 0.007_25)
    ));
}

#[test]
fn a_negotiated_discount_comes_off_last() {
    let m = map();
    let sonnet = price(&m, "claude-sonnet-4-6");
    let s = cached_request();
    // $0.021 × 1.1 (US-only) × (1 − 20 %) = $0.01848.
    let t = Terms {
        residency: true,
        negotiated: 0.2,
        ..Terms::default()
    };
    assert!(close(usd(&s, &sonnet, &t), 0.018_48));
}

/// Every price of a model × `k`.
fn dearer(p: &ModelPrice, k: f64) -> ModelPrice {
    use inference_cost::core::pricing::LongContext;
    let long = |l: &LongContext| LongContext {
        threshold_tokens: l.threshold_tokens,
        input: l.input * k,
        output: l.output * k,
        cached_input: l.cached_input.map(|c| c * k),
    };
    let mut d = p.clone();
    d.input = p.input * k;
    d.output = p.output * k;
    d.cached_input = p.cached_input.map(|c| c * k);
    d.cache_write_5m = p.cache_write_5m.map(|c| c * k);
    d.cache_write_1h = p.cache_write_1h.map(|c| c * k);
    d.reasoning = p.reasoning.map(|c| c * k);
    d.long_context = p.long_context.as_ref().map(long);
    // The service tiers are ratios to these prices: they follow.
    d.rules.cache_write_12h = p.rules.cache_write_12h.map(|c| c * k);
    d.rules.batch_cached_input = p.rules.batch_cached_input.map(|c| c * k);
    if let Some(ct) = d.rules.context_tiers.as_mut() {
        let ct = std::sync::Arc::make_mut(ct);
        ct.tiers = ct.tiers.iter().map(long).collect();
    }
    d
}

/// No rule lowers a bill when tokens or prices grow, and every result is finite, over random
/// requests and terms on every model of the map that has a tier, a residency or fast price.
#[test]
fn no_rule_lowers_a_bill_when_tokens_or_prices_grow() {
    let m = map();
    let models: Vec<&ModelPrice> = m
        .models
        .iter()
        .map(|m| &m.price)
        .filter(|p| {
            p.rules.flex.is_some()
                || p.rules.priority.is_some()
                || p.rules.residency.is_some()
                || p.rules.fast.is_some()
                || p.rules.context_tiers.is_some()
                || p.rules.cache_write_12h.is_some()
        })
        .collect();
    assert!(models.len() > 300, "{}", models.len());
    let mut rng = common::Rng(0x5EED_0016);
    for _ in 0..20_000 {
        let p = models[(rng.next() * models.len() as f64) as usize % models.len()];
        let s = RequestShape {
            input_tokens: rng.next() * 400_000.0,
            cached_share: rng.next(),
            cache_write_tokens: rng.next() * 50_000.0,
            write_shares: WriteShares {
                one_hour: rng.next() * 0.5,
                twelve_hours: rng.next() * 0.5,
            },
            output_tokens: rng.next() * 20_000.0,
            reasoning_tokens: rng.next() * 10_000.0,
        };
        let t = Terms {
            batched: rng.next() < 0.3,
            tier: rng.pick(&ServiceTier::ALL),
            residency: rng.next() < 0.5,
            fast: rng.next() < 0.3,
            negotiated: rng.next() * 0.3,
        };
        let base = usd(&s, p, &t);
        assert!(base.is_finite() && base >= 0.0);
        // More output, more reasoning, more cache writes (of uncached prompt): never cheaper.
        let more_output = RequestShape {
            output_tokens: s.output_tokens + 100.0,
            reasoning_tokens: s.reasoning_tokens + 100.0,
            ..s
        };
        assert!(usd(&more_output, p, &t) >= base - 1e-12);
        // A longer prompt with the same cached and written tokens: never cheaper (the cliff
        // and the bands only raise prices).
        let cached = s.input_tokens * s.cached_share;
        let longer_input = s.input_tokens + 10_000.0;
        let longer = RequestShape {
            input_tokens: longer_input,
            cached_share: cached / longer_input,
            ..s
        };
        assert!(
            usd(&longer, p, &t) >= base - 1e-9,
            "{} < {base}",
            usd(&longer, p, &t)
        );
        // Every price 10 % dearer (a price refresh): never cheaper.
        let dearer = dearer(p, 1.1);
        assert!(usd(&s, &dearer, &t) >= base - 1e-12);
        // Residency or fast mode on top: never cheaper.
        let more = Terms {
            residency: true,
            fast: !t.batched,
            ..t
        };
        assert!(usd(&s, p, &more) >= base - 1e-12);
    }
}

/// The workload settings and the provider discount in a Scenario, through the spend stage.
#[test]
fn a_scenarios_tiers_residency_and_discounts_reach_the_bill() {
    use inference_cost::core::{evaluate, Note};
    use inference_cost::scenario::link::{decode, encode};
    use inference_cost::scenario::{ProviderDiscount, Scenario};
    // The default: 1,000,000 requests × (1,000 × $3 + 200 × $15) / 1e6 = $6,000 on Sonnet 4.6.
    let mut s = Scenario::default();
    s.discounts.push(ProviderDiscount {
        provider: "anthropic".into(),
        pct: 20.0,
    });
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    // 20 % off Anthropic's prices: $4,800; the alternative on the same model agrees.
    assert!(close(r.spend.monthly_total.value(), 4_800.0));
    let same = r.spend.alternatives.iter().find(|a| a.current);
    assert!(same.is_some_and(|a| close(a.monthly_total.value(), 4_800.0)));
    // Half on priority: the built-in Sonnet 4.6 is not sold on it, so standard prices, noted.
    s.workloads[0].priority_pct = 50.0;
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 4_800.0));
    // US-only inference: 1.1× on every kind (Anthropic's pricing page, the catalog's
    // residency_multiplier for Sonnet 4.6), before the discount: $6,000 × 1.1 × 0.8 = $5,280.
    s.workloads[0].residency = true;
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 5_280.0));
    // A model without regional pricing (Haiku 4.5) bills at list prices, noted:
    // 1,000,000 × (1,000 × $1 + 200 × $5) / 1e6 × 0.8 = $1,600.
    s.workloads[0].routes[0].model = "anthropic/claude-haiku-4-5".into();
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        close(r.spend.monthly_total.value(), 1_600.0),
        "{}",
        r.spend.monthly_total.value()
    );
    let notes: Vec<String> = r.spend.notes.iter().map(Note::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("not sold on the priority tier")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("no regional pricing")),
        "{notes:?}"
    );
    // The page's input sets and clears a provider's discount, named in any case.
    ProviderDiscount::set(&mut s.discounts, "Anthropic", 25.0);
    assert_eq!(s.discounts.len(), 1);
    assert_eq!(ProviderDiscount::of(&s.discounts, "ANTHROPIC"), 25.0);
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    // Haiku 4.5 at 25 % off: $2,000 × 0.75 = $1,500.
    assert!(close(r.spend.monthly_total.value(), 1_500.0));
    ProviderDiscount::set(&mut s.discounts, "anthropic", 0.0);
    assert!(s.discounts.is_empty());
    ProviderDiscount::set(&mut s.discounts, "Anthropic", 20.0);
    // A link carries the settings (optional fields, written only when set) and opens with them.
    let d = decode(&encode(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.scenario, s);
    // The default Scenario's link does not mention them.
    let plain = inference_cost::scenario::link::to_json(&Scenario::default());
    for field in [
        "flex_pct",
        "priority_pct",
        "residency",
        "\"fast\"",
        "discounts",
    ] {
        assert!(!plain.contains(field), "{field} in {plain}");
    }
}

/// A model imported from LiteLLM's map keeps its rules as a custom model, in the Scenario and
/// in links: GPT-5's flex tier halves the bill of the traffic sent on it.
#[test]
fn an_imported_model_keeps_its_rules_as_a_custom_model() {
    use inference_cost::core::evaluate;
    use inference_cost::core::models::custom_rules;
    use inference_cost::scenario::link::{decode, encode};
    use inference_cost::scenario::{CustomModel, PriceEdit, Scenario};
    let m = map();
    let gpt5 = price(&m, "gpt-5");
    let mut s = Scenario::default();
    s.custom_models.push(CustomModel {
        id: "custom/1".into(),
        name: "gpt-5".into(),
        source: "LiteLLM price table import (key gpt-5, provider openai)".into(),
        price: PriceEdit {
            input: Some(gpt5.input.value()),
            output: Some(gpt5.output.value()),
            cached_input: gpt5
                .cached_input
                .map(inference_cost::core::units::UsdPerMTok::value),
            ..PriceEdit::default()
        },
        cache_beside_prompt: false,
        long_context: None,
        rules: custom_rules(&gpt5.rules),
    });
    s.workloads[0].routes[0].model = "custom/1".into();
    // 1,000,000 × (1,000 × $1.25 + 200 × $10) / 1e6 = $1,250 + $2,000 = $3,250.
    let standard = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(standard.spend.monthly_total.value(), 3_250.0));
    // Half on flex (0.5×): $1,625 standard + $812.50 = $2,437.50. Half on flex and half on
    // priority (2×): $812.50 + $3,250 = $4,062.50.
    s.workloads[0].flex_pct = 50.0;
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 2_437.5));
    s.workloads[0].priority_pct = 50.0;
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 4_062.5));
    // The link carries the rules; a ratio out of bounds is clamped, with a notice.
    let d = decode(&encode(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.scenario, s);
    let mut json: serde_json::Value =
        serde_json::from_str(&inference_cost::scenario::link::to_json(&s)).unwrap_or_default();
    json["custom_models"][0]["rules"]["flex"]["input"] = serde_json::json!(1e9);
    let d = inference_cost::scenario::link::from_json(&json.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        d.notices.iter().any(|n| n.contains("gpt-5 › Flex")),
        "{:?}",
        d.notices
    );
    assert_eq!(
        d.scenario.custom_models[0].rules.flex.map(|t| t.input),
        Some(100.0)
    );
}

/// A workload's cache writes split across lifetimes, through the Scenario, links and checks.
#[test]
fn a_workloads_cache_writes_split_across_lifetimes() {
    use inference_cost::core::{evaluate, Note};
    use inference_cost::scenario::link::{decode, encode};
    use inference_cost::scenario::Scenario;
    use inference_cost::scenario::WorkloadField;
    // The default workload on Sonnet 4.6 ($3 input, $3.75 5-minute and $6 1-hour writes, $15
    // output), 500 of its 1,000 prompt tokens written to the cache.
    let mut s = Scenario::default();
    s.workloads[0].cache_write_tokens = 500.0;
    // Every write 1 hour (a link from before the split): 500 × 3 + 500 × 6 + 200 × 15
    // = 7,500 µ$ a request, × 1,000,000 = $7,500.
    s.workloads[0].cache_ttl = CacheTtl::OneHour;
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 7_500.0));
    assert_eq!(WorkloadField::Write1hPct.get(&s.workloads[0]), 100.0);
    // 70 % for 5 minutes, 30 % for 1 hour: 500 × 3 + 350 × 3.75 + 150 × 6 + 200 × 15
    // = 1,500 + 1,312.5 + 900 + 3,000 = 6,712.5 µ$ → $6,712.50.
    WorkloadField::Write1hPct.set(&mut s.workloads[0], 30.0);
    assert_eq!(s.workloads[0].cache_ttl, CacheTtl::FiveMinutes);
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 6_712.5));
    let d = decode(&encode(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.scenario, s);
    // 30 % for 12 hours instead: Sonnet has no 12-hour price, so the 1-hour one, noted.
    WorkloadField::Write1hPct.set(&mut s.workloads[0], 0.0);
    WorkloadField::Write12hPct.set(&mut s.workloads[0], 30.0);
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 6_712.5));
    let notes: Vec<String> = r.spend.notes.iter().map(Note::to_string).collect();
    assert!(notes.iter().any(|n| n.contains("12-hour")), "{notes:?}");
    // GPT-6.1 Sol prices them: $2 input, $2.50 standard and $5 12-hour writes, $10 output:
    // 500 × 2 + 350 × 2.5 + 150 × 5 + 200 × 10 = 1,000 + 875 + 750 + 2,000 = 4,625 µ$.
    s.workloads[0].routes[0].model = "openai/gpt-6.1-sol".into();
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        close(r.spend.monthly_total.value(), 4_625.0),
        "{}",
        r.spend.monthly_total.value()
    );
    // More than 100 % together is an error naming the workload's field.
    WorkloadField::Write1hPct.set(&mut s.workloads[0], 80.0);
    let e = evaluate(&s).map(|_| ()).map_err(|e| e.to_string());
    assert!(
        e.as_ref().is_err_and(|e| e.contains("add up to 110%")),
        "{e:?}"
    );
}

/// A custom model with several context tiers, by the cliff or graduated, in the Scenario and
/// links; and a LiteLLM model with `tiered_pricing` added as a custom model keeps every tier.
#[test]
fn a_custom_model_holds_several_context_tiers() {
    use inference_cost::core::evaluate;
    use inference_cost::core::models::{custom_long_context, custom_price, custom_rules};
    use inference_cost::scenario::link::{decode, encode};
    use inference_cost::scenario::{CustomModel, CustomRules, PriceEdit, Scenario};
    // $1 / $2, then $2 / $4 above 100K and $4 / $8 above 200K.
    let mut model = CustomModel {
        id: "custom/1".into(),
        name: "Tiered".into(),
        source: "hand-set".into(),
        price: PriceEdit {
            input: Some(1.0),
            output: Some(2.0),
            ..PriceEdit::default()
        },
        cache_beside_prompt: false,
        long_context: Some((100_000.0, 2.0, 4.0)),
        rules: CustomRules {
            more_tiers: vec![(200_000.0, 4.0, 8.0)],
            ..CustomRules::default()
        },
    };
    let mut s = Scenario::default();
    let work = &mut s.workloads[0];
    work.routes[0].model = "custom/1".into();
    (
        work.requests_per_month,
        work.input_tokens,
        work.output_tokens,
    ) = (1_000.0, 250_000.0, 1_000.0);
    s.custom_models.push(model.clone());
    // The cliff: the whole request at the top tier: 250,000 × $4 + 1,000 × $8 = $1.008 a
    // request, $1,008 for 1,000.
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(r.spend.monthly_total.value(), 1_008.0));
    // Graduated: 100,000 × $1 + 100,000 × $2 + 50,000 × $4 = $0.50 of input, output at the top
    // tier's $8: $0.508 a request, $508.
    model.rules.graduated = true;
    s.custom_models[0] = model.clone();
    let r = evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        close(r.spend.monthly_total.value(), 508.0),
        "{}",
        r.spend.monthly_total.value()
    );
    // The card's words for them.
    let lines = inference_cost::core::models::rules_lines(&model);
    assert_eq!(
        lines,
        [
            "Context tiers (graduated: each band of the prompt at its own price): above 100,000 \
          tokens $2.00/M in, $4.00/M out; above 200,000 tokens $4.00/M in, $8.00/M out"
        ]
    );
    let opened = decode(&encode(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened.scenario, s);
    let json: serde_json::Value =
        serde_json::from_str(&inference_cost::scenario::link::to_json(&s)).unwrap_or_default();
    let rules = &json["custom_models"][0]["rules"];
    assert_eq!(
        rules["more_tiers"],
        serde_json::json!([[200_000, 4, 8]]),
        "{rules}"
    );
    assert_eq!(rules["graduated"], true, "{rules}");

    // LiteLLM's dashscope/qwen3-max has three `tiered_pricing` tiers: as a custom model it
    // keeps the first as its long context and the others in its rules, and bills a long
    // uncached prompt exactly as the import does.
    let qwen = price(&map(), "dashscope/qwen3-max");
    let tiers = qwen
        .rules
        .context_tiers
        .as_ref()
        .map_or(0, |t| t.tiers.len());
    assert!(tiers >= 2, "{tiers} tiers");
    let custom = CustomModel {
        id: "custom/2".into(),
        name: "qwen3-max".into(),
        source: "LiteLLM".into(),
        price: PriceEdit {
            input: Some(qwen.input.value()),
            output: Some(qwen.output.value()),
            ..PriceEdit::default()
        },
        cache_beside_prompt: false,
        long_context: custom_long_context(&qwen),
        rules: custom_rules(&qwen.rules),
    };
    assert_eq!(custom.rules.more_tiers.len(), tiers - 1);
    let as_custom = custom_price(&custom);
    for input in [10_000.0, 100_000.0, 200_000.0] {
        let shape = RequestShape {
            input_tokens: input,
            output_tokens: 2_000.0,
            ..RequestShape::default()
        };
        let imported = usd(&shape, &qwen, &Terms::default());
        let custom = usd(&shape, &as_custom, &Terms::default());
        assert!(
            (imported - custom).abs() < 1e-12,
            "{input}: import {imported} vs custom {custom}"
        );
    }
}

/// A tier's own long-context cache price: GPT-5.4's flex and batch cache reads above 272K are
/// $0.25/M in the price table (half the long-context $0.50/M), not the flat tier ratio's
/// $0.26/M (its flat $0.13/M is OpenAI's rounding of $0.125).
#[test]
fn a_tiers_long_context_cache_price_is_its_own() {
    use inference_cost::core::catalog::api_model;
    let Some(gpt) = api_model("openai/gpt-5.4") else {
        panic!("gpt-5.4 is in the catalog")
    };
    let shape = RequestShape {
        input_tokens: 320_000.0,
        cached_share: 300_000.0 / 320_000.0,
        output_tokens: 2_000.0,
        ..RequestShape::default()
    };
    // Flex above 272K: 20,000 × $2.50 + 300,000 × $0.25 + 2,000 × $11.25 = $0.1475.
    let flex = Terms {
        tier: ServiceTier::Flex,
        ..Terms::default()
    };
    assert!((usd(&shape, &gpt.price, &flex) - 0.1475).abs() < 1e-12);
    // Batch above 272K: the same prices (half of the long-context ones).
    let batch = Terms {
        batched: true,
        ..Terms::default()
    };
    assert!((usd(&shape, &gpt.price, &batch) - 0.1475).abs() < 1e-12);
}
