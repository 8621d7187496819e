//! Display-ready values: what the page shows, as text, built from the stages' reports.
//!
//! The components bind each text node and attribute to one of these values, so an edit
//! changes exactly the text that differs (nothing is rebuilt, nothing is re-parsed from HTML)
//! and the components never format, round, pluralize or compute geometry. Pure: the native
//! tests check the text, the page only places it.
//!
//! Every table the page shows is a [`Table`] (one component draws them all, so a new table
//! adds data, not compiled view code), every bar list a `Vec<`[`Bar`]`>`, every column chart
//! a [`Columns`].

pub mod commitment;
pub mod plot;
pub mod selfhost;
pub mod usage;

use super::chart::{coordinate, nice_ceiling, scale};
use super::format;
use super::projection::Projection;
use super::report::SpendReport;
use super::units::Usd;

/// A read-only table: its column heads and its rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column heads, one per column.
    pub heads: Vec<Head>,
    /// Rows; the first cell of each is the row's header.
    pub rows: Vec<Row>,
}

/// A column head.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// Its text.
    pub text: &'static str,
    /// CSS class of the head (`num` for a column of numbers, or empty).
    pub class: &'static str,
}

impl Head {
    /// A head over text.
    pub const fn text(text: &'static str) -> Head {
        Head { text, class: "" }
    }

    /// A head over numbers (right-aligned).
    pub const fn num(text: &'static str) -> Head {
        Head { text, class: "num" }
    }

    /// A head of a given class.
    pub const fn class(text: &'static str, class: &'static str) -> Head {
        Head { text, class }
    }

    /// A head read by screen readers only (over a column of buttons).
    pub const fn hidden(text: &'static str) -> Head {
        Head {
            text,
            class: HIDDEN_HEAD,
        }
    }
}

/// The class of a [`Head::hidden`]: its text is in a visually hidden span.
pub const HIDDEN_HEAD: &str = "hidden-head";

/// A row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// What the row is about (a model id), so that a row whose place changes is moved, not
    /// rewritten; empty: rows are kept by position.
    pub key: String,
    /// `data-testid` of the row, or empty.
    pub test_id: String,
    /// CSS class of the row (`current`, `best-row`) or empty.
    pub class: &'static str,
    /// Its cells; the first is the row header.
    pub cells: Vec<Cell>,
}

/// A cell of a [`Row`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Its text.
    pub text: String,
    /// CSS class (`num`, `num saving`, `col-provider`, `detail`) or empty.
    pub class: &'static str,
    /// A second line in a `<small>` of class [`Cell::note_class`], or empty.
    pub note: String,
    /// CSS class of the note.
    pub note_class: &'static str,
    /// A tooltip (the `title` attribute), or empty.
    pub title: String,
    /// CSS class of a colour swatch before the text, or empty.
    pub swatch: &'static str,
    /// When not empty, the cell is a button showing the text, with this accessible name;
    /// the table tells which row's button was pressed.
    pub button: String,
}

impl Cell {
    /// A cell of text with a class.
    pub fn new(text: impl Into<String>, class: &'static str) -> Cell {
        Cell {
            text: text.into(),
            class,
            ..Cell::default()
        }
    }

    /// A cell of a number (right-aligned).
    pub fn num(text: impl Into<String>) -> Cell {
        Cell::new(text, "num")
    }

    /// The same cell with a second line.
    #[must_use]
    pub fn with_note(mut self, class: &'static str, note: impl Into<String>) -> Cell {
        self.note = note.into();
        self.note_class = class;
        self
    }

    /// The same cell with a tooltip.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Cell {
        self.title = title.into();
        self
    }
}

/// A key figure: its label, its value, a second line and the test id of its value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kpi {
    /// What it is.
    pub label: String,
    /// `data-testid` of the value.
    pub test_id: &'static str,
    /// The value.
    pub value: String,
    /// A second line under the value, or empty.
    pub note: String,
}

impl Kpi {
    /// A figure without a second line.
    pub fn new(label: impl Into<String>, test_id: &'static str, value: String) -> Kpi {
        Kpi {
            label: label.into(),
            test_id,
            value,
            note: String::new(),
        }
    }

    /// The same figure with a second line.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Kpi {
        self.note = note.into();
        self
    }
}

