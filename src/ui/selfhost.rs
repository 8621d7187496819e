//! The self-hosting view: the verdict and break-even chart first, the model, hardware and
//! cost inputs beside them. Everything shown comes from [`crate::core::selfhost`].

use super::chart::{LineChart, Series};
use super::field::{Choice, NumberField};
use super::stages::use_stages;
use super::state::{use_app_state, Stage};
use crate::core::format;
use crate::core::hardware::{self, Precision, OPEN_MODELS};
use crate::core::selfhost::{Bound, OptionCost, SelfHostError, SelfHostReport};
use crate::scenario::selfhost::{CUSTOM, GROUP_SIZES};
use crate::scenario::{FieldSpec, GpuField, ModelField, Scenario, SelfHostField, SelfHostOptional};
use leptos::prelude::*;

fn with_selfhost<T>(
    f: impl Fn(&SelfHostReport) -> T,
) -> impl Fn(&Stage<SelfHostReport, SelfHostError>) -> Option<T> {
    move |r| r.as_deref().ok().map(&f)
}

/// The self-hosting tab: the answer, the chart and the tables, the inputs beside them.
pub fn tab() -> impl IntoView {
    view! {
        <div class="results">
            <SelfHostSummary />
            <BreakEvenChart />
            <CostTable />
            <FitPanel />
        </div>
        <div class="sidebar">
            <HardwarePanel />
            <ServingPanel />
            <CostPanel />
        </div>
    }
}

/// A required number controlled by the Scenario: `get` reads it, `set` writes each accepted
/// edit.
pub(crate) fn bound_number(
    id: String,
    spec: FieldSpec,
    context: &str,
    get: impl Fn(&Scenario) -> f64 + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, f64) + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let value = Memo::new(move |_| state.scenario.with(|s| Some(get(s))));
    let on_change = Callback::new(move |v: Option<f64>| {
        if let Some(v) = v {
            state.scenario.update(|s| set(s, v));
        }
    });
    view! {
        <NumberField id spec value
            context=format!("{context} › {}", spec.label) on_change />
    }
}

/// An optional number controlled by the Scenario: empty means "use the figure in the
/// placeholder".
pub(crate) fn bound_optional(
    id: String,
    spec: FieldSpec,
    context: &str,
    placeholder: Signal<String>,
    get: impl Fn(&Scenario) -> Option<f64> + Send + Sync + 'static,
    put: impl Fn(&mut Scenario, Option<f64>) + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let value = Memo::new(move |_| state.scenario.with(&get));
    let on_change = Callback::new(move |v: Option<f64>| {
        state.scenario.update(|s| put(s, v));
    });
    view! {
        <NumberField id spec value optional=true placeholder
            context=format!("{context} › {}", spec.label) on_change />
    }
}

/// A numeric self-hosting field.
fn number(f: SelfHostField) -> impl IntoView {
    bound_number(
        format!("sh-{}", f.spec().key),
        f.spec(),
        "Self-hosting",
        move |s| f.get(&s.selfhost),
        move |s, v| f.set(&mut s.selfhost, v),
    )
}

/// An optional self-hosting field: empty uses the catalog's figure, shown as placeholder.
fn optional(f: SelfHostOptional, placeholder: Signal<String>) -> impl IntoView {
    bound_optional(
        format!("sh-{}", f.spec().key),
        f.spec(),
        "Self-hosting",
        placeholder,
        move |s| f.get(&s.selfhost),
        move |s, v| f.put(&mut s.selfhost, v),
    )
}

