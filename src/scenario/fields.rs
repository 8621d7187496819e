//! The Scenario's numeric fields: their labels, units, bounds, and the one parser that turns
//! what a user typed into a number or a message to show beside the field.
//!
//! Bounds live here and nowhere else: the page's fields, [`Scenario::validate`] and (later) the
//! link decoder all read them from [`Field::spec`].

use super::Scenario;
use std::fmt;

/// A numeric input of the Scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// [`super::Workload::requests_per_month`].
    RequestsPerMonth,
    /// [`super::Workload::input_tokens`].
    InputTokens,
    /// [`super::Workload::output_tokens`].
    OutputTokens,
    /// [`super::ModelPrice::input_usd_per_mtok`].
    InputPrice,
    /// [`super::ModelPrice::output_usd_per_mtok`].
    OutputPrice,
}

/// How a field is shown and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// Short label shown above the input.
    pub label: &'static str,
    /// Unit shown after the input.
    pub unit: &'static str,
    /// Smallest accepted value (inclusive).
    pub min: f64,
    /// Largest accepted value (inclusive). Chosen far above any real workload, and low enough
    /// that every product of maxima stays finite.
    pub max: f64,
    /// Stable id used for the DOM element and its test selector.
    pub id: &'static str,
}

impl Field {
    /// Every field, in the order the form shows them.
    pub const ALL: [Field; 5] = [
        Field::RequestsPerMonth,
        Field::InputTokens,
        Field::OutputTokens,
        Field::InputPrice,
        Field::OutputPrice,
    ];

    /// This field's label, unit and bounds.
    pub fn spec(self) -> FieldSpec {
        match self {
            Field::RequestsPerMonth => FieldSpec {
                label: "Requests per month",
                unit: "requests",
                min: 0.0,
                max: 1e12,
                id: "requests-per-month",
            },
            Field::InputTokens => FieldSpec {
                label: "Input tokens per request",
                unit: "tokens",
                min: 0.0,
                max: 1e8,
                id: "input-tokens",
            },
            Field::OutputTokens => FieldSpec {
                label: "Output tokens per request",
                unit: "tokens",
                min: 0.0,
                max: 1e8,
                id: "output-tokens",
            },
            Field::InputPrice => FieldSpec {
                label: "Input price",
                unit: "$ / M tokens",
                min: 0.0,
                max: 10_000.0,
                id: "input-price",
            },
            Field::OutputPrice => FieldSpec {
                label: "Output price",
                unit: "$ / M tokens",
                min: 0.0,
                max: 10_000.0,
                id: "output-price",
            },
        }
    }

    /// Reads this field from a Scenario.
    pub fn get(self, s: &Scenario) -> f64 {
        match self {
            Field::RequestsPerMonth => s.workload.requests_per_month,
            Field::InputTokens => s.workload.input_tokens,
            Field::OutputTokens => s.workload.output_tokens,
            Field::InputPrice => s.price.input_usd_per_mtok,
            Field::OutputPrice => s.price.output_usd_per_mtok,
        }
    }

    /// Writes this field into a Scenario. Callers pass values that [`Field::parse`] accepted.
    pub fn set(self, s: &mut Scenario, value: f64) {
        let slot = match self {
            Field::RequestsPerMonth => &mut s.workload.requests_per_month,
            Field::InputTokens => &mut s.workload.input_tokens,
            Field::OutputTokens => &mut s.workload.output_tokens,
            Field::InputPrice => &mut s.price.input_usd_per_mtok,
            Field::OutputPrice => &mut s.price.output_usd_per_mtok,
        };
        *slot = value;
    }

    /// Parses what the user typed into this field, checking its bounds.
    ///
    /// # Errors
    /// A [`FieldProblem`] whose `Display` is the message shown beside the field.
    pub fn parse(self, text: &str) -> Result<f64, FieldProblem> {
        let value = parse_number(text)?;
        self.spec().check(value)?;
        Ok(value)
    }
}

impl FieldSpec {
    /// Checks a value against this field's bounds.
    ///
    /// # Errors
    /// [`FieldProblem::NotFinite`], [`FieldProblem::Negative`], [`FieldProblem::BelowMin`] or
    /// [`FieldProblem::AboveMax`].
    pub fn check(&self, value: f64) -> Result<(), FieldProblem> {
        if !value.is_finite() {
            Err(FieldProblem::NotFinite)
        } else if value < 0.0 && self.min >= 0.0 {
            Err(FieldProblem::Negative)
        } else if value < self.min {
            Err(FieldProblem::BelowMin(self.min))
        } else if value > self.max {
            Err(FieldProblem::AboveMax(self.max))
        } else {
            Ok(())
        }
    }
}

/// Why a field's text was not accepted. `Display` gives the message shown beside the field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldProblem {
    /// Nothing was typed.
    Empty,
    /// The text is not a number (letters, two dots, a stray sign…).
    NotANumber,
    /// NaN or infinity (typed as `NaN`, `inf`, or overflowing like `1e999`).
    NotFinite,
    /// Below zero where only zero or more makes sense.
    Negative,
    /// Below the field's minimum (for fields whose minimum is above zero).
    BelowMin(f64),
    /// Above the field's maximum.
    AboveMax(f64),
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Empty => f.write_str("Enter a value."),
            FieldProblem::NotANumber => {
                f.write_str("Enter a number, like 1500, 1,500, 1.5k or 2e6.")
            }
            FieldProblem::NotFinite => f.write_str("Enter a finite number."),
            FieldProblem::Negative => f.write_str("Must be zero or more."),
            FieldProblem::BelowMin(min) => write!(f, "Must be at least {}.", plain(*min)),
            FieldProblem::AboveMax(max) => write!(f, "Must be at most {}.", plain(*max)),
        }
    }
}

