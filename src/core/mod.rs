//! The calculation core: pure functions from a [`Scenario`] to a [`Report`].
//!
//! Nothing here touches the browser: std and serde only (CI fails if a web crate is imported).
//! The same code runs in the page, in native tests and, later, in the command line.
// The pure core stays free of unsafe code (the crate denies it; the page's split points
// alone allow it, in ui::lazy).
#![forbid(unsafe_code)]

pub mod catalog;
mod catalog_data;
pub mod chart;
pub mod commitment;
pub mod demand;
pub mod display;
pub mod error;
pub mod export;
pub mod format;
pub mod hardware;
mod hardware_data;
pub mod import;
pub mod models;
mod open_models;
pub mod prices;
pub mod pricing;
pub mod projection;
pub mod report;
pub mod selfhost;
pub mod spend;
pub mod units;
pub mod usage;
pub mod usage_report;

pub use error::EvalError;
pub use report::{
    Alternative, CostLine, ModelLine, Note, Report, RouteLine, SpendReport, TokenKind, WorkloadLine,
};

use crate::scenario::{
    validate_spend, CustomModel, Location, PriceOverride, Problem, ProjectionSettings,
    ProviderDiscount, Scenario, ScenarioError, Workload,
};
use models::ResolvedModel;
use pricing::{ByKind, RequestShape};
use projection::Projection;
use units::{Requests, Tokens, Usd, MONTHS_PER_YEAR};

/// The request shape of a workload (percentages become fractions).
pub fn request_shape(w: &Workload) -> RequestShape {
    RequestShape {
        input_tokens: w.input_tokens,
        cached_share: w.cached_pct / 100.0,
        cache_write_tokens: w.cache_write_tokens,
        write_shares: {
            let (one_hour, twelve_hours) = w.write_pcts();
            pricing::WriteShares {
                one_hour: one_hour / 100.0,
                twelve_hours: twelve_hours / 100.0,
            }
        },
        output_tokens: w.output_tokens,
        reasoning_tokens: w.reasoning_tokens,
    }
}

/// What the spend stage reads of a Scenario: the workloads and the prices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpendInput {
    /// The API traffic.
    pub workloads: Vec<Workload>,
    /// Models the user added.
    pub custom_models: Vec<CustomModel>,
    /// Hand-set prices on built-in models.
    pub price_overrides: Vec<PriceOverride>,
    /// Negotiated discounts by provider.
    pub discounts: Vec<ProviderDiscount>,
}

impl SpendInput {
    /// The spend stage's part of a Scenario.
    pub fn of(s: &Scenario) -> Self {
        Self {
            workloads: s.workloads.clone(),
            custom_models: s.custom_models.clone(),
            price_overrides: s.price_overrides.clone(),
            discounts: s.discounts.clone(),
        }
    }
}

/// Evaluates a Scenario: the composition of the stages, each pure, with explicit inputs:
///
/// 1. [`spend_stage`] (workloads and prices) → [`SpendReport`];
/// 2. [`projection_stage`] (the monthly total and the projection's settings) → [`Projection`];
/// 3. [`selfhost::evaluate`] (the self-hosting settings and the API traffic's summary,
///    [`selfhost::ApiTraffic`]) → the self-hosting answer;
/// 4. [`demand::profile`] (the demand settings, and the self-hosting sizing when demand comes
///    from it, [`demand::DemandInput`]) → the demand sorted month by month, the heavy part;
/// 5. [`commitment::evaluate`] (the commitment and self-hosting settings, the demand, the API
///    bill and the self-hosting answer) → the commitment answer.
///
/// The page keeps one memo per stage, so an edit re-runs only the stages downstream of it
/// and only while their view is shown; the exports, the command line and the embeds call
/// this. Never panics, never returns NaN or infinity.
///
/// # Errors
/// The spend stage's errors ([`spend_stage`]), then the projection's. Self-hosting and
/// commitment problems are answers of their own inside the Report.
pub fn evaluate(scenario: &Scenario) -> Result<Report, EvalError> {
    evaluate_in(&catalog::Catalog::builtin(), scenario)
}

