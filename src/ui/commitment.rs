//! The commitment view: the recommendation and the optimal commitment first, the four-way
//! comparison, the charts and the risks below, the inputs beside them
//! ([`super::commitment_inputs`]). Everything shown comes from [`crate::core::commitment`].

use super::chart::{BarList, LineChart, Series};
use super::commitment_inputs::{DemandInputs, PriceInputs, RiskInputs};
use super::html::{cell, esc, table, Row};
use super::stages::use_stages;
use super::state::{use_app_state, Stage, Tab};
use crate::core::commitment::{
    gpus_text, CommitmentError, CommitmentReport, McSettings, MonteCarlo, Plan, PricedDemand,
    TermResult,
};
use crate::core::{format, units::Usd};
use leptos::prelude::*;
use std::sync::Arc;

fn with_commitment<T>(
    f: impl Fn(&CommitmentReport) -> T,
) -> impl Fn(&Stage<CommitmentReport, CommitmentError>) -> Option<T> {
    move |r| r.as_deref().ok().map(&f)
}

/// The commitment tab: the answer, the comparison, the charts and the risks, the inputs
/// beside them.
pub fn tab() -> impl IntoView {
    view! {
        <div class="results">
            <CommitmentSummary />
            <WaysPanel />
            <CommitmentCurve />
            <DemandChart />
            <RiskPanel />
        </div>
        <div class="sidebar">
            <DemandInputs />
            <PriceInputs />
            <RiskInputs />
        </div>
    }
}

fn term_name(t: &TermResult) -> &'static str {
    if t.months == 12 {
        "1-year"
    } else {
        "3-year"
    }
}

/// The answer: what to commit, what it saves, and why.
#[component]
pub fn CommitmentSummary() -> impl IntoView {
    let stages = use_stages();
    let error = move || {
        stages
            .commitment_view
            .with(|r| r.as_ref().err().map(ToString::to_string))
    };
    view! {
        <section class="panel answer" aria-labelledby="cm-answer-title">
            <h2 id="cm-answer-title" class="eyebrow">"Reserve or stay on demand"</h2>
            <p class="error" data-testid="cm-error" role="alert">{error}</p>
            {move || stages.commitment_view.with(with_commitment(summary))}
        </section>
    }
}

