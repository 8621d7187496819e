//! An export's bill: each group priced by the page's rules on the model it names, charged
//! back by project, key or workspace, turned into workloads, and set against the provider's
//! own cost report.
//!
//! **Models.** A group's model is found, in order, by its id among the Scenario's models
//! (the catalog with the user's overrides, then custom models), by the id with the
//! provider's prefix (`openai/` for OpenAI's export, `anthropic/` for Anthropic's), by the
//! same without a date suffix (`gpt-5-2025-08-07` → `gpt-5`, `claude-sonnet-4-5-20250929` →
//! `claude-sonnet-4-5`), by a catalog id whose model part it is (when one provider sells it),
//! and last in an imported LiteLLM table. A model found nowhere is listed, not priced.
//!
//! **Terms** come from the group: OpenAI's `batch` and `service_tier`; Anthropic's
//! `service_tier` (`batch` is the Batch API) and `inference_geo` (`us` is US-only inference);
//! the Scenario's negotiated discount for the model's provider applies last, as on the page.
//!
//! **Requests.** A group is priced as its requests, each of the group's average shape (the
//! page's own model of traffic, so long-context tiers apply to the average prompt).
//! Anthropic's export counts no requests: they are estimated as the prompt tokens ÷
//! [`BillSettings::prompt_per_request`] (4,000 by default), at least 200,001 tokens a request
//! in the `200k-1M` context window (so its long-context prices apply); below the threshold
//! the bill does not depend on the estimate, only the per-request figures do. Each estimate
//! is marked.
//!
//! **The month.** The monthly estimate is the period's cost × 30.4375 ÷ its days (a month is
//! 365.25 ÷ 12 days).

use super::{GroupKey, ReportFormat, Totals, UsageTable};
use crate::core::import::ImportSummary;
use crate::core::models::ResolvedModel;
use crate::core::pricing::{
    request_cost_on, ByKind, ModelPrice, PriceNote, RequestShape, ServiceTier, Terms, WriteShares,
};
use crate::core::units::Usd;
use crate::scenario::{CustomModel, ProviderDiscount, TrafficMode, Workload};

/// Days in the average month.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// How a bill estimates what the export does not say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BillSettings {
    /// Prompt tokens per request, for exports that count no requests.
    pub prompt_per_request: f64,
}

impl Default for BillSettings {
    fn default() -> Self {
        BillSettings {
            prompt_per_request: 4_000.0,
        }
    }
}

/// The models a bill can use: the Scenario's, and an imported LiteLLM table.
#[derive(Debug, Clone, Copy)]
pub struct PriceBook<'a> {
    /// The catalog with the overrides, then the custom models.
    pub models: &'a [ResolvedModel],
    /// An imported LiteLLM table, if any.
    pub imported: Option<&'a ImportSummary>,
    /// Negotiated discounts by provider.
    pub discounts: &'a [ProviderDiscount],
}

/// The model a group was priced on.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedModel {
    /// Its id in the Scenario, or the LiteLLM key for an imported one.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its provider.
    pub provider: String,
    /// Its prices.
    pub price: ModelPrice,
    /// Found only in the imported LiteLLM table (a workload on it adds it as a custom model).
    pub imported: bool,
}

/// Strips a date suffix: `-2024-08-06` or `-20250514`.
fn undated(model: &str) -> &str {
    let b = model.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    if b.len() > 11
        && b[b.len() - 11] == b'-'
        && b[b.len() - 6] == b'-'
        && b[b.len() - 3] == b'-'
        && digits(&b[b.len() - 10..b.len() - 6])
        && digits(&b[b.len() - 5..b.len() - 3])
        && digits(&b[b.len() - 2..])
    {
        return &model[..b.len() - 11];
    }
    if b.len() > 9 && b[b.len() - 9] == b'-' && digits(&b[b.len() - 8..]) {
        return &model[..b.len() - 9];
    }
    model
}

