//! Browser smoke tests: the App mounts in headless Chromium, computes, and reacts to input.
//! Run by `cargo test --target wasm32-unknown-unknown --test web` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]
// Test scaffolding: a missing document or element is a failed test, so expect() is the point.
#![allow(clippy::expect_used)]

use inference_cost::scenario::link::PageOptions;
use inference_cost::scenario::Scenario;
use inference_cost::ui::state::{stage_runs, LinkStatus};
use inference_cost::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Mounts a fresh App into its own container and returns the container.
fn mount_app() -> HtmlElement {
    let container: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&container)
        .expect("append");
    leptos::mount::mount_to(container.clone(), || {
        leptos::view! {
            <App initial=Scenario::default() status=LinkStatus::default() options=PageOptions::default() />
        }
    })
    .forget();
    container
}

/// Lets the page settle: effects, and the tabs that load asynchronously (split points are
/// plain async functions in this unsplit test build).
async fn settle() {
    // The inputs are built in the task after the answer (a zero timeout).
    sleep(10).await;
    for _ in 0..8 {
        leptos::task::tick().await;
    }
}

/// Waits `ms` milliseconds (timers, debounces).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Clicks the element `selector` finds.
fn click(root: &HtmlElement, selector: &str) {
    let element: HtmlElement = root
        .query_selector(selector)
        .ok()
        .flatten()
        .expect("the element")
        .unchecked_into();
    element.click();
}

/// Clicks a tab button.
fn open_tab(root: &HtmlElement, id: &str) {
    click(root, &format!("#{id}"));
}

fn text(root: &HtmlElement, test_id: &str) -> String {
    root.query_selector(&format!("[data-testid='{test_id}']"))
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Sets an input's text and fires the bubbling `input` event a keystroke would.
fn type_into(root: &HtmlElement, id: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .expect("input exists")
        .unchecked_into();
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn renders_the_default_bill() {
    let root = mount_app();
    settle().await;
    assert_eq!(text(&root, "monthly-total"), "$6,000.00");
    assert_eq!(text(&root, "yearly-total"), "$72,000.00");
    assert_eq!(text(&root, "per-thousand"), "$6.00");
    root.remove();
}

#[wasm_bindgen_test]
async fn input_updates_the_bill_and_bad_input_keeps_it() {
    let root = mount_app();
    settle().await;

    // The price inputs are built when the model's price section is first opened.
    click(
        &root,
        "[data-testid='anthropic-claude-sonnet-4-6-prices-open']",
    );
    settle().await;
    // An override of Sonnet 4.6's input price to $1.50:
    // 1e9 input tokens × $1.5/M = $1,500 + 2e8 output tokens × $15/M = $3,000 → $4,500.00
    type_into(&root, "anthropic-claude-sonnet-4-6-price-input", "1.5");
    leptos::task::tick().await;
    assert_eq!(text(&root, "monthly-total"), "$4,500.00");

    type_into(&root, "w1-output-tokens", "lots");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "w1-output-tokens-error"),
        "Enter a number, like 1500, 1,500, 1.5k or 2e6."
    );
    assert_eq!(text(&root, "monthly-total"), "$4,500.00");
    assert!(text(&root, "stale-note").contains("Output tokens per request"));

    type_into(&root, "w1-output-tokens", "0");
    leptos::task::tick().await;
    assert_eq!(text(&root, "w1-output-tokens-error"), "");
    assert_eq!(text(&root, "monthly-total"), "$1,500.00");
    root.remove();
}

