//! Built-in hardware and open-weight model data for the self-hosting calculator.
//!
//! GPUs, rental offers and published throughput measurements are generated from
//! `data/{gpus,gpu_rental,throughput}.csv` by `scripts/gen-hardware.py` into
//! `hardware_data.rs` (checked against the CSVs by `tests/hardware.rs`). The open-weight models
//! are written by hand in `open_models.rs` from their published `config.json` files; each entry
//! names its source. [`Hardware`] bundles them as an input of the stages. Everything is plain
//! data, injected into the evaluation, never fetched.

use super::hardware_data::{GPUS, MEASUREMENTS, OFFERS};
use super::open_models::HF;
pub use super::open_models::OPEN_MODELS;
use serde::{Deserialize, Serialize};

/// Bytes in a GiB.
pub const GIB: f64 = 1_073_741_824.0;

// Defined with the Scenario, whose wire format they are part of; their formulas are here.
pub use crate::scenario::selfhost::{ModelArch, Precision};

impl Precision {
    /// Every precision, in the order the page lists them.
    pub const ALL: [Precision; 3] = [Precision::Bf16, Precision::Fp8, Precision::Bits4];

    /// Bytes per stored value (scales and zero points of quantized formats are ignored: they
    /// add about 3 % at 4 bits).
    pub fn bytes(self) -> f64 {
        match self {
            Precision::Bf16 => 2.0,
            Precision::Fp8 => 1.0,
            Precision::Bits4 => 0.5,
        }
    }

    /// Short name.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Bf16 => "BF16",
            Precision::Fp8 => "FP8",
            Precision::Bits4 => "4-bit",
        }
    }

    /// Stable key for drop-downs.
    pub fn key(self) -> &'static str {
        match self {
            Precision::Bf16 => "bf16",
            Precision::Fp8 => "fp8",
            Precision::Bits4 => "int4",
        }
    }

    /// The precision with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

impl ModelArch {
    /// Values cached per layer per token: `2 × kv_heads × head_dim` (a key and a value per KV
    /// head) or the MLA latent width.
    pub fn kv_values_per_layer(&self) -> f64 {
        self.mla_cache_values
            .unwrap_or(2.0 * self.kv_heads * self.head_dim)
    }

    /// KV-cache bytes per token: `layers × values per layer × bytes per value`.
    /// Llama 3.1 70B at BF16: 80 × (2 × 8 × 128) × 2 = 327,680 B = 320 KiB.
    pub fn kv_bytes_per_token(&self, kv: Precision) -> f64 {
        self.layers * self.kv_values_per_layer() * kv.bytes()
    }

    /// Weight bytes at a precision: total parameters × bytes per parameter.
    pub fn weight_bytes(&self, weights: Precision) -> f64 {
        self.total_params_b * 1e9 * weights.bytes()
    }
}

/// An open-weight model in the built-in catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenModel {
    /// Stable id, e.g. `llama-3.3-70b`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Publisher.
    pub maker: &'static str,
    /// Hidden size (shown, not used by the formulas).
    pub hidden: u32,
    /// Query attention heads (shown).
    pub heads: u32,
    /// The numbers the formulas use.
    pub arch: ModelArch,
    /// Where the architecture facts come from.
    pub source: &'static str,
}

/// What the formulas need to know about a GPU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GpuSpec {
    /// Memory usable by the runtime, GiB.
    pub memory_gib: f64,
    /// Peak memory bandwidth, TB/s (10¹² bytes per second).
    pub bandwidth_tb_s: f64,
    /// Dense BF16 tensor peak, TFLOPS.
    pub bf16_tflops: f64,
    /// Dense FP8 tensor peak, TFLOPS, if the GPU has FP8.
    pub fp8_tflops: Option<f64>,
    /// Dense FP4 tensor peak, TFLOPS, if the GPU has FP4.
    pub fp4_tflops: Option<f64>,
    /// Board power (TDP), watts.
    pub power_w: f64,
    /// Street purchase price per GPU, USD, if known.
    pub price_usd: Option<f64>,
}

impl GpuSpec {
    /// The dense tensor peak (TFLOPS) the weights' precision computes at.
    pub fn peak_tflops(&self, weights: Precision) -> f64 {
        match weights {
            Precision::Bf16 => self.bf16_tflops,
            Precision::Fp8 => self.fp8_tflops.unwrap_or(self.bf16_tflops),
            Precision::Bits4 => self.fp4_tflops.unwrap_or(self.bf16_tflops),
        }
    }
}

/// A GPU in the built-in catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogGpu {
    /// Stable id, e.g. `h100-sxm`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// NVIDIA or AMD.
    pub vendor: &'static str,
    /// The numbers the formulas use.
    pub spec: GpuSpec,
    /// Measured device-to-device copy bandwidth, TB/s, where measured.
    pub measured_bandwidth_tb_s: Option<f64>,
    /// Measured BF16 matmul TFLOPS, where measured.
    pub measured_bf16_tflops: Option<f64>,
    /// Where the specifications come from.
    pub source: &'static str,
}

