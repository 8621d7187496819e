//! One response's usage, as each provider reports it, read into the provider-neutral
//! [`RequestShape`] and [`Terms`] and priced by [`super::pricing`].
//!
//! Each provider counts differently; reading a usage object by the wrong convention is the
//! common way trackers bill cached tokens twice. The conventions, from each provider's API
//! reference and its generated SDK types (openai-python, anthropic-sdk-python, python-genai,
//! read 2026-12-02):
//!
//! | format | prompt | cache reads | cache writes | output | reasoning |
//! |---|---|---|---|---|---|
//! | `openai_chat` (Chat Completions `usage`) | `prompt_tokens`, **including** cache reads and writes | `prompt_tokens_details.cached_tokens` | `prompt_tokens_details.cache_write_tokens` (GPT-5.6 and later) | `completion_tokens` − reasoning | `completion_tokens_details.reasoning_tokens`, **inside** `completion_tokens` |
//! | `openai_responses` (Responses `usage`) | `input_tokens`, including cache reads and writes | `input_tokens_details.cached_tokens` | `input_tokens_details.cache_write_tokens`, split by retention in `cache_write_tokens_details.ttl_30m_tokens` (the standard lifetime) and `ttl_12h_tokens` (12 hours) where given | `output_tokens` − reasoning | `output_tokens_details.reasoning_tokens`, inside `output_tokens` |
//! | `anthropic_messages` (Messages `usage`) | `input_tokens` **plus** cache reads and writes (`input_tokens` excludes both) | `cache_read_input_tokens` | `cache_creation.ephemeral_5m_input_tokens` and `ephemeral_1h_input_tokens` (else `cache_creation_input_tokens`, 5 minutes) | `output_tokens` (thinking included; Anthropic bills it as output) | 0 |
//! | `gemini_generate` (`usageMetadata`) | `promptTokenCount` (including `cachedContentTokenCount`) + `toolUsePromptTokenCount` | `cachedContentTokenCount` | 0 | `candidatesTokenCount` | `thoughtsTokenCount`, **beside** `candidatesTokenCount`, billed as output |
//!
//! The terms a usage object reports: OpenAI's response `service_tier` (`flex`, `priority`,
//! and `fast`, which OpenAI bills as priority; `default`, `auto` and `scale` are standard);
//! Anthropic's `usage.service_tier` (`batch` is the Batch API), `usage.inference_geo` (`us` is
//! US-only inference) and `usage.speed` (`fast`); Vertex AI's `trafficType`
//! (`ON_DEMAND_PRIORITY`, `ON_DEMAND_FLEX`). A caller's flags override them.
//!
//! The whole response or its usage object alone is accepted. A count that is missing is 0; one
//! that is negative or not a number is an error naming its field, as is a part larger than its
//! total (cached tokens above the prompt, reasoning above the completion).

use super::pricing::{
    request_cost_on, ModelPrice, RequestCost, RequestShape, ServiceTier, Terms, WriteShares,
};
use serde_json::Value;
use std::fmt;

/// A provider's usage format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageFormat {
    /// OpenAI Chat Completions.
    OpenAiChat,
    /// OpenAI Responses.
    OpenAiResponses,
    /// Anthropic Messages.
    AnthropicMessages,
    /// Gemini `generateContent` (the Gemini API and Vertex AI).
    GeminiGenerate,
}

impl UsageFormat {
    /// Every format.
    pub const ALL: [UsageFormat; 4] = [
        Self::OpenAiChat,
        Self::OpenAiResponses,
        Self::AnthropicMessages,
        Self::GeminiGenerate,
    ];

    /// Its name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::OpenAiChat => "openai_chat",
            Self::OpenAiResponses => "openai_responses",
            Self::AnthropicMessages => "anthropic_messages",
            Self::GeminiGenerate => "gemini_generate",
        }
    }

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenAiChat => "OpenAI Chat Completions",
            Self::OpenAiResponses => "OpenAI Responses",
            Self::AnthropicMessages => "Anthropic Messages",
            Self::GeminiGenerate => "Gemini generateContent",
        }
    }

    /// The format with this name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The field that holds the usage in a whole response.
    fn usage_field(self) -> &'static str {
        match self {
            Self::GeminiGenerate => "usageMetadata",
            _ => "usage",
        }
    }
}

/// One response's tokens, provider-neutral, and the terms it reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Usage {
    /// Every prompt token the model read: plain, cache reads and cache writes.
    pub input_tokens: f64,
    /// Prompt tokens read from the cache.
    pub cached_tokens: f64,
    /// Prompt tokens written to the cache with the model's standard lifetime.
    pub cache_write_tokens: f64,
    /// Prompt tokens written to the cache for 1 hour.
    pub cache_write_1h_tokens: f64,
    /// Prompt tokens written to the cache for 12 hours (OpenAI's extended retention).
    pub cache_write_12h_tokens: f64,
    /// Visible output tokens.
    pub output_tokens: f64,
    /// Reasoning (thinking) tokens, billed as output unless the model prices them.
    pub reasoning_tokens: f64,
    /// The service tier the response reports, if any.
    pub tier: Option<ServiceTier>,
    /// Whether it reports the Batch API.
    pub batched: bool,
    /// Whether it reports US-only (or regional) inference.
    pub residency: bool,
    /// Whether it reports fast mode.
    pub fast: bool,
}

