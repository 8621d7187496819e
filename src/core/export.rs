//! What leaves the calculator: a Markdown summary to paste into a wiki page, the breakdown
//! tables as CSV, and the Report's key numbers as JSON with stable field names (for the
//! command line and the golden links). Pure text; the page and the command line share it.
//!
//! # Rounding
//! The JSON rounds dollars to cents and the cost per request to six decimals, every other
//! figure to four (requests and tokens to whole numbers), so a later version whose arithmetic differs only in the last
//! bits of a float reports the same numbers. CSV cells keep two decimals for dollars and four
//! for shares and GPUs: a spreadsheet reads them as numbers (no `$`, no thousands commas).
//! Markdown uses the page's own formatting ([`super::format`]).
//!
//! # Safety of the text
//! CSV cells are quoted when they hold a comma, quote or line break, and a cell of user text
//! that starts with `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet never runs it as
//! a formula. Markdown table cells escape `|` and fold line breaks.

use super::commitment::{CommitmentReport, Plan};
use super::format;
use super::report::Report;
use super::selfhost::SelfHostReport;
use super::units::Usd;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// `v` rounded half away from zero to `decimals` places; 0 for a non-finite value.
fn round(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    if v.is_finite() {
        (v * scale).round() / scale
    } else {
        0.0
    }
}

/// `v` to the cent (0 for a non-finite value): what the exports and a link's record of what
/// its sender saw hold.
pub fn cents(v: f64) -> f64 {
    round(v, 2)
}

fn four(v: f64) -> f64 {
    round(v, 4)
}

fn whole(v: f64) -> f64 {
    round(v, 0)
}

fn opt_cents(v: Option<Usd>) -> Value {
    v.map_or(Value::Null, |u| json!(cents(u.value())))
}

/// The Report's key numbers with stable field names (documented in the README, "Command
/// line"). Dollars are `_usd` fields.
pub fn summary_json(r: &Report) -> Value {
    let s = &r.spend;
    let spend = json!({
        "monthly_usd": cents(s.monthly_total.value()),
        "yearly_usd": cents(s.yearly_total.value()),
        "requests_per_month": whole(s.requests_per_month.value()),
        "tokens_per_month": whole(s.tokens_per_month.value()),
        "per_request_usd": s.per_request.map_or(Value::Null, |u| json!(round(u.value(), 6))),
        "by_token_kind": s.by_kind.iter().map(|l| json!({
            "kind": l.kind.key(),
            "tokens": whole(l.tokens.value()),
            "monthly_usd": cents(l.cost.value()),
        })).collect::<Vec<_>>(),
        "by_workload": s.by_workload.iter().map(|w| json!({
            "name": w.name,
            "requests_per_month": whole(w.requests.value()),
            "monthly_usd": cents(w.cost.value()),
        })).collect::<Vec<_>>(),
        "by_model": s.by_model.iter().map(|m| json!({
            "id": m.id,
            "name": m.name,
            "provider": m.provider,
            "monthly_usd": cents(m.cost.value()),
        })).collect::<Vec<_>>(),
    });
    let projection = json!({
        "months": r.projection.months.len(),
        "total_usd": cents(r.projection.total.value()),
        "flat_total_usd": cents(r.projection.flat_total.value()),
    });
    let selfhost = match &r.selfhost {
        Ok(h) => selfhost_json(h),
        Err(e) => json!({ "error": e.to_string() }),
    };
    let commitment = match &r.commitment {
        Ok(c) => commitment_json(c),
        Err(e) => json!({ "error": e.to_string() }),
    };
    json!({
        "format": "inference-cost-report/1",
        "spend": spend,
        "projection": projection,
        "selfhost": selfhost,
        "commitment": commitment,
    })
}

fn selfhost_json(h: &SelfHostReport) -> Value {
    json!({
        "model": h.model,
        "gpu": h.gpu,
        "gpus": four(h.sizing.gpus),
        "replicas": four(h.sizing.replicas),
        "utilization": four(h.sizing.utilization),
        "tokens_per_month": whole(h.tokens_per_month),
        "api_monthly_usd": cents(h.api_monthly.value()),
        "rent_usd_per_gpu_hour": h.rental.as_ref().map_or(Value::Null, |p| json!(four(p.usd_per_gpu_hour))),
        "rent_monthly_usd": opt_cents(h.rent.as_ref().map(|o| o.total)),
        "buy_monthly_usd": opt_cents(h.buy.as_ref().map(|o| o.total)),
        "upfront_usd": opt_cents(h.upfront),
        "payback_months": h.payback_months.map_or(Value::Null, |m| json!(four(m))),
        "winner": h.winner.key(),
        "verdict": h.verdict,
    })
}

