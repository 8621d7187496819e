//! Self-hosting: will the model fit, how fast it runs, how many GPUs the traffic needs, what
//! they cost, and at what volume that beats the API.
//!
//! # Formulas
//! Notation: `P` total and `A` active parameters, `b_w` bytes per weight, `b_kv` bytes per
//! cached value, `L` layers, `v` cached values per layer per token (`2 × KV heads × head dim`,
//! or the MLA latent width), `w` attention width (query heads × head dim), `g` GPUs in a
//! replica (tensor-parallel group), `M` GPU memory, `BW` bandwidth, `F` the dense tensor peak
//! at the weights' precision, `e_bw`, `e_c` the achievable shares of peak.
//!
//! - **Memory.** Weights `W = P × b_w`; KV cache per token `k = L × v × b_kv`; a sequence
//!   holds its whole context `c = input + output` tokens. A replica of `g` GPUs has
//!   `g × M × memory utilization` for weights and cache (the rest is the runtime's activations,
//!   CUDA graphs and fragmentation: vLLM's `gpu_memory_utilization`). It fits when at least one
//!   sequence fits; the largest batch is `⌊(usable − W) / (k × c)⌋`. The replica uses the
//!   smallest `g` in 1, 2, 4, 8 (up to the allowed maximum) that fits.
//! - **Decode step** (one token for each of `B` sequences): the time to read the weights
//!   touched (`min(W, A × b_w × B)`: a mixture of experts reads more experts as the batch grows)
//!   and the KV cache (`B × k × c_d`, with `c_d = input + output / 2` the average context while
//!   decoding) at `g × BW × e_bw × s`, or the time to compute `B × 2A` FLOPs at
//!   `g × F × e_c × s` plus `B × 4 L w c_d` attention FLOPs at the BF16 peak, whichever is
//!   longer (a roofline). 4-bit weights compute at no more than the FP8 peak.
//! - **Serving factor** `s`: ×0.8 per doubling of `g` and ×0.5 for a mixture of experts, for
//!   what engines lose to communication and expert routing (calibrated on the TensorRT-LLM
//!   rows of `throughput.csv`; `tests/selfhost.rs` prints the comparison).
//! - **Prefill** of a request is compute-bound: `2 A × input` FLOPs at the matrix peak and
//!   `2 L w × input²` attention FLOPs at BF16.
//! - **A request** occupies its replica for `prefill + output × step / B` seconds (decode steps
//!   are shared by the batch; prefill is not overlapped, as in an engine without chunked
//!   prefill: a conservative choice). A measured output tokens/s `m` replaces this with
//!   `output / m`.
//! - **Sizing.** Average load (replicas kept busy) `λ = Σ requests × seconds per request /
//!   (hours in a month × 3,600)`; replicas `⌈λ × peak-to-average ÷ planned utilization⌉` (at
//!   least one when there is traffic); GPUs = replicas × `g`.
//! - **Renting** costs GPUs × $/GPU-hour × hours a month. **Buying** costs per GPU a month:
//!   capital (price × (1 + server share), paid off as an annuity at the cost of capital over
//!   the amortization period; price ÷ months at 0 %), power (watts × PUE × hours ÷ 1,000 ×
//!   $/kWh) and hosting. Overhead is a percentage of these GPU costs; staff (engineers ×
//!   yearly cost ÷ 12) is added to both.
//! - **Break-even.** The API costs `a` per token (its bill ÷ its tokens, for the same traffic
//!   mix). Self-hosting costs `S + n × r` for `n` replicas, `S` staff and `r` a replica's
//!   monthly cost with overhead; a replica serves `T_r` tokens a month at the planned
//!   utilization. At volume `V`, `n = ⌈V / T_r⌉`. The first `n` where `n × (a T_r − r) ≥ S`
//!   breaks even, at `V = max((n − 1) T_r, (S + n r) / a)`; if `a T_r ≤ r` a replica costs more
//!   than the API traffic it can carry and self-hosting never breaks even. With one fixed cost
//!   `C` and no capacity limit this is `C / a`: $320 a month against $3 per million tokens
//!   breaks even at 106,666,667 tokens.
//! - **Payback** when buying: the upfront price of the GPUs (with servers) ÷ (API bill −
//!   buying's monthly costs other than capital), when that saving is positive.
//!
//! # Known limits
//! Tensor-parallel communication, scheduling gaps, speculative decoding, prefix caching and
//! chunked prefill are not modelled; sliding-window layers (gpt-oss) are counted as full
//! attention, which overstates their KV cache. The estimate is a ceiling that engines
//! approach at large batches; compare it with the published measurements shown next to it.

use super::format;
use super::hardware::{self, GpuSpec, Hardware, Measurement, ModelArch, Precision, GIB};
use super::report::SpendReport;
use super::units::{Usd, TOKENS_PER_MILLION};
use crate::scenario::selfhost::{CUSTOM, GROUP_SIZES};
use crate::scenario::{ScenarioError, SelfHost, Workload};
use std::fmt::Write;

/// Seconds in an hour.
const SECONDS_PER_HOUR: f64 = 3_600.0;
/// Points on the break-even chart.
pub const CURVE_POINTS: usize = 240;