/// [`evaluate`] with a given catalog: API prices and hardware data ([`catalog::Catalog`]).
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_in(catalog: &catalog::Catalog, scenario: &Scenario) -> Result<Report, EvalError> {
    let spend = spend_stage_in(catalog, &SpendInput::of(scenario))?;
    let projection = projection_stage(spend.monthly_total, &scenario.projection)?;
    let traffic = selfhost::ApiTraffic::of(&scenario.workloads, &spend);
    let hardware = catalog.hardware();
    let selfhost = selfhost::evaluate_in(&hardware, &scenario.selfhost, &traffic);
    let sizing = demand::DemandSizing::of(selfhost.as_ref());
    let profile = demand::profile(&demand::DemandInput::of(scenario, Some(sizing)));
    let commitment = commitment::evaluate_in(
        &hardware,
        &scenario.commitment,
        &scenario.selfhost,
        &profile,
        spend.monthly_total,
        selfhost.as_ref(),
    );
    Ok(Report {
        spend,
        projection,
        selfhost,
        commitment,
    })
}

/// The spend stage: the monthly API bill of the workloads at the resolved prices.
///
/// **Formulas.** Each workload sends `R` requests a month (per month, or per day × active
/// days), split across models by its route shares; each part is priced by
/// [`spend::route_bill`] under the rules of [`pricing`]. The monthly total is the sum over
/// workloads and routes; the yearly total is 12 × the monthly total; the alternatives price
/// every workload wholly on each model.
///
/// # Errors
/// [`EvalError::Invalid`] when a field is out of its bounds, a routing does not add up to
/// 100 %, or a route names an unknown model; [`EvalError::NotFinite`] if a result overflowed
/// (unreachable within the bounds, checked regardless).
pub fn spend_stage(input: &SpendInput) -> Result<SpendReport, EvalError> {
    spend_stage_in(&catalog::Catalog::builtin(), input)
}

