//! Golden links, first layer: link → Scenario, kept forever.
//!
//! `tests/golden/link-scenarios.json` holds, for every link of `tests/golden/links.json`, the
//! whole Scenario it opened to when it was added (the page's JSON export of it) and the
//! notices. Entries are never rewritten: a change that alters what a released link opens to
//! breaks links people pasted into wikis. A link missing from the file is added when the test
//! runs with `GOLDEN_ADD=1` (review the diff, then commit it).
//!
//! The second test stands for a default edited in the code: it changes defaults of every part
//! of the Scenario and shows that each link still opens to the same Scenario, because a link is
//! read against its version's frozen defaults (`src/scenario/defaults/v1.json`), never against
//! today's.

use inference_cost::scenario::link::{
    decode, encode, from_json, frozen_defaults, to_json, VERSION,
};
use inference_cost::scenario::testing::set_default_tweak;
use inference_cost::scenario::Scenario;
use serde_json::{json, Value};

mod common;

const LINKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/links.json");
const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/link-scenarios.json"
);

fn read(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    v.as_array()
        .cloned()
        .unwrap_or_else(|| panic!("{path} is not a list"))
}

/// The stored entries, after adding the missing ones with `GOLDEN_ADD=1`.
fn entries() -> Vec<Value> {
    let mut entries = if std::path::Path::new(FILE).exists() {
        read(FILE)
    } else {
        Vec::new()
    };
    if std::env::var_os("GOLDEN_ADD").is_some() {
        for l in read(LINKS) {
            if entries.iter().any(|e| e["link"] == l["link"]) {
                continue;
            }
            let link = l["link"].as_str().unwrap_or_default();
            let d = decode(link).unwrap_or_else(|e| panic!("{}: {e}", l["name"]));
            let scenario: Value = serde_json::from_str(&to_json(&d.scenario)).unwrap_or_default();
            entries.push(json!({
                "name": l["name"], "version": l["version"], "link": link,
                "notices": d.notices, "scenario": scenario,
            }));
        }
        let text = serde_json::to_string_pretty(&entries).unwrap_or_default();
        std::fs::write(FILE, text + "\n").unwrap_or_else(|e| panic!("writing {FILE}: {e}"));
    }
    entries
}

/// The Scenario an entry stored, read as a JSON export is.
fn stored_scenario(e: &Value) -> Scenario {
    from_json(&e["scenario"].to_string())
        .unwrap_or_else(|err| panic!("{}: the stored Scenario does not read: {err}", e["name"]))
        .scenario
}

/// Every link opens to the Scenario (and the notices) stored for it.
fn check_all(entries: &[Value], when: &str) {
    for e in entries {
        let link = e["link"].as_str().unwrap_or_default();
        let d = decode(link).unwrap_or_else(|err| panic!("{} {when}: {err}", e["name"]));
        assert_eq!(
            d.scenario,
            stored_scenario(e),
            "golden link {} {when}: opens to another Scenario",
            e["name"]
        );
        // The notices' numbers, not their wording (common::notice_numbers).
        assert_eq!(
            common::notice_numbers(&json!(d.notices)),
            common::notice_numbers(&e["notices"]),
            "{} {when}: notices",
            e["name"]
        );
    }
}

#[test]
fn every_released_link_opens_with_its_stored_scenario() {
    let entries = entries();
    for l in read(LINKS) {
        assert!(
            entries.iter().any(|e| e["link"] == l["link"]),
            "{FILE} lacks {}: run with GOLDEN_ADD=1",
            l["name"]
        );
    }
    check_all(&entries, "today");
}

/// Defaults of every part of the Scenario, changed as an edit of the code would.
fn changed_defaults(s: &mut Scenario) {
    let w = &mut s.workloads[0];
    w.name = "Renamed".into();
    w.requests_per_month = 2_000_000.0;
    w.input_tokens = 1_500.0;
    w.output_tokens = 300.0;
    w.routes[0].model = "openai/gpt-5".into();
    s.projection.months = 24;
    s.projection.annual_decline_pct = 20.0;
    s.selfhost.concurrency = 32.0;
    s.selfhost.target_utilization_pct = 60.0;
    s.selfhost.electricity_usd_per_kwh = 0.2;
    // The commitment discounts are medians of data/gpu_rental.csv: a data refresh moves them.
    s.commitment.one_year.discount_pct = 25.0;
    s.commitment.three_year.discount_pct = 45.0;
    s.commitment.mean_gpus = 20.0;
}

#[test]
fn a_default_changed_in_the_code_changes_no_link() {
    let entries = entries();
    let before = Scenario::default();
    set_default_tweak(Some(changed_defaults));
    let after = Scenario::default();
    // The change is real: today's defaults differ in every part.
    assert_ne!(before.workloads, after.workloads);
    assert_ne!(before.projection, after.projection);
    assert_ne!(before.selfhost, after.selfhost);
    assert_ne!(before.commitment, after.commitment);
    check_all(&entries, "after the defaults changed");
    // A link made with the changed defaults opens the same once they are changed back.
    let made: Vec<(Scenario, String)> = entries
        .iter()
        .map(|e| {
            let s = stored_scenario(e);
            let link = encode(&s);
            (s, link)
        })
        .collect();
    set_default_tweak(None);
    for (s, link) in made {
        assert_eq!(decode(&link).map(|d| d.scenario).ok(), Some(s), "{link}");
    }
}

/// The same keys at every level of two JSON objects.
fn same_keys(a: &Value, b: &Value, at: &str) {
    if let (Value::Object(a), Value::Object(b)) = (a, b) {
        let ka: Vec<_> = a.keys().collect();
        let kb: Vec<_> = b.keys().collect();
        assert_eq!(ka, kb, "keys at {at}");
        for (k, v) in a {
            same_keys(v, &b[k], &format!("{at}.{k}"));
        }
    }
}

#[test]
fn the_written_version_has_whole_frozen_defaults() {
    // Every field of today's Scenario is in the frozen file of the version links are written
    // in, so nothing a new link leaves out is read from the code (a field added later is
    // added there with its default, which reads as the code did before it existed).
    let frozen = frozen_defaults(VERSION).unwrap_or_else(|| panic!("no frozen {VERSION} defaults"));
    let mut today: Value = serde_json::from_str(&to_json(&Scenario::default())).unwrap_or_default();
    if let Value::Object(m) = &mut today {
        m.remove("inference_cost_scenario");
    }
    same_keys(&frozen, &today, "scenario");
    assert!(frozen_defaults("v0").is_none());
}