/// A model on a GPU at given precisions and efficiencies: the physics of one replica.
#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    /// The model.
    pub arch: ModelArch,
    /// The GPU.
    pub gpu: GpuSpec,
    /// Weight precision.
    pub weights: Precision,
    /// KV-cache precision.
    pub kv: Precision,
    /// Achievable share of peak bandwidth, 0–1.
    pub bandwidth_efficiency: f64,
    /// Achievable share of peak compute, 0–1.
    pub compute_efficiency: f64,
    /// Share of memory for weights and KV cache, 0–1.
    pub memory_utilization: f64,
}

/// What limits a decode step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Reading weights and KV cache.
    Memory,
    /// Tensor arithmetic.
    Compute,
}

impl Engine {
    /// Weight bytes.
    pub fn weight_bytes(&self) -> f64 {
        self.arch.weight_bytes(self.weights)
    }

    /// KV-cache bytes per token.
    pub fn kv_bytes_per_token(&self) -> f64 {
        self.arch.kv_bytes_per_token(self.kv)
    }

    /// Bytes a replica of `g` GPUs may use for weights and cache.
    pub fn usable_bytes(&self, g: u32) -> f64 {
        f64::from(g) * self.gpu.memory_gib * GIB * self.memory_utilization
    }

    /// The largest number of sequences of `context` tokens that fit beside the weights on `g`
    /// GPUs, or `None` when not even one does.
    pub fn max_batch(&self, g: u32, context: f64) -> Option<f64> {
        let free = self.usable_bytes(g) - self.weight_bytes();
        let per_sequence = self.kv_bytes_per_token() * context.max(1.0);
        (free >= per_sequence).then(|| (free / per_sequence).floor())
    }

    /// The share of the hardware's achievable rates a serving engine keeps: ×0.8 for each
    /// doubling of the tensor-parallel group (all-reduces between GPUs) and ×0.5 for a mixture
    /// of experts (uneven expert load, grouped matrix products, all-to-all traffic). Calibrated
    /// on the TensorRT-LLM v1.0 rows of `throughput.csv` (see `tests/selfhost.rs`).
    pub fn serving_factor(&self, g: u32) -> f64 {
        let tp = 0.8_f64.powf(f64::from(g).log2());
        let moe = if self.arch.active_params_b < 0.95 * self.arch.total_params_b {
            0.5
        } else {
            1.0
        };
        tp * moe
    }

    /// Matrix-product FLOPs a second: the dense peak at the weights' precision, except that
    /// 4-bit weights compute at no more than the FP8 peak (published FP4 serving runs come
    /// nowhere near twice FP8).
    fn flops_per_second(&self, g: u32) -> f64 {
        let peak = match (self.weights, self.gpu.fp8_tflops) {
            (Precision::Bits4, Some(fp8)) => self.gpu.peak_tflops(Precision::Bits4).min(fp8),
            _ => self.gpu.peak_tflops(self.weights),
        };
        f64::from(g) * peak * 1e12 * self.compute_efficiency * self.serving_factor(g)
    }

    /// Attention FLOPs a second: attention runs at BF16.
    fn attention_flops_per_second(&self, g: u32) -> f64 {
        f64::from(g)
            * self.gpu.bf16_tflops
            * 1e12
            * self.compute_efficiency
            * self.serving_factor(g)
    }

    /// Seconds for one decode step of `batch` sequences at an average context of `context`
    /// tokens on `g` GPUs, and what bounds it.
    pub fn decode_step(&self, g: u32, batch: f64, context: f64) -> (f64, Bound) {
        let active_bytes = self.arch.active_params_b * 1e9 * self.weights.bytes();
        let weights = self.weight_bytes().min(active_bytes * batch);
        let bytes = weights + batch * self.kv_bytes_per_token() * context;
        let bandwidth = f64::from(g)
            * self.gpu.bandwidth_tb_s
            * 1e12
            * self.bandwidth_efficiency
            * self.serving_factor(g);
        let memory = bytes / bandwidth;
        let compute = batch * 2.0 * self.arch.active_params_b * 1e9 / self.flops_per_second(g)
            + batch * 4.0 * self.arch.layers * self.arch.attention_width * context
                / self.attention_flops_per_second(g);
        if compute > memory {
            (compute, Bound::Compute)
        } else {
            (memory, Bound::Memory)
        }
    }

    /// Seconds to prefill a prompt of `input` tokens on `g` GPUs.
    pub fn prefill(&self, g: u32, input: f64) -> f64 {
        2.0 * self.arch.active_params_b * 1e9 * input / self.flops_per_second(g)
            + 2.0 * self.arch.layers * self.arch.attention_width * input * input
                / self.attention_flops_per_second(g)
    }

    /// Replica-seconds one request of `input` + `output` tokens occupies at `batch`.
    pub fn request_seconds(&self, g: u32, batch: f64, input: f64, output: f64) -> f64 {
        let (step, _) = self.decode_step(g, batch, input + output / 2.0);
        self.prefill(g, input) + output * step / batch.max(1.0)
    }

