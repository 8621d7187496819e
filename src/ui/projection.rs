//! The projection: settings, a month-by-month chart and table.

use super::chart::ColumnChart;
use super::field::{Choice, NumberField};
use super::state::use_app_state;
use crate::core::format;
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
    let projection = move || {
        state
            .projection
            .with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).cloned())
    };
    view! {
        <section class="panel" aria-labelledby="projection-title">
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
            {move || projection().map(|p| {
                let n = p.months.len();
                let columns: Vec<_> = p.months.iter().map(|m| (format!("M{}", m.month + 1), m.cost.value())).collect();
                view! {
                    <p class="projection-total">
                        <span data-testid="projection-total">{format::usd(p.total)}</span>
                        {format!(" over {n} months, against {} with no growth and no price change.", format::usd(p.flat_total))}
                    </p>
                    <ColumnChart columns format=format::usd_short label=format!("Monthly bill over {n} months") />
                    <details class="more" on:toggle:target=move |ev| table_open.set(ev.target().open())>
                        <summary>"Month by month"</summary>
                        // Written only while it is open.
                        <Show when=move || table_open.get()>
                        <div class="table-wrap">
                            <table class="breakdown" data-testid="projection-table">
                                <thead><tr>
                                    <th scope="col">"Month"</th>
                                    <th scope="col" class="num">"Traffic"</th>
                                    <th scope="col" class="num">"Prices"</th>
                                    <th scope="col" class="num">"Bill"</th>
                                    <th scope="col" class="num">"Cumulative"</th>
                                </tr></thead>
                                <tbody>
                                    {p.months.iter().map(|m| view! {
                                        <tr>
                                            <th scope="row">{m.month + 1}</th>
                                            <td class="num">{format!("×{}", format::number(m.traffic_factor, 2))}</td>
                                            <td class="num">{format!("×{}", format::number(m.price_factor, 2))}</td>
                                            <td class="num">{format::usd(m.cost)}</td>
                                            <td class="num">{format::usd(m.cumulative)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        </Show>
                    </details>
                }
            })}
        </section>
    }
}
