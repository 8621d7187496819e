//! The workloads editor: a list of workloads, each with its traffic, request shape, caching,
//! batch share and routing across models.

use super::field::{Choice, NumberField};
use super::lazy::{self, lazy_view};
use super::state::{use_app_state, AppState};
use crate::core::{format, EvalError};
use crate::scenario::{
    Location, Route, ScenarioError, TrafficMode, Workload, WorkloadField, DEFAULT_MODEL,
    ROUTE_SHARE,
};
use leptos::prelude::*;

/// All workloads, with buttons to add more.
#[component]
pub fn WorkloadsPanel() -> impl IntoView {
    let state = use_app_state();
    let ids = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.workloads.iter().map(|w| w.id).collect::<Vec<_>>())
    });
    let add = move |_| {
        state.scenario.update(|s| {
            let id = s.next_workload_id();
            s.workloads
                .push(Workload::new(id, format!("Workload {id}"), DEFAULT_MODEL));
        });
    };
    view! {
        <section class="panel inputs" aria-labelledby="workloads-title">
            <div class="panel-head">
                <h2 id="workloads-title">"Workloads"</h2>
                <button type="button" class="btn" data-testid="add-workload" on:click=add>
                    "+ Add workload"
                </button>
            </div>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty">"No workloads: add one to price its traffic."</p>
            </Show>
            <For
                each=move || ids.get()
                key=|id| *id
                children=move |id| view! { <WorkloadEditor id /> }
            />
            <p class="hint">"Numbers accept 1,500 · 1.5k · 2M · 2e6."</p>
        </section>
    }
}

/// Static (value, text) pairs as the owned options [`Choice`] takes.
fn choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, t)| ((*v).to_owned(), (*t).to_owned()))
        .collect()
}

/// Updates the workload with `id`, if it still exists.
fn update_workload(state: AppState, id: u32, f: impl FnOnce(&mut Workload)) {
    state.scenario.update(|s| {
        if let Some(w) = s.workload_mut(id) {
            f(w);
        }
    });
}

/// One numeric input of a workload, controlled by the Scenario.
fn workload_field(
    state: AppState,
    id: u32,
    this: Memo<Option<Workload>>,
    name: Memo<String>,
    f: WorkloadField,
) -> impl IntoView {
    let spec = f.spec();
    let value = Memo::new(move |_| this.with(|w| w.as_ref().map(|w| f.get(w))));
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            update_workload(state, id, |w| f.set(w, v));
        }
    });
    view! {
        <NumberField
            id=format!("w{id}-{}", spec.key)
            spec
            value
            context=Signal::derive(move || format!("{} › {}", name.get(), spec.label))
            on_change
        />
    }
}

/// One workload's inputs, controlled by the Scenario.
#[component]
fn WorkloadEditor(
    /// The workload's id.
    id: u32,
) -> impl IntoView {
    let state = use_app_state();
    // This workload as the Scenario holds it (None for the instant it is being removed).
    let this = Memo::new(move |_| {
        state
            .scenario
            .with(|s| s.workloads.iter().find(|w| w.id == id).cloned())
    });
    let name =
        Memo::new(move |_| this.with(|w| w.as_ref().map(|w| w.name.clone()).unwrap_or_default()));
    let mode = Memo::new(move |_| {
        this.with(|w| w.as_ref().map_or(TrafficMode::PerMonth, |w| w.traffic_mode))
    });
    let field = move |f: WorkloadField| workload_field(state, id, this, name, f);
    let duplicate = move |_| state.scenario.update(|s| s.duplicate_workload(id));
    let remove = move |_| {
        state
            .scenario
            .update(|s| s.workloads.retain(|w| w.id != id));
    };
    let mode_key = Signal::derive(move || {
        if mode.get() == TrafficMode::PerDay {
            "per-day"
        } else {
            "per-month"
        }
        .to_owned()
    });
    // The section's inputs load from their chunk when it is first opened.
    let more = RwSignal::new(false);
    view! {
        <fieldset class="workload" data-testid=format!("workload-{id}")>
            <legend class="visually-hidden">{move || format!("Workload {}", name.get())}</legend>
            <div class="workload-head">
                <label class="visually-hidden" for=format!("w{id}-name")>"Workload name"</label>
                <input
                    class="name-input"
                    id=format!("w{id}-name")
                    data-testid=format!("w{id}-name")
                    type="text"
                    prop:value=name
                    maxlength="80"
                    on:input:target=move |ev| {
                        let v = ev.target().value();
                        update_workload(state, id, |w| w.name = v);
                    }
                />
                <button type="button" class="btn btn-small" aria-label=move || format!("Duplicate {}", name.get())
                    data-testid=format!("w{id}-duplicate") on:click=duplicate>"Duplicate"</button>
                <button type="button" class="btn btn-small" aria-label=move || format!("Remove {}", name.get())
                    data-testid=format!("w{id}-remove") on:click=remove>"Remove"</button>
            </div>
            <Choice
                id=format!("w{id}-traffic-mode")
                label="Traffic"
                options=choices(&[("per-month", "Requests per month"), ("per-day", "Requests per day × active days")])
                selected=mode_key
                on_change=Callback::new(move |v: String| update_workload(state, id, |w| {
                    w.traffic_mode = if v == "per-day" { TrafficMode::PerDay } else { TrafficMode::PerMonth };
                }))
            />
            <Show when=move || mode.get() == TrafficMode::PerMonth fallback=move || view! {
                <div class="row">{field(WorkloadField::RequestsPerDay)}{field(WorkloadField::ActiveDays)}</div>
            }>
                {field(WorkloadField::RequestsPerMonth)}
            </Show>
            <div class="row">{field(WorkloadField::InputTokens)}{field(WorkloadField::OutputTokens)}</div>
            <details class="more" on:toggle=move |_| more.set(true)>
                <summary data-testid=format!("w{id}-more-open")>"Reasoning, caching, batch and tiers"</summary>
                <Show when=move || more.get()>
                    {lazy_view("workload settings", move || Box::pin(lazy::workload_more(id, this, name)))}
                </Show>
            </details>
            <Routes id this />
        </fieldset>
    }
}

