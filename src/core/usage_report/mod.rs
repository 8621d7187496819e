//! Provider usage exports read in full, privately: OpenAI's Usage API for completions,
//! Anthropic's usage report for messages, and a generic CSV. Every row is summed per model
//! and group (project, API key, workspace, service tier, batch…), over the period the export
//! covers; [`bill`] prices the groups, turns them into workloads, charges them back and
//! reconciles them with the provider's cost report.
//!
//! **Conventions, as each provider documents them** (read 2026-12-07: OpenAI's `OpenAPI` spec
//! `openai/openai-openapi` at f85dbe22, `UsageCompletionsResult`; Anthropic's Admin API
//! reference for `GET /v1/organizations/usage_report/messages` and its usage and cost guide):
//!
//! | | OpenAI `organization.usage.completions.result` | Anthropic usage report result |
//! |---|---|---|
//! | uncached prompt | `input_uncached_tokens`, else `input_tokens` − `input_cached_tokens` − `input_cache_write_tokens` (`input_tokens` **includes** cached and cache-write tokens) | `uncached_input_tokens` (the input fields are disjoint) |
//! | cache reads | `input_cached_tokens` | `cache_read_input_tokens` |
//! | cache writes | `input_cache_write_tokens`, at the model's standard lifetime (the report has no lifetime split) | `cache_creation.ephemeral_5m_input_tokens` and `ephemeral_1h_input_tokens` |
//! | output | `output_tokens` (reasoning is not reported apart and is counted inside, as in each response's usage; billed as output either way) | `output_tokens` (thinking included; billed as output) |
//! | requests | `num_model_requests` | **not reported**: see [`bill`] for how workloads are sized without it |
//! | batch | the `batch` dimension (`true`) | `service_tier` = `batch` |
//! | tiers | `service_tier`: `flex`; `priority` and `fast` (billed as priority); `default`, `auto`, `scale` are standard | `service_tier`: `priority`, `priority_on_demand`; `flex`, `flex_discount`; `standard` |
//! | residency | – | `inference_geo` = `us` |
//! | time | `start_time`, `end_time`: Unix seconds, end exclusive | `starting_at`, `ending_at`: RFC 3339, end exclusive |
//!
//! A dimension that was not grouped on is `null` (or, in older OpenAI output, absent) and is
//! left out of the group. Web searches (Anthropic's `server_tool_use.web_search_requests`) are
//! counted and noted, not priced: they are not tokens.
//!
//! **Input.** One page, several pages one after another (as fetched page by page), or a JSON
//! array of pages; the generic CSV with a header row ([`csv`]). Input is read in pieces of
//! any size ([`UsageReader::feed`]), so a year of hourly buckets never has to be in memory
//! at once and the page can show progress. **Every bad row or bucket is named** with its
//! place (line, page, bucket, result) and the reason; [`UsageTable::problems`] holds them, and
//! an import with problems is not used until the user says so.

pub mod bill;
pub mod csv;
mod json;

pub use self::csv::{CsvColumn, CsvMapping};
use std::collections::HashMap;
use std::fmt;

/// A usage export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// OpenAI's Usage API for completions (`/v1/organization/usage/completions`).
    OpenAiUsage,
    /// Anthropic's Admin API usage report (`/v1/organizations/usage_report/messages`).
    AnthropicUsage,
    /// A CSV with a header row ([`csv`]).
    Csv,
}

impl ReportFormat {
    /// Every format.
    pub const ALL: [ReportFormat; 3] = [Self::OpenAiUsage, Self::AnthropicUsage, Self::Csv];

    /// Its name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::OpenAiUsage => "openai_usage",
            Self::AnthropicUsage => "anthropic_usage",
            Self::Csv => "csv",
        }
    }

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenAiUsage => "OpenAI Usage API (completions)",
            Self::AnthropicUsage => "Anthropic usage report (messages)",
            Self::Csv => "CSV",
        }
    }

    /// The format with this name.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The format the start of a file looks like: JSON naming OpenAI's completions result or
    /// carrying Anthropic's `starting_at`, else CSV.
    pub fn detect(start: &str) -> ReportFormat {
        let t = start.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            if t.contains("starting_at") || t.contains("uncached_input_tokens") {
                return Self::AnthropicUsage;
            }
            return Self::OpenAiUsage;
        }
        Self::Csv
    }
}