/// One bar of a horizontal bar list: its label, its length as a CSS width, its value as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    /// What the bar is.
    pub label: String,
    /// `width:NN.NN%`, relative to the longest bar.
    pub width: String,
    /// The value, as text.
    pub value: String,
    /// CSS class of the bar's fill (its colour).
    pub class: &'static str,
}

/// Bars for `(label, value, value text, class)`, scaled to the largest value.
pub fn bars(items: impl IntoIterator<Item = (String, f64, String, &'static str)>) -> Vec<Bar> {
    let items: Vec<_> = items.into_iter().collect();
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max);
    items
        .into_iter()
        .map(|(label, value, text, class)| Bar {
            label,
            width: width(scale(value, max, 100.0)),
            value: text,
            class,
        })
        .collect()
}

/// A CSS width in percent: `width:12.50%`.
pub fn width(percent: f64) -> String {
    format!("width:{}%", format::fixed(percent, 2))
}

/// One segment of a stacked bar: its colour class and its CSS width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segment {
    /// CSS class (`seg seg-input`).
    pub class: String,
    /// `width:NN.NNN%`.
    pub width: String,
}

/// A column chart's geometry in a 640 × 220 view box: the columns as one path, three
/// horizontal grid lines with their labels, and the x labels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Columns {
    /// Every column as one rectangle of a single path (an edit rewrites one attribute).
    pub path: String,
    /// The grid lines at 0, half and the top, with their labels.
    pub ticks: Vec<Tick>,
    /// The x positions and labels under the columns (at most about twelve).
    pub labels: Vec<(String, String)>,
}

/// A horizontal grid line of a chart and its label.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tick {
    /// The line's y.
    pub y: String,
    /// The label's baseline (just under the line).
    pub label_y: String,
    /// The label.
    pub text: String,
}

/// The view box of [`Columns`].
pub const COLUMNS_VIEW: (f64, f64) = (640.0, 220.0);
/// The left margin of [`Columns`] (the y labels' room).
pub const COLUMNS_LEFT: f64 = 64.0;

/// The geometry of columns `(x label, value)`, axis labels written by `axis`.
pub fn columns(items: &[(String, f64)], axis: fn(f64) -> String) -> Columns {
    let (w, h) = COLUMNS_VIEW;
    let bottom = 24.0;
    let top = nice_ceiling(items.iter().map(|c| c.1).fold(0.0, f64::max));
    let n = items.len().max(1) as f64;
    let slot = (w - COLUMNS_LEFT) / n;
    let plot_h = h - bottom - 8.0;
    let every = (items.len() / 12).max(1);
    let mut path = String::new();
    let mut labels = Vec::new();
    for (i, (x_label, value)) in items.iter().enumerate() {
        let bar = scale(*value, top, plot_h);
        let x = COLUMNS_LEFT + slot * i as f64 + slot * 0.15;
        let body = coordinate(slot * 0.7);
        path.push('M');
        path.push_str(&coordinate(x));
        path.push(',');
        path.push_str(&coordinate(8.0 + plot_h - bar));
        path.push('h');
        path.push_str(&body);
        path.push('v');
        path.push_str(&coordinate(bar));
        path.push_str("h-");
        path.push_str(&body);
        path.push('z');
        if i % every == 0 {
            labels.push((coordinate(x + slot * 0.35), x_label.clone()));
        }
    }
    let ticks = [0.0, 0.5, 1.0]
        .iter()
        .map(|f| {
            let y = 8.0 + plot_h - plot_h * f;
            Tick {
                y: coordinate(y),
                label_y: coordinate(y + 4.0),
                text: axis(top * f),
            }
        })
        .collect();
    Columns {
        path,
        ticks,
        labels,
    }
}

/// The spend tab's headline: the bill and the per-request figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headline {
    /// The monthly bill.
    pub monthly: String,
    /// Twelve months of it.
    pub yearly: String,
    /// Per request, or "—".
    pub per_request: String,
    /// Per 1,000 requests, or "—".
    pub per_thousand: String,
    /// Requests a month, compact.
    pub requests: String,
    /// Tokens a month, compact.
    pub tokens: String,
    /// What a screen reader announces when the bill changes.
    pub announce: String,
}

