//! The commitment tab's text: the answer, the four ways, the terms, the demand charts, the
//! stress tests and the Monte Carlo, display-ready (moved here from the page's views, which
//! wrote them as HTML text).

use super::plot::{line_chart, AxisLabel, GridLine, Plot, PlotPath, Series};
use super::{bars, Bar, Cell, Head, Kpi, Row, Table};
use crate::core::chart::{coordinate, nice_ceiling, scale, svg_path};
use crate::core::commitment::{gpus_text, CommitmentReport, MonteCarlo, Plan, TermResult};
use crate::core::format;
use crate::core::units::Usd;

fn term_name(t: &TermResult) -> &'static str {
    if t.months == 12 {
        "1-year"
    } else {
        "3-year"
    }
}

/// The answer: the recommendation, what to commit, the figures and the reasons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// The recommendation in one sentence.
    pub headline: String,
    /// The GPUs committed by the best plan.
    pub committed: String,
    /// The sentence under it.
    pub sub: String,
    /// The key figures.
    pub kpis: Vec<Kpi>,
    /// The reasons, then the notes.
    pub reasons: Vec<String>,
}

/// The answer of a commitment report.
pub fn answer(r: &CommitmentReport) -> Answer {
    let term = r.best_term();
    let best_line = r.plan(r.best);
    let of_term = |f: &dyn Fn(&TermResult) -> String| term.map_or_else(|| "—".to_owned(), f);
    let kpi = |label: &str, test_id: &'static str, value: String| Kpi::new(label, test_id, value);
    let kpis = vec![
        kpi(
            "Monthly cost, best plan",
            "cm-monthly",
            format::usd_or_dash(best_line.map(|p| p.monthly)),
        ),
        kpi(
            "All on demand",
            "cm-none",
            format::usd_or_dash(r.plan(Plan::NoCommitment).map(|p| p.monthly)),
        ),
        kpi(
            "Coverage of demand",
            "cm-coverage",
            of_term(&|t| format::percent(t.coverage)),
        ),
        kpi(
            "Commitment used",
            "cm-utilization",
            of_term(&|t| format::percent(t.utilization)),
        ),
        kpi(
            "Saves a month vs on demand",
            "cm-saving",
            of_term(&|t| format::usd(t.saving_vs_none)),
        ),
        kpi(
            "Saves a month vs reserving the peak",
            "cm-saving-peak",
            of_term(&|t| format::usd(t.saving_vs_peak)),
        ),
        kpi(
            "Unused commitment over the term",
            "cm-waste",
            of_term(&|t| format::usd_short(t.waste.value())),
        ),
        kpi(
            "Breaks even at utilization",
            "cm-break-even",
            of_term(&|t| {
                t.break_even_utilization
                    .map_or_else(|| "—".to_owned(), format::percent)
            }),
        ),
    ];
    let sub = format!(
        "of {} {}, the rest on demand. Demand: {} to {} GPUs, {} on average.",
        r.gpu,
        match r.best {
            Plan::NoCommitment => "committed: no commitment pays off",
            Plan::OneYear => "committed for 1 year at a time",
            Plan::ThreeYear => "committed for 3 years",
        },
        format::number(r.low_gpus, 1),
        format::number(r.peak_gpus, 1),
        format::number(r.mean_gpus, 1)
    );
    Answer {
        headline: r.recommendation.headline.clone(),
        committed: best_line.map_or_else(|| "0 GPUs".to_owned(), |p| gpus_text(&p.levels)),
        sub,
        kpis,
        reasons: r
            .recommendation
            .reasons
            .iter()
            .chain(&r.notes)
            .cloned()
            .collect(),
    }
}

/// The four ways to serve the work: a bar each (the cheapest highlighted) and the table.
pub fn ways(r: &CommitmentReport) -> (Vec<Bar>, Table) {
    let cheapest = r.cheapest_way;
    let bars = bars(r.ways.iter().filter_map(|w| {
        w.monthly.map(|m| {
            let class = if Some(w.way) == cheapest {
                "fill-best"
            } else {
                "fill-other"
            };
            (w.way.label().to_owned(), m.value(), format::usd(m), class)
        })
    }));
    let rows = r
        .ways
        .iter()
        .map(|w| Row {
            test_id: format!("cm-way-{}", w.way.key()),
            class: if Some(w.way) == cheapest {
                "best-row"
            } else {
                ""
            },
            cells: vec![
                Cell::new(w.way.label(), ""),
                Cell::num(format::usd_or_dash(w.monthly)),
                Cell::new(w.detail.clone(), "detail"),
            ],
            ..Row::default()
        })
        .collect();
    (
        bars,
        Table {
            heads: vec![
                Head::text("Way"),
                Head::num("A month"),
                Head::text("What it assumes"),
            ],
            rows,
        },
    )
}

