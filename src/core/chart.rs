//! Geometry for the page's small SVG charts: a readable axis maximum and bar scaling. Pure, so
//! the components only draw what this returns.

/// The smallest "nice" number (1, 2, 2.5 or 5 × 10ⁿ) at or above `max`; 1 for zero or less.
pub fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// A bar's length in `[0, length]` for `value` on an axis from 0 to `axis_max`.
pub fn scale(value: f64, axis_max: f64, length: f64) -> f64 {
    if axis_max > 0.0 && value.is_finite() {
        (value / axis_max).clamp(0.0, 1.0) * length
    } else {
        0.0
    }
}

/// An SVG path through points already in chart coordinates: straight segments, or steps
/// (each value holds until the next point, then jumps) for costs that come in whole units.
pub fn svg_path(points: impl IntoIterator<Item = (f64, f64)>, step: bool) -> String {
    let mut d = String::new();
    let mut last_y = None;
    let point = |d: &mut String, command: char, x: f64, y: f64| {
        d.push(command);
        d.push_str(&coordinate(x));
        d.push(',');
        d.push_str(&coordinate(y));
    };
    for (x, y) in points {
        match last_y {
            None => point(&mut d, 'M', x, y),
            Some(ly) if step => {
                point(&mut d, 'L', x, ly);
                point(&mut d, 'L', x, y);
            }
            Some(_) => point(&mut d, 'L', x, y),
        }
        last_y = Some(y);
    }
    d
}

/// A chart coordinate or length as SVG and CSS want it: one decimal (`12.5`).
pub fn coordinate(v: f64) -> String {
    super::format::fixed(v, 1)
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(6_000.0), 10_000.0);
        assert_eq!(nice_ceiling(4_800.0), 5_000.0);
        assert_eq!(nice_ceiling(2_100.0), 2_500.0);
        assert_eq!(nice_ceiling(1_000.0), 1_000.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
        assert!((nice_ceiling(0.03) - 0.05).abs() < 1e-15);
    }

    #[test]
    fn paths() {
        let points = [(0.0, 10.0), (5.0, 10.0), (10.0, 4.0)];
        assert_eq!(svg_path(points, false), "M0.0,10.0L5.0,10.0L10.0,4.0");
        assert_eq!(
            svg_path(points, true),
            "M0.0,10.0L5.0,10.0L5.0,10.0L10.0,10.0L10.0,4.0"
        );
        assert_eq!(svg_path([], true), "");
    }

    #[test]
    fn scaling_clamps() {
        assert_eq!(scale(50.0, 100.0, 200.0), 100.0);
        assert_eq!(scale(150.0, 100.0, 200.0), 200.0);
        assert_eq!(scale(-1.0, 100.0, 200.0), 0.0);
        assert_eq!(scale(1.0, 0.0, 200.0), 0.0);
    }
}
