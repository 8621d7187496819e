//! The few browser calls that may throw (history inside a sandboxed iframe, the clipboard,
//! downloads, printing), wrapped in JavaScript `try` so a refusal is a return value, never an
//! exception through Wasm and never a console error.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r##"
export function get_hash() { try { return location.hash; } catch (e) { return ""; } }
export function page_url() { try { return location.href.split("#")[0]; } catch (e) { return ""; } }
export function set_hash(h) {
  try { history.replaceState(history.state, "", h); return true; } catch (e) { return false; }
}
export function copy_text(t) {
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(t).then(() => true, () => false);
    }
  } catch (e) {}
  return Promise.resolve(false);
}
export function download(name, mime, text) {
  try {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = document.createElement("a");
    a.href = url; a.download = name; a.style.display = "none";
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    return true;
  } catch (e) { return false; }
}
export function print_page() { try { window.print(); } catch (e) {} }
export function set_theme(t) {
  try { if (t === "auto") delete document.documentElement.dataset.theme; else document.documentElement.dataset.theme = t; } catch (e) {}
}
export function focus(id) {
  try { const el = document.getElementById(id); if (el) el.focus(); } catch (e) {}
}
export function select_text(id) {
  try { const el = document.getElementById(id); if (el) { el.focus(); el.select(); } } catch (e) {}
}
let later;
export function later_css() {
  try {
    if (!later) {
      later = new Promise((done) => {
        const l = document.createElement("link");
        l.rel = "stylesheet";
        l.href = document.documentElement.dataset.laterCss || "later.css";
        l.onload = l.onerror = () => done();
        document.head.appendChild(l);
      });
    }
    return later;
  } catch (e) { return Promise.resolve(); }
}
export function report_height(id) {
  try {
    if (window.parent === window) return;
    const el = document.getElementById(id);
    if (!el) return;
    let last = -1;
    const send = () => {
      const h = Math.ceil(el.getBoundingClientRect().height);
      if (h !== last) {
        last = h;
        try { window.parent.postMessage({ type: "inference-cost:height", height: h }, "*"); } catch (e) {}
      }
    };
    new ResizeObserver(send).observe(el);
    send();
  } catch (e) {}
}
"##)]
extern "C" {
    /// `location.hash` ("" when unreadable).
    pub fn get_hash() -> String;
    /// The page's address without its fragment.
    pub fn page_url() -> String;
    /// `history.replaceState` to a new fragment; false when the browser refused.
    pub fn set_hash(fragment: &str) -> bool;
    /// Writes text to the clipboard; resolves to false when the clipboard is blocked.
    pub fn copy_text(text: &str) -> js_sys::Promise;
    /// Saves text as a file; false when the browser refused.
    pub fn download(name: &str, mime: &str, text: &str) -> bool;
    /// Opens the print dialog.
    pub fn print_page();
    /// Sets `data-theme` on `<html>` ("auto" removes it).
    pub fn set_theme(theme: &str);
    /// Focuses an element.
    pub fn focus(id: &str);
    /// Focuses an input and selects its text.
    pub fn select_text(id: &str);
    /// Starts fetching the stylesheet of the parts loaded later (`style/later.css`; the
    /// release build names it in `<html data-later-css>`), once; resolves when it has loaded
    /// or failed.
    fn later_css() -> js_sys::Promise;
    /// In an iframe: posts `{type: "inference-cost:height", height}` to the parent whenever
    /// the element's height changes.
    pub fn report_height(id: &str);
}

/// Copies text; `true` when the clipboard took it.
pub async fn copy(text: &str) -> bool {
    wasm_bindgen_futures::JsFuture::from(copy_text(text))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Starts fetching the stylesheet of the parts loaded later, once, beside a chunk's code (the
/// stylesheet is a twentieth of the smallest such chunk, so it arrives first).
pub fn load_later_css() {
    let _ = later_css();
}