impl Usage {
    /// Prompt tokens written to the cache, every lifetime together.
    pub fn written(&self) -> f64 {
        self.cache_write_tokens + self.cache_write_1h_tokens + self.cache_write_12h_tokens
    }

    /// The request shape these tokens make.
    pub fn shape(&self) -> RequestShape {
        let writes = self.written();
        let share = |t: f64| if writes > 0.0 { t / writes } else { 0.0 };
        RequestShape {
            input_tokens: self.input_tokens,
            cached_share: if self.input_tokens > 0.0 {
                (self.cached_tokens / self.input_tokens).clamp(0.0, 1.0)
            } else {
                0.0
            },
            cache_write_tokens: writes,
            write_shares: WriteShares {
                one_hour: share(self.cache_write_1h_tokens),
                twelve_hours: share(self.cache_write_12h_tokens),
            },
            output_tokens: self.output_tokens,
            reasoning_tokens: self.reasoning_tokens,
        }
    }

    /// The terms it reports.
    pub fn terms(&self) -> Terms {
        Terms {
            batched: self.batched,
            tier: self.tier.unwrap_or_default(),
            residency: self.residency,
            fast: self.fast,
            negotiated: 0.0,
        }
    }
}

/// Why a usage object could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum UsageError {
    /// Not JSON (the parser's message, with line and column).
    NotJson(String),
    /// No usage object where the format keeps it.
    NoUsage(&'static str),
    /// A count is negative, fractional or not a number.
    BadCount(String),
    /// A part is larger than the total it is part of.
    PartAboveTotal {
        /// The part's field.
        part: &'static str,
        /// The total's field.
        total: &'static str,
    },
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(e) => write!(f, "the usage is not valid JSON: {e}"),
            Self::NoUsage(field) => write!(
                f,
                "no usage found: expected the response's \"{field}\" object or the usage object itself"
            ),
            Self::BadCount(field) => {
                write!(f, "\"{field}\" must be a whole number of tokens, 0 or more")
            }
            Self::PartAboveTotal { part, total } => {
                write!(f, "\"{part}\" is larger than \"{total}\", which includes it")
            }
        }
    }
}

impl std::error::Error for UsageError {}

