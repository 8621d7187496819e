//! The command line over the same core as the page: evaluate a share link or a scenario JSON
//! without a browser, print the defaults, turn a scenario into a link, compare two scenarios.
//! [`run`] is the whole program (arguments and standard input in, text and an exit code out),
//! so the tests call it directly as well as through the binary (`src/bin/cli.rs`).
//!
//! Output: JSON of [`crate::core::export::summary_json`] plus `notices` (values the link or
//! file had out of range, each naming its field), or the page's Markdown summary. Errors go to
//! standard error (a bad field named as the page names it; a bad link with the banner's reason)
//! and a non-zero exit code: 1 for a scenario that cannot be read or evaluated, 2 for a usage
//! mistake.

use crate::core::catalog::Catalog;
use crate::core::export::{markdown, summary_json};
use crate::core::prices::{self, Figures};
use crate::core::{evaluate, Report};
use crate::scenario::link::{self, Decoded, LinkError};
use crate::scenario::Scenario;
use serde_json::{json, Map, Value};
use std::io::Read;

/// What the program prints and returns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit code.
    pub code: i32,
}

/// The help text.
pub const USAGE: &str = "\
inference-cost-cli: the inference cost calculator's core, without a browser.

USAGE
  inference-cost-cli [evaluate] [INPUT] [--markdown] [--base URL]
  inference-cost-cli defaults
  inference-cost-cli link [INPUT] [--base URL]
  inference-cost-cli diff INPUT INPUT
  inference-cost-cli price --model KEY --usage JSON_OR_FILE --format FORMAT
                     [--prices LITELLM.json] [--batch] [--service-tier flex|priority]
                     [--geo us] [--speed fast]
  inference-cost-cli usage FILE [--format openai_usage|anthropic_usage|csv] [--scenario]
                     [--by DIMENSION] [--chargeback DIMENSION] [--costs FILE]
                     [--prices LITELLM.json] [--prompt-size TOKENS] [--skip-bad]

INPUT is a share link (the page's whole address, or its fragment: v1.…), a file holding a
scenario JSON or a link, a scenario JSON itself, or - (or nothing) for standard input.

  evaluate   the Report's key numbers as JSON (the default command), or with --markdown the
             Markdown summary the page exports
  defaults   the default scenario as JSON: edit it and feed it back
  link       the scenario's share link; with --base URL (the page's address) a whole address
  diff       the key numbers that differ between two scenarios, as JSON
             {\"path\": [first, second]}
  price      the cost of one response's usage object (or the whole response), read in its
             provider's format (openai_chat, openai_responses, anthropic_messages,
             gemini_generate), as JSON {\"total_usd\", \"by_kind\", \"tokens\", \"notes\"}; the
             model from the built-in catalog (anthropic/claude-sonnet-4-6) or, with --prices,
             from a LiteLLM price table (its key); the flags override what the usage reports
  usage      a provider's usage export read in full (OpenAI's Usage API for completions,
             Anthropic's usage report, or a CSV; the format is recognized unless given), priced
             with the built-in catalog (and --prices), as JSON {\"period\", \"groups\",
             \"total_usd\", \"monthly_estimate_usd\"}; --scenario prints instead the scenario
             the page builds from it (one workload per model, --by value and terms);
             --chargeback adds the cost per value of a dimension (project, api_key,
             workspace…); --costs reconciles with the provider's cost report; --prompt-size
             sets the tokens per request for exports that count no requests (4000); a row
             that cannot be read stops it (exit 1, every row named) unless --skip-bad

Exit codes: 0 done (notices about clamped values go to standard error), 1 the scenario cannot
be read or evaluated, 2 a usage mistake.
";

fn fail(code: i32, message: impl Into<String>) -> Output {
    let mut stderr = message.into();
    stderr.push('\n');
    Output {
        stdout: String::new(),
        stderr,
        code,
    }
}

/// Where a scenario came from, and the page's address if the input was one.
struct Opened {
    decoded: Decoded,
    base: Option<String>,
}

/// The text an argument gives: standard input for `-` (or none), the file of that name if there
/// is one (`v1.json` is a file name, not a link), else the argument itself when `inline`
/// accepts it; `what` names the inline kind in the error.
fn input_text(
    input: Option<&str>,
    stdin: &mut dyn Read,
    inline: impl Fn(&str) -> bool,
    what: &str,
) -> Result<String, Output> {
    match input {
        None | Some("-") => {
            let mut buf = String::new();
            stdin
                .read_to_string(&mut buf)
                .map_err(|e| fail(1, format!("error: cannot read standard input: {e}")))?;
            Ok(buf)
        }
        Some(arg) if !std::path::Path::new(arg).is_file() && inline(arg) => Ok(arg.to_owned()),
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            fail(
                1,
                format!("error: {path} is neither {what} nor a readable file ({e})"),
            )
        }),
    }
}

