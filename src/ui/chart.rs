//! Small SVG and CSS charts. Geometry comes from [`crate::core::chart`]; every chart has a
//! text alternative (a label or a table next to it).

use crate::core::chart::{coordinate as c, nice_ceiling, scale, svg_path};
use crate::core::format::fixed;
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
                let width = format!("width:{}%", fixed(scale(value, max, 100.0), 2));
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

/// One line of a [`LineChart`].
pub struct Series {
    /// Legend text.
    pub label: String,
    /// CSS class of the line (its colour).
    pub class: &'static str,
    /// (x, y) points, x ascending.
    pub points: Vec<(f64, f64)>,
    /// Draw as steps (each value holds until the next point) rather than straight segments.
    pub step: bool,
}

/// Lines over a shared x axis, with labelled vertical markers (e.g. break-even points).
#[component]
pub fn LineChart(
    /// The lines.
    series: Vec<Series>,
    /// (x, label) of each vertical marker.
    markers: Vec<(f64, String)>,
    /// Formats an x-axis value.
    x_format: fn(f64) -> String,
    /// Formats a y-axis value.
    y_format: fn(f64) -> String,
    /// What the chart shows, for screen readers.
    #[prop(into)]
    label: String,
    /// Test id.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 22.0;
    const BOTTOM: f64 = 28.0;
    let x_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .fold(0.0, f64::max);
    let y_top = nice_ceiling(
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .fold(0.0, f64::max),
    );
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = move |v: f64| LEFT + scale(v, x_max, plot_w);
    let y = move |v: f64| TOP + plot_h - scale(v, y_top, plot_h);
    let path = |s: &Series| svg_path(s.points.iter().map(|&(px, py)| (x(px), y(py))), s.step);
    let y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| {
        let yy = y(y_top * f);
        view! {
            <line x1=c(LEFT) x2=c(W - RIGHT) y1=c(yy) y2=c(yy) class="grid" />
            <text x=c(LEFT - 6.0) y=c(yy + 4.0) class="axis" text-anchor="end">{y_format(y_top * f)}</text>
        }
    });
    let x_ticks = [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| {
        view! {
            <text x=c(x(x_max * f)) y=c(H - 8.0) class="axis" text-anchor="middle">{x_format(x_max * f)}</text>
        }
    });
    let legend: Vec<(String, &'static str)> =
        series.iter().map(|s| (s.label.clone(), s.class)).collect();
    let lines: Vec<(String, &'static str)> = series.iter().map(|s| (path(s), s.class)).collect();
    view! {
        <figure class="line-chart" data-testid=test_id>
            <svg viewBox="0 0 640 260" role="img" aria-label=label>
                {y_ticks.into_iter().collect_view()}
                {x_ticks.into_iter().collect_view()}
                {markers.into_iter().filter(|(v, _)| *v <= x_max).enumerate().map(|(i, (v, text))| {
                    let mx = x(v);
                    let anchor = if mx > W - 120.0 { "end" } else { "start" };
                    view! {
                        <line x1=c(mx) x2=c(mx) y1=c(TOP) y2=c(TOP + plot_h) class="marker" />
                        <text x=c(if anchor == "end" { mx - 4.0 } else { mx + 4.0 }) y=c(TOP - 6.0 + 12.0 * i as f64) class="marker-label" text-anchor=anchor>
                            {format!("{text}: {}", x_format(v))}
                        </text>
                    }
                }).collect_view()}
                {lines.into_iter().map(|(d, class)| view! { <path d=d class=format!("line {class}") /> }).collect_view()}
            </svg>
            <figcaption class="legend">
                {legend.into_iter().map(|(text, class)| view! {
                    <span><span class=format!("swatch {class}") aria-hidden="true"></span>{text}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
