//! Embed mode: one view of the calculator, without the page's chrome, for an iframe in a wiki
//! page. Read-only shows the results; interactive adds the view's inputs. The height is
//! reported to the host page (see [`super::js::report_height`]). Loaded from the embed chunk.

use super::commitment::{CommitmentCurve, CommitmentSummary, WaysPanel};
use super::commitment_inputs::{DemandInputs, PriceInputs, RiskInputs};
use super::js;
use super::models::ModelsPanel;
use super::results::{Breakdowns, SpendSummary};
use super::selfhost::{BreakEvenChart, CostPanel, HardwarePanel, SelfHostSummary, ServingPanel};
use super::share::LinkBanner;
use super::share::{full_url, full_url_of};
use super::stages::use_stages;
use super::state::use_app_state;
use super::workloads::WorkloadsPanel;
use crate::core::commitment::{CommitmentError, CommitmentReport, Plan};
use crate::core::format;
use crate::core::selfhost::{SelfHostError, SelfHostReport};
use crate::core::SpendReport;
use crate::scenario::link::{split_fragment, EmbedView};
use leptos::prelude::*;

/// The embedded page.
pub fn embed(view: EmbedView, interactive: bool) -> AnyView {
    view! { <EmbedApp view interactive /> }.into_any()
}

/// The embedded page.
#[component]
fn EmbedApp(
    /// The view shown.
    view: EmbedView,
    /// Whether the view's inputs are shown too.
    interactive: bool,
) -> impl IntoView {
    let state = use_app_state();
    Effect::new(move |_| js::report_height("embed-root"));
    // "Open in the calculator" carries the link the embed opened with, as long as the
    // Scenario is the one it opened (a read-only embed always): nothing is encoded, and the
    // link writer's chunk (the DEFLATE compressor) is never fetched. After an edit in an
    // interactive embed, the writer encodes the current Scenario.
    let opened_link = split_fragment(&js::get_hash()).0.to_owned();
    let opened = state.scenario.get_untracked();
    let href = LocalResource::new(move || {
        state.tab.track();
        let unchanged = !opened_link.is_empty()
            && state.scenario.with(|s| *s == opened)
            && state.link_status.with_untracked(|l| l.error.is_none());
        let opened_link = opened_link.clone();
        async move {
            if unchanged {
                full_url_of(state, &opened_link)
            } else {
                full_url(state).await.unwrap_or_default()
            }
        }
    });
    let href = move || href.get().unwrap_or_default();
    let body = move || {
        let results = match view {
            EmbedView::Summary => view! { <EmbedSummary /> }.into_any(),
            EmbedView::Spend => view! { <SpendSummary /> <Breakdowns /> }.into_any(),
            EmbedView::SelfHost => view! { <SelfHostSummary /> <BreakEvenChart /> }.into_any(),
            EmbedView::Commitment => {
                view! { <CommitmentSummary /> <WaysPanel /> <CommitmentCurve /> }.into_any()
            }
        };
        let inputs = (interactive && view != EmbedView::Summary).then(|| match view {
            EmbedView::SelfHost => {
                view! { <HardwarePanel /> <ServingPanel /> <CostPanel /> }.into_any()
            }
            EmbedView::Commitment => {
                view! { <DemandInputs /> <PriceInputs /> <RiskInputs /> }.into_any()
            }
            _ => view! { <WorkloadsPanel /> <ModelsPanel /> }.into_any(),
        });
        let has_inputs = inputs.is_some();
        view! {
            <main class="layout" class:embed-read=!has_inputs>
                <div class="results">{results}</div>
                {inputs.map(|i| view! { <div class="sidebar">{i}</div> })}
            </main>
        }
    };
    view! {
        <div id="embed-root" class="embed" data-testid="embed-root">
            <header class="embed-bar">
                <h1 class="brand"><span class="logo" aria-hidden="true"></span>"Inference cost · " {view.label()}</h1>
                <a href=href target="_blank" rel="noopener" data-testid="embed-open">"Open in the calculator ↗"</a>
            </header>
            <LinkBanner />
            {body}
        </div>
    }
}

/// The headline of each calculator, side by side.
#[component]
fn EmbedSummary() -> impl IntoView {
    let state = use_app_state();
    let stages = use_stages();
    move || {
        state.spend_shown.with(|s| {
            s.as_ref().map(|s| {
                stages.selfhost.with(|h| {
                    stages.commitment.with(|c| {
                        cards(
                            &s.report,
                            h.as_deref().map_err(Clone::clone),
                            c.as_deref().map_err(Clone::clone),
                        )
                    })
                })
            })
        })
    }
}

fn cards(
    s: &SpendReport,
    selfhost: Result<&SelfHostReport, SelfHostError>,
    commitment: Result<&CommitmentReport, CommitmentError>,
) -> impl IntoView {
    let selfhost = match selfhost {
        Ok(h) => (
            format!("Self-hosting {} on {}", h.model, h.gpu),
            format::usd(h.winner_monthly()),
            h.winner.title().to_owned(),
        ),
        Err(e) => ("Self-hosting".to_owned(), "—".to_owned(), e.to_string()),
    };
    let commitment = match commitment {
        Ok(c) => {
            let best = c.plan(c.best);
            let none = c.plan(Plan::NoCommitment);
            (
                format!("Reserving {}", c.gpu),
                format::usd_or_dash(best.map(|p| p.monthly)),
                format!(
                    "a month, best plan: {}. All on demand: {}.",
                    c.best.label(),
                    format::usd_or_dash(none.map(|p| p.monthly))
                ),
            )
        }
        Err(e) => ("Reserving GPUs".to_owned(), "—".to_owned(), e.to_string()),
    };
    let rows = [
        (
            "Monthly API bill".to_owned(),
            format::usd(s.monthly_total),
            format!(
                "{} a year for {} requests a month",
                format::usd(s.yearly_total),
                format::compact(s.requests_per_month.value())
            ),
            "embed-spend",
        ),
        (selfhost.0, selfhost.1, selfhost.2, "embed-selfhost"),
        (commitment.0, commitment.1, commitment.2, "embed-commitment"),
    ];
    view! {
        <section class="panel embed-summary" aria-label="Summary">
            {rows.into_iter().map(|(title, figure, line, id)| view! {
                <div class="embed-card" data-testid=id>
                    <h2 class="eyebrow">{title}</h2>
                    <p class="total">{figure}</p>
                    <p class="total-sub">{line}</p>
                </div>
            }).collect_view()}
        </section>
    }
}