/// Reads INPUT (a link, a file, or `-` for standard input).
fn open(input: Option<&str>, stdin: &mut dyn Read) -> Result<Opened, Output> {
    let text = input_text(
        input,
        stdin,
        |arg| looks_like_link(arg) || arg.trim_start().starts_with('{'),
        "a share link",
    )?;
    let text = text.trim();
    let base = text
        .split_once('#')
        .map(|(b, _)| b.to_owned())
        .filter(|b| b.contains("://"));
    let decoded = if text.starts_with('{') {
        link::from_json(text)
            .map_err(|e: LinkError| fail(1, format!("error: not a scenario: {}.", e.reason())))?
    } else {
        link::decode(text).map_err(|e: LinkError| {
            fail(
                1,
                format!("error: the link cannot be opened: {}.", e.reason()),
            )
        })?
    };
    Ok(Opened { decoded, base })
}

fn looks_like_link(arg: &str) -> bool {
    arg.contains('#')
        || arg.split_once('.').is_some_and(|(v, _)| {
            v.len() >= 2 && v.starts_with('v') && v[1..].chars().all(|c| c.is_ascii_digit())
        })
}

fn evaluated(o: &Opened) -> Result<Report, Output> {
    evaluate(&o.decoded.scenario).map_err(|e| fail(1, format!("error: {e}")))
}

fn notices_text(notices: &[String]) -> String {
    notices.iter().fold(String::new(), |mut out, n| {
        out.push_str("notice: ");
        out.push_str(n);
        out.push('\n');
        out
    })
}

/// The page's address for a scenario: `base#link`, or `#link` without a base. The link
/// records the catalog edition and the headline figures, as the page's do.
fn address(base: Option<&str>, s: &Scenario) -> String {
    let catalog = Catalog::builtin();
    let figures = evaluate(s).map(|r| Figures::of(&r)).unwrap_or_default();
    let sent = figures.sent(&catalog);
    format!(
        "{}#{}",
        base.unwrap_or(""),
        link::encode_with(s, Some(&sent))
    )
}

/// The notices of an opened link: values clamped, and what changed in the prices since its
/// sender made it ([`prices::notice`]).
fn notice_list(o: &Opened, r: Option<&Report>) -> Vec<String> {
    let mut list = o.decoded.notices.clone();
    if let (Some(sent), Some(r)) = (&o.decoded.sent, r) {
        list.extend(prices::notice(
            sent,
            &Catalog::builtin(),
            &o.decoded.scenario,
            Figures::of(r),
        ));
    }
    list
}

/// [`notice_list`], one `notice: …` line each.
fn all_notices(o: &Opened, r: Option<&Report>) -> String {
    notices_text(&notice_list(o, r))
}

