//! Our per-request pricing against LiteLLM's own cost function: every case of
//! `tests/fixtures/litellm/oracle_cases.json` (a provider's usage object as it comes back, our
//! flags) is priced by the command line on LiteLLM's price map and compared with what LiteLLM
//! 1.109.1 computed on the same usage and the same map (`oracle.json`, written by
//! `scripts/litellm-oracle.py`; `tests/fixtures/litellm/README.md`).
//!
//! `agree`: the two totals are equal to a relative 1e-9. `litellm_differs`: LiteLLM is wrong by
//! the provider's rule (the case's `reason`); the two must differ, so this test notices when
//! LiteLLM is fixed, and ours must equal the case's hand-computed `hand_usd`. `ours_wrong`: ours
//! is wrong by the provider's rule; the two must differ, so this test notices when ours is
//! fixed, and LiteLLM's figure must equal `hand_usd`. A case whose expectation no longer holds
//! fails with its figures.

use serde_json::Value;
use std::process::Command;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_inference-cost-cli");
const PRICES: &str = "tests/fixtures/litellm/model_prices_and_context_window.json";
const TOLERANCE: f64 = 1e-9;

fn json(relative: &str) -> Value {
    serde_json::from_str(&common::repo_file(relative))
        .unwrap_or_else(|e| panic!("{relative} is not JSON: {e}"))
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_default()
}

/// Relative difference, 0 for two zeros.
fn relative(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

/// Our CLI's `total_usd` for one case, or why there is none.
fn ours(case: &Value) -> Result<f64, String> {
    let flags: Vec<&str> = case["flags"]
        .as_array()
        .map(|f| f.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["price", "--model", text(case, "model"), "--format"])
        .arg(text(case, "format"))
        .args(["--prices", PRICES, "--usage"])
        .arg(case["usage"].to_string())
        .args(flags)
        .output()
        .map_err(|e| format!("cannot run {BIN}: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let v: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("not JSON: {e}"))?;
    v["total_usd"]
        .as_f64()
        .ok_or_else(|| format!("no total_usd in {v}"))
}

#[test]
fn our_prices_match_litellm_on_every_oracle_case() {
    let cases = json("tests/fixtures/litellm/oracle_cases.json");
    let oracle = json("tests/fixtures/litellm/oracle.json");
    let cases = cases["cases"].as_array().cloned().unwrap_or_default();
    let usd = &oracle["usd"];
    assert!(cases.len() >= 40, "only {} oracle cases", cases.len());
    assert_eq!(
        usd.as_object().map(serde_json::Map::len),
        Some(cases.len()),
        "oracle.json prices other cases than oracle_cases.json: run scripts/litellm-oracle.py"
    );
    assert_eq!(text(&oracle, "litellm_version"), "1.109.1");

    let (mut agree, mut theirs_off, mut ours_off, mut failures) =
        (0, Vec::new(), Vec::new(), Vec::new());
    for case in &cases {
        let id = text(case, "id");
        let Some(litellm) = usd[id].as_f64() else {
            failures.push(format!("{id}: no LiteLLM figure in oracle.json"));
            continue;
        };
        let ours = match ours(case) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        let hand = case["hand_usd"].as_f64();
        let apart = relative(ours, litellm);
        let expect = text(case, "expect");
        let held = match expect {
            "agree" => apart <= TOLERANCE,
            "litellm_differs" => {
                apart > TOLERANCE && hand.is_some_and(|h| relative(ours, h) <= TOLERANCE)
            }
            "ours_wrong" => {
                apart > TOLERANCE && hand.is_some_and(|h| relative(litellm, h) <= TOLERANCE)
            }
            other => {
                failures.push(format!("{id}: unknown expect {other:?}"));
                continue;
            }
        };
        if !held {
            failures.push(format!(
                "{id} (expect {expect}): ours ${ours}, LiteLLM ${litellm}, hand {hand:?}, \
                 relative difference {apart:.3e}"
            ));
            continue;
        }
        match expect {
            "agree" => agree += 1,
            "litellm_differs" => theirs_off.push(id),
            _ => ours_off.push(id),
        }
    }
    println!(
        "{agree} agree to 1e-9, {} where LiteLLM differs: {}; {} where ours is wrong: {}",
        theirs_off.len(),
        theirs_off.join(", "),
        ours_off.len(),
        ours_off.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} oracle cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