/// Average monthly cost against the GPUs committed, for each term, optima marked.
pub fn curve(r: &CommitmentReport) -> Plot {
    let one = r.curve.iter().map(|p| (p.level, p.one_year)).collect();
    let three = r.curve.iter().map(|p| (p.level, p.three_year)).collect();
    let series = [
        Series {
            label: "1-year term (first year)".into(),
            class: "line-rent",
            points: one,
            step: false,
        },
        Series {
            label: "3-year term".into(),
            class: "line-api",
            points: three,
            step: false,
        },
    ];
    let markers: Vec<(f64, String)> = r
        .terms
        .iter()
        .map(|t| (t.level, format!("{} optimum", term_name(t))))
        .collect();
    line_chart(
        &series,
        &markers,
        gpu_axis,
        format::usd_short,
        "Average monthly cost against the number of GPUs committed, for 1-year and 3-year terms",
    )
}

fn gpu_axis(v: f64) -> String {
    format::number(v, 0)
}

fn hour_axis(h: f64) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = (h / 24.0).floor() as usize;
    let hour = (h as usize) % 24;
    format!(
        "{} {}{hour}:00",
        DAYS[day % 7],
        if hour < 10 { "0" } else { "" }
    )
}

/// The terms at their optimum, one column per term.
pub fn terms(r: &CommitmentReport) -> Table {
    let t = &r.terms;
    let cells =
        |f: &dyn Fn(&TermResult) -> String| t.iter().map(|t| Cell::num(f(t))).collect::<Vec<_>>();
    let hours = |t: &TermResult| {
        t.upfront_break_even_hours
            .map_or_else(|| "—".to_owned(), |h| format!("{} h", format::number(h, 0)))
    };
    let usd_of = |v: f64| format::usd(Usd::new(v).unwrap_or(Usd::ZERO));
    let lines: Vec<(&str, &str, Vec<Cell>)> = vec![
        (
            "GPUs committed",
            "level",
            cells(&|t| format::number(t.level, 0)),
        ),
        (
            "Exact optimum (a demand quantile)",
            "quantile",
            cells(&|t| format::number(t.quantile, 2)),
        ),
        (
            "Effective price per GPU-hour",
            "rate",
            cells(&|t| usd_of(t.rate.effective)),
        ),
        (
            "Paid upfront per GPU",
            "upfront",
            cells(&|t| usd_of(t.rate.upfront)),
        ),
        (
            "Upfront pays for itself after",
            "upfront-hours",
            cells(&hours),
        ),
        (
            "Breaks even at utilization",
            "break-even",
            cells(&|t| {
                t.break_even_utilization
                    .map_or_else(|| "—".to_owned(), format::percent)
            }),
        ),
        (
            "Coverage of demand",
            "coverage",
            cells(&|t| format::percent(t.coverage)),
        ),
        (
            "Commitment used",
            "utilization",
            cells(&|t| format::percent(t.utilization)),
        ),
        (
            "Unused committed GPU-hours",
            "waste",
            cells(&|t| {
                format!(
                    "{} ({})",
                    format::compact(t.waste_gpu_hours),
                    format::usd(t.waste)
                )
            }),
        ),
        (
            "Monthly cost",
            "monthly",
            cells(&|t| format::usd(t.monthly)),
        ),
        (
            "All on demand",
            "none",
            cells(&|t| format::usd(t.monthly_none)),
        ),
        (
            "Reserving the peak",
            "peak",
            cells(&|t| {
                format!(
                    "{} ({})",
                    format::usd(t.monthly_peak),
                    gpus_text(&[t.peak_level])
                )
            }),
        ),
        (
            "Saves a month vs on demand",
            "saving",
            cells(&|t| format::usd(t.saving_vs_none)),
        ),
        (
            "Saves a month vs the peak",
            "saving-peak",
            cells(&|t| format::usd(t.saving_vs_peak)),
        ),
    ];
    let mut heads = vec![Head::text("At the optimum")];
    heads.extend(t.iter().map(|t| Head::num(term_name(t))));
    Table {
        heads,
        rows: lines
            .into_iter()
            .map(|(label, key, cells)| Row {
                test_id: format!("cm-term-{key}"),
                cells: std::iter::once(Cell::new(label, "")).chain(cells).collect(),
                ..Row::default()
            })
            .collect(),
    }
}