    /// The estimate for a published measurement's setup: output tokens per second of the
    /// replica (at the measurement's concurrency, or at the largest batch that fits for an
    /// offline run at maximum load).
    pub fn estimate_output_rate(
        &self,
        g: u32,
        input: f64,
        output: f64,
        concurrency: Option<f64>,
    ) -> Option<f64> {
        let max = self.max_batch(g, input + output)?;
        let batch = concurrency.map_or(max, |c| c.min(max)).max(1.0);
        let seconds = self.request_seconds(g, batch, input, output);
        (seconds > 0.0).then(|| output / seconds)
    }
}

/// An engine for a catalog model and GPU of `hw`, for comparisons with published figures.
pub fn catalog_engine_in(
    hw: &Hardware,
    model: &str,
    gpu: &str,
    weights: Precision,
    s: &SelfHost,
) -> Option<Engine> {
    Some(Engine {
        arch: hw.model(model)?.arch.clone(),
        gpu: hw.gpu(gpu)?.spec.clone(),
        weights,
        // Published FP8 and FP4 runs keep an FP8 KV cache.
        kv: if weights == Precision::Bf16 {
            Precision::Bf16
        } else {
            Precision::Fp8
        },
        bandwidth_efficiency: s.bandwidth_efficiency_pct / 100.0,
        compute_efficiency: s.compute_efficiency_pct / 100.0,
        memory_utilization: s.memory_utilization_pct / 100.0,
    })
}

/// A published measurement next to the estimate for the same setup.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The measurement.
    pub measurement: &'static Measurement,
    /// The estimate, output tokens/s, if the setup fits.
    pub estimate: Option<f64>,
}

impl Comparison {
    /// Estimate ÷ measured.
    pub fn ratio(&self) -> Option<f64> {
        self.estimate
            .map(|e| e / self.measurement.output_tokens_per_s)
    }
}

/// The published measurements `keep` accepts, each with the estimate for its setup (estimated
/// only for those kept: the page asks for one model and GPU on every keystroke).
pub fn comparisons(s: &SelfHost, keep: impl Fn(&Measurement) -> bool) -> Vec<Comparison> {
    comparisons_in(&Hardware::BUILTIN, s, keep)
}

/// [`comparisons`] with given hardware data.
pub fn comparisons_in(
    hw: &Hardware,
    s: &SelfHost,
    keep: impl Fn(&Measurement) -> bool,
) -> Vec<Comparison> {
    hw.measurements
        .iter()
        .filter(|m| keep(m))
        .map(|m| Comparison {
            measurement: m,
            estimate: catalog_engine_in(hw, m.model, m.gpu, m.precision, s).and_then(|e| {
                e.estimate_output_rate(m.gpus, m.input_tokens, m.output_tokens, m.concurrency)
            }),
        })
        .collect()
}

/// How the model fits in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// GPUs per replica.
    pub gpus_per_replica: u32,
    /// Weights, GiB.
    pub weights_gib: f64,
    /// KV cache per token, bytes.
    pub kv_bytes_per_token: f64,
    /// Average context per sequence (input + output), tokens.
    pub context_tokens: f64,
    /// Memory a replica may use, GiB.
    pub usable_gib: f64,
    /// Largest batch that fits.
    pub max_batch: f64,
    /// The batch used: the requested concurrency, capped by `max_batch`.
    pub batch: f64,
    /// KV cache at that batch, GiB.
    pub kv_gib: f64,
    /// Memory left over at that batch, GiB.
    pub free_gib: f64,
    /// For each allowed group size: the largest batch, or `None` when the model does not fit.
    pub groups: Vec<(u32, Option<f64>)>,
}

/// Throughput of one replica on the scenario's traffic mix.
#[derive(Debug, Clone, PartialEq)]
pub struct Throughput {
    /// Output tokens per second.
    pub output_tokens_per_s: f64,
    /// Input + output tokens per second.
    pub total_tokens_per_s: f64,
    /// Requests per second.
    pub requests_per_s: f64,
    /// Seconds of one decode step at the batch.
    pub step_seconds: f64,
    /// What bounds the decode step.
    pub bound: Bound,
    /// Share of a request's replica time spent in prefill, 0–1.
    pub prefill_share: f64,
    /// True when a measured figure replaced the estimate.
    pub measured: bool,
}

/// How many replicas and GPUs the traffic needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Sizing {
    /// Replicas busy on average.
    pub average_load: f64,
    /// Replicas busy at the peak.
    pub peak_load: f64,
    /// Replicas provisioned.
    pub replicas: f64,
    /// GPUs provisioned.
    pub gpus: f64,
    /// Average utilization of the provisioned replicas, 0–1.
    pub utilization: f64,
    /// Tokens a replica serves in a month at the planned utilization and peak factor.
    pub tokens_per_replica_month: f64,
}

/// One way of getting the GPUs: its monthly cost.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCost {
    /// (what, monthly cost) of each part of the GPU cost, before overhead.
    pub parts: Vec<(&'static str, Usd)>,
    /// Overhead on the GPU cost.
    pub overhead: Usd,
    /// Staff.
    pub staff: Usd,
    /// Total a month.
    pub total: Usd,
    /// A replica's monthly cost with overhead.
    pub per_replica: Usd,
    /// Total per million tokens of the scenario's traffic.
    pub per_mtok: Option<Usd>,
    /// Volume (tokens a month) where this option costs the same as the API.
    pub break_even_tokens: Option<f64>,
}