#[wasm_bindgen_test]
async fn self_hosting_answers_and_reacts() {
    let root = mount_app();
    settle().await;
    // The tab is built when first opened.
    assert!(root
        .query_selector("#sh-engineers")
        .ok()
        .flatten()
        .is_none());
    open_tab(&root, "tab-selfhost");
    settle().await;
    assert_eq!(text(&root, "sh-winner"), "The API is cheapest");
    // Rent: $2.99 × 730 h × 1.15 + $200,000 × 0.5 / 12 = $2,510.11 + $8,333.33.
    assert_eq!(text(&root, "sh-rent"), "$10,843.44");
    type_into(&root, "sh-engineers", "0");
    settle().await;
    assert_eq!(text(&root, "sh-winner"), "Buying GPUs is cheapest");
    assert_eq!(text(&root, "sh-winner-cost"), "$1,650.19");
    root.remove();
}

#[wasm_bindgen_test]
async fn commitment_answers_and_reacts() {
    let root = mount_app();
    settle().await;
    // The tab is built when first opened.
    assert!(root.query_selector("#cm-mean").ok().flatten().is_none());
    open_tab(&root, "tab-commitment");
    settle().await;
    type_into(&root, "cm-mean", "10");
    type_into(&root, "cm-weekend", "100");
    type_into(&root, "cm-on-demand", "2");
    type_into(&root, "cm-3y-discount", "50");
    settle().await;
    // Day and night around 10 GPUs; committing pays at 50 % off.
    assert!(text(&root, "cm-headline").starts_with("Commit to "));
    type_into(&root, "cm-3y-discount", "0");
    type_into(&root, "cm-1y-discount", "0");
    settle().await;
    // No discount: nothing is worth committing; on demand is 10 × $2 × 730 h = $14,600.00.
    assert_eq!(text(&root, "cm-committed"), "0 GPUs");
    assert_eq!(text(&root, "cm-none"), "$14,600.00");
    root.remove();
}

/// A keystroke on the spend tab runs the spend stage once and no other: self-hosting, the
/// demand profile and the commitment run only once their tab is opened, and not again while
/// it is closed.
#[wasm_bindgen_test]
async fn a_spend_keystroke_runs_only_the_spend_stage() {
    let root = mount_app();
    settle().await;
    let before = stage_runs();
    for value in ["1100", "1200", "1300"] {
        type_into(&root, "w1-input-tokens", value);
        settle().await;
    }
    let typed = stage_runs();
    assert_eq!(
        typed[0] - before[0],
        3,
        "the spend stage runs once per keystroke"
    );
    assert_eq!(typed[1..], before[1..], "no other stage runs");

    open_tab(&root, "tab-commitment");
    settle().await;
    let opened = stage_runs();
    assert!(opened[1] > typed[1] && opened[2] > typed[2] && opened[3] > typed[3]);
    assert!(text(&root, "cm-monthly").starts_with('$'));

    open_tab(&root, "tab-spend");
    settle().await;
    sleep(600).await;
    let switched = stage_runs();
    assert_eq!(switched, opened, "switching tabs runs no stage");
    type_into(&root, "w1-input-tokens", "1400");
    settle().await;
    let back = stage_runs();
    assert_eq!(back[0] - opened[0], 1);
    assert_eq!(back[1..], opened[1..], "the closed tab's stages do not run");
    // 1e6 × (1,400 × $3 + 200 × $15) / 1e6 = $7,200.00
    assert_eq!(text(&root, "monthly-total"), "$7,200.00");
    root.remove();
}

#[wasm_bindgen_test]
async fn writing_the_address_computes_no_stage_whose_view_is_not_shown() {
    // Only the self-hosting tab is opened: the link written after an edit records its figure
    // and the bill, and never runs the demand profile or the commitment for a tab never opened.
    let root = mount_app();
    settle().await;
    open_tab(&root, "tab-selfhost");
    settle().await;
    let before = stage_runs();
    type_into(&root, "w1-input-tokens", "1500");
    settle().await;
    sleep(600).await; // the address is written 250 ms after the last edit
    let after = stage_runs();
    assert_eq!(after[2..], before[2..], "neither demand nor commitment ran");
    assert!(after[1] > before[1], "the shown self-hosting stage ran");
    root.remove();
}