/// The 36-month demand chart: a band from each week's quietest to busiest hour, the weekly
/// average, and the 1-year (by year) and 3-year commitments, in a 640 × 240 view box.
pub fn demand(r: &CommitmentReport) -> Plot {
    const W: f64 = 640.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 26.0;
    let plot_w = W - LEFT - 8.0;
    let plot_h = H - TOP - BOTTOM;
    let weeks = &r.demand.profile.weeks;
    let n = weeks.len().max(1) as f64;
    let top = nice_ceiling(r.peak_gpus);
    let x = |w: f64| LEFT + w / n * plot_w;
    let y = |v: f64| TOP + plot_h - scale(v, top, plot_h);
    let upper = weeks
        .iter()
        .enumerate()
        .map(|(i, b)| (x(i as f64 + 0.5), y(b.high)));
    let lower = weeks
        .iter()
        .enumerate()
        .rev()
        .map(|(i, b)| (x(i as f64 + 0.5), y(b.low)));
    let band = format!("{}Z", svg_path(upper.chain(lower), false));
    let mean = svg_path(
        weeks
            .iter()
            .enumerate()
            .map(|(i, b)| (x(i as f64 + 0.5), y(b.mean))),
        false,
    );
    let per_year = n / 3.0;
    let levels = |plan: Plan| {
        r.plan(plan).map_or_else(String::new, |p| {
            let mut pts: Vec<(f64, f64)> = p
                .levels
                .iter()
                .enumerate()
                .map(|(k, l)| (x(k as f64 * per_year), y(*l)))
                .collect();
            pts.push((x(n), y(p.levels.last().copied().unwrap_or(0.0))));
            svg_path(pts, true)
        })
    };
    let grid = [0.0, 0.5, 1.0]
        .iter()
        .map(|f| {
            let yy = y(top * f);
            GridLine {
                x1: coordinate(LEFT),
                x2: coordinate(W - 8.0),
                y: coordinate(yy),
                label_x: coordinate(LEFT - 6.0),
                label_y: coordinate(yy + 4.0),
                text: format::number(top * f, 0),
            }
        })
        .collect();
    let x_labels = [
        (0.0, "start", "today"),
        (1.0, "middle", "year 1"),
        (2.0, "middle", "year 2"),
        (3.0, "end", "year 3"),
    ]
    .iter()
    .map(|&(k, anchor, text)| AxisLabel {
        x: coordinate(x(k * per_year)),
        y: coordinate(H - 8.0),
        anchor,
        text: text.to_owned(),
    })
    .collect();
    let path = |d: String, class: &str| PlotPath {
        d,
        class: class.to_owned(),
    };
    Plot {
        label: format!(
            "GPUs in use over 36 months, {} to {}, with the 1-year and 3-year commitments",
            format::number(r.low_gpus, 1),
            format::number(r.peak_gpus, 1)
        ),
        grid,
        x_labels,
        markers: Vec::new(),
        paths: vec![
            path(band, "band"),
            path(mean, "line line-demand"),
            path(levels(Plan::OneYear), "line line-rent"),
            path(levels(Plan::ThreeYear), "line line-api"),
        ],
        legend: [
            ("swatch band", "Quietest to busiest hour"),
            ("swatch line-demand", "Weekly average"),
            ("swatch line-rent", "1-year commitment"),
            ("swatch line-api", "3-year commitment"),
        ]
        .iter()
        .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
        .collect(),
    }
}

/// The sentence above the demand chart.
pub fn demand_label(r: &CommitmentReport) -> String {
    format!(
        "{}. GPUs in use, week by week over 36 months: the band spans each week's quietest to busiest hour, the line is its average.",
        r.demand_label
    )
}

