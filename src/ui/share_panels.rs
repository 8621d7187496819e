//! The share panels, loaded from the share chunk when first opened: the link, the embed
//! snippet and how to paste it into a wiki, and export (JSON, CSV, Markdown, print) and
//! import of a scenario file.

use super::codec::status_of;
use super::html::esc;
use super::js;
use super::share::{full_url_of, replace_scenario, sent_now, Panel};
use super::stages::current_report;
use super::state::{use_app_state, AppState};
use crate::core::export;
use crate::scenario::link::{self, EmbedView, PageOptions, Theme};
use leptos::prelude::*;

/// A share panel's content.
pub fn panel(p: Panel, copied: RwSignal<Option<bool>>) -> AnyView {
    match p {
        Panel::Link => {
            view! { <LinkPanel blocked=Signal::derive(move || copied.get() == Some(false)) /> }
                .into_any()
        }
        Panel::Embed => view! { <EmbedPanel /> }.into_any(),
        Panel::Export => view! { <ExportPanel /> }.into_any(),
    }
}

/// The full page's address for the current Scenario (the link codec is in this chunk).
pub fn full_url_now(state: AppState) -> String {
    let sent = sent_now(state);
    full_url_of(
        state,
        &state
            .scenario
            .with_untracked(|s| link::encode_with(s, Some(&sent))),
    )
}

/// The link in a read-only field anyone can select, and why it is shown.
#[component]
fn LinkPanel(
    /// True when the clipboard refused the link: it is selected for Ctrl+C.
    blocked: Signal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    // The link, kept current while the panel shows it.
    let text = Memo::new(move |_| {
        state.scenario.track();
        state.tab.track();
        full_url_now(state)
    });
    if blocked.get_untracked() {
        request_animation_frame(|| js::select_text("share-link"));
    }
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
    let link = Memo::new(move |_| {
        let sent = sent_now(state);
        state.scenario.with(|s| link::encode_with(s, Some(&sent)))
    });
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
        current_report(state)
            .map(|r| export::markdown(&r, Some(&full_url_now(state))))
            .unwrap_or_default()
    };
    // The preview follows the page only while it is open.
    let preview_text = move || {
        if preview.get() {
            state.scenario.track();
            markdown()
        } else {
            String::new()
        }
    };
    // The tables' names change only when a calculator gains or loses its answer; the CSV text
    // is written when saved.
    let names = Memo::new(move |_| {
        state.scenario.track();
        current_report(state)
            .as_ref()
            .map(export::csv_table_names)
            .unwrap_or_default()
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
        let text = current_report(state).and_then(|r| export::csv_table(&r, name));
        if let Some(text) = text {
            save(name, "text/csv", &text);
        }
    };
    let import = Callback::new(move |result: Result<String, String>| match result {
        Ok(text) => {
            let read = link::from_json(&text);
            let status = status_of(&read);
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
