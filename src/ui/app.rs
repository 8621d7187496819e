//! The page: the answer first, the inputs beside it. The spend tab is in the first load; the
//! other tabs, the share panels and the embed views load from their chunks when first opened.

use super::import::ImportPanel;
use super::js;
use super::lazy::{self, lazy_view};
use super::models::ModelsPanel;
use super::projection::ProjectionPanel;
use super::results::{Alternatives, Breakdowns, SpendSummary};
use super::share::{sync_address, LinkBanner, ShareBar};
use super::state::{provide_app_state, LinkStatus, Tab};
use super::usage_import::UsageImport;
use super::workloads::WorkloadsPanel;
use crate::scenario::link::{EmbedView, PageOptions};
use crate::scenario::Scenario;
use leptos::prelude::*;

/// The whole calculator.
#[component]
pub fn App(
    /// The Scenario the page opens with.
    initial: Scenario,
    /// What opening the address said.
    status: LinkStatus,
    /// The address's page options.
    options: PageOptions,
) -> impl IntoView {
    let state = provide_app_state(initial, status, options);
    sync_address(state);
    super::js::set_theme(options.theme.key());
    if let Some(view) = options.embed {
        let interactive = options.interactive;
        // The self-hosting and commitment views are styled by the later stylesheet.
        let styled = matches!(view, EmbedView::SelfHost | EmbedView::Commitment);
        return lazy_view("view", move || {
            if styled {
                js::load_later_css();
            }
            Box::pin(lazy::embed_app(view, interactive))
        });
    }
    let tab = state.tab;
    // Whether a tab has been opened: it is built then, and kept (typed text survives
    // switching tabs); its figures stop updating while it is hidden.
    let opened = move |which: Tab| {
        Memo::new(move |seen: Option<&bool>| seen.copied().unwrap_or(false) || tab.get() == which)
    };
    // The answer first: the first frame holds the header, the tabs and the bill; the rest of
    // the spend tab (where the money goes, the alternatives, the projection, the inputs) is
    // built in a task after that frame is painted, so the answer shows without waiting for
    // the layout of everything else (a frame later, about 16 ms).
    let rest_ready = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || rest_ready.set(true), std::time::Duration::ZERO);
    });
    let selfhost_opened = opened(Tab::SelfHost);
    let commitment_opened = opened(Tab::Commitment);
    let tab_button = move |which: Tab, panel: &'static str, text: &'static str| {
        let id = which.id();
        view! {
            <button type="button" role="tab" id=id data-testid=id aria-controls=panel
                aria-selected=move || if tab.get() == which { "true" } else { "false" }
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                on:click=move |_| tab.set(which)
                on:keydown=move |ev| {
                    let next = match ev.key().as_str() {
                        "ArrowRight" => Some(tab.get_untracked().step(true)),
                        "ArrowLeft" => Some(tab.get_untracked().step(false)),
                        "Home" => Some(Tab::Spend),
                        "End" => Some(Tab::Commitment),
                        _ => None,
                    };
                    if let Some(next) = next {
                        ev.prevent_default();
                        tab.set(next);
                        super::js::focus(next.id());
                    }
                }>
                {text}
            </button>
        }
    };
    view! {
        <header class="topbar">
            <h1 class="brand">
                <span class="logo" aria-hidden="true"></span>
                <span>"Inference cost"</span>
            </h1>
            <p class="privacy">"Private by design: everything is computed in your browser."</p>
            <ShareBar />
        </header>
        <main id="main">
            <LinkBanner />
            <div class="tabs" role="tablist" aria-label="Calculators">
                {tab_button(Tab::Spend, "panel-spend", "API spend")}
                {tab_button(Tab::SelfHost, "panel-selfhost", "Self-hosting")}
                {tab_button(Tab::Commitment, "panel-commitment", "Reserve or on-demand")}
            </div>
            <div class="layout" id="panel-spend" role="tabpanel" aria-labelledby="tab-spend"
                hidden=move || tab.get() != Tab::Spend>
                <div class="results">
                    <SpendSummary />
                    <Show when=move || rest_ready.get()>
                        <UsageImport />
                        <Breakdowns />
                        <Alternatives />
                        <ProjectionPanel />
                    </Show>
                </div>
                <div class="sidebar">
                    <Show when=move || rest_ready.get()>
                        <WorkloadsPanel />
                        <ModelsPanel />
                        <ImportPanel />
                    </Show>
                </div>
            </div>
            <div class="layout" id="panel-selfhost" role="tabpanel" aria-labelledby="tab-selfhost"
                hidden=move || tab.get() != Tab::SelfHost>
                <Show when=move || selfhost_opened.get()>
                    {lazy_view("self-hosting calculator", || {
                        js::load_later_css();
                        Box::pin(lazy::selfhost_tab())
                    })}
                </Show>
            </div>
            <div class="layout" id="panel-commitment" role="tabpanel" aria-labelledby="tab-commitment"
                hidden=move || tab.get() != Tab::Commitment>
                <Show when=move || commitment_opened.get()>
                    {lazy_view("commitment calculator", || {
                        js::load_later_css();
                        Box::pin(lazy::commitment_tab())
                    })}
                </Show>
            </div>
        </main>
        <footer class="footer">
            <p>
                "Each request is priced by its provider's rules: cache reads and writes by lifetime, batch discounts, reasoning tokens billed as output, long-context tiers, service tiers, regional and fast-mode prices, and negotiated discounts. "
                "Nothing you type leaves this page."
            </p>
        </footer>
    }
    .into_any()
}
