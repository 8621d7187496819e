//! Monthly API token spend.
//!
//! **Formula.** For a workload of `R` requests a month, each with an average of `I` input and
//! `O` output tokens, billed at `p_in` and `p_out` dollars per million tokens:
//!
//! ```text
//! input tokens  = R × I                 input cost  = R × I × p_in  ÷ 1,000,000
//! output tokens = R × O                 output cost = R × O × p_out ÷ 1,000,000
//! monthly total = input cost + output cost
//! ```
//!
//! This is how every provider bills the plain case: tokens counted per request, priced per
//! million, summed over the month. Cached input, cache writes, batch discounts, reasoning tokens
//! and long-context tiers refine it: [`super::pricing`] applies them to one request, and
//! [`route_bill`] scales a request to a month of traffic on one model.

use super::pricing::{
    request_cost_on, ByKind, ModelPrice, PriceNote, RequestCost, RequestShape, ServiceTier, Terms,
};
use super::units::{Tokens, Usd};

/// One month of the traffic a workload sends to one model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RouteBill {
    /// Requests sent to this model in the month.
    pub requests: f64,
    /// Tokens of each kind in the month.
    pub tokens: ByKind<Tokens>,
    /// Dollars of each kind in the month.
    pub cost: ByKind<Usd>,
    /// What the pricing rules did (long context, no batch API…).
    pub notes: Vec<PriceNote>,
}

/// Prices a month of `requests` requests of one shape on one model, `batch_share` of them
/// (clamped to `[0, 1]`) through the batch API:
///
/// ```text
/// cost = requests × ((1 − b) × cost of a standard request + b × cost of a batched request)
/// ```
///
/// A batched request gets the model's batch discount on every token kind (see
/// [`super::pricing`], rule 4), its cache reads at the table's batch cached price or by the
/// provider's rule, so the two are priced apart.
pub fn route_bill(
    requests: f64,
    shape: &RequestShape,
    batch_share: f64,
    price: &ModelPrice,
) -> RouteBill {
    route_bill_on(requests, shape, batch_share, price, &Terms::default())
}

/// [`route_bill`] on given terms (tier, residency, fast mode, negotiated discount; `batched`
/// is set by the batch share).
pub fn route_bill_on(
    requests: f64,
    shape: &RequestShape,
    batch_share: f64,
    price: &ModelPrice,
    terms: &Terms,
) -> RouteBill {
    let requests = requests.max(0.0);
    let b = batch_share.clamp(0.0, 1.0);
    let on = |batched| request_cost_on(shape, price, &Terms { batched, ..*terms });
    let RequestCost {
        tokens,
        cost,
        mut notes,
    } = on(false);
    let cost = if b > 0.0 {
        let batched = on(true);
        merge_notes(&mut notes, batched.notes);
        cost.scale(requests * (1.0 - b))
            .plus(&batched.cost.scale(requests * b))
    } else {
        cost.scale(requests)
    };
    RouteBill {
        requests,
        tokens: tokens.scale(requests),
        cost,
        notes,
    }
}

/// Adds the notes of `from` that `into` does not have yet.
fn merge_notes(into: &mut Vec<PriceNote>, from: Vec<PriceNote>) {
    for n in from {
        if !into.contains(&n) {
            into.push(n);
        }
    }
}