/// One group's token counts over the period, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    /// Requests, when the export counts them (Anthropic's does not).
    pub requests: Option<f64>,
    /// Prompt tokens neither read from nor written to the cache.
    pub input: f64,
    /// Prompt tokens read from the cache.
    pub cached: f64,
    /// Prompt tokens written to the cache at the model's standard lifetime (5 minutes for
    /// Anthropic, OpenAI's default retention).
    pub write_5m: f64,
    /// Prompt tokens written to the cache for 1 hour.
    pub write_1h: f64,
    /// Visible output tokens.
    pub output: f64,
    /// Reasoning tokens reported apart from the output (billed as output).
    pub reasoning: f64,
    /// Web searches (Anthropic's server tool), counted, not priced.
    pub web_searches: f64,
}

impl Totals {
    /// Adds another row's counts.
    pub fn add(&mut self, o: &Totals) {
        self.requests = match (self.requests, o.requests) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.input += o.input;
        self.cached += o.cached;
        self.write_5m += o.write_5m;
        self.write_1h += o.write_1h;
        self.output += o.output;
        self.reasoning += o.reasoning;
        self.web_searches += o.web_searches;
    }

    /// Every prompt token: uncached, read and written.
    pub fn prompt(&self) -> f64 {
        self.input + self.cached + self.write_5m + self.write_1h
    }

    /// Every token billed: the prompt, the output and the reasoning.
    pub fn tokens(&self) -> f64 {
        self.prompt() + self.output + self.reasoning
    }
}

/// What a group of rows shares: the model and the value of each dimension grouped on, in the
/// order of the dimension names (`api_key`, `batch`, `project`, `service_tier`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey {
    /// The model as the export names it.
    pub model: String,
    /// (dimension, value), sorted by dimension.
    pub dims: Vec<(String, String)>,
}

impl GroupKey {
    /// The value of `dimension`, if grouped on.
    pub fn get(&self, dimension: &str) -> Option<&str> {
        self.dims
            .iter()
            .find(|(d, _)| d == dimension)
            .map(|(_, v)| v.as_str())
    }