/// The evaluate command's JSON: the key numbers and the notices.
pub fn report_json(r: &Report, notices: &[String]) -> Value {
    let mut v = summary_json(r);
    if let Value::Object(m) = &mut v {
        m.insert("notices".into(), json!(notices));
    }
    v
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// Flattens JSON into `path → value` (array items as `.0`, `.1`, …).
fn flatten(prefix: &str, v: &Value, out: &mut Map<String, Value>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| flatten(&join(k), x, out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| flatten(&join(&i.to_string()), x, out)),
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

/// The program: `args` without the program name.
pub fn run(args: &[String], stdin: &mut dyn Read) -> Output {
    if args.first().map(String::as_str) == Some("price") {
        return price_command(&args[1..], stdin).unwrap_or_else(|e| e);
    }
    if args.first().map(String::as_str) == Some("usage") {
        return usage_command(&args[1..], stdin).unwrap_or_else(|e| e);
    }
    let mut positional: Vec<&str> = Vec::new();
    let mut as_markdown = false;
    let mut base: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" | "help" => {
                return Output {
                    stdout: USAGE.to_owned(),
                    ..Output::default()
                }
            }
            "-V" | "--version" => {
                return Output {
                    stdout: format!(
                        "inference-cost-cli {} (links {})\n",
                        env!("CARGO_PKG_VERSION"),
                        link::VERSION
                    ),
                    ..Output::default()
                }
            }
            "--markdown" | "-m" => as_markdown = true,
            "--json" => as_markdown = false,
            "--base" => match it.next() {
                Some(b) => base = Some(b.trim_end_matches('#').to_owned()),
                None => {
                    return fail(
                        2,
                        format!("error: --base needs the page's address\n\n{USAGE}"),
                    )
                }
            },
            flag if flag.starts_with("--") => {
                return fail(2, format!("error: unknown option {flag}\n\n{USAGE}"))
            }
            other => positional.push(other),
        }
    }
    let (command, rest) = match positional.first().copied() {
        Some(c @ ("evaluate" | "defaults" | "link" | "diff")) => (c, &positional[1..]),
        _ => ("evaluate", &positional[..]),
    };
    let result = match (command, rest) {
        ("defaults", []) => Ok(Output {
            stdout: link::to_json(&Scenario::default()) + "\n",
            ..Output::default()
        }),
        ("evaluate", [] | [_]) => evaluate_command(rest.first().copied(), stdin, as_markdown, base),
        ("link", [] | [_]) => open(rest.first().copied(), stdin).map(|o| Output {
            stdout: address(base.as_deref().or(o.base.as_deref()), &o.decoded.scenario) + "\n",
            stderr: notices_text(&o.decoded.notices),
            code: 0,
        }),
        ("diff", [first, second]) => diff_command(first, second, stdin),
        _ => Err(fail(
            2,
            format!("error: wrong arguments for {command}\n\n{USAGE}"),
        )),
    };
    result.unwrap_or_else(|e| e)
}

fn evaluate_command(
    input: Option<&str>,
    stdin: &mut dyn Read,
    as_markdown: bool,
    base: Option<String>,
) -> Result<Output, Output> {
    let o = open(input, stdin)?;
    let r = evaluated(&o)?;
    let stdout = if as_markdown {
        let url = address(base.as_deref().or(o.base.as_deref()), &o.decoded.scenario);
        markdown(&r, Some(&url))
    } else {
        pretty(&report_json(&r, &notice_list(&o, Some(&r))))
    };
    Ok(Output {
        stdout,
        stderr: all_notices(&o, Some(&r)),
        code: 0,
    })
}

fn diff_command(first: &str, second: &str, stdin: &mut dyn Read) -> Result<Output, Output> {
    if first == "-" && second == "-" {
        return Err(fail(2, "error: only one input can be standard input"));
    }
    let mut flat = Vec::new();
    let mut stderr = String::new();
    for input in [first, second] {
        let opened = open(Some(input), stdin)?;
        let report = evaluated(&opened)?;
        stderr.push_str(&all_notices(&opened, Some(&report)));
        let mut numbers = Map::new();
        flatten("", &summary_json(&report), &mut numbers);
        flat.push(numbers);
    }
    let mut out = Map::new();
    let keys: std::collections::BTreeSet<&String> = flat[0].keys().chain(flat[1].keys()).collect();
    for k in keys {
        let (x, y) = (flat[0].get(k), flat[1].get(k));
        if x != y {
            out.insert(
                k.clone(),
                json!([
                    x.cloned().unwrap_or(Value::Null),
                    y.cloned().unwrap_or(Value::Null)
                ]),
            );
        }
    }
    Ok(Output {
        stdout: pretty(&Value::Object(out)),
        stderr,
        code: 0,
    })
}