impl Headline {
    /// The headline of a bill.
    pub fn of(s: &SpendReport) -> Headline {
        Headline {
            monthly: format::usd(s.monthly_total),
            yearly: format::usd(s.yearly_total),
            per_request: format::usd_or_dash(s.per_request),
            per_thousand: format::usd_or_dash(s.per_thousand_requests),
            requests: format::compact(s.requests_per_month.value()),
            tokens: format::tokens(s.tokens_per_month),
            announce: format!("Monthly bill {}", format::usd(s.monthly_total)),
        }
    }
}

/// The bill by token type as a stacked bar, one segment per kind.
pub fn segments(s: &SpendReport) -> Vec<Segment> {
    s.by_kind
        .iter()
        .map(|line| Segment {
            class: format!("seg seg-{}", line.kind.key()),
            width: format!(
                "width:{}%",
                format::fixed(line.share.unwrap_or(0.0) * 100.0, 3)
            ),
        })
        .collect()
}

/// The bill by token type: tokens, cost and share per kind.
pub fn kinds(s: &SpendReport) -> Table {
    let rows = s
        .by_kind
        .iter()
        .map(|line| Row {
            key: String::new(),
            test_id: format!("kind-{}", line.kind.key()),
            class: "",
            cells: vec![
                Cell {
                    swatch: line.kind.swatch(),
                    ..Cell::new(line.kind.label(), "")
                },
                Cell::num(format::tokens(line.tokens)),
                Cell::num(format::usd(line.cost)),
                Cell::num(line.share.map_or_else(|| "—".to_owned(), format::percent)),
            ],
        })
        .collect();
    Table {
        heads: vec![
            Head::text("Tokens"),
            Head::num("Per month"),
            Head::num("Cost"),
            Head::num("Share"),
        ],
        rows,
    }
}

/// The bill by workload, one bar each, in the Scenario's order.
pub fn workload_bars(s: &SpendReport) -> Vec<Bar> {
    bars(s.by_workload.iter().map(|w| {
        let share = w
            .share
            .map_or_else(String::new, |p| format!(" · {}", format::percent(p)));
        (
            w.name.clone(),
            w.cost.value(),
            format!("{}{share}", format::usd(w.cost)),
            "fill-a",
        )
    }))
}

/// The bill by model, one bar each, most expensive first.
pub fn model_bars(s: &SpendReport) -> Vec<Bar> {
    bars(s.by_model.iter().map(|m| {
        let label = if m.overridden {
            format!("{} (your price)", m.name)
        } else {
            m.name.to_string()
        };
        (label, m.cost.value(), format::usd(m.cost), "fill-b")
    }))
}

/// The same traffic on every other model, cheapest first: model, provider, prices' date,
/// the monthly bill and the difference with today's; the first `limit` models (only the
/// rows shown are written).
pub fn alternatives(s: &SpendReport, limit: usize) -> Table {
    let rows = s
        .alternatives
        .iter()
        .take(limit)
        .map(|a| {
            let diff = a.difference.value();
            let (text, class) = if a.current {
                ("current".to_owned(), "num")
            } else if diff < 0.0 {
                (
                    format!("save {}", format::usd(Usd::new(-diff).unwrap_or_default())),
                    "num saving",
                )
            } else {
                (format!("+{}", format::usd(a.difference)), "num")
            };
            Row {
                key: a.id.to_string(),
                test_id: String::new(),
                class: if a.current { "current" } else { "" },
                cells: vec![
                    Cell::new(a.name.as_ref(), "").with_title(format!("Source: {}", a.source)),
                    Cell::new(a.provider.as_ref(), "col-provider"),
                    Cell::new(a.as_of.as_ref(), "col-provider"),
                    Cell::num(format::usd(a.monthly_total)),
                    Cell::new(text, class),
                ],
            }
        })
        .collect();
    Table {
        heads: vec![
            Head::text("Model"),
            Head::class("Provider", "col-provider"),
            Head::class("Prices as of", "col-provider"),
            Head::num("Per month"),
            Head::num("vs. now"),
        ],
        rows,
    }
}

