//! Your real usage: a provider's usage export (OpenAI's Usage API, Anthropic's usage report, or
//! a CSV), pasted or chosen as a file, read in the browser and never sent anywhere; what it
//! covers, priced with the page's models; the chargeback by project, key or workspace; the
//! reconciliation with the provider's cost report; and one click to turn it into workloads.
//!
//! The first load holds only the section's heading ([`UsageImport`]); the form, the readers
//! and what they show are in the `usage_import` chunk, loaded when the section first opens.
//! A file is read in pieces of 2 MB ([`read_in_pieces`]), each summed into the groups and
//! dropped, with the page updated (and progress shown) between pieces, so a year of hourly
//! buckets neither freezes the page nor has to fit in memory. The raw export stays in this
//! component: links carry the workloads made from it, never the file.

use super::dom::{find, text_of, BarsDom, LinesDom, Shown, TableDom, TextSlot};
use super::js;
use super::lazy;
use super::state::use_app_state;
use super::table::panel;
use crate::core::display::usage as display;
use crate::core::export::chargeback_csv;
use crate::core::format;
use crate::core::models::resolve_models;
use crate::core::usage_report::bill::{
    chargeback, price, read_costs, reconcile, to_workloads, BillSettings, Billed, PriceBook,
    UsageBill,
};
use crate::core::usage_report::{CsvColumn, CsvMapping, ReportFormat, UsageReader, UsageTable};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Bytes read from a file at a time.
const PIECE: f64 = 2.0 * 1024.0 * 1024.0;

/// At most this many workloads are made from an import (the smallest groups are merged).
const WORKLOAD_LIMIT: usize = 50;

/// The section: closed, its heading; opened, the form from the chunk.
#[component]
pub fn UsageImport() -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <section class="panel usage-import" aria-labelledby="usage-import-title">
            <details class="import" on:toggle=move |_| opened.set(true)>
                <summary data-testid="usage-import-open">
                    <h2 id="usage-import-title">"Your real usage"</h2>
                </summary>
                {lazy::when_opened(opened, "usage import", || {
                    js::load_later_css();
                    Box::pin(lazy::usage_import())
                })}
            </details>
        </section>
    }
}

/// Yields to the browser (a task boundary), so the page paints and answers input between
/// pieces.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Reads `file` in pieces, cut at character boundaries, handing each to `piece` and the bytes
/// read so far to `progress`.
async fn read_in_pieces(
    file: web_sys::File,
    mut piece: impl FnMut(&str),
    progress: impl Fn(f64, f64),
) -> Result<(), String> {
    let size = file.size();
    let mut offset = 0.0;
    let mut carry: Vec<u8> = Vec::new();
    while offset < size {
        let end = (offset + PIECE).min(size);
        let blob = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| "the file could not be read".to_owned())?;
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
            .await
            .map_err(|_| "the file could not be read".to_owned())?;
        carry.extend_from_slice(&js_sys::Uint8Array::new(&buffer).to_vec());
        let last = end >= size;
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
            Err(e) => {
                return Err(format!(
                    "the file is not UTF-8 text (at byte {})",
                    format::number(offset + e.valid_up_to() as f64, 0)
                ))
            }
        };
        piece(std::str::from_utf8(&carry[..valid]).unwrap_or_default());
        carry.drain(..valid);
        offset = end;
        progress(offset, size);
        yield_now().await;
    }
    Ok(())
}

/// What the results part writes.
struct ResultsDom {
    shown: Shown,
    period: TextSlot,
    total: TextSlot,
    monthly: TextSlot,
    counts: TextSlot,
    notes: LinesDom,
    groups: TableDom,
}

impl ResultsDom {
    fn new(root: &web_sys::Element) -> Option<ResultsDom> {
        Some(ResultsDom {
            shown: Shown::of(find(root, "usage-results")?),
            period: text_of(root, "usage-period")?,
            total: text_of(root, "usage-total")?,
            monthly: text_of(root, "usage-monthly")?,
            counts: text_of(root, "usage-counts")?,
            notes: LinesDom::new(&find(root, "usage-notes")?),
            groups: TableDom::new(&find(root, "usage-groups")?)?,
        })
    }

    fn update(&mut self, table: Option<&UsageTable>, bill: Option<&UsageBill>) {
        let (Some(table), Some(bill)) = (table, bill) else {
            self.shown.set(false);
            return;
        };
        self.shown.set(true);
        let s = display::summary(table, bill);
        self.period.set(&s.period);
        self.total.set(&s.total);
        self.monthly.set(&s.monthly);
        self.counts.set(&s.counts);
        self.notes.update(&s.notes);
        self.groups
            .update(&display::groups(bill, display::GROUP_ROWS), usize::MAX);
    }
}