/// A workload's reasoning, caching, batch, tier, region and speed inputs (from the
/// workload-settings chunk, loaded when the section is first opened).
pub fn more(id: u32, this: Memo<Option<Workload>>, name: Memo<String>) -> impl IntoView {
    let state = use_app_state();
    let field = move |f: WorkloadField| workload_field(state, id, this, name, f);
    let flag = move |get: fn(&Workload) -> bool, on: &'static str, off: &'static str| {
        Signal::derive(move || {
            if this.with(|w| w.as_ref().is_some_and(get)) {
                on
            } else {
                off
            }
            .to_owned()
        })
    };

    view! {
        {field(WorkloadField::ReasoningTokens)}
        <div class="row">{field(WorkloadField::CachedPct)}{field(WorkloadField::CacheWriteTokens)}</div>
        <div class="row">{field(WorkloadField::Write1hPct)}{field(WorkloadField::Write12hPct)}</div>
        {field(WorkloadField::BatchPct)}
        <div class="row">{field(WorkloadField::FlexPct)}{field(WorkloadField::PriorityPct)}</div>
        <div class="row">
            <Choice
                id=format!("w{id}-residency")
                label="Where it runs"
                options=choices(&[("global", "Global"), ("region", "One region")])
                selected=flag(|w| w.residency, "region", "global")
                on_change=Callback::new(move |v: String| update_workload(state, id, |w| w.residency = v == "region"))
            />
            <Choice
                id=format!("w{id}-speed")
                label="Speed"
                options=choices(&[("standard", "Standard"), ("fast", "Fast mode")])
                selected=flag(|w| w.fast, "fast", "standard")
                on_change=Callback::new(move |v: String| update_workload(state, id, |w| w.fast = v == "fast"))
            />
        </div>
        <UsagePaste id />
        <p class="hint">"Cache writes not kept 1 or 12 hours have the model's standard lifetime (5 minutes at Anthropic). Tiers, regions, fast mode and longer cache lifetimes are priced where the model's price list has them; the notes say when it has none."</p>
    }
}

/// Fills a workload's token mix from one response's usage object, pasted as its provider
/// returns it (read by the usage chunk).
#[component]
fn UsagePaste(
    /// The workload's id.
    id: u32,
) -> impl IntoView {
    use crate::core::usage::{fill_workload, UsageFormat};
    let state = use_app_state();
    let format = RwSignal::new(UsageFormat::OpenAiChat.key().to_owned());
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let fill = move |_| {
        let chosen =
            UsageFormat::from_key(&format.get_untracked()).unwrap_or(UsageFormat::OpenAiChat);
        let pasted = text.get_untracked();
        leptos::task::spawn_local(async move {
            let shown = match lazy::read_usage(chosen, pasted).await {
                Ok(Ok(u)) => {
                    update_workload(state, id, |w| fill_workload(&u, w));
                    let n = |v: f64| format::number(v, 0);
                    (false, format!(
                        "Filled from one response: {} prompt tokens ({} read from the cache, {} written), {} output and {} reasoning tokens. Traffic, routes, batch and tier shares are unchanged.",
                        n(u.input_tokens),
                        n(u.cached_tokens),
                        n(u.written()),
                        n(u.output_tokens),
                        n(u.reasoning_tokens)
                    ))
                }
                Ok(Err(e)) => (true, format!("Nothing filled: {e}.")),
                Err(lazy::ChunkError) => (
                    true,
                    "The usage reader could not be loaded. Check the connection and try again."
                        .to_owned(),
                ),
            };
            message.set(Some(shown));
        });
    };
    let formats = UsageFormat::ALL
        .iter()
        .map(|f| (f.key().to_owned(), f.label().to_owned()))
        .collect();
    view! {
        <details class="usage-paste">
            <summary data-testid=format!("w{id}-usage-open")>"Fill from a response's usage"</summary>
            <Choice id=format!("w{id}-usage-format") label="Its format" options=formats
                selected=Signal::derive(move || format.get()) on_change=Callback::new(move |v| format.set(v)) />
            <div class="field">
                <label for=format!("w{id}-usage")>"The usage object, or the whole response"</label>
                <textarea id=format!("w{id}-usage") data-testid=format!("w{id}-usage") rows="4" spellcheck="false"
                    prop:value=move || text.get() on:input:target=move |ev| text.set(ev.target().value())></textarea>
            </div>
            <button type="button" class="btn btn-small" data-testid=format!("w{id}-usage-fill") on:click=fill>"Fill the token mix"</button>
            <p class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "field-error" } else { "hint" }
                data-testid=format!("w{id}-usage-message") aria-live="polite">
                {move || message.with(|m| m.as_ref().map(|m| m.1.clone()))}
            </p>
        </details>
    }
}

