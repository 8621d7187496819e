//! The share-link codec: a whole [`Scenario`] in a URL fragment, versioned, carrying only what
//! differs from the defaults, compressed and base64url-encoded. Pure; the page, embeds and the
//! command line will share it.
//!
//! # Format (versions 1 and 2)
//! `v2.` followed by base64url (no padding) of the raw DEFLATE ([`deflate`]) of a JSON text:
//! the difference between the Scenario's JSON and the version's frozen default Scenario
//! ([`frozen_defaults`]; [`diff`]). `v1.` links, which the page wrote until 2026-12, hold the
//! same JSON compressed with a small LZ77 ([`compress`]) and keep opening.
//! `docs/link-format.md` specifies both for a decoder in any language. The difference:
//! - objects keep only the keys whose values differ (recursively);
//! - arrays become an object with `"#n"` (the length) and `"#i"` for each element `i` that
//!   differs from the default array's element `i` (or, past its end, from its first element),
//!   itself diffed; `#` cannot start a field name, so the markers never collide; an array whose
//!   default is empty (the hourly demand series) is written whole;
//! - anything else is written whole when it differs.
//!
//! Decoding merges the difference onto the version's frozen defaults ([`merge`]), reads it
//! with serde (unknown fields are ignored, so a newer link's extra fields do not break an
//! older page), then clamps every number into its field's bounds, with a notice naming each
//! field it changed ([`clamp`]). A link that is not `v1.` or `v2.`, not base64url, not decompressible or not a Scenario
//! is a [`LinkError`]: the page shows it and opens the defaults. Nothing here panics on any
//! input (fuzzed in the tests). Numbers typed as decimals (what the fields accept) come back
//! exactly; `serde_json`'s default parser is not exact for every 17-digit float.

use super::{
    CommitmentField, CommitmentOptional, FieldSpec, GpuField, ModelField, PriceField,
    ProjectionField, Scenario, SelfHostField, SelfHostOptional, TermField, WorkloadField,
};
use serde_json::{Map, Value};

/// The version this page writes.
pub const VERSION: &str = "v2";
/// The versions this page reads: v1 (the home-made LZ77 of [`decompress`]) and v2 (raw
/// DEFLATE, the names of choices in `snake_case`; serde reads v1's names as aliases).
pub const READS: [&str; 2] = ["v1", "v2"];
/// The longest link text decoded, characters: far beyond any real scenario.
pub const MAX_LINK_CHARS: usize = 4_000_000;
/// The largest decompressed payload, bytes.
const MAX_JSON_BYTES: usize = 16_000_000;

/// Why a link could not be opened. `Display` is the banner's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The link carries no scenario.
    Empty,
    /// Made by a newer (or unknown) version of the page.
    UnknownVersion(String),
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong,
    /// Not base64url, or the compressed data is damaged (a truncated or edited link).
    Corrupt,
    /// The data is not a scenario this page can read.
    NotAScenario(String),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Empty => f.write_str("The link carries no scenario."),
            LinkError::UnknownVersion(v) => write!(
                f,
                "This link was made by another version of the calculator (\"{v}\"); the defaults are shown instead."
            ),
            LinkError::TooLong => f.write_str("This link is too long to be a scenario; the defaults are shown instead."),
            LinkError::Corrupt => f.write_str(
                "This link is damaged (cut short or edited?); the defaults are shown instead.",
            ),
            LinkError::NotAScenario(why) => write!(
                f,
                "This link does not hold a scenario this page can read ({why}); the defaults are shown instead."
            ),
        }
    }
}

impl LinkError {
    /// Why, without what the page does about it (for a file, or the command line).
    pub fn reason(&self) -> String {
        match self {
            LinkError::Empty => "it carries no scenario".to_owned(),
            LinkError::UnknownVersion(v) => {
                format!("it was made by another version of the calculator (\"{v}\")")
            }
            LinkError::TooLong => "it is too large to be a scenario".to_owned(),
            LinkError::Corrupt => "it is damaged (cut short or edited?)".to_owned(),
            LinkError::NotAScenario(why) => why.clone(),
        }
    }
}

