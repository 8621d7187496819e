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
use super::format;
use super::units::{Usd, UsdPerMTok};
use crate::scenario::link::Sent;
use crate::scenario::{PriceEdit, Scenario};
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
        let cents = |v: Option<f64>| {
            v.filter(|v| v.is_finite())
                .map(|v| (v * 100.0).round() / 100.0)
        };
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
            selfhost_monthly_usd: report
                .selfhost
                .as_ref()
                .ok()
                .map(|r| r.winner_monthly().value()),
            commitment_monthly_usd: report
                .commitment
                .as_ref()
                .ok()
                .and_then(|c| c.plan(c.best))
                .map(|p| p.monthly.value()),
        }
    }
}

/// One model whose prices differ between two editions, for a person: "Claude Sonnet 4.6
/// (Anthropic): input $3.00 → $2.50 per million tokens".
/// Prices the user overrode are the user's, whatever the catalog says: `edit` leaves them out.
fn moved(then: &CatalogModel, now: &CatalogModel, edit: Option<&PriceEdit>) -> Option<String> {
    let per_mtok = |v: f64| format::usd(Usd::new(v).unwrap_or(Usd::ZERO));
    let a = &then.price;
    let b = &now.price;
    let set = |f: fn(&PriceEdit) -> Option<f64>| edit.and_then(f).is_some();
    let mut changes = Vec::new();
    let mut price = |what: &str, x: Option<f64>, y: Option<f64>, overridden: bool| {
        if x != y && !overridden {
            let show = |v: Option<f64>| v.map_or_else(|| "none".to_owned(), per_mtok);
            changes.push(format!("{what} {} → {}", show(x), show(y)));
        }
    };
    price(
        "input",
        Some(a.input.value()),
        Some(b.input.value()),
        set(|e| e.input),
    );
    price(
        "output",
        Some(a.output.value()),
        Some(b.output.value()),
        set(|e| e.output),
    );
    price(
        "cached input",
        a.cached_input.map(UsdPerMTok::value),
        b.cached_input.map(UsdPerMTok::value),
        set(|e| e.cached_input),
    );
    price(
        "5-minute cache writes",
        a.cache_write_5m.map(UsdPerMTok::value),
        b.cache_write_5m.map(UsdPerMTok::value),
        set(|e| e.cache_write_5m),
    );
    price(
        "1-hour cache writes",
        a.cache_write_1h.map(UsdPerMTok::value),
        b.cache_write_1h.map(UsdPerMTok::value),
        set(|e| e.cache_write_1h),
    );
    let mut text = if changes.is_empty() {
        String::new()
    } else {
        format!("{} per million tokens", changes.join(", "))
    };
    if a.batch_discount != b.batch_discount && !set(|e| e.batch_discount_pct) {
        let pct = |d: Option<f64>| {
            d.map_or_else(
                || "none".to_owned(),
                |d| format!("{} %", format::editable(d * 100.0)),
            )
        };
        if !text.is_empty() {
            text.push_str("; ");
        }
        let _ = write!(
            text,
            "batch discount {} → {}",
            pct(a.batch_discount),
            pct(b.batch_discount)
        );
    }
    if a.long_context != b.long_context {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str("long-context prices changed");
    }
    (!text.is_empty()).then(|| format!("{} ({}): {text}", now.name, now.provider))
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
    let cents = |v: f64| (v * 100.0).round();
    matches!((a, b), (Some(a), Some(b)) if (cents(a) - cents(b)).abs() >= 0.5)
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
