//! The answer: the monthly bill, what it is made of, and what other models would cost.

use super::chart::BarList;
use super::state::use_app_state;
use crate::core::{format, SpendReport};
use leptos::prelude::*;

fn or_dash(v: Option<crate::core::units::Usd>) -> String {
    v.map_or_else(|| "—".to_owned(), format::usd)
}

/// The headline: monthly bill, yearly total, per-request figures, and any problem.
#[component]
pub fn SpendSummary() -> impl IntoView {
    let state = use_app_state();
    let stale_note = move || {
        let names = state.refused();
        (!names.is_empty())
            .then(|| format!("Showing the last valid result. Fix: {}.", names.join(", ")))
    };
    let error = move || {
        state
            .spend
            .with(|r| r.as_ref().err().map(ToString::to_string))
    };
    // A stable live region: the figures are re-created on each change, and screen readers do
    // not reliably announce a live region that was just inserted.
    let announce = move || {
        state.spend_shown.with(|r| {
            r.as_ref()
                .map(|r| format!("Monthly bill {}", format::usd(r.report.monthly_total)))
        })
    };
    view! {
        <section class="panel answer" aria-labelledby="answer-title">
            <h2 id="answer-title" class="eyebrow">"Monthly API bill"</h2>
            {move || state.spend_shown.with(|r| r.as_ref().map(|r| headline(&r.report)))}
            <p class="error" data-testid="eval-error" role="alert">{error}</p>
            <p class="stale" data-testid="stale-note" aria-live="polite">{stale_note}</p>
            <p class="visually-hidden" data-testid="announce" aria-live="polite" aria-atomic="true">{announce}</p>
            {move || state.spend_shown.with(|r| r.as_ref().map(|r| by_kind(&r.report)))}
            {move || state.spend_shown.with(|r| r.as_ref().map(|r| notes(&r.report)))}
        </section>
    }
}

fn headline(s: &SpendReport) -> impl IntoView {
    view! {
        <p class="total" data-testid="monthly-total">{format::usd(s.monthly_total)}</p>
        <p class="total-sub">
            "per month · " <span data-testid="yearly-total">{format::usd(s.yearly_total)}</span> " a year"
        </p>
        <dl class="kpis">
            <div>
                <dt>"Per request"</dt>
                <dd data-testid="per-request">{or_dash(s.per_request)}</dd>
            </div>
            <div>
                <dt>"Per 1,000 requests"</dt>
                <dd data-testid="per-thousand">{or_dash(s.per_thousand_requests)}</dd>
            </div>
            <div>
                <dt>"Requests a month"</dt>
                <dd data-testid="requests-per-month">{format::compact(s.requests_per_month.value())}</dd>
            </div>
            <div>
                <dt>"Tokens a month"</dt>
                <dd data-testid="tokens-per-month">{format::tokens(s.tokens_per_month)}</dd>
            </div>
        </dl>
    }
}

