//! Sharing, the first-load side: the address bar follows the Scenario, links navigated to
//! open, the banner says what opening one did, and the share buttons. The link codec and the
//! panels load from their chunks when first used ([`super::lazy`]); the texts are
//! [`crate::core::export`]'s.

use super::js;
use super::lazy::{self, lazy_view};
use super::state::{use_app_state, AppState, LinkStatus, Tab};
use crate::core::catalog::Catalog;
use crate::core::prices::Figures;
use crate::scenario::link::{self, EmbedView, PageOptions, Sent};
use crate::scenario::Scenario;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// How long the address waits after the last edit before it is rewritten, in milliseconds.
const ADDRESS_DELAY_MS: u32 = 250;
/// How long "Link copied ✓" shows, in milliseconds.
const COPIED_MS: u32 = 3_000;

/// `#link&options` for a link, with the current tab.
pub fn fragment_with(state: AppState, options: PageOptions, link: &str) -> String {
    let options = PageOptions {
        tab: Some(state.tab.get_untracked().view()),
        ..options
    };
    format!("#{link}{}", options.to_fragment())
}

/// What the page shows now, for a link to record ([`crate::scenario::link::Sent`]): the
/// catalog's edition, the shown monthly bill, and the self-hosting and commitment answers only
/// while a view shows them (their tab, or an embed of them or of the summary). Those stages are
/// then current, so reading them computes nothing the view would not; a hidden or never-opened
/// tab's figure is left out rather than computed or taken stale.
pub fn sent_now(state: AppState) -> Sent {
    let mut figures = Figures {
        api_monthly_usd: state
            .spend_shown
            .with_untracked(|s| s.as_ref().map(|s| s.report.monthly_total.value())),
        ..Figures::default()
    };
    let tab = state.tab.get_untracked();
    let embed = state.options.embed;
    let shown = |view: EmbedView, tab_of: Tab| {
        embed.map_or(tab == tab_of, |e| e == view || e == EmbedView::Summary)
    };
    if let Some(stages) = state.stages.get_value() {
        if shown(EmbedView::SelfHost, Tab::SelfHost)
            || shown(EmbedView::Commitment, Tab::Commitment)
        {
            if let Some(report) = stages.selfhost.try_get_untracked().and_then(Result::ok) {
                figures.selfhost_monthly_usd = Some(Figures::selfhost(&report));
            }
        }
        if shown(EmbedView::Commitment, Tab::Commitment) {
            if let Some(report) = stages.commitment.try_get_untracked().and_then(Result::ok) {
                figures.commitment_monthly_usd = Figures::commitment(&report);
            }
        }
    }
    figures.sent(&Catalog::builtin())
}

/// The full page's address for a link (no embed options).
pub fn full_url_of(state: AppState, link: &str) -> String {
    format!(
        "{}{}",
        js::page_url(),
        fragment_with(state, PageOptions::default(), link)
    )
}

/// The full page's address for the current Scenario, once the link codec has loaded.
pub async fn full_url(state: AppState) -> Option<String> {
    let scenario = state.scenario.get_untracked();
    let link = lazy::encode_link(scenario, state).await.ok()?;
    Some(full_url_of(state, &link))
}

/// Replaces the whole Scenario (a link or an import). The inputs show its values: they are
/// controlled by the Scenario, nothing is rebuilt.
pub fn replace_scenario(state: AppState, scenario: Scenario, status: LinkStatus) {
    state.scenario.set(scenario);
    state.link_status.set(status);
}

/// The address writer's state: what was last written, the pending timer, the edits seen,
/// and the number of the last write started.
#[derive(Clone, Copy)]
struct AddressWriter {
    state: AppState,
    written: StoredValue<String>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
    edits: StoredValue<u64>,
    latest: StoredValue<u64>,
}

impl AddressWriter {
    /// Writes the address once no edit has come for a full delay: the timer is armed once
    /// (not replaced on every keystroke, which cost a timer call per keystroke) and re-arms
    /// itself while edits keep coming, so the write happens 250 to 500 ms after the last one.
    fn arm(self, seen: u64) {
        self.pending
            .set_value(Some(Timeout::new(ADDRESS_DELAY_MS, move || {
                let now = self.edits.get_value();
                if now == seen {
                    self.pending.set_value(None);
                    self.write();
                } else {
                    self.arm(now);
                }
            })));
    }

    fn write(self) {
        let state = self.state;
        let scenario = state.scenario.get_untracked();
        self.latest.update_value(|n| *n += 1);
        let this = self.latest.get_value();
        leptos::task::spawn_local(async move {
            let Ok(link) = lazy::encode_link(scenario, state).await else {
                return;
            };
            if self.latest.get_value() != this {
                return;
            }
            let f = fragment_with(state, state.options, &link);
            if self.written.with_value(|w| *w != f) {
                js::set_hash(&f);
                self.written.set_value(f);
            }
        });
    }
}