/// The model, precision and GPU inputs.
#[component]
pub fn HardwarePanel() -> impl IntoView {
    let state = use_app_state();
    let model = Memo::new(move |_| state.scenario.with(|s| s.selfhost.model.clone()));
    let chosen = |f: fn(&crate::scenario::SelfHost) -> String| {
        Signal::derive(move || state.scenario.with(|s| f(&s.selfhost)))
    };
    let gpu = Memo::new(move |_| state.scenario.with(|s| s.selfhost.gpu.clone()));
    let mut model_options: Vec<(String, String)> = OPEN_MODELS
        .iter()
        .map(|m| {
            let params = if m.arch.active_params_b < m.arch.total_params_b {
                format!(
                    "{}B, {}B active",
                    format::number(m.arch.total_params_b, 0),
                    format::number(m.arch.active_params_b, 1)
                )
            } else {
                format!("{}B", format::number(m.arch.total_params_b, 1))
            };
            (m.id.to_owned(), format!("{} ({params})", m.name))
        })
        .collect();
    model_options.push((CUSTOM.to_owned(), "Custom model…".to_owned()));
    let mut gpu_options: Vec<(String, String)> = hardware::gpus()
        .iter()
        .map(|g| {
            (
                g.id.to_owned(),
                format!(
                    "{} {} ({} GiB)",
                    g.vendor,
                    g.name,
                    format::number(g.spec.memory_gib, 0)
                ),
            )
        })
        .collect();
    gpu_options.push((CUSTOM.to_owned(), "Custom GPU…".to_owned()));
    let precisions = |list: &[Precision]| -> Vec<(String, String)> {
        list.iter()
            .map(|p| (p.key().to_owned(), p.label().to_owned()))
            .collect()
    };
    let set_precision = move |kv: bool| {
        Callback::new(move |v: String| {
            if let Some(p) = Precision::from_key(&v) {
                state.scenario.update(|s| {
                    if kv {
                        s.selfhost.kv_precision = p;
                    } else {
                        s.selfhost.precision = p;
                    }
                });
            }
        })
    };
    let model_field = |f: ModelField| {
        bound_number(
            format!("sh-model-{}", f.spec().key),
            f.spec(),
            "Custom model",
            move |s| f.get(&s.selfhost.custom_model),
            move |s, v| f.set(&mut s.selfhost.custom_model, v),
        )
    };
    let gpu_field = |f: GpuField| {
        bound_number(
            format!("sh-gpu-{}", f.spec().key),
            f.spec(),
            "Custom GPU",
            move |s| f.get(&s.selfhost.custom_gpu),
            move |s, v| f.set(&mut s.selfhost.custom_gpu, v),
        )
    };
    let model_source = move || {
        model.with(|id| match hardware::open_model(id) {
            Some(m) => format!(
                "{} layers, hidden {}, {} query / {} KV heads of {}, {}-token context. Source: {}.",
                format::number(m.arch.layers, 0),
                format::number(f64::from(m.hidden), 0),
                m.heads,
                format::number(m.arch.kv_heads, 0),
                format::number(m.arch.head_dim, 0),
                format::number(m.arch.context, 0),
                m.source_text()
            ),
            None => "Describe the model from its config.json: num_hidden_layers, num_key_value_heads, head_dim.".to_owned(),
        })
    };
    let gpu_source = move || {
        gpu.with(|id| {
            hardware::gpu(id).map_or_else(
                || "Describe the GPU from its datasheet (dense, not sparse, TFLOPS).".to_owned(),
                |g| {
                    let measured = match (g.measured_bandwidth_tb_s, g.measured_bf16_tflops) {
                        (Some(bw), Some(tf)) => format!(
                            " Measured on one: {} TB/s copy bandwidth, {} BF16 TFLOPS.",
                            format::number(bw, 2),
                            format::number(tf, 0)
                        ),
                        _ => String::new(),
                    };
                    format!(
                        "{} GiB at {} TB/s, {} BF16 / {} FP8 TFLOPS dense, {} W.{measured} Source: {}",
                        format::number(g.spec.memory_gib, 1),
                        format::number(g.spec.bandwidth_tb_s, 2),
                        format::number(g.spec.bf16_tflops, 0),
                        g.spec
                            .fp8_tflops
                            .map_or_else(|| "no".to_owned(), |v| format::number(v, 0)),
                        format::number(g.spec.power_w, 0),
                        g.source
                    )
                },
            )
        })
    };
    let is_custom_model = Memo::new(move |_| model.with(|m| m == CUSTOM));
    let is_custom_gpu = Memo::new(move |_| gpu.with(|g| g == CUSTOM));
    view! {
        <section class="panel" aria-labelledby="hw-title">
            <h2 id="hw-title" class="section-title">"Model and hardware"</h2>
            <p class="hint">"Self-hosting serves all of the workloads' traffic (API spend tab) with one open-weight model."</p>
            <Choice id="sh-model" label="Open-weight model" options=model_options selected=model
                on_change=Callback::new(move |v: String| state.scenario.update(|s| s.selfhost.model = v)) />
            <p class="source" data-testid="sh-model-source">{model_source}</p>
            {move || is_custom_model.get().then(|| view! {
                <div class="row two">{ModelField::ALL.iter().map(|f| model_field(*f)).collect_view()}</div>
            })}
            <div class="row two">
                <Choice id="sh-precision" label="Weights" options=precisions(&Precision::ALL)
                    selected=chosen(|s| s.precision.key().to_owned()) on_change=set_precision(false) />
                <Choice id="sh-kv" label="KV cache" options=precisions(&[Precision::Bf16, Precision::Fp8])
                    selected=chosen(|s| s.kv_precision.key().to_owned()) on_change=set_precision(true) />
            </div>
            <div class="row two">
                <Choice id="sh-gpu" label="GPU" options=gpu_options selected=gpu
                    on_change=Callback::new(move |v: String| state.scenario.update(|s| {
                        s.selfhost.gpu = v;
                        s.selfhost.offer.clear();
                    })) />
                <Choice id="sh-max-gpus" label="GPUs per replica, at most"
                    options=GROUP_SIZES.iter().map(|g| (g.to_string(), g.to_string())).collect()
                    selected=chosen(|s| s.max_gpus_per_replica.to_string())
                    on_change=Callback::new(move |v: String| {
                        let g = v.parse().unwrap_or(8);
                        state.scenario.update(|s| s.selfhost.max_gpus_per_replica = g);
                    }) />
            </div>
            <p class="source" data-testid="sh-gpu-source">{gpu_source}</p>
            {move || is_custom_gpu.get().then(|| view! {
                <div class="row two">{GpuField::ALL.iter().map(|f| gpu_field(*f)).collect_view()}</div>
            })}
        </section>
    }
}

