//! The Report: everything the page shows, computed and ordered, ready to format.
//!
//! Components read it and format it with [`crate::core::format`]; they never compute.

use super::units::{Requests, Tokens, Usd, UsdPerMTok};

/// The result of evaluating a Scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The API spend.
    pub spend: SpendReport,
}

/// The monthly API bill and the figures derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendReport {
    /// The bill for one month.
    pub monthly_total: Usd,
    /// Twelve months of the same bill (no growth, no price change).
    pub yearly_total: Usd,
    /// Requests per month, as entered.
    pub requests_per_month: Requests,
    /// Monthly total ÷ requests; `None` when there are no requests.
    pub per_request: Option<Usd>,
    /// Cost of 1,000 requests; `None` when there are no requests.
    pub per_thousand_requests: Option<Usd>,
    /// Tokens billed per month, all kinds.
    pub tokens_per_month: Tokens,
    /// The bill by token type, in the order shown (input, output).
    pub lines: Vec<CostLine>,
}

/// The kinds of tokens a bill charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Prompt tokens.
    Input,
    /// Completion tokens.
    Output,
}

impl TokenKind {
    /// A label for tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            TokenKind::Input => "Input",
            TokenKind::Output => "Output",
        }
    }
}

/// One row of the bill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostLine {
    /// What is charged.
    pub kind: TokenKind,
    /// Tokens of this kind per month.
    pub tokens: Tokens,
    /// The price they are billed at.
    pub price: UsdPerMTok,
    /// Their monthly cost.
    pub cost: Usd,
    /// Their share of the monthly total, in `[0, 1]`; `None` when the total is zero.
    pub share: Option<f64>,
}
