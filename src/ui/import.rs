//! Import of a LiteLLM price table (paste or file): a summary of what was imported and skipped,
//! and a search to add imported models to the Scenario as custom models. The first load holds
//! only the section's heading; the form, the reader (`serde_json`) and what it shows load from
//! the import chunk when the section is first opened.

use super::lazy;
use super::state::use_app_state;
use crate::core::format;
use crate::core::import::ImportedModel;
use leptos::prelude::*;

/// Most search results shown at once.
const MAX_RESULTS: usize = 8;

/// The import section: closed, its heading; opened, the form from the import chunk.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <section class="panel inputs" aria-labelledby="import-title">
            <details class="import" on:toggle=move |_| opened.set(true)>
                <summary data-testid="import-open"><h2 id="import-title">"Import prices"</h2></summary>
                {lazy::when_opened(opened, "price import", || {
                    super::js::load_later_css();
                    Box::pin(lazy::import_form())
                })}
            </details>
        </section>
    }
}

/// The import form, its summary and the imported-model search (from the import chunk).
pub fn form() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let loaded = Memo::new(move |seen: Option<&bool>| {
        seen.copied().unwrap_or(false) || state.imported.with(Option::is_some)
    });

    let run = move |json: String| {
        leptos::task::spawn_local(async move {
            match lazy::import_litellm(json).await {
                Ok(Ok(summary)) => {
                    error.set(None);
                    state.imported.set(Some(std::sync::Arc::new(summary)));
                }
                Ok(Err(e)) => {
                    error.set(Some(e));
                    state.imported.set(None);
                }
                Err(lazy::ChunkError) => error.set(Some(
                    "The importer could not be loaded. Check the connection and try again."
                        .to_owned(),
                )),
            }
        });
    };
    // The file is read by the import chunk (the reader is not in the first load).
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let done = Callback::new(move |r: Result<String, String>| match r {
            Ok(text) => run(text),
            Err(e) => error.set(Some(e)),
        });
        leptos::task::spawn_local(async move {
            if lazy::read_file(input, done).await.is_err() {
                error.set(Some(
                    "The importer could not be loaded. Check the connection and try again."
                        .to_owned(),
                ));
            }
        });
    };
    view! {
        <div class="import-form">
            <p class="hint">
                "Paste or open a price table in LiteLLM's model_prices_and_context_window.json format. It is read here, in your browser."
            </p>
            <label class="visually-hidden" for="import-text">"Price table JSON"</label>
            <textarea id="import-text" data-testid="import-text" rows="3" spellcheck="false"
                placeholder="{ \"model-name\": { \"input_cost_per_token\": … } }"
                on:input:target=move |ev| text.set(ev.target().value())></textarea>
            <div class="import-actions">
                <button type="button" class="btn" data-testid="import-button"
                    on:click=move |_| run(text.get_untracked())>"Import pasted JSON"</button>
                <label class="btn file-btn">
                    "Open a file…"
                    <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_file />
                </label>
            </div>
            <p class="field-error" data-testid="import-error" role="alert">{move || error.get()}</p>
            // Loaded with the first import and kept: it shows nothing while there is none.
            <Show when=move || loaded.get()>
                {results()}
            </Show>
        </div>
    }
}

/// What the last import found: the summary, why entries were skipped, and the search to add
/// its models (from the import chunk).
pub fn results() -> impl IntoView {
    let state = use_app_state();
    let query = RwSignal::new(String::new());
    let summary = move || {
        state.imported.with(|s| {
            s.as_ref().map(|s| {
                let skipped: usize = s.skipped.values().sum();
                let mut reasons: Vec<_> = s.skipped.iter().collect();
                reasons.sort_by(|a, b| b.1.cmp(a.1));
                view! {
                    <p class="import-summary" data-testid="import-summary">
                        {format!(
                            "Imported {} models; skipped {}.",
                            format::number(s.models.len() as f64, 0),
                            format::number(skipped as f64, 0)
                        )}
                    </p>
                    <details class="more">
                        <summary>"Why entries were skipped"</summary>
                        <ul class="reasons">
                            {reasons.into_iter().map(|(reason, n)| view! {
                                <li>{format!("{}: {}", format::number(*n as f64, 0), reason)}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                }
            })
        })
    };
    let results = move || {
        let q = query.get();
        state.imported.with(|s| {
            s.as_ref().map_or_else(Vec::new, |s| {
                s.search(&q, MAX_RESULTS)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };

    view! {
        {summary}
        <Show when=move || state.imported.with(Option::is_some)>
            <div class="field">
                <label for="import-search">"Find an imported model to add"</label>
                <div class="input-wrap">
                    <input id="import-search" data-testid="import-search" type="search" autocomplete="off"
                        placeholder="e.g. claude, gpt-5, llama"
                        on:input:target=move |ev| query.set(ev.target().value()) />
                </div>
            </div>
            <ul class="import-results">
                {move || results().into_iter().map(|m| view! { <ImportResult model=m /> }).collect_view()}
            </ul>
        </Show>
    }
}

/// One search result with an "Add" button.
#[component]
fn ImportResult(
    /// The imported model.
    model: ImportedModel,
) -> impl IntoView {
    let state = use_app_state();
    let label = format!(
        "{} — {} in / {} out",
        model.key,
        format::price(model.price.input),
        format::price(model.price.output)
    );
    let add = move |_| {
        state.scenario.update(|s| {
            let id = s.next_custom_id();
            s.custom_models.push(model.to_custom(id));
        });
    };
    view! {
        <li>
            <span>{label}</span>
            <button type="button" class="btn btn-small" on:click=add>"Add"</button>
        </li>
    }
}