/// The summary embed's three cards (the API bill, self-hosting, reserving), each a title, a
/// figure and a line, in that order.
pub fn summary_cards(
    s: &SpendReport,
    selfhost: Result<&super::selfhost::SelfHostReport, &super::selfhost::SelfHostError>,
    commitment: Result<&super::commitment::CommitmentReport, &super::commitment::CommitmentError>,
) -> [[String; 3]; 3] {
    use super::commitment::Plan;
    let spend = [
        "Monthly API bill".to_owned(),
        format::usd(s.monthly_total),
        format!(
            "{} a year for {} requests a month",
            format::usd(s.yearly_total),
            format::compact(s.requests_per_month.value())
        ),
    ];
    let selfhost = match selfhost {
        Ok(h) => [
            format!("Self-hosting {} on {}", h.model, h.gpu),
            format::usd(h.winner_monthly()),
            h.winner.title().to_owned(),
        ],
        Err(e) => ["Self-hosting".to_owned(), "—".to_owned(), e.to_string()],
    };
    let commitment = match commitment {
        Ok(c) => [
            format!("Reserving {}", c.gpu),
            format::usd_or_dash(c.plan(c.best).map(|p| p.monthly)),
            format!(
                "a month, best plan: {}. All on demand: {}.",
                c.best.label(),
                format::usd_or_dash(c.plan(Plan::NoCommitment).map(|p| p.monthly))
            ),
        ],
        Err(e) => ["Reserving GPUs".to_owned(), "—".to_owned(), e.to_string()],
    };
    [spend, selfhost, commitment]
}

/// The spend notes, one sentence each.
pub fn notes(s: &SpendReport) -> Vec<String> {
    s.notes.iter().map(ToString::to_string).collect()
}

/// The projection's text: its total, the sentence after it, the chart and the table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectionText {
    /// The total over the horizon.
    pub total: String,
    /// " over 12 months, against $72,000.00 with no growth and no price change."
    pub against: String,
    /// What the chart shows, for screen readers.
    pub chart_label: String,
    /// The monthly bills as columns.
    pub columns: Columns,
    /// Month, traffic and price factors, bill and cumulative bill.
    pub table: Table,
}

