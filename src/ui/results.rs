//! The answer panel: the monthly bill, what it is made of, and per-request figures.

use crate::core::{format, EvalError, Report};
use crate::scenario::Field;
use leptos::prelude::*;

/// The monthly API bill and its breakdown, rendered from the Report.
#[component]
pub fn SpendSummary(
    /// The evaluated Scenario.
    #[prop(into)]
    report: Signal<Result<Report, EvalError>>,
    /// Fields whose text is refused (the figures then reflect their last valid values).
    #[prop(into)]
    invalid: Signal<Vec<Field>>,
) -> impl IntoView {
    let stale = move || {
        invalid.with(|fields| {
            (!fields.is_empty()).then(|| {
                let names: Vec<_> = fields.iter().map(|f| f.spec().label).collect();
                format!("Showing the last valid result. Fix: {}.", names.join(", "))
            })
        })
    };

    let announce = move || {
        report.with(|r| match r {
            Ok(r) => format!("Monthly bill {}", format::usd(r.spend.monthly_total)),
            Err(e) => e.to_string(),
        })
    };

    view! {
        <section class="panel answer" aria-labelledby="answer-title">
            <h2 id="answer-title" class="eyebrow">"Monthly API bill"</h2>
            {move || match report.get() {
                Ok(report) => view! { <Figures report /> }.into_any(),
                Err(e) => view! {
                    <p class="error" role="alert" data-testid="eval-error">{e.to_string()}</p>
                }.into_any(),
            }}
            <p class="stale" data-testid="stale-note" aria-live="polite">{stale}</p>
            // A stable live region: the figures above are re-created on each change, and screen
            // readers do not reliably announce a live region that was just inserted.
            <p class="visually-hidden" data-testid="announce" aria-live="polite" aria-atomic="true">{announce}</p>
        </section>
    }
}

/// The figures of a successful evaluation.
#[component]
fn Figures(
    /// The Report to show.
    report: Report,
) -> impl IntoView {
    let spend = report.spend;
    let per = |v: Option<_>| v.map_or_else(|| "—".to_owned(), format::usd);
    let bars = spend.lines.clone();
    view! {
        <p class="total" data-testid="monthly-total">
            {format::usd(spend.monthly_total)}
        </p>
        <p class="total-sub">
            "per month · " <span data-testid="yearly-total">{format::usd(spend.yearly_total)}</span> " a year"
        </p>
        <dl class="kpis">
            <div>
                <dt>"Per request"</dt>
                <dd data-testid="per-request">{per(spend.per_request)}</dd>
            </div>
            <div>
                <dt>"Per 1,000 requests"</dt>
                <dd data-testid="per-thousand">{per(spend.per_thousand_requests)}</dd>
            </div>
            <div>
                <dt>"Tokens a month"</dt>
                <dd data-testid="tokens-per-month">{format::tokens(spend.tokens_per_month)}</dd>
            </div>
        </dl>
        <h3 class="subhead">"Where the money goes"</h3>
        <div class="bar" role="img" aria-label="Share of the bill by token type">
            {bars.iter().map(|line| {
                let width = format!("width:{:.3}%", line.share.unwrap_or(0.0) * 100.0);
                view! { <span class=format!("seg seg-{}", line.kind.label().to_lowercase()) style=width></span> }
            }).collect_view()}
        </div>
        <div class="table-wrap">
        <table class="breakdown" data-testid="breakdown">
            <thead>
                <tr>
                    <th scope="col">"Tokens"</th>
                    <th scope="col" class="num">"Per month"</th>
                    <th scope="col" class="num col-price">"Price / M"</th>
                    <th scope="col" class="num">"Cost"</th>
                    <th scope="col" class="num">"Share"</th>
                </tr>
            </thead>
            <tbody>
                {spend.lines.into_iter().map(|line| view! {
                    <tr>
                        <th scope="row">
                            <span class=format!("swatch seg-{}", line.kind.label().to_lowercase()) aria-hidden="true"></span>
                            {line.kind.label()}
                        </th>
                        <td class="num">{format::tokens(line.tokens)}</td>
                        <td class="num col-price">{format::price(line.price)}</td>
                        <td class="num">{format::usd(line.cost)}</td>
                        <td class="num">{line.share.map_or_else(|| "—".to_owned(), format::percent)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