/// How the model is served: concurrency, efficiencies, traffic peaks, a measured figure.
#[component]
pub fn ServingPanel() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="serving-title">
            <h2 id="serving-title" class="section-title">"Serving"</h2>
            <div class="row two">
                {number(SelfHostField::Concurrency)}
                {number(SelfHostField::PeakToAverage)}
                {number(SelfHostField::TargetUtilization)}
                {number(SelfHostField::HoursPerMonth)}
            </div>
            {optional(SelfHostOptional::MeasuredTokens, Signal::stored("use the estimate".to_owned()))}
            <details class="more">
                <summary>"Efficiency and memory"</summary>
                <div class="row two">
                    {number(SelfHostField::BandwidthEfficiency)}
                    {number(SelfHostField::ComputeEfficiency)}
                    {number(SelfHostField::MemoryUtilization)}
                </div>
                <p class="source">
                    "90% of peak bandwidth and 70% of BF16 peak: measured on an H100 SXM and an H200 (3.02 of 3.35 TB/s, 730 of 989 TFLOPS; data/gpus.csv, 2026-11-23). 90% of memory: vLLM's default gpu_memory_utilization. Peak 2× average, 80% planned utilization and 64 requests in flight are assumptions: use your own metrics."
                </p>
            </details>
        </section>
    }
}