impl PriceBook<'_> {
    /// The model an export names, by the rules of the module docs.
    pub fn find(&self, model: &str, format: Option<ReportFormat>) -> Option<PricedModel> {
        if model.is_empty() {
            return None;
        }
        let prefix = match format {
            Some(ReportFormat::OpenAiUsage) => Some("openai/"),
            Some(ReportFormat::AnthropicUsage) => Some("anthropic/"),
            _ => None,
        };
        let scenario = |id: &str| {
            self.models
                .iter()
                .find(|m| m.id.eq_ignore_ascii_case(id) || (m.custom && m.name == id))
        };
        let by_part = |part: &str| {
            let mut hits = self.models.iter().filter(|m| {
                m.id.rsplit_once('/')
                    .is_some_and(|(_, p)| p.eq_ignore_ascii_case(part))
            });
            let first = hits.next()?;
            hits.next().is_none().then_some(first)
        };
        for name in [model, undated(model)] {
            let found = scenario(name)
                .or_else(|| prefix.and_then(|p| scenario(&format!("{p}{name}"))))
                .or_else(|| by_part(name));
            if let Some(m) = found {
                return Some(PricedModel {
                    id: m.id.to_string(),
                    name: m.name.to_string(),
                    provider: m.provider.to_string(),
                    price: m.price.clone(),
                    imported: false,
                });
            }
        }
        let imported = self.imported?;
        for name in [model, undated(model)] {
            let hit = imported.models.iter().find(|m| {
                m.key.eq_ignore_ascii_case(name)
                    || m.key
                        .rsplit_once('/')
                        .is_some_and(|(_, p)| p.eq_ignore_ascii_case(name))
            });
            if let Some(m) = hit {
                return Some(PricedModel {
                    id: m.key.clone(),
                    name: m.key.clone(),
                    provider: m.provider.clone(),
                    price: m.price.clone(),
                    imported: true,
                });
            }
        }
        None
    }
}

/// The terms a group's dimensions report.
pub fn terms_of(key: &GroupKey) -> Terms {
    let tier = key.get("service_tier").unwrap_or("");
    Terms {
        batched: key.get("batch") == Some("true") || tier == "batch",
        tier: match tier {
            "flex" | "flex_discount" => ServiceTier::Flex,
            "priority" | "priority_on_demand" | "fast" => ServiceTier::Priority,
            _ => ServiceTier::Standard,
        },
        residency: key.get("inference_geo") == Some("us"),
        fast: false,
        negotiated: 0.0,
    }
}

/// One group's bill.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBill {
    /// The group.
    pub key: GroupKey,
    /// Its counts.
    pub totals: Totals,
    /// Its requests: counted, or estimated ([`GroupBill::estimated`]).
    pub requests: f64,
    /// Whether the requests are an estimate.
    pub estimated: bool,
    /// The model it was priced on, if found.
    pub model: Option<PricedModel>,
    /// Its terms.
    pub terms: Terms,
    /// Its cost over the period by token kind, if priced.
    pub cost: Option<ByKind<Usd>>,
    /// What the pricing rules did.
    pub notes: Vec<PriceNote>,
}

impl GroupBill {
    /// The average request's shape.
    pub fn shape(&self) -> RequestShape {
        let t = &self.totals;
        let n = self.requests.max(f64::MIN_POSITIVE);
        let prompt = t.prompt();
        let writes = t.write_5m + t.write_1h;
        RequestShape {
            input_tokens: prompt / n,
            cached_share: if prompt > 0.0 { t.cached / prompt } else { 0.0 },
            cache_write_tokens: writes / n,
            write_shares: WriteShares {
                one_hour: if writes > 0.0 {
                    t.write_1h / writes
                } else {
                    0.0
                },
                twelve_hours: 0.0,
            },
            output_tokens: t.output / n,
            reasoning_tokens: t.reasoning / n,
        }
    }

    /// Its cost over the period (zero when not priced).
    pub fn total(&self) -> Usd {
        self.cost.map_or(Usd::ZERO, |c| c.total())
    }
}

