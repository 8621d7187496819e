//! The self-hosting inputs: which open model on which GPU, how it is served, and what the
//! GPUs, power and people cost. Plain data; the formulas are in [`crate::core::selfhost`].
//!
//! Every default below says where it comes from. "Assumption" marks a judgement a user should
//! replace with their own figure; the page shows these sources beside the fields.

use serde::{Deserialize, Serialize};

/// Numeric precision of weights (and, separately, of the KV cache).
// The names in links and files are pinned here, not taken from the Rust names: renaming a
// variant changes no link (docs/link-format.md). v2 writes snake_case; the alias reads v1's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Precision {
    /// 16-bit brain float: 2 bytes per value, BF16 tensor-core peak.
    #[serde(rename = "bf16", alias = "Bf16")]
    Bf16,
    /// 8-bit float: 1 byte per value, FP8 peak where the GPU has it (else BF16).
    #[default]
    #[serde(rename = "fp8", alias = "Fp8")]
    Fp8,
    /// 4-bit weights (INT4 AWQ/GPTQ, MXFP4, NVFP4): half a byte per value. Compute runs at the
    /// GPU's FP4 peak where it has one (Blackwell), else at BF16 (weight-only quantization).
    #[serde(rename = "bits4", alias = "Bits4")]
    Bits4,
}

/// What the memory and throughput formulas need to know about a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelArch {
    /// Transformer layers.
    pub layers: f64,
    /// Key-value heads (grouped-query attention: fewer than the query heads).
    pub kv_heads: f64,
    /// Dimension of one attention head.
    pub head_dim: f64,
    /// Query heads × head dimension: the width attention computes over (scores and weighted
    /// sums cost `4 × layers × width` FLOPs per token per token of context).
    pub attention_width: f64,
    /// For multi-head latent attention (DeepSeek V3/R1): values cached per layer per token
    /// (`kv_lora_rank + qk_rope_head_dim`), replacing `2 × kv_heads × head_dim`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mla_cache_values: Option<f64>,
    /// All parameters, in billions: what must sit in memory.
    pub total_params_b: f64,
    /// Parameters used per token, in billions (equal to the total for dense models; the
    /// routed experts' share for mixture-of-experts models): what costs compute.
    pub active_params_b: f64,
    /// Default context length, in tokens.
    pub context: f64,
}

/// The id that selects the custom model or the custom GPU.
pub const CUSTOM: &str = "custom";

/// Tensor-parallel group sizes a replica may use.
pub const GROUP_SIZES: [u32; 4] = [1, 2, 4, 8];

/// A GPU the user describes (when `gpu` is [`CUSTOM`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomGpu {
    /// Usable memory, GiB.
    pub memory_gib: f64,
    /// Memory bandwidth, TB/s.
    pub bandwidth_tb_s: f64,
    /// Dense BF16 TFLOPS.
    pub bf16_tflops: f64,
    /// Dense FP8 TFLOPS; 0 when the GPU has no FP8.
    pub fp8_tflops: f64,
    /// Board power, W.
    pub power_w: f64,
}

impl Default for CustomGpu {
    /// An H100 SXM's datasheet figures (`gpus.csv`), as a starting point.
    fn default() -> Self {
        Self {
            memory_gib: 79.65,
            bandwidth_tb_s: 3.35,
            bf16_tflops: 989.4,
            fp8_tflops: 1978.9,
            power_w: 700.0,
        }
    }
}

/// Everything the self-hosting calculator reads. The traffic is the spend calculator's
/// workloads: self-hosting serves all of it with one open model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfHost {
    /// Open-weight model id from [`crate::core::hardware::OPEN_MODELS`], or [`CUSTOM`].
    pub model: String,
    /// The model used when `model` is [`CUSTOM`].
    pub custom_model: ModelArch,
    /// Weight precision.
    pub precision: Precision,
    /// KV-cache precision (BF16 or FP8).
    pub kv_precision: Precision,
    /// GPU id from [`crate::core::hardware::gpus`], or [`CUSTOM`].
    pub gpu: String,
    /// The GPU used when `gpu` is [`CUSTOM`].
    pub custom_gpu: CustomGpu,
    /// Largest tensor-parallel group a replica may use: 1, 2, 4 or 8.
    pub max_gpus_per_replica: u32,
    /// Requests in flight per replica (capped by what fits in memory).
    pub concurrency: f64,
    /// Achievable share of peak memory bandwidth, percent.
    pub bandwidth_efficiency_pct: f64,
    /// Achievable share of peak tensor throughput, percent.
    pub compute_efficiency_pct: f64,
    /// Share of GPU memory the runtime may use for weights and KV cache, percent.
    pub memory_utilization_pct: f64,
    /// A measured output tokens/s per replica that replaces the estimate, if set.
    pub measured_tokens_per_s: Option<f64>,
    /// Peak traffic ÷ average traffic.
    pub peak_to_average: f64,
    /// Highest planned utilization of a replica at the peak, percent.
    pub target_utilization_pct: f64,
    /// Hours in a month, used for every monthly figure.
    pub hours_per_month: f64,
    /// Rental offer id; empty for the GPU's cheapest on-demand offer.
    pub offer: String,
    /// $ per GPU-hour that replaces the offer's price, if set.
    pub rent_rate: Option<f64>,
    /// Purchase price per GPU, $, replacing the GPU's street price, if set.
    pub purchase_price: Option<f64>,
    /// Server, networking and storage per GPU, as a percentage of the GPU's price.
    pub server_pct: f64,
    /// Years over which purchased hardware is paid off.
    pub amortization_years: f64,
    /// Yearly cost of capital, percent.
    pub cost_of_capital_pct: f64,
    /// Average power per GPU, W, replacing the board power, if set.
    pub power_w: Option<f64>,
    /// Power usage effectiveness of the facility.
    pub pue: f64,
    /// Electricity, $ per kWh.
    pub electricity_usd_per_kwh: f64,
    /// Colocation or hosting per GPU per month, $.
    pub hosting_per_gpu_month: f64,
    /// Engineers running the service (full-time equivalents).
    pub engineers: f64,
    /// Loaded yearly cost of one engineer, $.
    pub engineer_yearly_cost: f64,
    /// Overhead on GPU costs (support, monitoring, spare capacity), percent.
    pub overhead_pct: f64,
}

