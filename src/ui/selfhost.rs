//! The self-hosting view: the verdict and break-even chart first, the model, hardware and
//! cost inputs beside them. Everything shown comes from [`crate::core::selfhost`].

use super::dom::{
    find, text_of, AttrSlot, KpisDom, LinesDom, PlotDom, SegmentsDom, Shown, TableDom, TextSlot,
};
use super::field::{Choice, NumberField};
use super::stages::use_stages;
use super::state::{use_app_state, Stage};
use super::table::panel;
use crate::core::display::selfhost as display;
use crate::core::format;
use crate::core::hardware::{self, Precision, OPEN_MODELS};
use crate::core::selfhost::{SelfHostError, SelfHostReport};
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

/// The answer's parts.
struct AnswerDom {
    shown: Shown,
    title: TextSlot,
    cost: TextSlot,
    sub: TextSlot,
    kpis: KpisDom,
    verdict: LinesDom,
    notes: LinesDom,
    notes_shown: Shown,
}

impl AnswerDom {
    fn new(root: &web_sys::Element) -> Option<AnswerDom> {
        let notes = find(root, "sh-notes")?;
        Some(AnswerDom {
            shown: Shown::of(find(root, "sh-answer")?),
            title: text_of(root, "sh-winner")?,
            cost: text_of(root, "sh-winner-cost")?,
            sub: text_of(root, "sh-sub")?,
            kpis: KpisDom::new(&find(root, "sh-kpis")?),
            verdict: LinesDom::new(&find(root, "sh-verdict")?),
            notes: LinesDom::new(&notes),
            notes_shown: Shown::of(notes),
        })
    }

    fn update(&mut self, r: Option<&SelfHostReport>) {
        self.shown.set(r.is_some());
        let Some(a) = r.map(display::answer) else {
            return;
        };
        self.title.set(&a.title);
        self.cost.set(&a.cost);
        self.sub.set(&a.sub);
        self.kpis.update(&a.kpis);
        self.verdict.update(&a.verdict);
        self.notes_shown.set(!a.notes.is_empty());
        self.notes.update(&a.notes);
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
    let node = NodeRef::<leptos::html::Section>::new();
    panel(node, AnswerDom::new, move |d: &mut AnswerDom| {
        stages.selfhost_view.with(|r| d.update(r.as_deref().ok()));
    });
    view! {
        <section class="panel answer" aria-labelledby="sh-answer-title" node_ref=node>
            <h2 id="sh-answer-title" class="eyebrow">"Self-hosting against the API"</h2>
            <p class="error" data-testid="sh-error" role="alert">{error}</p>
            <div data-testid="sh-answer" hidden>
                <p class="verdict-title" data-testid="sh-winner"></p>
                <p class="total" data-testid="sh-winner-cost"></p>
                <p class="total-sub" data-testid="sh-sub"></p>
                <dl class="kpis" data-testid="sh-kpis"></dl>
                <ul class="verdict" data-testid="sh-verdict"></ul>
                <ul class="notes" data-testid="sh-notes" hidden></ul>
            </div>
        </section>
    }
}

/// Monthly cost against monthly volume for the three options, break-evens marked.
#[component]
pub fn BreakEvenChart() -> impl IntoView {
    let stages = use_stages();
    let table_open = RwSignal::new(false);
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                PlotDom::new(&find(root, "sh-chart")?)?,
                TableDom::new(&find(root, "sh-curve-table")?)?,
            ))
        },
        move |(shown, plot, table): &mut (Shown, PlotDom, TableDom)| {
            let open = table_open.get();
            stages.selfhost_view.with(|r| {
                let r = r.as_deref().ok();
                let chart = r.and_then(display::break_even);
                shown.set(chart.is_some());
                if let (Some(r), Some(chart)) = (r, chart) {
                    plot.update(&chart);
                    // Written only while it is open.
                    if open {
                        table.update(&display::break_even_table(r), usize::MAX);
                    }
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="be-title" node_ref=node hidden>
            <h2 id="be-title" class="section-title">"Monthly cost against monthly volume"</h2>
            <p class="hint">"The API grows with every token; GPUs come in whole replicas, so self-hosting climbs in steps. Same traffic mix as today, scaled."</p>
            <figure class="line-chart" data-testid="sh-chart">
                <svg viewBox="0 0 640 260" role="img"></svg>
                <figcaption class="legend"></figcaption>
            </figure>
            <details class="more" on:toggle:target=move |ev| table_open.set(ev.target().open())>
                <summary>"As a table"</summary>
                <div class="table-wrap">
                    <table class="breakdown" data-testid="sh-curve-table"></table>
                </div>
            </details>
        </section>
    }
}

/// Monthly cost lines of renting and buying.
#[component]
pub fn CostTable() -> impl IntoView {
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                TableDom::new(&find(root, "sh-costs")?)?,
                text_of(root, "sh-upfront")?,
            ))
        },
        move |(shown, table, upfront): &mut (Shown, TableDom, TextSlot)| {
            stages.selfhost_view.with(|r| {
                let r = r.as_deref().ok();
                shown.set(r.is_some());
                if let Some((t, u)) = r.map(display::costs) {
                    table.update(&t, usize::MAX);
                    upfront.set(&u);
                }
            });
        },
    );
    view! {
        <section class="panel" aria-labelledby="sh-cost-title" node_ref=node hidden>
            <h2 id="sh-cost-title" class="section-title">"What self-hosting costs a month"</h2>
            <div class="table-wrap">
                <table class="breakdown" data-testid="sh-costs"></table>
            </div>
            <p class="hint" data-testid="sh-upfront"></p>
        </section>
    }
}

