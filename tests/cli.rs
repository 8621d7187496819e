//! The command line, run as a user runs it (the built binary, arguments, files, pipes): its
//! JSON for every golden link equals the numbers stored with the link, which the end-to-end
//! test `golden links open in the page…` reads off the page, or, where a newer built-in
//! edition moved them, its notice names the sender's figure and today's.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_inference-cost-cli");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/links.json");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{BIN} did not finish: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

#[test]
fn golden_links_give_the_stored_numbers() {
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap_or_default())
        .unwrap_or(Value::Null);
    let entries = golden.as_array().cloned().unwrap_or_default();
    assert!(entries.len() >= 7, "golden links missing");
    for e in entries {
        let link = e["link"].as_str().unwrap_or_default();
        // As the whole address a user copies from the page.
        let url = format!("https://intranet.example/tools/ai-cost/#{link}&tab=commitment");
        let out = run(&["evaluate", &url], "");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            e["name"],
            text(&out.stderr)
        );
        let mut got = json(&out);
        let notices = got
            .as_object_mut()
            .and_then(|m| m.remove("notices"))
            .unwrap_or(Value::Null);
        if got == e["report"] {
            // The notices' numbers, not their wording; each printed on standard error.
            assert_eq!(
                common::notice_numbers(&notices),
                common::notice_numbers(&e["notices"]),
                "{}",
                e["name"]
            );
        } else {
            // The golden numbers are the frozen catalog's (tests/golden.rs); only a newer
            // built-in edition may move them, and then the command line names the change: the
            // sender's monthly bill against today's, both to the cent.
            let (stored, today) = (
                &e["report"]["spend"]["monthly_usd"],
                &got["spend"]["monthly_usd"],
            );
            let (stored, today) = (
                stored.as_f64().unwrap_or(f64::NAN),
                today.as_f64().unwrap_or(f64::NAN),
            );
            assert!(
                inference_cost::core::catalog::EDITION > "2026-11-23",
                "{}: the report moved under the frozen catalog's own edition",
                e["name"]
            );
            let cents = |v: f64| format!("{v:.2}");
            let all = common::notice_numbers(&notices).concat();
            let has = |v: f64| all.iter().any(|n| n.replace(',', "") == cents(v));
            assert!(
                (stored - today).abs() >= 0.005 && has(stored) && has(today),
                "{}: the notices {notices} name neither the sender's {stored} nor today's {today}",
                e["name"]
            );
        }
        for n in notices.as_array().into_iter().flatten() {
            let expected = format!("notice: {}", n.as_str().unwrap_or_default());
            assert!(text(&out.stderr).contains(&expected), "{expected}");
        }
    }
}

