//! Prices over time, against the fixed test catalog (`tests/common::test_catalog`, never the
//! built-in one, so a refresh of the real prices changes nothing here): a link made with an older catalog edition opens with
//! today's numbers and a notice naming what changed; a model retired since keeps its last
//! prices, marked retired, never an error. Figures by hand.
#![allow(clippy::float_cmp)] // dollar figures to the cent

use inference_cost::core::catalog::{ArchivedModel, Catalog};
use inference_cost::core::evaluate_in;
use inference_cost::core::models::resolve_models_in;
use inference_cost::core::prices::{notice, Figures};
use inference_cost::core::pricing::ModelPrice;
use inference_cost::core::units::UsdPerMTok;
use inference_cost::scenario::link::{decode, encode_with, Sent};
use inference_cost::scenario::Scenario;

const SONNET: &str = "anthropic/claude-sonnet-4-6";

fn per_mtok(v: f64) -> UsdPerMTok {
    UsdPerMTok::new(v).unwrap_or(UsdPerMTok::ZERO)
}

/// The fixed test catalog (the prices of 2026-11-23) refreshed on 2027-03-01: `change` applied
/// to each model `which` accepts, its old row archived until 2026-11-23, as
/// `data/README.md`'s refresh steps do.
fn repriced(which: impl Fn(&str) -> bool, change: impl Fn(&mut ModelPrice)) -> Catalog {
    let mut c = common::test_catalog();
    for m in c.models.iter_mut().filter(|m| which(m.id)) {
        c.archive.push(ArchivedModel {
            until: "2026-11-23",
            retired: false,
            model: m.clone(),
        });
        change(&mut m.price);
    }
    c.edition = "2027-03-01";
    c
}

/// The refresh that cut Claude Sonnet 4.6 from $3 / $15 to $2.50 / $12 per million tokens.
fn refreshed() -> Catalog {
    repriced(
        |id| id == SONNET,
        |p| {
            p.input = per_mtok(2.5);
            p.output = per_mtok(12.0);
        },
    )
}

/// The sender's view: the defaults with the catalog of 2026-11-23, at $3 / $15.
fn sent_on_2026_11_23() -> Sent {
    let c = common::test_catalog();
    let r = evaluate_in(&c, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    Figures::of(&r).sent(&c)
}

#[test]
fn a_refreshed_price_shows_the_senders_figure_and_todays() {
    let sent = sent_on_2026_11_23();
    // 1,000,000 requests × (1,000 × $3 + 200 × $15) / 1,000,000 = $6,000.00.
    assert_eq!(sent.api_monthly_usd, Some(6_000.0));
    // The link carries it, and opens to the same Scenario.
    let d =
        decode(&encode_with(&Scenario::default(), Some(&sent))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.scenario, Scenario::default());
    assert_eq!(d.sent.as_ref(), Some(&sent));

    let catalog = refreshed();
    let today = evaluate_in(&catalog, &d.scenario).unwrap_or_else(|e| panic!("{e}"));
    // Today: 1,000,000 × (1,000 × $2.50 + 200 × $12) / 1,000,000 = $2,500 + $2,400 = $4,900.00.
    assert_eq!(today.spend.monthly_total.value(), 4_900.0);
    let text = notice(&sent, &catalog, &d.scenario, Figures::of(&today))
        .unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.starts_with(
            "Prices changed since this link was made (catalog of 2026-11-23): the sender saw $6,000.00 a month; today's prices give $4,900.00."
        ),
        "{text}"
    );
    assert!(
        text.contains("Changed: claude-sonnet-4-6 (Anthropic): input $3.00 → $2.50, output $15.00 → $12.00 per million tokens."),
        "{text}"
    );
}

