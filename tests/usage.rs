//! Each provider's usage object, read by its own convention and priced (issue 16): the core
//! reader on the fixtures of `tests/fixtures/usage/` and on the mistakes it must name, and the
//! command line's `price` on the README's four examples. Every figure by hand.
#![allow(clippy::float_cmp)]

mod common;

use inference_cost::core::pricing::ServiceTier;
use inference_cost::core::usage::{read_usage, UsageError, UsageFormat};
use serde_json::Value;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_inference-cost-cli");
const LITELLM: &str = "tests/fixtures/litellm/model_prices_and_context_window.json";

fn fixture(name: &str) -> String {
    common::repo_file(&format!("tests/fixtures/usage/{name}.json"))
}

#[test]
fn openai_counts_cached_tokens_inside_the_prompt_and_reasoning_inside_the_completion() {
    let u = read_usage(UsageFormat::OpenAiChat, &fixture("openai_chat"))
        .unwrap_or_else(|e| panic!("{e}"));
    // 2,006 prompt tokens of which 1,920 cached; 300 completion tokens of which 200 reasoning.
    assert_eq!(u.input_tokens, 2_006.0);
    assert_eq!(u.cached_tokens, 1_920.0);
    assert_eq!(u.output_tokens, 100.0);
    assert_eq!(u.reasoning_tokens, 200.0);
    assert_eq!(u.tier, Some(ServiceTier::Standard));
    let s = u.shape();
    assert_eq!(s.input_tokens * s.cached_share, 1_920.0);

    let r = read_usage(UsageFormat::OpenAiResponses, &fixture("openai_responses"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((r.input_tokens, r.cached_tokens), (12_033.0, 11_904.0));
    assert_eq!((r.output_tokens, r.reasoning_tokens), (44.0, 0.0));
    assert_eq!(r.tier, Some(ServiceTier::Flex));
    // "fast" is billed as priority.
    let fast = read_usage(
        UsageFormat::OpenAiResponses,
        r#"{"service_tier": "fast", "usage": {"input_tokens": 10, "output_tokens": 5}}"#,
    );
    assert_eq!(fast.map(|u| u.tier), Ok(Some(ServiceTier::Priority)));
}

#[test]
fn anthropic_counts_cache_tokens_beside_the_input_and_splits_writes_by_lifetime() {
    let u = read_usage(
        UsageFormat::AnthropicMessages,
        &fixture("anthropic_messages"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // 50 + 100,000 read + 1,500 (5 min) + 500 (1 h) written = 102,050 prompt tokens.
    assert_eq!(u.input_tokens, 102_050.0);
    assert_eq!(u.cached_tokens, 100_000.0);
    assert_eq!(
        (u.cache_write_tokens, u.cache_write_1h_tokens),
        (1_500.0, 500.0)
    );
    assert_eq!(u.output_tokens, 400.0);
    assert!(u.residency && !u.batched && !u.fast);
    // Without the split, cache_creation_input_tokens are 5-minute writes.
    let plain = read_usage(
        UsageFormat::AnthropicMessages,
        r#"{"input_tokens": 10, "cache_creation_input_tokens": 300, "output_tokens": 1,
            "service_tier": "batch", "speed": "fast"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (plain.input_tokens, plain.cache_write_tokens),
        (310.0, 300.0)
    );
    assert!(plain.batched && plain.fast);
}

#[test]
fn gemini_counts_cached_tokens_inside_the_prompt_and_thoughts_beside_the_candidates() {
    let u = read_usage(UsageFormat::GeminiGenerate, &fixture("gemini_generate"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((u.input_tokens, u.cached_tokens), (10_000.0, 8_000.0));
    assert_eq!((u.output_tokens, u.reasoning_tokens), (500.0, 1_500.0));
    // Vertex AI's trafficType names the tier; tool-use prompt tokens are input.
    let v = read_usage(
        UsageFormat::GeminiGenerate,
        r#"{"promptTokenCount": 100, "toolUsePromptTokenCount": 20, "candidatesTokenCount": 5,
            "trafficType": "ON_DEMAND_PRIORITY"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.input_tokens, 120.0);
    assert_eq!(v.tier, Some(ServiceTier::Priority));
}

#[test]
fn mistakes_are_named() {
    let chat = UsageFormat::OpenAiChat;
    assert!(matches!(
        read_usage(chat, "{ not json"),
        Err(UsageError::NotJson(_))
    ));
    assert_eq!(
        read_usage(chat, r#"{"usage": 3}"#),
        Err(UsageError::NoUsage("usage"))
    );
    assert_eq!(
        read_usage(chat, r#"{"prompt_tokens": -1}"#),
        Err(UsageError::BadCount("prompt_tokens".into()))
    );
    assert_eq!(
        read_usage(chat, r#"{"prompt_tokens": "12"}"#),
        Err(UsageError::BadCount("prompt_tokens".into()))
    );
    assert_eq!(
        read_usage(chat, r#"{"prompt_tokens": 1.5}"#),
        Err(UsageError::BadCount("prompt_tokens".into()))
    );
    // Cached tokens are part of the prompt: more cached than prompt is the double count.
    let e = read_usage(
        chat,
        r#"{"prompt_tokens": 100, "prompt_tokens_details": {"cached_tokens": 150}}"#,
    );
    assert_eq!(
        e,
        Err(UsageError::PartAboveTotal {
            part: "prompt_tokens_details.cached_tokens",
            total: "prompt_tokens"
        })
    );
    let text = e.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(text.contains("larger than \"prompt_tokens\""), "{text}");
    assert!(read_usage(
        UsageFormat::OpenAiResponses,
        r#"{"output_tokens": 10, "output_tokens_details": {"reasoning_tokens": 11}}"#
    )
    .is_err());
}

fn price(args: &[&str]) -> Value {
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("price")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn total(v: &Value) -> f64 {
    v["total_usd"].as_f64().unwrap_or(f64::NAN)
}

#[test]
fn the_command_line_prices_the_four_readme_examples() {
    // OpenAI Chat on GPT-5 (built-in: $1.25 / $0.125 cached / $10): 86 × 1.25 + 1,920 × 0.125
    // + (100 + 200 reasoning) × 10 = 107.5 + 240 + 3,000 µ$ = $0.0033475.
    let v = price(&[
        "--model",
        "openai/gpt-5",
        "--format",
        "openai_chat",
        "--usage",
        "tests/fixtures/usage/openai_chat.json",
    ]);
    assert_eq!(total(&v), 0.003_347_5);
    assert_eq!(v["by_kind"]["reasoning"], 0.002);

    // OpenAI Responses on GPT-5 at flex, LiteLLM's map ($0.625 / $0.0625 / $5): 129 × 0.625
    // + 11,904 × 0.0625 + 44 × 5 = 80.625 + 744 + 220 µ$ = $0.001044625.
    let v = price(&[
        "--model",
        "gpt-5",
        "--prices",
        LITELLM,
        "--format",
        "openai_responses",
        "--usage",
        "tests/fixtures/usage/openai_responses.json",
    ]);
    assert_eq!(total(&v), 0.001_044_625);
    assert_eq!(v["terms"]["service_tier"], "flex");

    // Anthropic on Claude Sonnet 4.6, LiteLLM's map, US-only (1.1×): 50 × 3 + 100,000 × 0.30
    // + 1,500 × 3.75 + 500 × 6 + 400 × 15 = 150 + 30,000 + 5,625 + 3,000 + 6,000 = 44,775 µ$,
    // × 1.1 = $0.0492525.
    let v = price(&[
        "--model",
        "claude-sonnet-4-6",
        "--prices",
        LITELLM,
        "--format",
        "anthropic_messages",
        "--usage",
        "tests/fixtures/usage/anthropic_messages.json",
    ]);
    assert_eq!(total(&v), 0.049_252_5);
    // The built-in catalog carries the same 1.1× for Sonnet 4.6 (data/llm_prices.csv,
    // residency_multiplier): the same bill.
    let v = price(&[
        "--model",
        "anthropic/claude-sonnet-4-6",
        "--format",
        "anthropic_messages",
        "--usage",
        "tests/fixtures/usage/anthropic_messages.json",
    ]);
    assert!((total(&v) - 0.049_252_5).abs() < 1e-15, "{}", total(&v));
    // Haiku 4.5 has no regional pricing: list prices, with a note. 50 × 1 + 100,000 × 0.10
    // + 1,500 × 1.25 + 500 × 2 + 400 × 5 = 50 + 10,000 + 1,875 + 1,000 + 2,000 = $0.014925.
    let v = price(&[
        "--model",
        "anthropic/claude-haiku-4-5",
        "--format",
        "anthropic_messages",
        "--usage",
        "tests/fixtures/usage/anthropic_messages.json",
    ]);
    assert!((total(&v) - 0.014_925).abs() < 1e-15, "{}", total(&v));
    assert!(v["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("no regional pricing")));

    // Gemini 2.5 Pro (built-in $1.25 / $0.125 / $10): 2,000 × 1.25 + 8,000 × 0.125
    // + (500 + 1,500 thoughts) × 10 = 2,500 + 1,000 + 20,000 µ$ = $0.0235; batched (the flag),
    // half of the plain input and output, cache reads at the cache price (Google's rule):
    // 1,250 + 1,000 + 10,000 = $0.01225.
    let args = [
        "--model",
        "google/gemini-2.5-pro",
        "--format",
        "gemini_generate",
        "--usage",
        "tests/fixtures/usage/gemini_generate.json",
    ];
    assert_eq!(total(&price(&args)), 0.0235);
    let mut batched = args.to_vec();
    batched.push("--batch");
    let v = price(&batched);
    assert_eq!(total(&v), 0.012_25);
}

#[test]
fn the_command_line_names_its_mistakes() {
    let run = |args: &[&str]| {
        Command::new(BIN)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("price")
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
    };
    let no_format = run(&["--model", "openai/gpt-5", "--usage", "{}"]);
    assert_eq!(no_format.status.code(), Some(2));
    let bad_tier = run(&[
        "--model",
        "openai/gpt-5",
        "--format",
        "openai_chat",
        "--usage",
        "{}",
        "--service-tier",
        "gold",
    ]);
    assert_eq!(bad_tier.status.code(), Some(2));
    let unknown = run(&[
        "--model",
        "no/such",
        "--format",
        "openai_chat",
        "--usage",
        "{}",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not in the built-in catalog"));
    let bad_usage = run(&[
        "--model",
        "openai/gpt-5",
        "--format",
        "openai_chat",
        "--usage",
        r#"{"prompt_tokens": -3}"#,
    ]);
    assert_eq!(bad_usage.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_usage.stderr).contains("\"prompt_tokens\""));
}

#[test]
fn a_usage_fills_a_workloads_token_mix() {
    use inference_cost::core::usage::fill_workload;
    use inference_cost::scenario::Workload;
    // Anthropic's fixture: 50 + 100,000 read + 1,500 (5 min) + 500 (1 h) written = 102,050
    // prompt tokens, 400 output.
    let u = read_usage(
        UsageFormat::AnthropicMessages,
        &fixture("anthropic_messages"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut w = Workload::new(1, "w", "anthropic/claude-sonnet-4-6");
    w.batch_pct = 30.0;
    fill_workload(&u, &mut w);
    assert_eq!(w.input_tokens, 102_050.0);
    assert!((w.cached_pct - 100_000.0 / 102_050.0 * 100.0).abs() < 1e-12);
    assert_eq!(w.cache_write_tokens, 2_000.0);
    // 500 of the 2,000 written for 1 hour: 25 %.
    assert_eq!(w.write_pcts(), (25.0, 0.0));
    assert_eq!((w.output_tokens, w.reasoning_tokens), (400.0, 0.0));
    // Traffic and shares stay.
    assert_eq!((w.requests_per_month, w.batch_pct), (1_000_000.0, 30.0));
    // Priced as a workload of one request, the bill is the usage's own: Sonnet 4.6 at
    // standard prices (no US-only term in a workload) is $0.044775 (see above).
    w.requests_per_month = 1.0;
    w.batch_pct = 0.0;
    let s = inference_cost::scenario::Scenario {
        workloads: vec![w],
        ..Default::default()
    };
    let r = inference_cost::core::evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!((r.spend.monthly_total.value() - 0.044_775).abs() < 1e-12);
}