/// A token count at `path` (dot-separated) in `v`: 0 when absent or null.
fn count(v: &Value, path: &'static str) -> Result<f64, UsageError> {
    let mut at = v;
    for key in path.split('.') {
        match at.get(key) {
            Some(next) => at = next,
            None => return Ok(0.0),
        }
    }
    match at {
        Value::Null => Ok(0.0),
        Value::Number(n) => n
            .as_f64()
            .filter(|c| c.is_finite() && *c >= 0.0 && c.fract() == 0.0)
            .ok_or_else(|| UsageError::BadCount(path.to_owned())),
        _ => Err(UsageError::BadCount(path.to_owned())),
    }
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Reads one response's usage (the whole response, or its usage object) in `format`.
///
/// # Errors
/// [`UsageError`] naming the field when the text is not JSON, has no usage, or a count is
/// not a whole non-negative number or exceeds the total that includes it.
pub fn read_usage(format: UsageFormat, json: &str) -> Result<Usage, UsageError> {
    let whole: Value =
        serde_json::from_str(json).map_err(|e| UsageError::NotJson(e.to_string()))?;
    let field = format.usage_field();
    let usage = whole.get(field).unwrap_or(&whole);
    if !usage.is_object() {
        return Err(UsageError::NoUsage(field));
    }
    let part = |p: f64, part: &'static str, t: f64, total: &'static str| {
        if p > t {
            Err(UsageError::PartAboveTotal { part, total })
        } else {
            Ok(())
        }
    };
    let openai_tier = |v: &Value| match text(v, "service_tier") {
        Some("flex") => Some(ServiceTier::Flex),
        Some("priority" | "fast") => Some(ServiceTier::Priority),
        Some(_) => Some(ServiceTier::Standard),
        None => None,
    };
    let out = match format {
        UsageFormat::OpenAiChat | UsageFormat::OpenAiResponses => {
            let chat = format == UsageFormat::OpenAiChat;
            let (prompt_f, details, out_f, out_details) = if chat {
                (
                    "prompt_tokens",
                    [
                        "prompt_tokens_details.cached_tokens",
                        "prompt_tokens_details.cache_write_tokens",
                    ],
                    "completion_tokens",
                    "completion_tokens_details.reasoning_tokens",
                )
            } else {
                (
                    "input_tokens",
                    [
                        "input_tokens_details.cached_tokens",
                        "input_tokens_details.cache_write_tokens",
                    ],
                    "output_tokens",
                    "output_tokens_details.reasoning_tokens",
                )
            };
            let prompt = count(usage, prompt_f)?;
            let cached = count(usage, details[0])?;
            let written = count(usage, details[1])?;
            part(cached + written, details[0], prompt, prompt_f)?;
            // Responses splits the writes by retention; the 12-hour part is priced apart.
            let (half_day_f, half_hour_f) = (
                "input_tokens_details.cache_write_tokens_details.ttl_12h_tokens",
                "input_tokens_details.cache_write_tokens_details.ttl_30m_tokens",
            );
            let half_day = if chat {
                0.0
            } else {
                let half_day = count(usage, half_day_f)?;
                let split = half_day + count(usage, half_hour_f)?;
                part(split, half_day_f, written, details[1])?;
                half_day
            };
            let completion = count(usage, out_f)?;
            let reasoning = count(usage, out_details)?;
            part(reasoning, out_details, completion, out_f)?;
            Usage {
                input_tokens: prompt,
                cached_tokens: cached,
                cache_write_tokens: written - half_day,
                cache_write_12h_tokens: half_day,
                output_tokens: completion - reasoning,
                reasoning_tokens: reasoning,
                // The tier is on the response, beside `usage`.
                tier: openai_tier(&whole).or_else(|| openai_tier(usage)),
                ..Usage::default()
            }
        }
        UsageFormat::AnthropicMessages => {
            let plain = count(usage, "input_tokens")?;
            let read = count(usage, "cache_read_input_tokens")?;
            let created = count(usage, "cache_creation_input_tokens")?;
            let m5 = count(usage, "cache_creation.ephemeral_5m_input_tokens")?;
            let h1 = count(usage, "cache_creation.ephemeral_1h_input_tokens")?;
            // The split, when given, is the whole of the writes.
            let (m5, h1) = if m5 + h1 > 0.0 {
                (m5, h1)
            } else {
                (created, 0.0)
            };
            Usage {
                input_tokens: plain + read + m5 + h1,
                cached_tokens: read,
                cache_write_tokens: m5,
                cache_write_1h_tokens: h1,
                cache_write_12h_tokens: 0.0,
                output_tokens: count(usage, "output_tokens")?,
                reasoning_tokens: 0.0,
                tier: match text(usage, "service_tier") {
                    Some("priority") => Some(ServiceTier::Priority),
                    Some(_) => Some(ServiceTier::Standard),
                    None => None,
                },
                batched: text(usage, "service_tier") == Some("batch"),
                residency: text(usage, "inference_geo") == Some("us"),
                fast: text(usage, "speed") == Some("fast"),
            }
        }
        UsageFormat::GeminiGenerate => {
            let prompt = count(usage, "promptTokenCount")?;
            let cached = count(usage, "cachedContentTokenCount")?;
            part(
                cached,
                "cachedContentTokenCount",
                prompt,
                "promptTokenCount",
            )?;
            let traffic = text(usage, "trafficType").or_else(|| text(&whole, "trafficType"));
            Usage {
                input_tokens: prompt + count(usage, "toolUsePromptTokenCount")?,
                cached_tokens: cached,
                output_tokens: count(usage, "candidatesTokenCount")?,
                reasoning_tokens: count(usage, "thoughtsTokenCount")?,
                tier: match traffic {
                    Some("ON_DEMAND_PRIORITY") => Some(ServiceTier::Priority),
                    Some("ON_DEMAND_FLEX") => Some(ServiceTier::Flex),
                    Some(_) => Some(ServiceTier::Standard),
                    None => None,
                },
                ..Usage::default()
            }
        }
    };
    Ok(out)
}

/// Sets a workload's token mix to one response's: prompt tokens (cached or not), the share read
/// from the cache, the tokens written and their split by lifetime, visible output and
/// reasoning. Its traffic, routes and the shares on batch and tiers stay as they were (one
/// response says how a request looks, not how the traffic is spread).
pub fn fill_workload(usage: &Usage, w: &mut crate::scenario::Workload) {
    let shape = usage.shape();
    w.input_tokens = shape.input_tokens;
    w.cached_pct = shape.cached_share * 100.0;
    w.cache_write_tokens = shape.cache_write_tokens;
    w.set_write_pcts(
        shape.write_shares.one_hour * 100.0,
        shape.write_shares.twelve_hours * 100.0,
    );
    w.output_tokens = shape.output_tokens;
    w.reasoning_tokens = shape.reasoning_tokens;
}

/// Prices one usage on a model, on `terms` (the usage's own, or the caller's).
pub fn price_usage(usage: &Usage, price: &ModelPrice, terms: &Terms) -> RequestCost {
    request_cost_on(&usage.shape(), price, terms)
}