#[test]
fn no_notice_for_the_same_edition_or_when_nothing_used_moved() {
    let sent = sent_on_2026_11_23();
    let same = common::test_catalog();
    let r = evaluate_in(&same, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        notice(&sent, &same, &Scenario::default(), Figures::of(&r)),
        None
    );
    // A later edition that repriced GPT-5 only: the defaults (all on Sonnet) are unchanged.
    let other = repriced(|id| id == "openai/gpt-5", |p| p.input = per_mtok(2.5));
    let r = evaluate_in(&other, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.spend.monthly_total.value(), 6_000.0);
    assert_eq!(
        notice(&sent, &other, &Scenario::default(), Figures::of(&r)),
        None
    );
    // A scenario on GPT-5 hears of it: $1.25 → $2.50 input.
    let mut on_gpt5 = Scenario::default();
    on_gpt5.workloads[0].routes[0].model = "openai/gpt-5".into();
    let then = evaluate_in(&common::test_catalog(), &on_gpt5).unwrap_or_else(|e| panic!("{e}"));
    let sent = Figures::of(&then).sent(&common::test_catalog());
    let now = evaluate_in(&other, &on_gpt5).unwrap_or_else(|e| panic!("{e}"));
    let text =
        notice(&sent, &other, &on_gpt5, Figures::of(&now)).unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.contains("Changed: gpt-5 (OpenAI): input $1.25 → $2.50 per million tokens."),
        "{text}"
    );
    assert!(!text.contains("claude"), "{text}");
}

#[test]
fn prices_the_user_overrode_are_not_named() {
    let sent = sent_on_2026_11_23();
    let catalog = refreshed();
    // The user pays $3 input by contract: only the output's list price moved for them.
    let mut s = Scenario::default();
    s.override_mut(SONNET).input = Some(3.0);
    let now = evaluate_in(&catalog, &s).unwrap_or_else(|e| panic!("{e}"));
    // 1,000,000 × (1,000 × $3 + 200 × $12) / 1,000,000 = $5,400.00.
    assert_eq!(now.spend.monthly_total.value(), 5_400.0);
    let text =
        notice(&sent, &catalog, &s, Figures::of(&now)).unwrap_or_else(|| panic!("no notice"));
    assert!(text.contains("today's prices give $5,400.00."), "{text}");
    assert!(
        text.contains("claude-sonnet-4-6 (Anthropic): output $15.00 → $12.00 per million tokens."),
        "{text}"
    );
    assert!(!text.contains("input $3.00"), "{text}");
}

#[test]
fn figures_equal_to_the_cent_are_not_a_change() {
    let c = refreshed();
    let mut s = Scenario::default();
    s.workloads[0].routes[0].model = "openai/gpt-5".into(); // not repriced by the refresh
    let r = evaluate_in(&c, &s).unwrap_or_else(|e| panic!("{e}"));
    let mut today = Figures::of(&r);
    // Today's unrounded $1,234.565 against the $1,234.57 its sender recorded: the same cents.
    today.api_monthly_usd = Some(1_234.565);
    let sent = Sent {
        catalog: "2026-11-23".into(),
        api_monthly_usd: Some(1_234.57),
        ..Sent::default()
    };
    assert_eq!(notice(&sent, &c, &s, today), None);
    today.api_monthly_usd = Some(1_234.58);
    assert!(
        notice(&sent, &c, &s, today).is_some(),
        "a cent apart is a change"
    );
}

#[test]
fn a_retired_model_keeps_its_last_prices_and_is_named() {
    let sent = sent_on_2026_11_23();
    let mut c = common::test_catalog();
    let i = c
        .models
        .iter()
        .position(|m| m.id == SONNET)
        .unwrap_or_else(|| panic!("no {SONNET}"));
    let gone = c.models.remove(i);
    c.archive.push(ArchivedModel {
        until: "2026-11-23",
        retired: true,
        model: gone,
    });
    c.edition = "2027-03-01";
    // Priced at its last prices, not "unknown model": the same $6,000.00.
    let r = evaluate_in(&c, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.spend.monthly_total.value(), 6_000.0);
    let resolved = resolve_models_in(&c, &[], &[]);
    let m = resolved
        .iter()
        .find(|m| m.id == SONNET)
        .unwrap_or_else(|| panic!("resolved"));
    assert!(
        m.note
            .contains("Retired from the catalog after its edition of 2026-11-23"),
        "{}",
        m.note
    );
    let text = notice(&sent, &c, &Scenario::default(), Figures::of(&r))
        .unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.contains("claude-sonnet-4-6 (Anthropic) was retired from the catalog after its edition of 2026-11-23; its last listed prices are used"),
        "{text}"
    );
    // Without the archive it would be an error.
    c.archive.clear();
    assert!(evaluate_in(&c, &Scenario::default()).is_err());
}

#[test]
fn the_other_headline_figures_are_compared_too() {
    let mut sent = sent_on_2026_11_23();
    let c = refreshed();
    let r = evaluate_in(&c, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    let today = Figures::of(&r);
    sent.selfhost_monthly_usd = today.selfhost_monthly_usd.map(|v| v + 1_000.0);
    let text =
        notice(&sent, &c, &Scenario::default(), today).unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.contains("For the self-hosting winner, the sender saw $"),
        "{text}"
    );
}