fn summary(r: &CommitmentReport) -> impl IntoView {
    let term = r.best_term();
    let best_line = r.plan(r.best);
    let rec = r.recommendation.clone();
    let committed = best_line.map_or_else(|| "0 GPUs".to_owned(), |p| gpus_text(&p.levels));
    let of_term = |f: &dyn Fn(&TermResult) -> String| term.map_or_else(|| "—".to_owned(), f);
    let kpis: Vec<(&'static str, &'static str, String)> = vec![
        (
            "Monthly cost, best plan",
            "cm-monthly",
            format::usd_or_dash(best_line.map(|p| p.monthly)),
        ),
        (
            "All on demand",
            "cm-none",
            format::usd_or_dash(r.plan(Plan::NoCommitment).map(|p| p.monthly)),
        ),
        (
            "Coverage of demand",
            "cm-coverage",
            of_term(&|t| format::percent(t.coverage)),
        ),
        (
            "Commitment used",
            "cm-utilization",
            of_term(&|t| format::percent(t.utilization)),
        ),
        (
            "Saves a month vs on demand",
            "cm-saving",
            of_term(&|t| format::usd(t.saving_vs_none)),
        ),
        (
            "Saves a month vs reserving the peak",
            "cm-saving-peak",
            of_term(&|t| format::usd(t.saving_vs_peak)),
        ),
        (
            "Unused commitment over the term",
            "cm-waste",
            of_term(&|t| format::usd_short(t.waste.value())),
        ),
        (
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
    let notes = r.notes.clone();
    view! {
        <p class="verdict-title" data-testid="cm-headline">{rec.headline}</p>
        <p class="total" data-testid="cm-committed">{committed}</p>
        <p class="total-sub">{sub}</p>
        <dl class="kpis">
            {kpis.into_iter().map(|(label, id, value)| view! {
                <div><dt>{label}</dt><dd data-testid=id>{value}</dd></div>
            }).collect_view()}
        </dl>
        <ul class="verdict" data-testid="cm-reasons">
            {rec.reasons.into_iter().chain(notes).map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
    }
}

/// Pay per token, on demand, committed, owned: one table and one chart.
#[component]
pub fn WaysPanel() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.commitment_view.with(with_commitment(|r| {
            let ways = r.ways.clone();
            let cheapest = r.cheapest_way;
            let bars: Vec<(String, f64, String, &'static str)> = ways
                .iter()
                .filter_map(|w| {
                    w.monthly.map(|m| {
                        let class = if Some(w.way) == cheapest { "fill-best" } else { "fill-other" };
                        (w.way.label().to_owned(), m.value(), format::usd(m), class)
                    })
                })
                .collect();
            let rows: Vec<Row> = ways
                .iter()
                .map(|w| Row {
                    test_id: format!("cm-way-{}", w.way.key()),
                    best: Some(w.way) == cheapest,
                    cells: vec![cell(w.way.label(), None), cell(&format::usd_or_dash(w.monthly), None), cell(&w.detail, None)],
                })
                .collect();
            let table_html = table("wide-head", "cm-ways", &["Way", "A month", "What it assumes"], &[2], &rows);
            view! {
                <section class="panel" aria-labelledby="ways-title">
                    <h2 id="ways-title" class="section-title">"Four ways to serve the same work"</h2>
                    <p class="hint">"Average monthly cost over 36 months as forecast, with the self-hosting staff and overhead. The cheapest is highlighted."</p>
                    <BarList rows=bars test_id="cm-ways-chart" />
                    <div class="table-wrap" inner_html=table_html />
                </section>
            }
        }))
    }
}

/// Average monthly cost against the GPUs committed, optima marked; the terms' figures.
#[component]
pub fn CommitmentCurve() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.commitment_view.with(with_commitment(|r| {
            let one: Vec<(f64, f64)> = r.curve.iter().map(|p| (p.level, p.one_year)).collect();
            let three: Vec<(f64, f64)> = r.curve.iter().map(|p| (p.level, p.three_year)).collect();
            let series = vec![
                Series { label: "1-year term (first year)".into(), class: "line-rent", points: one, step: false },
                Series { label: "3-year term".into(), class: "line-api", points: three, step: false },
            ];
            let markers: Vec<(f64, String)> = r
                .terms
                .iter()
                .map(|t| (t.level, format!("{} optimum", term_name(t))))
                .collect();
            let mut head = vec!["At the optimum"];
            head.extend(r.terms.iter().map(term_name));
            let rows: Vec<Row> = term_rows(&r.terms)
                .into_iter()
                .map(|(label, key, cells)| Row {
                    test_id: format!("cm-term-{key}"),
                    best: false,
                    cells: std::iter::once(cell(label, None)).chain(cells.iter().map(|c| cell(c, None))).collect(),
                })
                .collect();
            let terms_html = table("", "cm-terms", &head, &[], &rows);
            view! {
                <section class="panel" aria-labelledby="curve-title">
                    <h2 id="curve-title" class="section-title">"Cost against the GPUs committed"</h2>
                    <p class="hint">"Average monthly cost of committing to a level and buying the rest on demand. At 0 everything is on demand; at the right edge the peak is reserved. The optimum is where the share of hours busier than the level equals the reserved price ÷ the on-demand price."</p>
                    <LineChart series markers x_format=gpu_axis y_format=format::usd_short
                        label="Average monthly cost against the number of GPUs committed, for 1-year and 3-year terms" test_id="cm-curve" />
                    <div class="table-wrap" inner_html=terms_html />
                </section>
            }
        }))
    }
}

fn gpu_axis(v: f64) -> String {
    format::number(v, 0)
}

type TermRow = (&'static str, &'static str, Vec<String>);

fn term_rows(terms: &[TermResult]) -> Vec<TermRow> {
    let cells = |f: &dyn Fn(&TermResult) -> String| terms.iter().map(f).collect::<Vec<_>>();
    let hours = |t: &TermResult| {
        t.upfront_break_even_hours
            .map_or_else(|| "—".to_owned(), |h| format!("{} h", format::number(h, 0)))
    };
    vec![
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
            cells(&|t| format::usd(Usd::new(t.rate.effective).unwrap_or(Usd::ZERO))),
        ),
        (
            "Paid upfront per GPU",
            "upfront",
            cells(&|t| format::usd(Usd::new(t.rate.upfront).unwrap_or(Usd::ZERO))),
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
    ]
}

