//! Provider usage exports read in full, priced, turned into workloads, charged back and
//! reconciled, on the hand-built fixtures of `tests/fixtures/usage_report/` (their daily
//! figures are in `make_fixtures.py`), against figures computed by hand below from the fixed
//! test catalog's prices (`tests/fixtures/catalog/llm_prices.csv`): gpt-5 $1.25 / $10 per
//! million (cache reads $0.125, writes billed as input, batch 50 % off), gpt-5-mini $0.25 /
//! $2 (reads $0.025), Claude Sonnet 4.5 $3 / $15 (reads $0.30, 5-minute writes $3.75,
//! 1-hour $6, batch 50 % off), Claude Haiku 4.5 $1 / $5 (reads $0.10, writes $1.25).

// Exact equality where the values are exactly representable (whole counts, 7.0 days).
#![allow(clippy::float_cmp)]

mod common;

use inference_cost::core::models::{resolve_models_in, ResolvedModel};
use inference_cost::core::units::Usd;
use inference_cost::core::usage_report::bill::{
    self, chargeback, price, read_costs, reconcile, to_workloads, BillSettings, PriceBook,
    UsageBill,
};
use inference_cost::core::usage_report::{format_time, read_report, ReportFormat, UsageReader};
use inference_cost::core::{spend_stage_in, SpendInput};
use inference_cost::scenario::Scenario;

fn models() -> Vec<ResolvedModel> {
    resolve_models_in(&common::test_catalog(), &[], &[])
}

fn fixture(name: &str) -> String {
    common::repo_file(&format!("tests/fixtures/usage_report/{name}"))
}

fn bill_of(format: ReportFormat, name: &str) -> UsageBill {
    let table = read_report(format, &fixture(name), None);
    assert!(table.problems.is_empty(), "{name}: {:?}", table.problems);
    let models = models();
    let book = PriceBook {
        models: &models,
        imported: None,
        discounts: &[],
    };
    price(&table, &book, BillSettings::default())
}