impl std::error::Error for LinkError {}

/// A decoded link: the Scenario and what was changed to make it valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The scenario, every number within its bounds.
    pub scenario: Scenario,
    /// One sentence per value that was clamped, naming the field.
    pub notices: Vec<String>,
    /// What its sender saw, when the link says (links written since 2026-12-01 do).
    pub sent: Option<Sent>,
}

/// What the sender of a link saw: the edition of the price catalog the figures came from and
/// the headline figures, so that a link opened after a price refresh can say what changed
/// ([`crate::core::prices`]). Carried beside the Scenario (the payload's `sent` key), never
/// part of it: it changes no number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sent {
    /// The API catalog's edition (`YYYY-MM-DD`).
    pub catalog: String,
    /// The monthly API bill.
    pub api_monthly_usd: Option<f64>,
    /// The self-hosting winner's monthly cost, when the sender's page had computed it.
    pub selfhost_monthly_usd: Option<f64>,
    /// The best commitment plan's monthly cost, when the sender's page had computed it.
    pub commitment_monthly_usd: Option<f64>,
}

/// The payload key of [`Sent`] (no Scenario field has this name): `{"catalog": edition,
/// "api": …, "selfhost": …, "commitment": …}`, the figures in US dollars a month, to the cent.
const SENT_KEY: &str = "sent";

impl Sent {
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("catalog".into(), Value::from(self.catalog.clone()));
        for (k, v) in [
            ("api", self.api_monthly_usd),
            ("selfhost", self.selfhost_monthly_usd),
            ("commitment", self.commitment_monthly_usd),
        ] {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                // Cents are what the page shows.
                m.insert(k.into(), Value::from(crate::core::export::cents(v)));
            }
        }
        Value::Object(m)
    }

    /// Reads the payload's `sent` (`None` when it is not an object with a catalog edition;
    /// a figure that is not a number is left out).
    fn of(v: &Value) -> Option<Sent> {
        let catalog = v.get("catalog")?.as_str()?;
        // An edition is a date, YYYY-MM-DD: anything else is not from the page.
        let date = catalog.len() == 10
            && catalog.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !date {
            return None;
        }
        let figure = |k: &str| v.get(k).and_then(Value::as_f64).filter(|f| f.is_finite());
        Some(Sent {
            catalog: catalog.to_owned(),
            api_monthly_usd: figure("api"),
            selfhost_monthly_usd: figure("selfhost"),
            commitment_monthly_usd: figure("commitment"),
        })
    }
}

fn to_value(s: &Scenario) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
}

/// The default Scenario of each format version, frozen as data when the version was
/// released (`src/scenario/defaults/v<N>.json`, the JSON of that release's
/// `Scenario::default()`, whole numbers without a fraction). A link holds its difference from
/// these, never from today's defaults, so a default changed in the code (or computed from
/// refreshed data, as the commitment discounts are) leaves every link's meaning as it was.
/// Fields a version did not have are absent and read as today's defaults where the Scenario
/// gives them a serde default; a field added without one must be added to the older files.
/// v2 changed the compression and wrote the names of choices in `snake_case` (`five_minutes`
/// for v1's `FiveMinutes`); its defaults are v1's with those names.
const FROZEN_DEFAULTS: &[(&str, &str)] = &[
    ("v1", include_str!("defaults/v1.json")),
    ("v2", include_str!("defaults/v2.json")),
];

/// The frozen defaults of `version` as JSON (`None` for a version this page does not know).
pub fn frozen_defaults(version: &str) -> Option<Value> {
    FROZEN_DEFAULTS
        .iter()
        .find(|(v, _)| *v == version)
        .and_then(|(_, text)| serde_json::from_str(text).ok())
}

/// The frozen defaults of the version this page writes (see [`FROZEN_DEFAULTS`]), parsed once
/// (the Link and Embed panels encode on every edit while open). The file is part of the build
/// and a test reads it, so it always parses; an empty object would only make links longer,
/// never different in meaning.
fn current_frozen_defaults() -> &'static Value {
    static PARSED: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| frozen_defaults(VERSION).unwrap_or(Value::Object(Map::new())))
}