/// The rental price used.
#[derive(Debug, Clone, PartialEq)]
pub struct RentalPrice {
    /// $ per GPU-hour.
    pub usd_per_gpu_hour: f64,
    /// The offer it comes from, or `None` when typed in.
    pub offer: Option<&'static hardware::CatalogOffer>,
}

/// Which option is cheapest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Winner {
    /// Pay per token.
    Api,
    /// Rent GPUs.
    Rent,
    /// Buy GPUs.
    Buy,
}

impl Winner {
    /// The headline for a person: "Renting GPUs is cheapest".
    pub fn title(self) -> &'static str {
        match self {
            Winner::Api => "The API is cheapest",
            Winner::Rent => "Renting GPUs is cheapest",
            Winner::Buy => "Buying GPUs is cheapest",
        }
    }

    /// A stable key (`api`, `rent`, `buy`) for exports.
    pub fn key(self) -> &'static str {
        match self {
            Winner::Api => "api",
            Winner::Rent => "rent",
            Winner::Buy => "buy",
        }
    }
}

/// A point of the break-even chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Tokens a month.
    pub tokens: f64,
    /// API bill.
    pub api: f64,
    /// Renting, if priced.
    pub rent: Option<f64>,
    /// Buying, if priced.
    pub buy: Option<f64>,
}

/// The self-hosting answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfHostReport {
    /// Model name.
    pub model: String,
    /// GPU name.
    pub gpu: String,
    /// Memory fit.
    pub fit: Fit,
    /// One replica's throughput.
    pub throughput: Throughput,
    /// Replicas and GPUs.
    pub sizing: Sizing,
    /// Tokens a month to serve (input + output + reasoning of every workload).
    pub tokens_per_month: f64,
    /// The API bill for the same traffic.
    pub api_monthly: Usd,
    /// The API's cost per million tokens of this traffic.
    pub api_per_mtok: Option<Usd>,
    /// The rental price used, if there is one.
    pub rental: Option<RentalPrice>,
    /// Renting, when a rental price is known.
    pub rent: Option<OptionCost>,
    /// Buying, when a purchase price is known.
    pub buy: Option<OptionCost>,
    /// GPUs plus servers, bought upfront.
    pub upfront: Option<Usd>,
    /// Staff a month, in both self-hosting options.
    pub staff: Usd,
    /// Months for buying to pay back its upfront cost against the API.
    pub payback_months: Option<f64>,
    /// The cheapest option at this volume.
    pub winner: Winner,
    /// The plain-language verdict: a headline and what would change it.
    pub verdict: Vec<String>,
    /// Monthly cost against monthly volume.
    pub curve: Vec<CurvePoint>,
    /// Published measurements of this model on this GPU, with the estimate beside each.
    pub comparisons: Vec<Comparison>,
    /// Warnings (context longer than the model's, concurrency capped by memory…).
    pub notes: Vec<String>,
}

impl SelfHostReport {
    /// The cheapest option's monthly cost (the API's when the winner has no price).
    pub fn winner_monthly(&self) -> Usd {
        let priced = match self.winner {
            Winner::Api => None,
            Winner::Rent => self.rent.as_ref(),
            Winner::Buy => self.buy.as_ref(),
        };
        priced.map_or(self.api_monthly, |o| o.total)
    }
}

/// Why there is no self-hosting answer.
#[derive(Debug, Clone, PartialEq)]
pub enum SelfHostError {
    /// An input is out of bounds or names nothing.
    Invalid(ScenarioError),
    /// The weights and one sequence do not fit on the largest allowed group.
    DoesNotFit {
        /// Model name.
        model: String,
        /// GPU name.
        gpu: String,
        /// GPUs in the largest allowed group.
        gpus: u32,
        /// Weights + one sequence's cache, GiB.
        needed_gib: f64,
        /// What that group may use, GiB.
        usable_gib: f64,
    },
}

impl std::fmt::Display for SelfHostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelfHostError::Invalid(e) => e.fmt(f),
            SelfHostError::DoesNotFit {
                model,
                gpu,
                gpus,
                needed_gib,
                usable_gib,
            } => write!(
                f,
                "{model} does not fit: its weights and one request's cache need {} GiB, and {gpus} × {gpu} give {} GiB. Try a lower precision, a GPU with more memory, or more GPUs per replica.",
                format::number(*needed_gib, 0),
                format::number(*usable_gib, 0)
            ),
        }
    }
}

/// Monthly payment that pays off `principal` over `months` at `yearly_rate` (an annuity);
/// `principal / months` at 0 %. $15,000 over 36 months at 0 % is $416.67.
pub fn amortized_monthly(principal: f64, months: f64, yearly_rate: f64) -> f64 {
    let i = yearly_rate / 12.0;
    if months <= 0.0 {
        principal
    } else if i.abs() < 1e-12 {
        principal / months
    } else {
        principal * i / (1.0 - (1.0 + i).powf(-months))
    }
}

/// Cost per million tokens of a GPU-hour price at a throughput: $1.50 at 2,000 tokens/s is
/// $0.2083.
pub fn cost_per_mtok(usd_per_hour: f64, tokens_per_s: f64) -> Option<f64> {
    (tokens_per_s > 0.0)
        .then(|| usd_per_hour / (tokens_per_s * SECONDS_PER_HOUR) * TOKENS_PER_MILLION)
}

