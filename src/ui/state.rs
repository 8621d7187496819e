//! The app's state, shared through a typed context: one Scenario signal and one memo per
//! stage of the evaluation.
//!
//! Each stage's memo reads only a slice of the Scenario (its own settings) and the results of
//! the stages before it, and holds its result behind an `Arc` compared by pointer, so an
//! edit re-runs only the stages downstream of it and a result is never cloned or compared
//! field by field. Memos are lazy: a stage nobody reads is not computed. The spend stage and
//! the projection live here (the first view shows them); self-hosting, the demand profile
//! and the commitment are created by [`super::stages`] the first time a view that needs
//! them is opened, with their code in a chunk of their own.

use super::stages::Stages;
use crate::core::import::ImportSummary;
use crate::core::models::model_options;
use crate::core::projection::Projection;
use crate::core::selfhost::ApiTraffic;
use crate::core::{projection_stage, spend_stage, EvalError, SpendInput, SpendReport};
use crate::scenario::link::{EmbedView, PageOptions};
use crate::scenario::Scenario;
use leptos::prelude::*;
use std::sync::Arc;

/// The spend stage's answer: the bill and the traffic summary self-hosting reads.
#[derive(Debug)]
pub struct SpendStage {
    /// The bill.
    pub report: SpendReport,
    /// What self-hosting reads of it.
    pub traffic: ApiTraffic,
}

/// A stage's result: shared, never cloned.
pub type Stage<T, E> = Result<Arc<T>, E>;

/// Whether a stage's result changed: a new `Arc` is a new result (no deep comparison), an
/// error is compared by value (it is small).
pub fn stage_changed<T, E: PartialEq>(a: Option<&Stage<T, E>>, b: Option<&Stage<T, E>>) -> bool {
    match (a, b) {
        (Some(Ok(x)), Some(Ok(y))) => !Arc::ptr_eq(x, y),
        (Some(Err(x)), Some(Err(y))) => x != y,
        _ => true,
    }
}

