//! Golden links, second layer: every released link must open, in every later version, with the
//! same numbers, priced with a fixed test catalog (`tests/fixtures/catalog/`, the prices of
//! 2026-11-23), so a refresh of the built-in prices changes no golden number. The first layer,
//! link → Scenario, is `tests/golden_scenarios.rs`.
//!
//! `tests/golden/links.json` holds, per format version (v1: LZ77, v2: raw DEFLATE), links made
//! by that version and the
//! key numbers (`core::export::summary_json`) each produced when it was released. This test
//! opens every stored link with today's code and requires the same numbers and the same
//! notices. Stored entries are never rewritten: a change that alters them breaks old links
//! (add a migration in `scenario::link` instead).
//!
//! New entries: the scenarios below cover every feature; one missing from the file (by name)
//! is added when the test runs with `GOLDEN_ADD=1` (review the diff, then commit it). Some
//! entries' numbers are also checked against hand-computed figures here.
#![allow(clippy::float_cmp)] // stored figures are rounded to cents: exact comparisons

use inference_cost::core::catalog::Catalog;
use inference_cost::core::export::summary_json;
use inference_cost::core::hardware::Precision;
use inference_cost::core::prices::Figures;
use inference_cost::core::pricing::CacheTtl;
use inference_cost::core::{evaluate, evaluate_in};
use inference_cost::scenario::commitment::{DemandSource, Payment, RateMode};
use inference_cost::scenario::link::{decode, encode, encode_with, VERSION};
use inference_cost::scenario::selfhost::CUSTOM;
use inference_cost::scenario::{
    CustomModel, PriceEdit, PriceOverride, Route, Scenario, TrafficMode, Workload, DEFAULT_MODEL,
};
use serde_json::{json, Value};

mod common;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/links.json");