/// What renting, buying and running cost.
#[component]
pub fn CostPanel() -> impl IntoView {
    let state = use_app_state();
    let gpu = Memo::new(move |_| state.scenario.with(|s| s.selfhost.gpu.clone()));
    let stages = use_stages();
    let chosen_offer = Signal::derive(move || state.scenario.with(|s| s.selfhost.offer.clone()));
    // The offers are the GPU's: the list is built again when the GPU changes.
    let offers = move || {
        gpu.with(|id| {
            let list = hardware::offers_for(id);
            let mut options = vec![(String::new(), "Cheapest on-demand offer".to_owned())];
            options.extend(list.iter().map(|o| (o.id.to_owned(), o.label())));
            view! {
                <Choice id="sh-offer" label="Rental offer" options selected=chosen_offer
                    on_change=Callback::new(move |v: String| state.scenario.update(|s| s.selfhost.offer = v)) />
            }
        })
    };
    let rate_hint = move || {
        stages.selfhost_view.with(with_selfhost(|r| {
            r.rental.as_ref().and_then(|p| p.offer).map_or_else(
                || "Your price per GPU-hour.".to_owned(),
                |o| {
                    format!(
                        "{}: {} {}, {} GPU{} per unit, {}; as of {}. {}",
                        o.provider,
                        o.offering,
                        o.kind.label(),
                        o.gpus_per_unit,
                        if o.gpus_per_unit == 1 { "" } else { "s" },
                        o.region,
                        o.as_of,
                        o.source
                    )
                },
            )
        }))
    };
    let placeholder = move |f: SelfHostOptional| {
        state.scenario.with(|s| {
            let g = hardware::gpu(&s.selfhost.gpu);
            match f {
                SelfHostOptional::RentRate => crate::core::selfhost::rental_price(&s.selfhost)
                    .map_or_else(
                        || "enter a price".to_owned(),
                        |p| format!("{} from the offer", format::number(p.usd_per_gpu_hour, 2)),
                    ),
                SelfHostOptional::PurchasePrice => g.and_then(|g| g.spec.price_usd).map_or_else(
                    || "enter a price".to_owned(),
                    |p| format!("{} street price", format::number(p, 0)),
                ),
                SelfHostOptional::Power => g.map_or_else(
                    || format::number(s.selfhost.custom_gpu.power_w, 0),
                    |g| format!("{} board power", format::number(g.spec.power_w, 0)),
                ),
                SelfHostOptional::MeasuredTokens => String::new(),
            }
        })
    };
    // Placeholders name the selected GPU's figures.
    let gpu_dependent =
        move |f: SelfHostOptional| optional(f, Signal::derive(move || placeholder(f)));
    view! {
        <section class="panel" aria-labelledby="cost-title">
            <h2 id="cost-title" class="section-title">"Costs"</h2>
            <h3 class="subhead">"Renting"</h3>
            {offers}
            {gpu_dependent(SelfHostOptional::RentRate)}
            <p class="source" data-testid="sh-offer-source">{rate_hint}</p>
            <h3 class="subhead">"Buying"</h3>
            <div class="row two">
                {gpu_dependent(SelfHostOptional::PurchasePrice)}
                {number(SelfHostField::ServerPct)}
                {number(SelfHostField::AmortizationYears)}
                {number(SelfHostField::CostOfCapital)}
                {gpu_dependent(SelfHostOptional::Power)}
                {number(SelfHostField::Pue)}
                {number(SelfHostField::Electricity)}
                {number(SelfHostField::Hosting)}
            </div>
            <h3 class="subhead">"People and overhead"</h3>
            <div class="row two">
                {number(SelfHostField::Engineers)}
                {number(SelfHostField::EngineerCost)}
                {number(SelfHostField::Overhead)}
            </div>
            <p class="source">
                "GPU prices: street estimates in data/gpus.csv (mid-2026). PUE 1.58: Uptime Institute's industry average for 2023. $0.10/kWh: between US industrial and commercial averages (EIA Electric Power Monthly, table 5.6.A, April 2025). Server share 30%, 3 years at 7%, $150 hosting per GPU-month, half an engineer at $200,000 and 15% overhead are assumptions: replace them with yours."
            </p>
        </section>
    }
}

fn break_even_text(o: Option<&OptionCost>, today: f64) -> impl IntoView {
    match o.and_then(|o| o.break_even_tokens) {
        None if o.is_none() => view! { "—" }.into_any(),
        None => view! { "never" }.into_any(),
        Some(v) => view! {
            {format::compact(v)}
            <small>{format!("tokens a month, {}× today", format::number(v / today.max(1.0), 1))}</small>
        }
        .into_any(),
    }
}

/// The answer: which option wins, by how much, and what would change it.
#[component]
pub fn SelfHostSummary() -> impl IntoView {
    let stages = use_stages();
    let error = move || {
        stages
            .selfhost_view
            .with(|r| r.as_ref().err().map(SelfHostError::to_string))
    };
    view! {
        <section class="panel answer" aria-labelledby="sh-answer-title">
            <h2 id="sh-answer-title" class="eyebrow">"Self-hosting against the API"</h2>
            <p class="error" data-testid="sh-error" role="alert">{error}</p>
            {move || stages.selfhost_view.with(with_selfhost(summary))}
        </section>
    }
}