#[test]
fn defaults_edited_and_fed_back() {
    let defaults = run(&["defaults"], "");
    assert_eq!(defaults.status.code(), Some(0));
    let mut scenario = json(&defaults);
    scenario["workloads"][0]["requests_per_month"] = Value::from(2_500_000);
    let edited = scenario.to_string();
    // From standard input: 2,500,000 × $0.006 = $15,000.00 a month.
    let out = run(&[], &edited);
    assert_eq!(json(&out)["spend"]["monthly_usd"], 15_000.0);
    // From a file, as Markdown with the page's address.
    let path = std::env::temp_dir().join(format!("ic-cli-{}.json", std::process::id()));
    std::fs::write(&path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let file = path.to_string_lossy().into_owned();
    let md = run(
        &[
            "evaluate",
            &file,
            "--markdown",
            "--base",
            "https://intranet.example/cost/",
        ],
        "",
    );
    let md_text = text(&md.stdout);
    assert!(
        md_text.contains("| Monthly bill | $15,000.00 |"),
        "{md_text}"
    );
    assert!(
        md_text.contains("](https://intranet.example/cost/#v2."),
        "{md_text}"
    );
    // link, then evaluate the link: the same numbers.
    let link = run(&["link", &file], "");
    let link_text = text(&link.stdout);
    assert!(link_text.starts_with("#v2."), "{link_text}");
    let again = run(&[link_text.trim()], "");
    assert_eq!(json(&again)["spend"]["monthly_usd"], 15_000.0);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn errors_name_the_problem_and_exit_non_zero() {
    let bad_link = run(&["v1.AAAA"], "");
    assert_eq!(bad_link.status.code(), Some(1));
    assert_eq!(
        text(&bad_link.stderr),
        "error: the link cannot be opened: it is damaged (cut short or edited?).\n"
    );
    assert!(bad_link.stdout.is_empty());
    let missing = run(&["no-such-file.json"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr)
        .starts_with("error: no-such-file.json is neither a share link nor a readable file"));
    let not_json = run(&["-"], "{\"workloads\": [");
    assert_eq!(not_json.status.code(), Some(1));
    assert!(
        text(&not_json.stderr).contains("not JSON"),
        "{}",
        text(&not_json.stderr)
    );
    // A value out of range is clamped, named on standard error, and listed in the JSON.
    let clamped = run(
        &[],
        r#"{"workloads":[{"name":"Search","output_tokens":-5}]}"#,
    );
    assert_eq!(clamped.status.code(), Some(0));
    assert_eq!(
        text(&clamped.stderr),
        "notice: Search › Output tokens per request: -5 was out of range; 0 is used.\n"
    );
    assert_eq!(
        json(&clamped)["notices"][0],
        "Search › Output tokens per request: -5 was out of range; 0 is used."
    );
    // An input the calculator refuses as a whole (routes not adding up to 100 %).
    let routes = run(
        &[],
        r#"{"workloads":[{"name":"Split","routes":[{"model":"openai/gpt-5","share_pct":50}]}]}"#,
    );
    assert_eq!(routes.status.code(), Some(1), "{}", text(&routes.stdout));
    assert!(
        text(&routes.stderr).starts_with("error: "),
        "{}",
        text(&routes.stderr)
    );
    let usage = run(&["evaluate", "a", "b"], "");
    assert_eq!(usage.status.code(), Some(2));
    assert!(text(&usage.stderr).contains("USAGE"));
}

#[test]
fn a_link_made_with_an_older_catalog_prints_the_price_notice_on_standard_error() {
    use inference_cost::scenario::link::{encode_with, Sent};
    use inference_cost::scenario::Scenario;
    // The sender saw $5,000.00 a month with a catalog of 2026-01-01; today's prices give the
    // defaults' $6,000.00 (1,000,000 × (1,000 × $3 + 200 × $15) / 1,000,000).
    let sent = Sent {
        catalog: "2026-01-01".into(),
        api_monthly_usd: Some(5_000.0),
        ..Sent::default()
    };
    let link = format!("#{}", encode_with(&Scenario::default(), Some(&sent)));
    let out = run(&[&link], "");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "notice: Prices changed since this link was made (catalog of 2026-01-01): the sender saw $5,000.00 a month; today's prices give $6,000.00.\n"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert_eq!(v["spend"]["monthly_usd"], 6_000.0, "today's numbers");
    // A link the command line writes records today's edition: no notice when it is opened.
    let again = run(&["link", &link], "");
    let fresh = String::from_utf8_lossy(&again.stdout).trim().to_owned();
    let reopened = run(&[&fresh], "");
    assert!(
        reopened.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&reopened.stderr)
    );
}

/// `usage` on the hand-built exports of `tests/fixtures/usage_report/`: the figures of
/// `tests/usage_report.rs`, computed by hand there, through the binary. They hold while the
/// built-in catalog prices these four models as the fixed test catalog does, which the first
/// lines check (a refresh that moves them fails here, naming the model).
#[test]
fn usage_exports_priced_from_the_command_line() {
    let catalog = inference_cost::core::catalog::Catalog::builtin();
    let fixed = common::test_catalog();
    for id in [
        "openai/gpt-5",
        "openai/gpt-5-mini",
        "anthropic/claude-sonnet-4-5",
        "anthropic/claude-haiku-4-5",
    ] {
        let (a, b) = (
            catalog.model(id).map(|m| &m.price.input),
            fixed.model(id).map(|m| &m.price.input),
        );
        assert_eq!(
            a, b,
            "{id}: the built-in price moved; update the hand figures"
        );
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/usage_report/");
    let path = |f: &str| format!("{dir}{f}");
    for (file, format, total, monthly, days) in [
        ("openai_usage.json", "openai_usage", 58.63, 254.91, 7.0),
        (
            "anthropic_usage.json",
            "anthropic_usage",
            201.25,
            1225.11,
            5.0,
        ),
        ("usage.csv", "csv", 35.55, 360.68, 3.0),
    ] {
        let out = run(&["usage", &path(file)], "");
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        let j = json(&out);
        assert_eq!(j["format"], format, "{file}: recognized");
        assert_eq!(j["total_usd"].as_f64(), Some(total), "{file}");
        assert_eq!(j["monthly_estimate_usd"].as_f64(), Some(monthly), "{file}");
        assert_eq!(j["period"]["days"].as_f64(), Some(days), "{file}");
        // The scenario the page would build bills the same month.
        let scenario = run(&["usage", &path(file), "--scenario"], "");
        assert_eq!(
            scenario.status.code(),
            Some(0),
            "{}",
            text(&scenario.stderr)
        );
        let evaluated = run(&["evaluate", "-"], &text(&scenario.stdout));
        assert_eq!(
            json(&evaluated)["spend"]["monthly_usd"].as_f64(),
            Some(monthly),
            "{file}: its workloads"
        );
    }
    // Uncached input only, as the issue asks: 7 × 1,100,000 for gpt-5's plain group.
    let j = json(&run(
        &[
            "usage",
            &path("openai_usage.json"),
            "--format",
            "openai_usage",
        ],
        "",
    ));
    let plain = j["groups"]
        .as_array()
        .and_then(|g| {
            g.iter()
                .find(|g| g["group"]["batch"] == "false" && g["model"] == "gpt-5-2025-08-07")
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(plain["input_tokens"], 7_700_000);
    assert_eq!(plain["cached_input_tokens"], 5_600_000);
    assert_eq!(plain["requests"], 7_000);
    // Anthropic counts no requests: null.
    let j = json(&run(&["usage", &path("anthropic_usage.json")], ""));
    assert!(j["groups"][0]["requests"].is_null());
    // Chargeback and reconciliation.
    let j = json(&run(
        &[
            "usage",
            &path("openai_usage.json"),
            "--chargeback",
            "project",
            "--costs",
            &path("openai_costs.json"),
        ],
        "",
    ));
    assert_eq!(j["chargeback"][0]["project"], "proj_search");
    assert_eq!(j["chargeback"][1]["cost_usd"].as_f64(), Some(15.05));
    let mini = j["reconciliation"]["models"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["model"] == "gpt-5-mini-2025-08-07"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(mini["billed_usd"].as_f64(), Some(15.4));
    assert_eq!(mini["difference_usd"].as_f64(), Some(-0.35));
    // A bad row stops it, named; --skip-bad prices the rest and says so.
    let bad = std::fs::read_to_string(path("usage.csv"))
        .unwrap_or_default()
        .replacen("10000", "ten thousand", 1);
    let out = run(&["usage", "-", "--format", "csv"], &bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 2: requests is \"ten thousand\", not a number"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let out = run(&["usage", "-", "--format", "csv", "--skip-bad"], &bad);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["problems"], 1);
    let out = run(&["usage", "-", "--format", "xml"], "");
    assert_eq!(out.status.code(), Some(2));
}
