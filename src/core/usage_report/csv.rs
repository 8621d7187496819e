//! The generic CSV: a header row, then one row per day (or hour) and model, with any grouping
//! columns.
//!
//! **Columns.** Each header is matched to what it holds by its name, case and spaces,
//! underscores and hyphens aside ([`CsvColumn::recognize`]); a column no name matches is a
//! grouping column (`project`, `team`, `api_key`…), named by its header; money columns
//! (`cost`, `spend`, `amount`) are left out. The user can change any column's meaning
//! ([`CsvMapping`]).
//!
//! **Counting.** `input` is the uncached prompt; a `prompt` column (the whole prompt, as
//! OpenAI's `input_tokens` and every `prompt_tokens` count it) has the cached and written
//! tokens taken out. Writes are at the model's standard lifetime unless a 1-hour column says
//! otherwise. `reasoning` is counted inside `output` (as OpenAI and most gateways report it)
//! unless the mapping says it comes beside it. A part larger than its whole is an error.
//!
//! **Values.** Numbers as the page reads them (`1,500`, `1.5k`, `2M`, `2e6`); empty is 0.
//! Dates `YYYY-MM-DD` (a day) or RFC 3339 times (an hour). Commas, semicolons or tabs
//! separate fields (the header's shows which); quoted fields may hold separators, and `""`
//! is a quote.

use super::{parse_time, Sink, Totals, SECONDS_PER_DAY};

/// What a CSV column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvColumn {
    /// The day (or time) of the row.
    Date,
    /// The model.
    Model,
    /// Requests.
    Requests,
    /// Uncached prompt tokens.
    Input,
    /// The whole prompt, cached and written tokens included.
    Prompt,
    /// Prompt tokens read from the cache.
    Cached,
    /// Prompt tokens written to the cache at the standard lifetime.
    CacheWrite,
    /// Prompt tokens written to the cache for 1 hour.
    CacheWrite1h,
    /// Output tokens.
    Output,
    /// Reasoning tokens.
    Reasoning,
    /// A grouping dimension, by name.
    Group(String),
    /// Not read.
    Ignore,
}

impl CsvColumn {
    /// The choices a user can give a column (grouping aside), with their names.
    pub const CHOICES: [(&'static str, &'static str); 11] = [
        ("date", "Date"),
        ("model", "Model"),
        ("requests", "Requests"),
        ("input", "Input tokens (uncached)"),
        ("prompt", "Prompt tokens (cached included)"),
        ("cached", "Cached input tokens"),
        ("cache_write", "Cache writes"),
        ("cache_write_1h", "Cache writes, 1 hour"),
        ("output", "Output tokens"),
        ("reasoning", "Reasoning tokens"),
        ("ignore", "Not used"),
    ];

    /// Its key in [`CsvColumn::CHOICES`], or `group` for a grouping column.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Model => "model",
            Self::Requests => "requests",
            Self::Input => "input",
            Self::Prompt => "prompt",
            Self::Cached => "cached",
            Self::CacheWrite => "cache_write",
            Self::CacheWrite1h => "cache_write_1h",
            Self::Output => "output",
            Self::Reasoning => "reasoning",
            Self::Group(_) => "group",
            Self::Ignore => "ignore",
        }
    }

    /// The column for a key of [`CsvColumn::CHOICES`]; `group` groups by the header `name`.
    pub fn from_key(key: &str, name: &str) -> CsvColumn {
        match key {
            "date" => Self::Date,
            "model" => Self::Model,
            "requests" => Self::Requests,
            "input" => Self::Input,
            "prompt" => Self::Prompt,
            "cached" => Self::Cached,
            "cache_write" => Self::CacheWrite,
            "cache_write_1h" => Self::CacheWrite1h,
            "output" => Self::Output,
            "reasoning" => Self::Reasoning,
            "group" => Self::Group(dimension_name(name)),
            _ => Self::Ignore,
        }
    }

    /// What a header names, by the common names of usage exports.
    pub fn recognize(header: &str) -> CsvColumn {
        let n = normalize(header);
        let is = |names: &[&str]| names.contains(&n.as_str());
        if is(&[
            "date",
            "day",
            "start",
            "starttime",
            "startingat",
            "timestamp",
            "time",
            "period",
            "bucket",
            "usagedate",
        ]) {
            Self::Date
        } else if is(&["model", "modelname", "modelid", "models"]) {
            Self::Model
        } else if is(&[
            "requests",
            "numrequests",
            "nummodelrequests",
            "requestcount",
            "calls",
            "count",
            "numberofrequests",
        ]) {
            Self::Requests
        } else if is(&[
            "input",
            "inputtokens",
            "uncachedinputtokens",
            "uncachedinput",
            "uncachedtokens",
            "contexttokens",
        ]) {
            Self::Input
        } else if is(&[
            "prompt",
            "prompttokens",
            "totalinputtokens",
            "totalprompttokens",
        ]) {
            Self::Prompt
        } else if is(&[
            "cached",
            "cachedinput",
            "cachedinputtokens",
            "cacheread",
            "cachereadinputtokens",
            "cachereadtokens",
            "inputcachedtokens",
            "cachedtokens",
            "cachehits",
        ]) {
            Self::Cached
        } else if is(&[
            "cachewrite",
            "cachewrites",
            "cachewritetokens",
            "cachecreationinputtokens",
            "inputcachewritetokens",
            "cachewrite5m",
            "ephemeral5minputtokens",
            "cachecreation",
        ]) {
            Self::CacheWrite
        } else if is(&[
            "cachewrite1h",
            "cachewrites1h",
            "ephemeral1hinputtokens",
            "cachewrite1htokens",
            "cachecreation1h",
        ]) {
            Self::CacheWrite1h
        } else if is(&[
            "output",
            "outputtokens",
            "completiontokens",
            "completion",
            "generatedtokens",
        ]) {
            Self::Output
        } else if is(&[
            "reasoning",
            "reasoningtokens",
            "thinkingtokens",
            "thoughtstokens",
        ]) {
            Self::Reasoning
        } else if is(&[
            "cost",
            "costusd",
            "spend",
            "amount",
            "usd",
            "price",
            "totalcost",
        ]) || n.is_empty()
        {
            Self::Ignore
        } else {
            Self::Group(dimension_name(header))
        }
    }
}

fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_matches('"')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A grouping column's dimension name: its header in lower case, spaces as underscores.
fn dimension_name(header: &str) -> String {
    header
        .trim()
        .trim_matches('"')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// What each column of a CSV holds, and how its counts relate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMapping {
    /// The headers, as written.
    pub headers: Vec<String>,
    /// What each holds.
    pub columns: Vec<CsvColumn>,
    /// `reasoning` is counted inside `output` (OpenAI's and most gateways' convention);
    /// false: beside it (Gemini's).
    pub reasoning_in_output: bool,
    /// The field separator.
    pub separator: char,
}

impl CsvMapping {
    /// The mapping recognized from a header line.
    pub fn from_header(line: &str) -> CsvMapping {
        let separator = [',', ';', '\t']
            .into_iter()
            .max_by_key(|s| line.matches(*s).count())
            .unwrap_or(',');
        let headers = split_fields(line, separator);
        let columns = headers.iter().map(|h| CsvColumn::recognize(h)).collect();
        CsvMapping {
            headers,
            columns,
            reasoning_in_output: true,
            separator,
        }
    }

    /// What the mapping lacks to be read: a model, a date and some tokens.
    pub fn missing(&self) -> Vec<&'static str> {
        let has = |c: &CsvColumn| self.columns.contains(c);
        let mut out = Vec::new();
        if !has(&CsvColumn::Date) {
            out.push("a date column");
        }
        if !has(&CsvColumn::Model) {
            out.push("a model column");
        }
        if !has(&CsvColumn::Input) && !has(&CsvColumn::Prompt) {
            out.push("an input or prompt tokens column");
        }
        if !has(&CsvColumn::Output) {
            out.push("an output tokens column");
        }
        out
    }
}