/// The scenarios of the current version's entries, by name.
fn scenarios() -> Vec<(&'static str, Scenario)> {
    let mut out = vec![("defaults", Scenario::default())];

    // API spend: two workloads, per-day traffic, routes, caching, batch, reasoning, a price
    // override, a custom model with a long-context tier, a 24-month projection.
    let mut s = Scenario::default();
    let w = &mut s.workloads[0];
    w.requests_per_month = 2_500_000.0;
    w.input_tokens = 3_000.0;
    w.output_tokens = 400.0;
    w.cached_pct = 60.0;
    w.cache_write_tokens = 500.0;
    w.batch_pct = 20.0;
    w.routes = vec![
        Route {
            model: DEFAULT_MODEL.into(),
            share_pct: 70.0,
        },
        Route {
            model: "openai/gpt-5-mini".into(),
            share_pct: 30.0,
        },
    ];
    let mut w2 = Workload::new(2, "Nightly | reports, \"batch\"", "custom-1");
    w2.traffic_mode = TrafficMode::PerDay;
    w2.requests_per_day = 12_000.0;
    w2.active_days = 22.0;
    w2.reasoning_tokens = 800.0;
    s.workloads.push(w2);
    s.custom_models.push(CustomModel {
        id: "custom-1".into(),
        name: "In-house router".into(),
        source: "Our contract, 2026-11".into(),
        price: PriceEdit {
            input: Some(0.8),
            output: Some(3.2),
            cached_input: Some(0.08),
            ..PriceEdit::default()
        },
        cache_beside_prompt: false,
        long_context: Some((200_000.0, 1.6, 6.4)),
        rules: inference_cost::scenario::CustomRules::default(),
    });
    s.price_overrides.push(PriceOverride {
        model: DEFAULT_MODEL.into(),
        edit: PriceEdit {
            input: Some(2.5),
            batch_discount_pct: Some(40.0),
            ..PriceEdit::default()
        },
    });
    s.projection.months = 24;
    s.projection.monthly_growth_pct = 5.0;
    s.projection.annual_decline_pct = 20.0;
    out.push(("spend-every-rule", s));

    // Self-hosting: another model, GPU, precision, typed rent and purchase prices, staff.
    let mut s = Scenario::default();
    s.workloads[0].requests_per_month = 30_000_000.0;
    s.selfhost.model = "llama-3.1-8b".into();
    s.selfhost.gpu = "h200-sxm".into();
    s.selfhost.rent_rate = Some(3.5);
    s.selfhost.purchase_price = Some(32_000.0);
    s.selfhost.engineers = 0.5;
    s.selfhost.peak_to_average = 3.0;
    out.push(("selfhost-8b-h200", s));

    // Commitment, hand-checked below: flat 10 GPUs at $2, 30 % and 50 % off.
    out.push(("commitment-flat", common::flat_commitment()));

    // Commitment from a pasted day: 12 h × 4 GPUs, 12 h × 8, $2 on demand.
    let mut s = Scenario::default();
    s.commitment.source = DemandSource::Series;
    s.commitment.series = [[4.0; 12], [8.0; 12]].concat();
    s.commitment.on_demand = Some(2.0);
    out.push(("commitment-series", s));

    // Twenty workloads, each with its own price override.
    let mut s = Scenario::default();
    s.workloads.clear();
    let models = [DEFAULT_MODEL, "openai/gpt-5", "openai/gpt-5-mini"];
    for i in 0..20u32 {
        let model = models[i as usize % models.len()];
        let mut w = Workload::new(i + 1, format!("Team {}", i + 1), model);
        w.requests_per_month = f64::from(i + 1) * 100_000.0;
        w.input_tokens = f64::from(500 + 100 * i);
        s.workloads.push(w);
    }
    for (i, m) in models.iter().enumerate() {
        s.price_overrides.push(PriceOverride {
            model: (*m).into(),
            edit: PriceEdit {
                input: Some(1.0 + i as f64),
                output: Some(5.0 + i as f64),
                ..PriceEdit::default()
            },
        });
    }
    out.push(("twenty-workloads", s));

    // Every other option: 1-hour cache writes, a custom model and GPU at 4-bit, a measured
    // throughput, commitment prices as prices, all upfront, spot, growth, risks, the three
    // questions, a 36-month projection.
    let mut s = Scenario::default();
    s.workloads[0].cache_ttl = CacheTtl::OneHour;
    s.workloads[0].cache_write_tokens = 2_000.0;
    s.projection.months = 36;
    let h = &mut s.selfhost;
    h.model = CUSTOM.into();
    h.custom_model.layers = 48.0;
    h.custom_model.total_params_b = 30.0;
    h.custom_model.active_params_b = 3.0;
    h.precision = Precision::Bits4;
    h.kv_precision = Precision::Fp8;
    h.gpu = CUSTOM.into();
    h.custom_gpu.memory_gib = 48.0;
    h.custom_gpu.bandwidth_tb_s = 0.96;
    h.rent_rate = Some(0.9);
    h.measured_tokens_per_s = Some(2_500.0);
    let c = &mut s.commitment;
    c.source = DemandSource::SelfHost;
    c.monthly_growth_pct = 3.0;
    c.on_demand = Some(1.1);
    c.one_year.mode = RateMode::Price;
    c.one_year.price = 0.8;
    c.three_year.payment = Payment::AllUpfront;
    c.spot = true;
    c.spot_share_pct = 50.0;
    c.demand_change_pct = 40.0;
    c.price_decline_pct = 20.0;
    c.know_volume = false;
    c.predictable = false;
    c.has_team = false;
    out.push(("every-other-option", s));

    // The optional fields added within v2 (2026-12-02): service tiers, residency, fast mode
    // and a negotiated discount (on the built-in Sonnet, which has none of the first three:
    // noted, standard prices; 20 % off Anthropic: $4,800.00).
    let mut s = Scenario::default();
    s.workloads[0].flex_pct = 25.0;
    s.workloads[0].priority_pct = 25.0;
    s.workloads[0].residency = true;
    s.workloads[0].fast = true;
    s.discounts
        .push(inference_cost::scenario::ProviderDiscount {
            provider: "Anthropic".into(),
            pct: 20.0,
        });
    out.push(("tiers-residency-discount", s));

    // Out of range (an old or hand-edited link): clamped with notices.
    let mut s = Scenario::default();
    s.workloads[0].input_tokens = 1e12;
    s.workloads[0].cached_pct = 150.0;
    s.commitment.draws = 3;
    out.push(("clamped", s));
    out
}

