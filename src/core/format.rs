//! Display formatting: the one place where numbers are rounded.
//!
//! **Rounding rule.** Values are rounded half away from zero ([`f64::round`]) at the precision
//! shown, once, here; the calculations upstream never round. Money at or above $1 shows cents
//! (`$6,000.00`); money below $1 shows four significant figures with at least two decimals
//! (`$0.006`, `$0.50`, `$0.0001235`), because costs per request are routinely fractions of a
//! cent and "$0.00" would hide them. Thousands are separated by commas (en-US), the convention
//! of the USD price sheets the defaults come from.
//!
//! **No float formatting.** Every function here writes digits from whole numbers (`u64`,
//! `u128`) after rounding once; none uses `{}` or `{:.N}` on an `f64`. The page's first load
//! thereby carries no float-to-decimal machinery (grisu and dragon, about 10 KB of Wasm), and
//! formatting is faster on every keystroke.

use super::units::{Tokens, Usd, UsdPerMTok};

/// Formats dollars by the rule in the module docs: `$6,000.00`, `$0.006`, `-$12.50`.
pub fn usd(amount: Usd) -> String {
    let v = amount.value();
    if !v.is_finite() {
        return "—".to_owned();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a >= 1.0 || a == 0.0 {
        // Round to cents once, then split: avoids "$1,000.1" or "$999.995" → "$999.100".
        let cents = (a * 100.0).round();
        let whole = (cents / 100.0).trunc();
        let frac = cents - whole * 100.0;
        let mut out = String::with_capacity(16);
        out.push_str(sign);
        out.push('$');
        out.push_str(&group(whole));
        out.push('.');
        push_padded(&mut out, frac as u64, 2);
        out
    } else {
        // Four significant figures, at least two decimals, trailing zeros beyond two trimmed.
        let decimals = (3 - a.log10().floor() as i32).clamp(2, 12);
        let scale = 10f64.powi(decimals);
        let units = (a * scale).round();
        if units >= scale {
            // 0.99996 rounds to a whole dollar.
            return format!("{sign}$1.00");
        }
        let mut text = String::from("0.");
        push_padded(&mut text, units as u64, decimals as usize);
        let mut out = String::from(sign);
        out.push('$');
        out.push_str(&trim_zeros(&text, 2));
        out
    }
}

/// At most `max` characters of `text`, with "…" when cut (for quoting input in a message).
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// [`usd`], or "—" when there is no amount.
pub fn usd_or_dash(amount: Option<Usd>) -> String {
    amount.map_or_else(|| "—".to_owned(), usd)
}

/// A price per million tokens, by the same rule as [`usd`]: `$3.00`, `$0.15`.
pub fn price(per_mtok: UsdPerMTok) -> String {
    Usd::new(per_mtok.value()).map_or_else(|| "—".to_owned(), usd)
}

/// A dollar amount for a chart axis: compact from $1,000 up (`$10K`, `$2.5M`), else by [`usd`].
pub fn usd_short(value: f64) -> String {
    match Usd::new(value) {
        Some(_) if value.abs() >= 1_000.0 => format!("${}", compact(value)),
        Some(v) => usd(v),
        None => String::new(),
    }
}

/// A plain number with thousands separators and a fixed number of decimals: `1,000,000`.
pub fn number(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let scale = 10f64.powi(i32::from(decimals));
    let scaled = (value.abs() * scale).round();
    let whole = (scaled / scale).trunc();
    let mut out = String::from(sign);
    out.push_str(&group(whole));
    if decimals > 0 {
        out.push('.');
        push_padded(
            &mut out,
            (scaled - whole * scale) as u64,
            usize::from(decimals),
        );
    }
    out
}

/// A value as the text of an editable field: whole numbers grouped (`1,000,000`), fractions in
/// the fewest decimals that read back exactly (`0.15`), very large or very small values in
/// exponent form with 17 significant figures (`2.5e-30`). [`crate::scenario::parse_number`]
/// reads every output of this function back to the same value.
pub fn editable(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return number(value, 0);
    }
    // The fewest decimals (up to 17) whose text is the same value.
    for decimals in 1..=17u8 {
        if value.abs() * 10f64.powi(i32::from(decimals)) >= 9e15 {
            break;
        }
        let text = fixed(value, decimals);
        if text.parse::<f64>() == Ok(value) {
            return trim_zeros(&text, 0);
        }
    }
    exponent(value)
}