/// A bound written for a person: `1e12` as `1,000,000,000,000`.
fn plain(value: f64) -> String {
    crate::core::format::number(value, 0)
}

/// Parses a number the way people type them in a cost calculator.
///
/// Accepted: surrounding spaces; a leading `$`; thousands separators as `,` (in groups of
/// three), `_` or spaces; a decimal point; an exponent (`2e6`); and one suffix `k`, `M`
/// (also `m`) or `B` (also `b`) for thousand, million and billion. `1,5` is refused rather than
/// guessed (decimal comma or a typo?).
///
/// # Errors
/// [`FieldProblem::Empty`], [`FieldProblem::NotANumber`] or [`FieldProblem::NotFinite`].
pub fn parse_number(text: &str) -> Result<f64, FieldProblem> {
    let mut s = text.trim();
    if s.is_empty() {
        return Err(FieldProblem::Empty);
    }
    let negative = if let Some(rest) = s.strip_prefix('-') {
        s = rest.trim_start();
        true
    } else {
        false
    };
    s = s.strip_prefix('$').unwrap_or(s).trim_start();
    let (body, scale) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1e3),
        Some((i, 'm' | 'M')) => (&s[..i], 1e6),
        Some((i, 'b' | 'B')) => (&s[..i], 1e9),
        _ => (s, 1.0),
    };
    let digits = strip_separators(body.trim_end()).ok_or(FieldProblem::NotANumber)?;
    // Rust's parser also takes "inf", "NaN" and "infinity": let them through to be reported
    // as not finite, but refuse anything else that is not plain digits.
    let lower = digits.to_ascii_lowercase();
    let named_non_finite = matches!(lower.as_str(), "inf" | "infinity" | "nan");
    if !named_non_finite
        && !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return Err(FieldProblem::NotANumber);
    }
    if !named_non_finite
        && !digits
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
    {
        return Err(FieldProblem::NotANumber);
    }
    let magnitude: f64 = digits.parse().map_err(|_| FieldProblem::NotANumber)?;
    let value = if negative { -magnitude } else { magnitude } * scale;
    if value.is_finite() {
        // `-0` is zero.
        Ok(value + 0.0)
    } else {
        Err(FieldProblem::NotFinite)
    }
}

/// Removes thousands separators. `,` must separate groups of exactly three digits before the
/// decimal point; `_` and spaces are dropped wherever they stand between digits.
fn strip_separators(body: &str) -> Option<String> {
    let int_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (int_part, rest) = body.split_at(int_end);
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        if !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    if rest.contains(',') {
        return None;
    }
    let cleaned: String = body
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    Some(cleaned)
}

#[cfg(test)]
// Exact equality is the point where the expected values are exactly representable.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("1000000", 1_000_000.0),
            ("1,000,000", 1_000_000.0),
            ("1 000 000", 1_000_000.0),
            ("1_000", 1_000.0),
            ("  42  ", 42.0),
            ("$3", 3.0),
            ("$ 2.50", 2.5),
            ("0.15", 0.15),
            (".5", 0.5),
            ("2e6", 2_000_000.0),
            ("1.5k", 1_500.0),
            ("2M", 2_000_000.0),
            ("3m", 3_000_000.0),
            ("1.2B", 1_200_000_000.0),
            ("1,500.25", 1_500.25),
            ("-0", 0.0),
        ];
        for (text, want) in cases {
            assert_eq!(parse_number(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "abc",
            "12abc",
            "1.2.3",
            "1,5",
            "1,50",
            "12,3456",
            ",100",
            "--1",
            "$",
            "k",
            "e5",
            "1e",
            "0x10",
            "1/2",
            "½",
            "1,000.5,0",
        ] {
            assert_eq!(
                parse_number(text),
                Err(FieldProblem::NotANumber),
                "{text:?}"
            );
        }
        assert_eq!(parse_number(""), Err(FieldProblem::Empty));
        assert_eq!(parse_number("   "), Err(FieldProblem::Empty));
    }

    #[test]
    fn non_finite_is_named() {
        for text in ["NaN", "inf", "-infinity", "1e999", "9e307B"] {
            assert_eq!(parse_number(text), Err(FieldProblem::NotFinite), "{text:?}");
        }
    }

    #[test]
    fn fields_check_bounds() {
        assert_eq!(Field::InputPrice.parse("-3"), Err(FieldProblem::Negative));
        assert_eq!(
            Field::InputPrice.parse("20000"),
            Err(FieldProblem::AboveMax(10_000.0))
        );
        assert_eq!(Field::InputPrice.parse("10000"), Ok(10_000.0));
        assert_eq!(Field::RequestsPerMonth.parse("0"), Ok(0.0));
        assert_eq!(
            Field::RequestsPerMonth
                .parse("2e12")
                .map_err(|e| e.to_string()),
            Err("Must be at most 1,000,000,000,000.".to_owned())
        );
    }

    #[test]
    fn get_and_set_address_the_same_slot() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            let mut s = Scenario::default();
            let v = 7.0 + i as f64;
            field.set(&mut s, v);
            assert_eq!(field.get(&s), v);
            for other in Field::ALL.into_iter().filter(|f| *f != field) {
                assert_eq!(other.get(&s), other.get(&Scenario::default()));
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = Field::ALL.iter().map(|f| f.spec().id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Field::ALL.len());
    }
}
