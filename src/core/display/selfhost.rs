//! The self-hosting tab's text: the answer, the break-even chart and its table, the cost
//! table, and the memory fit and throughput, display-ready.

use super::plot::{line_chart, Plot, Series};
use super::{Cell, Head, Kpi, Row, Segment, Table};
use crate::core::format;
use crate::core::selfhost::{Bound, OptionCost, SelfHostReport};

/// The answer: which option wins, by how much, the figures, the verdict and the notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// "Renting GPUs is cheapest".
    pub title: String,
    /// The winner's monthly cost.
    pub cost: String,
    /// The sentence under it.
    pub sub: String,
    /// The key figures.
    pub kpis: Vec<Kpi>,
    /// What wins, by how much, and what would change it.
    pub verdict: Vec<String>,
    /// What the user should know.
    pub notes: Vec<String>,
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The answer of a self-hosting report.
pub fn answer(r: &SelfHostReport) -> Answer {
    let today = r.tokens_per_month;
    let rent_break_even = match r.rent.as_ref().map(|o| o.break_even_tokens) {
        None => Kpi::new(
            "Renting breaks even at",
            "sh-break-even-rent",
            "—".to_owned(),
        ),
        Some(None) => Kpi::new(
            "Renting breaks even at",
            "sh-break-even-rent",
            "never".to_owned(),
        ),
        Some(Some(v)) => Kpi::new(
            "Renting breaks even at",
            "sh-break-even-rent",
            format::compact(v),
        )
        .with_note(format!(
            "tokens a month, {}× today",
            format::number(v / today.max(1.0), 1)
        )),
    };
    Answer {
        title: r.winner.title().to_owned(),
        cost: format::usd(r.winner_monthly()),
        sub: format!(
            "per month for {} tokens of {}",
            format::compact(today),
            r.model
        ),
        kpis: vec![
            Kpi::new("API", "sh-api", format::usd(r.api_monthly)),
            Kpi::new(
                "Renting",
                "sh-rent",
                format::usd_or_dash(r.rent.as_ref().map(|o| o.total)),
            ),
            Kpi::new(
                "Buying",
                "sh-buy",
                format::usd_or_dash(r.buy.as_ref().map(|b| b.total)),
            ),
            Kpi::new(
                format!("GPUs ({})", r.gpu),
                "sh-gpus",
                format::number(r.sizing.gpus, 0),
            ),
            Kpi::new(
                "Per million tokens, renting",
                "sh-per-mtok",
                format::usd_or_dash(r.rent.as_ref().and_then(|o| o.per_mtok)),
            ),
            Kpi::new(
                "Average utilization",
                "sh-utilization",
                format::percent(r.sizing.utilization),
            ),
            rent_break_even,
            Kpi::new(
                "Buying pays back in",
                "sh-payback",
                r.payback_months.map_or_else(
                    || "—".to_owned(),
                    |m| format!("{} months", format::number(m, 1)),
                ),
            ),
        ],
        verdict: r.verdict.clone(),
        notes: r.notes.clone(),
    }
}

/// Monthly cost against monthly volume for the API, renting and buying, break-evens marked;
/// `None` without a curve.
pub fn break_even(r: &SelfHostReport) -> Option<Plot> {
    let points = &r.curve;
    if points.is_empty() {
        return None;
    }
    let mut series = vec![Series {
        label: "API".into(),
        class: "line-api",
        points: points.iter().map(|p| (p.tokens, p.api)).collect(),
        step: false,
    }];
    if points.iter().all(|p| p.rent.is_some()) {
        series.push(Series {
            label: "Renting".into(),
            class: "line-rent",
            points: points
                .iter()
                .map(|p| (p.tokens, p.rent.unwrap_or(0.0)))
                .collect(),
            step: true,
        });
    }
    if points.iter().all(|p| p.buy.is_some()) {
        series.push(Series {
            label: "Buying".into(),
            class: "line-buy",
            points: points
                .iter()
                .map(|p| (p.tokens, p.buy.unwrap_or(0.0)))
                .collect(),
            step: true,
        });
    }
    let mut markers: Vec<(f64, String)> = vec![(r.tokens_per_month, "today".into())];
    markers.extend(
        r.rent
            .as_ref()
            .and_then(|o| o.break_even_tokens)
            .map(|v| (v, "rent = API".to_owned())),
    );
    markers.extend(
        r.buy
            .as_ref()
            .and_then(|b| b.break_even_tokens)
            .map(|v| (v, "buy = API".to_owned())),
    );
    Some(line_chart(
        &series,
        &markers,
        format::compact,
        format::usd_short,
        "Monthly cost of the API, renting and buying against tokens a month",
    ))
}