/// A link as the page writes it: with the catalog's edition and the figures its sender sees
/// (priced with the test catalog; none when the scenario does not evaluate).
fn as_the_page_writes(scenario: &Scenario) -> String {
    let catalog = common::test_catalog();
    let figures = evaluate_in(&catalog, scenario)
        .map(|r| Figures::of(&r))
        .unwrap_or_default();
    encode_with(scenario, Some(&figures.sent(&catalog)))
}

/// What a link opens to: the key numbers, priced with the fixed test catalog (so a refresh
/// of the built-in prices changes no golden number), and the notices.
fn opened(link: &str) -> Value {
    match decode(link) {
        Ok(d) => match evaluate_in(&common::test_catalog(), &d.scenario) {
            Ok(r) => json!({ "report": summary_json(&r), "notices": d.notices }),
            Err(e) => json!({ "error": e.to_string(), "notices": d.notices }),
        },
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn stored() -> Vec<Value> {
    std::fs::read_to_string(FILE)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

#[test]
fn golden_links_open_with_the_same_numbers() {
    let mut entries = stored();
    if std::env::var_os("GOLDEN_ADD").is_some() {
        for (name, scenario) in scenarios() {
            if !entries
                .iter()
                .any(|e| e["name"] == name && e["version"] == VERSION)
            {
                let link = as_the_page_writes(&scenario);
                let mut entry = json!({ "name": name, "version": VERSION, "link": link });
                if let (Value::Object(m), Value::Object(o)) = (&mut entry, opened(&link)) {
                    m.extend(o);
                }
                entries.push(entry);
            }
        }
        let text = serde_json::to_string_pretty(&entries).unwrap_or_default();
        std::fs::write(FILE, text + "\n").unwrap_or_else(|e| panic!("writing {FILE}: {e}"));
    }
    for (name, _) in scenarios() {
        assert!(
            entries
                .iter()
                .any(|e| e["name"] == name && e["version"] == VERSION),
            "{FILE} lacks {name} for {VERSION}: run with GOLDEN_ADD=1"
        );
    }
    for e in &entries {
        let link = e["link"].as_str().unwrap_or_default();
        let now = opened(link);
        // The notices' numbers, not their wording (common::notice_numbers).
        assert_eq!(
            common::notice_numbers(&now["notices"]),
            common::notice_numbers(&e["notices"]),
            "golden link {} ({}): notices changed",
            e["name"],
            e["version"]
        );
        for key in ["report", "error"] {
            assert_eq!(
                now.get(key),
                e.get(key),
                "golden link {} ({}): {key} changed",
                e["name"],
                e["version"]
            );
        }
    }
}

#[test]
fn every_current_scenario_round_trips() {
    for (name, scenario) in scenarios() {
        let Ok(d) = decode(&encode(&scenario)) else {
            panic!("{name} does not decode")
        };
        if name != "clamped" {
            assert_eq!(d.scenario, scenario, "{name}");
            assert!(d.notices.is_empty(), "{name}: {:?}", d.notices);
        }
    }
}

fn entry(name: &str) -> Value {
    stored()
        .into_iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no golden entry {name}"))
}

#[test]
fn golden_figures_match_hand_computations() {
    // The defaults: 1,000,000 requests × (1,000 input tokens × $3/M + 200 output × $15/M)
    // = $6,000.00 a month (Claude Sonnet 4.6's list prices).
    let s = &entry("defaults")["report"]["spend"];
    assert_eq!(s["monthly_usd"], 6_000.0);
    assert_eq!(s["yearly_usd"], 72_000.0);
    // Flat 10 GPUs × $2 × 730 h = $14,600.00 a month on demand; 3-year at 50 % off: $7,300.00,
    // all 10 committed; 1-year at 30 % off: $10,220.00. Over 36 months: $525,600 on demand.
    let c = &entry("commitment-flat")["report"]["commitment"];
    assert_eq!(c["best_plan"], "3y");
    assert_eq!(c["plans"][0]["monthly_usd"], 14_600.0);
    assert_eq!(c["plans"][0]["total_usd"], 525_600.0);
    assert_eq!(c["terms"][0]["monthly_usd"], 10_220.0);
    assert_eq!(c["terms"][1]["monthly_usd"], 7_300.0);
    assert_eq!(c["terms"][1]["gpus"], 10.0);
    // A day of 12 h × 4 and 12 h × 8 GPUs at $2, 56.4 % off for 3 years: commit 8 GPUs,
    // 210,240 GPU-h × $0.872 ÷ 36 = $5,092.48 a month; on demand 6 × $2 × 730 = $8,760.00.
    let c = &entry("commitment-series")["report"]["commitment"];
    assert_eq!(c["terms"][1]["gpus"], 8.0);
    assert_eq!(c["terms"][1]["monthly_usd"], 5_092.48);
    assert_eq!(c["plans"][0]["monthly_usd"], 8_760.0);
    // 1-hour cache writes cost 2× input ($6/M on Sonnet 4.6); writes cover at most the
    // 1,000-token prompt: 1,000,000 × (1,000 × $6/M + 200 × $15/M) = $9,000.00.
    let e = entry("every-other-option");
    assert_eq!(e["report"]["spend"]["monthly_usd"], 9_000.0);
    assert_eq!(e["report"]["selfhost"]["rent_usd_per_gpu_hour"], 0.9);
    assert_eq!(e["report"]["commitment"]["on_demand_usd_per_gpu_hour"], 1.1);
    // The clamped link names each field it changed.
    let notices = &entry("clamped")["notices"];
    assert_eq!(notices.as_array().map(Vec::len), Some(3), "{notices}");
    assert!(notices[0].as_str().is_some_and(
        |n| n.starts_with("Support chat › Input tokens per request: 1,000,000,000,000")
    ));
    // Twenty workloads with custom prices fit in under 2,000 characters.
    let link = entry("twenty-workloads")["link"]
        .as_str()
        .unwrap_or_default()
        .len();
    assert!(link < 2_000, "{link}");
}

#[test]
fn the_test_catalog_is_the_builtin_one_while_its_edition_is_current() {
    // The fixture froze the edition of 2026-11-23; while the built-in catalog is that edition,
    // they hold the same prices and GPU data, so the golden numbers are also today's (the page and the
    // command line show them: tests/cli.rs, tests/e2e/share.test.mjs). After a refresh they
    // differ, and the golden numbers stay the fixture's.
    let fixture = common::test_catalog();
    let builtin = Catalog::builtin();
    assert_eq!(fixture.models.len(), 62);
    if builtin.edition == fixture.edition {
        assert_eq!(
            fixture.hardware(),
            builtin.hardware(),
            "the frozen GPU data is the built-in one of its edition"
        );
        for m in &builtin.models {
            let f = fixture
                .models
                .iter()
                .find(|f| f.id == m.id)
                .unwrap_or_else(|| panic!("{} is not in the test catalog", m.id));
            assert_eq!(f.price, m.price, "{}", m.id);
        }
        for e in stored() {
            let link = e["link"].as_str().unwrap_or_default();
            if let Ok(d) = decode(link) {
                let today = evaluate(&d.scenario).map(|r| summary_json(&r)).ok();
                assert_eq!(today.as_ref(), e.get("report"), "{}", e["name"]);
            }
        }
    } else {
        assert!(
            builtin.edition > fixture.edition,
            "the fixture is never newer"
        );
    }
}