/// [`spend_stage`] with a given price catalog (a fixed one in tests, so a refresh of the
/// built-in prices changes no golden number).
///
/// # Errors
/// As [`spend_stage`].
pub fn spend_stage_in(
    catalog: &catalog::Catalog,
    input: &SpendInput,
) -> Result<SpendReport, EvalError> {
    validate_spend(
        &input.workloads,
        &input.price_overrides,
        &input.custom_models,
        &input.discounts,
    )?;
    let models = models::resolve_models_in(catalog, &input.custom_models, &input.price_overrides);
    let find = |id: &str, w: &Workload| {
        models.iter().position(|m| m.id == id).ok_or_else(|| {
            EvalError::Invalid(ScenarioError {
                location: Location::Routing {
                    id: w.id,
                    name: w.name.clone(),
                },
                problem: Problem::UnknownModel(id.to_owned()),
            })
        })
    };

    let mut kinds = ByKind::<Usd>::default();
    let mut kind_tokens = ByKind::<Tokens>::default();
    let mut by_workload = Vec::with_capacity(input.workloads.len());
    // (model index, requests, cost), accumulated in first-use order.
    let mut per_model: Vec<(usize, f64, Usd)> = Vec::new();
    let mut notes = Vec::new();
    let mut total_requests = 0.0;

    for w in &input.workloads {
        let requests = w.monthly_requests();
        total_requests += requests;
        let shape = request_shape(w);
        let mut routes = Vec::with_capacity(w.routes.len());
        let mut workload_cost = Usd::ZERO;
        for r in &w.routes {
            let index = find(&r.model, w)?;
            let model = &models[index];
            let negotiated = discount_for(&input.discounts, &model.provider);
            let bill = spend::workload_bill(
                requests * r.share_pct / 100.0,
                &shape,
                w,
                &model.price,
                negotiated,
            );
            let cost = bill.cost.total();
            kinds = kinds.plus(&bill.cost);
            kind_tokens = kind_tokens.plus(&bill.tokens);
            workload_cost = workload_cost + cost;
            match per_model.iter_mut().find(|(i, _, _)| *i == index) {
                Some(entry) => {
                    entry.1 += bill.requests;
                    entry.2 = entry.2 + cost;
                }
                None => per_model.push((index, bill.requests, cost)),
            }
            for note in bill.notes {
                notes.push(Note::Price {
                    workload: w.name.clone(),
                    model: model.name.to_string(),
                    note,
                });
            }
            if let Some(window) = model.context_window {
                if r.share_pct > 0.0
                    && w.input_tokens + w.output_tokens + w.reasoning_tokens > window
                {
                    notes.push(Note::ContextWindow {
                        workload: w.name.clone(),
                        model: model.name.to_string(),
                        window,
                    });
                }
            }
            routes.push(RouteLine {
                model: model.id.clone(),
                model_name: model.name.clone(),
                share_pct: r.share_pct,
                cost,
            });
        }
        let requests = typed_requests(requests);
        by_workload.push(WorkloadLine {
            id: w.id,
            name: w.name.clone(),
            requests,
            cost: workload_cost,
            share: None,
            per_request: workload_cost.per(requests),
            routes,
        });
    }

    let monthly_total = kinds.total();
    let yearly_total = monthly_total * MONTHS_PER_YEAR;
    if !yearly_total.is_finite() {
        return Err(EvalError::NotFinite("yearly total"));
    }
    for line in &mut by_workload {
        line.share = line.cost.share_of(monthly_total);
    }
    let requests_per_month = typed_requests(total_requests);
    let per_request = monthly_total.per(requests_per_month);
    let mut by_model: Vec<ModelLine> = per_model
        .into_iter()
        .map(|(i, requests, cost)| model_line(&models[i], requests, cost, monthly_total))
        .collect();
    by_model.sort_by(|a, b| b.cost.value().total_cmp(&a.cost.value()));

    Ok(SpendReport {
        monthly_total,
        yearly_total,
        requests_per_month,
        per_request,
        per_thousand_requests: per_request.map(|c| c * 1_000.0),
        tokens_per_month: kind_tokens.total(),
        by_kind: kind_lines(&kinds, &kind_tokens, monthly_total),
        by_workload,
        by_model,
        alternatives: alternatives(&input.workloads, &models, monthly_total, &input.discounts),
        notes,
    })
}

/// The projection stage: [`projection::project`] of the monthly total over the projection's
/// settings.
///
/// # Errors
/// [`EvalError::Invalid`] when a setting is out of its bounds.
pub fn projection_stage(
    monthly_total: Usd,
    p: &ProjectionSettings,
) -> Result<Projection, EvalError> {
    p.validate()?;
    Ok(projection::project(
        monthly_total,
        p.months.clamp(1, 120),
        p.monthly_growth_pct / 100.0,
        p.annual_decline_pct / 100.0,
    ))
}

fn typed_requests(v: f64) -> Requests {
    Requests::new(v).unwrap_or(Requests::ZERO)
}

fn model_line(m: &ResolvedModel, requests: f64, cost: Usd, total: Usd) -> ModelLine {
    ModelLine {
        id: m.id.clone(),
        name: m.name.clone(),
        provider: m.provider.clone(),
        requests: typed_requests(requests),
        cost,
        share: cost.share_of(total),
        source: m.source.clone(),
        as_of: m.as_of.clone(),
        overridden: m.overridden,
    }
}