/// Demand over time with the commitments drawn over it.
#[component]
pub fn DemandChart() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.commitment_view.with(with_commitment(|r| {
            let svg = demand_svg(r);
            let first_week: Vec<(f64, f64)> = r.demand.profile.first_week.iter().enumerate().map(|(h, d)| (h as f64, *d)).collect();
            let hours = first_week.len() as f64;
            let mut week_series = vec![Series { label: "Demand".into(), class: "line-demand", points: first_week, step: true }];
            for (plan, class, label) in [(Plan::OneYear, "line-rent", "1-year commitment"), (Plan::ThreeYear, "line-api", "3-year commitment")] {
                if let Some(p) = r.plan(plan) {
                    let l = p.levels.first().copied().unwrap_or(0.0);
                    week_series.push(Series { label: label.into(), class, points: vec![(0.0, l), (hours, l)], step: false });
                }
            }
            view! {
                <section class="panel" aria-labelledby="demand-title">
                    <h2 id="demand-title" class="section-title">"Demand and the commitment over it"</h2>
                    <p class="hint" data-testid="cm-demand-label">{format!("{}. GPUs in use, week by week over 36 months: the band spans each week's quietest to busiest hour, the line is its average.", r.demand_label)}</p>
                    <figure class="line-chart" data-testid="cm-demand-chart" inner_html=svg></figure>
                    <h3 class="subhead">"The first week, hour by hour"</h3>
                    <LineChart series=week_series markers=Vec::new() x_format=hour_axis y_format=gpu_axis
                        label="GPUs in use hour by hour in the first week, with the commitments" test_id="cm-week-chart" />
                </section>
            }
        }))
    }
}

/// The 36-month demand chart as SVG text: a band from each week's quietest to busiest hour,
/// the weekly average, and the 1-year (by year) and 3-year commitments.
fn demand_svg(r: &CommitmentReport) -> String {
    use crate::core::chart::{nice_ceiling, scale, svg_path};
    use std::fmt::Write;
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
        r.plans
            .iter()
            .find(|p| p.plan == plan)
            .map_or_else(String::new, |p| {
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
    let mut svg = format!(
        "<svg viewBox=\"0 0 640 240\" role=\"img\" aria-label=\"{}\">",
        esc(&format!(
            "GPUs in use over 36 months, {} to {}, with the 1-year and 3-year commitments",
            format::number(r.low_gpus, 1),
            format::number(r.peak_gpus, 1)
        ))
    );
    let coord = crate::core::chart::coordinate;
    for f in [0.0, 0.5, 1.0] {
        let yy = y(top * f);
        let _ = write!(
            svg,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">{}</text>",
            coord(LEFT),
            coord(W - 8.0),
            coord(yy),
            coord(yy),
            coord(LEFT - 6.0),
            coord(yy + 4.0),
            format::number(top * f, 0)
        );
    }
    for (k, anchor, text) in [
        (0.0, "start", "today"),
        (1.0, "middle", "year 1"),
        (2.0, "middle", "year 2"),
        (3.0, "end", "year 3"),
    ] {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"{anchor}\">{text}</text>",
            coord(x(k * per_year)),
            coord(H - 8.0)
        );
    }
    let _ = write!(
        svg,
        "<path d=\"{band}\" class=\"band\"/><path d=\"{mean}\" class=\"line line-demand\"/><path d=\"{}\" class=\"line line-rent\"/><path d=\"{}\" class=\"line line-api\"/></svg>",
        levels(Plan::OneYear),
        levels(Plan::ThreeYear)
    );
    svg.push_str("<figcaption class=\"legend\"><span><span class=\"swatch band\"></span>Quietest to busiest hour</span><span><span class=\"swatch line-demand\"></span>Weekly average</span><span><span class=\"swatch line-rent\"></span>1-year commitment</span><span><span class=\"swatch line-api\"></span>3-year commitment</span></figcaption>");
    svg
}

fn hour_axis(h: f64) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = (h / 24.0).floor() as usize;
    format!("{} {:02}:00", DAYS[day % 7], (h as usize) % 24)
}

