//! Sharing: the address bar follows the Scenario, links open, the link is copied (with a
//! selectable fallback), the embed snippet is written, and the scenario, tables and summary
//! are exported. The link format is [`crate::scenario::link`]'s; the texts are
//! [`crate::core::export`]'s.

use super::html::esc;
use super::js;
use super::state::{use_app_state, AppState, LinkStatus, Tab};
use crate::core::export;
use crate::scenario::link::{self, EmbedView, PageOptions, Theme};
use crate::scenario::Scenario;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// How long the address waits after the last edit before it is rewritten, in milliseconds.
const ADDRESS_DELAY_MS: u32 = 250;
/// How long "Link copied ✓" shows, in milliseconds.
const COPIED_MS: u32 = 3_000;

/// The Scenario and status of a link's text (the defaults, without a status, when empty).
fn open_link(text: &str) -> (Scenario, LinkStatus) {
    if text.is_empty() {
        return (Scenario::default(), LinkStatus::default());
    }
    let decoded = link::decode(text);
    let status = LinkStatus::of(&decoded);
    (decoded.map(|d| d.scenario).unwrap_or_default(), status)
}

/// The Scenario, status and options of the address the page was opened with.
pub fn open_address() -> (Scenario, LinkStatus, PageOptions) {
    let hash = js::get_hash();
    let (text, options) = link::split_fragment(&hash);
    let (scenario, status) = open_link(text);
    (scenario, status, options)
}

/// `#link&options` for the current Scenario, with the current tab.
fn fragment_with(state: AppState, options: PageOptions) -> String {
    let link = state.scenario.with_untracked(link::encode);
    let options = PageOptions {
        tab: Some(state.tab.get_untracked().view()),
        ..options
    };
    format!("#{link}{}", options.to_fragment())
}

/// The fragment (with `#`) for the current Scenario, tab and page options.
fn fragment(state: AppState) -> String {
    fragment_with(state, state.options)
}

/// The full page's address for the current Scenario (no embed options).
pub fn full_url(state: AppState) -> String {
    format!(
        "{}{}",
        js::page_url(),
        fragment_with(state, PageOptions::default())
    )
}

/// Replaces the whole Scenario (a link or an import): the inputs are built again.
pub fn replace_scenario(state: AppState, scenario: Scenario, status: LinkStatus) {
    state.scenario.set(scenario);
    state.link_status.set(status);
    state.generation.update(|g| *g += 1);
}

/// Keeps the address bar's fragment equal to the Scenario (debounced `replaceState`, so edits
/// add no history entries), and opens a link navigated to (a pasted address, back, forward).
pub fn sync_address(state: AppState) {
    let written = StoredValue::new(js::get_hash());
    // The debounce: replacing the pending timeout drops it, which cancels it.
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |first: Option<()>| {
        state.scenario.track();
        state.tab.track();
        if first.is_none() {
            return;
        }
        pending.set_value(Some(Timeout::new(ADDRESS_DELAY_MS, move || {
            let f = fragment(state);
            if written.with_value(|w| *w != f) {
                js::set_hash(&f);
                written.set_value(f);
            }
        })));
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = js::get_hash();
        if written.with_value(|w| *w == hash) {
            return;
        }
        written.set_value(hash.clone());
        let (text, options) = link::split_fragment(&hash);
        let (scenario, status) = open_link(text);
        replace_scenario(state, scenario, status);
        if state.options.embed.is_none() {
            state.tab.set(Tab::of(options.tab));
        }
    });
    on_cleanup(move || handle.remove());
}