/// `price`: one usage object priced on one model.
fn price_command(args: &[String], stdin: &mut dyn Read) -> Result<Output, Output> {
    use crate::core::pricing::ServiceTier;
    use crate::core::usage::{price_usage, read_usage, UsageFormat};
    let usage_err = |m: String| fail(2, format!("error: {m}\n\n{USAGE}"));
    let (mut model, mut usage, mut format, mut prices) = (None, None, None, None);
    let (mut batch, mut tier, mut geo, mut fast) = (false, None, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage_err(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--model" => model = Some(value("--model")?),
            "--usage" => usage = Some(value("--usage")?),
            "--format" => format = Some(value("--format")?),
            "--prices" => prices = Some(value("--prices")?),
            "--batch" => batch = true,
            "--service-tier" => {
                let v = value("--service-tier")?;
                tier = Some(ServiceTier::from_key(&v).ok_or_else(|| {
                    usage_err(format!(
                        "--service-tier is standard, flex or priority, not {v}"
                    ))
                })?);
            }
            "--geo" => {
                let v = value("--geo")?;
                geo = match v.as_str() {
                    "us" => true,
                    "global" => false,
                    _ => return Err(usage_err(format!("--geo is us or global, not {v}"))),
                };
            }
            "--speed" => {
                let v = value("--speed")?;
                fast = match v.as_str() {
                    "fast" => true,
                    "standard" => false,
                    _ => return Err(usage_err(format!("--speed is fast or standard, not {v}"))),
                };
            }
            other => return Err(usage_err(format!("unknown argument {other} for price"))),
        }
    }
    let (Some(model), Some(usage), Some(format)) = (model, usage, format) else {
        return Err(usage_err(
            "price needs --model, --usage and --format".to_owned(),
        ));
    };
    let format = UsageFormat::from_key(&format).ok_or_else(|| {
        usage_err(format!(
            "--format is openai_chat, openai_responses, anthropic_messages or gemini_generate, not {format}"
        ))
    })?;
    let price = match &prices {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| fail(1, format!("error: {file}: {e}")))?;
            let table = crate::core::import::import_litellm(&text)
                .map_err(|e| fail(1, format!("error: {file}: {e}")))?;
            table
                .models
                .into_iter()
                .find(|m| m.key == model)
                .map(|m| m.price)
                .ok_or_else(|| fail(1, format!("error: {model} is not in {file}")))?
        }
        None => Catalog::builtin()
            .model(&model)
            .map(|m| m.price.clone())
            .ok_or_else(|| {
                fail(
                    1,
                    format!("error: {model} is not in the built-in catalog (ids such as anthropic/claude-sonnet-4-6; or pass --prices)"),
                )
            })?,
    };
    let text = input_text(
        Some(&usage),
        stdin,
        |arg| arg.trim_start().starts_with('{'),
        "usage JSON",
    )?;
    let read = read_usage(format, &text).map_err(|e| fail(1, format!("error: {e}")))?;
    let mut terms = read.terms();
    terms.batched |= batch;
    terms.residency |= geo;
    terms.fast |= fast;
    if let Some(t) = tier {
        terms.tier = t;
    }
    let cost = price_usage(&read, &price, &terms);
    let kinds = |k: crate::core::pricing::ByKind<f64>| {
        json!({"input": k.input, "cached_input": k.cached_input, "cache_write": k.cache_write,
               "output": k.output, "reasoning": k.reasoning})
    };
    // Dollars to 1e-10 (a ten-thousandth of a micro-dollar): the arithmetic's last bits hidden.
    let money = |v: f64| (v * 1e10).round() / 1e10;
    let out = json!({
        "model": model,
        "total_usd": money(cost.cost.total().value()),
        "by_kind": kinds(cost.cost.map(|u| money(u.value()))),
        "tokens": kinds(cost.tokens.map(crate::core::units::Tokens::value)),
        "terms": {"batch": terms.batched, "service_tier": terms.tier.key(),
                  "geo": if terms.residency { "us" } else { "global" },
                  "speed": if terms.fast { "fast" } else { "standard" }},
        "notes": cost.notes.iter().map(|n| n.text()).collect::<Vec<_>>(),
    });
    Ok(Output {
        stdout: pretty(&out),
        stderr: String::new(),
        code: 0,
    })
}

