//! The calculation core: pure functions from a [`Scenario`] to a [`Report`].
//!
//! Nothing here touches the browser: std and serde only (CI fails if a web crate is imported).
//! The same code runs in the page, in native tests and, later, in the command line.

pub mod catalog;
mod catalog_data;
pub mod error;
pub mod format;
pub mod import;
pub mod pricing;
pub mod projection;
pub mod report;
pub mod spend;
pub mod units;

pub use error::EvalError;
pub use report::{CostLine, Report, SpendReport, TokenKind};

use crate::scenario::{Field, Scenario, ScenarioError};
use units::{Requests, Tokens, Usd, UsdPerMTok, MONTHS_PER_YEAR};

/// Evaluates a Scenario. Pure, never panics, never returns NaN or infinity, and cheap enough
/// to run on every keystroke.
///
/// # Errors
/// [`EvalError::Invalid`] when a field is out of its bounds; [`EvalError::NotFinite`] if a
/// result overflowed (unreachable within the bounds, checked regardless).
pub fn evaluate(scenario: &Scenario) -> Result<Report, EvalError> {
    scenario.validate()?;
    let input = spend::SpendInput {
        requests: typed(scenario, Field::RequestsPerMonth, Requests::new)?,
        input_tokens_per_request: typed(scenario, Field::InputTokens, Tokens::new)?,
        output_tokens_per_request: typed(scenario, Field::OutputTokens, Tokens::new)?,
        input_price: typed(scenario, Field::InputPrice, UsdPerMTok::new)?,
        output_price: typed(scenario, Field::OutputPrice, UsdPerMTok::new)?,
    };
    let bill = spend::monthly_bill(&input);
    let monthly_total = bill.total();
    let yearly_total = monthly_total * MONTHS_PER_YEAR;
    if !yearly_total.is_finite() {
        return Err(EvalError::NotFinite("yearly total"));
    }
    let per_request = monthly_total.per(input.requests);
    let line = |kind, tokens: Tokens, price, cost: Usd| CostLine {
        kind,
        tokens,
        price,
        cost,
        share: cost.share_of(monthly_total),
    };
    Ok(Report {
        spend: SpendReport {
            monthly_total,
            yearly_total,
            requests_per_month: input.requests,
            per_request,
            per_thousand_requests: per_request.map(|c| c * 1_000.0),
            tokens_per_month: bill.input_tokens + bill.output_tokens,
            lines: vec![
                line(
                    TokenKind::Input,
                    bill.input_tokens,
                    input.input_price,
                    bill.input_cost,
                ),
                line(
                    TokenKind::Output,
                    bill.output_tokens,
                    input.output_price,
                    bill.output_cost,
                ),
            ],
        },
    })
}

/// Reads a field into its unit type (validation already guaranteed it is finite).
fn typed<T>(s: &Scenario, field: Field, make: fn(f64) -> Option<T>) -> Result<T, EvalError> {
    make(field.get(s)).ok_or(EvalError::Invalid(ScenarioError {
        field,
        problem: crate::scenario::FieldProblem::NotFinite,
    }))
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_costs_six_thousand_a_month() {
        let report = evaluate(&Scenario::default());
        let Ok(Report { spend }) = report else {
            panic!("default must evaluate: {report:?}");
        };
        assert_eq!(format::usd(spend.monthly_total), "$6,000.00");
        assert_eq!(format::usd(spend.yearly_total), "$72,000.00");
        assert_eq!(
            spend.per_request.map(format::usd).as_deref(),
            Some("$0.006")
        );
        assert_eq!(
            spend.per_thousand_requests.map(format::usd).as_deref(),
            Some("$6.00")
        );
        assert_eq!(spend.lines[0].share, Some(0.5));
        assert_eq!(format::tokens(spend.tokens_per_month), "1.2B");
    }

    #[test]
    fn invalid_scenarios_are_errors_not_panics() {
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e300] {
            for field in Field::ALL {
                let mut s = Scenario::default();
                field.set(&mut s, bad);
                assert!(
                    matches!(evaluate(&s), Err(EvalError::Invalid(ScenarioError { field: f, .. })) if f == field),
                    "{field:?} = {bad}"
                );
            }
        }
    }

    #[test]
    fn zero_requests_have_no_per_request_cost() {
        let mut s = Scenario::default();
        s.workload.requests_per_month = 0.0;
        let spend = evaluate(&s).map(|r| r.spend);
        assert_eq!(spend.as_ref().map(|s| s.monthly_total), Ok(Usd::ZERO));
        assert_eq!(spend.as_ref().map(|s| s.per_request), Ok(None));
        assert_eq!(spend.map(|s| s.lines[0].share), Ok(None));
    }

    #[test]
    fn maxima_stay_finite() {
        let mut s = Scenario::default();
        for field in Field::ALL {
            field.set(&mut s, field.spec().max);
        }
        let spend = evaluate(&s).map(|r| r.spend);
        assert!(spend.is_ok_and(|s| s.yearly_total.is_finite()));
    }
}