/// A month of one workload's traffic to one model, by its settings: the batch share, the
/// flex and priority shares of the rest (each on its tier, the remainder standard), residency,
/// fast mode, and `negotiated` (a fraction off, the provider's discount):
///
/// ```text
/// cost = Σ over tiers t of  route_bill_on(requests × share_t, batch share, terms_t)
/// ```
///
/// The batch share is of every tier's requests; batched requests have no tier (noted).
pub fn workload_bill(
    requests: f64,
    shape: &RequestShape,
    w: &crate::scenario::Workload,
    price: &ModelPrice,
    negotiated: f64,
) -> RouteBill {
    let flex = (w.flex_pct / 100.0).clamp(0.0, 1.0);
    let priority = (w.priority_pct / 100.0).clamp(0.0, 1.0 - flex);
    let terms = |tier| Terms {
        batched: false,
        tier,
        residency: w.residency,
        fast: w.fast,
        negotiated,
    };
    let batch = w.batch_pct / 100.0;
    let mut bill = route_bill_on(
        requests * (1.0 - flex - priority),
        shape,
        batch,
        price,
        &terms(ServiceTier::Standard),
    );
    for (share, tier) in [(flex, ServiceTier::Flex), (priority, ServiceTier::Priority)] {
        if share > 0.0 {
            let part = route_bill_on(requests * share, shape, batch, price, &terms(tier));
            bill.requests += part.requests;
            bill.tokens = bill.tokens.plus(&part.tokens);
            bill.cost = bill.cost.plus(&part.cost);
            merge_notes(&mut bill.notes, part.notes);
        }
    }
    bill
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    use crate::core::units::UsdPerMTok;

    /// A month of `requests` plain requests at `pin` / `pout` $ per million tokens.
    fn bill(requests: f64, tin: f64, tout: f64, pin: f64, pout: f64) -> RouteBill {
        let shape = RequestShape {
            input_tokens: tin,
            output_tokens: tout,
            ..RequestShape::default()
        };
        route_bill(requests, &shape, 0.0, &simple_price(pin, pout))
    }

    fn close(a: Usd, b: f64) -> bool {
        (a.value() - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// Hand-computed: 1,000,000 × 1,000 = 1e9 input tokens × $3/M = $3,000;
    /// 1,000,000 × 200 = 2e8 output tokens × $15/M = $3,000; total $6,000.
    #[test]
    fn one_million_requests_at_three_and_fifteen() {
        let bill = bill(1e6, 1_000.0, 200.0, 3.0, 15.0);
        assert!(close(bill.cost.input, 3_000.0));
        assert!(close(bill.cost.output, 3_000.0));
        assert!(close(bill.cost.total(), 6_000.0));
        assert_eq!(bill.tokens.input.value(), 1e9);
        assert_eq!(bill.tokens.output.value(), 2e8);
    }

    /// Published figure: 1M input tokens at $3/M plus 0.5M output tokens at $15/M = $10.50.
    #[test]
    fn one_million_in_half_million_out() {
        assert!(close(bill(1.0, 1e6, 5e5, 3.0, 15.0).cost.total(), 10.5));
    }

    /// Published figure: 5,000 input + 1,500 output tokens per request, 10,000 requests a day
    /// at $3/$15 = $375 a day, $11,250 in a 30-day month.
    #[test]
    fn ten_thousand_requests_a_day_for_thirty_days() {
        let day = bill(10_000.0, 5_000.0, 1_500.0, 3.0, 15.0);
        assert!(close(day.cost.total(), 375.0));
        let month = bill(300_000.0, 5_000.0, 1_500.0, 3.0, 15.0);
        assert!(close(month.cost.total(), 11_250.0));
    }

    fn per_mtok(v: f64) -> UsdPerMTok {
        UsdPerMTok::new(v).unwrap_or(UsdPerMTok::ZERO)
    }

    fn simple_price(input: f64, output: f64) -> ModelPrice {
        ModelPrice {
            input: per_mtok(input),
            output: per_mtok(output),
            cached_input: None,
            cache_write_5m: None,
            cache_write_1h: None,
            reasoning: None,
            batch_discount: Some(0.5),
            long_context: None,
            accounting: crate::core::pricing::CacheAccounting::InsidePrompt,
            rules: crate::core::pricing::ExtraRules::default(),
        }
    }

    /// Routing 80 % of 1M requests (1,000 in / 200 out) to a $0.25/$2 model and 20 % to a
    /// $3/$15 model: 800,000 × (1,000 × 0.25 + 200 × 2) / 1e6 = $520, and
    /// 200,000 × (1,000 × 3 + 200 × 15) / 1e6 = $1,200. Batching half the small model's
    /// traffic at 50 % off: $520 × (0.5 + 0.5 × 0.5) = $390.
    #[test]
    fn routing_and_batch_share() {
        let shape = RequestShape {
            input_tokens: 1_000.0,
            output_tokens: 200.0,
            ..RequestShape::default()
        };
        let small = route_bill(800_000.0, &shape, 0.0, &simple_price(0.25, 2.0));
        let large = route_bill(200_000.0, &shape, 0.0, &simple_price(3.0, 15.0));
        assert!(close(small.cost.total(), 520.0));
        assert!(close(large.cost.total(), 1_200.0));
        assert!(close(small.cost.total() + large.cost.total(), 1_720.0));
        let batched = route_bill(800_000.0, &shape, 0.5, &simple_price(0.25, 2.0));
        assert!(close(batched.cost.total(), 390.0));
        assert_eq!(
            batched.tokens, small.tokens,
            "batching changes prices, not tokens"
        );
    }

    #[test]
    fn zero_traffic_costs_nothing() {
        assert_eq!(bill(0.0, 1e6, 1e6, 100.0, 100.0).cost.total(), Usd::ZERO);
    }

    /// Monotonic: more of any input never costs less (checked over a grid of values).
    #[test]
    fn cost_never_decreases_when_an_input_grows() {
        let values = [0.0, 0.5, 1.0, 3.0, 200.0, 1e4, 1e8];
        for &base in &values {
            for &more in values.iter().filter(|&&v| v >= base) {
                for slot in 0..5 {
                    let mut lo = [7.0, 300.0, 40.0, 2.0, 9.0];
                    let mut hi = lo;
                    lo[slot] = base;
                    hi[slot] = more;
                    let a = bill(lo[0], lo[1], lo[2], lo[3], lo[4]).cost.total();
                    let b = bill(hi[0], hi[1], hi[2], hi[3], hi[4]).cost.total();
                    assert!(b >= a, "slot {slot}: {base} -> {more}");
                }
            }
        }
    }
}