impl ProjectionText {
    /// The text of a projection; its table only `with_table` (it is written only while it
    /// is open).
    pub fn of(p: &Projection, with_table: bool) -> ProjectionText {
        let n = p.months.len();
        let items: Vec<(String, f64)> = p
            .months
            .iter()
            .map(|m| (format!("M{}", m.month + 1), m.cost.value()))
            .collect();
        let rows = p
            .months
            .iter()
            .take(if with_table { usize::MAX } else { 0 })
            .map(|m| Row {
                key: String::new(),
                test_id: String::new(),
                class: "",
                cells: vec![
                    Cell::new(format::number(f64::from(m.month + 1), 0), ""),
                    Cell::num(format!("×{}", format::number(m.traffic_factor, 2))),
                    Cell::num(format!("×{}", format::number(m.price_factor, 2))),
                    Cell::num(format::usd(m.cost)),
                    Cell::num(format::usd(m.cumulative)),
                ],
            })
            .collect();
        ProjectionText {
            total: format::usd(p.total),
            against: format!(
                " over {n} months, against {} with no growth and no price change.",
                format::usd(p.flat_total)
            ),
            chart_label: format!("Monthly bill over {n} months"),
            columns: columns(&items, format::usd_short),
            table: Table {
                heads: vec![
                    Head::text("Month"),
                    Head::num("Traffic"),
                    Head::num("Prices"),
                    Head::num("Bill"),
                    Head::num("Cumulative"),
                ],
                rows,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::projection::project;
    use crate::core::{spend_stage, SpendInput};
    use crate::scenario::Scenario;

    fn default_bill() -> SpendReport {
        match spend_stage(&SpendInput::of(&Scenario::default())) {
            Ok(r) => r,
            Err(e) => panic!("the defaults evaluate: {e}"),
        }
    }

    #[test]
    fn headline_of_the_defaults_by_hand() {
        // 1e6 requests × (1,000 × $3 + 200 × $15) / 1e6 = $6,000.00 a month, $72,000.00 a year,
        // $0.006 a request, $6.00 per 1,000, 1M requests, 1.2B tokens.
        let h = Headline::of(&default_bill());
        assert_eq!(h.monthly, "$6,000.00");
        assert_eq!(h.yearly, "$72,000.00");
        assert_eq!(h.per_request, "$0.006");
        assert_eq!(h.per_thousand, "$6.00");
        assert_eq!(h.requests, "1M");
        assert_eq!(h.tokens, "1.2B");
        assert_eq!(h.announce, "Monthly bill $6,000.00");
    }

    #[test]
    fn kinds_of_the_defaults_by_hand() {
        let bill = default_bill();
        let k = kinds(&bill);
        // Input 1e9 tokens, $3,000.00, 50 %; output 2e8 tokens, $3,000.00, 50 %.
        let text: Vec<Vec<&str>> = k
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            vec![
                vec!["Input", "1B", "$3,000.00", "50%"],
                vec!["Output", "200M", "$3,000.00", "50%"],
            ]
        );
        assert_eq!(k.rows[0].test_id, "kind-input");
        assert_eq!(k.rows[0].cells[0].swatch, "swatch seg-input");
        let s = segments(&bill);
        assert_eq!(s[1].width, "width:50.000%");
        assert_eq!(s[1].class, "seg seg-output");
        let w = workload_bars(&bill);
        assert_eq!(w[0].value, "$6,000.00 · 100%");
        assert_eq!(w[0].width, "width:100.00%");
        assert_eq!(model_bars(&bill)[0].label, "claude-sonnet-4-6");
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let b = bars([
            ("a".to_owned(), 50.0, "$50.00".to_owned(), "fill-a"),
            ("b".to_owned(), 200.0, "$200.00".to_owned(), "fill-a"),
            ("c".to_owned(), 0.0, "$0.00".to_owned(), "fill-a"),
        ]);
        let widths: Vec<&str> = b.iter().map(|b| b.width.as_str()).collect();
        assert_eq!(widths, ["width:25.00%", "width:100.00%", "width:0.00%"]);
        assert!(bars([]).is_empty());
    }

    #[test]
    fn alternatives_mark_savings_and_the_current_model() {
        let t = alternatives(&default_bill(), usize::MAX);
        assert_eq!(alternatives(&default_bill(), 10).rows.len(), 10);
        assert_eq!(t.heads.len(), 5);
        let current = t.rows.iter().find(|r| r.class == "current");
        let Some(current) = current else {
            panic!("the current model is listed")
        };
        assert_eq!(current.cells[0].text, "claude-sonnet-4-6");
        assert_eq!(current.cells[3].text, "$6,000.00");
        assert_eq!(current.cells[4].text, "current");
        // Cheapest first: the first row saves, and says how much in the saving class.
        let first = &t.rows[0];
        assert_eq!(first.cells[4].class, "num saving");
        assert!(first.cells[4].text.starts_with("save $"));
        assert!(t.rows.iter().all(|r| r.cells.len() == 5));
    }

    #[test]
    fn projection_text_by_hand() {
        // $1,000 a month, 10 % growth a month, no decline, 3 months: 1,000 + 1,100 + 1,210.
        let p = project(Usd::new(1_000.0).unwrap_or_default(), 3, 0.10, 0.0);
        let t = ProjectionText::of(&p, true);
        assert!(ProjectionText::of(&p, false).table.rows.is_empty());
        assert_eq!(t.total, "$3,310.00");
        assert_eq!(
            t.against,
            " over 3 months, against $3,000.00 with no growth and no price change."
        );
        assert_eq!(t.table.rows[2].cells[1].text, "×1.21");
        assert_eq!(t.table.rows[2].cells[4].text, "$3,310.00");
        assert_eq!(t.columns.labels.len(), 3);
        // The top of the axis is the nice ceiling of $1,210 (1, 2, 2.5 or 5 × 10ⁿ): $2,000.
        assert_eq!(t.columns.ticks[2].text, "$2K");
        // Three columns, one rectangle each.
        assert_eq!(t.columns.path.matches('M').count(), 3);
    }

    #[test]
    fn columns_of_nothing_are_empty() {
        let c = columns(&[], format::usd_short);
        assert!(c.path.is_empty());
        assert!(c.labels.is_empty());
        assert_eq!(c.ticks.len(), 3);
    }
}
