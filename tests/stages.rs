//! The staged evaluation gives the Report the single `evaluate` gave before it was split
//! (2026-12-01): every golden link and 1,000 generated scenarios are evaluated, and a
//! fingerprint of everything the Report shows (the key numbers as JSON, every CSV table, the
//! Markdown summary, or the error's message) must equal the one recorded with the monolithic
//! evaluator in `tests/fixtures/report-fingerprints.txt`.
//!
//! The fixture was written once, before the split, with `FINGERPRINTS=write cargo test --test
//! stages`; it is never rewritten to make this test pass. A change that means to change the
//! numbers (a new pricing rule, a catalog refresh) writes a new fixture in its own commit and
//! says why.

use common::{generated, repo_file, Rng};
use inference_cost::core::{evaluate, export};
use inference_cost::scenario::link::decode;
use inference_cost::scenario::Scenario;
use std::fmt::Write;

mod common;

const FIXTURE: &str = "tests/fixtures/report-fingerprints.txt";
/// Generated scenarios, on top of the golden links.
const GENERATED: usize = 1_000;

/// FNV-1a, 64 bits: stable across platforms and Rust versions.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Everything the Report shows, as text.
fn shown(s: &Scenario) -> String {
    match evaluate(s) {
        Ok(r) => {
            let mut text = export::summary_json(&r).to_string();
            for (name, table) in export::csv_tables(&r) {
                let _ = write!(text, "\n# {name}\n{table}");
            }
            text.push_str(&export::markdown(&r, None));
            text
        }
        Err(e) => format!("error: {e}"),
    }
}

/// (name, scenario): the golden links of v1 (the v2 ones open to the same Scenarios), then the
/// generated scenarios.
fn cases() -> Vec<(String, Scenario)> {
    let golden: serde_json::Value =
        serde_json::from_str(&repo_file("tests/golden/links.json")).unwrap_or_default();
    let mut cases: Vec<(String, Scenario)> = golden
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["version"] == "v1")
        .filter_map(|e| {
            let name = e.get("name")?.as_str()?.to_owned();
            let link = e.get("link")?.as_str()?;
            Some((format!("golden:{name}"), decode(link).ok()?.scenario))
        })
        .collect();
    assert!(
        cases.len() >= 5,
        "the golden links decode ({})",
        cases.len()
    );
    let mut rng = Rng(0x0057_A6E5);
    for i in 0..GENERATED {
        let mut s = generated(&mut rng, 1 + i % 5);
        // Vary what the generator leaves alone, so every stage sees different inputs.
        rng.pick(&[
            "llama-3.1-8b",
            "llama-3.3-70b",
            "qwen3-32b",
            "gpt-oss-120b",
            "deepseek-v3",
        ])
        .clone_into(&mut s.selfhost.model);
        s.selfhost.concurrency = 1.0 + (rng.next() * 127.0).round();
        s.selfhost.peak_to_average = 1.0 + (rng.next() * 30.0).round() / 10.0;
        s.commitment.monthly_growth_pct = (rng.next() * 60.0).round() / 10.0 - 2.0;
        s.projection.months = 1 + (rng.next() * 35.0) as u32;
        cases.push((format!("generated:{i}"), s));
    }
    cases
}

#[test]
fn stages_compose_to_the_report_of_the_single_evaluator() {
    let lines: Vec<String> = cases()
        .iter()
        .map(|(name, s)| format!("{name} {:016x}", fnv1a(&shown(s))))
        .collect();
    if std::env::var("FINGERPRINTS").as_deref() == Ok("write") {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
        let _ = std::fs::write(path, lines.join("\n") + "\n");
        return;
    }
    let recorded = repo_file(FIXTURE);
    let recorded: Vec<&str> = recorded.lines().collect();
    assert_eq!(recorded.len(), lines.len(), "one fingerprint per case");
    let differ: Vec<String> = recorded
        .iter()
        .zip(&lines)
        .filter(|(a, b)| *a != b)
        .map(|(a, b)| format!("recorded {a}, now {b}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} cases differ:\n{}",
        differ.len(),
        lines.len(),
        differ.join("\n")
    );
}
