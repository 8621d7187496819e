//! The plain-language recommendation: it answers "do you know your monthly volume, is it
//! predictable, do you have a team to run it?" with the numbers of the report.
//!
//! - **No team**: pay per token (or a managed on-demand service); say what self-hosting would
//!   save if a team were hired.
//! - **Volume unknown**: commit to nothing yet; measure for one to three months on the
//!   cheapest flexible option, then paste the hourly usage.
//! - **Volume known but unpredictable**: the plan with the smallest worst-case regret over the
//!   stress tests (minimax regret), at its level.
//! - **Known and predictable**: the cheapest of the four ways as forecast, with its coverage,
//!   utilization, break-even utilization and the regret it risks.

use super::{gpus_text, worst_regret, CommitmentReport, Plan, Way, WayLine};
use crate::core::format;
use crate::core::units::Usd;
use crate::scenario::commitment::Commitment;

/// What to do, and why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recommendation {
    /// One sentence: the answer.
    pub headline: String,
    /// The reasons, one sentence each.
    pub reasons: Vec<String>,
}

/// The way with the lowest monthly cost among those priced.
pub(super) fn cheapest<'a>(ways: impl Iterator<Item = &'a WayLine>) -> Option<&'a WayLine> {
    ways.filter(|w| w.monthly.is_some()).min_by(|a, b| {
        let v = |w: &WayLine| w.monthly.map_or(f64::INFINITY, Usd::value);
        v(a).total_cmp(&v(b))
    })
}

fn plan_levels(r: &CommitmentReport, plan: Plan) -> String {
    r.plans
        .iter()
        .find(|p| p.plan == plan)
        .map_or_else(String::new, |p| gpus_text(&p.levels))
}

fn way_sentence(r: &CommitmentReport, w: &WayLine) -> String {
    match w.way {
        Way::Api => "Pay per token: the API is the cheapest way to serve this traffic.".to_owned(),
        Way::OnDemand => "Self-host on demand: no commitment pays off at these prices.".to_owned(),
        Way::Committed => match r.best {
            Plan::NoCommitment => {
                "Self-host on demand: no commitment pays off at these prices.".to_owned()
            }
            plan => format!(
                "Commit to {} {} and buy the rest on demand.",
                plan_levels(r, plan),
                plan.phrase()
            ),
        },
        Way::Owned => format!(
            "Buy GPUs for the steady load and rent the peaks: {}",
            w.detail
        ),
    }
}

/// The recommendation for a report, given the answers to the three questions.
pub fn recommend(r: &CommitmentReport, c: &Commitment, staff: f64) -> Recommendation {
    let mut reasons = Vec::new();
    let api = r
        .ways
        .iter()
        .find(|w| w.way == Way::Api)
        .and_then(|w| w.monthly);
    let best_self = cheapest(r.ways.iter().filter(|w| w.way != Way::Api));
    let best_any = r
        .cheapest_way
        .and_then(|way| r.ways.iter().find(|w| w.way == way));
    let headline = if !c.has_team {
        if let (Some(a), Some(s)) = (api, best_self.and_then(|w| w.monthly)) {
            if s.value() < a.value() {
                reasons.push(format!(
                    "Self-hosting ({}) would cost {} a month against {} for the API, but only with people to run it: the comparison counts {} a month of staff.",
                    best_self.map_or("", |w| w.way.label()),
                    format::usd(s),
                    format::usd(a),
                    format::usd(Usd::new(staff).unwrap_or(Usd::ZERO))
                ));
            } else {
                reasons.push(format!(
                    "The API ({} a month) is also the cheapest way here.",
                    format::usd(a)
                ));
            }
        }
        reasons.push("GPUs need on-call engineers for drivers, serving engines, upgrades and incidents; a commitment without them is money spent on idle hardware.".to_owned());
        if api.is_some() {
            "Pay per token: without a team to run GPUs, do not self-host or commit.".to_owned()
        } else {
            "Without a team to run GPUs, do not commit: use a managed service or pay per token."
                .to_owned()
        }
    } else if !c.know_volume {
        if let Some(w) = cheapest(
            r.ways
                .iter()
                .filter(|w| matches!(w.way, Way::Api | Way::OnDemand)),
        ) {
            reasons.push(format!(
                "Meanwhile the cheapest flexible way is {} at {} a month.",
                w.way.noun(),
                w.monthly.map_or_else(String::new, format::usd)
            ));
        }
        reasons.push("Measure GPU usage hour by hour for one to three months, then paste it here (demand: hourly series): the optimum is a quantile of that demand, and a guess puts it in the wrong place.".to_owned());
        "Do not commit yet: run on demand and measure your volume first.".to_owned()
    } else if !c.predictable {
        let plan = r.robust;
        let worst = |p: Plan| worst_regret(&r.stress, p);
        reasons.push(format!(
            "Chosen because its worst regret over the stress tests is the smallest: {} over 36 months ({} for the cheapest plan as forecast, {}).",
            format::usd(Usd::new(worst(plan)).unwrap_or(Usd::ZERO)),
            format::usd(Usd::new(worst(r.best)).unwrap_or(Usd::ZERO)),
            r.best.label().to_lowercase()
        ));
        match plan {
            Plan::NoCommitment => {
                "Stay on demand: with demand this uncertain, every commitment risks more than it saves.".to_owned()
            }
            _ => format!(
                "Commit only to the floor you are sure of: {} {}, the rest on demand.",
                plan_levels(r, plan),
                plan.phrase()
            ),
        }
    } else {
        let Some(best) = best_any else {
            return Recommendation::default();
        };
        if let Some(next) = cheapest(r.ways.iter().filter(|w| w.way != best.way)) {
            if let (Some(a), Some(b)) = (best.monthly, next.monthly) {
                reasons.push(format!(
                    "{} a month on average over 36 months, {} less than {}, the next best way ({}).",
                    format::usd(a),
                    format::usd(Usd::new(b.value() - a.value()).unwrap_or(Usd::ZERO)),
                    next.way.noun(),
                    format::usd(b)
                ));
            }
        }
        if matches!(best.way, Way::Committed) && r.best != Plan::NoCommitment {
            if let Some(t) = r.best_term() {
                reasons.push(format!(
                    "The commitment covers {} of the GPU-hours and is {} used; a reservation at this price pays for itself from {} use.",
                    format::percent(t.coverage),
                    format::percent(t.utilization),
                    t.break_even_utilization.map_or_else(|| "—".to_owned(), format::percent)
                ));
            }
        }
        if let (Some(worst), Some(i)) =
            (r.stress.last(), Plan::ALL.iter().position(|p| *p == r.best))
        {
            if matches!(best.way, Way::Committed) && r.best != Plan::NoCommitment {
                reasons.push(format!(
                    "If demand ends {} lower and on-demand prices fall {} a year, this plan costs {} more over 36 months than the best choice in hindsight.",
                    format::percent(1.0 - worst.demand_factor),
                    format::percent(worst.decline),
                    worst.regrets.get(i).map_or_else(String::new, |v| format::usd(*v))
                ));
            }
        }
        if r.robust != r.best && matches!(best.way, Way::Committed) {
            reasons.push(format!(
                "Less exposed to a fall in demand or prices: {} at {}.",
                r.robust.label().to_lowercase(),
                plan_levels(r, r.robust)
            ));
        }
        way_sentence(r, best)
    };
    Recommendation { headline, reasons }
}