/// The link text (without `#`) for a Scenario: its difference from this version's frozen
/// defaults.
pub fn encode(s: &Scenario) -> String {
    encode_with(s, None)
}

/// [`encode`], with what the sender sees recorded beside the Scenario.
pub fn encode_with(s: &Scenario, sent: Option<&Sent>) -> String {
    let mut value = to_value(s);
    compact(&mut value);
    let mut d = diff(current_frozen_defaults(), &value).unwrap_or(Value::Object(Map::new()));
    if let (Some(sent), Value::Object(m)) = (sent, &mut d) {
        let mut v = sent.to_value();
        compact(&mut v);
        m.insert(SENT_KEY.into(), v);
    }
    let json = serde_json::to_vec(&d).unwrap_or_default();
    format!("{VERSION}.{}", base64url_encode(&deflate(&json)))
}

/// Opens link text (with or without `#`, or a whole URL with a fragment).
///
/// # Errors
/// A [`LinkError`] saying why; never a panic.
pub fn decode(link: &str) -> Result<Decoded, LinkError> {
    if link.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong);
    }
    let (fragment, _) = split_fragment(link);
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    let Some((version, payload)) = fragment.split_once('.') else {
        return Err(LinkError::UnknownVersion(crate::core::format::clip(
            fragment, 60,
        )));
    };
    let bytes = base64url_decode(payload);
    let json = match version {
        "v1" => bytes.and_then(|b| decompress(&b, MAX_JSON_BYTES)),
        "v2" => bytes.and_then(|b| inflate(&b, MAX_JSON_BYTES)),
        _ => {
            return Err(LinkError::UnknownVersion(crate::core::format::clip(
                version, 60,
            )))
        }
    }
    .ok_or(LinkError::Corrupt)?;
    let patch: Value = serde_json::from_slice(&json).map_err(|_| LinkError::Corrupt)?;
    migrate(version, patch)
}

/// Brings a version's patch to the current Scenario and reads it: the patch is merged onto
/// that version's frozen defaults (never today's), then read. Version 1 is the first schema:
/// nothing to migrate yet. A schema change adds a version here (its migration turns
/// an older patch into the newer one), and `tests/golden/` keeps every released version's
/// links opening with the same numbers.
fn migrate(version: &str, mut patch: Value) -> Result<Decoded, LinkError> {
    let Value::Object(fields) = &mut patch else {
        return Err(LinkError::NotAScenario("not an object".into()));
    };
    let sent = fields.remove(SENT_KEY).as_ref().and_then(Sent::of);
    let Some(mut value) = frozen_defaults(version) else {
        return Err(LinkError::UnknownVersion(version.to_owned()));
    };
    merge(&mut value, patch)?;
    let mut scenario: Scenario = serde_json::from_value(value)
        .map_err(|e| LinkError::NotAScenario(crate::core::format::clip(&e.to_string(), 60)))?;
    let notices = clamp(&mut scenario);
    Ok(Decoded {
        scenario,
        notices,
        sent,
    })
}

/// The key naming the schema version in an exported scenario JSON.
pub const JSON_VERSION_KEY: &str = "inference_cost_scenario";

/// The whole Scenario as pretty JSON, the schema the link carries (the link holds only its
/// difference from the defaults), with [`JSON_VERSION_KEY`] naming the version.
pub fn to_json(s: &Scenario) -> String {
    let mut v = to_value(s);
    compact(&mut v);
    if let Value::Object(m) = &mut v {
        m.insert(JSON_VERSION_KEY.into(), Value::from(VERSION));
    }
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// Reads a scenario JSON: an export of [`to_json`], or any part of one (missing fields keep
/// their defaults, a workload with only a name is a default workload with that name).
/// Checked and clamped as a link is.
///
/// # Errors
/// A [`LinkError`] naming what is wrong; never a panic.
pub fn from_json(text: &str) -> Result<Decoded, LinkError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(LinkError::TooLong);
    }
    if text.trim().is_empty() {
        return Err(LinkError::Empty);
    }
    let mut v: Value = serde_json::from_str(text).map_err(|e| {
        LinkError::NotAScenario(crate::core::format::clip(&format!("not JSON: {e}"), 80))
    })?;
    let version = match &mut v {
        Value::Object(m) => match m.remove(JSON_VERSION_KEY) {
            Some(Value::String(v)) => v,
            Some(other) => other.to_string(),
            None => VERSION.to_owned(),
        },
        _ => return Err(LinkError::NotAScenario("not an object".into())),
    };
    if !READS.contains(&version.as_str()) {
        return Err(LinkError::UnknownVersion(crate::core::format::clip(
            &version, 60,
        )));
    }
    migrate(&version, v)
}