/// How a rental offer is sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferKind {
    /// Pay by the hour, no commitment.
    OnDemand,
    /// Peer-hosted on-demand capacity (lower reliability).
    Community,
    /// Interruptible capacity.
    Spot,
    /// A commitment for a term (1 or 3 years, or a shorter stated term).
    Reserved,
    /// A short-term block of reserved capacity.
    CapacityBlock,
}

impl OfferKind {
    /// Short label.
    pub fn label(self) -> &'static str {
        match self {
            OfferKind::OnDemand => "on-demand",
            OfferKind::Community => "community",
            OfferKind::Spot => "spot",
            OfferKind::Reserved => "reserved",
            OfferKind::CapacityBlock => "capacity block",
        }
    }
}

/// A GPU rental offer, priced per GPU-hour.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogOffer {
    /// Stable id (slug of provider, offering, type and term).
    pub id: &'static str,
    /// Cloud or neocloud.
    pub provider: &'static str,
    /// Instance or product name.
    pub offering: &'static str,
    /// Catalog GPU id.
    pub gpu: &'static str,
    /// GPUs per rented unit (hyperscalers rent 8-GPU nodes).
    pub gpus_per_unit: u32,
    /// How it is sold.
    pub kind: OfferKind,
    /// The term as the provider states it, or empty.
    pub term: &'static str,
    /// Price per GPU-hour, USD.
    pub usd_per_gpu_hour: f64,
    /// Region.
    pub region: &'static str,
    /// Pricing page.
    pub source: &'static str,
    /// When the price was read.
    pub as_of: &'static str,
}

impl CatalogOffer {
    /// "Lambda, 1x-8x H100 SXM instance, on-demand: $3.99/GPU-h".
    pub fn label(&self) -> String {
        let term = if self.term.is_empty() {
            String::new()
        } else {
            format!(" {}", self.term)
        };
        format!(
            "{} {} ({}{term}) ${}/GPU-h",
            self.provider,
            self.offering,
            self.kind.label(),
            super::format::number(self.usd_per_gpu_hour, 2)
        )
    }
}

/// A published throughput measurement (total output tokens per second of one replica).
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// Catalog model id.
    pub model: &'static str,
    /// Catalog GPU id.
    pub gpu: &'static str,
    /// Weight precision.
    pub precision: Precision,
    /// GPUs in the replica (tensor-parallel group).
    pub gpus: u32,
    /// Serving engine and version.
    pub engine: &'static str,
    /// Input tokens per request.
    pub input_tokens: f64,
    /// Output tokens per request.
    pub output_tokens: f64,
    /// Requests in flight, or `None` for an offline run at maximum load.
    pub concurrency: Option<f64>,
    /// Measured output tokens per second, whole replica.
    pub output_tokens_per_s: f64,
    /// Where it was published.
    pub source: &'static str,
    /// When.
    pub date: &'static str,
}

impl OpenModel {
    /// "config.json on huggingface.co/meta-llama/…".
    pub fn source_text(&self) -> String {
        format!("{HF}{}", self.source)
    }
}

/// The open-weight model with this id.
pub fn open_model(id: &str) -> Option<&'static OpenModel> {
    Hardware::BUILTIN.model(id)
}

/// The hardware data the self-hosting and commitment stages price with: open-weight models,
/// GPUs, rental offers and published measurements. The built-in one ([`Hardware::BUILTIN`], from `data/`) or, in
/// tests, a fixed one, so a refresh of the GPU data changes no golden number. It belongs to the
/// catalog ([`super::catalog::Catalog::hardware`]) and shares its edition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hardware {
    /// The open-weight models.
    pub models: &'static [OpenModel],
    /// The GPUs.
    pub gpus: &'static [CatalogGpu],
    /// The rental offers.
    pub offers: &'static [CatalogOffer],
    /// The published throughput measurements.
    pub measurements: &'static [Measurement],
}

impl Hardware {
    /// The built-in data: `data/{gpus,gpu_rental,throughput}.csv`.
    pub const BUILTIN: Hardware = Hardware {
        models: OPEN_MODELS,
        gpus: GPUS,
        offers: OFFERS,
        measurements: MEASUREMENTS,
    };

