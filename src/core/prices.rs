//! Prices over time: what changed since a link was made.
//!
//! A link records the catalog edition its sender's prices came from and the headline figures
//! the sender saw ([`crate::scenario::link::Sent`]). Opened with a later catalog, the page
//! and the command line show today's numbers (a link is a scenario, not a frozen bill) with
//! a notice naming what changed: the sender's figures against today's, and the models of the
//! scenario whose list prices moved between the two editions ([`Catalog::price_at`]) or that
//! were retired since (they keep their last prices). Same edition, or nothing that moved for
//! this scenario: no notice.

use super::catalog::{Catalog, CatalogModel};
use super::commitment::CommitmentReport;
use super::format;
use super::selfhost::SelfHostReport;
use super::units::Usd;
use crate::scenario::link::Sent;
use crate::scenario::{PriceEdit, PriceField, Scenario};
use std::fmt::Write as _;

/// Today's headline figures, as [`Sent`] holds the sender's (`None`: not computed).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    /// The monthly API bill.
    pub api_monthly_usd: Option<f64>,
    /// The self-hosting winner's monthly cost.
    pub selfhost_monthly_usd: Option<f64>,
    /// The best commitment plan's monthly cost.
    pub commitment_monthly_usd: Option<f64>,
}

impl Figures {
    /// What a link records of them (to the cent, as the page shows them), with the
    /// catalog's edition.
    pub fn sent(self, catalog: &Catalog) -> Sent {
        let cents = |v: Option<f64>| v.filter(|v| v.is_finite()).map(super::export::cents);
        Sent {
            catalog: catalog.edition.to_owned(),
            api_monthly_usd: cents(self.api_monthly_usd),
            selfhost_monthly_usd: cents(self.selfhost_monthly_usd),
            commitment_monthly_usd: cents(self.commitment_monthly_usd),
        }
    }

    /// The figures of a whole Report.
    pub fn of(report: &super::Report) -> Figures {
        Figures {
            api_monthly_usd: Some(report.spend.monthly_total.value()),
            selfhost_monthly_usd: report.selfhost.as_ref().ok().map(Self::selfhost),
            commitment_monthly_usd: report.commitment.as_ref().ok().and_then(Self::commitment),
        }
    }

    /// The self-hosting figure: the winner's monthly cost.
    pub fn selfhost(r: &SelfHostReport) -> f64 {
        r.winner_monthly().value()
    }

    /// The commitment figure: the best plan's monthly cost.
    pub fn commitment(c: &CommitmentReport) -> Option<f64> {
        c.plan(c.best).map(|p| p.monthly.value())
    }
}

/// One model whose prices differ between two editions, for a person: "claude-sonnet-4-6
/// (Anthropic): input $3.00 → $2.50 per million tokens". Every price a user can set
/// ([`PriceField`]) is compared; prices the user overrode are the user's, whatever the catalog
/// says: `edit` leaves them out.
fn moved(then: &CatalogModel, now: &CatalogModel, edit: Option<&PriceEdit>) -> Option<String> {
    let mut per_mtok = Vec::new();
    let mut parts = Vec::new();
    for &f in PriceField::ALL {
        let (was, is) = (f.of(&then.price), f.of(&now.price));
        if was == is || edit.is_some_and(|e| f.get(e).is_some()) {
            continue;
        }
        let spec = f.spec();
        let percent = spec.unit == "%";
        let show = |v: Option<f64>| match v {
            None => "none".to_owned(),
            Some(v) if percent => format!("{} %", format::editable(v)),
            Some(v) => format::usd(Usd::new(v).unwrap_or(Usd::ZERO)),
        };
        let line = format!("{} {} → {}", spec.label.to_lowercase(), show(was), show(is));
        if percent {
            parts.push(line);
        } else {
            per_mtok.push(line);
        }
    }
    if !per_mtok.is_empty() {
        parts.insert(0, format!("{} per million tokens", per_mtok.join(", ")));
    }
    if then.price.long_context != now.price.long_context {
        parts.push("long-context prices changed".to_owned());
    }
    (!parts.is_empty()).then(|| format!("{} ({}): {}", now.name, now.provider, parts.join("; ")))
}