/// What a view of the page shows when embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedView {
    /// The API bill.
    Spend,
    /// Self-hosting against the API.
    SelfHost,
    /// Reserving against on-demand.
    Commitment,
    /// The headline of each calculator.
    Summary,
}

/// Light, dark, or the system's (which the host page usually follows too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The system's preference.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl EmbedView {
    /// Every view, in the embed dialog's order.
    pub const ALL: [EmbedView; 4] = [
        EmbedView::Summary,
        EmbedView::Spend,
        EmbedView::SelfHost,
        EmbedView::Commitment,
    ];

    /// The word in the fragment.
    pub fn key(self) -> &'static str {
        match self {
            EmbedView::Spend => "spend",
            EmbedView::SelfHost => "selfhost",
            EmbedView::Commitment => "commitment",
            EmbedView::Summary => "summary",
        }
    }

    /// For a person.
    pub fn label(self) -> &'static str {
        match self {
            EmbedView::Spend => "API spend",
            EmbedView::SelfHost => "Self-hosting",
            EmbedView::Commitment => "Reserve or on-demand",
            EmbedView::Summary => "Summary of all three",
        }
    }

    /// The view a fragment word names.
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == k)
    }
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The theme a fragment word names.
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == k)
    }

    /// The word in the fragment.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The page options a fragment carries after the scenario: `&embed=spend&mode=interactive&
/// theme=dark` for an embed, `&tab=selfhost` for the tab a full page opens on. Unknown
/// options are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageOptions {
    /// The view an embed shows; `None`: the full page.
    pub embed: Option<EmbedView>,
    /// Whether an embed shows the view's inputs.
    pub interactive: bool,
    /// The colour theme.
    pub theme: Theme,
    /// The tab the full page opens on (`Spend` when absent).
    pub tab: Option<EmbedView>,
}

impl PageOptions {
    /// The options as fragment text, starting with `&` (empty for the defaults).
    pub fn to_fragment(self) -> String {
        let mut out = String::new();
        if let Some(v) = self.embed {
            out.push_str("&embed=");
            out.push_str(v.key());
            if self.interactive {
                out.push_str("&mode=interactive");
            }
        }
        if self.theme != Theme::Auto {
            out.push_str("&theme=");
            out.push_str(self.theme.key());
        }
        if let Some(t) = self.tab.filter(|t| *t != EmbedView::Spend) {
            out.push_str("&tab=");
            out.push_str(t.key());
        }
        out
    }
}

/// Splits a fragment (with or without `#`, or a whole URL) into the scenario link and the
/// page options.
pub fn split_fragment(text: &str) -> (&str, PageOptions) {
    let fragment = text.rsplit_once('#').map_or(text, |(_, f)| f).trim();
    let mut parts = fragment.split('&');
    let link = parts.next().unwrap_or("");
    let mut o = PageOptions::default();
    for part in parts {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        match k {
            "embed" => o.embed = EmbedView::from_key(v),
            "mode" => o.interactive = v == "interactive",
            "theme" => o.theme = Theme::from_key(v).unwrap_or_default(),
            "tab" => o.tab = EmbedView::from_key(v).filter(|v| *v != EmbedView::Summary),
            _ => {}
        }
    }
    (link, o)
}

