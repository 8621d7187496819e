//! The answer: the monthly bill, what it is made of, and what other models would cost.
//!
//! Each panel is static markup whose figures one effect keeps in step with the last valid
//! bill, through the core's display-ready text ([`crate::core::display`]) and
//! [`super::dom`]: an edit rewrites the figures that changed and nothing else.

use super::dom::{find, text_of, BarsDom, LinesDom, SegmentsDom, Shown, TableDom, TextSlot};
use super::state::use_app_state;
use super::table::panel;
use crate::core::display::{self, Headline};
use crate::core::SpendReport;
use leptos::prelude::*;

/// What the headline panel writes.
struct SummaryDom {
    bill: Shown,
    texts: Vec<TextSlot>,
    segments: SegmentsDom,
    kinds: TableDom,
    notes: LinesDom,
    notes_shown: Shown,
}

/// The headline's figures in the order of [`SUMMARY_IDS`].
const SUMMARY_IDS: [&str; 7] = [
    "monthly-total",
    "yearly-total",
    "per-request",
    "per-thousand",
    "requests-per-month",
    "tokens-per-month",
    "announce",
];

impl SummaryDom {
    fn new(root: &web_sys::Element) -> Option<SummaryDom> {
        let notes = find(root, "notes")?;
        Some(SummaryDom {
            bill: Shown::of(find(root, "bill")?),
            texts: SUMMARY_IDS
                .iter()
                .map(|id| text_of(root, id))
                .collect::<Option<_>>()?,
            segments: SegmentsDom::new(&find(root, "kind-bar")?),
            kinds: TableDom::new(&find(root, "breakdown")?)?,
            notes: LinesDom::new(&notes),
            notes_shown: Shown::of(notes),
        })
    }

    fn update(&mut self, bill: Option<&SpendReport>) {
        self.bill.set(bill.is_some());
        let Some(s) = bill else {
            return;
        };
        let h = Headline::of(s);
        let values = [
            &h.monthly,
            &h.yearly,
            &h.per_request,
            &h.per_thousand,
            &h.requests,
            &h.tokens,
            &h.announce,
        ];
        for (slot, value) in self.texts.iter_mut().zip(values) {
            slot.set(value);
        }
        self.segments.update(&display::segments(s));
        self.kinds.update(&display::kinds(s), usize::MAX);
        let notes = display::notes(s);
        self.notes_shown.set(!notes.is_empty());
        self.notes.update(&notes);
    }
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
    let node = NodeRef::<leptos::html::Section>::new();
    panel(node, SummaryDom::new, move |d: &mut SummaryDom| {
        state
            .spend_shown
            .with(|r| d.update(r.as_ref().map(|r| &r.report)));
    });
    view! {
        <section class="panel answer" aria-labelledby="answer-title" node_ref=node>
            <h2 id="answer-title" class="eyebrow">"Monthly API bill"</h2>
            <div data-testid="bill" hidden>
                <p class="total" data-testid="monthly-total"></p>
                <p class="total-sub">
                    "per month · " <span data-testid="yearly-total"></span> " a year"
                </p>
                <dl class="kpis">
                    <div><dt>"Per request"</dt><dd data-testid="per-request"></dd></div>
                    <div><dt>"Per 1,000 requests"</dt><dd data-testid="per-thousand"></dd></div>
                    <div><dt>"Requests a month"</dt><dd data-testid="requests-per-month"></dd></div>
                    <div><dt>"Tokens a month"</dt><dd data-testid="tokens-per-month"></dd></div>
                </dl>
            </div>
            <p class="error" data-testid="eval-error" role="alert">{error}</p>
            <p class="stale" data-testid="stale-note" aria-live="polite">{stale_note}</p>
            // A stable live region: screen readers do not reliably announce one just inserted.
            <p class="visually-hidden" data-testid="announce" aria-live="polite" aria-atomic="true"></p>
            <h3 class="subhead">"By token type"</h3>
            <div class="bar" role="img" aria-label="Share of the bill by token type (table below)" data-testid="kind-bar"></div>
            <div class="table-wrap">
                <table class="breakdown" data-testid="breakdown"></table>
            </div>
            <ul class="notes" data-testid="notes" hidden></ul>
        </section>
    }
}

/// Where the money goes: by workload and by model.
#[component]
pub fn Breakdowns() -> impl IntoView {
    let state = use_app_state();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                BarsDom::new(&find(root, "by-workload")?),
                BarsDom::new(&find(root, "by-model")?),
            ))
        },
        move |(shown, workloads, models): &mut (Shown, BarsDom, BarsDom)| {
            state.spend_shown.with(|r| {
                shown.set(r.is_some());
                if let Some(r) = r {
                    workloads.update(&display::workload_bars(&r.report));
                    models.update(&display::model_bars(&r.report));
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="where-title" node_ref=node hidden>
            <h2 id="where-title" class="section-title">"Where the money goes"</h2>
            <div class="two-col">
                <div>
                    <h3 class="subhead">"By workload"</h3>
                    <ul class="bar-list" data-testid="by-workload"></ul>
                </div>
                <div>
                    <h3 class="subhead">"By model"</h3>
                    <ul class="bar-list" data-testid="by-model"></ul>
                </div>
            </div>
        </section>
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
    let node = NodeRef::<leptos::html::Table>::new();
    panel(node, TableDom::new, move |d: &mut TableDom| {
        // Only the rows shown are written.
        let limit = if show_all.get() { usize::MAX } else { 10 };
        state.spend_shown.with(|r| {
            if let Some(r) = r {
                d.update(&display::alternatives(&r.report, limit), limit);
            }
        });
    });
    view! {
        <section class="panel" aria-labelledby="alt-title">
            <h2 id="alt-title" class="section-title">"The same traffic on other models"</h2>
            <p class="hint">"Every workload sent wholly to one model, with its caching, batch and long-context rules. Cheapest first."</p>
            <div class="table-wrap">
                <table class="breakdown" data-testid="alternatives" node_ref=node></table>
            </div>
            <Show when=move || { total.get() > 10 }>
                <button type="button" class="btn btn-small" on:click=move |_| show_all.update(|v| *v = !*v)>
                    {move || if show_all.get() { "Show the 10 cheapest".to_owned() } else { format!("Show all {}", total.get()) }}
                </button>
            </Show>
        </section>
    }
}
