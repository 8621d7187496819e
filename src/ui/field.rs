//! Inputs that keep exactly what the user typed.
//!
//! The text is never rewritten while typing. Each keystroke is parsed by
//! [`FieldSpec::parse`]; an accepted value goes to the Scenario, a refused one shows its
//! message beside the field, is listed by the results panel, and leaves the Scenario (and so
//! every total) at its last valid value.

use super::state::use_app_state;
use crate::scenario::{FieldProblem, FieldSpec};
use leptos::prelude::*;

/// One labelled numeric input.
#[component]
pub fn NumberField(
    /// DOM id, unique on the page; also the test id.
    #[prop(into)]
    id: String,
    /// Label, unit and bounds.
    spec: FieldSpec,
    /// The text the input starts with.
    #[prop(into)]
    initial: String,
    /// What the refused-field list calls this field, e.g. "Support chat › Input tokens".
    #[prop(into)]
    context: String,
    /// Shown while the input is empty.
    #[prop(optional, into)]
    placeholder: String,
    /// When true, an empty input is valid and means "no value" (`Ok(None)`).
    #[prop(optional)]
    optional: bool,
    /// Called on every edit with the parsed value or the reason it was refused.
    on_change: Callback<Result<Option<f64>, FieldProblem>>,
) -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(initial);
    let parse = move |t: &str| {
        if optional && t.trim().is_empty() {
            Ok(None)
        } else {
            spec.parse(t).map(Some)
        }
    };
    let problem = Memo::new(move |_| text.with(|t| parse(t).err()));
    let error_id = format!("{id}-error");
    let mark_id = id.clone();
    let unmark_id = id.clone();
    let mark = move |bad: bool| {
        state.invalid.update(|list| {
            list.retain(|(i, _)| *i != mark_id);
            if bad {
                list.push((mark_id.clone(), context.clone()));
            }
        });
    };
    on_cleanup(move || {
        state
            .invalid
            .try_update(|list| list.retain(|(i, _)| *i != unmark_id));
    });

    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{spec.label}</label>
            <div class="input-wrap">
                <input
                    id=id.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=id.clone()
                    placeholder=placeholder
                    value=text.get_untracked()
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=error_id.clone()
                    on:input:target=move |ev| {
                        let typed = ev.target().value();
                        let parsed = parse(&typed);
                        mark(parsed.is_err());
                        on_change.run(parsed);
                        text.set(typed);
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

/// A labelled drop-down of fixed choices.
#[component]
pub fn Choice(
    /// DOM id, unique on the page; also the test id.
    #[prop(into)]
    id: String,
    /// Label shown above the drop-down.
    label: &'static str,
    /// (value, text) of each option, in order.
    options: Vec<(String, String)>,
    /// The value selected when the drop-down is created.
    #[prop(into)]
    selected: String,
    /// Called with the value the user chose.
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() data-testid=id on:change:target=move |ev| on_change.run(ev.target().value())>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
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
    let file = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else { return };
    let file = gloo_file::File::from(file);
    leptos::task::spawn_local(async move {
        let result = gloo_file::futures::read_as_text(&file)
            .await
            .map_err(|e| format!("The file could not be read ({e})."));
        done.run(result);
    });
}