/// Keeps the address bar's fragment equal to the Scenario (debounced `replaceState`, so edits
/// add no history entries), and opens a link navigated to (a pasted address, back, forward).
pub fn sync_address(state: AppState) {
    let writer = AddressWriter {
        state,
        written: StoredValue::new(js::get_hash()),
        pending: StoredValue::new_local(None),
        edits: StoredValue::new(0),
        // Each write is numbered, so a slow encoding never overwrites a newer one.
        latest: StoredValue::new(0),
    };
    let written = writer.written;
    Effect::new(move |first: Option<()>| {
        state.scenario.track();
        state.tab.track();
        if first.is_none() {
            return;
        }
        writer.edits.update_value(|n| *n += 1);
        if writer.pending.with_value(Option::is_none) {
            writer.arm(writer.edits.get_value());
        }
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = js::get_hash();
        if written.with_value(|w| *w == hash) {
            return;
        }
        written.set_value(hash.clone());
        let (text, options) = link::split_fragment(&hash);
        let text = text.to_owned();
        leptos::task::spawn_local(async move {
            let Ok((scenario, status)) = lazy::decode_link(text).await else {
                state.link_status.set(LinkStatus {
                    error: Some("That link could not be opened: part of the calculator did not load. Check the connection and try again.".to_owned()),
                    notices: Vec::new(),
                    prices: None,
                });
                return;
            };
            replace_scenario(state, scenario, status);
            if state.options.embed.is_none() {
                state.tab.set(Tab::of(options.tab));
            }
        });
    });
    on_cleanup(move || handle.remove());
}
/// Where the banner goes: loaded from the link chunk the first time there is something to say
/// (the page opened with no link never loads it).
#[component]
pub fn LinkBanner() -> impl IntoView {
    let state = use_app_state();
    let needed = Memo::new(move |seen: Option<&bool>| {
        seen.copied().unwrap_or(false) || state.link_status.with(|s| *s != LinkStatus::default())
    });
    view! {
        <Show when=move || needed.get()>
            {lazy_view("message", || Box::pin(lazy::link_banner()))}
        </Show>
    }
}

/// The banner of a link or file that could not be opened, or whose values were adjusted.
#[component]
pub fn Banner() -> impl IntoView {
    let state = use_app_state();
    move || {
        let status = state.link_status.get();
        let dismiss = move |_| state.link_status.set(LinkStatus::default());
        if let Some(error) = status.error {
            Some(
                view! {
                    <div class="banner banner-error" role="alert" data-testid="link-banner">
                        <p>{error}</p>
                        <button type="button" class="link-button" on:click=dismiss>"Dismiss"</button>
                    </div>
                }
                .into_any(),
            )
        } else if status.notices.is_empty() && status.prices.is_none() {
            None
        } else {
            let notices = (!status.notices.is_empty()).then(|| {
                view! {
                    <p>"Some values were outside what the calculator accepts and were adjusted:"</p>
                    <ul>{status.notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                }
            });
            Some(
                view! {
                    <div class="banner" role="status" data-testid="link-notices">
                        <div>
                            {status.prices.map(|p| view! { <p data-testid="price-notice">{p}</p> })}
                            {notices}
                        </div>
                        <button type="button" class="link-button" on:click=dismiss>"Dismiss"</button>
                    </div>
                }
                .into_any(),
            )
        }
    }
}

/// Which share panel is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The link, selectable.
    Link,
    /// The embed snippet.
    Embed,
    /// Export and import.
    Export,
}

/// The top bar's share actions and their panels (which load from the share chunk).
#[component]
pub fn ShareBar() -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(None::<Panel>);
    let copied = RwSignal::new(None::<bool>);
    let copy_link = move |_| {
        leptos::task::spawn_local(async move {
            let ok = match full_url(state).await {
                Some(url) => js::copy(&url).await,
                None => false,
            };
            copied.set(Some(ok));
            if ok {
                Timeout::new(COPIED_MS, move || copied.set(None)).forget();
            } else {
                open.set(Some(Panel::Link));
            }
        });
    };
    let toggle = move |p: Panel| {
        move |_| {
            open.update(|o| *o = if *o == Some(p) { None } else { Some(p) });
        }
    };
    // Closing returns focus to the button that opened the panel.
    let close = move |_| {
        let id = match open.get_untracked() {
            Some(Panel::Embed) => "open-embed",
            Some(Panel::Export) => "open-export",
            _ => "open-link-panel",
        };
        open.set(None);
        js::focus(id);
    };
    let pressed = move |p: Panel| {
        move || {
            if open.get() == Some(p) {
                "true"
            } else {
                "false"
            }
        }
    };
    view! {
        <div class="share-actions">
            <button type="button" class="btn btn-primary" data-testid="copy-link" on:click=copy_link>
                {move || if copied.get() == Some(true) { "Link copied ✓" } else { "Copy link" }}
            </button>
            <button type="button" class="btn" id="open-link-panel" data-testid="open-link-panel" aria-expanded=pressed(Panel::Link)
                aria-controls="share-panel" on:click=toggle(Panel::Link)>"Link"</button>
            <button type="button" class="btn" id="open-embed" data-testid="open-embed" aria-expanded=pressed(Panel::Embed)
                aria-controls="share-panel" on:click=toggle(Panel::Embed)>"Embed"</button>
            <button type="button" class="btn" id="open-export" data-testid="open-export" aria-expanded=pressed(Panel::Export)
                aria-controls="share-panel" on:click=toggle(Panel::Export)>"Export"</button>
            <span class="visually-hidden" role="status">
                {move || match copied.get() {
                    Some(true) => "The link is copied.",
                    Some(false) => "Copying was blocked: the link is selected below.",
                    None => "",
                }}
            </span>
        </div>
        <div id="share-panel" class="share-panel-slot">
            {move || open.get().map(|p| view! {
                <section class="panel share-panel" data-testid="share-panel">
                    {lazy_view("panel", move || {
                        super::js::load_later_css();
                        Box::pin(lazy::share_panel(p, copied))
                    })}
                    <button type="button" class="link-button close" on:click=close>"Close"</button>
                </section>
            })}
        </div>
    }
}
