//! Reading links and scenario files into the page: the link chunk's side of
//! [`crate::scenario::link`] (serde and the Scenario's JSON live there, off the first load).

use super::state::LinkStatus;
use crate::core::catalog::Catalog;
use crate::core::prices::{self, Figures};
use crate::core::{spend_stage, SpendInput};
use crate::scenario::link::{self, Decoded, LinkError};
use crate::scenario::Scenario;

/// The status of a decoded link or file.
pub fn status_of(result: &Result<Decoded, LinkError>) -> LinkStatus {
    match result {
        Ok(d) => LinkStatus {
            error: None,
            notices: d.notices.clone(),
            prices: d
                .sent
                .as_ref()
                .and_then(|sent| price_notice(sent, &d.scenario)),
        },
        Err(e) => LinkStatus {
            error: Some(e.to_string()),
            notices: Vec::new(),
            prices: None,
        },
    }
}

/// What changed in the prices since the sender made the link: the sender's monthly API bill
/// against today's (the spend stage, run once here, only when the editions differ; the page
/// computes the later stages only when their view opens, so their figures are compared by the
/// command line alone).
fn price_notice(sent: &link::Sent, scenario: &Scenario) -> Option<String> {
    if sent.catalog == crate::core::catalog::EDITION {
        return None;
    }
    let today = spend_stage(&SpendInput::of(scenario)).ok()?;
    let figures = Figures {
        api_monthly_usd: Some(today.monthly_total.value()),
        ..Figures::default()
    };
    prices::notice(sent, &Catalog::builtin(), scenario, figures)
}

/// The Scenario and status of a link's text (the defaults, without a status, when empty;
/// the defaults with the reason when it cannot be read).
pub fn open_link(text: &str) -> (Scenario, LinkStatus) {
    if text.is_empty() {
        return (Scenario::default(), LinkStatus::default());
    }
    let decoded = link::decode(text);
    let status = status_of(&decoded);
    (decoded.map(|d| d.scenario).unwrap_or_default(), status)
}
