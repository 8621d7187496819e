//! Defaults against the published figures they cite, in `data/price_decline.csv`: the 30 % a
//! year by which the projection lowers prices and the commitment's stress test lowers
//! on-demand GPU prices is the low end of the published rates ("hardware cost −30%/yr",
//! Stanford HAI AI Index 2025; "assume 30-50% cheaper next year").
#![allow(clippy::float_cmp)] // whole percentages compare exactly

use common::data_table;
use inference_cost::scenario::Scenario;

mod common;

#[test]
fn price_declines_are_the_low_end_of_the_published_rates() {
    let (header, rows) = data_table("price_decline.csv");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let text = |row: &[String]| {
        row.iter()
            .enumerate()
            .filter(|(i, _)| [col("value"), col("basis"), col("notes")].contains(i))
            .map(|(_, f)| f.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let hai = rows
        .iter()
        .find(|r| r[col("source")].starts_with("Stanford HAI AI Index 2025"))
        .map(|r| text(r))
        .unwrap_or_default();
    assert!(hai.contains("hardware cost -30%/yr"), "{hai}");
    assert!(
        rows.iter()
            .any(|r| text(r).contains("assume 30-50% cheaper next year")),
        "the 30-50 % a year row"
    );
    let s = Scenario::default();
    assert_eq!(s.projection.annual_decline_pct, 30.0);
    assert_eq!(s.commitment.price_decline_pct, 30.0);
}
