//! Errors of the evaluation boundary.

use crate::scenario::ScenarioError;
use std::fmt;

/// Why [`crate::core::evaluate`] returned no Report.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// A field of the Scenario is out of bounds (possible for a Scenario that did not come
    /// from the page's fields, e.g. from a link or a file).
    Invalid(ScenarioError),
    /// A result overflowed to infinity. The field bounds make this unreachable; the check
    /// stays so that a future formula cannot put a NaN or infinity on the page.
    NotFinite(&'static str),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Invalid(e) => e.fmt(f),
            EvalError::NotFinite(what) => {
                write!(f, "The {what} is too large to compute; reduce the inputs.")
            }
        }
    }
}

impl std::error::Error for EvalError {}

impl From<ScenarioError> for EvalError {
    fn from(e: ScenarioError) -> Self {
        EvalError::Invalid(e)
    }
}
