//! The Scenario: everything a user typed or chose, as plain data.
//!
//! It is the single source of truth of the app: the page keeps one of these in one signal, and
//! the share link, embeds, exports and the command line will all carry one. No signals, no web
//! types: this module is pure (CI fails if it imports a web crate).

mod fields;

pub use fields::{parse_number, Field, FieldProblem, FieldSpec};

use serde::{Deserialize, Serialize};

/// One API workload: the traffic it sends and the shape of an average request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    /// Requests sent per month.
    pub requests_per_month: f64,
    /// Average input (prompt) tokens per request.
    pub input_tokens: f64,
    /// Average output (completion) tokens per request.
    pub output_tokens: f64,
}

/// A model's list price, in US dollars per million tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelPrice {
    /// Price of input tokens, $ per million.
    pub input_usd_per_mtok: f64,
    /// Price of output tokens, $ per million.
    pub output_usd_per_mtok: f64,
}

/// Everything the user entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The traffic to price.
    pub workload: Workload,
    /// The price it is billed at.
    pub price: ModelPrice,
}

/// Where the default price comes from. Every default number says its source and date.
pub const DEFAULT_PRICE_SOURCE: &str = "Claude Sonnet 4.6 list price ($3 input / $15 output per \
     million tokens): Anthropic pricing page, via LiteLLM 1.109.1's price map";

/// The as-of date of [`DEFAULT_PRICE_SOURCE`].
pub const DEFAULT_PRICE_AS_OF: &str = "2026-11";

impl Default for Scenario {
    /// One million requests a month of 1,000 input and 200 output tokens, at $3 / $15 per
    /// million tokens: $3,000 + $3,000 = $6,000 a month.
    fn default() -> Self {
        Self {
            workload: Workload {
                requests_per_month: 1_000_000.0,
                input_tokens: 1_000.0,
                output_tokens: 200.0,
            },
            price: ModelPrice {
                input_usd_per_mtok: 3.0,
                output_usd_per_mtok: 15.0,
            },
        }
    }
}

/// Why a Scenario cannot be evaluated: the first field that is out of its bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The offending field.
    pub field: Field,
    /// What is wrong with it.
    pub problem: FieldProblem,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field.spec().label, self.problem)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Checks every field against its [`FieldSpec`]. A Scenario built by the page's fields is
    /// always valid; one decoded from a link or a file may not be.
    ///
    /// # Errors
    /// The first field (in [`Field::ALL`] order) whose value is not finite or out of bounds.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        for field in Field::ALL {
            field
                .spec()
                .check(field.get(self))
                .map_err(|problem| ScenarioError { field, problem })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid() {
        assert_eq!(Scenario::default().validate(), Ok(()));
    }

    #[test]
    fn validation_names_the_field() {
        let mut s = Scenario::default();
        s.price.output_usd_per_mtok = f64::NAN;
        let err = s.validate().err();
        assert_eq!(
            err,
            Some(ScenarioError {
                field: Field::OutputPrice,
                problem: FieldProblem::NotFinite
            })
        );
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("Output price: Enter a finite number.")
        );

        let mut s = Scenario::default();
        s.workload.requests_per_month = -1.0;
        assert_eq!(
            s.validate().map_err(|e| e.field),
            Err(Field::RequestsPerMonth)
        );
    }
}