/// The break-even chart as a table: every 24th point of the curve.
pub fn break_even_table(r: &SelfHostReport) -> Table {
    let dash = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), format::usd_short);
    Table {
        heads: vec![
            Head::text("Tokens a month"),
            Head::num("API"),
            Head::num("Renting"),
            Head::num("Buying"),
        ],
        rows: r
            .curve
            .iter()
            .step_by(24)
            .map(|p| Row {
                cells: vec![
                    Cell::new(format::compact(p.tokens), ""),
                    Cell::num(format::usd_short(p.api)),
                    Cell::num(dash(p.rent)),
                    Cell::num(dash(p.buy)),
                ],
                ..Row::default()
            })
            .collect(),
    }
}

/// What renting and buying cost a month, line by line, with the total and the cost per
/// million tokens; and the upfront sentence (empty when nothing is bought).
pub fn costs(r: &SelfHostReport) -> (Table, String) {
    let (rent, buy) = (r.rent.as_ref(), r.buy.as_ref());
    let mut labels: Vec<&'static str> = Vec::new();
    for o in [rent, buy].into_iter().flatten() {
        for p in &o.parts {
            if !labels.contains(&p.0) {
                labels.push(p.0);
            }
        }
    }
    let part = |o: Option<&OptionCost>, label: &str| {
        o.and_then(|o| o.parts.iter().find(|p| p.0 == label))
            .map_or_else(String::new, |p| format::usd(p.1))
    };
    let both = |f: &dyn Fn(&OptionCost) -> String| {
        [rent, buy].map(|o| Cell::num(o.map_or_else(|| "—".to_owned(), f)))
    };
    let row = |label: &str, class: &'static str, cells: [Cell; 2]| Row {
        class,
        cells: std::iter::once(Cell::new(label, "")).chain(cells).collect(),
        ..Row::default()
    };
    let mut rows: Vec<Row> = labels
        .iter()
        .map(|l| row(l, "", [Cell::num(part(rent, l)), Cell::num(part(buy, l))]))
        .collect();
    rows.push(row("Overhead", "", both(&|o| format::usd(o.overhead))));
    rows.push(row("Staff", "", both(&|o| format::usd(o.staff))));
    rows.push(row("Total", "total-row", both(&|o| format::usd(o.total))));
    rows.push(row(
        "Per million tokens",
        "",
        both(&|o| format::usd_or_dash(o.per_mtok)),
    ));
    let upfront = r.upfront.map_or_else(String::new, |u| {
        format!(
            "Buying needs {} upfront for the GPUs and their servers.",
            format::usd(u)
        )
    });
    (
        Table {
            heads: vec![
                Head::text("Item"),
                Head::num("Renting"),
                Head::num("Buying"),
            ],
            rows,
        },
        upfront,
    )
}

/// Memory fit and throughput: the sentence, the memory bar and its label, the group sizes,
/// the figures, and the estimate next to published measurements.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fit {
    /// "Fits on 2 × H100: …".
    pub text: String,
    /// Weights and cache as shares of usable memory.
    pub memory: Vec<Segment>,
    /// What the memory bar shows, in words.
    pub memory_label: String,
    /// The largest batch each group size allows.
    pub groups: String,
    /// Tokens per second, replicas, what bounds decode.
    pub kpis: Vec<Kpi>,
    /// The sentence above the measurements.
    pub measured_hint: String,
    /// The measurements, each with a button that uses it.
    pub comparisons: Table,
}