/// An export's bill.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageBill {
    /// The export's format.
    pub format: Option<ReportFormat>,
    /// The period, Unix seconds (end exclusive).
    pub start: i64,
    /// The end of the period.
    pub end: i64,
    /// Its days.
    pub days: f64,
    /// Every group, priced where its model was found.
    pub groups: Vec<GroupBill>,
    /// The cost of the priced groups over the period.
    pub total: Usd,
    /// That cost for an average month.
    pub monthly: Usd,
    /// Models found nowhere, with their tokens.
    pub unpriced: Vec<(String, f64)>,
    /// Whether requests were estimated.
    pub estimated_requests: bool,
    /// Web searches counted (not priced).
    pub web_searches: f64,
    /// The dimensions grouped on.
    pub dimensions: Vec<String>,
}

impl UsageBill {
    /// Period figures × this = a month's.
    pub fn monthly_factor(&self) -> f64 {
        DAYS_PER_MONTH / self.days.max(1.0 / 24.0)
    }
}

/// Prices every group of `table` with the models of `book`.
pub fn price(table: &UsageTable, book: &PriceBook<'_>, settings: BillSettings) -> UsageBill {
    let mut groups = Vec::with_capacity(table.groups.len());
    let mut unpriced: Vec<(String, f64)> = Vec::new();
    let mut total = Usd::ZERO;
    let mut web_searches = 0.0;
    let mut estimated_requests = false;
    for (key, totals) in &table.groups {
        web_searches += totals.web_searches;
        let (requests, estimated) = if let Some(r) = totals.requests {
            (r, false)
        } else {
            estimated_requests = true;
            let per = if key.get("context_window") == Some("200k-1M") {
                settings.prompt_per_request.max(200_001.0)
            } else {
                settings.prompt_per_request.max(1.0)
            };
            ((totals.prompt() / per).max(1.0), true)
        };
        let model = book.find(&key.model, table.format);
        let mut terms = terms_of(key);
        let mut group = GroupBill {
            key: key.clone(),
            totals: *totals,
            requests,
            estimated,
            model: None,
            terms,
            cost: None,
            notes: Vec::new(),
        };
        match model {
            Some(m) => {
                terms.negotiated = ProviderDiscount::of(book.discounts, &m.provider) / 100.0;
                group.terms = terms;
                let one = request_cost_on(&group.shape(), &m.price, &terms);
                let cost = if requests > 0.0 {
                    one.cost.scale(requests)
                } else {
                    ByKind::default()
                };
                total = total + cost.total();
                group.cost = Some(cost);
                group.notes = one.notes;
                group.model = Some(m);
            }
            None => match unpriced.iter_mut().find(|(m, _)| *m == key.model) {
                Some(u) => u.1 += totals.tokens(),
                None => unpriced.push((key.model.clone(), totals.tokens())),
            },
        }
        groups.push(group);
    }
    let mut bill = UsageBill {
        format: table.format,
        start: table.start,
        end: table.end,
        days: table.days(),
        groups,
        total,
        monthly: Usd::ZERO,
        unpriced,
        estimated_requests,
        web_searches,
        dimensions: table.dimensions.clone(),
    };
    bill.monthly = bill.total * bill.monthly_factor();
    bill
}

/// One line of a chargeback: a value of the dimension and what its groups used and cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Charge {
    /// The dimension's value (`(none)` for groups without one).
    pub value: String,
    /// Requests (counted or estimated).
    pub requests: f64,
    /// Tokens of every kind.
    pub tokens: f64,
    /// Cost over the period (priced groups).
    pub cost: Usd,
    /// Share of the bill's cost, in `[0, 1]`.
    pub share: f64,
}

