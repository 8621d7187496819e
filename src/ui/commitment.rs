//! The commitment view: the recommendation and the optimal commitment first, the four-way
//! comparison, the charts and the risks below, the inputs beside them
//! ([`super::commitment_inputs`]). Everything shown comes from [`crate::core::commitment`].

use super::commitment_inputs::{DemandInputs, PriceInputs, RiskInputs};
use super::dom::{
    find, text_of, BarsDom, KpisDom, LinesDom, PlotDom, RangesDom, Shown, TableDom, TextSlot,
};
use super::stages::use_stages;
use super::state::{use_app_state, Tab};
use super::table::panel;
use crate::core::commitment::{CommitmentReport, McSettings, MonteCarlo, PricedDemand};
use crate::core::display::commitment as display;
use leptos::prelude::*;
use std::sync::Arc;

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

/// The answer's parts.
struct AnswerDom {
    shown: Shown,
    headline: TextSlot,
    committed: TextSlot,
    sub: TextSlot,
    kpis: KpisDom,
    reasons: LinesDom,
}

impl AnswerDom {
    fn new(root: &web_sys::Element) -> Option<AnswerDom> {
        Some(AnswerDom {
            shown: Shown::of(find(root, "cm-answer")?),
            headline: text_of(root, "cm-headline")?,
            committed: text_of(root, "cm-committed")?,
            sub: text_of(root, "cm-sub")?,
            kpis: KpisDom::new(&find(root, "cm-kpis")?),
            reasons: LinesDom::new(&find(root, "cm-reasons")?),
        })
    }

