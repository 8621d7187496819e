//! Exports: the Markdown summary, the CSV tables and the JSON figures, checked against
//! hand-computed numbers of small scenarios.

use inference_cost::core::evaluate;
use inference_cost::core::export::{csv_tables, markdown, summary_json};
use inference_cost::scenario::commitment::DemandSource;
use inference_cost::scenario::{Scenario, Workload, DEFAULT_MODEL};

mod common;

fn table<'a>(tables: &'a [(&str, String)], name: &str) -> &'a str {
    tables
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, t)| t.as_str())
}

#[test]
fn markdown_summary_has_the_hand_computed_figures() {
    let mut s = common::flat_commitment();
    // A second workload whose name would break a table: 500,000 × $0.006 = $3,000.00.
    let mut w = Workload::new(2, "Search | beta", DEFAULT_MODEL);
    w.requests_per_month = 500_000.0;
    s.workloads.push(w);
    let Ok(r) = evaluate(&s) else {
        panic!("evaluates")
    };
    let md = markdown(&r, Some("https://example.com/calc/#v1.AXt9"));
    assert!(md.starts_with(
        "# Inference cost scenario\n\n[Open this scenario in the calculator](https://example.com/calc/#v1.AXt9)\n\n## API spend\n"
    ));
    // 1,000,000 × $0.006 + 500,000 × $0.006 = $9,000.00 a month, $108,000.00 a year.
    for line in [
        "| Monthly bill | $9,000.00 |",
        "| A year | $108,000.00 |",
        "| Requests a month | 1,500,000 |",
        "| Support chat | 1,000,000 | $6,000.00 | 67% |",
        "| Search \\| beta | 500,000 | $3,000.00 | 33% |",
        "## Reserve or on-demand: H100 SXM",
        // 10 GPUs × $2 × 730 h; 36 months of it; the 3-year plan at $1.
        "| No commitment | 0 | $14,600.00 | $525,600.00 |",
        "| 3-year (cheapest) | 10 | $7,300.00 | $262,800.00 |",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
}

#[test]
fn csv_tables_are_spreadsheet_numbers() {
    let mut s = common::flat_commitment();
    s.workloads[0].name = "=SUM(A1)".into();
    let Ok(r) = evaluate(&s) else {
        panic!("evaluates")
    };
    let tables = csv_tables(&r);
    assert_eq!(
        table(&tables, "spend-by-workload.csv"),
        "workload,requests_per_month,monthly_usd,share\r\n'=SUM(A1),1000000,6000.00,1.0000\r\n"
    );
    // 1,000 M input tokens × $3 = $3,000.00; 200 M output × $15 = $3,000.00.
    assert_eq!(
        table(&tables, "spend-by-token-kind.csv"),
        "kind,tokens_per_month,monthly_usd\r\nInput,1000000000,3000.00\r\nOutput,200000000,3000.00\r\n"
    );
    let plans = table(&tables, "commitment-plans.csv");
    assert!(plans.contains("3y,10,7300.00,262800.00\r\n"), "{plans}");
    let terms = table(&tables, "commitment-terms.csv");
    // 1-year: 10 GPUs at $1.40 = $10,220.00, saving $4,380.00 against $14,600.00.
    assert!(
        terms.contains("12,10.0000,1.0000,1.0000,10220.00,14600.00,4380.00\r\n"),
        "{terms}"
    );
    assert_eq!(
        table(&tables, "spend-projection.csv").lines().count(),
        13,
        "a header and 12 months"
    );
}

#[test]
fn json_figures_have_stable_names() {
    let Ok(r) = evaluate(&common::flat_commitment()) else {
        panic!("evaluates")
    };
    let j = summary_json(&r);
    assert_eq!(j["format"], "inference-cost-report/1");
    assert_eq!(j["spend"]["monthly_usd"], 6_000.0);
    assert_eq!(j["spend"]["per_request_usd"], 0.006);
    assert_eq!(j["spend"]["by_token_kind"][0]["kind"], "input");
    assert_eq!(j["commitment"]["best_plan"], "3y");
    assert_eq!(j["commitment"]["on_demand_usd_per_gpu_hour"], 2.0);
    assert_eq!(j["selfhost"]["winner"], "api");
    // An unanswerable calculator is an error message, not missing numbers.
    let mut s = Scenario::default();
    s.commitment.source = DemandSource::Series;
    let Ok(r) = evaluate(&s) else {
        panic!("evaluates")
    };
    assert!(summary_json(&r)["commitment"]["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("No demand")));
}