/// Splits a CSV line into fields (quotes kept out, `""` read as `"`).
pub fn split_fields(line: &str, separator: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Reads a CSV line by line.
#[derive(Debug)]
pub(super) struct CsvReader {
    mapping: Option<CsvMapping>,
    given: bool,
    /// The start of a line the last piece cut off.
    partial: String,
    /// Whether the partial line is inside a quoted field (a line break inside quotes).
    line: u64,
    broken: bool,
    /// The last date read and what it was read as (rows of a day follow one another).
    last_date: (String, Option<(i64, bool)>),
}

impl CsvReader {
    pub(super) fn new(mapping: Option<CsvMapping>) -> CsvReader {
        CsvReader {
            given: mapping.is_some(),
            mapping,
            partial: String::new(),
            line: 0,
            broken: false,
            last_date: (String::new(), None),
        }
    }

    pub(super) fn mapping(&self) -> Option<&CsvMapping> {
        self.mapping.as_ref()
    }

    pub(super) fn feed(&mut self, piece: &str, sink: &mut Sink) {
        let mut rest = piece;
        while let Some(end) = rest.find('\n') {
            let mut line = std::mem::take(&mut self.partial);
            line.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            self.line(line.trim_end_matches('\r'), sink);
        }
        self.partial.push_str(rest);
    }

    pub(super) fn finish(&mut self, sink: &mut Sink) {
        let last = std::mem::take(&mut self.partial);
        if !last.trim().is_empty() {
            self.line(last.trim_end_matches('\r'), sink);
        }
        if self.mapping.is_none() && !self.broken {
            sink.problem(
                "line 1".to_owned(),
                "the file is empty: a CSV needs a header row".to_owned(),
            );
        }
    }

    fn line(&mut self, line: &str, sink: &mut Sink) {
        self.line += 1;
        if self.broken || line.trim().is_empty() {
            return;
        }
        let Some(mapping) = self.mapping.as_ref() else {
            let mapping = CsvMapping::from_header(line);
            let missing = mapping.missing();
            if !missing.is_empty() {
                self.broken = true;
                sink.problem(
                    "line 1".to_owned(),
                    format!(
                        "the header does not name {} (choose what each column holds)",
                        missing.join(", ")
                    ),
                );
            }
            self.mapping = Some(mapping);
            return;
        };
        if self.given && self.line == 1 {
            // A given mapping still skips the header row.
            return;
        }
        match row(mapping, line, &mut self.last_date, sink) {
            Ok(()) => {}
            Err(why) => sink.problem(format!("line {}", self.line), why),
        }
    }
}

/// A CSV line's fields, borrowed from it unless a field is quoted.
fn fields_of(line: &str, separator: char) -> Vec<std::borrow::Cow<'_, str>> {
    if line.contains('"') {
        split_fields(line, separator)
            .into_iter()
            .map(std::borrow::Cow::Owned)
            .collect()
    } else {
        line.split(separator)
            .map(std::borrow::Cow::Borrowed)
            .collect()
    }
}

/// A count as written in a CSV: plain digits read directly, anything else (`1,500`, `2M`,
/// decimals) by the page's number reader.
fn count_of(v: &str) -> Result<f64, ()> {
    if !v.is_empty() && v.len() <= 15 && v.bytes().all(|b| b.is_ascii_digit()) {
        // At most 15 digits: exact in an f64.
        return v.parse::<u64>().map(|n| n as f64).map_err(|_| ());
    }
    crate::scenario::parse_number(v).map_err(|_| ())
}

/// One CSV row: its group, its counts and the period it covers, into `sink` unless it
/// cannot be read.
fn row(
    m: &CsvMapping,
    line: &str,
    last_date: &mut (String, Option<(i64, bool)>),
    sink: &mut Sink,
) -> Result<(), String> {
    let fields = fields_of(line, m.separator);
    if fields.len() != m.columns.len() {
        return Err(format!(
            "{} fields where the header has {}",
            fields.len(),
            m.columns.len()
        ));
    }
    let mut t = Totals::default();
    let mut prompt: Option<f64> = None;
    let mut model = None;
    let mut when = None;
    let mut dims = Vec::new();
    for ((column, value), header) in m.columns.iter().zip(&fields).zip(&m.headers) {
        let number = || -> Result<f64, String> {
            let v = value.trim();
            if v.is_empty() {
                return Ok(0.0);
            }
            match count_of(v) {
                Ok(n) if n >= 0.0 => Ok(n),
                Ok(n) => Err(format!("{header} is {n}: a count must be zero or more")),
                Err(()) => Err(format!(
                    "{header} is \"{}\", not a number",
                    crate::core::format::clip(v, 20)
                )),
            }
        };
        match column {
            CsvColumn::Date => {
                let v = value.trim();
                if last_date.0 != v {
                    last_date.0.clear();
                    last_date.0.push_str(v);
                    last_date.1 = parse_time(v);
                }
                when = Some(last_date.1.ok_or_else(|| {
                    format!(
                        "{header} is \"{}\": a date is YYYY-MM-DD or an RFC 3339 time",
                        crate::core::format::clip(v, 30)
                    )
                })?);
            }
            CsvColumn::Model => model = Some(value.trim()),
            CsvColumn::Requests => t.requests = Some(number()?),
            CsvColumn::Input => t.input += number()?,
            CsvColumn::Prompt => prompt = Some(number()?),
            CsvColumn::Cached => t.cached += number()?,
            CsvColumn::CacheWrite => t.write_5m += number()?,
            CsvColumn::CacheWrite1h => t.write_1h += number()?,
            CsvColumn::Output => t.output += number()?,
            CsvColumn::Reasoning => t.reasoning += number()?,
            CsvColumn::Group(name) => {
                let v = value.trim();
                if !v.is_empty() {
                    dims.push((name.as_str(), v));
                }
            }
            CsvColumn::Ignore => {}
        }
    }
    if let Some(p) = prompt {
        let uncached = p - t.cached - t.write_5m - t.write_1h;
        if uncached < -0.5 {
            return Err(format!(
                "the prompt ({p}) is less than its cached and written tokens ({})",
                t.cached + t.write_5m + t.write_1h
            ));
        }
        t.input += uncached.max(0.0);
    }
    if m.reasoning_in_output {
        if t.reasoning > t.output + 0.5 {
            return Err(format!(
                "reasoning ({}) is more than the output ({}) it is counted in (or choose: reasoning beside the output)",
                t.reasoning, t.output
            ));
        }
        t.output = (t.output - t.reasoning).max(0.0);
    }
    let Some(model) = model.filter(|m| !m.is_empty()) else {
        return Err("the model is empty".to_owned());
    };
    let Some((start, date_only)) = when else {
        return Err("the date is missing".to_owned());
    };
    let end = start + if date_only { SECONDS_PER_DAY } else { 3_600 };
    dims.sort_unstable();
    sink.period(start, end);
    sink.row(model, &dims, &t);
    Ok(())
}