/// `value` with exactly `decimals` decimals, rounded half away from zero, without grouping:
/// `12.50`, `-0.3`. For chart geometry and CSS lengths as well as the formats above. Values
/// whose scaled magnitude reaches 2⁶⁴ are written in exponent form.
pub fn fixed(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let scale = 10u64.pow(u32::from(decimals.min(19)));
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1.8e19 {
        return exponent(value);
    }
    let scaled = scaled as u64;
    let sign = if value < 0.0 && scaled > 0 { "-" } else { "" };
    let mut out = String::with_capacity(12);
    out.push_str(sign);
    push_digits64(&mut out, scaled / scale);
    if decimals > 0 {
        out.push('.');
        push_padded(&mut out, scaled % scale, usize::from(decimals));
    }
    out
}

/// `d.ddde±n` with 17 significant figures (enough for any `f64` to read back), trailing zeros
/// trimmed; of the neighbouring 17-digit texts, the one that reads back to `value`.
fn exponent(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let a = value.abs();
    let e = a.log10().floor() as i32;
    // a × 10^(16 − e): the 17 leading digits for exponent e. Powers of ten up to 10²² are
    // exact, so one multiplication or division by one of them rounds once.
    let digits = |e: i32| {
        let k = 16 - e;
        let (mut scaled, mut k) = (a, k);
        while k > 22 {
            scaled *= 1e22;
            k -= 22;
        }
        while k < -22 {
            scaled /= 1e22;
            k += 22;
        }
        if k >= 0 {
            scaled *= 10f64.powi(k);
        } else {
            scaled /= 10f64.powi(-k);
        }
        scaled.round()
    };
    let text = |d: u64, e: i32| {
        let t = d.to_string();
        format!(
            "{sign}{}e{e}",
            trim_zeros(&format!("{}.{}", &t[..1], &t[1..]), 0)
        )
    };
    // The exponent estimate and the scaled digits may be one off either way: of the nearby
    // candidates with 17 digits, the shortest text that reads back exactly.
    let mut best: Option<String> = None;
    for e in [e - 1, e, e + 1] {
        let d = digits(e);
        if !(1e16..1e17).contains(&d) {
            continue;
        }
        let d = d as u64;
        for d in d.saturating_sub(8)..=d + 8 {
            let t = text(d, e);
            if t.parse::<f64>() == Ok(value) && best.as_ref().is_none_or(|b| t.len() < b.len()) {
                best = Some(t);
            }
        }
    }
    best.unwrap_or_else(|| text(digits(e).clamp(1e16, 1e17 - 1.0) as u64, e))
}

/// A token count in compact form: `950`, `12.5K`, `1.2B`, `3T` (three significant figures).
pub fn tokens(count: Tokens) -> String {
    compact(count.value())
}

/// A count in compact form with three significant figures: `1.2B`, `450K`.
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let a = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    let units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    for (size, suffix) in units {
        // Round first so 999,950 shows as 1M, not 1,000K.
        if round_sig(a, 3) >= size {
            let scaled = round_sig(a / size, 3);
            return format!("{sign}{}{suffix}", trim_zeros(&fixed(scaled, 2), 0));
        }
    }
    format!("{sign}{}", trim_zeros(&fixed(round_sig(a, 3), 2), 0))
}

/// A share in `[0, 1]` as a whole percentage: `0.5` → `50%`. Values under 1% but above zero
/// show one decimal (`0.4%`) so a small share never reads as nothing.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return "—".to_owned();
    }
    let p = share * 100.0;
    let mut out = if p > 0.0 && p < 1.0 {
        trim_zeros(&fixed(p, 1), 0)
    } else {
        fixed(p, 0)
    };
    out.push('%');
    out
}

/// Rounds to `figures` significant figures.
fn round_sig(value: f64, figures: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(figures - 1 - magnitude);
    (value * scale).round() / scale
}