fn summary(r: &SelfHostReport) -> impl IntoView {
    let (title, amount) = (r.winner.title(), r.winner_monthly());
    let today = r.tokens_per_month;
    let verdict = r.verdict.clone();
    view! {
        <p class="verdict-title" data-testid="sh-winner">{title}</p>
        <p class="total" data-testid="sh-winner-cost">{format::usd(amount)}</p>
        <p class="total-sub">{format!("per month for {} tokens of {}", format::compact(today), r.model)}</p>
        <dl class="kpis">
            <div><dt>"API"</dt><dd data-testid="sh-api">{format::usd(r.api_monthly)}</dd></div>
            <div><dt>"Renting"</dt><dd data-testid="sh-rent">{format::usd_or_dash(r.rent.as_ref().map(|o| o.total))}</dd></div>
            <div><dt>"Buying"</dt><dd data-testid="sh-buy">{format::usd_or_dash(r.buy.as_ref().map(|b| b.total))}</dd></div>
            <div><dt>{format!("GPUs ({})", r.gpu)}</dt><dd data-testid="sh-gpus">{format::number(r.sizing.gpus, 0)}</dd></div>
            <div><dt>"Per million tokens, renting"</dt><dd data-testid="sh-per-mtok">{format::usd_or_dash(r.rent.as_ref().and_then(|o| o.per_mtok))}</dd></div>
            <div><dt>"Average utilization"</dt><dd data-testid="sh-utilization">{format::percent(r.sizing.utilization)}</dd></div>
            <div><dt>"Renting breaks even at"</dt><dd data-testid="sh-break-even-rent">{break_even_text(r.rent.as_ref(), today)}</dd></div>
            <div><dt>"Buying pays back in"</dt><dd data-testid="sh-payback">{r.payback_months.map_or_else(|| "—".to_owned(), |m| format!("{} months", format::number(m, 1)))}</dd></div>
        </dl>
        <ul class="verdict" data-testid="sh-verdict">
            {verdict.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
        {(!r.notes.is_empty()).then(|| view! {
            <ul class="notes" data-testid="sh-notes">
                {r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        })}
    }
}

/// Monthly cost against monthly volume for the three options, break-evens marked.
#[component]
pub fn BreakEvenChart() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.selfhost_view.with(with_selfhost(|r| {
            let points = &r.curve;
            (!points.is_empty()).then(|| {
                let api: Vec<(f64, f64)> = points.iter().map(|p| (p.tokens, p.api)).collect();
                let mut series = vec![Series { label: "API".into(), class: "line-api", points: api, step: false }];
                if points.iter().all(|p| p.rent.is_some()) {
                    let rent = points.iter().map(|p| (p.tokens, p.rent.unwrap_or(0.0))).collect();
                    series.push(Series { label: "Renting".into(), class: "line-rent", points: rent, step: true });
                }
                if points.iter().all(|p| p.buy.is_some()) {
                    let buy = points.iter().map(|p| (p.tokens, p.buy.unwrap_or(0.0))).collect();
                    series.push(Series { label: "Buying".into(), class: "line-buy", points: buy, step: true });
                }
                let mut markers: Vec<(f64, String)> = vec![(r.tokens_per_month, "today".into())];
                markers.extend(r.rent.as_ref().and_then(|o| o.break_even_tokens).map(|v| (v, "rent = API".to_owned())));
                markers.extend(r.buy.as_ref().and_then(|b| b.break_even_tokens).map(|v| (v, "buy = API".to_owned())));
                let rows: Vec<_> = points.iter().step_by(24).copied().collect();
                view! {
                    <section class="panel" aria-labelledby="be-title">
                        <h2 id="be-title" class="section-title">"Monthly cost against monthly volume"</h2>
                        <p class="hint">"The API grows with every token; GPUs come in whole replicas, so self-hosting climbs in steps. Same traffic mix as today, scaled."</p>
                        <LineChart series markers x_format=format::compact y_format=format::usd_short
                            label="Monthly cost of the API, renting and buying against tokens a month" test_id="sh-chart" />
                        <details class="more">
                            <summary>"As a table"</summary>
                            <div class="table-wrap">
                                <table class="breakdown" data-testid="sh-curve-table">
                                    <thead><tr>
                                        <th scope="col">"Tokens a month"</th>
                                        <th scope="col" class="num">"API"</th>
                                        <th scope="col" class="num">"Renting"</th>
                                        <th scope="col" class="num">"Buying"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|p| view! {
                                            <tr>
                                                <th scope="row">{format::compact(p.tokens)}</th>
                                                <td class="num">{format::usd_short(p.api)}</td>
                                                <td class="num">{p.rent.map_or_else(|| "—".to_owned(), format::usd_short)}</td>
                                                <td class="num">{p.buy.map_or_else(|| "—".to_owned(), format::usd_short)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </details>
                    </section>
                }
            })
        }))
    }
}

/// Monthly cost lines of renting and buying.
#[component]
pub fn CostTable() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.selfhost_view.with(with_selfhost(|r| {
            let buy = r.buy.clone();
            let rent = r.rent.clone();
            let mut labels: Vec<&'static str> = Vec::new();
            for o in [rent.as_ref(), buy.as_ref()].into_iter().flatten() {
                labels.extend(o.parts.iter().map(|p| p.0));
            }
            let cell = |o: Option<&OptionCost>, label: &str| {
                o.and_then(|o| o.parts.iter().find(|p| p.0 == label)).map_or_else(String::new, |p| format::usd(p.1))
            };
            let both = |f: fn(&OptionCost) -> String| {
                (rent.as_ref().map_or_else(|| "—".to_owned(), f), buy.as_ref().map_or_else(|| "—".to_owned(), f))
            };
            let mut rows: Vec<(String, String, String)> = labels
                .iter()
                .map(|l| ((*l).to_owned(), cell(rent.as_ref(), l), cell(buy.as_ref(), l)))
                .collect();
            for (label, f) in [
                ("Overhead", (|o: &OptionCost| format::usd(o.overhead)) as fn(&OptionCost) -> String),
                ("Staff", |o: &OptionCost| format::usd(o.staff)),
            ] {
                let (a, b) = both(f);
                rows.push((label.to_owned(), a, b));
            }
            let (total_rent, total_buy) = both(|o| format::usd(o.total));
            let (mtok_rent, mtok_buy) = both(|o| format::usd_or_dash(o.per_mtok));
            let upfront = r.upfront;
            view! {
                <section class="panel" aria-labelledby="sh-cost-title">
                    <h2 id="sh-cost-title" class="section-title">"What self-hosting costs a month"</h2>
                    <div class="table-wrap">
                        <table class="breakdown" data-testid="sh-costs">
                            <thead><tr>
                                <th scope="col">"Item"</th>
                                <th scope="col" class="num">"Renting"</th>
                                <th scope="col" class="num">"Buying"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(l, a, b)| view! {
                                    <tr><th scope="row">{l}</th><td class="num">{a}</td><td class="num">{b}</td></tr>
                                }).collect_view()}
                                <tr class="total-row">
                                    <th scope="row">"Total"</th>
                                    <td class="num">{total_rent}</td>
                                    <td class="num">{total_buy}</td>
                                </tr>
                                <tr>
                                    <th scope="row">"Per million tokens"</th>
                                    <td class="num">{mtok_rent}</td>
                                    <td class="num">{mtok_buy}</td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                    {upfront.map(|u| view! {
                        <p class="hint">{format!("Buying needs {} upfront for the GPUs and their servers.", format::usd(u))}</p>
                    })}
                </section>
            }
        }))
    }
}

