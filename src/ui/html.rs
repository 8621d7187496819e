//! Read-only tables and charts written as HTML text and set with `inner_html`: one code path
//! for every such table instead of a compiled view per table shape, which keeps the Wasm
//! small. Every piece of text goes through [`esc`].

use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A cell: escaped text, with an optional second line in a `<small>` of a class.
pub fn cell(text: &str, small: Option<(&str, &str)>) -> String {
    match small {
        None => esc(text),
        Some((class, note)) => format!(
            "{}<small class=\"{class}\">{}</small>",
            esc(text),
            esc(note)
        ),
    }
}

/// A row: its test id (may be empty), whether it is highlighted, and its cells' HTML (the
/// first becomes the row header).
pub struct Row {
    /// `data-testid` of the row, or empty.
    pub test_id: String,
    /// Highlighted (the best choice).
    pub best: bool,
    /// Cell HTML from [`cell`]; the first is the row header.
    pub cells: Vec<String>,
}

/// A `breakdown` table: header texts (the first column is text, the rest numbers unless
/// `text_columns` says otherwise) and rows.
pub fn table(
    class: &str,
    test_id: &str,
    head: &[&str],
    text_columns: &[usize],
    rows: &[Row],
) -> String {
    let mut h = format!("<table class=\"breakdown {class}\" data-testid=\"{test_id}\"><thead><tr>");
    let align = |i: usize| {
        if i == 0 || text_columns.contains(&i) {
            ""
        } else {
            " class=\"num\""
        }
    };
    for (i, t) in head.iter().enumerate() {
        let _ = write!(h, "<th scope=\"col\"{}>{}</th>", align(i), esc(t));
    }
    h.push_str("</tr></thead><tbody>");
    for r in rows {
        let _ = write!(
            h,
            "<tr{}{}>",
            if r.test_id.is_empty() {
                String::new()
            } else {
                format!(" data-testid=\"{}\"", esc(&r.test_id))
            },
            if r.best { " class=\"best-row\"" } else { "" }
        );
        for (i, c) in r.cells.iter().enumerate() {
            if i == 0 {
                let _ = write!(h, "<th scope=\"row\">{c}</th>");
            } else {
                let class = if text_columns.contains(&i) {
                    "detail"
                } else {
                    "num"
                };
                let _ = write!(h, "<td class=\"{class}\">{c}</td>");
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}