fn close(a: Usd, b: f64) {
    assert!(
        (a.value() - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{} against {b}",
        a.value()
    );
}

/// The monthly bill of the workloads an import makes, by the spend stage.
fn workloads_bill(bill: &UsageBill, by: Option<&str>) -> Usd {
    let w = to_workloads(bill, by, 1, 1, 100);
    let s = Scenario {
        workloads: w.workloads,
        custom_models: w.custom_models,
        ..Scenario::default()
    };
    match spend_stage_in(&common::test_catalog(), &SpendInput::of(&s)) {
        Ok(r) => r.monthly_total,
        Err(e) => panic!("the workloads evaluate: {e}"),
    }
}

#[test]
fn openai_usage_by_hand() {
    let b = bill_of(ReportFormat::OpenAiUsage, "openai_usage.json");
    assert_eq!(format_time(b.start), "2026-11-01T00:00:00Z");
    assert_eq!(format_time(b.end), "2026-11-08T00:00:00Z");
    assert_eq!(b.days, 7.0);
    assert!(!b.estimated_requests && b.unpriced.is_empty());
    assert_eq!(b.groups.len(), 3);
    // A day of gpt-5 for proj_search, not batched: 1,000 requests, 2,000,000 prompt tokens of
    // which 800,000 read and 100,000 written; 300,000 out:
    //   1,100,000 × $1.25 + 100,000 × $1.25 + 800,000 × $0.125 + 300,000 × $10 = $4.60.
    // Batched: 1,000,000 in, 200,000 out, half price: $0.625 + $1.00 = $1.625.
    // gpt-5-mini for proj_support: 2,000,000 uncached × $0.25 + 2,000,000 read × $0.025
    //   + 800,000 × $2 = $0.50 + $0.05 + $1.60 = $2.15. A day: $8.375; seven: $58.625.
    let day = [4.60, 1.625, 2.15];
    let mut by_group: Vec<(String, f64)> = b
        .groups
        .iter()
        .map(|g| {
            (
                format!("{} {}", g.key.model, g.key.label()),
                g.total().value(),
            )
        })
        .collect();
    by_group.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(by_group[0].0, "gpt-5-2025-08-07 batch · proj_search");
    close(Usd::new(by_group[0].1).unwrap_or_default(), 7.0 * day[1]);
    close(Usd::new(by_group[1].1).unwrap_or_default(), 7.0 * day[0]);
    close(Usd::new(by_group[2].1).unwrap_or_default(), 7.0 * day[2]);
    close(b.total, 58.625);
    // A month is 30.4375 days: $58.625 × 30.4375 ÷ 7 = $254.9140625.
    close(b.monthly, 254.914_062_5);
    // The groups' counts: 7 × 1,000 requests; 7 × 1,100,000 uncached.
    let g = b
        .groups
        .iter()
        .find(|g| g.key.label() == "not batched · proj_search");
    let Some(g) = g else {
        panic!("the group is there")
    };
    assert_eq!(g.totals.requests, Some(7_000.0));
    assert_eq!(
        (g.totals.input, g.totals.cached, g.totals.write_5m),
        (7_700_000.0, 5_600_000.0, 700_000.0)
    );
    assert_eq!(
        g.model.as_ref().map(|m| m.id.as_str()),
        Some("openai/gpt-5")
    );

    // Chargeback by project: proj_search 7 × $6.225 = $43.575, proj_support 7 × $2.15.
    let charges = chargeback(&b, "project");
    assert_eq!(charges[0].value, "proj_search");
    close(charges[0].cost, 43.575);
    close(charges[1].cost, 15.05);
    assert!((charges[0].share - 43.575 / 58.625).abs() < 1e-12);
    assert_eq!(charges[0].requests, 10_500.0);

    // The workloads bill what the groups bill, a month of it.
    let made = to_workloads(&b, Some("project"), 1, 1, 100);
    let names: Vec<&str> = made.workloads.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "gpt-5 · proj_search",
            "gpt-5 · proj_search · batch",
            "gpt-5-mini · proj_support"
        ]
    );
    // gpt-5 for proj_search, not batched: 1,000 requests a day is 30,437.5 a month; a request
    // holds 2,000 prompt tokens, 40 % read from the cache, 100 written, 300 out.
    let plain = &made.workloads[0];
    assert!((plain.requests_per_month - 30_437.5).abs() < 1e-9);
    assert!((plain.input_tokens - 2_000.0).abs() < 1e-9);
    assert!((plain.cached_pct - 40.0).abs() < 1e-9);
    assert!((plain.cache_write_tokens - 100.0).abs() < 1e-9);
    assert!((plain.output_tokens - 300.0).abs() < 1e-9);
    assert_eq!(made.workloads[1].batch_pct, 100.0);
    assert_eq!(plain.batch_pct, 0.0);
    close(workloads_bill(&b, Some("project")), 254.914_062_5);
    close(workloads_bill(&b, None), 254.914_062_5);

    // The cost report: gpt-5 billed as computed; gpt-5-mini's output $0.05 a day dearer
    // ($15.40 against $15.05); a web search line item of $0.10 not attributed to a model.
    let billed = read_costs(&fixture("openai_costs.json"));
    assert!(billed.problems.is_empty(), "{:?}", billed.problems);
    close(billed.total, 59.075);
    assert_eq!(billed.other.len(), 1);
    close(billed.other[0].1, 0.10);
    let rec = reconcile(&b, &billed);
    let mini = rec.iter().find(|r| r.model == "gpt-5-mini-2025-08-07");
    let Some(mini) = mini else {
        panic!("gpt-5-mini is reconciled")
    };
    close(mini.computed, 15.05);
    close(mini.billed.unwrap_or_default(), 15.40);
    let gpt5 = rec.iter().find(|r| r.model == "gpt-5-2025-08-07");
    close(gpt5.and_then(|r| r.billed).unwrap_or_default(), 43.575);
}

