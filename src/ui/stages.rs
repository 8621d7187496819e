//! The later stages of the evaluation: self-hosting, the demand profile and the commitment.
//!
//! They are created the first time a view that needs them opens (the self-hosting or the
//! commitment tab, an export, an embed), under the App's owner, and only code in the lazily
//! loaded chunks calls [`use_stages`], so their code is not in the first load. Each memo
//! reads only its own slice of the Scenario and the stages before it:
//!
//! ```text
//! spend ─▶ traffic ─▶ self-hosting ─┬──────────────────────▶ commitment
//!                                   └─▶ (sizing) ─▶ demand ─┘
//! ```
//!
//! The views read the `*_view` memos: the stage while its tab is shown, and the last value
//! while it is hidden, so a hidden tab's stage is not recomputed on every keystroke. The
//! exports read the stages themselves, which computes them on demand.

use super::state::{count, stage_changed, use_app_state, AppState, Stage, StageName, Tab};
use crate::core::commitment::{self, CommitmentError, CommitmentReport};
use crate::core::demand::{self, needs_sizing, DemandInput, DemandProfile, DemandSizing};
use crate::core::selfhost::{self, SelfHostError, SelfHostReport};
use crate::core::Report;
use leptos::prelude::*;
use std::sync::Arc;

/// The later stages' memos.
#[derive(Clone, Copy)]
pub struct Stages {
    /// The self-hosting answer for the last valid bill's traffic.
    pub selfhost: Memo<Stage<SelfHostReport, SelfHostError>>,
    /// The demand sorted month by month (the heavy part of the commitment answer).
    pub demand: Memo<Stage<DemandProfile, CommitmentError>>,
    /// The commitment answer.
    pub commitment: Memo<Stage<CommitmentReport, CommitmentError>>,
    /// What the self-hosting views read: frozen while their tab is hidden.
    pub selfhost_view: Memo<Stage<SelfHostReport, SelfHostError>>,
    /// What the commitment views read: frozen while their tab is hidden.
    pub commitment_view: Memo<Stage<CommitmentReport, CommitmentError>>,
}

/// The later stages, created on first use.
pub fn use_stages() -> Stages {
    stages_of(use_app_state())
}

/// The later stages of `state`, created on first use under the App's owner.
pub fn stages_of(state: AppState) -> Stages {
    if let Some(stages) = state.stages.get_value() {
        return stages;
    }
    let stages = state.owner.with_value(|owner| owner.with(|| create(state)));
    state.stages.set_value(Some(stages));
    stages
}

/// A memo of `stage` that follows it while `tab` is shown and keeps its last value while not.
fn while_shown<T, E>(state: AppState, tab: Tab, source: Memo<Stage<T, E>>) -> Memo<Stage<T, E>>
where
    T: Send + Sync + 'static,
    E: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new_with_compare(
        move |previous: Option<&Stage<T, E>>| {
            // Read the tab first and always: the memo must depend on it whichever branch runs
            // (and before the stage, so a hidden tab's check never reaches the stage).
            let shown = state.tab.get() == tab;
            match previous {
                Some(kept) if !shown => kept.clone(),
                _ => source.get(),
            }
        },
        stage_changed,
    )
}

fn create(state: AppState) -> Stages {
    let scenario = state.scenario;
    let selfhost_settings = Memo::new(move |_| scenario.with(|s| s.selfhost.clone()));
    let commitment_settings = Memo::new(move |_| scenario.with(|s| s.commitment.clone()));
    let traffic = Memo::new(move |_| {
        state
            .spend_shown
            .with(|s| s.as_ref().map(|s| s.traffic.clone()))
    });
    let selfhost = Memo::new_with_compare(
        move |_| {
            count(StageName::SelfHost);
            let traffic = traffic.get().unwrap_or_default();
            selfhost_settings.with(|s| selfhost::evaluate(s, &traffic).map(Arc::new))
        },
        stage_changed,
    );
    // The sizing is read only when demand is derived from it.
    let sizing = Memo::new(move |_| {
        commitment_settings
            .with(needs_sizing)
            .then(|| selfhost.with(|r| DemandSizing::of(r.as_deref())))
    });
    let demand_input = Memo::new(move |_| scenario.with(|s| DemandInput::of(s, sizing.get())));
    let demand = Memo::new_with_compare(
        move |_| {
            count(StageName::Demand);
            demand_input.with(demand::profile)
        },
        stage_changed,
    );
    let monthly_total = Memo::new(move |_| {
        state.spend_shown.with(|s| {
            s.as_ref()
                .map(|s| s.report.monthly_total)
                .unwrap_or_default()
        })
    });
    let commitment = Memo::new_with_compare(
        move |_| {
            count(StageName::Commitment);
            commitment_settings.with(|c| {
                selfhost_settings.with(|s| {
                    demand.with(|profile| {
                        selfhost.with(|sh| {
                            commitment::evaluate(c, s, profile, monthly_total.get(), sh.as_deref())
                                .map(Arc::new)
                        })
                    })
                })
            })
        },
        stage_changed,
    );
    Stages {
        selfhost,
        demand,
        commitment,
        selfhost_view: while_shown(state, Tab::SelfHost, selfhost),
        commitment_view: while_shown(state, Tab::Commitment, commitment),
    }
}

/// The whole Report as the page shows it (the last valid bill and the later stages' current
/// answers), for the exports; computes the stages that were not yet. `None` before any bill
/// evaluated.
pub fn current_report(state: AppState) -> Option<Report> {
    let spend = state.spend_shown.get_untracked()?;
    let projection = state.projection.get_untracked()?.ok()?;
    let stages = stages_of(state);
    Some(Report {
        spend: spend.report.clone(),
        projection: (*projection).clone(),
        selfhost: stages.selfhost.get_untracked().map(|r| (*r).clone()),
        commitment: stages.commitment.get_untracked().map(|r| (*r).clone()),
    })
}