/// Monthly tokens where a step cost `fixed + ⌈V / per_replica_tokens⌉ × per_replica` meets an
/// API at `api_per_token`; `None` if it never does. See the module's formulas.
pub fn break_even(
    fixed: f64,
    per_replica: f64,
    per_replica_tokens: f64,
    api_per_token: f64,
) -> Option<f64> {
    if api_per_token <= 0.0 || per_replica_tokens <= 0.0 {
        return None;
    }
    let margin = api_per_token * per_replica_tokens - per_replica;
    if margin <= 0.0 {
        return None;
    }
    let n = (fixed / margin).ceil().max(1.0);
    let v = ((n - 1.0) * per_replica_tokens).max((fixed + n * per_replica) / api_per_token);
    v.is_finite().then_some(v)
}

/// One workload's traffic as self-hosting serves it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Requests a month.
    pub requests: f64,
    /// Prompt tokens per request.
    pub input: f64,
    /// Generated tokens per request: visible output and reasoning.
    pub output: f64,
}

/// What self-hosting reads of the API side: each workload's traffic and the monthly API
/// bill it is compared with (the spend stage's summary).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiTraffic {
    /// The workloads' traffic, in the Scenario's order.
    pub shapes: Vec<Shape>,
    /// The monthly API bill of that traffic.
    pub monthly_total: Usd,
}

impl ApiTraffic {
    /// The traffic of `workloads` and the bill the spend stage gave them.
    pub fn of(workloads: &[Workload], spend: &SpendReport) -> Self {
        Self {
            shapes: workloads
                .iter()
                .map(|w| Shape {
                    requests: w.monthly_requests(),
                    input: w.input_tokens,
                    output: w.output_tokens + w.reasoning_tokens,
                })
                .collect(),
            monthly_total: spend.monthly_total,
        }
    }
}

/// The model's and GPU's names and figures: from `hw`'s catalogs, or the custom ones.
pub fn resolve_in(hw: &Hardware, s: &SelfHost) -> (String, ModelArch, String, GpuSpec) {
    let (model_name, arch) = match hw.model(&s.model) {
        Some(m) if s.model != CUSTOM => (m.name.to_owned(), m.arch.clone()),
        _ => {
            let mut arch = s.custom_model.clone();
            arch.active_params_b = arch.active_params_b.min(arch.total_params_b);
            ("Custom model".to_owned(), arch)
        }
    };
    let (gpu_name, spec) = match hw.gpu(&s.gpu) {
        Some(g) if s.gpu != CUSTOM => (g.name.to_owned(), g.spec.clone()),
        _ => {
            let c = &s.custom_gpu;
            (
                "custom GPU".to_owned(),
                GpuSpec {
                    memory_gib: c.memory_gib,
                    bandwidth_tb_s: c.bandwidth_tb_s,
                    bf16_tflops: c.bf16_tflops,
                    fp8_tflops: (c.fp8_tflops > 0.0).then_some(c.fp8_tflops),
                    fp4_tflops: None,
                    power_w: c.power_w,
                    price_usd: None,
                },
            )
        }
    };
    (model_name, arch, gpu_name, spec)
}