    fn update(&mut self, r: Option<&CommitmentReport>) {
        self.shown.set(r.is_some());
        let Some(a) = r.map(display::answer) else {
            return;
        };
        self.headline.set(&a.headline);
        self.committed.set(&a.committed);
        self.sub.set(&a.sub);
        self.kpis.update(&a.kpis);
        self.reasons.update(&a.reasons);
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
    let node = NodeRef::<leptos::html::Section>::new();
    panel(node, AnswerDom::new, move |d: &mut AnswerDom| {
        stages.commitment_view.with(|r| d.update(r.as_deref().ok()));
    });
    view! {
        <section class="panel answer" aria-labelledby="cm-answer-title" node_ref=node>
            <h2 id="cm-answer-title" class="eyebrow">"Reserve or stay on demand"</h2>
            <p class="error" data-testid="cm-error" role="alert">{error}</p>
            <div data-testid="cm-answer" hidden>
                <p class="verdict-title" data-testid="cm-headline"></p>
                <p class="total" data-testid="cm-committed"></p>
                <p class="total-sub" data-testid="cm-sub"></p>
                <dl class="kpis" data-testid="cm-kpis"></dl>
                <ul class="verdict" data-testid="cm-reasons"></ul>
            </div>
        </section>
    }
}

/// Pay per token, on demand, committed, owned: one table and one chart.
#[component]
pub fn WaysPanel() -> impl IntoView {
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                BarsDom::new(&find(root, "cm-ways-chart")?),
                TableDom::new(&find(root, "cm-ways")?)?,
            ))
        },
        move |(shown, bars, table): &mut (Shown, BarsDom, TableDom)| {
            stages.commitment_view.with(|r| {
                let r = r.as_deref().ok();
                shown.set(r.is_some());
                if let Some((b, t)) = r.map(display::ways) {
                    bars.update(&b);
                    table.update(&t, usize::MAX);
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="ways-title" node_ref=node hidden>
            <h2 id="ways-title" class="section-title">"Four ways to serve the same work"</h2>
            <p class="hint">"Average monthly cost over 36 months as forecast, with the self-hosting staff and overhead. The cheapest is highlighted."</p>
            <ul class="bar-list" data-testid="cm-ways-chart"></ul>
            <div class="table-wrap"><table class="breakdown wide-head" data-testid="cm-ways"></table></div>
        </section>
    }
}

/// Average monthly cost against the GPUs committed, optima marked; the terms' figures.
#[component]
pub fn CommitmentCurve() -> impl IntoView {
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                PlotDom::new(&find(root, "cm-curve")?)?,
                TableDom::new(&find(root, "cm-terms")?)?,
            ))
        },
        move |(shown, plot, table): &mut (Shown, PlotDom, TableDom)| {
            stages.commitment_view.with(|r| {
                let r = r.as_deref().ok();
                shown.set(r.is_some());
                if let Some(r) = r {
                    plot.update(&display::curve(r));
                    table.update(&display::terms(r), usize::MAX);
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="curve-title" node_ref=node hidden>
            <h2 id="curve-title" class="section-title">"Cost against the GPUs committed"</h2>
            <p class="hint">"Average monthly cost of committing to a level and buying the rest on demand. At 0 everything is on demand; at the right edge the peak is reserved. The optimum is where the share of hours busier than the level equals the reserved price ÷ the on-demand price."</p>
            <figure class="line-chart" data-testid="cm-curve">
                <svg viewBox="0 0 640 260" role="img"></svg>
                <figcaption class="legend"></figcaption>
            </figure>
            <div class="table-wrap"><table class="breakdown" data-testid="cm-terms"></table></div>
        </section>
    }
}

/// Demand over time with the commitments drawn over it.
#[component]
pub fn DemandChart() -> impl IntoView {
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                text_of(root, "cm-demand-label")?,
                PlotDom::new(&find(root, "cm-demand-chart")?)?,
                PlotDom::new(&find(root, "cm-week-chart")?)?,
            ))
        },
        move |(shown, label, months, week): &mut (Shown, TextSlot, PlotDom, PlotDom)| {
            stages.commitment_view.with(|r| {
                let r = r.as_deref().ok();
                shown.set(r.is_some());
                if let Some(r) = r {
                    label.set(&display::demand_label(r));
                    months.update(&display::demand(r));
                    week.update(&display::first_week(r));
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="demand-title" node_ref=node hidden>
            <h2 id="demand-title" class="section-title">"Demand and the commitment over it"</h2>
            <p class="hint" data-testid="cm-demand-label"></p>
            <figure class="line-chart" data-testid="cm-demand-chart">
                <svg viewBox="0 0 640 240" role="img"></svg>
                <figcaption class="legend"></figcaption>
            </figure>
            <h3 class="subhead">"The first week, hour by hour"</h3>
            <figure class="line-chart" data-testid="cm-week-chart">
                <svg viewBox="0 0 640 260" role="img"></svg>
                <figcaption class="legend"></figcaption>
            </figure>
        </section>
    }
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
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some(RiskDom {
                stress: TableDom::new(&find(root, "cm-stress")?)?,
                hint: text_of(root, "cm-mc-hint")?,
                ranges: RangesDom::new(&find(root, "cm-mc-chart")?),
                table: TableDom::new(&find(root, "cm-mc-table")?)?,
                mc_shown: Shown::of(find(root, "cm-mc-result")?),
            })
        },
        move |d: &mut RiskDom| {
            stages.commitment_view.with(|r| {
                if let Ok(r) = r {
                    d.stress.update(&display::stress(r), usize::MAX);
                }
            });
            result.with(|mc| {
                d.mc_shown.set(mc.is_some());
                if let Some((mc, took)) = mc {
                    let t = display::monte_carlo(mc, *took);
                    d.hint.set(&t.hint);
                    d.ranges.update(&t.ranges);
                    d.table.update(&t.table, usize::MAX);
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="risk-title" node_ref=node>
            <h2 id="risk-title" class="section-title">"What it risks"</h2>
            <p class="hint">"Each plan's cost over 36 months if demand or prices move after you commit, and its regret: what it costs beyond the best choice in hindsight. 1-year renewals follow demand from the second year; a 3-year term cannot."</p>
            <div class="table-wrap"><table class="breakdown wide-head" data-testid="cm-stress"></table></div>
            <h3 class="subhead">"Monte Carlo: 36-month cost"</h3>
            <div data-testid="cm-mc" aria-busy=move || if running.get() { "true" } else { "false" }>
                <div data-testid="cm-mc-result" hidden>
                    <p class="hint" data-testid="cm-mc-hint"></p>
                    <ul class="range-list" data-testid="cm-mc-chart" aria-hidden="true"></ul>
                    <div class="table-wrap"><table class="breakdown wide-head" data-testid="cm-mc-table"></table></div>
                </div>
            </div>
        </section>
    }
}

/// What the risk panel writes.
struct RiskDom {
    stress: TableDom,
    hint: TextSlot,
    ranges: RangesDom,
    table: TableDom,
    mc_shown: Shown,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