#[test]
fn anthropic_usage_by_hand() {
    let b = bill_of(ReportFormat::AnthropicUsage, "anthropic_usage.json");
    assert_eq!(format_time(b.start), "2026-11-02T00:00:00Z");
    assert_eq!(b.days, 5.0);
    assert!(
        b.estimated_requests,
        "Anthropic's report counts no requests"
    );
    assert_eq!(b.web_searches, 100.0);
    // A day of Sonnet 4.5, default workspace, standard: 3,000,000 uncached × $3 + 6,000,000
    // read × $0.30 + 400,000 5-minute writes × $3.75 + 100,000 1-hour writes × $6 + 500,000 ×
    // $15 = $9.00 + $1.80 + $1.50 + $0.60 + $7.50 = $20.40. Batched in wrkspc_research:
    // (2,000,000 × $3 + 1,000,000 × $15) ÷ 2 = $10.50. Haiku 4.5: 5,000,000 × $1 + 1,000,000 ×
    // $0.10 + 200,000 × $1.25 + 800,000 × $5 = $9.35. A day $40.25; five $201.25.
    close(b.total, 201.25);
    // $201.25 × 30.4375 ÷ 5 = $1,225.109375.
    close(b.monthly, 1_225.109_375);
    // Requests estimated at 4,000 prompt tokens each: (3 + 6 + 0.4 + 0.1) M × 5 ÷ 4,000.
    let std = b
        .groups
        .iter()
        .find(|g| g.key.get("service_tier") == Some("standard") && g.key.model.contains("sonnet"));
    let Some(std) = std else {
        panic!("the group is there")
    };
    assert!(std.estimated);
    assert!((std.requests - 11_875.0).abs() < 1e-9);
    close(workloads_bill(&b, Some("workspace")), 1_225.109_375);
    let w = to_workloads(&b, Some("workspace"), 1, 1, 100);
    assert!(w
        .workloads
        .iter()
        .any(|w| w.name == "claude-sonnet-4-5 · wrkspc_research · batch"));
    assert!(w.notes.iter().any(|n| n.contains("estimated")));
    // A workload keeps the 1-hour share of its writes: 100,000 of 500,000.
    let sonnet = w.workloads.iter().find(|w| w.name == "claude-sonnet-4-5");
    assert!((sonnet.map_or(0.0, |w| w.write_1h_pct) - 20.0).abs() < 1e-9);

    // The cost report in cents: Sonnet (2,040 + 1,050) × 5 ÷ 100 = $154.50, Haiku 935 × 5 ÷
    // 100 = $46.75, both as computed; web search $0.20 a day.
    let billed = read_costs(&fixture("anthropic_cost_report.json"));
    assert!(billed.problems.is_empty(), "{:?}", billed.problems);
    close(billed.total, 202.25);
    let r = reconcile(&b, &billed);
    for m in &r {
        close(m.billed.unwrap_or_default(), m.computed.value());
    }
    assert_eq!(billed.other[0].0, "Web Search Usage");
    close(billed.other[0].1, 1.00);
}

#[test]
fn csv_by_hand() {
    let b = bill_of(ReportFormat::Csv, "usage.csv");
    assert_eq!(b.days, 3.0);
    assert_eq!(b.dimensions, ["team"]);
    // A day of gpt-5-mini for search: 8,000,000 × $0.25 + 2,000,000 read × $0.025 + 2,000,000
    // visible out × $2 + 1,000,000 reasoning × $2 (counted inside the 3,000,000 output) =
    // $8.05. Haiku 4.5 for support: 1,000,000 × $1 + 3,000,000 read × $0.10 + 400,000 written
    // × $1.25 + 400,000 × $5 = $3.80. Three days: $35.55; a month $35.55 × 30.4375 ÷ 3 =
    // $360.684375.
    close(b.total, 35.55);
    close(b.monthly, 360.684_375);
    let mini = b.groups.iter().find(|g| g.key.model == "gpt-5-mini");
    let Some(mini) = mini else {
        panic!("gpt-5-mini is there")
    };
    assert_eq!(
        (mini.totals.output, mini.totals.reasoning),
        (6_000_000.0, 3_000_000.0)
    );
    close(workloads_bill(&b, Some("team")), 360.684_375);
}