/// What one bought GPU costs a month: its capital (price with servers, paid off as an annuity
/// at the cost of capital), power and hosting, with the capital alone first. `None` without a
/// purchase price.
pub fn buy_parts(s: &SelfHost, gpu: &GpuSpec) -> Option<(f64, Vec<(&'static str, f64)>)> {
    let price = s.purchase_price.or(gpu.price_usd)?;
    let capital = amortized_monthly(
        price * (1.0 + s.server_pct / 100.0),
        s.amortization_years * 12.0,
        s.cost_of_capital_pct / 100.0,
    );
    let watts = s.power_w.unwrap_or(gpu.power_w);
    let power = watts * s.pue * s.hours_per_month / 1_000.0 * s.electricity_usd_per_kwh;
    Some((
        capital,
        vec![
            ("Hardware, amortized", capital),
            ("Power", power),
            ("Hosting", s.hosting_per_gpu_month),
        ],
    ))
}

/// The rental price: the typed rate, else the chosen offer (if it is for this GPU), else the
/// GPU's cheapest on-demand offer (of the built-in data).
pub fn rental_price(s: &SelfHost) -> Option<RentalPrice> {
    rental_price_in(&Hardware::BUILTIN, s)
}

/// [`rental_price`] with given hardware data.
pub fn rental_price_in(hw: &Hardware, s: &SelfHost) -> Option<RentalPrice> {
    let offer = hw
        .offer(&s.offer)
        .filter(|o| o.gpu == s.gpu)
        .or_else(|| hw.default_offer(&s.gpu));
    match (s.rent_rate, offer) {
        (Some(rate), _) => Some(RentalPrice {
            usd_per_gpu_hour: rate,
            offer: None,
        }),
        (None, Some(o)) => Some(RentalPrice {
            usd_per_gpu_hour: o.usd_per_gpu_hour,
            offer: Some(o),
        }),
        (None, None) => None,
    }
}

/// The self-hosting stage: the answer for these settings and this API traffic.
///
/// # Errors
/// [`SelfHostError::Invalid`] for a bad input, [`SelfHostError::DoesNotFit`] when the model
/// cannot fit on the largest allowed group.
pub fn evaluate(s: &SelfHost, api: &ApiTraffic) -> Result<SelfHostReport, SelfHostError> {
    evaluate_in(&Hardware::BUILTIN, s, api)
}

/// [`evaluate`] with given hardware data (the catalog's, [`super::catalog::Catalog::hardware`]).
///
/// # Errors
/// As [`evaluate`].
#[allow(clippy::too_many_lines)]
pub fn evaluate_in(
    hw: &Hardware,
    s: &SelfHost,
    api: &ApiTraffic,
) -> Result<SelfHostReport, SelfHostError> {
    s.validate_in(hw).map_err(SelfHostError::Invalid)?;
    let (model_name, arch, gpu_name, gpu) = resolve_in(hw, s);
    let engine = Engine {
        arch,
        gpu,
        weights: s.precision,
        kv: s.kv_precision,
        bandwidth_efficiency: s.bandwidth_efficiency_pct / 100.0,
        compute_efficiency: s.compute_efficiency_pct / 100.0,
        memory_utilization: s.memory_utilization_pct / 100.0,
    };
    let mut notes = Vec::new();

    let shapes = &api.shapes;
    let requests: f64 = shapes.iter().map(|w| w.requests).sum();
    let weight = |w: &Shape| {
        if requests > 0.0 {
            w.requests / requests
        } else {
            1.0 / shapes.len().max(1) as f64
        }
    };
    let mean_input: f64 = shapes.iter().map(|w| weight(w) * w.input).sum();
    let mean_output: f64 = shapes.iter().map(|w| weight(w) * w.output).sum();
    let context = (mean_input + mean_output).max(1.0);
    let tokens_per_month: f64 = shapes
        .iter()
        .map(|w| w.requests * (w.input + w.output))
        .sum();
    if let Some(longest) = shapes
        .iter()
        .map(|w| w.input + w.output)
        .reduce(f64::max)
        .filter(|l| *l > engine.arch.context)
    {
        notes.push(format!(
            "A workload's requests ({} tokens) are longer than {model_name}'s {}-token context.",
            format::number(longest, 0),
            format::number(engine.arch.context, 0)
        ));
    }

    // Memory fit: the smallest allowed group that holds the weights and one sequence.
    let max_group = GROUP_SIZES
        .into_iter()
        .filter(|g| *g <= s.max_gpus_per_replica)
        .max()
        .unwrap_or(1);
    let groups: Vec<(u32, Option<f64>)> = GROUP_SIZES
        .into_iter()
        .filter(|g| *g <= max_group)
        .map(|g| (g, engine.max_batch(g, context)))
        .collect();
    let Some(&(g, Some(max_batch))) = groups.iter().find(|(_, b)| b.is_some()) else {
        return Err(SelfHostError::DoesNotFit {
            model: model_name,
            gpu: gpu_name,
            gpus: max_group,
            needed_gib: (engine.weight_bytes() + engine.kv_bytes_per_token() * context) / GIB,
            usable_gib: engine.usable_bytes(max_group) / GIB,
        });
    };
    let batch = s.concurrency.min(max_batch).max(1.0);
    if s.concurrency > max_batch {
        notes.push(format!(
            "Only {} requests of {} tokens fit in memory beside the weights, fewer than the {} in flight asked for.",
            format::number(max_batch, 0),
            format::number(context, 0),
            format::number(s.concurrency, 0)
        ));
    }
    let fit = Fit {
        gpus_per_replica: g,
        weights_gib: engine.weight_bytes() / GIB,
        kv_bytes_per_token: engine.kv_bytes_per_token(),
        context_tokens: context,
        usable_gib: engine.usable_bytes(g) / GIB,
        max_batch,
        batch,
        kv_gib: engine.kv_bytes_per_token() * context * batch / GIB,
        free_gib: (engine.usable_bytes(g)
            - engine.weight_bytes()
            - engine.kv_bytes_per_token() * context * batch)
            .max(0.0)
            / GIB,
        groups,
    };

    // Seconds of replica time per request of each workload.
    let seconds = |w: &Shape| match s.measured_tokens_per_s {
        Some(m) => w.output.max(1.0) / m,
        None => engine.request_seconds(g, batch, w.input, w.output),
    };
    let mean_seconds: f64 = shapes.iter().map(|w| weight(w) * seconds(w)).sum();
    // With traffic, the weights are request shares, so Σ requests × seconds = requests × mean.
    let (step_seconds, bound) = engine.decode_step(g, batch, mean_input + mean_output / 2.0);
    let prefill: f64 = shapes
        .iter()
        .map(|w| weight(w) * engine.prefill(g, w.input))
        .sum();
    let rate = |x: f64| {
        if mean_seconds > 0.0 {
            x / mean_seconds
        } else {
            0.0
        }
    };
    let throughput = Throughput {
        output_tokens_per_s: rate(mean_output),
        total_tokens_per_s: rate(mean_input + mean_output),
        requests_per_s: rate(1.0),
        step_seconds,
        bound,
        prefill_share: if s.measured_tokens_per_s.is_none() && mean_seconds > 0.0 {
            (prefill / mean_seconds).min(1.0)
        } else {
            0.0
        },
        measured: s.measured_tokens_per_s.is_some(),
    };

    // Sizing.
    let month_seconds = s.hours_per_month * SECONDS_PER_HOUR;
    let average_load = requests * mean_seconds / month_seconds;
    let target = s.target_utilization_pct / 100.0;
    let peak_load = average_load * s.peak_to_average;
    let replicas = if average_load > 0.0 {
        whole(peak_load / target).max(1.0)
    } else {
        0.0
    };
    let gpus = replicas * f64::from(g);
    let tokens_per_replica_month = if average_load > 0.0 {
        tokens_per_month * target / peak_load
    } else {
        0.0
    };
    let sizing = Sizing {
        average_load,
        peak_load,
        replicas,
        gpus,
        utilization: if replicas > 0.0 {
            average_load / replicas
        } else {
            0.0
        },
        tokens_per_replica_month,
    };

    // Costs.
    let staff = s.engineers * s.engineer_yearly_cost / 12.0;
    let overhead = s.overhead_pct / 100.0;
    let api_monthly = api.monthly_total;
    let api_per_token = if tokens_per_month > 0.0 {
        api_monthly.value() / tokens_per_month
    } else {
        0.0
    };
    let per_mtok = |total: f64| {
        (tokens_per_month > 0.0).then(|| usd(total / tokens_per_month * TOKENS_PER_MILLION))
    };
    let option = |parts: Vec<(&'static str, f64)>| {
        let per_gpu: f64 = parts.iter().map(|p| p.1).sum();
        let per_replica = per_gpu * f64::from(g) * (1.0 + overhead);
        let infrastructure = per_gpu * gpus;
        let total = infrastructure * (1.0 + overhead) + staff;
        OptionCost {
            parts: parts
                .iter()
                .map(|(what, v)| (*what, usd(v * gpus)))
                .collect(),
            overhead: usd(infrastructure * overhead),
            staff: usd(staff),
            total: usd(total),
            per_replica: usd(per_replica),
            per_mtok: per_mtok(total),
            break_even_tokens: break_even(
                staff,
                per_replica,
                tokens_per_replica_month,
                api_per_token,
            ),
        }
    };
    let rental = rental_price_in(hw, s);
    if rental.is_none() {
        notes.push(format!(
            "No rental offer is listed for the {gpu_name}: enter a price per GPU-hour to compare renting."
        ));
    }
    let rent = rental
        .as_ref()
        .map(|p| option(vec![("GPU rental", p.usd_per_gpu_hour * s.hours_per_month)]));
    let price = s.purchase_price.or(engine.gpu.price_usd);
    let buy_parts = buy_parts(s, &engine.gpu);
    let buy = buy_parts.as_ref().map(|(_, parts)| option(parts.clone()));
    if buy.is_none() {
        notes.push(format!(
            "No purchase price is listed for the {gpu_name}: enter one to compare buying."
        ));
    }
    let upfront = price.map(|p| usd(p * (1.0 + s.server_pct / 100.0) * gpus));
    let payback_months = match (&buy, &buy_parts, upfront) {
        (Some(b), Some((capital, _)), Some(up)) if gpus > 0.0 => {
            let running = b.total.value() - capital * gpus * (1.0 + overhead);
            let saving = api_monthly.value() - running;
            (saving > 0.0).then(|| up.value() / saving)
        }
        _ => None,
    };

    let winner = {
        let mut best = (Winner::Api, api_monthly.value());
        if let Some(r) = &rent {
            if r.total.value() < best.1 {
                best = (Winner::Rent, r.total.value());
            }
        }
        if let Some(b) = &buy {
            if b.total.value() < best.1 {
                best = (Winner::Buy, b.total.value());
            }
        }
        best.0
    };

    let curve = break_even_curve(
        tokens_per_month,
        api_per_token,
        rent.as_ref(),
        buy.as_ref(),
        tokens_per_replica_month,
        staff,
    );
    let model_id = s.model.as_str();
    let gpu_id = s.gpu.as_str();
    let comparisons = comparisons_in(hw, s, |m| m.model == model_id && m.gpu == gpu_id);

    let mut report = SelfHostReport {
        model: model_name,
        gpu: gpu_name,
        fit,
        throughput,
        sizing,
        tokens_per_month,
        api_monthly,
        api_per_mtok: per_mtok(api_monthly.value()),
        rental,
        rent,
        buy,
        upfront,
        staff: usd(staff),
        payback_months,
        winner,
        verdict: Vec::new(),
        curve,
        comparisons,
        notes,
    };
    report.verdict = verdict(&report, s);
    Ok(report)
}

/// Whole replicas for a load: rounds up, ignoring float noise (2.000000000001 is 2).
fn whole(load: f64) -> f64 {
    (load - 1e-9).ceil()
}

fn usd(v: f64) -> Usd {
    Usd::new(v).unwrap_or(Usd::ZERO)
}

/// The break-even chart: [`CURVE_POINTS`] + 1 volumes from 0 to twice today's (or past the
/// furthest break-even, up to 50×), with the API, renting and buying cost at each.
pub fn break_even_curve(
    tokens: f64,
    api_per_token: f64,
    rent: Option<&OptionCost>,
    buy: Option<&OptionCost>,
    per_replica_tokens: f64,
    staff: f64,
) -> Vec<CurvePoint> {
    if tokens <= 0.0 || per_replica_tokens <= 0.0 {
        return Vec::new();
    }
    let furthest = [rent, buy]
        .into_iter()
        .flatten()
        .filter_map(|o| o.break_even_tokens)
        .fold(0.0, f64::max);
    let top = (2.0 * tokens).max((1.25 * furthest).min(50.0 * tokens));
    let step_cost =
        |per_replica: f64, v: f64| staff + whole(v / per_replica_tokens).max(0.0) * per_replica;
    (0..=CURVE_POINTS)
        .map(|i| {
            let v = top * i as f64 / CURVE_POINTS as f64;
            CurvePoint {
                tokens: v,
                api: api_per_token * v,
                rent: rent.map(|r| step_cost(r.per_replica.value(), v)),
                buy: buy.map(|b| step_cost(b.per_replica.value(), v)),
            }
        })
        .collect()
}

fn verdict(r: &SelfHostReport, s: &SelfHost) -> Vec<String> {
    let mut lines = Vec::new();
    if r.tokens_per_month <= 0.0 {
        lines.push(
            "Enter some traffic in the workloads to compare self-hosting with the API.".into(),
        );
        return lines;
    }
    let volume = format::compact(r.tokens_per_month);
    let plural = |n: f64| if (n - 1.0).abs() < 0.5 { "" } else { "s" };
    let mut setup = format!(
        "{} {}{}",
        format::number(r.sizing.gpus, 0),
        r.gpu,
        plural(r.sizing.gpus)
    );
    if r.fit.gpus_per_replica > 1 {
        let _ = write!(
            setup,
            " ({} replica{} of {})",
            format::number(r.sizing.replicas, 0),
            plural(r.sizing.replicas),
            r.fit.gpus_per_replica
        );
    }
    let mut against = Vec::new();
    if let Some(rent) = &r.rent {
        against.push(format!("{} renting {setup}", format::usd(rent.total)));
    }
    if let Some(buy) = &r.buy {
        against.push(format!("{} buying", format::usd(buy.total)));
    }
    let cheapest_self = [r.rent.as_ref(), r.buy.as_ref()]
        .into_iter()
        .flatten()
        .map(|o| o.total)
        .min_by(|a, b| a.value().total_cmp(&b.value()));
    match (r.winner, cheapest_self) {
        (_, None) => lines.push(
            "Enter a rental price per GPU-hour or a purchase price to compare self-hosting with the API."
                .into(),
        ),
        (Winner::Api, Some(_)) => lines.push(format!(
            "At {volume} tokens a month the API is cheapest: {} a month, against {}.",
            format::usd(r.api_monthly),
            against.join(" and ")
        )),
        (Winner::Rent | Winner::Buy, Some(best)) => {
            let how = if r.winner == Winner::Rent {
                format!("renting {setup}")
            } else {
                format!("buying {setup}")
            };
            let saving = r.api_monthly.value() - best.value();
            lines.push(format!(
                "At {volume} tokens a month, {how} is cheapest: {} a month against {} on the API, saving {} ({}).",
                format::usd(best),
                format::usd(r.api_monthly),
                format::usd(usd(saving)),
                format::percent(saving / r.api_monthly.value().max(f64::MIN_POSITIVE))
            ));
        }
    }
    for (how, option) in [("Renting", r.rent.as_ref()), ("Buying", r.buy.as_ref())] {
        let Some(option) = option else { continue };
        match option.break_even_tokens {
            Some(v) => lines.push(format!(
                "{how} breaks even with the API at {} tokens a month ({}× today's volume).",
                format::compact(v),
                format::number(v / r.tokens_per_month, u8::from(v / r.tokens_per_month < 10.0))
            )),
            None => lines.push(format!(
                "{how} never breaks even: a replica costs {} a month, more than the API charges for the {} tokens it can serve.",
                format::usd(option.per_replica),
                format::compact(r.sizing.tokens_per_replica_month)
            )),
        }
    }
    if let Some(months) = r.payback_months {
        lines.push(format!(
            "Bought GPUs ({} upfront with servers) pay for themselves against the API in {} months.",
            r.upfront.map(format::usd).unwrap_or_default(),
            format::number(months, 1)
        ));
    }
    let staff = r.staff.value();
    let best_self = cheapest_self.map_or(0.0, Usd::value);
    if staff > 0.0 && staff >= 0.3 * best_self {
        lines.push(format!(
            "Staff is {} of self-hosting's cost ({} a month): fewer engineers, or a team that already runs GPUs, moves the break-even most.",
            format::percent(staff / best_self),
            format::usd(r.staff)
        ));
    }
    if r.sizing.utilization < 0.3 && r.sizing.replicas > 0.0 {
        lines.push(format!(
            "The GPUs would be busy {} of the time on average: whole GPUs sized for a peak {}× the average sit idle. Steadier traffic or batch work raises that.",
            format::percent(r.sizing.utilization),
            format::number(s.peak_to_average, 1)
        ));
    }
    lines.push(
        "An open model is not the same model as your API's: check its quality on your own prompts before switching.".into(),
    );
    lines
}