/// Cost per value of `dimension` (project, API key, workspace…), dearest first.
pub fn chargeback(bill: &UsageBill, dimension: &str) -> Vec<Charge> {
    let mut out: Vec<Charge> = Vec::new();
    for g in &bill.groups {
        let value = g.key.get(dimension).unwrap_or("(none)").to_owned();
        let i = if let Some(i) = out.iter().position(|c| c.value == value) {
            i
        } else {
            out.push(Charge {
                value,
                requests: 0.0,
                tokens: 0.0,
                cost: Usd::ZERO,
                share: 0.0,
            });
            out.len() - 1
        };
        let line = &mut out[i];
        line.requests += g.requests;
        line.tokens += g.totals.tokens();
        line.cost = line.cost + g.total();
    }
    let total = bill.total.value();
    for c in &mut out {
        c.share = if total > 0.0 {
            c.cost.value() / total
        } else {
            0.0
        };
    }
    out.sort_by(|a, b| {
        b.cost
            .value()
            .total_cmp(&a.cost.value())
            .then(a.value.cmp(&b.value))
    });
    out
}

/// What turning an import into workloads gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workloads {
    /// The workloads, one per model and value of the chosen dimension.
    pub workloads: Vec<Workload>,
    /// Custom models for the models found only in the imported LiteLLM table.
    pub custom_models: Vec<CustomModel>,
    /// What the user should know (models left out, groups merged, estimates).
    pub notes: Vec<String>,
}

