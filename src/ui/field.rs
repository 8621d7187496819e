//! A number input that keeps exactly what the user typed.
//!
//! The text is never rewritten while typing. Each keystroke is parsed by
//! [`crate::scenario::Field::parse`]; an accepted value goes to the Scenario, a refused one
//! shows its message beside the field and leaves the Scenario (and so every total) at its last
//! valid value.

use crate::core::format;
use crate::scenario::{Field, FieldProblem};
use leptos::prelude::*;

/// One labelled numeric input bound to a Scenario field.
#[component]
pub fn NumberField(
    /// Which Scenario field this input edits (label, unit, bounds and id come from it).
    field: Field,
    /// The field's value when the input is created.
    initial: f64,
    /// Called on every edit with the parsed value or the reason it was refused.
    on_change: Callback<Result<f64, FieldProblem>>,
) -> impl IntoView {
    let spec = field.spec();
    let text = RwSignal::new(format::editable(initial));
    let problem = Memo::new(move |_| text.with(|t| field.parse(t).err()));
    let error_id = format!("{}-error", spec.id);

    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=spec.id>{spec.label}</label>
            <div class="input-wrap">
                <input
                    id=spec.id
                    name=spec.id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=spec.id
                    value=text.get_untracked()
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=error_id.clone()
                    on:input:target=move |ev| {
                        let typed = ev.target().value();
                        on_change.run(field.parse(&typed));
                        text.set(typed);
                    }
                />
                <span class="unit" aria-hidden="true">{spec.unit}</span>
            </div>
            <p class="field-error" id=error_id data-testid=format!("{}-error", spec.id) aria-live="polite">
                {move || problem.get().map(|p| p.to_string())}
            </p>
        </div>
    }
}