/// A workload's routing: which models get which share of its requests.
#[component]
fn Routes(
    /// The workload's id.
    id: u32,
    /// The workload as the Scenario holds it.
    this: Memo<Option<Workload>>,
) -> impl IntoView {
    let state = use_app_state();
    // Re-render the rows only when models are added, removed or changed, never while a share
    // is being typed.
    let models = Memo::new(move |_| {
        this.with(|w| {
            w.as_ref()
                .map(|w| w.routes.iter().map(|r| r.model.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let error = Memo::new(move |_| {
        state.spend.with(|r| match r {
            Err(EvalError::Invalid(ScenarioError {
                location: Location::Routing { id: wid, .. },
                problem,
            })) if *wid == id => Some(problem.to_string()),
            _ => None,
        })
    });
    let add = move |_| {
        update_workload(state, id, |w| {
            w.routes.push(Route {
                model: DEFAULT_MODEL.to_owned(),
                share_pct: 0.0,
            });
        });
    };
    view! {
        <div class="routes" role="group" aria-label="Models and traffic shares">
            <p class="routes-title">"Models"</p>
            {move || {
                models
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, model)| view! { <RouteRow id index model this /> })
                    .collect_view()
            }}
            <p class="field-error" data-testid=format!("w{id}-routing-error") aria-live="polite">{move || error.get()}</p>
            <button type="button" class="btn btn-small" data-testid=format!("w{id}-add-route") on:click=add>
                "+ Split traffic to another model"
            </button>
        </div>
    }
}

/// One route: a model picker, its share, and a remove button.
#[component]
fn RouteRow(
    /// The workload's id.
    id: u32,
    /// The route's position in the workload.
    index: usize,
    /// The model it uses now.
    model: String,
    /// The workload as the Scenario holds it.
    this: Memo<Option<Workload>>,
) -> impl IntoView {
    let state = use_app_state();
    let share = Memo::new(move |_| {
        this.with(|w| {
            w.as_ref()
                .and_then(|w| w.routes.get(index))
                .map(|r| r.share_pct)
        })
    });
    let on_share = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            update_workload(state, id, |w| {
                if let Some(r) = w.routes.get_mut(index) {
                    r.share_pct = v;
                }
            });
        }
    });
    let remove = move |_| update_workload(state, id, |w| w.remove_route(index));
    let select_id = format!("w{id}-route{index}-model");
    let options = move || {
        let mut last_provider = String::new();
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (mid, name, provider) in state.model_options.get() {
            if provider != last_provider {
                groups.push((provider.clone(), Vec::new()));
                last_provider = provider;
            }
            if let Some(g) = groups.last_mut() {
                g.1.push((mid, name));
            }
        }
        let current = model.clone();
        groups
            .into_iter()
            .map(|(provider, list)| {
                let current = current.clone();
                view! {
                    <optgroup label=provider>
                        {list.into_iter().map(|(mid, name)| {
                            let selected = mid == current;
                            view! { <option value=mid selected=selected>{name}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            })
            .collect_view()
    };
    view! {
        <div class="route">
            <div class="field route-model">
                <label for=select_id.clone()>"Model"</label>
                <select
                    id=select_id.clone()
                    data-testid=select_id.clone()
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        update_workload(state, id, |w| {
                            if let Some(r) = w.routes.get_mut(index) {
                                r.model = v;
                            }
                        });
                    }
                >
                    {options}
                </select>
            </div>
            <div class="route-share">
                <NumberField
                    id=format!("w{id}-route{index}-share")
                    spec=ROUTE_SHARE
                    value=share
                    context="Routing share".to_owned()
                    on_change=on_share
                />
            </div>
            <button type="button" class="btn-icon route-remove" title="Remove this model"
                aria-label="Remove this model" data-testid=format!("w{id}-route{index}-remove")
                on:click=remove>"✕"</button>
        </div>
    }
}