    /// The group's values in words: `proj_a · batch` (empty without a group).
    pub fn label(&self) -> String {
        self.dims
            .iter()
            .map(|(d, v)| match (d.as_str(), v.as_str()) {
                ("batch", "true") => "batch".to_owned(),
                ("batch", _) => "not batched".to_owned(),
                _ => v.clone(),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A row or bucket that could not be read, where it is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `line 12`, `page 2, bucket 5, result 3 (line 1,204)`.
    pub at: String,
    /// Why.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

/// At most this many problems are kept (the count goes on).
pub const MAX_PROBLEMS: usize = 100;

/// An export read in full: the period it covers and every group's totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UsageTable {
    /// Its format.
    pub format: Option<ReportFormat>,
    /// The first instant covered, Unix seconds.
    pub start: i64,
    /// The end of the period (exclusive), Unix seconds.
    pub end: i64,
    /// The groups, sorted by model then group.
    pub groups: Vec<(GroupKey, Totals)>,
    /// The dimensions grouped on, sorted.
    pub dimensions: Vec<String>,
    /// Rows (results) read.
    pub rows: u64,
    /// Time buckets read (JSON) or rows with a date (CSV).
    pub buckets: u64,
    /// Whether the export counts requests (else [`Totals::requests`] is `None`).
    pub requests_counted: bool,
    /// The first [`MAX_PROBLEMS`] problems.
    pub problems: Vec<Problem>,
    /// How many problems in all.
    pub problem_count: usize,
}

impl UsageTable {
    /// The days the period covers (at least one second's worth).
    pub fn days(&self) -> f64 {
        ((self.end - self.start).max(1)) as f64 / SECONDS_PER_DAY as f64
    }

    /// Every group's totals together.
    pub fn total(&self) -> Totals {
        let mut t = Totals::default();
        for (_, g) in &self.groups {
            t.add(g);
        }
        t
    }
}

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Reads an export in pieces: [`UsageReader::feed`] any number of times, then
/// [`UsageReader::finish`].
pub struct UsageReader {
    format: ReportFormat,
    json: json::Splitter,
    csv: Option<csv::CsvReader>,
    sink: Sink,
    bytes: u64,
}

impl UsageReader {
    /// A reader of `format`; the CSV mapping is found from the header unless one is given.
    pub fn new(format: ReportFormat, mapping: Option<CsvMapping>) -> UsageReader {
        UsageReader {
            format,
            json: json::Splitter::default(),
            csv: (format == ReportFormat::Csv).then(|| csv::CsvReader::new(mapping)),
            sink: Sink {
                groups: Groups::default(),
                start: i64::MAX,
                end: i64::MIN,
                rows: 0,
                buckets: 0,
                problems: Vec::new(),
                problem_count: 0,
                requests_missing: false,
            },
            bytes: 0,
        }
    }

    /// Bytes read so far (for progress).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The CSV's mapping, once its header is read.
    pub fn mapping(&self) -> Option<&CsvMapping> {
        self.csv.as_ref().and_then(csv::CsvReader::mapping)
    }

    /// Reads the next piece of the export (pieces may split a row or a value anywhere).
    pub fn feed(&mut self, piece: &str) {
        self.bytes += piece.len() as u64;
        match (self.format, self.csv.as_mut()) {
            (ReportFormat::Csv, Some(reader)) => reader.feed(piece, &mut self.sink),
            (format, _) => self.json.feed(piece, format, &mut self.sink),
        }
    }

    /// The table of everything read; what was left unfinished at the end is a problem.
    pub fn finish(mut self) -> UsageTable {
        let sink = &mut self.sink;
        match self.csv.as_mut() {
            Some(reader) => reader.finish(sink),
            None => self.json.finish(sink),
        }
        if sink.rows == 0 && sink.problem_count == 0 {
            sink.problem(
                "the export".to_owned(),
                "holds no usage: no result in any bucket".to_owned(),
            );
        }
        let sink = self.sink;
        let mut groups: Vec<(GroupKey, Totals)> = sink.groups.list;
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let mut dimensions: Vec<String> = groups
            .iter()
            .flat_map(|(k, _)| k.dims.iter().map(|(d, _)| d.clone()))
            .collect();
        dimensions.sort();
        dimensions.dedup();
        let requests_counted = !sink.requests_missing && sink.rows > 0;
        if !requests_counted {
            for (_, t) in &mut groups {
                t.requests = None;
            }
        }
        let (start, end) = if sink.start <= sink.end {
            (sink.start, sink.end)
        } else {
            (0, 0)
        };
        UsageTable {
            format: Some(self.format),
            start,
            end,
            groups,
            dimensions,
            rows: sink.rows,
            buckets: sink.buckets,
            requests_counted,
            problems: sink.problems,
            problem_count: sink.problem_count,
        }
    }
}

/// Reads a whole export at once.
pub fn read_report(format: ReportFormat, text: &str, mapping: Option<CsvMapping>) -> UsageTable {
    let mut reader = UsageReader::new(format, mapping);
    reader.feed(text);
    reader.finish()
}

/// The groups read so far, found by their key without building it: a row's model and
/// dimensions are written into one reused string (fields apart by a control character no
/// export holds) and looked up by it, so a row of a group already seen allocates nothing.
#[derive(Default)]
struct Groups {
    index: HashMap<String, usize>,
    list: Vec<(GroupKey, Totals)>,
    scratch: String,
}

impl Groups {
    fn add(&mut self, model: &str, dims: &[(&str, &str)], totals: &Totals) {
        self.scratch.clear();
        self.scratch.push_str(model);
        for (d, v) in dims {
            self.scratch.push('\u{1f}');
            self.scratch.push_str(d);
            self.scratch.push('\u{1e}');
            self.scratch.push_str(v);
        }
        if let Some(&i) = self.index.get(self.scratch.as_str()) {
            self.list[i].1.add(totals);
            return;
        }
        let key = GroupKey {
            model: model.to_owned(),
            dims: dims
                .iter()
                .map(|(d, v)| ((*d).to_owned(), (*v).to_owned()))
                .collect(),
        };
        self.index.insert(self.scratch.clone(), self.list.len());
        self.list.push((key, *totals));
    }
}

/// Where the formats' readers put what they read: the groups, the period, the counts and
/// the problems.
pub(crate) struct Sink {
    groups: Groups,
    start: i64,
    end: i64,
    rows: u64,
    buckets: u64,
    problems: Vec<Problem>,
    problem_count: usize,
    requests_missing: bool,
}

impl Sink {
    /// Records a problem.
    pub(crate) fn problem(&mut self, at: String, reason: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { at, reason });
        }
    }

    /// Records a time bucket (or a dated CSV row) covering `[start, end)`.
    pub(crate) fn period(&mut self, start: i64, end: i64) {
        self.buckets += 1;
        self.start = self.start.min(start);
        self.end = self.end.max(end.max(start));
    }

    /// Adds one row's counts to its group: the model and the grouped dimensions' values,
    /// sorted by dimension name.
    pub(crate) fn row(&mut self, model: &str, dims: &[(&str, &str)], totals: &Totals) {
        self.rows += 1;
        if totals.requests.is_none() {
            self.requests_missing = true;
        }
        self.groups.add(model, dims, totals);
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), by Howard Hinnant's
/// `days_from_civil`.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Reads `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or `±HH:MM`, into
/// Unix seconds; `date_only` says whether a time was given.
pub fn parse_time(text: &str) -> Option<(i64, bool)> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = num(&text[0..4])?;
    let month = u32::try_from(num(&text[5..7])?).ok()?;
    let day = u32::try_from(num(&text[8..10])?).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let midnight = days_from_civil(year, month, day) * SECONDS_PER_DAY;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some((midnight, true));
    }
    let clock = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    if clock.len() < 5 || clock.as_bytes()[2] != b':' {
        return None;
    }
    let hours = num(&clock[0..2])?;
    let minutes = num(&clock[3..5])?;
    let mut end = 5;
    let mut seconds = 0;
    if clock.as_bytes().get(5) == Some(&b':') {
        seconds = num(clock.get(6..8)?)?;
        end = 8;
        if clock.as_bytes().get(8) == Some(&b'.') {
            end = 9 + clock[9..].bytes().take_while(u8::is_ascii_digit).count();
        }
    }
    if hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    let zone = &clock[end..];
    let offset = match zone {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hhmm = &zone[1..];
            if hhmm.len() != 5 || hhmm.as_bytes()[2] != b':' {
                return None;
            }
            sign * (num(&hhmm[0..2])? * 3600 + num(&hhmm[3..5])? * 60)
        }
    };
    Some((
        midnight + hours * 3600 + minutes * 60 + seconds - offset,
        false,
    ))
}

