//! The app's state, shared through a typed context: one Scenario signal, one Report memo.

use crate::core::import::ImportSummary;
use crate::core::models::model_options;
use crate::core::{evaluate, EvalError, Report};
use crate::scenario::link::{EmbedView, PageOptions};
use crate::scenario::Scenario;
use leptos::prelude::*;

/// Everything components share. `Copy`: signals are handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The single source of truth.
    pub scenario: RwSignal<Scenario>,
    /// `evaluate(scenario)`, recomputed when the Scenario changes.
    pub report: Memo<Result<Report, EvalError>>,
    /// The last Report that evaluated without error: the totals keep showing it while an
    /// input is invalid.
    pub shown: Memo<Option<Report>>,
    /// Fields whose text is refused: (DOM id, label to show).
    pub invalid: RwSignal<Vec<(String, String)>>,
    /// Every model a route can use, for the model pickers: (id, name, provider).
    pub model_options: Memo<Vec<(String, String, String)>>,
    /// The last LiteLLM import, if any (not part of the Scenario: only the models a user adds
    /// from it are).
    pub imported: RwSignal<Option<ImportSummary>>,
    /// Which calculator is shown.
    pub tab: RwSignal<Tab>,
    /// Bumped when a button sets the measured throughput, so that field re-reads it.
    pub measured_version: RwSignal<u32>,
    /// Bumped when the whole Scenario is replaced (a link, an import): the inputs are built
    /// again from it.
    pub generation: RwSignal<u32>,
    /// What opening a link or a file said: an error, or the values it clamped.
    pub link_status: RwSignal<LinkStatus>,
    /// The page options the address carried (embed view, theme).
    pub options: PageOptions,
}

/// The outcome of opening a link or importing a file, for the banner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkStatus {
    /// Why it could not be opened (the defaults are shown).
    pub error: Option<String>,
    /// One sentence per value changed to fit its field.
    pub notices: Vec<String>,
}

impl LinkStatus {
    /// The status of a decoded link or file.
    pub fn of(
        result: &Result<crate::scenario::link::Decoded, crate::scenario::link::LinkError>,
    ) -> Self {
        match result {
            Ok(d) => LinkStatus {
                error: None,
                notices: d.notices.clone(),
            },
            Err(e) => LinkStatus {
                error: Some(e.to_string()),
                notices: Vec::new(),
            },
        }
    }
}

/// The calculators, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// What the API traffic costs.
    Spend,
    /// Self-hosting against the API.
    SelfHost,
    /// Reserved against on-demand GPU capacity.
    Commitment,
}

impl Tab {
    /// The tabs in order.
    pub const ALL: [Tab; 3] = [Tab::Spend, Tab::SelfHost, Tab::Commitment];

    /// The tab showing a view (the summary shows on the spend tab).
    pub fn of(view: Option<EmbedView>) -> Tab {
        match view {
            Some(EmbedView::SelfHost) => Tab::SelfHost,
            Some(EmbedView::Commitment) => Tab::Commitment,
            _ => Tab::Spend,
        }
    }

    /// The view of this tab, for the address.
    pub fn view(self) -> EmbedView {
        match self {
            Tab::Spend => EmbedView::Spend,
            Tab::SelfHost => EmbedView::SelfHost,
            Tab::Commitment => EmbedView::Commitment,
        }
    }

    /// The tab button's DOM id.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Spend => "tab-spend",
            Tab::SelfHost => "tab-selfhost",
            Tab::Commitment => "tab-commitment",
        }
    }

    /// The next (`forward`) or previous tab, wrapping around.
    #[must_use]
    pub fn step(self, forward: bool) -> Tab {
        let n = Self::ALL.len();
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// Creates the state and provides it to every component below: the Scenario the page opened
/// with, what opening it said, and the page options of its address.
pub fn provide_app_state(initial: Scenario, status: LinkStatus, options: PageOptions) -> AppState {
    let scenario = RwSignal::new(initial);
    let report = Memo::new(move |_| scenario.with(evaluate));
    let shown = Memo::new(move |previous: Option<&Option<Report>>| {
        report.with(|r| match r {
            Ok(report) => Some(report.clone()),
            Err(_) => previous.cloned().flatten(),
        })
    });
    // Only custom models change the pickers: keep the catalog out of the keystroke path.
    let custom_models = Memo::new(move |_| scenario.with(|s| s.custom_models.clone()));
    let model_options = Memo::new(move |_| custom_models.with(|c| model_options(c)));
    let state = AppState {
        scenario,
        report,
        shown,
        model_options,
        invalid: RwSignal::new(Vec::new()),
        imported: RwSignal::new(None),
        tab: RwSignal::new(Tab::of(options.embed.or(options.tab))),
        measured_version: RwSignal::new(0),
        generation: RwSignal::new(0),
        link_status: RwSignal::new(status),
        options,
    };
    provide_context(state);
    state
}

/// The state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