fn commitment_json(c: &CommitmentReport) -> Value {
    json!({
        "gpu": c.gpu,
        "mean_gpus": four(c.mean_gpus),
        "peak_gpus": four(c.peak_gpus),
        "on_demand_usd_per_gpu_hour": four(c.on_demand),
        "best_plan": c.best.key(),
        "plans": c.plans.iter().map(|p| json!({
            "plan": p.plan.key(),
            "monthly_usd": cents(p.monthly.value()),
            "total_usd": cents(p.total.value()),
        })).collect::<Vec<_>>(),
        "terms": c.terms.iter().map(|t| json!({
            "months": t.months,
            "gpus": four(t.level),
            "monthly_usd": cents(t.monthly.value()),
            "saving_vs_on_demand_usd": cents(t.saving_vs_none.value()),
            "utilization": four(t.utilization),
            "coverage": four(t.coverage),
        })).collect::<Vec<_>>(),
        "recommendation": c.recommendation.headline,
    })
}

/// Markdown text from user input (a workload or model name from someone else's link): the
/// characters that start markup inside a line (tables, HTML, entities, links and images,
/// emphasis, code) are backslash-escaped, as Markdown (`CommonMark`) allows for any ASCII punctuation, and
/// line breaks folded, so a name shows as typed and never as a link, an image or HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '|' | '<' | '>' | '[' | ']' | '*' | '_' | '`' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A link target for `[text](target)`: characters that would end or break it percent-encoded.
fn link_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// A Markdown table from a header and rows; the first `text` columns are left-aligned, the
/// others (figures) right-aligned.
fn md_table(out: &mut String, text: usize, header: &[&str], rows: &[Vec<String>]) {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header.iter().map(|h| cell(h)).collect()));
    out.push_str(&line(
        (0..header.len())
            .map(|i| if i < text { "---" } else { "---:" }.to_owned())
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
    }
    out.push('\n');
}

/// The Markdown summary the page exports and the command line prints: the key numbers of each
/// calculator as tables, and the scenario's link (when given) so a reader can open it.
pub fn markdown(r: &Report, link: Option<&str>) -> String {
    let mut out = String::from("# Inference cost scenario\n\n");
    if let Some(link) = link {
        let _ = write!(
            out,
            "[Open this scenario in the calculator]({})\n\n",
            link_target(link)
        );
    }
    let s = &r.spend;
    out.push_str("## API spend\n\n");
    md_table(
        &mut out,
        1,
        &["Figure", "Value"],
        &[
            vec!["Monthly bill".into(), format::usd(s.monthly_total)],
            vec!["A year".into(), format::usd(s.yearly_total)],
            vec![
                "Requests a month".into(),
                format::number(s.requests_per_month.value(), 0),
            ],
            vec!["Tokens a month".into(), format::tokens(s.tokens_per_month)],
            vec!["Per request".into(), format::usd_or_dash(s.per_request)],
            vec![
                format!("Next {} months, projected", r.projection.months.len()),
                format::usd(r.projection.total),
            ],
        ],
    );
    let share = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), format::percent);
    md_table(
        &mut out,
        1,
        &["Workload", "Requests a month", "Monthly cost", "Share"],
        &s.by_workload
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    format::number(w.requests.value(), 0),
                    format::usd(w.cost),
                    share(w.share),
                ]
            })
            .collect::<Vec<_>>(),
    );
    md_table(
        &mut out,
        2,
        &["Model", "Provider", "Monthly cost", "Share"],
        &s.by_model
            .iter()
            .map(|m| {
                vec![
                    m.name.to_string(),
                    m.provider.to_string(),
                    format::usd(m.cost),
                    share(m.share),
                ]
            })
            .collect::<Vec<_>>(),
    );
    match &r.selfhost {
        Ok(h) => {
            let _ = write!(out, "## Self-hosting: {} on {}\n\n", h.model, h.gpu);
            if let Some(first) = h.verdict.first() {
                let _ = write!(out, "**{}**\n\n", cell(first));
            }
            let gpus = format::number(h.sizing.gpus, 0);
            md_table(
                &mut out,
                1,
                &["Option", "Monthly cost"],
                &[
                    vec!["Pay per token (API)".into(), format::usd(h.api_monthly)],
                    vec![
                        format!("Rent {gpus} GPUs"),
                        format::usd_or_dash(h.rent.as_ref().map(|o| o.total)),
                    ],
                    vec![
                        format!("Buy {gpus} GPUs"),
                        format::usd_or_dash(h.buy.as_ref().map(|o| o.total)),
                    ],
                ],
            );
        }
        Err(e) => {
            let _ = write!(out, "## Self-hosting\n\n{}\n\n", cell(&e.to_string()));
        }
    }
    match &r.commitment {
        Ok(c) => {
            let _ = write!(out, "## Reserve or on-demand: {}\n\n", c.gpu);
            let _ = write!(out, "**{}**\n\n", cell(&c.recommendation.headline));
            md_table(
                &mut out,
                1,
                &["Plan", "GPUs committed", "Monthly cost", "36 months"],
                &c.plans
                    .iter()
                    .map(|p| {
                        vec![
                            if p.plan == c.best {
                                format!("{} (cheapest)", p.plan.label())
                            } else {
                                p.plan.label().to_owned()
                            },
                            if p.plan == Plan::NoCommitment {
                                "0".to_owned()
                            } else {
                                super::commitment::levels_text(&p.levels)
                            },
                            format::usd(p.monthly),
                            format::usd(p.total),
                        ]
                    })
                    .collect::<Vec<_>>(),
            );
        }
        Err(e) => {
            let _ = write!(
                out,
                "## Reserve or on-demand\n\n{}\n\n",
                cell(&e.to_string())
            );
        }
    }
    out.push_str("_Computed in the browser by the Inference cost calculator; prices and sources are in the linked scenario._\n");
    out
}