    /// The open-weight model with this id.
    pub fn model(&self, id: &str) -> Option<&'static OpenModel> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The GPU with this id.
    pub fn gpu(&self, id: &str) -> Option<&'static CatalogGpu> {
        self.gpus.iter().find(|g| g.id == id)
    }

    /// Every rental offer for a GPU, cheapest first.
    pub fn offers_for(&self, gpu: &str) -> Vec<&'static CatalogOffer> {
        let mut list: Vec<_> = self.offers.iter().filter(|o| o.gpu == gpu).collect();
        list.sort_by(|a, b| a.usd_per_gpu_hour.total_cmp(&b.usd_per_gpu_hour));
        list
    }

    /// The offer with this id.
    pub fn offer(&self, id: &str) -> Option<&'static CatalogOffer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// The cheapest dependable on-demand offer for a GPU (not community, spot or reserved): the
    /// default when renting.
    pub fn default_offer(&self, gpu: &str) -> Option<&'static CatalogOffer> {
        self.offers_for(gpu)
            .into_iter()
            .find(|o| o.kind == OfferKind::OnDemand)
    }

    /// A GPU's published 1-year and 3-year reservations, cheapest first, each with whether it
    /// is the 3-year term (other terms, such as 91–180 days, are left out).
    pub fn reservations_for(&self, gpu: &str) -> Vec<(&'static CatalogOffer, bool)> {
        self.offers_for(gpu)
            .into_iter()
            .filter(|o| o.kind == OfferKind::Reserved)
            .filter_map(|o| {
                let three = o.term.contains("3yr");
                (three || o.term.contains("1yr")).then_some((o, three))
            })
            .collect()
    }
}

/// Every built-in GPU.
pub fn gpus() -> &'static [CatalogGpu] {
    GPUS
}

/// The built-in GPU with this id.
pub fn gpu(id: &str) -> Option<&'static CatalogGpu> {
    Hardware::BUILTIN.gpu(id)
}

/// Every built-in rental offer for a GPU, cheapest first.
pub fn offers_for(gpu: &str) -> Vec<&'static CatalogOffer> {
    Hardware::BUILTIN.offers_for(gpu)
}

/// Every built-in rental offer.
pub fn offers() -> &'static [CatalogOffer] {
    OFFERS
}

/// The built-in default offer for a GPU ([`Hardware::default_offer`]).
pub fn default_offer(gpu: &str) -> Option<&'static CatalogOffer> {
    Hardware::BUILTIN.default_offer(gpu)
}

/// A GPU's built-in reservations ([`Hardware::reservations_for`]).
pub fn reservations_for(gpu: &str) -> Vec<(&'static CatalogOffer, bool)> {
    Hardware::BUILTIN.reservations_for(gpu)
}

/// Every published measurement.
pub fn measurements() -> &'static [Measurement] {
    MEASUREMENTS
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn llama_70b_kv_cache_is_320_kib_per_token_at_bf16() {
        let m = open_model("llama-3.1-70b").map(|m| m.arch.clone());
        let kv = m.map(|a| a.kv_bytes_per_token(Precision::Bf16));
        assert_eq!(kv, Some(327_680.0));
        assert_eq!(kv.map(|b| b / 1024.0), Some(320.0));
    }

    #[test]
    fn deepseek_caches_its_latent_not_its_heads() {
        // 61 layers × 576 values × 2 bytes = 70,272 B ≈ 68.6 KiB per token at BF16.
        let kv = open_model("deepseek-v3").map(|m| m.arch.kv_bytes_per_token(Precision::Bf16));
        assert_eq!(kv, Some(70_272.0));
    }

    #[test]
    fn catalog_is_large_enough_and_unique() {
        assert!(OPEN_MODELS.len() >= 10);
        for (i, m) in OPEN_MODELS.iter().enumerate() {
            assert!(OPEN_MODELS[..i].iter().all(|n| n.id != m.id), "{}", m.id);
            assert!(m.arch.active_params_b <= m.arch.total_params_b);
        }
        assert!(gpus().len() >= 10);
        for o in offers() {
            assert!(gpu(o.gpu).is_some(), "offer {} names an unknown GPU", o.id);
        }
        for m in measurements() {
            assert!(open_model(m.model).is_some() && gpu(m.gpu).is_some());
        }
    }

    #[test]
    fn default_offers_are_on_demand_and_cheapest() {
        let h100 = default_offer("h100-sxm");
        assert!(h100.is_some_and(|o| o.kind == OfferKind::OnDemand));
        let cheapest_on_demand = offers_for("h100-sxm")
            .into_iter()
            .filter(|o| o.kind == OfferKind::OnDemand)
            .map(|o| o.usd_per_gpu_hour)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(h100.map(|o| o.usd_per_gpu_hour), Some(cheapest_on_demand));
    }

    #[test]
    fn reservations_are_the_one_and_three_year_terms() {
        let list = reservations_for("h100-sxm");
        assert!(list
            .iter()
            .any(|(o, three)| *three && o.provider == "AWS" && o.usd_per_gpu_hour == 2.972_125));
        assert!(list
            .iter()
            .any(|(o, three)| !*three && o.provider == "Civo" && o.usd_per_gpu_hour == 2.69));
        assert!(list
            .iter()
            .all(|(o, _)| o.kind == OfferKind::Reserved && !o.term.contains("days")));
    }

    #[test]
    fn precisions_pick_their_peak() {
        let h100 = gpu("h100-sxm").map(|g| g.spec.clone());
        assert_eq!(
            h100.as_ref().map(|g| g.peak_tflops(Precision::Fp8)),
            Some(1978.9)
        );
        // No FP4 on Hopper: 4-bit weights compute at BF16.
        assert_eq!(h100.map(|g| g.peak_tflops(Precision::Bits4)), Some(989.4));
    }
}
