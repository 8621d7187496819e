//! An imported usage export's text: what it covers, its groups priced, the chargeback and the
//! reconciliation with the provider's cost report, display-ready.

use super::{bars, Bar, Cell, Head, Row, Table};
use crate::core::format;
use crate::core::units::Usd;
use crate::core::usage_report::bill::{Billed, Charge, GroupBill, Reconciled, UsageBill};
use crate::core::usage_report::{format_date, UsageTable, SECONDS_PER_DAY};

/// What an import covers, in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// "7 days, 2026-11-01 to 2026-11-07".
    pub period: String,
    /// The bill for the period.
    pub total: String,
    /// The bill for an average month.
    pub monthly: String,
    /// "38,500 requests · 58.1M tokens · 3 groups of 2 models".
    pub counts: String,
    /// What the user should know: estimates, unpriced models, web searches.
    pub notes: Vec<String>,
}

/// The summary of an import and its bill.
pub fn summary(table: &UsageTable, bill: &UsageBill) -> Summary {
    let last_day = format_date((bill.end - 1).max(bill.start));
    let period = format!(
        "{} day{}, {} to {}",
        format::number(bill.days, u8::from(bill.days.fract() != 0.0)),
        if (bill.days - 1.0).abs() < 1e-9 {
            ""
        } else {
            "s"
        },
        format_date(bill.start),
        last_day
    );
    let total = table.total();
    let requests: f64 = bill.groups.iter().map(|g| g.requests).sum();
    let mut models: Vec<&str> = table.groups.iter().map(|(k, _)| k.model.as_str()).collect();
    models.dedup();
    let counts = format!(
        "{}{} requests · {} tokens · {} group{} of {} model{} · {} rows read",
        if bill.estimated_requests {
            "about "
        } else {
            ""
        },
        format::number(requests, 0),
        format::compact(total.tokens()),
        format::number(table.groups.len() as f64, 0),
        if table.groups.len() == 1 { "" } else { "s" },
        format::number(models.len() as f64, 0),
        if models.len() == 1 { "" } else { "s" },
        format::number(table.rows as f64, 0),
    );
    let mut notes = Vec::new();
    if bill.estimated_requests {
        notes.push("This export counts no requests (Anthropic's usage report does not): requests and per-request figures are estimated from the prompt tokens; the tokens and the bill are the export's.".to_owned());
    }
    for (m, tokens) in &bill.unpriced {
        notes.push(if m.is_empty() {
            format!(
                "{} tokens have no model (the export is not grouped by model) and are not priced.",
                format::compact(*tokens)
            )
        } else {
            format!(
                "{m}: no price found ({} tokens left out). Add it as a custom model or import a LiteLLM price table.",
                format::compact(*tokens)
            )
        });
    }
    if bill.web_searches > 0.0 {
        notes.push(format!(
            "{} web searches are counted, not priced (they are not tokens).",
            format::number(bill.web_searches, 0)
        ));
    }
    if bill.groups.len() > GROUP_ROWS {
        notes.push(format!(
            "The table lists the {GROUP_ROWS} costliest of {} groups; the totals, the chargeback and the workloads count them all.",
            format::number(bill.groups.len() as f64, 0)
        ));
    }
    let partial_days = (bill.end - bill.start) % SECONDS_PER_DAY != 0;
    if partial_days {
        notes.push("The period is not a whole number of days: the monthly estimate scales it by its exact length.".to_owned());
    }
    Summary {
        period,
        total: format::usd(bill.total),
        monthly: format::usd(bill.monthly),
        counts,
        notes,
    }
}

/// Most groups the page lists (a year of keys can make tens of thousands; the page would
/// spend seconds building their rows). All of them are in the workloads, the chargeback and
/// the command line.
pub const GROUP_ROWS: usize = 100;

/// The groups, costliest first (unpriced last), at most `limit` of them: model, group,
/// requests, tokens by kind, the period's cost and a month's.
pub fn groups(bill: &UsageBill, limit: usize) -> Table {
    let factor = bill.monthly_factor();
    let mut order: Vec<&GroupBill> = bill.groups.iter().collect();
    let cost = |g: &GroupBill| g.cost.map_or(-1.0, |c| c.total().value());
    order.sort_by(|a, b| cost(b).total_cmp(&cost(a)));
    order.truncate(limit);
    let rows = order
        .into_iter()
        .map(|g| {
            let t = &g.totals;
            let model = match &g.model {
                Some(m) if m.id.ends_with(&g.key.model) => g.key.model.clone(),
                Some(m) => format!("{} ({})", g.key.model, m.name),
                None => g.key.model.clone(),
            };
            let requests = if g.estimated {
                format!("~{}", format::compact(g.requests))
            } else {
                format::compact(g.requests)
            };
            let (cost, month) = match g.cost {
                Some(c) => (format::usd(c.total()), format::usd(c.total() * factor)),
                None => ("not priced".to_owned(), "—".to_owned()),
            };
            Row {
                cells: vec![
                    Cell::new(
                        if model.is_empty() {
                            "(all models)".to_owned()
                        } else {
                            model
                        },
                        "",
                    ),
                    Cell::new(g.key.label(), "detail"),
                    Cell::num(requests),
                    Cell::num(format::compact(t.input)),
                    Cell::num(format::compact(t.cached)),
                    Cell::num(format::compact(t.write_5m + t.write_1h)),
                    Cell::num(format::compact(t.output + t.reasoning)),
                    Cell::num(cost),
                    Cell::num(month),
                ],
                ..Row::default()
            }
        })
        .collect();
    Table {
        heads: vec![
            Head::text("Model"),
            Head::text("Group"),
            Head::num("Requests"),
            Head::num("Input"),
            Head::num("Cached"),
            Head::num("Cache writes"),
            Head::num("Output"),
            Head::num("Period"),
            Head::num("A month"),
        ],
        rows,
    }
}

