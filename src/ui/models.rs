//! The models in use: their prices with source and date, the user's overrides, and custom
//! models.

use super::field::NumberField;
use super::lazy::{self, lazy_view};
use super::state::{use_app_state, AppState};
use crate::core::catalog::api_model;
use crate::core::format;
use crate::scenario::{CustomModel, PriceEdit, PriceField, ProviderDiscount};
use leptos::prelude::*;

/// Every model a route uses, then every custom model; a button adds a custom model.
#[component]
pub fn ModelsPanel() -> impl IntoView {
    let state = use_app_state();
    let ids = Memo::new(move |_| {
        state.scenario.with(|s| {
            let mut ids: Vec<String> = Vec::new();
            let used = s
                .workloads
                .iter()
                .flat_map(|w| w.routes.iter().map(|r| &r.model));
            for id in used.chain(s.custom_models.iter().map(|m| &m.id)) {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
            ids
        })
    });
    let add = move |_| {
        state.scenario.update(|s| {
            let id = s.next_custom_id();
            let n = id.trim_start_matches("custom/").to_owned();
            s.custom_models.push(CustomModel {
                id,
                name: format!("Custom model {n}"),
                source: "Entered by hand".to_owned(),
                price: PriceEdit {
                    input: Some(1.0),
                    output: Some(2.0),
                    ..PriceEdit::default()
                },
                cache_beside_prompt: false,
                long_context: None,
                rules: crate::scenario::CustomRules::default(),
            });
        });
    };
    // The discounts' inputs load from their chunk when the section is first opened.
    let discounts_open = RwSignal::new(false);
    view! {
        <section class="panel inputs" aria-labelledby="models-title">
            <div class="panel-head">
                <h2 id="models-title">"Model prices"</h2>
                <button type="button" class="btn" data-testid="add-custom-model" on:click=add>
                    "+ Custom model"
                </button>
            </div>
            <p class="hint">"Type over any price to override it (a negotiated rate, a regional price); clear it to go back to the list price."</p>
            <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <ModelCard id /> } />
            <details class="more" on:toggle=move |_| discounts_open.set(true)>
                <summary data-testid="discounts-open">"Negotiated discounts by provider"</summary>
                <Show when=move || discounts_open.get()>
                    {lazy_view("discounts", || Box::pin(lazy::discounts_form()))}
                </Show>
            </details>
        </section>
    }
}

/// One model's card: its name, source and date; its prices load from the rules chunk when
/// the price section is first opened (at once for a custom model, whose section is open).
#[component]
fn ModelCard(
    /// Catalog id or `custom/N`.
    id: String,
) -> impl IntoView {
    let state = use_app_state();
    let catalog = api_model(&id);
    let custom = state
        .scenario
        .with_untracked(|s| s.custom_models.iter().find(|m| m.id == id).cloned());
    let slug = id.replace(['/', '.'], "-");
    let overridden = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .scenario
                .with(|s| s.price_overrides.iter().any(|o| o.model == id))
        })
    };
    let header = match (&catalog, &custom) {
        (Some(m), _) => view! {
            <h3 class="model-name">{m.name} <span class="provider">{m.provider}</span></h3>
            <p class="source" data-testid=format!("{slug}-source")>
                "Source: " {m.source} " · as of " <strong>{m.as_of}</strong>
                {(!m.note.is_empty()).then(|| format!(" · {}", m.note))}
            </p>
        }
        .into_any(),
        (None, Some(m)) => {
            let id = id.clone();
            let custom_name = {
                let id = id.clone();
                Memo::new(move |_| {
                    state.scenario.with(|s| {
                        s.custom_models
                            .iter()
                            .find(|m| m.id == id)
                            .map(|m| m.name.clone())
                            .unwrap_or_default()
                    })
                })
            };
            view! {
                <h3 class="model-name">
                    <label class="visually-hidden" for=format!("{slug}-name")>"Custom model name"</label>
                    <input class="name-input" id=format!("{slug}-name") type="text" prop:value=custom_name
                        on:input:target=move |ev| {
                            let v = ev.target().value();
                            state.scenario.update(|s| {
                                if let Some(m) = s.custom_models.iter_mut().find(|m| m.id == id) {
                                    m.name = v;
                                }
                            });
                        } />
                    <span class="provider">"Custom"</span>
                </h3>
                <p class="source">"Source: " {m.source.clone()}</p>
            }
            .into_any()
        }
        (None, None) => view! { <h3 class="model-name">{id.clone()}</h3> }.into_any(),
    };

    let editor_id = id.clone();
    let prices_open = RwSignal::new(custom.is_some());
    view! {
        <div class="model-card" data-testid=format!("model-{slug}")>
            {header}
            <details class="more" open=custom.is_some() on:toggle=move |_| prices_open.set(true)>
                <summary data-testid=format!("{slug}-prices-open")>"Prices ($ per million tokens)"</summary>
                <Show when=move || prices_open.get()>
                    {let id = editor_id.clone(); lazy_view("prices", move || Box::pin(lazy::price_editor(id.clone())))}
                </Show>
            </details>
            <Show when=move || overridden.get()>
                <p class="badge">"Your prices override the list price."</p>
            </Show>
        </div>
    }
}