/// Inserts commas into a non-negative whole number: `1234567` → `1,234,567`.
fn group(whole: f64) -> String {
    // u128 holds every whole number a finite amount can round to below 3.4e38; the cast
    // saturates rather than panics beyond that.
    let mut digits = String::with_capacity(24);
    push_digits(&mut digits, whole as u128);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Appends the decimal digits of `n` (no `core::fmt`: this runs on every keystroke; 64-bit
/// arithmetic when it fits, which Wasm does natively).
fn push_digits(out: &mut String, n: u128) {
    if let Ok(small) = u64::try_from(n) {
        push_digits64(out, small);
        return;
    }
    let mut n = n;
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

fn push_digits64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends `n` with at least `width` digits (leading zeros).
fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = String::new();
    push_digits64(&mut digits, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Drops trailing zeros after the decimal point, keeping at least `min_decimals` of them
/// (and the point itself only if a decimal remains).
fn trim_zeros(text: &str, min_decimals: usize) -> String {
    let Some(dot) = text.find('.') else {
        return text.to_owned();
    };
    let mut end = text.len();
    while end > dot + 1 + min_decimals && text.as_bytes()[end - 1] == b'0' {
        end -= 1;
    }
    if end == dot + 1 {
        end = dot;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_long_text_only() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("abcd", 3), "abc…");
        assert_eq!(clip("ééééé", 2), "éé…");
    }

    fn u(v: f64) -> String {
        usd(Usd::new(v).unwrap_or(Usd::ZERO))
    }

    #[test]
    fn money_at_or_above_a_dollar_shows_cents() {
        assert_eq!(u(6_000.0), "$6,000.00");
        assert_eq!(u(1.0), "$1.00");
        assert_eq!(u(10.5), "$10.50");
        assert_eq!(u(1_234_567.891), "$1,234,567.89");
        assert_eq!(u(999.995), "$1,000.00");
        assert_eq!(u(72_000.0), "$72,000.00");
        assert_eq!(u(-12.5), "-$12.50");
        assert_eq!(u(0.0), "$0.00");
        assert_eq!(u(1e18), "$1,000,000,000,000,000,000.00");
    }

    #[test]
    fn money_below_a_dollar_keeps_four_significant_figures() {
        assert_eq!(u(0.006), "$0.006");
        assert_eq!(u(0.5), "$0.50");
        assert_eq!(u(0.12345), "$0.1235");
        assert_eq!(u(0.000_012_346), "$0.00001235");
        assert_eq!(u(0.01), "$0.01");
        assert_eq!(u(0.999_96), "$1.00");
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(number(1_000_000.0, 0), "1,000,000");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1_000.0, 0), "1,000");
        assert_eq!(number(1e12, 0), "1,000,000,000,000");
        assert_eq!(number(2.5, 2), "2.50");
        assert_eq!(number(-1234.5, 1), "-1,234.5");
        assert_eq!(number(f64::NAN, 0), "—");
    }

    #[test]
    fn fixed_decimals_without_float_formatting() {
        assert_eq!(fixed(12.5, 2), "12.50");
        assert_eq!(fixed(-0.25, 1), "-0.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(0.0, 3), "0.000");
        assert_eq!(fixed(640.0, 1), "640.0");
        assert_eq!(fixed(1.005, 0), "1");
        assert_eq!(fixed(99.999, 2), "100.00");
        assert_eq!(fixed(f64::NAN, 1), "0");
        assert_eq!(fixed(3e20, 1), "3e20");
    }

    #[test]
    fn editable_text_reads_back_exactly() {
        for v in [
            0.1,
            0.3,
            1.0 / 3.0,
            2.0_f64.sqrt(),
            1e-30,
            2.5e-30,
            -7.25e22,
            123_456_789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            let text = editable(v);
            assert_eq!(crate::scenario::parse_number(&text), Ok(v), "{v} → {text}");
        }
        assert_eq!(editable(0.1), "0.1");
        assert_eq!(editable(2.5e-30), "2.5e-30");
        for v in [
            0.0,
            3.0,
            15.0,
            0.15,
            1_000_000.0,
            1e12,
            1234.5,
            0.000_001,
            2.5e-7,
        ] {
            let text = editable(v);
            assert_eq!(
                crate::scenario::parse_number(&text),
                Ok(v),
                "{v} as {text:?}"
            );
        }
        assert_eq!(editable(1_000_000.0), "1,000,000");
        assert_eq!(editable(0.15), "0.15");
    }

    #[test]
    fn compact_counts() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(1_000.0), "1K");
        assert_eq!(compact(12_500.0), "12.5K");
        assert_eq!(compact(1_000_000_000.0), "1B");
        assert_eq!(compact(1_200_000_000.0), "1.2B");
        assert_eq!(compact(999_950.0), "1M");
        assert_eq!(compact(3e12), "3T");
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(2.346), "2.35");
    }

    #[test]
    fn axis_amounts() {
        assert_eq!(usd_short(10_000.0), "$10K");
        assert_eq!(usd_short(2_500_000.0), "$2.5M");
        assert_eq!(usd_short(500.0), "$500.00");
        assert_eq!(usd_short(0.0), "$0.00");
        assert_eq!(usd_short(f64::NAN), "");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.004), "0.4%");
        assert_eq!(percent(0.666), "67%");
    }
}