/// The form and what an import shows (from the chunk).
pub fn body() -> impl IntoView {
    let state = use_app_state();
    let format_key = RwSignal::new("auto".to_owned());
    let pasted = RwSignal::new(String::new());
    let file = StoredValue::new_local(None::<web_sys::File>);
    let file_name = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(None::<CsvMapping>);
    let progress = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let table = RwSignal::new(None::<Arc<UsageTable>>);
    let accept_partial = RwSignal::new(false);
    let prompt_size = RwSignal::new(BillSettings::default().prompt_per_request);
    let reading = RwSignal::new(false);

    // The models a bill can use change only with custom models, overrides and discounts.
    let custom = Memo::new(move |_| state.scenario.with(|s| s.custom_models.clone()));
    let overrides = Memo::new(move |_| state.scenario.with(|s| s.price_overrides.clone()));
    let discounts = Memo::new(move |_| state.scenario.with(|s| s.discounts.clone()));
    let models = Memo::new(move |_| custom.with(|c| overrides.with(|o| resolve_models(c, o))));
    let usable = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref()
                .is_some_and(|t| t.problem_count == 0 || accept_partial.get())
        })
    });
    let bill = Memo::new_with_compare(
        move |_| {
            if !usable.get() {
                return None;
            }
            let t = table.get()?;
            let settings = BillSettings {
                prompt_per_request: prompt_size.get(),
            };
            let imported = state.imported.get();
            let b = models.with(|m| {
                discounts.with(|d| {
                    let book = PriceBook {
                        models: m,
                        imported: imported.as_deref(),
                        discounts: d,
                    };
                    price(&t, &book, settings)
                })
            });
            Some(Arc::new(b))
        },
        |a: Option<&Option<Arc<UsageBill>>>, b| match (a, b) {
            (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );

    let read = move |_| {
        if reading.get_untracked() {
            return;
        }
        let chosen = ReportFormat::from_key(&format_key.get_untracked());
        let given = mapping.get_untracked();
        let the_file = file.get_value();
        let text = pasted.get_untracked();
        if the_file.is_none() && text.trim().is_empty() {
            message.set(Some("Paste an export or choose a file first.".to_owned()));
            return;
        }
        message.set(None);
        reading.set(true);
        accept_partial.set(false);
        leptos::task::spawn_local(async move {
            let mut reader: Option<UsageReader> = None;
            let mut feed = |piece: &str| {
                reader
                    .get_or_insert_with(|| {
                        let format = chosen.unwrap_or_else(|| ReportFormat::detect(piece));
                        UsageReader::new(
                            format,
                            given.clone().filter(|_| format == ReportFormat::Csv),
                        )
                    })
                    .feed(piece);
            };
            let result = if let Some(f) = the_file {
                read_in_pieces(f, &mut feed, |done, size| {
                    progress.set(Some(format!(
                        "Read {} of {} ({})",
                        format::compact(done),
                        format::compact(size),
                        format::percent(if size > 0.0 { done / size } else { 1.0 })
                    )));
                })
                .await
            } else {
                feed(&text);
                Ok(())
            };
            reading.set(false);
            progress.set(None);
            if let Err(e) = result {
                message.set(Some(e));
                return;
            }
            if let Some(r) = reader {
                mapping.set(r.mapping().cloned());
                table.set(Some(Arc::new(r.finish())));
            }
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let chosen = input.and_then(|i| i.files()).and_then(|f| f.get(0));
        file_name.set(chosen.as_ref().map(web_sys::File::name));
        file.set_value(chosen);
        mapping.set(None);
    };

    let node = NodeRef::<leptos::html::Div>::new();
    panel(node, ResultsDom::new, move |d: &mut ResultsDom| {
        table.with(|t| bill.with(|b| d.update(t.as_deref(), b.as_deref())));
    });
    let problems = move || {
        table.with(|t| {
            t.as_ref().filter(|t| t.problem_count > 0).map(|t| {
                let lines: Vec<String> = t.problems.iter().map(ToString::to_string).collect();
                let more = t.problem_count.saturating_sub(t.problems.len());
                view! {
                    <div class="banner banner-error" role="alert" data-testid="usage-problems">
                        <p>{format!(
                            "{} could not be read; nothing is used until they are fixed, or until you choose to leave them out.",
                            if t.problem_count == 1 { "1 row or bucket".to_owned() } else { format!("{} rows or buckets", format::number(t.problem_count as f64, 0)) }
                        )}</p>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        {(more > 0).then(|| view! { <p>{format!("… and {} more.", format::number(more as f64, 0))}</p> })}
                        <label class="check">
                            <input type="checkbox" data-testid="usage-accept-partial"
                                prop:checked=move || accept_partial.get()
                                on:change:target=move |ev| accept_partial.set(ev.target().checked()) />
                            {format!(" Use the {} rows that were read, leaving out the ones named above", format::number(t.rows as f64, 0))}
                        </label>
                    </div>
                }
            })
        })
    };

    view! {
        <div class="usage-form">
            <p class="hint">"Import your provider's usage export (OpenAI, Anthropic, or a CSV) and price what you really sent. Nothing leaves this page: the export is read and priced here. Fetch it with your admin key from "
                <code>"/v1/organization/usage/completions"</code>" (OpenAI; group by model and project, key or batch) or "
                <code>"/v1/organizations/usage_report/messages"</code>" (Anthropic; group by model, workspace or service tier); pages one after another are fine. A CSV needs a header row: date, model, and token columns."</p>
            <div class="row">
                <div class="field">
                    <label for="usage-format">"Format"</label>
                    <select id="usage-format" data-testid="usage-format"
                        on:change:target=move |ev| { format_key.set(ev.target().value()); mapping.set(None); }>
                        <option value="auto">"Recognize it"</option>
                        {ReportFormat::ALL.iter().map(|f| view! { <option value=f.key()>{f.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="usage-file">"File"</label>
                    <input id="usage-file" type="file" accept=".json,.csv,.txt,application/json,text/csv"
                        data-testid="usage-file" on:change=choose />
                </div>
            </div>
            <div class="field">
                <label for="usage-paste">"Or paste it"</label>
                <textarea id="usage-paste" rows="4" spellcheck="false" data-testid="usage-paste"
                    placeholder="{\"object\": \"page\", \"data\": [ … ] }"
                    on:input:target=move |ev| { pasted.set(ev.target().value()); file.set_value(None); file_name.set(None); }></textarea>
            </div>
            <button type="button" class="btn" data-testid="usage-read" on:click=read
                disabled=move || reading.get()>
                {move || if reading.get() { "Reading…".to_owned() } else { file_name.get().map_or_else(|| "Read the export".to_owned(), |n| format!("Read {n}")) }}
            </button>
            <p class="hint" role="status" data-testid="usage-progress">{move || progress.get()}</p>
            <p class="error" role="alert" data-testid="usage-message">{move || message.get()}</p>
            <CsvMappingEditor mapping />
        </div>
        {problems}
        <div node_ref=node>
            <div data-testid="usage-results" hidden>
                <p class="eyebrow" data-testid="usage-period"></p>
                <p class="total usage-total" data-testid="usage-total"></p>
                <p class="total-sub">"for the period · "<strong data-testid="usage-monthly"></strong>" a month"</p>
                <p class="hint" data-testid="usage-counts"></p>
                <ul class="notes" data-testid="usage-notes"></ul>
                <div class="table-wrap" tabindex="0" role="region" aria-label="The groups of the export, priced"><table class="breakdown" data-testid="usage-groups"></table></div>
            </div>
        </div>
        <Show when=move || bill.with(Option::is_some)>
            <PromptSize bill prompt_size />
            <Workloads bill />
            <Chargeback bill />
            <Reconciliation bill />
        </Show>
    }
}

/// Each CSV column's meaning, changeable; reading again applies it.
#[component]
fn CsvMappingEditor(
    /// The mapping the last read used (or the user's).
    mapping: RwSignal<Option<CsvMapping>>,
) -> impl IntoView {
    let columns = Memo::new(move |_| mapping.with(|m| m.as_ref().map_or(0, |m| m.headers.len())));
    let set = move |i: usize, key: String| {
        mapping.update(|m| {
            if let Some(m) = m {
                let name = m.headers.get(i).cloned().unwrap_or_default();
                if let Some(c) = m.columns.get_mut(i) {
                    *c = CsvColumn::from_key(&key, &name);
                }
            }
        });
    };
    view! {
        <Show when=move || { columns.get() > 0 }>
            <details class="more" data-testid="usage-mapping">
                <summary>"What each CSV column holds (change it, then read again)"</summary>
                <div class="mapping">
                    {move || (0..columns.get()).map(|i| {
                        let header = mapping.with_untracked(|m| m.as_ref().and_then(|m| m.headers.get(i).cloned()).unwrap_or_default());
                        let current = mapping.with_untracked(|m| m.as_ref().and_then(|m| m.columns.get(i)).map_or("ignore", CsvColumn::key));
                        let id = format!("usage-col-{i}");
                        view! {
                            <div class="field">
                                <label for=id.clone()>{header}</label>
                                <select id=id.clone() data-testid=id on:change:target=move |ev| set(i, ev.target().value())>
                                    {CsvColumn::CHOICES.iter().map(|(k, label)| view! { <option value=*k selected=current == *k>{*label}</option> }).collect_view()}
                                    <option value="group" selected=current == "group">"A group (project, team…)"</option>
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.reasoning_in_output))
                        on:change:target=move |ev| { let on = ev.target().checked(); mapping.update(|m| if let Some(m) = m { m.reasoning_in_output = on; }); } />
                    " Reasoning tokens are counted inside the output tokens (OpenAI's convention; uncheck for Gemini's)"
                </label>
            </details>
        </Show>
    }
}

/// For exports that count no requests: the prompt tokens a request is taken to hold.
#[component]
fn PromptSize(bill: Memo<Option<Arc<UsageBill>>>, prompt_size: RwSignal<f64>) -> impl IntoView {
    let estimated =
        Memo::new(move |_| bill.with(|b| b.as_ref().is_some_and(|b| b.estimated_requests)));
    view! {
        <Show when=move || estimated.get()>
            <div class="field narrow">
                <label for="usage-prompt-size">"Prompt tokens per request (to estimate requests)"</label>
                <input id="usage-prompt-size" type="text" inputmode="numeric" data-testid="usage-prompt-size"
                    prop:value=move || format::editable(prompt_size.get())
                    on:change:target=move |ev| {
                        if let Ok(v) = crate::scenario::parse_number(&ev.target().value()) {
                            if v >= 1.0 { prompt_size.set(v); }
                        }
                    } />
            </div>
        </Show>
    }
}

/// One click to turn the import into workloads.
#[component]
fn Workloads(bill: Memo<Option<Arc<UsageBill>>>) -> impl IntoView {
    let state = use_app_state();
    let by = RwSignal::new(String::new());
    let dims = Memo::new(move |_| {
        bill.with(|b| b.as_ref().map(|b| b.dimensions.clone()).unwrap_or_default())
    });
    let made = Memo::new(move |_| {
        let by = by.get();
        bill.with(|b| {
            b.as_ref().map(|b| {
                let (first, custom) = state.scenario.with_untracked(|s| {
                    let n = s
                        .next_custom_id()
                        .trim_start_matches("custom/")
                        .parse::<u32>()
                        .unwrap_or(1);
                    (s.next_workload_id(), n)
                });
                to_workloads(
                    b,
                    (!by.is_empty()).then_some(by.as_str()),
                    first,
                    custom,
                    WORKLOAD_LIMIT,
                )
            })
        })
    });
    let apply = move |replace: bool| {
        let Some(w) = made.get_untracked() else {
            return;
        };
        state.scenario.update(|s| {
            if replace {
                s.workloads.clear();
            }
            let first = s.next_workload_id();
            for (i, mut workload) in w.workloads.into_iter().enumerate() {
                workload.id = first + u32::try_from(i).unwrap_or(0);
                s.workloads.push(workload);
            }
            for m in w.custom_models {
                if !s.custom_models.iter().any(|c| c.id == m.id) {
                    s.custom_models.push(m);
                }
            }
        });
    };
    let summary = move || {
        made.with(|m| {
            m.as_ref().map_or_else(String::new, |m| {
                format!(
                    "{} workload{} with the export's token mix, at its monthly rate.",
                    m.workloads.len(),
                    if m.workloads.len() == 1 { "" } else { "s" }
                )
            })
        })
    };
    view! {
        <div class="usage-block">
            <h3 class="subhead">"Ask what if: use it as workloads"</h3>
            <div class="row">
                <div class="field">
                    <label for="usage-by">"One workload per model and"</label>
                    <select id="usage-by" data-testid="usage-by" on:change:target=move |ev| by.set(ev.target().value())>
                        <option value="">"nothing else"</option>
                        {move || dims.get().into_iter().map(|d| view! { <option value=d.clone()>{d.replace('_', " ")}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="hint" data-testid="usage-workloads-summary">{summary}</p>
            <ul class="notes">{move || made.with(|m| m.as_ref().map(|m| m.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()))}</ul>
            <button type="button" class="btn" data-testid="usage-replace" on:click=move |_| apply(true)>"Replace the workloads with these"</button>
            " "
            <button type="button" class="btn" data-testid="usage-add" on:click=move |_| apply(false)>"Add them to the workloads"</button>
        </div>
    }
}

/// Cost per project, key or workspace: bars, a table and a CSV.
#[component]
fn Chargeback(bill: Memo<Option<Arc<UsageBill>>>) -> impl IntoView {
    let dims = Memo::new(move |_| {
        bill.with(|b| b.as_ref().map(|b| b.dimensions.clone()).unwrap_or_default())
    });
    let by = RwSignal::new(None::<String>);
    let dimension = Memo::new(move |_| by.get().or_else(|| dims.with(|d| d.first().cloned())));
    let node = NodeRef::<leptos::html::Div>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(root.clone()),
                BarsDom::new(&find(root, "usage-charge-bars")?),
                TableDom::new(&find(root, "usage-charge")?)?,
            ))
        },
        move |(shown, bars, table): &mut (Shown, BarsDom, TableDom)| {
            let dim = dimension.get();
            bill.with(|b| {
                let (Some(b), Some(dim)) = (b.as_ref(), dim) else {
                    shown.set(false);
                    return;
                };
                shown.set(true);
                let (list, t) = display::chargeback(&chargeback(b, &dim), b.monthly_factor());
                bars.update(&list);
                table.update(&t, usize::MAX);
            });
        },
    );
    let download = move |_| {
        let Some(dim) = dimension.get_untracked() else {
            return;
        };
        let text = bill.with_untracked(|b| {
            b.as_ref()
                .map(|b| chargeback_csv(&dim, &chargeback(b, &dim), b.monthly_factor()))
        });
        if let Some(text) = text {
            js::download(&format!("chargeback-by-{dim}.csv"), "text/csv", &text);
        }
    };
    view! {
        <div class="usage-block" node_ref=node hidden>
            <h3 class="subhead">"Chargeback"</h3>
            <div class="row">
                <div class="field">
                    <label for="usage-charge-by">"Cost per"</label>
                    <select id="usage-charge-by" data-testid="usage-charge-by" on:change:target=move |ev| by.set(Some(ev.target().value()))>
                        {move || dims.get().into_iter().map(|d| view! { <option value=d.clone()>{d.replace('_', " ")}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <ul class="bar-list" data-testid="usage-charge-bars"></ul>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Chargeback table"><table class="breakdown" data-testid="usage-charge"></table></div>
            <button type="button" class="btn btn-small" data-testid="usage-charge-csv" on:click=download>"Download as CSV"</button>
        </div>
    }
}

/// The provider's cost report set against the computed bill.
#[component]
fn Reconciliation(bill: Memo<Option<Arc<UsageBill>>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let billed = Memo::new(move |_| text.with(|t| (!t.trim().is_empty()).then(|| read_costs(t))));
    let node = NodeRef::<leptos::html::Div>::new();
    panel(
        node,
        |root| {
            Some((
                Shown::of(find(root, "usage-recon-result")?),
                TableDom::new(&find(root, "usage-recon")?)?,
            ))
        },
        move |(shown, table): &mut (Shown, TableDom)| {
            billed.with(|billed: &Option<Billed>| {
                bill.with(|b| {
                    let (Some(b), Some(billed)) = (b.as_ref(), billed.as_ref()) else {
                        shown.set(false);
                        return;
                    };
                    shown.set(true);
                    table.update(
                        &display::reconciliation(&reconcile(b, billed), billed, b.total),
                        usize::MAX,
                    );
                });
            });
        },
    );
    let problems =
        move || billed.with(|b| b.as_ref().map(|b| b.problems.join(" ")).unwrap_or_default());
    view! {
        <div class="usage-block" node_ref=node>
            <h3 class="subhead">"Reconcile with what you were billed"</h3>
            <div class="field">
                <label for="usage-costs">"Paste the cost report (OpenAI's /v1/organization/costs grouped by line item, or Anthropic's cost_report grouped by description)"</label>
                <textarea id="usage-costs" rows="3" spellcheck="false" data-testid="usage-costs"
                    on:change:target=move |ev| text.set(ev.target().value())></textarea>
            </div>
            <p class="error" role="alert">{problems}</p>
            <div data-testid="usage-recon-result" hidden>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Computed against billed"><table class="breakdown" data-testid="usage-recon"></table></div>
                <p class="hint">"Anthropic's cost report leaves out Priority Tier costs; OpenAI's line items name a model as \"model, kind\"."</p>
            </div>
        </div>
    }
}