#[test]
fn an_unknown_model_is_listed_not_priced() {
    let csv = fixture("usage.csv").replace("claude-haiku-4-5", "our-own-model");
    let table = read_report(ReportFormat::Csv, &csv, None);
    let models = models();
    let book = PriceBook {
        models: &models,
        imported: None,
        discounts: &[],
    };
    let b = price(&table, &book, BillSettings::default());
    assert_eq!(b.unpriced.len(), 1);
    assert_eq!(b.unpriced[0].0, "our-own-model");
    close(b.total, 3.0 * 8.05);
    let w = to_workloads(&b, Some("team"), 1, 1, 100);
    assert_eq!(w.workloads.len(), 1);
    assert!(w.notes.iter().any(|n| n.contains("our-own-model")));
}

#[test]
fn a_model_from_an_imported_table_becomes_a_custom_model() {
    let csv = fixture("usage.csv").replace("claude-haiku-4-5", "acme/fast-1");
    let table = read_report(ReportFormat::Csv, &csv, None);
    let litellm = r#"{"acme/fast-1": {"input_cost_per_token": 0.000001, "output_cost_per_token": 0.000005,
        "cache_read_input_token_cost": 0.0000001, "cache_creation_input_token_cost": 0.00000125,
        "litellm_provider": "acme", "mode": "chat"}}"#;
    let imported = match inference_cost::core::import::import_litellm(litellm) {
        Ok(i) => i,
        Err(e) => panic!("the table imports: {e}"),
    };
    let models = models();
    let book = PriceBook {
        models: &models,
        imported: Some(&imported),
        discounts: &[],
    };
    let b = price(&table, &book, BillSettings::default());
    // The same prices as Haiku 4.5: the same $35.55.
    close(b.total, 35.55);
    let w = to_workloads(&b, Some("team"), 1, 4, 100);
    assert_eq!(w.custom_models.len(), 1);
    assert_eq!(w.custom_models[0].id, "custom/4");
    assert!(w.workloads.iter().any(|w| w.routes[0].model == "custom/4"));
    close(workloads_bill(&b, Some("team")), 360.684_375);
}

#[test]
fn a_negotiated_discount_comes_off_the_import() {
    let table = read_report(ReportFormat::Csv, &fixture("usage.csv"), None);
    let models = models();
    let discounts = [inference_cost::scenario::ProviderDiscount {
        provider: "OpenAI".into(),
        pct: 20.0,
    }];
    let book = PriceBook {
        models: &models,
        imported: None,
        discounts: &discounts,
    };
    // 20 % off gpt-5-mini only: 3 × ($8.05 × 0.8 + $3.80) = $30.72.
    close(price(&table, &book, BillSettings::default()).total, 30.72);
}

#[test]
fn every_piece_size_reads_the_fixtures_the_same() {
    for (format, name) in [
        (ReportFormat::OpenAiUsage, "openai_usage.json"),
        (ReportFormat::AnthropicUsage, "anthropic_usage.json"),
        (ReportFormat::Csv, "usage.csv"),
    ] {
        let text = fixture(name);
        let whole = read_report(format, &text, None);
        for size in [1, 13, 4096] {
            let mut reader = UsageReader::new(format, None);
            let mut i = 0;
            while i < text.len() {
                let mut j = (i + size).min(text.len());
                while !text.is_char_boundary(j) {
                    j += 1;
                }
                reader.feed(&text[i..j]);
                i = j;
            }
            assert_eq!(reader.finish(), whole, "{name} in pieces of {size}");
        }
        assert_eq!(
            ReportFormat::detect(&text[..text.len().min(2000)]),
            format,
            "{name}"
        );
    }
}

#[test]
fn the_month_is_a_quarter_of_a_year_divided_by_three() {
    assert!((bill::DAYS_PER_MONTH - 30.4375).abs() < 1e-12);
}
