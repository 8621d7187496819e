//! The page: one Scenario signal, one Report memo, the answer first and the inputs beside it.

use super::field::NumberField;
use super::results::SpendSummary;
use crate::core::evaluate;
use crate::scenario::{Field, FieldProblem, Scenario, DEFAULT_PRICE_AS_OF, DEFAULT_PRICE_SOURCE};
use leptos::prelude::*;

/// The whole calculator.
#[component]
pub fn App() -> impl IntoView {
    let initial = Scenario::default();
    let scenario = RwSignal::new(initial.clone());
    let report = Memo::new(move |_| scenario.with(evaluate));
    // Fields whose text is currently refused: the totals then show the last valid inputs.
    let invalid = RwSignal::new(Vec::<Field>::new());

    let field = move |field: Field| {
        let on_change = Callback::new(move |parsed: Result<f64, FieldProblem>| match parsed {
            Ok(value) => {
                scenario.update(|s| field.set(s, value));
                invalid.update(|v| v.retain(|f| *f != field));
            }
            Err(_) => invalid.update(|v| {
                if !v.contains(&field) {
                    v.push(field);
                }
            }),
        });
        view! { <NumberField field initial=field.get(&initial) on_change /> }
    };

    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <span>"Inference cost"</span>
            </div>
            <p class="privacy">"Private by design: everything is computed in your browser."</p>
        </header>
        <main class="layout">
            <SpendSummary report invalid />
            <section class="panel inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title">"Your traffic"</h2>
                <fieldset>
                    <legend>"Workload"</legend>
                    {field(Field::RequestsPerMonth)}
                    {field(Field::InputTokens)}
                    {field(Field::OutputTokens)}
                </fieldset>
                <fieldset>
                    <legend>"Model price"</legend>
                    {field(Field::InputPrice)}
                    {field(Field::OutputPrice)}
                    <p class="source" data-testid="price-source">
                        "Defaults: " {DEFAULT_PRICE_SOURCE} ", as of " {DEFAULT_PRICE_AS_OF} "."
                    </p>
                </fieldset>
                <p class="hint">"Numbers accept 1,500 · 1.5k · 2M · 2e6."</p>
            </section>
        </main>
        <footer class="footer">
            <p>
                "Monthly bill = requests × (input tokens × input price + output tokens × output price) ÷ 1,000,000. "
                "Nothing you type leaves this page."
            </p>
        </footer>
    }
}