/// What the fit panel writes.
struct FitDom {
    shown: Shown,
    text: TextSlot,
    memory: SegmentsDom,
    memory_el: web_sys::Element,
    memory_label: AttrSlot,
    groups: TextSlot,
    kpis: KpisDom,
    measured: Shown,
    hint: TextSlot,
    comparisons: TableDom,
}

impl FitDom {
    fn new(root: &web_sys::Element) -> Option<FitDom> {
        let memory_el = find(root, "sh-memory")?;
        Some(FitDom {
            shown: Shown::of(root.clone()),
            text: text_of(root, "sh-fit")?,
            memory: SegmentsDom::new(&memory_el),
            memory_el,
            memory_label: AttrSlot::new("aria-label"),
            groups: text_of(root, "sh-groups")?,
            kpis: KpisDom::new(&find(root, "sh-rates")?),
            measured: Shown::of(find(root, "sh-measurements")?),
            hint: text_of(root, "sh-measured-hint")?,
            comparisons: TableDom::new(&find(root, "sh-comparisons")?)?,
        })
    }

    fn update(&mut self, r: Option<&SelfHostReport>) {
        self.shown.set(r.is_some());
        let Some(r) = r else {
            return;
        };
        let f = display::fit(r);
        self.text.set(&f.text);
        self.memory.update(&f.memory);
        self.memory_label.set(&self.memory_el, &f.memory_label);
        self.groups.set(&f.groups);
        self.kpis.update(&f.kpis);
        self.measured.set(!f.comparisons.rows.is_empty());
        self.hint.set(&f.measured_hint);
        self.comparisons.update(&f.comparisons, usize::MAX);
    }
}

/// Memory fit, throughput, and the estimate next to published measurements.
#[component]
pub fn FitPanel() -> impl IntoView {
    let state = use_app_state();
    let stages = use_stages();
    let node = NodeRef::<leptos::html::Section>::new();
    panel(node, FitDom::new, move |d: &mut FitDom| {
        stages.selfhost_view.with(|r| d.update(r.as_deref().ok()));
    });
    // A measurement's "Use" button (one listener for the table): its row's figure replaces
    // the estimate.
    let use_row = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let row = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("button[data-row]").ok().flatten())
            .and_then(|b| b.get_attribute("data-row"))
            .and_then(|i| i.parse::<usize>().ok());
        let Some(row) = row else {
            return;
        };
        let measured = stages.selfhost_view.with_untracked(|r| {
            r.as_deref()
                .ok()
                .and_then(|r| r.comparisons.get(row))
                .map(|c| c.measurement.output_tokens_per_s)
        });
        if let Some(measured) = measured {
            state
                .scenario
                .update(|s| s.selfhost.measured_tokens_per_s = Some(measured));
        }
    };
    view! {
        <section class="panel" aria-labelledby="fit-title" node_ref=node hidden>
            <h2 id="fit-title" class="section-title">"Will it fit, how fast it runs"</h2>
            <p data-testid="sh-fit"></p>
            <div class="bar" role="img" data-testid="sh-memory"></div>
            <p class="legend">
                <span><span class="swatch seg-weights" aria-hidden="true"></span>"Weights"</span>
                <span><span class="swatch seg-cache" aria-hidden="true"></span>"KV cache at the batch"</span>
                <span><span class="swatch seg-free" aria-hidden="true"></span>"Free"</span>
            </p>
            <p class="hint" data-testid="sh-groups"></p>
            <dl class="kpis" data-testid="sh-rates"></dl>
            <div data-testid="sh-measurements" hidden>
                <h3 class="subhead">"The estimate next to published measurements"</h3>
                <p class="hint" data-testid="sh-measured-hint"></p>
                <div class="table-wrap">
                    <table class="breakdown" data-testid="sh-comparisons" on:click=use_row></table>
                </div>
            </div>
        </section>
    }
}
