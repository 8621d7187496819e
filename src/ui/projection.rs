//! The projection: settings, a month-by-month chart and table.

use super::dom::{find, text_of, AttrSlot, ColumnsDom, Shown, TableDom, TextSlot};
use super::field::{Choice, NumberField};
use super::state::use_app_state;
use super::table::panel;
use crate::core::chart::coordinate;
use crate::core::display::{ProjectionText, COLUMNS_LEFT, COLUMNS_VIEW};
use crate::scenario::ProjectionField;
use leptos::prelude::*;

/// The projection panel.
#[component]
pub fn ProjectionPanel() -> impl IntoView {
    let state = use_app_state();
    let settings = Memo::new(move |_| state.scenario.with(|s| s.projection.clone()));
    let field = move |f: ProjectionField| {
        let spec = f.spec();
        let on_change = Callback::new(move |v: Option<f64>| {
            if let Some(v) = v {
                state.scenario.update(|s| f.set(&mut s.projection, v));
            }
        });
        view! {
            <NumberField id=format!("projection-{}", spec.key) spec
                value=Memo::new(move |_| settings.with(|p| Some(f.get(p))))
                context=spec.label.to_owned() on_change />
        }
    };
    let table_open = RwSignal::new(false);
    let node = NodeRef::<leptos::html::Section>::new();
    panel(node, ProjectionDom::new, move |d: &mut ProjectionDom| {
        let open = table_open.get();
        state.projection.with(|p| {
            let p = p.as_ref().and_then(|p| p.as_ref().ok());
            d.update(p.map(|p| ProjectionText::of(p, open)).as_ref(), open);
        });
    });
    view! {
        <section class="panel" aria-labelledby="projection-title" node_ref=node>
            <h2 id="projection-title" class="section-title">"Projection"</h2>
            <div class="row three">
                <Choice
                    id="projection-months"
                    label="Horizon"
                    options=[12u32, 24, 36].iter().map(|m| (m.to_string(), format!("{m} months"))).collect()
                    selected=Signal::derive(move || settings.with(|p| p.months.to_string()))
                    on_change=Callback::new(move |v: String| {
                        let months = v.parse().unwrap_or(12);
                        state.scenario.update(|s| s.projection.months = months);
                    })
                />
                {field(ProjectionField::MonthlyGrowth)}
                {field(ProjectionField::AnnualDecline)}
            </div>
            <p class="source">
                "Default decline 30% a year: the low end of published rates (30–50% a year for list prices; 10× or more a year at constant capability). Sources in data/price_decline.csv, read 2026-11-23."
            </p>
            <div data-testid="projection" hidden>
                <p class="projection-total">
                    <span data-testid="projection-total"></span>
                    <span data-testid="projection-against"></span>
                </p>
                <svg class="column-chart" viewBox="0 0 640 220" role="img" preserveAspectRatio="none"
                    data-testid="projection-chart"></svg>
                <details class="more" on:toggle:target=move |ev| table_open.set(ev.target().open())>
                    <summary>"Month by month"</summary>
                    // Written only while it is open.
                    <div class="table-wrap">
                        <table class="breakdown" data-testid="projection-table"></table>
                    </div>
                </details>
            </div>
        </section>
    }
}

/// What the projection panel writes: the total, the sentence after it, the chart (and its
/// label) and, while it is open, the month-by-month table.
struct ProjectionDom {
    shown: Shown,
    total: TextSlot,
    against: TextSlot,
    chart: web_sys::Element,
    chart_label: AttrSlot,
    columns: ColumnsDom,
    table: TableDom,
}

impl ProjectionDom {
    fn new(root: &web_sys::Element) -> Option<ProjectionDom> {
        let chart = find(root, "projection-chart")?;
        let columns = ColumnsDom::new(
            &chart,
            &coordinate(COLUMNS_LEFT),
            &coordinate(COLUMNS_VIEW.0),
            &coordinate(COLUMNS_LEFT - 6.0),
        )?;
        Some(ProjectionDom {
            shown: Shown::of(find(root, "projection")?),
            total: text_of(root, "projection-total")?,
            against: text_of(root, "projection-against")?,
            chart,
            chart_label: AttrSlot::new("aria-label"),
            columns,
            table: TableDom::new(&find(root, "projection-table")?)?,
        })
    }

    fn update(&mut self, p: Option<&ProjectionText>, table_open: bool) {
        self.shown.set(p.is_some());
        let Some(p) = p else {
            return;
        };
        self.total.set(&p.total);
        self.against.set(&p.against);
        self.chart_label.set(&self.chart, &p.chart_label);
        self.columns
            .update(&p.columns, &coordinate(COLUMNS_VIEW.1 - 6.0));
        if table_open {
            self.table.update(&p.table, usize::MAX);
        }
    }
}