/// Stress tests with regrets, and the Monte Carlo's P10/P50/P90, computed off the input
/// path: a short pause after the last edit, and only while this tab is shown.
#[component]
pub fn RiskPanel() -> impl IntoView {
    let state = use_app_state();
    let stages = use_stages();
    let model = Memo::new_with_compare(
        move |_| {
            stages
                .commitment_view
                .with(|r| r.as_ref().ok().map(|c| c.demand.clone()))
        },
        super::state::kept_changed,
    );
    let settings = Memo::new(move |_| state.scenario.with(|s| McSettings::of(&s.commitment)));
    let result = RwSignal::new(None::<(MonteCarlo, f64)>);
    let running = RwSignal::new(false);
    // The debounce: replacing the pending timeout drops it, which cancels it.
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        let m: Option<Arc<PricedDemand>> = model.get();
        let settings = settings.get();
        if state.tab.get() != Tab::Commitment {
            return;
        }
        let Some(m) = m else {
            pending.set_value(None);
            result.set(None);
            return;
        };
        running.set(true);
        pending.set_value(Some(gloo_timers::callback::Timeout::new(120, move || {
            let start = now_ms();
            let mc = settings.run(&m);
            let took = now_ms() - start;
            result.set(Some((mc, took)));
            running.set(false);
        })));
    });
    view! {
        <section class="panel" aria-labelledby="risk-title">
            <h2 id="risk-title" class="section-title">"What it risks"</h2>
            {move || stages.commitment_view.with(with_commitment(stress_table))}
            <h3 class="subhead">"Monte Carlo: 36-month cost"</h3>
            <div data-testid="cm-mc" aria-busy=move || if running.get() { "true" } else { "false" }>
                {move || result.with(|r| r.as_ref().map(|(mc, took)| mc_view(mc, *took)))}
            </div>
        </section>
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn stress_table(r: &CommitmentReport) -> impl IntoView {
    let mut head = vec!["If"];
    head.extend(Plan::ALL.iter().map(|p| p.label()));
    let rows: Vec<Row> = r
        .stress
        .iter()
        .map(|row| {
            let mut cells = vec![cell(&row.label, None)];
            cells.extend(row.costs.iter().zip(&row.regrets).map(|(c, g)| {
                let note = if g.value() < 0.5 {
                    "best".to_owned()
                } else {
                    format!("+{} regret", format::usd_short(g.value()))
                };
                cell(&format::usd_short(c.value()), Some(("regret", &note)))
            }));
            Row {
                test_id: String::new(),
                best: false,
                cells,
            }
        })
        .collect();
    let html = table("wide-head", "cm-stress", &head, &[], &rows);
    view! {
        <p class="hint">"Each plan's cost over 36 months if demand or prices move after you commit, and its regret: what it costs beyond the best choice in hindsight. 1-year renewals follow demand from the second year; a 3-year term cannot."</p>
        <div class="table-wrap" inner_html=html />
    }
}

fn mc_view(mc: &MonteCarlo, took: f64) -> impl IntoView {
    use std::fmt::Write;
    let max = mc.spreads.iter().map(|s| s.p90.value()).fold(0.0, f64::max);
    let top = crate::core::chart::nice_ceiling(max);
    let pct = |v: f64| crate::core::chart::scale(v, top, 100.0);
    let mut ranges =
        String::from("<ul class=\"range-list\" data-testid=\"cm-mc-chart\" aria-hidden=\"true\">");
    for (p, s) in Plan::ALL.iter().zip(&mc.spreads) {
        let _ = write!(
            ranges,
            "<li><span class=\"range-label\">{}</span><span class=\"range-track\"><span class=\"range\" style=\"left:{}%;width:{}%\"></span><span class=\"range-mid\" style=\"left:{}%\"></span></span></li>",
            esc(p.label()),
            format::fixed(pct(s.p10.value()), 2),
            format::fixed((pct(s.p90.value()) - pct(s.p10.value())).max(0.5), 2),
            format::fixed(pct(s.p50.value()), 2)
        );
    }
    ranges.push_str("</ul>");
    let rows: Vec<Row> = Plan::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let s = mc.spreads.get(i).copied();
            let m = |f: fn(&crate::core::commitment::Spread) -> Usd| {
                s.map_or_else(|| "—".to_owned(), |s| format::usd_short(f(&s).value()))
            };
            Row {
                test_id: format!("cm-mc-{}", p.key()),
                best: false,
                cells: vec![
                    cell(p.label(), None),
                    cell(&m(|s| s.p10), None),
                    cell(&m(|s| s.p50), None),
                    cell(&m(|s| s.p90), None),
                    cell(
                        &mc.cheapest.get(i).map_or_else(String::new, |c| {
                            format!("{} of draws", format::percent(*c))
                        }),
                        None,
                    ),
                ],
            }
        })
        .collect();
    let html = ranges
        + &table(
            "wide-head",
            "cm-mc-table",
            &["Plan", "P10", "P50", "P90", "Cheapest in"],
            &[],
            &rows,
        );
    view! {
        <p class="hint">{format!(
            "{} draws (seed {}), in {} ms: demand log-normal around the forecast, on-demand prices falling between 0 and twice the expected rate a year. The bar spans P10 to P90, the mark is the median.",
            format::number(f64::from(mc.draws), 0), mc.seed, format::number(took, 0)
        )}</p>
        <div class="table-wrap" inner_html=html />
    }
}