/// Whole numbers without a fraction (`648` rather than `648.0`): shorter text, the same
/// Scenario.
fn compact(v: &mut Value) {
    match v {
        Value::Object(m) => m.values_mut().for_each(compact),
        Value::Array(a) => a.iter_mut().for_each(compact),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15) {
                if n.is_f64() {
                    *v = Value::from(f as i64);
                }
            }
        }
        _ => {}
    }
}

/// A value with nothing to diff against, without its `null` fields: a missing optional field
/// reads as `None`, which is what `null` meant.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k.clone(), without_nulls(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// The difference of `value` from `base` (see the module's format), or `None` when equal.
pub fn diff(base: &Value, value: &Value) -> Option<Value> {
    match (base, value) {
        (Value::Object(b), Value::Object(v)) => {
            let mut out = Map::new();
            for (k, vv) in v {
                match b.get(k) {
                    Some(bv) => {
                        if let Some(d) = diff(bv, vv) {
                            out.insert(k.clone(), d);
                        }
                    }
                    None => {
                        out.insert(k.clone(), without_nulls(vv));
                    }
                }
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        (Value::Array(b), Value::Array(v)) => {
            if b == v {
                return None;
            }
            if b.is_empty() {
                // Nothing to diff against (an uploaded series): the plain array.
                return Some(without_nulls(value));
            }
            let mut out = Map::new();
            out.insert("#n".into(), Value::from(v.len()));
            for (i, vv) in v.iter().enumerate() {
                match b.get(i).or(b.first()) {
                    Some(bv) => {
                        if let Some(d) = diff(bv, vv) {
                            out.insert(format!("#{i}"), d);
                        }
                    }
                    None => {
                        out.insert(format!("#{i}"), without_nulls(vv));
                    }
                }
            }
            Some(Value::Object(out))
        }
        _ => (base != value).then(|| value.clone()),
    }
}

/// Most list items a link or file may expand to, in all its lists together: an uploaded series
/// (up to 100,000 hours) and everything else. A few bytes of `{"#n": …}` could otherwise ask
/// for billions of copies.
pub const MAX_ITEMS: usize = 150_000;

/// Applies a [`diff`] to `base`. Unknown markers and malformed parts are ignored.
///
/// # Errors
/// [`LinkError::TooLong`] when the lists would hold more than [`MAX_ITEMS`] items.
pub fn merge(base: &mut Value, patch: Value) -> Result<(), LinkError> {
    let mut budget = MAX_ITEMS;
    merge_within(base, patch, &mut budget)
}

fn take(budget: &mut usize, n: usize) -> Result<(), LinkError> {
    *budget = budget.checked_sub(n).ok_or(LinkError::TooLong)?;
    Ok(())
}

fn merge_within(base: &mut Value, patch: Value, budget: &mut usize) -> Result<(), LinkError> {
    match (base, patch) {
        (Value::Array(b), Value::Object(p)) if p.contains_key("#n") => {
            // A non-negative whole number (JSON does not tell 2 from 2.0), else the base's length.
            let n = p
                .get("#n")
                .and_then(Value::as_f64)
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map_or(b.len(), |n| {
                    if n >= usize::MAX as f64 {
                        usize::MAX
                    } else {
                        n as usize
                    }
                });
            take(budget, n)?;
            let template = b.first().cloned().unwrap_or(Value::Null);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let mut item = b.get(i).cloned().unwrap_or_else(|| template.clone());
                if let Some(d) = p.get(&format!("#{i}")) {
                    merge_within(&mut item, d.clone(), budget)?;
                }
                out.push(item);
            }
            *b = out;
        }
        (Value::Array(b), Value::Array(p)) => {
            // A plain array (an exported or hand-written JSON): each element merged onto the
            // default element at its index, or the first one past the default's end.
            take(budget, p.len())?;
            let template = b.first().cloned().unwrap_or(Value::Null);
            let mut out = Vec::with_capacity(p.len());
            for (i, d) in p.into_iter().enumerate() {
                let mut item = b.get(i).cloned().unwrap_or_else(|| template.clone());
                merge_within(&mut item, d, budget)?;
                out.push(item);
            }
            *b = out;
        }
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                match b.get_mut(&k) {
                    Some(slot) => merge_within(slot, v, budget)?,
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
    Ok(())
}

/// Puts `v` within `spec`'s bounds (not finite: `fallback`), with a notice when it moved.
fn bound(v: &mut f64, spec: FieldSpec, fallback: f64, context: &str, notices: &mut Vec<String>) {
    let fixed = if v.is_finite() {
        v.clamp(spec.min, spec.max)
    } else {
        fallback
    };
    if fixed.to_bits() != v.to_bits() && !(fixed == 0.0 && *v == 0.0) {
        notices.push(format!(
            "{context}{}: {} was out of range; {} is used.",
            spec.label,
            if v.is_finite() {
                if v.abs() >= 1e15 {
                    format!("{v:e}")
                } else {
                    crate::core::format::editable(*v)
                }
            } else {
                "a non-number".to_owned()
            },
            crate::core::format::editable(fixed)
        ));
        *v = fixed;
    }
}

macro_rules! clamp_fields {
    ($all:expr, $target:expr, $default:expr, $context:expr, $notices:expr) => {
        for &f in $all {
            let before = f.get($target);
            let mut v = before;
            bound(&mut v, f.spec(), f.get($default), $context, $notices);
            // Only a moved value is written: a setter may normalize (the cache-write split).
            if v.to_bits() != before.to_bits() {
                f.set($target, v);
            }
        }
    };
}

macro_rules! clamp_optional {
    ($all:expr, $target:expr, $context:expr, $notices:expr) => {
        for &f in $all {
            if let Some(mut v) = f.get($target) {
                bound(&mut v, f.spec(), f.spec().min, $context, $notices);
                f.put($target, Some(v));
            }
        }
    };
}

/// Most workloads a link or file may hold: far more than any page of cards a person reads.
pub const MAX_WORKLOADS: usize = 500;
/// Largest workload id a link may carry (ids above are renumbered, so `id + 1` never
/// overflows).
pub const MAX_WORKLOAD_ID: u32 = 1_000_000;
/// Most models one workload's traffic is split across.
pub const MAX_ROUTES: usize = 20;
/// Most custom models.
pub const MAX_CUSTOM_MODELS: usize = 500;
/// Most price overrides.
pub const MAX_OVERRIDES: usize = 1_000;

/// An MLA model's cached values per token and layer (DeepSeek's: 576).
const MLA_CACHE_VALUES: FieldSpec = FieldSpec {
    label: "MLA cache values",
    unit: "",
    min: 1.0,
    max: 1e6,
    key: "mla-cache-values",
};

/// Keeps the first `max` items, with a notice when some are dropped.
fn limit<T>(items: &mut Vec<T>, max: usize, what: &str, notices: &mut Vec<String>) {
    if items.len() > max {
        notices.push(format!(
            "Only the first {max} {what} are kept ({} were given).",
            items.len()
        ));
        items.truncate(max);
    }
}

/// Clamps every number of a Scenario into its field's bounds (and its lists to their
/// lengths); returns a notice per change.
pub fn clamp(s: &mut Scenario) -> Vec<String> {
    let d = Scenario::default();
    let mut notices = Vec::new();
    let n = &mut notices;
    let default_workload = super::Workload::new(1, "", super::DEFAULT_MODEL);
    limit(&mut s.workloads, MAX_WORKLOADS, "workloads", n);
    limit(&mut s.custom_models, MAX_CUSTOM_MODELS, "custom models", n);
    limit(&mut s.price_overrides, MAX_OVERRIDES, "price overrides", n);
    // Workloads are keyed by id on the page: a repeated, zero or huge id gets a fresh one.
    let valid = |id: u32| (1..=MAX_WORKLOAD_ID).contains(&id);
    let mut seen = std::collections::HashSet::new();
    let mut next = s
        .workloads
        .iter()
        .map(|w| w.id)
        .filter(|id| valid(*id))
        .max()
        .unwrap_or(0);
    for w in &mut s.workloads {
        if !valid(w.id) || !seen.insert(w.id) {
            next += 1;
            w.id = next;
            seen.insert(next);
        }
        let name = w.name.clone();
        limit(&mut w.routes, MAX_ROUTES, &format!("routes of {name}"), n);
    }
    for w in &mut s.workloads {
        let context = format!("{} › ", w.name);
        clamp_fields!(WorkloadField::ALL, w, &default_workload, &context, n);
        for r in &mut w.routes {
            bound(&mut r.share_pct, super::ROUTE_SHARE, 0.0, &context, n);
        }
    }
    for d in &mut s.discounts {
        let context = format!("{} › ", d.provider);
        bound(&mut d.pct, super::fields::DISCOUNT, 0.0, &context, n);
    }
    for m in &mut s.custom_models {
        let context = format!("{} › ", m.name);
        for (label, v, spec) in m.rules.numbers_mut() {
            bound(v, spec, 1.0, &format!("{context}{label} "), n);
        }
        if let Some((threshold, input, output)) = &mut m.long_context {
            let context = format!("{} › Long context ", m.name);
            bound(
                threshold,
                super::fields::LONG_CONTEXT_THRESHOLD,
                200_000.0,
                &context,
                n,
            );
            bound(input, PriceField::Input.spec(), 0.0, &context, n);
            bound(output, PriceField::Output.spec(), 0.0, &context, n);
        }
    }
    let prices = s
        .price_overrides
        .iter_mut()
        .map(|o| (o.model.clone(), &mut o.edit))
        .chain(
            s.custom_models
                .iter_mut()
                .map(|m| (m.name.clone(), &mut m.price)),
        );
    for (model, edit) in prices {
        let context = format!("{model} › ");
        for &f in PriceField::ALL {
            if let Some(mut v) = f.get(edit) {
                bound(&mut v, f.spec(), 0.0, &context, n);
                f.put(edit, Some(v));
            }
        }
    }
    clamp_fields!(
        ProjectionField::ALL,
        &mut s.projection,
        &d.projection,
        "",
        n
    );
    s.projection.months = match s.projection.months {
        0..=18 => 12,
        19..=30 => 24,
        _ => 36,
    };
    let sh = &mut s.selfhost;
    clamp_fields!(SelfHostField::ALL, sh, &d.selfhost, "Self-hosting › ", n);
    clamp_optional!(SelfHostOptional::ALL, sh, "Self-hosting › ", n);
    clamp_fields!(
        ModelField::ALL,
        &mut sh.custom_model,
        &d.selfhost.custom_model,
        "Custom model › ",
        n
    );
    if let Some(mla) = &mut sh.custom_model.mla_cache_values {
        bound(mla, MLA_CACHE_VALUES, 576.0, "Custom model › ", n);
    }
    let allowed = super::selfhost::GROUP_SIZES;
    if !allowed.contains(&sh.max_gpus_per_replica) {
        let fixed = allowed
            .iter()
            .copied()
            .filter(|g| *g <= sh.max_gpus_per_replica)
            .max()
            .unwrap_or(1);
        n.push(format!(
            "Self-hosting › Most GPUs per replica: {} is not 1, 2, 4 or 8; {fixed} is used.",
            sh.max_gpus_per_replica
        ));
        sh.max_gpus_per_replica = fixed;
    }
    clamp_fields!(
        GpuField::ALL,
        &mut sh.custom_gpu,
        &d.selfhost.custom_gpu,
        "Custom GPU › ",
        n
    );
    let c = &mut s.commitment;
    clamp_fields!(CommitmentField::ALL, c, &d.commitment, "Commitment › ", n);
    clamp_optional!(CommitmentOptional::ALL, c, "Commitment › ", n);
    let terms = [
        (
            &mut c.one_year,
            &d.commitment.one_year,
            "Commitment › 1-year ",
        ),
        (
            &mut c.three_year,
            &d.commitment.three_year,
            "Commitment › 3-year ",
        ),
    ];
    for (term, default, context) in terms {
        clamp_fields!(TermField::ALL, term, default, context, n);
    }
    let before = c.series.len();
    c.series.truncate(super::commitment::MAX_SERIES_HOURS);
    if c.series.len() < before {
        n.push(format!(
            "Commitment › Hourly series: only the first {} hours are kept.",
            super::commitment::MAX_SERIES_HOURS
        ));
    }
    for v in &mut c.series {
        if !v.is_finite() || *v < 0.0 || *v > super::commitment::MAX_GPUS {
            *v = if v.is_finite() {
                v.clamp(0.0, super::commitment::MAX_GPUS)
            } else {
                0.0
            };
        }
    }
    notices
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url without padding (padding `=` is tolerated); `None` for anything else.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character cannot come from the encoder.
    (bits < 6).then_some(out)
}

/// Raw DEFLATE (RFC 1951, no zlib or gzip header) at miniz's level 9: the compression of v2.
pub fn deflate(input: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(input, 9)
}

/// Inverts [`deflate`] (any raw DEFLATE stream); `None` for damaged or cut-short data, or
/// output past `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).ok()
}

/// Shortest match worth a token.
const MIN_MATCH: usize = 3;
/// Longest match in one token.
const MAX_MATCH: usize = MIN_MATCH + 127;
/// How far back a match may start.
const WINDOW: usize = 65_535;

/// Version 1's compression, a small LZ77 (read for v1 links; new links use [`deflate`]): tokens are a literal run (`0b0LLLLLLL`, then L + 1 bytes) or a match
/// (`0b1MMMMMMM`, then a 16-bit little-endian distance: copy M + 3 bytes from that far back).
/// Greedy, with a hash of the next three bytes; for links of a few kilobytes.
pub fn compress(input: &[u8]) -> Vec<u8> {
    const HASH: usize = 1 << 12;
    let hash = |i: usize| {
        let h =
            (u32::from(input[i]) << 16) ^ (u32::from(input[i + 1]) << 8) ^ u32::from(input[i + 2]);
        (h.wrapping_mul(2_654_435_761) >> 20) as usize % HASH
    };
    let mut table = vec![usize::MAX; HASH];
    let mut out = Vec::with_capacity(input.len() / 2 + 8);
    let mut literals: Vec<u8> = Vec::new();
    let flush = |out: &mut Vec<u8>, literals: &mut Vec<u8>| {
        for run in literals.chunks(128) {
            out.push((run.len() - 1) as u8);
            out.extend_from_slice(run);
        }
        literals.clear();
    };
    let mut i = 0;
    while i < input.len() {
        let mut best = (0, 0);
        if i + MIN_MATCH <= input.len() {
            let h = hash(i);
            let candidate = table[h];
            table[h] = i;
            if candidate != usize::MAX && i - candidate <= WINDOW {
                let max = MAX_MATCH.min(input.len() - i);
                let len = (0..max)
                    .take_while(|&k| input[candidate + k] == input[i + k])
                    .count();
                if len >= MIN_MATCH {
                    best = (len, i - candidate);
                }
            }
        }
        if best.0 >= MIN_MATCH {
            flush(&mut out, &mut literals);
            out.push(0x80 | (best.0 - MIN_MATCH) as u8);
            out.extend_from_slice(&(best.1 as u16).to_le_bytes());
            for k in i + 1..(i + best.0).min(input.len().saturating_sub(MIN_MATCH - 1)) {
                table[hash(k)] = k;
            }
            i += best.0;
        } else {
            literals.push(input[i]);
            i += 1;
        }
    }
    flush(&mut out, &mut literals);
    out
}

/// Inverts [`compress`] (v1 links); `None` for damaged data or output past `limit` bytes.
pub fn decompress(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len() * 3);
    let mut i = 0;
    while i < data.len() {
        let token = data[i];
        i += 1;
        if token & 0x80 == 0 {
            let len = usize::from(token) + 1;
            let run = data.get(i..i + len)?;
            out.extend_from_slice(run);
            i += len;
        } else {
            let len = usize::from(token & 0x7F) + MIN_MATCH;
            let d = data.get(i..i + 2)?;
            let distance = usize::from(u16::from_le_bytes([d[0], d[1]]));
            i += 2;
            if distance == 0 || distance > out.len() {
                return None;
            }
            let start = out.len() - distance;
            for k in 0..len {
                let b = out[start + k];
                out.push(b);
            }
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}