/// The chargeback as bars (cost over the period) and as a table.
pub fn chargeback(charges: &[Charge], factor: f64) -> (Vec<Bar>, Table) {
    let bar_list = bars(charges.iter().map(|c| {
        (
            c.value.clone(),
            c.cost.value(),
            format!("{} · {}", format::usd(c.cost), format::percent(c.share)),
            "fill-a",
        )
    }));
    let rows = charges
        .iter()
        .map(|c| Row {
            cells: vec![
                Cell::new(c.value.clone(), ""),
                Cell::num(format::compact(c.requests)),
                Cell::num(format::compact(c.tokens)),
                Cell::num(format::usd(c.cost)),
                Cell::num(format::usd(c.cost * factor)),
                Cell::num(format::percent(c.share)),
            ],
            ..Row::default()
        })
        .collect();
    (
        bar_list,
        Table {
            heads: vec![
                Head::text("Who"),
                Head::num("Requests"),
                Head::num("Tokens"),
                Head::num("Period"),
                Head::num("A month"),
                Head::num("Share"),
            ],
            rows,
        },
    )
}

/// Computed against billed, per model, then what the report bills beyond the models and the
/// totals.
pub fn reconciliation(rec: &[Reconciled], billed: &Billed, computed_total: Usd) -> Table {
    let diff = |computed: Usd, billed: Usd| {
        let d = computed.value() - billed.value();
        let pct = if billed.value() > 0.0 {
            format!(" ({})", format::percent((d / billed.value()).abs()))
        } else {
            String::new()
        };
        if d.abs() < 0.005 {
            "equal".to_owned()
        } else if d > 0.0 {
            format!(
                "computed {} more{pct}",
                format::usd(Usd::new(d).unwrap_or_default())
            )
        } else {
            format!(
                "billed {} more{pct}",
                format::usd(Usd::new(-d).unwrap_or_default())
            )
        }
    };
    let mut rows: Vec<Row> = rec
        .iter()
        .map(|r| Row {
            cells: vec![
                Cell::new(r.model.clone(), ""),
                Cell::num(format::usd(r.computed)),
                Cell::num(
                    r.billed
                        .map_or_else(|| "not in the report".to_owned(), format::usd),
                ),
                Cell::new(
                    r.billed.map_or_else(String::new, |b| diff(r.computed, b)),
                    "detail",
                ),
            ],
            ..Row::default()
        })
        .collect();
    for (label, usd) in &billed.other {
        rows.push(Row {
            cells: vec![
                Cell::new(label.clone(), ""),
                Cell::num("—"),
                Cell::num(format::usd(*usd)),
                Cell::new("not tokens of a model", "detail"),
            ],
            ..Row::default()
        });
    }
    rows.push(Row {
        class: "total-row",
        cells: vec![
            Cell::new("Total", ""),
            Cell::num(format::usd(computed_total)),
            Cell::num(format::usd(billed.total)),
            Cell::new(diff(computed_total, billed.total), "detail"),
        ],
        ..Row::default()
    });
    Table {
        heads: vec![
            Head::text("Model"),
            Head::num("Computed"),
            Head::num("Billed"),
            Head::text("Difference"),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::models::resolve_models;
    use crate::core::usage_report::bill::{chargeback as charge, price, BillSettings, PriceBook};
    use crate::core::usage_report::{read_report, ReportFormat};

    const CSV: &str = "date,model,team,requests,input,output\n2026-11-03,gpt-5-mini,search,1000,1000000,100000\n2026-11-04,gpt-5-mini,search,1000,1000000,100000\n2026-11-04,mystery-1,ops,10,5000,500\n";

    fn bill() -> (UsageTable, UsageBill) {
        let table = read_report(ReportFormat::Csv, CSV, None);
        let models = resolve_models(&[], &[]);
        let book = PriceBook {
            models: &models,
            imported: None,
            discounts: &[],
        };
        let bill = price(&table, &book, BillSettings::default());
        (table, bill)
    }

    #[test]
    fn the_summary_by_hand() {
        let (table, b) = bill();
        let s = summary(&table, &b);
        assert_eq!(s.period, "2 days, 2026-11-03 to 2026-11-04");
        // gpt-5-mini: 2 × (1,000,000 × $0.25 + 100,000 × $2) / 1e6 = $0.90; a month ×30.4375÷2.
        assert_eq!(s.total, "$0.90");
        assert_eq!(s.monthly, "$13.70");
        assert_eq!(
            s.counts,
            "2,010 requests · 2.21M tokens · 2 groups of 2 models · 3 rows read"
        );
        assert!(s.notes[0].starts_with("mystery-1: no price found (5.5K tokens left out)"));
    }

    #[test]
    fn tables_by_hand() {
        let (_, b) = bill();
        let g = groups(&b, GROUP_ROWS);
        assert_eq!(g.rows[0].cells[0].text, "gpt-5-mini");
        assert_eq!(groups(&b, 1).rows.len(), 1);
        assert_eq!(g.rows[0].cells[7].text, "$0.90");
        assert_eq!(g.rows[1].cells[7].text, "not priced");
        let (bars, t) = chargeback(&charge(&b, "team"), b.monthly_factor());
        assert_eq!(bars[0].label, "search");
        assert_eq!(bars[0].value, "$0.90 · 100%");
        assert_eq!(t.rows[1].cells[0].text, "ops");
        let billed = Billed {
            total: Usd::new(1.0).unwrap_or_default(),
            ..Billed::default()
        };
        let r = reconciliation(&[], &billed, b.total);
        assert_eq!(r.rows[0].cells[3].text, "billed $0.10 more (10%)");
    }
}