#[cfg(test)]
// Exact equality where the values are exactly representable (whole token counts).
#[allow(clippy::float_cmp)]
mod tests {
    use super::super::{read_report, ReportFormat, UsageReader};
    use super::*;

    const CSV: &str = "date,model,project,requests,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens,cost_usd\n\
2026-11-01,gpt-5,search,100,\"150,000\",50000,10000,20000,5000,1.23\n\
2026-11-02,gpt-5,search,100,150000,50000,10000,20000,5000,1.23\n\
2026-11-02,gpt-5-mini,support,1k,1M,0,0,200k,0,0.5\n";

    #[test]
    fn headers_are_recognized() {
        let m = CsvMapping::from_header(CSV.lines().next().unwrap_or_default());
        let keys: Vec<&str> = m.columns.iter().map(CsvColumn::key).collect();
        assert_eq!(
            keys,
            [
                "date",
                "model",
                "group",
                "requests",
                "prompt",
                "cached",
                "cache_write",
                "output",
                "reasoning",
                "ignore"
            ]
        );
        assert!(m.missing().is_empty());
        assert_eq!(
            CsvMapping::from_header("day;Model;Input Tokens;Output-Tokens").separator,
            ';'
        );
    }

    #[test]
    fn rows_by_hand() {
        let t = read_report(ReportFormat::Csv, CSV, None);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!(t.days(), 2.0);
        assert_eq!(t.dimensions, ["project"]);
        let (k, g) = &t.groups[0];
        assert_eq!(k.model, "gpt-5");
        assert_eq!(k.label(), "search");
        // Prompt 150,000 = 90,000 uncached + 50,000 cached + 10,000 written, twice; output
        // 20,000 includes 5,000 reasoning.
        assert_eq!(
            (g.input, g.cached, g.write_5m),
            (180_000.0, 100_000.0, 20_000.0)
        );
        assert_eq!(
            (g.output, g.reasoning, g.requests),
            (30_000.0, 10_000.0, Some(200.0))
        );
        assert_eq!(t.groups[1].1.requests, Some(1_000.0));
        assert_eq!(t.groups[1].1.input, 1_000_000.0);
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let bad = format!("{CSV}2026-11-03,gpt-5,search,x,1,0,0,1,0,0\n2026-11-03,gpt-5,search,1,1,0,0,1\nnot-a-date,gpt-5,s,1,1,0,0,1,0,0\n");
        let t = read_report(ReportFormat::Csv, &bad, None);
        assert_eq!(t.problem_count, 3);
        assert_eq!(t.problems[0].at, "line 5");
        assert!(t.problems[0].reason.contains("requests is \"x\""));
        assert!(t.problems[1]
            .reason
            .contains("8 fields where the header has 10"));
        assert!(t.problems[2].reason.contains("a date is YYYY-MM-DD"));
        let t = read_report(ReportFormat::Csv, "a,b,c\n1,2,3\n", None);
        assert!(t.problems[0].reason.contains("does not name a date column"));
    }

    #[test]
    fn lines_cut_across_pieces_read_the_same() {
        let whole = read_report(ReportFormat::Csv, CSV, None);
        let mut r = UsageReader::new(ReportFormat::Csv, None);
        for piece in CSV.as_bytes().chunks(5) {
            r.feed(std::str::from_utf8(piece).unwrap_or_default());
        }
        assert_eq!(r.finish(), whole);
    }
}
