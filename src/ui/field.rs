//! Inputs controlled by the Scenario that keep exactly what the user typed.
//!
//! A number field shows the Scenario's value, formatted, until the user types; from then on
//! it shows the typed text for as long as the Scenario holds the value that text gave (or,
//! for refused text, the value it held when the text was typed). When the Scenario changes
//! from elsewhere (a link, an import, a button), the field shows the new value: nothing is
//! rebuilt and nothing is rewritten while typing. Each edit is parsed by
//! [`FieldSpec::parse`]: an accepted value goes to the Scenario, a refused one shows its
//! message beside the field and is named by the results panel, and the Scenario (so every
//! total) keeps its last valid value.

use super::state::{use_app_state, Refusable};
use crate::core::format;
use crate::scenario::FieldSpec;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Keys of registered fields, so each can remove itself.
static NEXT_FIELD: AtomicU64 = AtomicU64::new(1);

/// One labelled numeric input.
#[component]
pub fn NumberField(
    /// DOM id, unique on the page; also the test id.
    #[prop(into)]
    id: String,
    /// Label, unit and bounds.
    spec: FieldSpec,
    /// The Scenario's value (`None`: empty, for optional fields).
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// What the refused-field list calls this field, e.g. "Support chat › Input tokens".
    #[prop(into)]
    context: Signal<String>,
    /// Shown while the input is empty.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// When true, an empty input is valid and means "no value" (`None`).
    #[prop(optional)]
    optional: bool,
    /// The label, when it is not the spec's (a provider's name).
    #[prop(optional, into)]
    label: Option<String>,
    /// Called with each accepted value; refused text never reaches it.
    on_change: Callback<Option<f64>>,
) -> impl IntoView {
    // What the user typed, and the value the Scenario held for it.
    let typed = RwSignal::new(None::<(String, Option<f64>)>);
    let text = Memo::new(move |_| {
        let current = value.get();
        typed.with(|t| match t {
            Some((text, at)) if *at == current => text.clone(),
            _ => current.map(format::editable).unwrap_or_default(),
        })
    });
    let parse = move |t: &str| {
        if optional && t.trim().is_empty() {
            Ok(None)
        } else {
            spec.parse(t).map(Some)
        }
    };
    // Only typed text can be refused (the Scenario's own values are valid), so the problem
    // depends on the Scenario only while there is one: a keystroke elsewhere never reaches
    // this field's message, class and ARIA state.
    let typed_problem =
        Memo::new(move |_| typed.with(|t| t.as_ref().and_then(|(text, _)| parse(text).err())));
    let problem = Memo::new(move |_| {
        let p = typed_problem.get()?;
        let shown = typed.with(|t| t.as_ref().map(|(_, at)| *at)) == Some(value.get());
        shown.then_some(p)
    });
    register(Refusable {
        label: context,
        refused: Signal::derive(move || problem.with(Option::is_some)),
    });
    let error_id = format!("{id}-error");

    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label.unwrap_or_else(|| spec.label.to_owned())}</label>
            <div class="input-wrap">
                <input
                    id=id.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=id.clone()
                    placeholder=placeholder
                    prop:value=text
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=error_id.clone()
                    on:input:target=move |ev| {
                        let entered = ev.target().value();
                        match parse(&entered) {
                            Ok(v) => {
                                typed.set(Some((entered, v)));
                                on_change.run(v);
                            }
                            Err(_) => typed.set(Some((entered, value.get_untracked()))),
                        }
                    }
                />
                <span class="unit" aria-hidden="true">{spec.unit}</span>
            </div>
            <p class="field-error" id=error_id.clone() data-testid=error_id aria-live="polite">
                {move || problem.get().map(|p| p.to_string())}
            </p>
        </div>
    }
}

/// Lists a field that can refuse its text, for the results panel's "Fix: …" note, for as
/// long as the component calling this is mounted.
pub fn register(field: Refusable) {
    let state = use_app_state();
    let key = NEXT_FIELD.fetch_add(1, Ordering::Relaxed);
    state.fields.update(|list| list.push((key, field)));
    on_cleanup(move || {
        state
            .fields
            .try_update(|list| list.retain(|(k, _)| *k != key));
    });
}

/// A labelled drop-down of fixed choices, showing the Scenario's choice.
#[component]
pub fn Choice(
    /// DOM id, unique on the page; also the test id.
    #[prop(into)]
    id: String,
    /// Label shown above the drop-down.
    label: &'static str,
    /// (value, text) of each option, in order.
    options: Vec<(String, String)>,
    /// The value chosen in the Scenario.
    #[prop(into)]
    selected: Signal<String>,
    /// Called with the value the user chose.
    on_change: Callback<String>,
) -> impl IntoView {
    // The drop-down is set only when the choice changes, not on every edit elsewhere.
    let selected = Memo::new(move |_| selected.get());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() data-testid=id prop:value=selected
                on:change:target=move |ev| on_change.run(ev.target().value())>
                {options.into_iter().map(|(value, text)| {
                    let chosen = selected.get_untracked() == value;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Reads the file chosen in a file input as text (gloo-file's reader) and hands it to `done`
/// (`Err` with a message when the browser cannot read it). One copy of the asynchronous
/// reading for every file input.
pub fn read_chosen_file(ev: &leptos::ev::Event, done: Callback<Result<String, String>>) {
    use wasm_bindgen::JsCast;
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        read_file_of(&input, done);
    }
}

/// [`read_chosen_file`] for the input itself.
pub fn read_file_of(input: &web_sys::HtmlInputElement, done: Callback<Result<String, String>>) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let file = gloo_file::File::from(file);
    leptos::task::spawn_local(async move {
        let result = gloo_file::futures::read_as_text(&file)
            .await
            .map_err(|e| format!("The file could not be read ({e})."));
        done.run(result);
    });
}