/// Unix seconds as an RFC 3339 instant in UTC: `2026-11-01T00:00:00Z`.
pub fn format_time(seconds: i64) -> String {
    let days = seconds.div_euclid(SECONDS_PER_DAY);
    let clock = seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let two = |v: i64| {
        let mut text = String::new();
        if v < 10 {
            text.push('0');
        }
        text.push_str(&v.to_string());
        text
    };
    format!(
        "{year}-{}-{}T{}:{}:{}Z",
        two(i64::from(month)),
        two(i64::from(day)),
        two(clock / 3600),
        two(clock % 3600 / 60),
        two(clock % 60)
    )
}

/// Unix seconds as a date: `2026-11-01`.
pub fn format_date(seconds: i64) -> String {
    format_time(seconds)[..10].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        // 2024-11-01T00:00:00Z is Unix 1,730,419,200 (OpenAI's spec example).
        assert_eq!(
            days_from_civil(2024, 11, 1) * SECONDS_PER_DAY,
            1_730_419_200
        );
        for z in [-800_000, -1, 0, 1, 19_000, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn times_read_and_written() {
        assert_eq!(parse_time("2025-08-01"), Some((1_754_006_400, true)));
        assert_eq!(
            parse_time("2025-08-01T00:00:00Z"),
            Some((1_754_006_400, false))
        );
        assert_eq!(
            parse_time("2025-08-01T02:00:00+02:00"),
            Some((1_754_006_400, false))
        );
        assert_eq!(
            parse_time("2025-08-01 00:30:15.123Z"),
            Some((1_754_008_215, false))
        );
        assert_eq!(parse_time("2025-13-01"), None);
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(format_time(1_730_419_200), "2024-11-01T00:00:00Z");
        assert_eq!(format_date(1_730_505_599), "2024-11-01");
    }

    #[test]
    fn formats_by_their_first_bytes() {
        assert_eq!(
            ReportFormat::detect(r#"{"object":"page","data":[{"object":"bucket""#),
            ReportFormat::OpenAiUsage
        );
        assert_eq!(
            ReportFormat::detect(r#"{"data":[{"starting_at":"2025-08-01T00:00:00Z""#),
            ReportFormat::AnthropicUsage
        );
        assert_eq!(
            ReportFormat::detect("date,model,requests"),
            ReportFormat::Csv
        );
    }
}
