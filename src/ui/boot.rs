//! Start-up: a panic hook that never leaves a blank page, and mounting the App with the
//! address's scenario.

use super::lazy;
use super::state::LinkStatus;
use crate::scenario::link::{split_fragment, PageOptions};
use crate::scenario::Scenario;
use wasm_bindgen::JsValue;

/// Id of the static "Loading…" placeholder in `index.html`, removed once the App is mounted.
const BOOT_PLACEHOLDER_ID: &str = "boot";

/// Logs a panic to the console and puts a visible message on the page.
///
/// In Wasm a panic aborts the module, so the page stops responding; the message tells the user
/// so instead of leaving a frozen or blank page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&info.to_string()));
        show_fatal_message();
    }));
}

/// Inserts a fixed alert at the top of the page. Best effort: every step may fail silently.
fn show_fatal_message() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    banner.set_class_name("fatal");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(
        "The calculator hit an internal error and stopped. Reload the page to start again.",
    ));
    let _ = body.prepend_with_node_1(&banner);
}

/// Mounts the App: at once with the defaults when the address carries no scenario, else
/// once the link codec (a chunk of its own) has read it.
pub fn mount() {
    mark("wasm-main");
    let hash = super::js::get_hash();
    let (text, options) = split_fragment(&hash);
    if text.is_empty() {
        start(Scenario::default(), LinkStatus::default(), options);
        return;
    }
    let text = text.to_owned();
    // Before the App mounts there is no Leptos executor yet: the browser's microtasks run it.
    wasm_bindgen_futures::spawn_local(async move {
        let (scenario, status) = lazy::decode_link(text).await.unwrap_or_else(|_| {
            (
                Scenario::default(),
                LinkStatus {
                    error: Some(
                        "The link's scenario could not be read: part of the calculator did not load. Reload the page to try again; the defaults are shown."
                            .to_owned(),
                    ),
                    notices: Vec::new(),
                    prices: None,
                },
            )
        });
        start(scenario, status, options);
    });
}

/// A performance mark (`make bench` reports the time from navigation to each).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Replaces the loading placeholder with the App.
fn start(initial: Scenario, status: LinkStatus, options: PageOptions) {
    if let Some(placeholder) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BOOT_PLACEHOLDER_ID))
    {
        placeholder.remove();
    }
    leptos::mount::mount_to_body(move || {
        leptos::view! { <super::App initial status options /> }
    });
    mark("app-mounted");
}
