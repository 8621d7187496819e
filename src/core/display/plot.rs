//! Chart geometry, display-ready: every coordinate and label of a chart as text, so the
//! page only places it ([`crate::ui::dom::PlotDom`]) and an edit rewrites only what moved.

use crate::core::chart::{coordinate as c, nice_ceiling, scale, svg_path};

/// A chart: grid lines with their labels, labels under the x axis, vertical markers with
/// labels, the drawn paths (lines, steps, bands) and the legend, plus what it shows in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plot {
    /// What the chart shows, for screen readers (its `aria-label`).
    pub label: String,
    /// Horizontal grid lines.
    pub grid: Vec<GridLine>,
    /// Labels under the x axis.
    pub x_labels: Vec<AxisLabel>,
    /// Vertical markers (a break-even, an optimum).
    pub markers: Vec<Marker>,
    /// The paths drawn, in order (later ones on top).
    pub paths: Vec<PlotPath>,
    /// The legend: a swatch class and a text per entry.
    pub legend: Vec<(String, String)>,
}

/// A horizontal grid line and its label at the left.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridLine {
    /// Where the line starts and ends.
    pub x1: String,
    /// Where the line ends.
    pub x2: String,
    /// Its height.
    pub y: String,
    /// The label's right edge.
    pub label_x: String,
    /// The label's baseline.
    pub label_y: String,
    /// The label.
    pub text: String,
}

/// A label under the x axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AxisLabel {
    /// Its anchor point.
    pub x: String,
    /// Its baseline.
    pub y: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The label.
    pub text: String,
}

/// A vertical marker line with its label.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Marker {
    /// Where the line stands.
    pub x: String,
    /// Its top.
    pub y1: String,
    /// Its bottom.
    pub y2: String,
    /// The label's anchor point.
    pub label_x: String,
    /// The label's baseline.
    pub label_y: String,
    /// `start` or `end`.
    pub anchor: &'static str,
    /// The label.
    pub text: String,
}

/// A drawn path: its `d` and its CSS classes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlotPath {
    /// The SVG path.
    pub d: String,
    /// CSS classes (`line line-api`, `band`).
    pub class: String,
}

/// One line of a [`line_chart`].
#[derive(Debug, Clone, PartialEq)]
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

/// The view box of a [`line_chart`].
pub const LINE_VIEW: (f64, f64) = (640.0, 260.0);

/// Lines over a shared x axis from 0, with five labelled grid lines, five x labels and
/// labelled vertical markers (each label one line lower than the previous, so that close
/// markers do not overlap), in a 640 × 260 view box.
pub fn line_chart(
    series: &[Series],
    markers: &[(f64, String)],
    x_format: fn(f64) -> String,
    y_format: fn(f64) -> String,
    label: &str,
) -> Plot {
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 22.0;
    const BOTTOM: f64 = 28.0;
    let (w, h) = LINE_VIEW;
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
    let plot_w = w - LEFT - RIGHT;
    let plot_h = h - TOP - BOTTOM;
    let x = |v: f64| LEFT + scale(v, x_max, plot_w);
    let y = |v: f64| TOP + plot_h - scale(v, y_top, plot_h);
    let quarters = [0.0, 0.25, 0.5, 0.75, 1.0];
    let grid = quarters
        .iter()
        .map(|f| {
            let yy = y(y_top * f);
            GridLine {
                x1: c(LEFT),
                x2: c(w - RIGHT),
                y: c(yy),
                label_x: c(LEFT - 6.0),
                label_y: c(yy + 4.0),
                text: y_format(y_top * f),
            }
        })
        .collect();
    let x_labels = quarters
        .iter()
        .map(|f| AxisLabel {
            x: c(x(x_max * f)),
            y: c(h - 8.0),
            anchor: "middle",
            text: x_format(x_max * f),
        })
        .collect();
    let markers = markers
        .iter()
        .filter(|(v, _)| *v <= x_max)
        .enumerate()
        .map(|(i, (v, text))| {
            let mx = x(*v);
            let end = mx > w - 120.0;
            Marker {
                x: c(mx),
                y1: c(TOP),
                y2: c(TOP + plot_h),
                label_x: c(if end { mx - 4.0 } else { mx + 4.0 }),
                label_y: c(TOP - 6.0 + 12.0 * i as f64),
                anchor: if end { "end" } else { "start" },
                text: format!("{text}: {}", x_format(*v)),
            }
        })
        .collect();
    let paths = series
        .iter()
        .map(|s| PlotPath {
            d: svg_path(s.points.iter().map(|&(px, py)| (x(px), y(py))), s.step),
            class: format!("line {}", s.class),
        })
        .collect();
    let legend = series
        .iter()
        .map(|s| (format!("swatch {}", s.class), s.label.clone()))
        .collect();
    Plot {
        label: label.to_owned(),
        grid,
        x_labels,
        markers,
        paths,
        legend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(v: f64) -> String {
        crate::core::format::usd_short(v)
    }

    #[test]
    fn a_line_chart_by_hand() {
        // One line from (0, 0) to (100, 1,000): the y axis tops at 1,000, the plot is 564 ×
        // 210 from (64, 22); x = 64 + v / 100 × 564, y = 232 − v / 1,000 × 210.
        let s = Series {
            label: "API".into(),
            class: "line-api",
            points: vec![(0.0, 0.0), (100.0, 1_000.0)],
            step: false,
        };
        let p = line_chart(
            &[s],
            &[(50.0, "today".into()), (200.0, "never".into())],
            |v| crate::core::format::number(v, 0),
            usd,
            "cost",
        );
        assert_eq!(p.paths[0].d, "M64.0,232.0L628.0,22.0");
        assert_eq!(p.paths[0].class, "line line-api");
        assert_eq!(p.grid.len(), 5);
        assert_eq!(p.grid[4].y, "22.0");
        assert_eq!(p.grid[4].text, "$1K");
        assert_eq!(p.x_labels[2].text, "50");
        // The marker beyond the axis is left out; the one at 50 stands at 346.
        assert_eq!(p.markers.len(), 1);
        assert_eq!(p.markers[0].x, "346.0");
        assert_eq!(p.markers[0].text, "today: 50");
        assert_eq!(
            p.legend,
            vec![("swatch line-api".to_owned(), "API".to_owned())]
        );
    }
}
