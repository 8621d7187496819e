//! Small SVG and CSS charts. Geometry comes from [`crate::core::chart`]; every chart has a
//! text alternative (a label or a table next to it).

use crate::core::chart::{nice_ceiling, scale};
use leptos::prelude::*;

/// Horizontal bars, one per row, labelled with their value text.
#[component]
pub fn BarList(
    /// (label, value, value as text, CSS class of the bar).
    rows: Vec<(String, f64, String, &'static str)>,
    /// Test id of the list.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    view! {
        <ul class="bar-list" data-testid=test_id>
            {rows.into_iter().map(|(label, value, text, class)| {
                let width = format!("width:{:.2}%", scale(value, max, 100.0));
                view! {
                    <li>
                        <span class="bar-label">{label}</span>
                        <span class="bar-track"><span class=format!("bar-fill {class}") style=width></span></span>
                        <span class="bar-value">{text}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Vertical columns with a y axis, e.g. a monthly bill over months.
#[component]
pub fn ColumnChart(
    /// (x label, value) per column.
    columns: Vec<(String, f64)>,
    /// Formats an axis value.
    format: fn(f64) -> String,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    const W: f64 = 640.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 64.0;
    const BOTTOM: f64 = 24.0;
    let top = nice_ceiling(columns.iter().map(|c| c.1).fold(0.0, f64::max));
    let n = columns.len().max(1) as f64;
    let slot = (W - LEFT) / n;
    let plot_h = H - BOTTOM - 8.0;
    let every = (columns.len() / 12).max(1);
    let ticks = [0.0, 0.5, 1.0].map(|f| {
        let y = 8.0 + plot_h - plot_h * f;
        view! {
            <line x1=LEFT x2=W y1=y y2=y class="grid" />
            <text x=LEFT - 6.0 y=y + 4.0 class="axis" text-anchor="end">{format(top * f)}</text>
        }
    });
    view! {
        <svg class="column-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label
            preserveAspectRatio="none">
            {ticks.into_iter().collect_view()}
            {columns.into_iter().enumerate().map(|(i, (x_label, value))| {
                let h = scale(value, top, plot_h);
                let x = LEFT + slot * i as f64 + slot * 0.15;
                view! {
                    <rect x=x y=8.0 + plot_h - h width=slot * 0.7 height=h class="column">
                        <title>{format!("{x_label}: {}", format(value))}</title>
                    </rect>
                    {(i % every == 0).then(|| view! {
                        <text x=x + slot * 0.35 y=H - 6.0 class="axis" text-anchor="middle">{x_label.clone()}</text>
                    })}
                }
            }).collect_view()}
        </svg>
    }
}