/// A CSV cell: user text that could run as a formula gets a leading `'`; quoted when needed.
fn csv_cell(text: &str, user_text: bool) -> String {
    let guarded = if user_text && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn csv_number(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        String::new()
    }
}

/// One CSV table: a header row, then rows of (text cells are user text) cells.
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<(String, bool)>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|(t, user)| csv_cell(t, *user)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn num(v: f64, decimals: usize) -> (String, bool) {
    (csv_number(v, decimals), false)
}

fn text(t: &str) -> (String, bool) {
    (t.to_owned(), true)
}

/// The chargeback of an imported usage export as CSV: the dimension's value, requests,
/// tokens, the cost for the period and for an average month (`factor` × the period), and the
/// share; numbers without `$` or separators, values guarded against spreadsheet formulas.
pub fn chargeback_csv(
    dimension: &str,
    charges: &[crate::core::usage_report::bill::Charge],
    factor: f64,
) -> String {
    let mut header = dimension.to_owned();
    header.push_str(",requests,tokens,period_usd,monthly_usd,share");
    csv(
        &[header.as_str()],
        charges.iter().map(|c| {
            vec![
                text(&c.value),
                num(c.requests, 0),
                num(c.tokens, 0),
                num(c.cost.value(), 2),
                num(c.cost.value() * factor, 2),
                num(c.share, 4),
            ]
        }),
    )
}

const WORKLOADS: &str = "spend-by-workload.csv";
const MODELS: &str = "spend-by-model.csv";
const KINDS: &str = "spend-by-token-kind.csv";
const PROJECTION: &str = "spend-projection.csv";
const SELFHOST: &str = "selfhost-options.csv";
const PLANS: &str = "commitment-plans.csv";
const TERMS: &str = "commitment-terms.csv";

/// The file names of the CSV tables this Report has (self-hosting and commitment tables only
/// when those calculators answer). Cheap: no table is written.
pub fn csv_table_names(r: &Report) -> Vec<&'static str> {
    let mut names = vec![WORKLOADS, MODELS, KINDS, PROJECTION];
    if r.selfhost.is_ok() {
        names.push(SELFHOST);
    }
    if r.commitment.is_ok() {
        names.extend([PLANS, TERMS]);
    }
    names
}

