//! The page: the answer first, the inputs beside it.

use super::commitment::{CommitmentCurve, CommitmentSummary, DemandChart, RiskPanel, WaysPanel};
use super::commitment_inputs::{DemandInputs, PriceInputs, RiskInputs};
use super::embed::EmbedApp;
use super::import::ImportPanel;
use super::models::ModelsPanel;
use super::projection::ProjectionPanel;
use super::results::{Alternatives, Breakdowns, SpendSummary};
use super::selfhost::{
    BreakEvenChart, CostPanel, CostTable, FitPanel, HardwarePanel, SelfHostSummary, ServingPanel,
};
use super::share::{open_address, sync_address, LinkBanner, ShareBar};
use super::state::{provide_app_state, Tab};
use super::workloads::WorkloadsPanel;
use leptos::prelude::*;

/// The whole calculator.
#[component]
pub fn App() -> impl IntoView {
    // The address's scenario (or the defaults, with a banner when it cannot be opened).
    let (initial, status, options) = open_address();
    let state = provide_app_state(initial, status, options);
    sync_address(state);
    super::js::set_theme(options.theme.key());
    if let Some(view) = options.embed {
        return view! { <EmbedApp view=view interactive=options.interactive /> }.into_any();
    }
    let tab = state.tab;
    // Whether the commitment tab has been opened (it stays built from then on).
    let opened = Memo::new(move |seen: Option<&bool>| {
        seen.copied().unwrap_or(false) || tab.get() == Tab::Commitment
    });
    let tab_button = move |which: Tab,
                           id: &'static str,
                           panel: &'static str,
                           text: &'static str| {
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
                        if let Some(el) = document().get_element_by_id(next.id()) {
                            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                                let _ = el.focus();
                            }
                        }
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
            {tab_button(Tab::Spend, "tab-spend", "panel-spend", "API spend")}
            {tab_button(Tab::SelfHost, "tab-selfhost", "panel-selfhost", "Self-hosting")}
            {tab_button(Tab::Commitment, "tab-commitment", "panel-commitment", "Reserve or on-demand")}
        </div>
        {move || {
        // Built again when a link or an import replaces the whole Scenario.
        state.generation.track();
        view! {
        <div class="layout" id="panel-spend" role="tabpanel" aria-labelledby="tab-spend"
            hidden=move || tab.get() != Tab::Spend>
            <div class="results">
                <SpendSummary />
                <Breakdowns />
                <Alternatives />
                <ProjectionPanel />
            </div>
            <div class="sidebar">
                <WorkloadsPanel />
                <ModelsPanel />
                <ImportPanel />
            </div>
        </div>
        <div class="layout" id="panel-selfhost" role="tabpanel" aria-labelledby="tab-selfhost"
            hidden=move || tab.get() != Tab::SelfHost>
            <div class="results">
                <SelfHostSummary />
                <BreakEvenChart />
                <CostTable />
                <FitPanel />
            </div>
            <div class="sidebar">
                <HardwarePanel />
                <ServingPanel />
                <CostPanel />
            </div>
        </div>
        <div class="layout" id="panel-commitment" role="tabpanel" aria-labelledby="tab-commitment"
            hidden=move || tab.get() != Tab::Commitment>
            // Built the first time the tab is opened (a faster first load); kept afterwards, so
            // typed text survives switching tabs.
            <Show when=move || opened.get()>
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
            </Show>
        </div>
        }
        }}
        </main>
        <footer class="footer">
            <p>
                "Each request is priced by its provider's rules: cache reads and writes (5-minute or 1-hour), batch discounts, reasoning tokens billed as output, and long-context tiers that reprice the whole request. "
                "Nothing you type leaves this page."
            </p>
        </footer>
    }
    .into_any()
}