impl Default for SelfHost {
    /// Llama 3.3 70B at FP8 on H100 SXM, up to 8 GPUs per replica, 64 requests in flight.
    ///
    /// Sources: efficiencies 90 % of bandwidth and 70 % of BF16 peak from measurements on an
    /// H100 SXM and an H200 (3.02 of 3.35 TB/s, 730 of 989 TFLOPS; `data/gpus.csv`,
    /// 2026-11-23). Memory 90 %: vLLM's default `gpu_memory_utilization`. 730 hours = 8,760 / 12.
    /// PUE 1.58: Uptime Institute industry average for 2023. $0.10 per kWh: between the US
    /// industrial (about 7–10 ¢) and commercial (about 10–16 ¢) averages of most regions (EIA
    /// Electric Power Monthly table 5.6.A, April 2025). Overhead 15 %. Assumptions: peak twice
    /// the average, replicas planned to 80 % at the peak, 64 requests in flight, server 30 % of
    /// the GPU price, 3-year amortization at 7 %, $150 hosting per GPU-month, half an engineer
    /// at $200,000 a year.
    fn default() -> Self {
        Self {
            model: "llama-3.3-70b".into(),
            custom_model: ModelArch {
                layers: 80.0,
                kv_heads: 8.0,
                head_dim: 128.0,
                attention_width: 8192.0,
                mla_cache_values: None,
                total_params_b: 70.6,
                active_params_b: 70.6,
                context: 131_072.0,
            },
            precision: Precision::Fp8,
            kv_precision: Precision::Bf16,
            gpu: "h100-sxm".into(),
            custom_gpu: CustomGpu::default(),
            max_gpus_per_replica: 8,
            concurrency: 64.0,
            bandwidth_efficiency_pct: 90.0,
            compute_efficiency_pct: 70.0,
            memory_utilization_pct: 90.0,
            measured_tokens_per_s: None,
            peak_to_average: 2.0,
            target_utilization_pct: 80.0,
            hours_per_month: 730.0,
            offer: String::new(),
            rent_rate: None,
            purchase_price: None,
            server_pct: 30.0,
            amortization_years: 3.0,
            cost_of_capital_pct: 7.0,
            power_w: None,
            pue: 1.58,
            electricity_usd_per_kwh: 0.10,
            hosting_per_gpu_month: 150.0,
            engineers: 0.5,
            engineer_yearly_cost: 200_000.0,
            overhead_pct: 15.0,
        }
    }
}

impl SelfHost {
    /// Checks every number against its bounds and the model and GPU ids against the built-in
    /// catalogs.
    ///
    /// # Errors
    /// The first problem found, naming the field.
    pub fn validate(&self) -> Result<(), super::ScenarioError> {
        self.validate_in(&crate::core::hardware::Hardware::BUILTIN)
    }

    /// [`SelfHost::validate`] against given hardware data.
    ///
    /// # Errors
    /// As [`SelfHost::validate`].
    pub fn validate_in(
        &self,
        hw: &crate::core::hardware::Hardware,
    ) -> Result<(), super::ScenarioError> {
        use super::{
            GpuField, Location, ModelField, Problem, ScenarioError, SelfHostField, SelfHostOptional,
        };
        let fail = |label: &'static str, problem| {
            Err(ScenarioError {
                location: Location::SelfHost(label),
                problem,
            })
        };
        for &f in SelfHostField::ALL {
            if let Err(p) = f.spec().check(f.get(self)) {
                return fail(f.spec().label, Problem::Field(p));
            }
        }
        for &f in SelfHostOptional::ALL {
            if let Some(v) = f.get(self) {
                if let Err(p) = f.spec().check(v) {
                    return fail(f.spec().label, Problem::Field(p));
                }
            }
        }
        if self.model == CUSTOM {
            for &f in ModelField::ALL {
                if let Err(p) = f.spec().check(f.get(&self.custom_model)) {
                    return fail(f.spec().label, Problem::Field(p));
                }
            }
        } else if hw.model(&self.model).is_none() {
            return fail("Model", Problem::UnknownModel(self.model.clone()));
        }
        if self.gpu == CUSTOM {
            for &f in GpuField::ALL {
                if let Err(p) = f.spec().check(f.get(&self.custom_gpu)) {
                    return fail(f.spec().label, Problem::Field(p));
                }
            }
        } else if hw.gpu(&self.gpu).is_none() {
            return fail("GPU", Problem::UnknownGpu(self.gpu.clone()));
        }
        Ok(())
    }
}
