//! The built-in open-weight models: architectures written by hand from their published
//! `config.json` files, each entry naming its source. Plain data, part of the catalog's edition
//! (`data/edition.lock` lists this file: a correction is a new edition) and frozen for the
//! golden tests in `tests/fixtures/catalog/open_models.rs`.

use super::hardware::{ModelArch, OpenModel};

/// Where the architectures come from (each entry names its repository).
pub(super) const HF: &str = "config.json on huggingface.co/";

/// The built-in open-weight models. Architecture from each model's published `config.json`
/// (as vendored in ai-dynamo/aiconfigurator's `model_configs`, and Meta's, DeepSeek's, OpenAI's
/// and Qwen's repositories; read 2026-11-23); parameter counts from the model cards, checked
/// against counts from the config shapes. Active parameters follow each publisher's
/// convention (gpt-oss and DeepSeek leave out the input embedding).
pub const OPEN_MODELS: &[OpenModel] = &[
    dense(
        "llama-3.1-8b",
        "Llama 3.1 8B",
        "Meta",
        (32, 4096, 32, 8, 128),
        8.03,
        131_072.0,
        "meta-llama/Llama-3.1-8B-Instruct",
    ),
    dense(
        "llama-3.1-70b",
        "Llama 3.1 70B",
        "Meta",
        (80, 8192, 64, 8, 128),
        70.6,
        131_072.0,
        "meta-llama/Llama-3.1-70B-Instruct",
    ),
    dense(
        "llama-3.3-70b",
        "Llama 3.3 70B",
        "Meta",
        (80, 8192, 64, 8, 128),
        70.6,
        131_072.0,
        "meta-llama/Llama-3.3-70B-Instruct",
    ),
    dense(
        "llama-3.1-405b",
        "Llama 3.1 405B",
        "Meta",
        (126, 16384, 128, 8, 128),
        405.9,
        131_072.0,
        "meta-llama/Llama-3.1-405B-Instruct",
    ),
    moe(
        "llama-4-maverick",
        "Llama 4 Maverick 17B-128E",
        "Meta",
        (48, 5120, 40, 8, 128),
        (400.0, 17.0),
        1_048_576.0,
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct (128 routed experts + 1 shared, top-1, on 24 of 48 layers)",
    ),
    moe(
        "qwen3-235b-a22b",
        "Qwen3 235B A22B",
        "Alibaba Qwen",
        (94, 4096, 64, 4, 128),
        (235.0, 22.0),
        32_768.0,
        "Qwen/Qwen3-235B-A22B",
    ),
    dense(
        "qwen3-32b",
        "Qwen3 32B",
        "Alibaba Qwen",
        (64, 5120, 64, 8, 128),
        32.8,
        32_768.0,
        "Qwen/Qwen3-32B",
    ),
    dense(
        "qwen2.5-coder-32b",
        "Qwen2.5 Coder 32B",
        "Alibaba Qwen",
        (64, 5120, 40, 8, 128),
        32.8,
        32_768.0,
        "Qwen/Qwen2.5-Coder-32B-Instruct (32.76B counted from the config; the card says 32.5B)",
    ),
    moe(
        "gpt-oss-120b",
        "gpt-oss-120b",
        "OpenAI",
        (36, 2880, 64, 8, 64),
        (116.8, 5.1),
        131_072.0,
        "openai/gpt-oss-120b (MoE weights ship in MXFP4; half the layers use a 128-token sliding window)",
    ),
    moe(
        "gpt-oss-20b",
        "gpt-oss-20b",
        "OpenAI",
        (24, 2880, 64, 8, 64),
        (20.9, 3.6),
        131_072.0,
        "openai/gpt-oss-20b (MoE weights ship in MXFP4; half the layers use a 128-token sliding window)",
    ),
    mla(
        "deepseek-v3",
        "DeepSeek V3",
        "deepseek-ai/DeepSeek-V3",
    ),
    mla(
        "deepseek-r1",
        "DeepSeek R1",
        "deepseek-ai/DeepSeek-R1",
    ),
    dense(
        "mistral-small-3.1-24b",
        "Mistral Small 3.1 24B",
        "Mistral AI",
        (40, 5120, 32, 8, 128),
        24.0,
        131_072.0,
        "mistralai/Mistral-Small-3.1-24B-Instruct-2503 (text model; shape as in Mistral Small 3.2's published config)",
    ),
    moe(
        "mixtral-8x7b",
        "Mixtral 8x7B",
        "Mistral AI",
        (32, 4096, 32, 8, 128),
        (46.7, 12.9),
        32_768.0,
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
    ),
];

/// (layers, hidden, heads, KV heads, head dim).
type Shape = (u32, u32, u32, u32, u32);

const fn dense(
    id: &'static str,
    name: &'static str,
    maker: &'static str,
    shape: Shape,
    params_b: f64,
    context: f64,
    repo: &'static str,
) -> OpenModel {
    moe(id, name, maker, shape, (params_b, params_b), context, repo)
}

const fn moe(
    id: &'static str,
    name: &'static str,
    maker: &'static str,
    (layers, hidden, heads, kv_heads, head_dim): Shape,
    (total, active): (f64, f64),
    context: f64,
    repo: &'static str,
) -> OpenModel {
    OpenModel {
        id,
        name,
        maker,
        hidden,
        heads,
        arch: ModelArch {
            layers: layers as f64,
            kv_heads: kv_heads as f64,
            head_dim: head_dim as f64,
            attention_width: (heads * head_dim) as f64,
            mla_cache_values: None,
            total_params_b: total,
            active_params_b: active,
            context,
        },
        source: repo,
    }
}

/// DeepSeek V3 and R1 share one architecture: 61 layers, hidden 7,168, 128 heads,
/// multi-head latent attention caching `kv_lora_rank` 512 + `qk_rope_head_dim` 64 values per
/// layer per token, 671B parameters with 37B active, 128K context.
const fn mla(id: &'static str, name: &'static str, repo: &'static str) -> OpenModel {
    OpenModel {
        id,
        name,
        maker: "DeepSeek",
        hidden: 7168,
        heads: 128,
        arch: ModelArch {
            layers: 61.0,
            kv_heads: 1.0,
            head_dim: 576.0,
            // Absorbed MLA: per head, scores over the 576-wide latent and a weighted sum over
            // its 512-wide part: 128 × (576 + 512) / 2 = 69,632 equivalent width.
            attention_width: 69_632.0,
            mla_cache_values: Some(576.0),
            total_params_b: 671.0,
            active_params_b: 37.0,
            context: 131_072.0,
        },
        source: repo,
    }
}
