//! The page: the answer first, the inputs beside it.

use super::import::ImportPanel;
use super::models::ModelsPanel;
use super::projection::ProjectionPanel;
use super::results::{Alternatives, Breakdowns, SpendSummary};
use super::state::provide_app_state;
use super::workloads::WorkloadsPanel;
use crate::scenario::Scenario;
use leptos::prelude::*;

/// The whole calculator.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state(Scenario::default());
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <span>"Inference cost"</span>
            </div>
            <p class="privacy">"Private by design: everything is computed in your browser."</p>
        </header>
        <main class="layout">
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
        </main>
        <footer class="footer">
            <p>
                "Each request is priced by its provider's rules: cache reads and writes (5-minute or 1-hour), batch discounts, reasoning tokens billed as output, and long-context tiers that reprice the whole request. "
                "Nothing you type leaves this page."
            </p>
        </footer>
    }
}
