//! The Report: everything the page shows, computed and ordered, ready to format.
//!
//! Components read it and format it with [`crate::core::format`]; they never compute.

use super::pricing::PriceNote;
use std::borrow::Cow;

/// Text that is usually the catalog's own (borrowed, no allocation on every evaluation) and
/// owned for what the user typed (custom models).
pub type Text = Cow<'static, str>;
use super::projection::Projection;
use super::units::{Requests, Tokens, Usd};

/// The result of evaluating a Scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The API spend.
    pub spend: SpendReport,
    /// The spend projected month by month.
    pub projection: Projection,
    /// Self-hosting the same traffic, or why it cannot be answered. Its problems never
    /// block the spend answer.
    pub selfhost: Result<super::selfhost::SelfHostReport, super::selfhost::SelfHostError>,
    /// Reserved against on-demand GPU capacity, or why it cannot be answered. Its problems
    /// never block the other answers.
    pub commitment: Result<super::commitment::CommitmentReport, super::commitment::CommitmentError>,
}

/// The monthly API bill and the figures derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendReport {
    /// The bill for one month.
    pub monthly_total: Usd,
    /// Twelve months of the same bill (no growth, no price change).
    pub yearly_total: Usd,
    /// Requests per month, all workloads.
    pub requests_per_month: Requests,
    /// Monthly total ÷ requests; `None` when there are no requests.
    pub per_request: Option<Usd>,
    /// Cost of 1,000 requests; `None` when there are no requests.
    pub per_thousand_requests: Option<Usd>,
    /// Tokens billed per month, all kinds.
    pub tokens_per_month: Tokens,
    /// The bill by token type: input and output always, the other kinds when used.
    pub by_kind: Vec<CostLine>,
    /// The bill by workload, in the Scenario's order.
    pub by_workload: Vec<WorkloadLine>,
    /// The bill by model, most expensive first.
    pub by_model: Vec<ModelLine>,
    /// Every workload priced wholly on each available model, cheapest first.
    pub alternatives: Vec<Alternative>,
    /// What the pricing rules did that the user should know.
    pub notes: Vec<Note>,
}

/// The kinds of tokens a bill charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Plain prompt tokens.
    Input,
    /// Prompt tokens read from the cache.
    CachedInput,
    /// Prompt tokens written to the cache.
    CacheWrite,
    /// Completion tokens.
    Output,
    /// Reasoning tokens.
    Reasoning,
}

impl TokenKind {
    /// A label for tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            TokenKind::Input => "Input",
            TokenKind::CachedInput => "Cached input",
            TokenKind::CacheWrite => "Cache writes",
            TokenKind::Output => "Output",
            TokenKind::Reasoning => "Reasoning",
        }
    }

    /// The CSS classes of its colour swatch in tables and legends.
    pub fn swatch(self) -> &'static str {
        match self {
            TokenKind::Input => "swatch seg-input",
            TokenKind::CachedInput => "swatch seg-cached",
            TokenKind::CacheWrite => "swatch seg-write",
            TokenKind::Output => "swatch seg-output",
            TokenKind::Reasoning => "swatch seg-reasoning",
        }
    }

    /// A short stable key for CSS classes and test ids.
    pub fn key(self) -> &'static str {
        match self {
            TokenKind::Input => "input",
            TokenKind::CachedInput => "cached",
            TokenKind::CacheWrite => "write",
            TokenKind::Output => "output",
            TokenKind::Reasoning => "reasoning",
        }
    }
}

/// One row of the bill by token type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostLine {
    /// What is charged.
    pub kind: TokenKind,
    /// Tokens of this kind per month.
    pub tokens: Tokens,
    /// Their monthly cost.
    pub cost: Usd,
    /// Their share of the monthly total, in `[0, 1]`; `None` when the total is zero.
    pub share: Option<f64>,
}

/// One workload's part of the bill.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadLine {
    /// The workload's id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Its requests per month.
    pub requests: Requests,
    /// Its monthly cost.
    pub cost: Usd,
    /// Its share of the total; `None` when the total is zero.
    pub share: Option<f64>,
    /// Its cost per request; `None` with no requests.
    pub per_request: Option<Usd>,
    /// Its cost by model.
    pub routes: Vec<RouteLine>,
}

/// A workload's traffic on one model.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteLine {
    /// Model id.
    pub model: Text,
    /// Model name.
    pub model_name: Text,
    /// Percentage of the workload's requests.
    pub share_pct: f64,
    /// Monthly cost.
    pub cost: Usd,
}

/// One model's part of the bill.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelLine {
    /// Model id.
    pub id: Text,
    /// Model name.
    pub name: Text,
    /// Provider.
    pub provider: Text,
    /// Requests per month sent to it.
    pub requests: Requests,
    /// Monthly cost.
    pub cost: Usd,
    /// Share of the total; `None` when the total is zero.
    pub share: Option<f64>,
    /// Where its prices come from.
    pub source: Text,
    /// As of when.
    pub as_of: Text,
    /// True when the user overrode a catalog price.
    pub overridden: bool,
}

/// The whole Scenario priced on one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Model id.
    pub id: Text,
    /// Model name.
    pub name: Text,
    /// Provider.
    pub provider: Text,
    /// Where its prices come from.
    pub source: Text,
    /// As of when (empty for custom models).
    pub as_of: Text,
    /// Monthly total if every workload went to this model.
    pub monthly_total: Usd,
    /// `monthly_total − current total`: negative is a saving.
    pub difference: Usd,
    /// True when every workload already goes wholly to this model.
    pub current: bool,
}

/// Something the user should know about a price.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A pricing rule changed the price of a workload on a model.
    Price {
        /// Workload name.
        workload: String,
        /// Model name.
        model: String,
        /// What happened.
        note: PriceNote,
    },
    /// A workload's average request does not fit the model's context window.
    ContextWindow {
        /// Workload name.
        workload: String,
        /// Model name.
        model: String,
        /// The model's window, tokens.
        window: f64,
    },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::Price {
                workload,
                model,
                note,
            } => write!(f, "{workload} on {model}: {}.", note.text()),
            Note::ContextWindow {
                workload,
                model,
                window,
            } => write!(
                f,
                "{workload} on {model}: an average request needs more than the model's {} \
                 token context window.",
                super::format::number(*window, 0)
            ),
        }
    }
}