/// The first week, hour by hour, with the commitments drawn over it.
pub fn first_week(r: &CommitmentReport) -> Plot {
    let week: Vec<(f64, f64)> = r
        .demand
        .profile
        .first_week
        .iter()
        .enumerate()
        .map(|(h, d)| (h as f64, *d))
        .collect();
    let hours = week.len() as f64;
    let mut series = vec![Series {
        label: "Demand".into(),
        class: "line-demand",
        points: week,
        step: true,
    }];
    for (plan, class, label) in [
        (Plan::OneYear, "line-rent", "1-year commitment"),
        (Plan::ThreeYear, "line-api", "3-year commitment"),
    ] {
        if let Some(p) = r.plan(plan) {
            let l = p.levels.first().copied().unwrap_or(0.0);
            series.push(Series {
                label: label.into(),
                class,
                points: vec![(0.0, l), (hours, l)],
                step: false,
            });
        }
    }
    line_chart(
        &series,
        &[],
        hour_axis,
        gpu_axis,
        "GPUs in use hour by hour in the first week, with the commitments",
    )
}

/// Each plan's 36-month cost if demand or prices move, with its regret.
pub fn stress(r: &CommitmentReport) -> Table {
    let mut heads = vec![Head::text("If")];
    heads.extend(Plan::ALL.iter().map(|p| Head::num(p.label())));
    let rows = r
        .stress
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::new(row.label.clone(), "")];
            cells.extend(row.costs.iter().zip(&row.regrets).map(|(c, g)| {
                let note = if g.value() < 0.5 {
                    "best".to_owned()
                } else {
                    format!("+{} regret", format::usd_short(g.value()))
                };
                Cell::num(format::usd_short(c.value())).with_note("regret", note)
            }));
            Row {
                cells,
                ..Row::default()
            }
        })
        .collect();
    Table { heads, rows }
}

/// One plan's Monte Carlo range as CSS lengths on a common axis: the P10–P90 bar and the
/// median's mark.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Range {
    /// The plan.
    pub label: String,
    /// `left:NN%;width:NN%` of the bar.
    pub bar: String,
    /// `left:NN%` of the median.
    pub mid: String,
}

/// The Monte Carlo's text: the sentence, the ranges and the table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonteCarloText {
    /// What was drawn, and how long it took.
    pub hint: String,
    /// P10 to P90 per plan.
    pub ranges: Vec<Range>,
    /// P10, P50, P90 and how often each plan is the cheapest.
    pub table: Table,
}

/// The Monte Carlo's text, `took` milliseconds after it started.
pub fn monte_carlo(mc: &MonteCarlo, took: f64) -> MonteCarloText {
    let max = mc.spreads.iter().map(|s| s.p90.value()).fold(0.0, f64::max);
    let top = nice_ceiling(max);
    let pct = |v: f64| scale(v, top, 100.0);
    let ranges = Plan::ALL
        .iter()
        .zip(&mc.spreads)
        .map(|(p, s)| Range {
            label: p.label().to_owned(),
            bar: format!(
                "left:{}%;width:{}%",
                format::fixed(pct(s.p10.value()), 2),
                format::fixed((pct(s.p90.value()) - pct(s.p10.value())).max(0.5), 2)
            ),
            mid: format!("left:{}%", format::fixed(pct(s.p50.value()), 2)),
        })
        .collect();
    let rows = Plan::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let s = mc.spreads.get(i).copied();
            let m = |f: fn(&crate::core::commitment::Spread) -> Usd| {
                Cell::num(s.map_or_else(|| "—".to_owned(), |s| format::usd_short(f(&s).value())))
            };
            Row {
                test_id: format!("cm-mc-{}", p.key()),
                cells: vec![
                    Cell::new(p.label(), ""),
                    m(|s| s.p10),
                    m(|s| s.p50),
                    m(|s| s.p90),
                    Cell::num(
                        mc.cheapest.get(i).map_or_else(String::new, |c| {
                            format!("{} of draws", format::percent(*c))
                        }),
                    ),
                ],
                ..Row::default()
            }
        })
        .collect();
    MonteCarloText {
        hint: format!(
            "{} draws (seed {}), in {} ms: demand log-normal around the forecast, on-demand prices falling between 0 and twice the expected rate a year. The bar spans P10 to P90, the mark is the median.",
            format::number(f64::from(mc.draws), 0),
            mc.seed,
            format::number(took, 0)
        ),
        ranges,
        table: Table {
            heads: vec![
                Head::text("Plan"),
                Head::num("P10"),
                Head::num("P50"),
                Head::num("P90"),
                Head::num("Cheapest in"),
            ],
            rows,
        },
    }
}
