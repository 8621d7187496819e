//! A custom model's billing rules, entered by hand (from the rules chunk, under the model's
//! prices): its service tiers, region and fast-mode multipliers, 12-hour and batched cache
//! prices, its context tiers and how they apply. (How its usage reports count cache tokens
//! changes no bill on the page, so it is left to links and the command line.) Each input writes through [`crate::scenario::rules`], with the bounds the link
//! decoder clamps to.

use super::field::{Choice, NumberField};
use super::state::{use_app_state, AppState};
use crate::scenario::rules::{RuleField, Tier, TierColumn, TierPart};
use crate::scenario::CustomModel;
use leptos::prelude::*;

/// Changes the custom model `id`, if it is still there.
fn edit_model(state: AppState, id: &str, f: impl FnOnce(&mut CustomModel)) {
    state.scenario.update(|s| {
        if let Some(m) = s.custom_models.iter_mut().find(|m| m.id == id) {
            f(m);
        }
    });
}

/// Reads the custom model `id` (the default when it was removed). Only types the first view
/// already memoizes (`bool`, `usize`, `Option<f64>`): each new one costs the first load its
/// reactive machinery.
fn read<T: Default + PartialEq + Send + Sync + 'static>(
    state: AppState,
    id: &str,
    f: impl Fn(&CustomModel) -> T + Send + Sync + 'static,
) -> Memo<T> {
    let id = id.to_owned();
    Memo::new(move |_| {
        state.scenario.with(|s| {
            s.custom_models
                .iter()
                .find(|m| m.id == id)
                .map(&f)
                .unwrap_or_default()
        })
    })
}

/// The rules editor of the custom model `id`; `key` is its slug for DOM ids.
pub fn editor(id: String, key: String) -> impl IntoView {
    let state = use_app_state();
    let field = {
        let (id, key) = (id.clone(), key.clone());
        move |field: RuleField, placeholder: &'static str| {
            rule_field(state, &id, &key, field, placeholder)
        }
    };
    let tiers = Tier::ALL
        .into_iter()
        .map(|tier| {
            // 1 when the model is sold on the tier (a count: the first view already
            // memoizes counts, not yet a flag of this editor's).
            let exists = read(state, &id, move |m| {
                usize::from(
                    RuleField::Tier(tier, TierPart::Input)
                        .get(&m.rules)
                        .is_some(),
                )
            });
            let parts = {
                let field = field.clone();
                move || {
                    TierPart::ALL[1..]
                        .iter()
                        .map(|&p| field(RuleField::Tier(tier, p), "as input"))
                        .collect_view()
                }
            };
            view! {
                <div class="price-grid">
                    {field(RuleField::Tier(tier, TierPart::Input), "not sold")}
                    {move || (exists.get() > 0).then(&parts)}
                </div>
            }
        })
        .collect_view();
    let others = RuleField::OTHERS
        .into_iter()
        .map(|f| field(f, "none"))
        .collect_view();
    // Batched cache reads keep the cache price (Google's rule) instead of the batch discount.
    let wins_id = format!("{key}-batch-cache-wins");
    let wins = {
        let id = id.clone();
        move || {
            state.scenario.with(|s| {
                s.custom_models
                    .iter()
                    .any(|m| m.id == id && m.rules.batch_cache_wins)
            })
        }
    };
    let set_wins = {
        let id = id.clone();
        move |ev: leptos::ev::Targeted<leptos::ev::Event, leptos::web_sys::HtmlInputElement>| {
            let v = ev.target().checked();
            edit_model(state, &id, |m| m.rules.batch_cache_wins = v);
        }
    };
    view! {
        <h4>"Billing rules"</h4>
        <p class="hint">"Multiples of the standard prices; a workload picks its tier, region and speed in its settings."</p>
        {tiers}
        <div class="price-grid">{others}</div>
        <div class="check">
            <input type="checkbox" id=wins_id.clone() data-testid=wins_id.clone() prop:checked=wins
                on:change:target=set_wins />
            <label for=wins_id>"Batched cache reads keep the cache price (Google's rule)"</label>
        </div>
        {context_tiers(state, id, key)}
    }
}

/// One optional number of the rules.
fn rule_field(
    state: AppState,
    id: &str,
    key: &str,
    field: RuleField,
    placeholder: &'static str,
) -> impl IntoView {
    let spec = field.spec();
    let model = id.to_owned();
    let on_change = Callback::new(move |v: Option<f64>| {
        edit_model(state, &model, |m| field.put(&mut m.rules, v));
    });
    view! {
        <NumberField
            id=format!("{key}-{}", spec.key)
            spec
            value=read(state, id, move |m| field.get(&m.rules))
            placeholder=placeholder.to_owned()
            optional=true
            context=format!("{id} › {}", spec.label)
            on_change
        />
    }
}

/// The context tiers, one row each with its threshold and prices, and how they apply.
fn context_tiers(state: AppState, id: String, key: String) -> impl IntoView {
    let count = read(state, &id, |m| m.tiers().len());
    let graduated = {
        let id = id.clone();
        move || {
            state.scenario.with(|s| {
                s.custom_models
                    .iter()
                    .any(|m| m.id == id && m.rules.graduated)
            })
        }
    };
    let rows = {
        let (id, key) = (id.clone(), key.clone());
        move |i: usize| {
            let fields = TierColumn::ALL
                .into_iter()
                .map(|column| {
                    let spec = column.spec();
                    let model = id.clone();
                    let on_change = Callback::new(move |v: Option<f64>| {
                        if let Some(v) = v {
                            edit_model(state, &model, |m| m.set_tier(i, column, v));
                        }
                    });
                    let value = read(state, &id, move |m| m.tier(i, column));
                    view! {
                        <NumberField
                            id=format!("{key}-tier{i}-{}", spec.key)
                            spec
                            value
                            context=format!("{id} › Context tier {} › {}", i + 1, spec.label)
                            on_change
                        />
                    }
                })
                .collect_view();
            let model = id.clone();
            view! {
                <div class="price-grid" role="group" aria-label=format!("Context tier {}", i + 1)>{fields}</div>
                <button type="button" class="btn btn-small" data-testid=format!("{key}-tier{i}-remove")
                    on:click=move |_| edit_model(state, &model, |m| m.remove_tier(i))>
                    {format!("Remove tier {}", i + 1)}
                </button>
            }
        }
    };
    let add = {
        let id = id.clone();
        move |_| edit_model(state, &id, CustomModel::add_tier)
    };
    let tiering = Callback::new(move |v: String| {
        edit_model(state, &id, |m| m.rules.graduated = v == "graduated");
    });
    let (choice, add_id) = (format!("{key}-tiering"), format!("{key}-tier-add"));
    view! {
        <h4>"Context tiers"</h4>
        <p class="hint">"For prompts above a threshold; cache prices follow input in proportion."</p>
        // Rebuilt only when a tier is added or removed (a keyed list would cost the first load
        // its diffing for a new key type).
        {move || (0..count.get()).map(&rows).collect_view()}
        {move || (count.get() > 0).then(|| { let graduated = graduated.clone(); view! {
            <Choice
                id=choice.clone()
                label="How the tiers apply"
                options=vec![
                    ("cliff".to_owned(), "Cliff: all at the top tier passed".to_owned()),
                    ("graduated".to_owned(), "Graduated: each band at its price".to_owned()),
                ]
                selected=Signal::derive(move || if graduated() { "graduated" } else { "cliff" }.to_owned())
                on_change=tiering
            />
        }})}
        <button type="button" class="btn btn-small" data-testid=add_id on:click=add>
            "+ Context tier"
        </button>
    }
}