/// Memory fit, throughput, and the estimate next to published measurements.
#[component]
pub fn FitPanel() -> impl IntoView {
    let stages = use_stages();
    move || {
        stages.selfhost_view.with(with_selfhost(|r| {
            let f = &r.fit;
            let t = &r.throughput;
            let usable = f.usable_gib.max(f64::MIN_POSITIVE);
            let pct = |v: f64| format!("width:{}%", format::fixed((v / usable * 100.0).clamp(0.0, 100.0), 2));
            let free = f.free_gib;
            let fits_text = format!(
                "Fits on {} × {}: weights {} GiB, KV cache {} KiB a token, so {} requests of {} tokens ({} GiB of cache) in {} GiB usable.",
                f.gpus_per_replica,
                r.gpu,
                format::number(f.weights_gib, 1),
                format::number(f.kv_bytes_per_token / 1024.0, 0),
                format::number(f.batch, 0),
                format::number(f.context_tokens, 0),
                format::number(f.kv_gib, 1),
                format::number(f.usable_gib, 1),
            );
            let groups = f.groups.clone();
            let bound = match t.bound {
                Bound::Memory => "Memory",
                Bound::Compute => "Compute",
            };
            let comparisons = r.comparisons.clone();
            let measured_note = if t.measured { " (your measured figure)" } else { " (estimate)" };
            let state = use_app_state();
            view! {
                <section class="panel" aria-labelledby="fit-title">
                    <h2 id="fit-title" class="section-title">"Will it fit, how fast it runs"</h2>
                    <p data-testid="sh-fit">{fits_text}</p>
                    <div class="bar" role="img" aria-label=format!("Memory per replica: weights {} GiB, cache {} GiB, free {} GiB", format::number(f.weights_gib, 1), format::number(f.kv_gib, 1), format::number(free, 1))>
                        <span class="seg seg-weights" style=pct(f.weights_gib)></span>
                        <span class="seg seg-cache" style=pct(f.kv_gib)></span>
                    </div>
                    <p class="legend">
                        <span><span class="swatch seg-weights" aria-hidden="true"></span>"Weights"</span>
                        <span><span class="swatch seg-cache" aria-hidden="true"></span>"KV cache at the batch"</span>
                        <span><span class="swatch seg-free" aria-hidden="true"></span>"Free"</span>
                    </p>
                    <p class="hint">
                        {groups.into_iter().map(|(g, b)| match b {
                            Some(b) => format!("{g} GPU{}: up to {} requests", if g == 1 { "" } else { "s" }, format::number(b, 0)),
                            None => format!("{g} GPU{}: does not fit", if g == 1 { "" } else { "s" }),
                        }).collect::<Vec<_>>().join(" · ")}
                    </p>
                    <dl class="kpis">
                        <div><dt>{format!("Output tokens/s per replica{measured_note}")}</dt><dd data-testid="sh-output-rate">{format::number(t.output_tokens_per_s, 0)}</dd></div>
                        <div><dt>"All tokens/s per replica"</dt><dd data-testid="sh-total-rate">{format::number(t.total_tokens_per_s, 0)}</dd></div>
                        <div><dt>{format!("Replicas of {} GPU{}", f.gpus_per_replica, if f.gpus_per_replica == 1 { "" } else { "s" })}</dt><dd data-testid="sh-replicas">{format::number(r.sizing.replicas, 0)}<small>{format!(" peak load {}", format::number(r.sizing.peak_load, 2))}</small></dd></div>
                        <div><dt>"Decode limited by"</dt><dd>{if t.measured { "—".to_owned() } else { bound.to_owned() }}<small>{if t.measured { String::new() } else { format!(" {} of time in prefill", format::percent(t.prefill_share)) }}</small></dd></div>
                    </dl>
                    {(!comparisons.is_empty()).then(|| view! {
                        <h3 class="subhead">"The estimate next to published measurements"</h3>
                        <p class="hint">{format!("Output tokens/s of one replica. {}. Offline runs at maximum load are ceilings; a latency-bound service gets less. Use a figure to replace the estimate.", comparisons.first().map(|c| format!("{}, {}", c.measurement.engine, c.measurement.source)).unwrap_or_default())}</p>
                        <div class="table-wrap">
                            <table class="breakdown" data-testid="sh-comparisons">
                                <thead><tr>
                                    <th scope="col">"Setup"</th>
                                    <th scope="col" class="num">"Measured"</th>
                                    <th scope="col" class="num">"Estimate"</th>
                                    <th scope="col" class="num">"Ratio"</th>
                                    <th scope="col"><span class="visually-hidden">"Use"</span></th>
                                </tr></thead>
                                <tbody>
                                    {comparisons.into_iter().map(|c| {
                                        let m = c.measurement;
                                        let measured = m.output_tokens_per_s;
                                        view! {
                                            <tr>
                                                <th scope="row" class="setup-cell" title=format!("{} × {} {}, {}; {}, {}", m.gpus, r.gpu, m.precision.label(), m.engine, m.source, m.date)>
                                                    {format!("{} GPU{} {}", m.gpus, if m.gpus == 1 { "" } else { "s" }, m.precision.label())}
                                                    <small class="setup">{format!("{} in → {} out", format::compact(m.input_tokens), format::compact(m.output_tokens))}</small>
                                                </th>
                                                <td class="num">{format::number(measured, 0)}</td>
                                                <td class="num">{c.estimate.map_or_else(|| "—".to_owned(), |e| format::number(e, 0))}</td>
                                                <td class="num">{c.ratio().map_or_else(|| "—".to_owned(), |x| format!("{}×", format::number(x, 2)))}</td>
                                                <td>
                                                    <button type="button" class="btn btn-small" aria-label=format!("Use {} tokens/s", format::number(measured, 0))
                                                        on:click=move |_| {
                                                            state.scenario.update(|s| s.selfhost.measured_tokens_per_s = Some(measured));
                                                        }>"Use"</button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                </section>
            }
        }))
    }
}