/// One breakdown table as CSV (RFC 4180, CRLF line ends), by file name; `None` when the
/// Report has no such table.
pub fn csv_table(r: &Report, name: &str) -> Option<String> {
    let s = &r.spend;
    Some(match name {
        WORKLOADS => csv(
            &["workload", "requests_per_month", "monthly_usd", "share"],
            s.by_workload.iter().map(|w| {
                vec![
                    text(&w.name),
                    num(w.requests.value(), 0),
                    num(w.cost.value(), 2),
                    num(w.share.unwrap_or(0.0), 4),
                ]
            }),
        ),
        MODELS => csv(
            &[
                "model_id",
                "model",
                "provider",
                "requests_per_month",
                "monthly_usd",
                "share",
            ],
            s.by_model.iter().map(|m| {
                vec![
                    text(&m.id),
                    text(&m.name),
                    text(&m.provider),
                    num(m.requests.value(), 0),
                    num(m.cost.value(), 2),
                    num(m.share.unwrap_or(0.0), 4),
                ]
            }),
        ),
        KINDS => csv(
            &["kind", "tokens_per_month", "monthly_usd"],
            s.by_kind.iter().map(|l| {
                vec![
                    text(l.kind.label()),
                    num(l.tokens.value(), 0),
                    num(l.cost.value(), 2),
                ]
            }),
        ),
        PROJECTION => csv(
            &[
                "month",
                "traffic_factor",
                "price_factor",
                "monthly_usd",
                "cumulative_usd",
            ],
            r.projection.months.iter().map(|m| {
                vec![
                    num(f64::from(m.month), 0),
                    num(m.traffic_factor, 4),
                    num(m.price_factor, 4),
                    num(m.cost.value(), 2),
                    num(m.cumulative.value(), 2),
                ]
            }),
        ),
        SELFHOST => {
            let h = r.selfhost.as_ref().ok()?;
            let gpus = h.sizing.gpus;
            let rows = [
                ("api", Some(h.api_monthly), None),
                ("rent", h.rent.as_ref().map(|o| o.total), Some(gpus)),
                ("buy", h.buy.as_ref().map(|o| o.total), Some(gpus)),
            ];
            csv(
                &["option", "model", "gpu", "gpus", "monthly_usd"],
                rows.iter().map(|(option, total, gpus)| {
                    vec![
                        text(option),
                        text(&h.model),
                        text(&h.gpu),
                        gpus.map_or_else(|| (String::new(), false), |g| num(g, 0)),
                        total.map_or_else(|| (String::new(), false), |t| num(t.value(), 2)),
                    ]
                }),
            )
        }
        PLANS => {
            let c = r.commitment.as_ref().ok()?;
            csv(
                &[
                    "plan",
                    "gpus_committed",
                    "monthly_usd",
                    "total_36_months_usd",
                ],
                c.plans.iter().map(|p| {
                    vec![
                        text(p.plan.key()),
                        text(&super::commitment::levels_text(&p.levels)),
                        num(p.monthly.value(), 2),
                        num(p.total.value(), 2),
                    ]
                }),
            )
        }
        TERMS => {
            let c = r.commitment.as_ref().ok()?;
            csv(
                &[
                    "term_months",
                    "gpus",
                    "coverage",
                    "utilization",
                    "monthly_usd",
                    "monthly_on_demand_usd",
                    "saving_usd",
                ],
                c.terms.iter().map(|t| {
                    vec![
                        num(f64::from(t.months), 0),
                        num(t.level, 4),
                        num(t.coverage, 4),
                        num(t.utilization, 4),
                        num(t.monthly.value(), 2),
                        num(t.monthly_none.value(), 2),
                        num(t.saving_vs_none.value(), 2),
                    ]
                }),
            )
        }
        _ => return None,
    })
}

/// Every breakdown table of the Report: (file name, CSV text).
pub fn csv_tables(r: &Report) -> Vec<(&'static str, String)> {
    csv_table_names(r)
        .into_iter()
        .filter_map(|name| Some((name, csv_table(r, name)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv_cell("plain", true), "plain");
        assert_eq!(csv_cell("a,b", true), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\"", true), "\"say \"\"hi\"\"\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"x\")", true),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(csv_cell("-1.5", false), "-1.5");
        assert_eq!(csv_cell("-cmd", true), "'-cmd");
        assert_eq!(csv_cell("\tcmd", true), "'\tcmd");
    }

    #[test]
    fn markdown_cells_escape_pipes_and_lines() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(
            cell("<img src=x onerror=alert(1)> [x](javascript:y)"),
            "\\<img src=x onerror=alert(1)\\> \\[x\\](javascript:y)"
        );
        assert_eq!(
            link_target("https://x.example/a (b)/#v1.A"),
            "https://x.example/a%20%28b%29/#v1.A"
        );
        let mut t = String::new();
        md_table(&mut t, 1, &["A", "B"], &[vec!["x|y".into(), "1".into()]]);
        assert_eq!(t, "| A | B |\n| --- | ---: |\n| x\\|y | 1 |\n\n");
    }

    #[test]
    fn rounding_is_stable() {
        assert!((cents(1.005_000_1) - 1.01).abs() < 1e-12);
        assert!((four(0.123_456) - 0.1235).abs() < 1e-12);
        assert!(cents(f64::NAN).abs() < f64::EPSILON);
    }
}