/// Whether a kept result changed (by pointer).
pub fn kept_changed<T>(a: Option<&Option<Arc<T>>>, b: Option<&Option<Arc<T>>>) -> bool {
    match (a, b) {
        (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// The last successful result of a stage: kept while an edit makes it fail, so the figures
/// stay in place with a note instead of disappearing.
pub fn keep_last<T, E>(previous: Option<&Option<Arc<T>>>, current: &Stage<T, E>) -> Option<Arc<T>> {
    match current {
        Ok(value) => Some(Arc::clone(value)),
        Err(_) => previous.cloned().flatten(),
    }
}

/// A field that can refuse its text: the label the results panel names it by, and whether
/// it is refused right now (derived from its text, never written).
#[derive(Clone, Copy)]
pub struct Refusable {
    /// "Support chat › Input tokens".
    pub label: Signal<String>,
    /// True while its text is refused.
    pub refused: Signal<bool>,
}

/// The stages, for counting their runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageName {
    /// The API bill.
    Spend,
    /// Self-hosting.
    SelfHost,
    /// The demand profile (the sorted hours).
    Demand,
    /// The commitment answer.
    Commitment,
}

static RUNS: [std::sync::atomic::AtomicU32; 4] = [
    std::sync::atomic::AtomicU32::new(0),
    std::sync::atomic::AtomicU32::new(0),
    std::sync::atomic::AtomicU32::new(0),
    std::sync::atomic::AtomicU32::new(0),
];

/// Counts one run of a stage (what the browser tests read to prove a keystroke runs only the
/// stages it needs).
pub fn count(stage: StageName) {
    RUNS[stage as usize].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// How many times each stage has run since the page loaded: spend, self-hosting, demand,
/// commitment.
pub fn stage_runs() -> [u32; 4] {
    RUNS.each_ref()
        .map(|r| r.load(std::sync::atomic::Ordering::Relaxed))
}

/// Everything components share. `Copy`: signals are handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The single source of truth.
    pub scenario: RwSignal<Scenario>,
    /// The spend stage: the bill, or why there is none.
    pub spend: Memo<Stage<SpendStage, EvalError>>,
    /// The last bill that evaluated: the totals keep showing it while an input is invalid.
    pub spend_shown: Memo<Option<Arc<SpendStage>>>,
    /// The projection of the shown bill, or why there is none.
    pub projection: Memo<Option<Stage<Projection, EvalError>>>,
    /// Fields registered by the inputs, each able to say whether its text is refused.
    pub fields: RwSignal<Vec<(u64, Refusable)>>,
    /// Every model a route can use, for the model pickers: (id, name, provider).
    pub model_options: Memo<Vec<(String, String, String)>>,
    /// The last LiteLLM import, if any (not part of the Scenario: only the models a user adds
    /// from it are).
    pub imported: RwSignal<Option<Arc<ImportSummary>>>,
    /// Which calculator is shown.
    pub tab: RwSignal<Tab>,
    /// What opening a link or a file said: an error, or the values it clamped.
    pub link_status: RwSignal<LinkStatus>,
    /// The page options the address carried (embed view, theme).
    pub options: PageOptions,
    /// The later stages, once a view that needs them has created them.
    pub(super) stages: StoredValue<Option<Stages>>,
    /// The App's owner, under which the later stages are created (so they live as long as the
    /// App, not as the view that first needed them).
    pub(super) owner: StoredValue<Owner>,
}

/// The outcome of opening a link or importing a file, for the banner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkStatus {
    /// Why it could not be opened (the defaults are shown).
    pub error: Option<String>,
    /// One sentence per value changed to fit its field.
    pub notices: Vec<String>,
    /// What changed in the prices since the link was made ([`crate::core::prices::notice`]).
    pub prices: Option<String>,
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
    // Slices of the Scenario: each re-runs on any edit but notifies only when its part
    // changed, so a self-hosting edit never reaches the spend stage.
    let spend_input = Memo::new(move |_| scenario.with(SpendInput::of));
    let projection_settings = Memo::new(move |_| scenario.with(|s| s.projection.clone()));
    let spend = Memo::new_with_compare(
        move |_| {
            count(StageName::Spend);
            spend_input.with(|input| {
                spend_stage(input).map(|report| {
                    let traffic = ApiTraffic::of(&input.workloads, &report);
                    Arc::new(SpendStage { report, traffic })
                })
            })
        },
        stage_changed,
    );
    let spend_shown = Memo::new_with_compare(
        move |previous| spend.with(|current| keep_last(previous, current)),
        kept_changed,
    );
    let monthly_total =
        Memo::new(move |_| spend_shown.with(|s| s.as_ref().map(|s| s.report.monthly_total)));
    let projection = Memo::new_with_compare(
        move |_| {
            let total = monthly_total.get()?;
            Some(projection_settings.with(|p| projection_stage(total, p).map(Arc::new)))
        },
        |a, b| match (a, b) {
            (Some(Some(x)), Some(Some(y))) => stage_changed(Some(x), Some(y)),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // Only custom models change the pickers: keep the catalog out of the keystroke path.
    let custom_models = Memo::new(move |_| scenario.with(|s| s.custom_models.clone()));
    let model_options = Memo::new(move |_| custom_models.with(|c| model_options(c)));
    let state = AppState {
        scenario,
        spend,
        spend_shown,
        projection,
        model_options,
        fields: RwSignal::new(Vec::new()),
        imported: RwSignal::new(None),
        tab: RwSignal::new(Tab::of(options.embed.or(options.tab))),
        link_status: RwSignal::new(status),
        options,
        stages: StoredValue::new(None),
        owner: StoredValue::new(Owner::current().unwrap_or_default()),
    };
    provide_context(state);
    state
}

/// The state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The labels of the fields whose text is refused, in the order they were created.
    pub fn refused(self) -> Vec<String> {
        self.fields.with(|list| {
            list.iter()
                .filter(|(_, f)| f.refused.get())
                .map(|(_, f)| f.label.get())
                .collect()
        })
    }
}
