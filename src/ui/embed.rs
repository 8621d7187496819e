//! Embed mode: one view of the calculator, without the page's chrome, for an iframe in a wiki
//! page. Read-only shows the results; interactive adds the view's inputs. The height is
//! reported to the host page (see [`super::js::report_height`]). Loaded from the embed chunk.

use super::commitment::{CommitmentCurve, CommitmentSummary, WaysPanel};
use super::commitment_inputs::{DemandInputs, PriceInputs, RiskInputs};
use super::dom::{find, TextSlot};
use super::js;
use super::models::ModelsPanel;
use super::results::{Breakdowns, SpendSummary};
use super::selfhost::{BreakEvenChart, CostPanel, HardwarePanel, SelfHostSummary, ServingPanel};
use super::share::LinkBanner;
use super::share::{full_url, full_url_of};
use super::stages::use_stages;
use super::state::use_app_state;
use super::table::panel;
use super::workloads::WorkloadsPanel;
use crate::core::display;
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

/// The headline of each calculator, side by side: three cards whose texts one effect keeps
/// in step with the answers.
#[component]
fn EmbedSummary() -> impl IntoView {
    let state = use_app_state();
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            let mut slots = Vec::with_capacity(9);
            for id in ["embed-spend", "embed-selfhost", "embed-commitment"] {
                let card = find(root, id)?;
                for class in ["h2", ".total", ".total-sub"] {
                    slots.push(TextSlot::of(&card.query_selector(class).ok().flatten()?)?);
                }
            }
            Some(slots)
        },
        move |slots: &mut Vec<TextSlot>| {
            state.spend_shown.with(|s| {
                let Some(s) = s else {
                    return;
                };
                stages.selfhost.with(|h| {
                    stages.commitment.with(|c| {
                        let cards = display::summary_cards(&s.report, h.as_deref(), c.as_deref());
                        for (slot, text) in slots.iter_mut().zip(cards.iter().flatten()) {
                            slot.set(text);
                        }
                    });
                });
            });
        },
    );
    view! {
        <section class="panel embed-summary" aria-label="Summary" node_ref=node>
            <div class="embed-card" data-testid="embed-spend">
                <h2 class="eyebrow"></h2><p class="total"></p><p class="total-sub"></p>
            </div>
            <div class="embed-card" data-testid="embed-selfhost">
                <h2 class="eyebrow"></h2><p class="total"></p><p class="total-sub"></p>
            </div>
            <div class="embed-card" data-testid="embed-commitment">
                <h2 class="eyebrow"></h2><p class="total"></p><p class="total-sub"></p>
            </div>
        </section>
    }
}
