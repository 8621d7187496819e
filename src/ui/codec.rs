//! Reading links and scenario files into the page: the link chunk's side of
//! [`crate::scenario::link`] (serde and the Scenario's JSON live there, off the first load).

use super::state::LinkStatus;
use crate::scenario::link::{self, Decoded, LinkError};
use crate::scenario::Scenario;

/// The status of a decoded link or file.
pub fn status_of(result: &Result<Decoded, LinkError>) -> LinkStatus {
    match result {
        Ok(d) => LinkStatus {
            error: None,
            notices: d.notices.clone(),
        },
        Err(e) => LinkStatus {
            error: Some(e.to_string()),
            notices: Vec::new(),
        },
    }
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