/// The banner of a link or file that could not be opened, or whose values were adjusted.
#[component]
pub fn LinkBanner() -> impl IntoView {
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
        } else if status.notices.is_empty() {
            None
        } else {
            Some(
                view! {
                    <div class="banner" role="status" data-testid="link-notices">
                        <div>
                            <p>"Some values were outside what the calculator accepts and were adjusted:"</p>
                            <ul>{status.notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
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
enum Panel {
    Link,
    Embed,
    Export,
}

/// The top bar's share actions and their panels.
#[component]
pub fn ShareBar() -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(None::<Panel>);
    let copied = RwSignal::new(None::<bool>);
    // The link, kept current while the Link panel shows it (encoded only then).
    let link_text = Memo::new(move |_| {
        if open.get() == Some(Panel::Link) {
            state.scenario.track();
            state.tab.track();
            full_url(state)
        } else {
            String::new()
        }
    });
    let copy_link = move |_| {
        let url = full_url(state);
        leptos::task::spawn_local(async move {
            let ok = js::copy(&url).await;
            copied.set(Some(ok));
            if ok {
                Timeout::new(COPIED_MS, move || copied.set(None)).forget();
            } else {
                open.set(Some(Panel::Link));
                request_animation_frame(|| js::select_text("share-link"));
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
            {move || open.get().map(|p| {
                let body = match p {
                    Panel::Link => view! { <LinkPanel text=link_text blocked=Signal::derive(move || copied.get() == Some(false)) /> }.into_any(),
                    Panel::Embed => view! { <EmbedPanel /> }.into_any(),
                    Panel::Export => view! { <ExportPanel /> }.into_any(),
                };
                view! {
                    <section class="panel share-panel" data-testid="share-panel">
                        {body}
                        <button type="button" class="link-button close" on:click=close>"Close"</button>
                    </section>
                }
            })}
        </div>
    }
}

/// The link in a read-only field anyone can select, and why it is shown.
#[component]
fn LinkPanel(text: Memo<String>, blocked: Signal<bool>) -> impl IntoView {
    let length = move || text.with(String::len);
    view! {
        <h2>"Link to this scenario"</h2>
        <p class="hint" data-testid="copy-fallback" hidden=move || !blocked.get()>
            "This page may not use your clipboard here. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it."
        </p>
        <label for="share-link">"Every input is in the link, after the #: it never reaches a server."</label>
        <input id="share-link" data-testid="share-link" class="share-field" type="text" readonly
            prop:value=move || text.get()
            on:focus:target=move |ev| ev.target().select() />
        <p class="hint">{move || format!("{} characters. Anyone with the link sees these numbers; nobody else can.", length())}</p>
    }
}

/// The embed options, the snippet and how to paste it into a wiki.
#[component]
fn EmbedPanel() -> impl IntoView {
    let state = use_app_state();
    let view_choice = RwSignal::new(EmbedView::Summary);
    let interactive = RwSignal::new(false);
    let theme = RwSignal::new(Theme::Auto);
    let height = RwSignal::new(640u32);
    let copied = RwSignal::new(None::<bool>);
    let base = js::page_url();
    let path = base.split('?').next().unwrap_or_default();
    let host_script = StoredValue::new(format!(
        "{}/embed.js",
        path.rsplit_once('/').map_or(path, |(dir, _)| dir)
    ));
    let link = Memo::new(move |_| state.scenario.with(link::encode));
    let embed_url = Memo::new(move |_| {
        let options = PageOptions {
            embed: Some(view_choice.get()),
            interactive: interactive.get(),
            theme: theme.get(),
            tab: None,
        };
        format!("{}#{}{}", js::page_url(), link.get(), options.to_fragment())
    });
    let snippet = move || {
        format!(
            "<iframe src=\"{}\" title=\"Inference cost calculator: {}\" width=\"100%\" height=\"{}\" style=\"border:0;width:100%\" loading=\"lazy\" allow=\"clipboard-write\" sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads\"></iframe>\n<script src=\"{}\" async></script>",
            embed_url.with(|u| esc(u)),
            view_choice.get().label(),
            height.get(),
            host_script.with_value(|h| esc(h)),
        )
    };
    let copy_snippet = move |_| {
        let text = snippet();
        leptos::task::spawn_local(async move {
            let ok = js::copy(&text).await;
            copied.set(Some(ok));
            if !ok {
                js::select_text("embed-snippet");
            }
        });
    };
    view! {
        <h2>"Embed in a wiki page"</h2>
        <div class="embed-options">
            <div class="field">
                <label for="embed-view">"Show"</label>
                <select id="embed-view" data-testid="embed-view" on:change:target=move |ev| {
                    if let Some(v) = EmbedView::from_key(&ev.target().value()) { view_choice.set(v); }
                }>
                    {EmbedView::ALL.into_iter().map(|v| view! { <option value=v.key()>{v.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="embed-mode">"Readers can"</label>
                <select id="embed-mode" data-testid="embed-mode" on:change:target=move |ev| interactive.set(ev.target().value() == "interactive")>
                    <option value="read">"Read the results"</option>
                    <option value="interactive">"Change the inputs"</option>
                </select>
            </div>
            <div class="field">
                <label for="embed-theme">"Colours"</label>
                <select id="embed-theme" data-testid="embed-theme" on:change:target=move |ev| {
                    theme.set(Theme::from_key(&ev.target().value()).unwrap_or_default());
                }>
                    <option value="auto">"Follow the reader's system"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </div>
            <div class="field">
                <label for="embed-height">"Height"</label>
                <div class="input-wrap">
                    <input id="embed-height" type="text" inputmode="numeric" value="640"
                        on:input:target=move |ev| {
                            if let Ok(h) = ev.target().value().trim().parse::<u32>() { height.set(h.clamp(200, 4000)); }
                        } />
                    <span class="unit">"px"</span>
                </div>
            </div>
        </div>
        <label for="embed-url">"Embed address (for Notion and Confluence's iframe macro)"</label>
        <input id="embed-url" data-testid="embed-url" class="share-field" type="text" readonly prop:value=embed_url
            on:focus:target=move |ev| ev.target().select() />
        <label for="embed-snippet">"HTML snippet"</label>
        <textarea id="embed-snippet" data-testid="embed-snippet" class="share-field" rows="5" readonly prop:value=snippet
            on:focus:target=move |ev| ev.target().select()></textarea>
        <p>
            <button type="button" class="btn" data-testid="copy-snippet" on:click=copy_snippet>"Copy snippet"</button>
            <span class="hint" role="status">{move || match copied.get() {
                Some(true) => " Copied.",
                Some(false) => " Copying was blocked: the snippet is selected, press Ctrl+C.",
                None => "",
            }}</span>
        </p>
        <ul class="hint embed-help">
            <li><strong>"Confluence: "</strong>"insert the iframe macro (Cloud: Iframe; Data Center: the HTML or iframe macro), paste the embed address and set the height."</li>
            <li><strong>"Notion: "</strong>"type /embed and paste the embed address; drag the block's edge to size it."</li>
            <li><strong>"MediaWiki: "</strong>"iframes need an extension such as Widgets: put the snippet in a widget page and use it on yours."</li>
            <li>"The page resizes itself to its content where the host page loads the script in the snippet. It reports its height as "<code>"{type: \"inference-cost:height\", height}"</code>" through postMessage. The scenario lives in the address: nothing is stored anywhere."</li>
        </ul>
    }
}

/// Export as JSON, CSV and Markdown; import a JSON; print.
#[component]
fn ExportPanel() -> impl IntoView {
    let state = use_app_state();
    let table = RwSignal::new(String::new());
    let preview = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let save = move |name: &str, mime: &str, text: &str| {
        message.set(if js::download(name, mime, text) {
            format!("Saved {name}.")
        } else {
            format!("The browser blocked saving {name} here; copy the text instead.")
        });
    };
    let markdown = move || {
        state.shown.with(|r| {
            r.as_ref()
                .map(|r| export::markdown(r, Some(&full_url(state))))
                .unwrap_or_default()
        })
    };
    // The preview follows the page only while it is open.
    let preview_text = move || {
        if preview.get() {
            markdown()
        } else {
            String::new()
        }
    };
    // The tables' names change only when a calculator gains or loses its answer; the CSV text
    // is written when saved.
    let names = Memo::new(move |_| {
        state
            .shown
            .with(|r| r.as_ref().map(export::csv_table_names).unwrap_or_default())
    });
    // The chosen table, or the first until one is chosen (or when the chosen one is gone).
    let chosen = Memo::new(move |_| {
        let picked = table.get();
        names.with(|n| {
            n.iter()
                .copied()
                .find(|name| *name == picked)
                .or_else(|| n.first().copied())
                .unwrap_or_default()
        })
    });
    let save_csv = move |_| {
        let name = chosen.get_untracked();
        let text = state
            .shown
            .with_untracked(|r| r.as_ref().and_then(|r| export::csv_table(r, name)));
        if let Some(text) = text {
            save(name, "text/csv", &text);
        }
    };
    let import = Callback::new(move |result: Result<String, String>| match result {
        Ok(text) => {
            let read = link::from_json(&text);
            let status = LinkStatus::of(&read);
            match read {
                Ok(d) => {
                    replace_scenario(state, d.scenario, status);
                    message.set("Scenario imported.".into());
                }
                Err(e) => message.set(format!("That file is not a scenario: {}.", e.reason())),
            }
        }
        Err(e) => message.set(e),
    });
    let copy_md = move |_| {
        let text = markdown();
        leptos::task::spawn_local(async move {
            let ok = js::copy(&text).await;
            message.set(if ok {
                "The Markdown summary is copied.".into()
            } else {
                js::select_text("export-markdown");
                "Copying was blocked: the summary is selected, press Ctrl+C.".into()
            });
        });
    };
    view! {
        <h2>"Export and import"</h2>
        <div class="export-grid">
            <div>
                <h3>"Scenario"</h3>
                <p class="hint">"Every input as JSON, the link's schema: open it later or feed it to the command line."</p>
                <button type="button" class="btn" data-testid="export-json" on:click=move |_| {
                    save("inference-cost-scenario.json", "application/json", &state.scenario.with_untracked(link::to_json));
                }>"Save JSON"</button>
                <label class="btn file-btn">
                    "Open JSON…"
                    <input type="file" accept=".json,application/json" data-testid="import-json" class="visually-hidden"
                        on:change:target=move |ev| {
                            super::field::read_chosen_file(&ev, import);
                            // The same file chosen again (after more edits) opens again.
                            ev.target().set_value("");
                        } />
                </label>
            </div>
            <div>
                <h3>"Tables"</h3>
                <label for="export-table" class="hint">"Breakdown as CSV, for a spreadsheet"</label>
                <select id="export-table" data-testid="export-table" on:change:target=move |ev| table.set(ev.target().value())
                    prop:value=move || chosen.get()>
                    {move || names.get().into_iter().map(|name| view! { <option value=name>{name}</option> }).collect_view()}
                </select>
                <button type="button" class="btn" data-testid="export-csv" on:click=save_csv>"Save CSV"</button>
            </div>
            <div>
                <h3>"Summary"</h3>
                <p class="hint">"Key numbers as Markdown tables with the scenario's link, to paste into a wiki page."</p>
                <button type="button" class="btn" data-testid="copy-markdown" on:click=copy_md>"Copy Markdown"</button>
                <button type="button" class="btn" on:click=move |_| save("inference-cost-summary.md", "text/markdown", &markdown())>"Save .md"</button>
                <button type="button" class="btn" on:click=move |_| js::print_page()>"Print"</button>
            </div>
        </div>
        <p class="hint" role="status" data-testid="export-message">{move || message.get()}</p>
        <details on:toggle:target=move |ev| preview.set(ev.target().open())>
            <summary>"Markdown preview"</summary>
            <textarea id="export-markdown" data-testid="export-markdown" class="share-field" rows="12" readonly prop:value=preview_text></textarea>
        </details>
    }
}