/// The memory fit and throughput of a self-hosting report.
pub fn fit(r: &SelfHostReport) -> Fit {
    let f = &r.fit;
    let t = &r.throughput;
    let usable = f.usable_gib.max(f64::MIN_POSITIVE);
    let share = |v: f64| super::width((v / usable * 100.0).clamp(0.0, 100.0));
    let text = format!(
        "Fits on {} × {}: weights {} GiB, KV cache {} KiB a token, so {} requests of {} tokens ({} GiB of cache) in {} GiB usable.",
        f.gpus_per_replica,
        r.gpu,
        format::number(f.weights_gib, 1),
        format::number(f.kv_bytes_per_token / 1024.0, 0),
        format::number(f.batch, 0),
        format::number(f.context_tokens, 0),
        format::number(f.kv_gib, 1),
        format::number(f.usable_gib, 1),
    );
    let groups = f
        .groups
        .iter()
        .map(|(g, b)| match b {
            Some(b) => format!(
                "{g} GPU{}: up to {} requests",
                plural(*g),
                format::number(*b, 0)
            ),
            None => format!("{g} GPU{}: does not fit", plural(*g)),
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let measured_note = if t.measured {
        " (your measured figure)"
    } else {
        " (estimate)"
    };
    let bound = match t.bound {
        Bound::Memory => "Memory",
        Bound::Compute => "Compute",
    };
    let (bound_text, bound_note) = if t.measured {
        ("—".to_owned(), String::new())
    } else {
        (
            bound.to_owned(),
            format!(" {} of time in prefill", format::percent(t.prefill_share)),
        )
    };
    let kpis = vec![
        Kpi::new(
            format!("Output tokens/s per replica{measured_note}"),
            "sh-output-rate",
            format::number(t.output_tokens_per_s, 0),
        ),
        Kpi::new(
            "All tokens/s per replica",
            "sh-total-rate",
            format::number(t.total_tokens_per_s, 0),
        ),
        Kpi::new(
            format!(
                "Replicas of {} GPU{}",
                f.gpus_per_replica,
                plural(f.gpus_per_replica)
            ),
            "sh-replicas",
            format::number(r.sizing.replicas, 0),
        )
        .with_note(format!(
            " peak load {}",
            format::number(r.sizing.peak_load, 2)
        )),
        Kpi::new("Decode limited by", "", bound_text).with_note(bound_note),
    ];
    let measured_hint = format!(
        "Output tokens/s of one replica. {}. Offline runs at maximum load are ceilings; a latency-bound service gets less. Use a figure to replace the estimate.",
        r.comparisons
            .first()
            .map(|c| format!("{}, {}", c.measurement.engine, c.measurement.source))
            .unwrap_or_default()
    );
    let rows =
        r.comparisons
            .iter()
            .map(|c| {
                let m = c.measurement;
                Row {
                    cells: vec![
                        Cell {
                            title: format!(
                                "{} × {} {}, {}; {}, {}",
                                m.gpus,
                                r.gpu,
                                m.precision.label(),
                                m.engine,
                                m.source,
                                m.date
                            ),
                            ..Cell::new(
                                format!("{} GPU{} {}", m.gpus, plural(m.gpus), m.precision.label()),
                                "setup-cell",
                            )
                            .with_note(
                                "setup",
                                format!(
                                    "{} in → {} out",
                                    format::compact(m.input_tokens),
                                    format::compact(m.output_tokens)
                                ),
                            )
                        },
                        Cell::num(format::number(m.output_tokens_per_s, 0)),
                        Cell::num(
                            c.estimate
                                .map_or_else(|| "—".to_owned(), |e| format::number(e, 0)),
                        ),
                        Cell::num(c.ratio().map_or_else(
                            || "—".to_owned(),
                            |x| format!("{}×", format::number(x, 2)),
                        )),
                        Cell {
                            button: format!(
                                "Use {} tokens/s",
                                format::number(m.output_tokens_per_s, 0)
                            ),
                            ..Cell::new("Use", "")
                        },
                    ],
                    ..Row::default()
                }
            })
            .collect();
    Fit {
        text,
        memory: vec![
            super::Segment {
                class: "seg seg-weights".to_owned(),
                width: share(f.weights_gib),
            },
            super::Segment {
                class: "seg seg-cache".to_owned(),
                width: share(f.kv_gib),
            },
        ],
        memory_label: format!(
            "Memory per replica: weights {} GiB, cache {} GiB, free {} GiB",
            format::number(f.weights_gib, 1),
            format::number(f.kv_gib, 1),
            format::number(f.free_gib, 1)
        ),
        groups,
        kpis,
        measured_hint,
        comparisons: Table {
            heads: vec![
                Head::text("Setup"),
                Head::num("Measured"),
                Head::num("Estimate"),
                Head::num("Ratio"),
                Head::hidden("Use"),
            ],
            rows,
        },
    }
}