/// Input and output always; the other kinds when they have tokens.
fn kind_lines(cost: &ByKind<Usd>, tokens: &ByKind<Tokens>, total: Usd) -> Vec<CostLine> {
    [
        (TokenKind::Input, tokens.input, cost.input),
        (
            TokenKind::CachedInput,
            tokens.cached_input,
            cost.cached_input,
        ),
        (TokenKind::CacheWrite, tokens.cache_write, cost.cache_write),
        (TokenKind::Output, tokens.output, cost.output),
        (TokenKind::Reasoning, tokens.reasoning, cost.reasoning),
    ]
    .into_iter()
    .filter(|(kind, t, _)| matches!(kind, TokenKind::Input | TokenKind::Output) || t.value() > 0.0)
    .map(|(kind, tokens, cost)| CostLine {
        kind,
        tokens,
        cost,
        share: cost.share_of(total),
    })
    .collect()
}

/// Every workload priced wholly on each model, cheapest first.
/// A provider's negotiated discount as a fraction (0 without one).
fn discount_for(discounts: &[ProviderDiscount], provider: &str) -> f64 {
    ProviderDiscount::of(discounts, provider) / 100.0
}

fn alternatives(
    workloads: &[Workload],
    models: &[ResolvedModel],
    current: Usd,
    discounts: &[ProviderDiscount],
) -> Vec<Alternative> {
    let shapes: Vec<_> = workloads
        .iter()
        .map(|w| (w.monthly_requests(), request_shape(w), w))
        .collect();
    // The model every route with traffic uses, if there is exactly one.
    let mut used = workloads.iter().flat_map(|w| {
        w.routes
            .iter()
            .filter(|r| r.share_pct > 0.0)
            .map(|r| r.model.as_str())
    });
    let first = used.next();
    let single = first.filter(|f| used.all(|m| m == *f));
    let mut list: Vec<Alternative> = models
        .iter()
        .map(|m| {
            let negotiated = discount_for(discounts, &m.provider);
            let total: Usd = shapes
                .iter()
                .map(|(requests, shape, w)| {
                    spend::workload_bill(*requests, shape, w, &m.price, negotiated)
                        .cost
                        .total()
                })
                .sum();
            let current_model = single == Some(&*m.id);
            Alternative {
                id: m.id.clone(),
                name: m.name.clone(),
                provider: m.provider.clone(),
                source: m.source.clone(),
                as_of: m.as_of.clone(),
                monthly_total: total,
                difference: Usd::new(total.value() - current.value()).unwrap_or(Usd::ZERO),
                current: current_model,
            }
        })
        .collect();
    list.sort_by(|a, b| a.monthly_total.value().total_cmp(&b.monthly_total.value()));
    list
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::scenario::{Route, WorkloadField};

    fn spend(s: &Scenario) -> SpendReport {
        match evaluate(s) {
            Ok(r) => r.spend,
            Err(e) => panic!("should evaluate: {e}"),
        }
    }

    #[test]
    fn default_scenario_costs_six_thousand_a_month() {
        let spend = spend(&Scenario::default());
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
        assert_eq!(spend.by_kind.len(), 2);
        assert_eq!(spend.by_kind[0].share, Some(0.5));
        assert_eq!(format::tokens(spend.tokens_per_month), "1.2B");
        assert_eq!(spend.by_model.len(), 1);
        assert_eq!(spend.by_model[0].as_of, "2026-11");
    }

    #[test]
    fn invalid_scenarios_are_errors_not_panics() {
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e300] {
            for &field in WorkloadField::ALL {
                let mut s = Scenario::default();
                field.set(&mut s.workloads[0], bad);
                assert!(
                    matches!(evaluate(&s), Err(EvalError::Invalid(_))),
                    "{field:?} = {bad}"
                );
            }
        }
        let mut s = Scenario::default();
        s.workloads[0].routes[0].model = "nobody/nothing".into();
        assert_eq!(
            evaluate(&s).map_err(|e| e.to_string()).err().as_deref(),
            Some("Support chat › Routing: Unknown model \"nobody/nothing\".")
        );
    }

    #[test]
    fn zero_requests_have_no_per_request_cost() {
        let mut s = Scenario::default();
        s.workloads[0].requests_per_month = 0.0;
        let spend = spend(&s);
        assert_eq!(spend.monthly_total, Usd::ZERO);
        assert_eq!(spend.per_request, None);
        assert_eq!(spend.by_kind[0].share, None);
    }

    #[test]
    fn maxima_stay_finite() {
        let mut s = Scenario::default();
        for &field in WorkloadField::ALL {
            let max = field.spec().max;
            field.set(&mut s.workloads[0], max);
        }
        // Flex and priority share the traffic: both at 100 % is an error, named.
        assert_eq!(
            evaluate(&s).map_err(|e| e.to_string()).err().as_deref(),
            Some(
                "Support chat › On the priority tier: Flex and priority add up to 200%; \
                 together they can be at most 100%."
            )
        );
        s.workloads[0].priority_pct = 0.0;
        // So do the 1-hour and 12-hour cache writes.
        assert_eq!(
            evaluate(&s).map_err(|e| e.to_string()).err().as_deref(),
            Some(
                "Support chat › Cache writes kept 12 hours: 1-hour and 12-hour cache writes add \
                 up to 200%; together they can be at most 100%."
            )
        );
        s.workloads[0].write_12h_pct = 0.0;
        s.workloads[0].residency = true;
        s.workloads[0].fast = true;
        s.discounts.push(crate::scenario::ProviderDiscount {
            provider: "anthropic".into(),
            pct: 100.0,
        });
        assert!(evaluate(&s)
            .is_ok_and(|r| r.spend.yearly_total.is_finite() && r.projection.total.is_finite()));
    }

    /// Two workloads, one routed 80/20: the breakdowns add up and the alternatives are sorted.
    /// Support chat: 1M × (1,000 × $3 + 200 × $15)/1e6 = $6,000 on Sonnet 4.6.
    /// RAG: 100,000 requests of 5,000 in / 300 out, 80 % on gpt-5-mini ($0.25/$2):
    /// 80,000 × (5,000 × 0.25 + 300 × 2)/1e6 = $148; 20 % on gpt-5 ($1.25/$10):
    /// 20,000 × (5,000 × 1.25 + 300 × 10)/1e6 = $185. Total $6,333.
    #[test]
    fn workloads_routes_and_alternatives() {
        let mut s = Scenario::default();
        let mut rag = Workload::new(2, "RAG", "openai/gpt-5-mini");
        rag.requests_per_month = 100_000.0;
        rag.input_tokens = 5_000.0;
        rag.output_tokens = 300.0;
        rag.routes = vec![
            Route {
                model: "openai/gpt-5-mini".into(),
                share_pct: 80.0,
            },
            Route {
                model: "openai/gpt-5".into(),
                share_pct: 20.0,
            },
        ];
        s.workloads.push(rag);
        let spend = spend(&s);
        assert!((spend.monthly_total.value() - 6_333.0).abs() < 1e-6);
        assert!((spend.by_workload[1].cost.value() - 333.0).abs() < 1e-9);
        assert!((spend.by_workload[1].routes[0].cost.value() - 148.0).abs() < 1e-9);
        assert_eq!(spend.by_model[0].id, "anthropic/claude-sonnet-4-6");
        assert_eq!(spend.by_model.len(), 3);
        let sum: f64 = spend.by_model.iter().map(|m| m.cost.value()).sum();
        assert!((sum - 6_333.0).abs() < 1e-6);
        let totals: Vec<f64> = spend
            .alternatives
            .iter()
            .map(|a| a.monthly_total.value())
            .collect();
        assert!(totals.windows(2).all(|w| w[0] <= w[1]), "cheapest first");
        assert!(spend.alternatives.len() >= 40);
        assert!(spend.alternatives.iter().all(|a| !a.current));
    }

    /// The stages read only their own inputs: a commitment price leaves the demand stage's
    /// input alone, demand generated from an average ignores the self-hosting answer, and the
    /// projection leaves self-hosting's traffic alone.
    #[test]
    fn stages_read_only_their_inputs() {
        let s = Scenario::default();
        let report = match evaluate(&s) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let input =
            demand::DemandInput::of(&s, Some(demand::DemandSizing::of(report.selfhost.as_ref())));
        assert!(input.sizing.is_none(), "generated demand needs no sizing");
        let mut priced = s.clone();
        priced.commitment.one_year.discount_pct = 10.0;
        priced.commitment.on_demand = Some(9.0);
        priced.selfhost.engineers = 3.0;
        assert_eq!(
            demand::DemandInput::of(
                &priced,
                Some(demand::DemandSizing::of(report.selfhost.as_ref()))
            ),
            input
        );
        let mut busier = s.clone();
        busier.commitment.mean_gpus = 20.0;
        assert_ne!(
            demand::DemandInput::of(
                &busier,
                Some(demand::DemandSizing::of(report.selfhost.as_ref()))
            ),
            input
        );
        let mut longer = s.clone();
        longer.projection.months = 36;
        let traffic = selfhost::ApiTraffic::of(&s.workloads, &report.spend);
        assert_eq!(
            spend_stage(&SpendInput::of(&longer))
                .map(|r| selfhost::ApiTraffic::of(&longer.workloads, &r)),
            Ok(traffic)
        );
    }

    /// `evaluate` is the stages run in order, each on the previous ones' results.
    #[test]
    fn evaluate_composes_the_stages() {
        let mut s = Scenario::default();
        s.commitment.source = crate::scenario::commitment::DemandSource::SelfHost;
        let Ok(spend) = spend_stage(&SpendInput::of(&s)) else {
            panic!("spend")
        };
        let projection = projection_stage(spend.monthly_total, &s.projection);
        let traffic = selfhost::ApiTraffic::of(&s.workloads, &spend);
        let sh = selfhost::evaluate(&s.selfhost, &traffic);
        let input = demand::DemandInput::of(&s, Some(demand::DemandSizing::of(sh.as_ref())));
        assert!(
            matches!(input.sizing, Some(Ok(_))),
            "derived demand reads the sizing"
        );
        let profile = demand::profile(&input);
        let commitment = commitment::evaluate(
            &s.commitment,
            &s.selfhost,
            &profile,
            spend.monthly_total,
            sh.as_ref(),
        );
        let Ok(whole) = evaluate(&s) else {
            panic!("evaluate")
        };
        assert_eq!(Ok(&whole.projection), projection.as_ref());
        assert_eq!(whole.selfhost, sh);
        assert_eq!(whole.commitment, commitment);
        assert_eq!(whole.spend, spend);
        // A bad projection setting is the projection stage's error, after a valid spend.
        s.projection.annual_decline_pct = f64::NAN;
        assert!(spend_stage(&SpendInput::of(&s)).is_ok());
        assert!(matches!(
            projection_stage(Usd::ZERO, &s.projection),
            Err(EvalError::Invalid(_))
        ));
        assert!(matches!(evaluate(&s), Err(EvalError::Invalid(_))));
    }

    #[test]
    fn notes_for_long_prompts_and_small_windows() {
        let mut s = Scenario::default();
        s.workloads[0].routes[0].model = "anthropic/claude-sonnet-4-5".into();
        s.workloads[0].input_tokens = 250_000.0;
        let spend = spend(&s);
        assert_eq!(spend.notes.len(), 2, "{:?}", spend.notes);
        assert!(spend
            .notes
            .iter()
            .any(|n| matches!(n, Note::ContextWindow { .. })));
        // 250,000 × $6 + 200 × $22.50 per million, a million times
        assert!((spend.monthly_total.value() - 1_504_500.0).abs() < 1e-3);
    }
}