/// `usage`: a provider's usage export, read in pieces (a year of buckets is never in memory at
/// once), priced, and printed as JSON or as the scenario the page builds from it.
fn usage_command(args: &[String], stdin: &mut dyn Read) -> Result<Output, Output> {
    use crate::core::usage_report::bill::{
        chargeback, price, read_costs, reconcile, to_workloads, BillSettings, PriceBook,
    };
    use crate::core::usage_report::{format_time, ReportFormat, UsageReader};
    use std::fmt::Write as _;
    let usage_err = |m: String| fail(2, format!("error: {m}\n\n{USAGE}"));
    let (mut file, mut format, mut by, mut charge, mut costs, mut prices) =
        (None, None, None, None, None, None);
    let (mut as_scenario, mut skip_bad) = (false, false);
    let mut settings = BillSettings::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| usage_err(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" => {
                let v = value("--format")?;
                format = Some(ReportFormat::from_key(&v).ok_or_else(|| {
                    usage_err(format!(
                        "--format is openai_usage, anthropic_usage or csv, not {v}"
                    ))
                })?);
            }
            "--scenario" => as_scenario = true,
            "--skip-bad" => skip_bad = true,
            "--by" => by = Some(value("--by")?),
            "--chargeback" => charge = Some(value("--chargeback")?),
            "--costs" => costs = Some(value("--costs")?),
            "--prices" => prices = Some(value("--prices")?),
            "--prompt-size" => {
                let v = value("--prompt-size")?;
                settings.prompt_per_request = crate::scenario::parse_number(&v)
                    .ok()
                    .filter(|n| *n >= 1.0)
                    .ok_or_else(|| {
                        usage_err(format!("--prompt-size is a number of tokens, not {v}"))
                    })?;
            }
            flag if flag.starts_with("--") => {
                return Err(usage_err(format!("unknown option {flag} for usage")))
            }
            other if file.is_none() => file = Some(other.to_owned()),
            other => return Err(usage_err(format!("one file at a time, not also {other}"))),
        }
    }
    let Some(file) = file else {
        return Err(usage_err(
            "usage needs a FILE (or - for standard input)".to_owned(),
        ));
    };
    // Read in pieces: 4 MB at a time, cut at a character boundary.
    let mut source: Box<dyn Read> = if file == "-" {
        let mut all = Vec::new();
        stdin
            .read_to_end(&mut all)
            .map_err(|e| fail(1, format!("error: cannot read standard input: {e}")))?;
        Box::new(std::io::Cursor::new(all))
    } else {
        Box::new(std::fs::File::open(&file).map_err(|e| fail(1, format!("error: {file}: {e}")))?)
    };
    let mut reader: Option<UsageReader> = None;
    let mut buf = vec![0u8; 4 << 20];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = source
            .read(&mut buf)
            .map_err(|e| fail(1, format!("error: {file}: {e}")))?;
        carry.extend_from_slice(&buf[..n]);
        let end = if n == 0 {
            carry.len()
        } else {
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.len(),
                Err(e) if e.error_len().is_none() => e.valid_up_to(),
                Err(e) => {
                    return Err(fail(
                        1,
                        format!(
                            "error: {file}: not UTF-8 text (at byte {})",
                            e.valid_up_to()
                        ),
                    ))
                }
            }
        };
        let text = std::str::from_utf8(&carry[..end])
            .map_err(|e| fail(1, format!("error: {file}: not UTF-8 text ({e})")))?;
        let r = reader.get_or_insert_with(|| {
            UsageReader::new(format.unwrap_or_else(|| ReportFormat::detect(text)), None)
        });
        r.feed(text);
        carry.drain(..end);
        if n == 0 {
            break;
        }
    }
    let Some(reader) = reader else {
        return Err(fail(1, format!("error: {file} is empty")));
    };
    let table = reader.finish();
    let mut stderr = String::new();
    if table.problem_count > 0 {
        for p in &table.problems {
            let _ = writeln!(stderr, "{file}: {p}");
        }
        if table.problem_count > table.problems.len() {
            let _ = writeln!(stderr, "{file}: … {} problems in all", table.problem_count);
        }
        if !skip_bad {
            stderr.push_str("error: nothing was priced; fix the rows named above, or pass --skip-bad to leave them out\n");
            return Err(Output {
                stdout: String::new(),
                stderr,
                code: 1,
            });
        }
    }
    let imported = match &prices {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| fail(1, format!("error: {p}: {e}")))?;
            Some(
                crate::core::import::import_litellm(&text)
                    .map_err(|e| fail(1, format!("error: {p}: {e}")))?,
            )
        }
        None => None,
    };
    let models = crate::core::models::resolve_models(&[], &[]);
    let book = PriceBook {
        models: &models,
        imported: imported.as_ref(),
        discounts: &[],
    };
    let bill = price(&table, &book, settings);
    for (m, tokens) in &bill.unpriced {
        let _ = writeln!(
            stderr,
            "{file}: {} ({tokens} tokens): no price found; add it with --prices",
            if m.is_empty() {
                "rows without a model"
            } else {
                m
            }
        );
    }
    if as_scenario {
        let w = to_workloads(&bill, by.as_deref(), 1, 1, link::MAX_WORKLOADS);
        for n in &w.notes {
            stderr.push_str(n);
            stderr.push('\n');
        }
        let s = Scenario {
            workloads: w.workloads,
            custom_models: w.custom_models,
            ..Scenario::default()
        };
        return Ok(Output {
            stdout: link::to_json(&s) + "\n",
            stderr,
            code: 0,
        });
    }
    let cents = |u: crate::core::units::Usd| (u.value() * 100.0).round() / 100.0;
    // Counts as whole numbers where they are whole (they are, unless a CSV says otherwise).
    let count = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 9e15 {
            json!(v as i64)
        } else {
            json!(v)
        }
    };
    let groups: Vec<Value> = bill
        .groups
        .iter()
        .map(|g| {
            let t = &g.totals;
            json!({
                "model": g.key.model,
                "group": g.key.dims.iter().map(|(d, v)| (d.clone(), Value::String(v.clone()))).collect::<Map<String, Value>>(),
                "requests": t.requests.map(count),
                "input_tokens": count(t.input),
                "cached_input_tokens": count(t.cached),
                "cache_write_5m_tokens": count(t.write_5m),
                "cache_write_1h_tokens": count(t.write_1h),
                "output_tokens": count(t.output),
                "reasoning_tokens": count(t.reasoning),
                "priced_as": g.model.as_ref().map(|m| m.id.clone()),
                "cost_usd": g.cost.map(|c| cents(c.total())),
            })
        })
        .collect();
    let mut out = json!({
        "format": table.format.map(ReportFormat::key),
        "period": {"start": format_time(bill.start), "end": format_time(bill.end),
                   "days": (bill.days * 1e4).round() / 1e4},
        "groups": groups,
        "total_usd": cents(bill.total),
        "monthly_estimate_usd": cents(bill.monthly),
        "requests_counted": table.requests_counted,
        "unpriced_models": bill.unpriced.iter().map(|(m, _)| m.clone()).collect::<Vec<_>>(),
        "web_searches": count(bill.web_searches),
        "problems": table.problem_count,
    });
    if let Some(dim) = charge {
        out["chargeback"] = Value::Array(
            chargeback(&bill, &dim)
                .iter()
                .map(|c| {
                    json!({dim.clone(): c.value, "requests": count(c.requests.round()), "tokens": count(c.tokens),
                           "cost_usd": cents(c.cost), "monthly_usd": cents(c.cost * bill.monthly_factor()),
                           "share": (c.share * 1e4).round() / 1e4})
                })
                .collect(),
        );
    }
    if let Some(c) = costs {
        let text = std::fs::read_to_string(&c).map_err(|e| fail(1, format!("error: {c}: {e}")))?;
        let billed = read_costs(&text);
        for p in &billed.problems {
            let _ = writeln!(stderr, "{c}: {p}");
        }
        out["reconciliation"] = json!({
            "billed_period": {"start": format_time(billed.start), "end": format_time(billed.end)},
            "billed_total_usd": cents(billed.total),
            "models": reconcile(&bill, &billed).iter().map(|r| json!({
                "model": r.model, "computed_usd": cents(r.computed),
                "billed_usd": r.billed.map(cents),
                "difference_usd": r.billed.map(|b| ((r.computed.value() - b.value()) * 100.0).round() / 100.0),
            })).collect::<Vec<_>>(),
            "not_attributed": billed.other.iter().map(|(l, u)| json!({"item": l, "billed_usd": cents(*u)})).collect::<Vec<_>>(),
        });
    }
    Ok(Output {
        stdout: pretty(&out),
        stderr,
        code: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(args: &[&str], stdin: &str) -> Output {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        run(&args, &mut stdin.as_bytes())
    }

    #[test]
    fn links_are_recognised() {
        assert!(looks_like_link("v1.AXt9"));
        assert!(looks_like_link("#v1.AXt9"));
        assert!(looks_like_link(
            "https://x.example/calc/#v1.AXt9&tab=selfhost"
        ));
        assert!(!looks_like_link("scenario.json"));
        assert!(!looks_like_link("vx.json"));
    }

    #[test]
    fn defaults_feed_back_to_the_default_link() {
        let defaults = run_with(&["defaults"], "");
        assert_eq!(defaults.code, 0);
        let link = run_with(&["link"], &defaults.stdout);
        let Ok(d) = link::decode(link.stdout.trim()) else {
            panic!("{}", link.stdout)
        };
        assert_eq!(d.scenario, Scenario::default());
        // The link records what its sender saw: the defaults' $6,000.00 a month.
        let sent = d.sent.unwrap_or_default();
        assert_eq!(sent.catalog, crate::core::catalog::EDITION);
        assert_eq!(sent.api_monthly_usd, Some(6_000.0));
        assert!(sent.selfhost_monthly_usd.is_some() && sent.commitment_monthly_usd.is_some());
        let full = run_with(
            &["link", "--base", "https://intranet.example/cost/"],
            &defaults.stdout,
        );
        assert_eq!(
            full.stdout,
            format!("https://intranet.example/cost/{}", link.stdout)
        );
    }

    #[test]
    fn usage_mistakes_exit_2_and_bad_scenarios_exit_1() {
        assert_eq!(run_with(&["--nope"], "").code, 2);
        assert_eq!(run_with(&["diff", "v1.AXt9"], "").code, 2);
        assert_eq!(run_with(&["diff", "-", "-"], "").code, 2);
        let bad = run_with(&["v1.!!!"], "");
        assert_eq!(bad.code, 1);
        assert_eq!(
            bad.stderr,
            "error: the link cannot be opened: it is damaged (cut short or edited?).\n"
        );
        assert!(run_with(&["--help"], "")
            .stdout
            .starts_with("inference-cost-cli: "));
    }

    #[test]
    fn diff_lists_what_changed() {
        // 2,000,000 requests × $0.006 = $12,000.00 a month against the defaults' $6,000.00.
        let out = run_with(
            &["diff", "v1.AXt9", "-"],
            r#"{"workloads":[{"requests_per_month":2000000}]}"#,
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let v: Value = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
        assert_eq!(v["spend.monthly_usd"], json!([6000.0, 12000.0]));
        assert_eq!(
            v["spend.requests_per_month"],
            json!([1_000_000.0, 2_000_000.0])
        );
        assert!(v.get("format").is_none());
    }
}