/// The catalog models the scenario's routes use, each once, in order, with the user's price
/// override of each (the prices it sets are the user's, whatever the catalog says).
fn used_models<'c, 's>(
    scenario: &'s Scenario,
    catalog: &'c Catalog,
) -> Vec<(&'c CatalogModel, Option<&'s PriceEdit>)> {
    let mut out: Vec<(&CatalogModel, Option<&PriceEdit>)> = Vec::new();
    for route in scenario.workloads.iter().flat_map(|w| &w.routes) {
        if let Some(m) = catalog.model(&route.model) {
            if !out.iter().any(|(o, _)| o.id == m.id) {
                let edit = scenario
                    .price_overrides
                    .iter()
                    .find(|o| o.model == m.id)
                    .map(|o| &o.edit);
                out.push((m, edit));
            }
        }
    }
    out
}

/// Two figures a person would read as different: different once both are rounded to the cent
/// (the sender's figure is recorded to the cent).
fn differ(a: Option<f64>, b: Option<f64>) -> bool {
    use super::export::cents;
    matches!((a, b), (Some(a), Some(b)) if (cents(a) - cents(b)).abs() >= 0.005)
}

/// The notice for a link made with `sent`'s catalog edition, opened with `catalog` and giving
/// `today` (`None` when the editions are the same, or nothing this scenario uses moved and its
/// figures are unchanged).
pub fn notice(
    sent: &Sent,
    catalog: &Catalog,
    scenario: &Scenario,
    today: Figures,
) -> Option<String> {
    if sent.catalog == catalog.edition {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for (m, edit) in used_models(scenario, catalog) {
        if let Some((_, until)) = catalog.retired().find(|(r, _)| r.id == m.id) {
            lines.push(format!(
                "{} ({}) was retired from the catalog after its edition of {until}; its last listed prices are used",
                m.name, m.provider
            ));
        } else if let Some(then) = catalog.price_at(m.id, &sent.catalog) {
            lines.extend(moved(then, m, edit));
        }
    }
    let figures = [
        (
            "the self-hosting winner",
            sent.selfhost_monthly_usd,
            today.selfhost_monthly_usd,
        ),
        (
            "the best commitment plan",
            sent.commitment_monthly_usd,
            today.commitment_monthly_usd,
        ),
    ];
    let api_differs = differ(sent.api_monthly_usd, today.api_monthly_usd);
    if lines.is_empty() && !api_differs && !figures.iter().any(|(_, a, b)| differ(*a, *b)) {
        return None;
    }
    let usd = |v: f64| format::usd(Usd::new(v).unwrap_or(Usd::ZERO));
    let newer = sent.catalog.as_str() > catalog.edition;
    let mut text = if newer {
        format!(
            "This link was made with a newer price catalog (of {}) than this page's (of {})",
            sent.catalog, catalog.edition
        )
    } else {
        format!(
            "Prices changed since this link was made (catalog of {})",
            sent.catalog
        )
    };
    let ours = if newer {
        "this page's prices give"
    } else {
        "today's prices give"
    };
    match (sent.api_monthly_usd, today.api_monthly_usd) {
        // Only the GPU data moved (or a price this scenario's bill does not feel).
        (Some(a), Some(_)) if !api_differs => {
            let _ = write!(text, ": the monthly API bill is unchanged at {}.", usd(a));
        }
        (Some(a), Some(b)) => {
            let _ = write!(
                text,
                ": the sender saw {} a month; {ours} {}.",
                usd(a),
                usd(b)
            );
        }
        _ => text.push('.'),
    }
    for (what, a, b) in figures {
        if let (Some(a), Some(b)) = (a, b) {
            if differ(Some(a), Some(b)) {
                let _ = write!(
                    text,
                    " For {what}, the sender saw {} a month; now {}.",
                    usd(a),
                    usd(b)
                );
            }
        }
    }
    if !lines.is_empty() {
        let _ = write!(text, " Changed: {}.", lines.join("; "));
    }
    Some(text)
}