#[test]
fn a_link_from_a_newer_catalog_says_so() {
    let mut sent = sent_on_2026_11_23();
    sent.catalog = "2099-01-01".into();
    sent.api_monthly_usd = Some(5_000.0);
    let c = common::test_catalog();
    let r = evaluate_in(&c, &Scenario::default()).unwrap_or_else(|e| panic!("{e}"));
    let text = notice(&sent, &c, &Scenario::default(), Figures::of(&r))
        .unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.starts_with(
            "This link was made with a newer price catalog (of 2099-01-01) than this page's"
        ),
        "{text}"
    );
    assert!(
        text.contains("the sender saw $5,000.00 a month; this page's prices give $6,000.00."),
        "{text}"
    );
}

#[test]
fn v1_links_carry_no_sender_figures_and_a_damaged_record_is_ignored() {
    use inference_cost::scenario::link::{base64url_encode, deflate};
    let golden: serde_json::Value =
        serde_json::from_str(&common::repo_file("tests/golden/links.json")).unwrap_or_default();
    for e in golden.as_array().into_iter().flatten() {
        if e["version"] == "v1" {
            let d = decode(e["link"].as_str().unwrap_or_default());
            assert_eq!(d.map(|d| d.sent), Ok(None), "{}", e["name"]);
        }
    }
    for payload in [
        r#"{"sent":5}"#,
        r#"{"sent":{"catalog":3}}"#,
        r#"{"sent":{"api":100}}"#,
        r#"{"sent":{"catalog":"\u001b[31mred"}}"#,
        r#"{"sent":{"catalog":"2026-1-023"}}"#,
    ] {
        let link = format!("v2.{}", base64url_encode(&deflate(payload.as_bytes())));
        let d = decode(&link).unwrap_or_else(|e| panic!("{payload}: {e}"));
        assert_eq!(
            (d.scenario, d.sent),
            (Scenario::default(), None),
            "{payload}"
        );
    }
    // A figure that is not a number is left out, the rest kept.
    let payload = r#"{"sent":{"catalog":"2026-01-01","api":"lots","selfhost":12.5}}"#;
    let d = decode(&format!(
        "v2.{}",
        base64url_encode(&deflate(payload.as_bytes()))
    ));
    let sent = d.ok().and_then(|d| d.sent).unwrap_or_default();
    assert_eq!(
        (sent.api_monthly_usd, sent.selfhost_monthly_usd),
        (None, Some(12.5))
    );
}

mod common;

/// The test catalog (prices of 2026-11-23) after a refresh on 2027-03-01 that raised every
/// input and output price by 10 %, the old rows archived.
fn everything_dearer() -> Catalog {
    repriced(
        |_| true,
        |p| {
            p.input = per_mtok(p.input.value() * 1.1);
            p.output = per_mtok(p.output.value() * 1.1);
        },
    )
}

#[test]
fn every_golden_link_the_page_writes_shows_the_senders_figure_after_a_refresh() {
    use inference_cost::core::format::usd;
    use inference_cost::core::units::Usd;
    let golden: serde_json::Value =
        serde_json::from_str(&common::repo_file("tests/golden/links.json")).unwrap_or_default();
    let catalog = everything_dearer();
    let mut shown = 0;
    for e in golden.as_array().into_iter().flatten() {
        let link = e["link"].as_str().unwrap_or_default();
        let d = decode(link).unwrap_or_else(|err| panic!("{}: {err}", e["name"]));
        let Some(sent) = d.sent else {
            assert_eq!(
                e["version"], "v1",
                "{}: links since v2 record what the sender saw",
                e["name"]
            );
            continue;
        };
        // The scenario is unchanged; only the numbers are today's.
        let today =
            evaluate_in(&catalog, &d.scenario).unwrap_or_else(|err| panic!("{}: {err}", e["name"]));
        let figures = Figures::of(&today);
        let Some(then) = sent.api_monthly_usd else {
            // "clamped" is out of range as written: its sender's page showed no bill.
            assert_eq!(e["name"], "clamped");
            continue;
        };
        let now = figures.api_monthly_usd.unwrap_or_default();
        assert_eq!(
            Some(then),
            e["report"]["spend"]["monthly_usd"].as_f64(),
            "{}: the sender's figure",
            e["name"]
        );
        if d.scenario
            .workloads
            .iter()
            .flat_map(|w| &w.routes)
            .all(|r| {
                d.scenario.price_overrides.iter().any(|o| {
                    o.model == r.model && o.edit.input.is_some() && o.edit.output.is_some()
                }) || r.model.starts_with("custom")
            })
        {
            // Every route at the user's own prices (twenty workloads): the refresh changes
            // nothing they pay, and no notice is right.
            assert!((then - now).abs() < 0.005, "{}: {then} → {now}", e["name"]);
            assert_eq!(
                notice(&sent, &catalog, &d.scenario, figures),
                None,
                "{}",
                e["name"]
            );
            continue;
        }
        let text = notice(&sent, &catalog, &d.scenario, figures)
            .unwrap_or_else(|| panic!("{}: no notice", e["name"]));
        let dollars = |v: f64| usd(Usd::new(v).unwrap_or(Usd::ZERO));
        assert!(
            text.contains(&format!(
                "(catalog of 2026-11-23): the sender saw {} a month; today's prices give {}.",
                dollars(then),
                dollars(now)
            )),
            "{}: {text}",
            e["name"]
        );
        assert!(text.contains("Changed: "), "{}: {text}", e["name"]);
        shown += 1;
    }
    assert!(shown >= 6, "{shown} notices");
}