fn by_kind(report: &SpendReport) -> impl IntoView {
    let lines = report.by_kind.clone();
    let bars = lines.clone();
    view! {
        <h3 class="subhead">"By token type"</h3>
        <div class="bar" role="img" aria-label="Share of the bill by token type (table below)">
            {bars.into_iter().map(|line| {
                let width = format!("width:{}%", format::fixed(line.share.unwrap_or(0.0) * 100.0, 3));
                view! { <span class=format!("seg seg-{}", line.kind.key()) style=width></span> }
            }).collect_view()}
        </div>
        <div class="table-wrap">
            <table class="breakdown" data-testid="breakdown">
                <thead>
                    <tr>
                        <th scope="col">"Tokens"</th>
                        <th scope="col" class="num">"Per month"</th>
                        <th scope="col" class="num">"Cost"</th>
                        <th scope="col" class="num">"Share"</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|line| view! {
                        <tr data-testid=format!("kind-{}", line.kind.key())>
                            <th scope="row">
                                <span class=format!("swatch seg-{}", line.kind.key()) aria-hidden="true"></span>
                                {line.kind.label()}
                            </th>
                            <td class="num">{format::tokens(line.tokens)}</td>
                            <td class="num">{format::usd(line.cost)}</td>
                            <td class="num">{line.share.map_or_else(|| "—".to_owned(), format::percent)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn notes(report: &SpendReport) -> impl IntoView {
    let notes = report.notes.clone();
    (!notes.is_empty()).then(|| {
        view! {
            <ul class="notes" data-testid="notes">
                {notes.into_iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}
            </ul>
        }
    })
}

/// Where the money goes: by workload and by model.
#[component]
pub fn Breakdowns() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.spend_shown.with(|r| {
            r.as_ref().map(|r| {
                let s = &r.report;
                let workloads: Vec<_> = s
                    .by_workload
                    .iter()
                    .map(|w| {
                        let share = w
                            .share
                            .map_or_else(String::new, |p| format!(" · {}", format::percent(p)));
                        (
                            w.name.clone(),
                            w.cost.value(),
                            format!("{}{share}", format::usd(w.cost)),
                            "fill-a",
                        )
                    })
                    .collect();
                let models: Vec<_> = s
                    .by_model
                    .iter()
                    .map(|m| {
                        let label = if m.overridden {
                            format!("{} (your price)", m.name)
                        } else {
                            m.name.to_string()
                        };
                        (label, m.cost.value(), format::usd(m.cost), "fill-b")
                    })
                    .collect();
                view! {
                    <section class="panel" aria-labelledby="where-title">
                        <h2 id="where-title" class="section-title">"Where the money goes"</h2>
                        <div class="two-col">
                            <div>
                                <h3 class="subhead">"By workload"</h3>
                                <BarList rows=workloads test_id="by-workload" />
                            </div>
                            <div>
                                <h3 class="subhead">"By model"</h3>
                                <BarList rows=models test_id="by-model" />
                            </div>
                        </div>
                    </section>
                }
            })
        })
    }
}

/// The same workloads priced on every other model, cheapest first.
#[component]
pub fn Alternatives() -> impl IntoView {
    let state = use_app_state();
    let show_all = RwSignal::new(false);
    let total = Memo::new(move |_| {
        state
            .spend_shown
            .with(|r| r.as_ref().map_or(0, |r| r.report.alternatives.len()))
    });
    // Only the rows shown are formatted; nothing is cloned.
    let rows = move || {
        let n = if show_all.get() { usize::MAX } else { 10 };
        state.spend_shown.with(|r| {
            r.as_ref().map(|r| {
                r.report
                    .alternatives
                    .iter()
                    .take(n)
                    .map(|a| {
                        let diff = a.difference.value();
                        let text = if a.current {
                            "current".to_owned()
                        } else if diff < 0.0 {
                            format!("save {}", format::usd(crate::core::units::Usd::new(-diff).unwrap_or_default()))
                        } else {
                            format!("+{}", format::usd(a.difference))
                        };
                        view! {
                            <tr class:current=a.current>
                                <th scope="row" title=format!("Source: {}", a.source)>{a.name.clone()}</th>
                                <td class="col-provider">{a.provider.clone()}</td>
                                <td class="col-provider" title=a.source.clone()>{a.as_of.clone()}</td>
                                <td class="num">{format::usd(a.monthly_total)}</td>
                                <td class="num" class:saving=diff < 0.0>{text}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="alt-title">
            <h2 id="alt-title" class="section-title">"The same traffic on other models"</h2>
            <p class="hint">"Every workload sent wholly to one model, with its caching, batch and long-context rules. Cheapest first."</p>
            <div class="table-wrap">
                <table class="breakdown" data-testid="alternatives">
                    <thead><tr>
                        <th scope="col">"Model"</th>
                        <th scope="col" class="col-provider">"Provider"</th>
                        <th scope="col" class="col-provider">"Prices as of"</th>
                        <th scope="col" class="num">"Per month"</th>
                        <th scope="col" class="num">"vs. now"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || { total.get() > 10 }>
                <button type="button" class="btn btn-small" on:click=move |_| show_all.update(|v| *v = !*v)>
                    {move || if show_all.get() { "Show the 10 cheapest".to_owned() } else { format!("Show all {}", total.get()) }}
                </button>
            </Show>
        </section>
    }
}