/// A model's price inputs, with the buttons that reset an override or remove a custom model
/// (from the rules chunk).
pub fn price_editor(id: String) -> impl IntoView {
    let state = use_app_state();
    let catalog = api_model(&id);
    let custom = state
        .scenario
        .with_untracked(|s| s.custom_models.iter().any(|m| m.id == id));
    let key = id.replace(['/', '.'], "-");
    // The prices the user set for this model (an override, or the custom model's own).
    let edit = {
        let model_id = id.clone();
        Memo::new(move |_| {
            state.scenario.with(|s| {
                s.price_overrides
                    .iter()
                    .find(|o| o.model == model_id)
                    .map(|o| o.edit.clone())
                    .or_else(|| {
                        s.custom_models
                            .iter()
                            .find(|m| m.id == model_id)
                            .map(|m| m.price.clone())
                    })
                    .unwrap_or_default()
            })
        })
    };
    let list_price = catalog.as_ref().map(|m| m.price.clone());
    let fields = PriceField::ALL
        .iter()
        .map(|&field| {
            let spec = field.spec();
            let id = id.clone();
            let placeholder = list_price
                .as_ref()
                .and_then(|p| field.of(p))
                .map_or_else(|| "none".to_owned(), format::editable);
            let context = format!("{id} › {}", spec.label);
            let on_change = Callback::new(move |value: Option<f64>| {
                let id = id.clone();
                state.scenario.update(|s| {
                    if let Some(m) = s.custom_models.iter_mut().find(|m| m.id == id) {
                        field.put(&mut m.price, value);
                    } else {
                        field.put(s.override_mut(&id), value);
                        s.price_overrides.retain(|o| !o.edit.is_empty());
                    }
                });
            });
            view! {
                <NumberField
                    id=format!("{key}-{}", spec.key)
                    spec
                    value=Memo::new(move |_| edit.with(|e| field.get(e)))
                    placeholder
                    optional=true
                    context
                    on_change
                />
            }
        })
        .collect_view();

    let overridden = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .scenario
                .with(|s| s.price_overrides.iter().any(|o| o.model == id))
        })
    };
    let reset = {
        let id = id.clone();
        move |_| {
            state
                .scenario
                .update(|s| s.price_overrides.retain(|o| o.model != id));
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            state
                .scenario
                .update(|s| s.custom_models.retain(|m| m.id != id));
        }
    };
    let used = {
        let id = id.clone();
        Memo::new(move |_| {
            state.scenario.with(|s| {
                s.workloads
                    .iter()
                    .any(|w| w.routes.iter().any(|r| r.model == id))
            })
        })
    };

    view! {
        <div class="price-grid">{fields}</div>
        {catalog.is_some().then(|| view! {
            <button type="button" class="btn btn-small" disabled=move || !overridden.get() on:click=reset.clone()>
                "Reset to list prices"
            </button>
        })}
        {custom.then(|| super::rules::editor(id.clone(), key.clone()))}
        {custom.then(|| rules_list(id.clone()))}
        {custom.then(|| view! {
            <button type="button" class="btn btn-small" disabled=move || used.get()
                title=move || if used.get() { "A workload routes to this model" } else { "" }
                on:click=remove.clone()>"Remove model"</button>
        })}
    }
}

/// The negotiated discounts: one input per provider of a built-in model in use, and any the
/// Scenario holds for others (from the discounts chunk).
pub fn discounts() -> impl IntoView {
    let state = use_app_state();
    let providers = Memo::new(move |_| {
        state.scenario.with(|s| {
            let mut out: Vec<String> = Vec::new();
            let used = s
                .workloads
                .iter()
                .flat_map(|w| w.routes.iter())
                .filter_map(|r| api_model(&r.model).map(|m| m.provider.to_owned()));
            for p in used.chain(s.discounts.iter().map(|d| d.provider.clone())) {
                if !out.iter().any(|o| o.eq_ignore_ascii_case(&p)) {
                    out.push(p);
                }
            }
            out
        })
    });
    view! {
        <p class="hint">"A percentage off every price of a provider (an enterprise agreement), applied after every other rule, to its list prices and to your overrides alike."</p>
        <For each=move || providers.get() key=Clone::clone children=move |p| discount_field(state, p) />
    }
}

fn discount_field(state: AppState, provider: String) -> impl IntoView {
    let key: String = provider
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let (read, write) = (provider.clone(), provider.clone());
    let value = Memo::new(move |_| {
        state
            .scenario
            .with(|s| Some(ProviderDiscount::of(&s.discounts, &read)))
    });
    let on_change = Callback::new(move |v: Option<f64>| {
        let pct = v.unwrap_or(0.0);
        state
            .scenario
            .update(|s| ProviderDiscount::set(&mut s.discounts, &write, pct));
    });
    let context = format!("{provider} › Negotiated discount");
    view! {
        <NumberField
            id=format!("discount-{key}")
            spec=crate::scenario::DISCOUNT
            label=format!("{provider}: off list prices")
            value
            context=Signal::derive(move || context.clone())
            on_change
        />
    }
}

/// A custom model's billing rules beyond its prices, one line each (from the rules chunk).
pub fn rules_list(id: String) -> impl IntoView {
    let state = use_app_state();
    let lines = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.custom_models
                .iter()
                .find(|m| m.id == id)
                .map(crate::core::models::rules_lines)
                .unwrap_or_default()
        })
    });
    view! {
        <ul class="notes" data-testid="custom-rules">
            {move || lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
        </ul>
    }
}