/// The fixed test catalog with a GPU refresh on 2027-03-01: every rental price 20 % dearer, the
/// API prices unchanged (the GPU data shares the catalog's edition, `data/edition.lock`).
fn gpus_dearer() -> Catalog {
    use inference_cost::core::hardware::CatalogOffer;
    let mut c = common::test_catalog();
    let mut hardware = c.hardware();
    let offers: Vec<CatalogOffer> = hardware
        .offers
        .iter()
        .map(|o| CatalogOffer {
            usd_per_gpu_hour: o.usd_per_gpu_hour * 1.2,
            ..o.clone()
        })
        .collect();
    hardware.offers = Box::leak(offers.into_boxed_slice());
    c.hardware = Some(hardware);
    c.edition = "2027-03-01";
    c
}

#[test]
fn a_gpu_price_refresh_reprices_self_hosting_and_commitments_and_is_named() {
    // The hand-checked flat case priced at the self-hosting rental offer instead of a typed
    // price: the H100 SXM's cheapest on-demand offer, $2.99 per GPU-hour in the test catalog.
    let mut s = common::flat_commitment();
    s.commitment.on_demand = None;
    let then = common::test_catalog();
    let r = evaluate_in(&then, &s).unwrap_or_else(|e| panic!("{e}"));
    let sent = Figures::of(&r).sent(&then);
    // 10 GPUs × 730 h × $2.99 × (1 − 50 %) = $10,913.50 for the 3-year plan.
    assert_eq!(sent.commitment_monthly_usd, Some(10_913.5));
    let d = decode(&encode_with(&s, Some(&sent))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.scenario, s);

    let now = gpus_dearer();
    let today = evaluate_in(&now, &d.scenario).unwrap_or_else(|e| panic!("{e}"));
    let figures = Figures::of(&today);
    // 10 × 730 × ($2.99 × 1.2 = $3.588) × 0.5 = $13,096.20; the API bill is unchanged.
    assert_eq!(figures.commitment_monthly_usd, Some(13_096.2));
    assert_eq!(figures.api_monthly_usd, sent.api_monthly_usd);
    let text = notice(&sent, &now, &d.scenario, figures).unwrap_or_else(|| panic!("no notice"));
    assert!(
        text.starts_with(&format!(
            "Prices changed since this link was made (catalog of 2026-11-23): the monthly API bill is unchanged at {}.",
            inference_cost::core::format::usd(today.spend.monthly_total)
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "For the best commitment plan, the sender saw $10,913.50 a month; now $13,096.20."
        ),
        "{text}"
    );
    // The self-hosting rental option: one H100 SXM × 730 h × the rate × (1 + 15 % overhead)
    // + $8,333.33 staff: $2.99 → $10,843.44; $3.588 → $3,012.13 + $8,333.33 = $11,345.46.
    let rent = |r: &inference_cost::core::Report| {
        r.selfhost
            .as_ref()
            .ok()
            .and_then(|h| h.rent.as_ref())
            .map(|o| inference_cost::core::export::cents(o.total.value()))
    };
    assert_eq!(rent(&r), Some(10_843.44));
    assert_eq!(rent(&today), Some(11_345.46));
}