/// Turns a bill into workloads: one per model, value of `by` (one per model without it) and
/// terms (batch, service tier, US-only), each with the groups' real token mix (prompt,
/// cached share, writes by lifetime, output, reasoning) at their monthly request rate. Groups
/// are merged only across dimensions that do not change the price (projects, keys, users
/// not chosen), and pricing is linear in the tokens of each kind, so the workloads bill what
/// the groups bill (unless averaging moves a prompt across a long-context threshold); terms
/// are never averaged into shares, which would mix a batched group's token mix into the
/// rest. Ids start at `first_id`; models found only in the imported LiteLLM table become
/// custom models numbered from `next_custom` (`custom/N`). Beyond `limit` workloads, the
/// cheapest are merged, per model and terms, into "other" workloads.
pub fn to_workloads(
    bill: &UsageBill,
    by: Option<&str>,
    first_id: u32,
    next_custom: u32,
    limit: usize,
) -> Workloads {
    struct Acc {
        model: PricedModel,
        value: String,
        terms: Terms,
        totals: Totals,
        requests: f64,
        cost: f64,
    }
    let same_terms = |a: &Terms, b: &Terms| {
        a.batched == b.batched && a.tier == b.tier && a.residency == b.residency
    };
    let mut accs: Vec<Acc> = Vec::new();
    let mut out = Workloads::default();
    for g in &bill.groups {
        let Some(model) = &g.model else {
            continue;
        };
        let value = by.and_then(|d| g.key.get(d)).unwrap_or("").to_owned();
        let found = accs.iter().position(|a| {
            a.model.id == model.id && a.value == value && same_terms(&a.terms, &g.terms)
        });
        let i = if let Some(i) = found {
            i
        } else {
            accs.push(Acc {
                model: model.clone(),
                value,
                terms: g.terms,
                totals: Totals::default(),
                requests: 0.0,
                cost: 0.0,
            });
            accs.len() - 1
        };
        let a = &mut accs[i];
        a.totals.add(&g.totals);
        a.requests += g.requests;
        a.cost += g.total().value();
    }
    // Over the limit: keep the dearest K, and merge the rest into one "other" workload per
    // model and terms, with K as large as fits.
    let limit = limit.max(1);
    if accs.len() > limit {
        accs.sort_by(|a, b| b.cost.total_cmp(&a.cost));
        let others = |k: usize| {
            let mut seen: Vec<(&str, bool, ServiceTier, bool)> = Vec::new();
            for a in &accs[k..] {
                let t = (
                    a.model.id.as_str(),
                    a.terms.batched,
                    a.terms.tier,
                    a.terms.residency,
                );
                if !seen.contains(&t) {
                    seen.push(t);
                }
            }
            seen.len()
        };
        let mut keep = limit;
        while keep > 0 && keep + others(keep) > limit {
            keep -= 1;
        }
        let rest: Vec<Acc> = accs.split_off(keep);
        let merged = rest.len();
        for r in rest {
            let found = accs.iter().position(|a| {
                a.model.id == r.model.id && a.value == "other" && same_terms(&a.terms, &r.terms)
            });
            let i = if let Some(i) = found {
                i
            } else {
                accs.push(Acc {
                    value: "other".to_owned(),
                    totals: Totals::default(),
                    requests: 0.0,
                    cost: 0.0,
                    ..r
                });
                accs.len() - 1
            };
            let a = &mut accs[i];
            a.totals.add(&r.totals);
            a.requests += r.requests;
            a.cost += r.cost;
        }
        out.notes.push(format!(
            "The {merged} smallest groups were merged into \"other\" workloads (one per model and terms), to keep about {limit}."
        ));
    }
    let factor = bill.monthly_factor();
    let mut custom_ids: Vec<(String, String)> = Vec::new();
    for (i, a) in accs.iter().enumerate() {
        let route_id = if a.model.imported {
            if let Some((_, id)) = custom_ids.iter().find(|(key, _)| *key == a.model.id) {
                id.clone()
            } else {
                let id = format!("custom/{}", next_custom as usize + custom_ids.len());
                out.custom_models.push(custom_model(&a.model, id.clone()));
                custom_ids.push((a.model.id.clone(), id.clone()));
                id
            }
        } else {
            a.model.id.clone()
        };
        let n = a.requests.max(f64::MIN_POSITIVE);
        let t = &a.totals;
        let prompt = t.prompt();
        let writes = t.write_5m + t.write_1h;
        let pct = |part: f64, whole: f64| {
            if whole > 0.0 {
                (part / whole * 100.0).clamp(0.0, 100.0)
            } else {
                0.0
            }
        };
        let mut name = a.model.name.clone();
        if !a.value.is_empty() {
            name = format!("{name} · {}", a.value);
        }
        let terms = &a.terms;
        if terms.batched {
            name.push_str(" · batch");
        } else if terms.tier == ServiceTier::Flex {
            name.push_str(" · flex");
        } else if terms.tier == ServiceTier::Priority {
            name.push_str(" · priority");
        }
        if terms.residency {
            name.push_str(" · US-only");
        }
        let id = first_id.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        let mut w = Workload::new(id, name, route_id);
        w.traffic_mode = TrafficMode::PerMonth;
        w.requests_per_month = a.requests * factor;
        w.input_tokens = prompt / n;
        w.cached_pct = pct(t.cached, prompt);
        w.cache_write_tokens = writes / n;
        w.set_write_pcts(pct(t.write_1h, writes), 0.0);
        w.output_tokens = t.output / n;
        w.reasoning_tokens = t.reasoning / n;
        w.batch_pct = if terms.batched { 100.0 } else { 0.0 };
        w.flex_pct = if !terms.batched && terms.tier == ServiceTier::Flex {
            100.0
        } else {
            0.0
        };
        w.priority_pct = if !terms.batched && terms.tier == ServiceTier::Priority {
            100.0
        } else {
            0.0
        };
        w.residency = terms.residency;
        out.workloads.push(w);
    }
    if bill.estimated_requests {
        out.notes.push(
            "The export counts no requests: the workloads' requests are estimated from the prompt tokens (their tokens, and so their bill, are the export's)."
                .to_owned(),
        );
    }
    if !bill.unpriced.is_empty() {
        out.notes.push(format!(
            "Left out, no price found: {}.",
            bill.unpriced
                .iter()
                .map(|(m, _)| if m.is_empty() {
                    "(no model: the export is not grouped by model)"
                } else {
                    m
                })
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// A custom model carrying an imported model's prices.
fn custom_model(m: &PricedModel, id: String) -> CustomModel {
    crate::core::import::ImportedModel {
        key: m.id.clone(),
        provider: m.provider.clone(),
        price: m.price.clone(),
        context_window: None,
    }
    .to_custom(id)
}

/// What a provider's cost report says was billed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Billed {
    /// The period, Unix seconds.
    pub start: i64,
    /// Its end (exclusive).
    pub end: i64,
    /// Token costs by model, as the report names them.
    pub by_model: Vec<(String, Usd)>,
    /// Costs not attributed to a model (web search, code execution, unnamed line items).
    pub other: Vec<(String, Usd)>,
    /// Everything billed.
    pub total: Usd,
    /// What the reader could not read.
    pub problems: Vec<String>,
}

/// Reads a cost report: OpenAI's `/v1/organization/costs` (dollars as numbers; a model is
/// named when the line item reads `<model>, <kind>`, the form its line items take) or
/// Anthropic's `/v1/organizations/cost_report` (**cents** as decimal strings; `model` filled
/// when grouped by description). Pages one after another or an array of them.
pub fn read_costs(text: &str) -> Billed {
    let mut billed = Billed {
        start: i64::MAX,
        end: i64::MIN,
        ..Billed::default()
    };
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let mut pages = Vec::new();
    loop {
        match stream.next() {
            None => break,
            Some(Ok(serde_json::Value::Array(a))) => pages.extend(a),
            Some(Ok(v)) => pages.push(v),
            Some(Err(e)) => {
                billed.problems.push(format!("not JSON: {e}"));
                break;
            }
        }
    }
    let add = |list: &mut Vec<(String, Usd)>, name: String, usd: f64| {
        let usd = Usd::new(usd).unwrap_or(Usd::ZERO);
        match list.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 = e.1 + usd,
            None => list.push((name, usd)),
        }
    };
    for (p, page) in pages.iter().enumerate() {
        let Some(buckets) = page.get("data").and_then(serde_json::Value::as_array) else {
            billed.problems.push(format!("page {}: no data", p + 1));
            continue;
        };
        for (b, bucket) in buckets.iter().enumerate() {
            let at = format!("page {}, bucket {}", p + 1, b + 1);
            let start = bucket
                .get("start_time")
                .and_then(serde_json::Value::as_i64)
                .or_else(|| {
                    bucket
                        .get("starting_at")
                        .and_then(|v| v.as_str())
                        .and_then(super::parse_time)
                        .map(|t| t.0)
                });
            let end = bucket
                .get("end_time")
                .and_then(serde_json::Value::as_i64)
                .or_else(|| {
                    bucket
                        .get("ending_at")
                        .and_then(|v| v.as_str())
                        .and_then(super::parse_time)
                        .map(|t| t.0)
                });
            if let (Some(s), Some(e)) = (start, end) {
                billed.start = billed.start.min(s);
                billed.end = billed.end.max(e);
            }
            let results = bucket.get("results").and_then(serde_json::Value::as_array);
            for (r, result) in results.into_iter().flatten().enumerate() {
                let amount = result.get("amount");
                // OpenAI: {"value": dollars, "currency": "usd"}; Anthropic: "cents" as a string.
                let usd = match amount {
                    Some(serde_json::Value::Object(o)) => {
                        o.get("value").and_then(serde_json::Value::as_f64)
                    }
                    Some(serde_json::Value::String(s)) => {
                        s.trim().parse::<f64>().ok().map(|c| c / 100.0)
                    }
                    _ => None,
                };
                let Some(usd) = usd.filter(|v| v.is_finite()) else {
                    billed
                        .problems
                        .push(format!("{at}, result {}: no amount", r + 1));
                    continue;
                };
                billed.total = billed.total + Usd::new(usd).unwrap_or(Usd::ZERO);
                let str_of = |k: &str| result.get(k).and_then(serde_json::Value::as_str);
                let model = str_of("model").map(str::to_owned).or_else(|| {
                    str_of("line_item")
                        .and_then(|l| l.split_once(", "))
                        .map(|(m, _)| m.trim().to_owned())
                });
                let token_cost = str_of("cost_type").is_none_or(|t| t == "tokens");
                match model {
                    Some(m) if token_cost && !m.is_empty() => add(&mut billed.by_model, m, usd),
                    _ => {
                        let label = str_of("description")
                            .or_else(|| str_of("line_item"))
                            .or_else(|| str_of("cost_type"))
                            .unwrap_or("not attributed to a model")
                            .to_owned();
                        add(&mut billed.other, label, usd);
                    }
                }
            }
        }
    }
    if billed.start > billed.end {
        billed.start = 0;
        billed.end = 0;
    }
    billed
}

/// One model's computed and billed cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    /// The model as the usage export names it.
    pub model: String,
    /// What the page's rules give for its usage.
    pub computed: Usd,
    /// What the cost report says (`None` when it names the model nowhere).
    pub billed: Option<Usd>,
}

/// Sets each model's computed cost against the cost report's, matching names exactly or
/// without a date suffix.
pub fn reconcile(bill: &UsageBill, billed: &Billed) -> Vec<Reconciled> {
    let mut out: Vec<Reconciled> = Vec::new();
    for g in &bill.groups {
        match out.iter_mut().find(|r| r.model == g.key.model) {
            Some(r) => r.computed = r.computed + g.total(),
            None => out.push(Reconciled {
                model: g.key.model.clone(),
                computed: g.total(),
                billed: None,
            }),
        }
    }
    for (name, usd) in &billed.by_model {
        let target = out.iter_mut().find(|r| {
            r.model.eq_ignore_ascii_case(name)
                || undated(&r.model).eq_ignore_ascii_case(undated(name))
        });
        match target {
            Some(r) => r.billed = Some(r.billed.unwrap_or(Usd::ZERO) + *usd),
            None => out.push(Reconciled {
                model: name.clone(),
                computed: Usd::ZERO,
                billed: Some(*usd),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::models::resolve_models;

    #[test]
    fn dates_come_off_model_names() {
        assert_eq!(undated("gpt-4o-2024-08-06"), "gpt-4o");
        assert_eq!(undated("claude-sonnet-4-5-20250929"), "claude-sonnet-4-5");
        assert_eq!(undated("gpt-5"), "gpt-5");
        assert_eq!(undated("o3-mini"), "o3-mini");
    }

    #[test]
    fn models_are_found_by_the_rules() {
        let models = resolve_models(&[], &[]);
        let book = PriceBook {
            models: &models,
            imported: None,
            discounts: &[],
        };
        let id = |m: &str, f| book.find(m, f).map(|m| m.id);
        assert_eq!(
            id("gpt-5-2025-08-07", Some(ReportFormat::OpenAiUsage)).as_deref(),
            Some("openai/gpt-5")
        );
        assert_eq!(
            id(
                "claude-sonnet-4-5-20250929",
                Some(ReportFormat::AnthropicUsage)
            )
            .as_deref(),
            Some("anthropic/claude-sonnet-4-5")
        );
        assert_eq!(
            id("claude-haiku-4-5", Some(ReportFormat::Csv)).as_deref(),
            Some("anthropic/claude-haiku-4-5")
        );
        assert_eq!(
            id("openai/gpt-5-mini", None).as_deref(),
            Some("openai/gpt-5-mini")
        );
        // Sold by several providers: not guessed.
        assert_eq!(id("gpt-oss-120b", Some(ReportFormat::Csv)), None);
        assert_eq!(id("no-such-model", None), None);
    }

    #[test]
    fn terms_from_dimensions() {
        let key = |dims: &[(&str, &str)]| GroupKey {
            model: String::new(),
            dims: dims
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        };
        assert!(terms_of(&key(&[("batch", "true")])).batched);
        assert!(terms_of(&key(&[("service_tier", "batch")])).batched);
        assert_eq!(
            terms_of(&key(&[("service_tier", "flex")])).tier,
            ServiceTier::Flex
        );
        assert_eq!(
            terms_of(&key(&[("service_tier", "priority_on_demand")])).tier,
            ServiceTier::Priority
        );
        assert_eq!(
            terms_of(&key(&[("service_tier", "default")])).tier,
            ServiceTier::Standard
        );
        assert!(terms_of(&key(&[("inference_geo", "us")])).residency);
    }
}
