//! LiteLLM's own price map (`tests/fixtures/litellm/`, litellm 1.109.1, MIT licence) through
//! the import: it must import whole, and every catalog model that came from that map must cost
//! the same through the import as through the catalog, for the same tokens.

use inference_cost::core::catalog::api_models;
use inference_cost::core::import::{import_litellm, SkipReason};
use inference_cost::core::pricing::{
    request_cost_on, CacheTtl, RequestShape, ServiceTier, Terms, WriteShares,
};
use inference_cost::core::spend::route_bill;
use std::time::Instant;

mod common;

/// LiteLLM's `model_prices_and_context_window.json` (its licence beside it).
fn fixture() -> String {
    common::repo_file("tests/fixtures/litellm/model_prices_and_context_window.json")
}

/// Request shapes that exercise every rule: plain, cached with 5-minute and 1-hour writes,
/// reasoning, and a 300K-token prompt past every long-context threshold in the catalog.
fn shapes() -> Vec<(RequestShape, f64)> {
    let plain = RequestShape {
        input_tokens: 2_000.0,
        output_tokens: 500.0,
        ..RequestShape::default()
    };
    let cached = RequestShape {
        cached_share: 0.7,
        cache_write_tokens: 400.0,
        ..plain
    };
    let cached_1h = RequestShape {
        write_shares: WriteShares::only(CacheTtl::OneHour),
        ..cached
    };
    let reasoning = RequestShape {
        reasoning_tokens: 3_000.0,
        ..plain
    };
    let long = RequestShape {
        input_tokens: 300_000.0,
        cached_share: 0.5,
        ..plain
    };
    vec![
        (plain, 0.0),
        (cached, 0.0),
        (cached_1h, 0.0),
        (reasoning, 0.0),
        (long, 0.0),
        (plain, 1.0),
    ]
}

#[test]
fn the_full_price_map_imports_with_a_summary() {
    let json = fixture();
    let started = Instant::now();
    let summary = import_litellm(&json).unwrap_or_default();
    eprintln!(
        "imported {} models, skipped {} entries, in {:?} (native, debug build)",
        summary.models.len(),
        summary.skipped.values().sum::<usize>(),
        started.elapsed()
    );
    // 3,377 models: 3,328 with flat token prices and 49 priced only by `tiered_pricing`.
    assert_eq!(summary.models.len(), 3_377);
    assert_eq!(summary.skipped.get(&SkipReason::SampleSpec), Some(&1));
    assert!(summary
        .skipped
        .keys()
        .any(|r| matches!(r, SkipReason::NotTextGeneration(m) if m == "embedding")));
    assert_eq!(
        summary.models.len() + summary.skipped.values().sum::<usize>(),
        4_553
    );
}

/// Known, documented divergences: (LiteLLM key, the shape index that differs, why).
const KNOWN_DIFFERENCES: &[(&str, usize, &str)] = &[(
    "claude-sonnet-4-5",
    4,
    "the catalog adds the >200K tier ($6 / $22.50) from Anthropic's pricing page; \
     LiteLLM 1.109.1 lists none for this key",
)];

#[test]
fn catalog_and_import_cost_the_same() {
    let json = fixture();
    let imported = import_litellm(&json).unwrap_or_default().models;
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for model in api_models() {
        let Some(key) = model
            .source
            .split("LiteLLM 1.109.1 price map (key ")
            .nth(1)
            .and_then(|rest| rest.strip_suffix(')'))
        else {
            continue; // rows taken from other sources
        };
        let Some(theirs) = imported.iter().find(|m| m.key == key) else {
            mismatches.push(format!("{key}: not imported"));
            continue;
        };
        // Every billing rule the catalog carries beyond the common ones (its columns from
        // `flex_input_usd_per_mtok` on, read from the same map): each tier, residency, fast
        // mode, batched cache reads and 12-hour writes.
        let cached = shapes()[1].0;
        let twelve = RequestShape {
            write_shares: WriteShares {
                one_hour: 0.25,
                twelve_hours: 0.5,
            },
            ..cached
        };
        let terms = [
            Terms {
                tier: ServiceTier::Flex,
                ..Terms::default()
            },
            Terms {
                tier: ServiceTier::Priority,
                ..Terms::default()
            },
            Terms {
                residency: true,
                ..Terms::default()
            },
            Terms {
                fast: true,
                ..Terms::default()
            },
            Terms {
                batched: true,
                ..Terms::default()
            },
        ];
        // And a 300K-token prompt, half cached, past every long-context threshold, on each.
        let long = shapes()[4].0;
        for (t, shape) in terms
            .iter()
            .zip([cached; 5])
            .chain(terms.iter().zip([long; 5]))
            .chain([(&Terms::default(), twelve)])
        {
            // The documented long-context difference holds on every term.
            let known_long = KNOWN_DIFFERENCES
                .iter()
                .any(|(k, s, _)| *k == key && *s == 4);
            if known_long && shape == long {
                continue;
            }
            let ours = request_cost_on(&shape, &model.price, t);
            let via = request_cost_on(&shape, &theirs.price, t);
            let (a, b) = (ours.cost.total().value(), via.cost.total().value());
            if (a - b).abs() > 1e-12 * a.abs().max(1e-9) || ours.notes != via.notes {
                mismatches.push(format!(
                    "{key}: {t:?}: catalog {a} {:?} vs import {b} {:?}",
                    ours.notes, via.notes
                ));
            }
        }
        let (r, i) = (&model.price.rules, &theirs.price.rules);
        let present = |r: &inference_cost::core::pricing::ExtraRules| {
            [
                r.flex.is_some(),
                r.priority.is_some(),
                r.cache_write_12h.is_some(),
                r.batch_cached_input.is_some(),
                r.residency.is_some(),
                r.fast.is_some(),
            ]
        };
        if present(r) != present(i) || r.batch_cache != i.batch_cache {
            mismatches.push(format!("{key}: rules {r:?} vs {i:?}"));
        }
        for (i, (shape, batch)) in shapes().into_iter().enumerate() {
            let ours = route_bill(1_000.0, &shape, batch, &model.price)
                .cost
                .total()
                .value();
            let via = route_bill(1_000.0, &shape, batch, &theirs.price)
                .cost
                .total()
                .value();
            let known = KNOWN_DIFFERENCES
                .iter()
                .any(|(k, s, _)| *k == key && *s == i);
            let differs = (ours - via).abs() > 1e-9 * ours.abs().max(1e-6);
            if known && !differs {
                mismatches.push(format!(
                    "{key}: listed as a known difference but costs the same"
                ));
            }
            if differs && !known {
                mismatches.push(format!(
                    "{key}: {shape:?} batch {batch}: catalog {ours} vs import {via}"
                ));
            }
        }
        compared += 1;
    }
    assert!(compared >= 40, "compared {compared} models");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
