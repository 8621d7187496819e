//! The JSON exports, read bucket by bucket: a scanner finds each time bucket of each page in
//! the stream (pages one after another, or a JSON array of them; pieces may split anything
//! anywhere), and each bucket is read with serde into typed results, summed into the groups
//! and dropped, so memory holds one bucket at a time.

use super::{parse_time, ReportFormat, Sink, Totals};
use serde::Deserialize;
use serde_json::Value;

/// What an open JSON container is, for finding the buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A top-level array of pages.
    Pages,
    /// A page; `data` is true while the member being read is its `data`.
    Page { data: bool },
    /// The page's `data` array (its elements are buckets).
    Data,
    /// Any other container outside a bucket.
    Other,
}

/// Finds the buckets in a stream of pages. Its flags are independent parts of a JSON
/// scanner's state (in a string, after a backslash, reading a key, expecting one, stopped).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default)]
pub(super) struct Splitter {
    stack: Vec<Frame>,
    in_string: bool,
    escape: bool,
    /// In a page, reading a member's key (its characters go to `key`).
    reading_key: bool,
    /// In a page, the next string is a key.
    expect_key: bool,
    key: String,
    /// The bucket being captured, and its depth of nesting.
    capture: Option<String>,
    depth: usize,
    line: u64,
    capture_line: u64,
    page: usize,
    bucket: usize,
    /// A structural error: nothing more is read.
    broken: bool,
}

impl Splitter {
    /// Reads a piece of the stream.
    pub(super) fn feed(&mut self, piece: &str, format: ReportFormat, sink: &mut Sink) {
        if self.broken {
            return;
        }
        let bytes = piece.as_bytes();
        // Where the part of this piece that belongs to the bucket being captured starts.
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            if self.capture.is_some() {
                if self.escape {
                    // The byte after a backslash is never special, even a quote.
                    self.escape = false;
                    if bytes[i] == b'\n' {
                        self.line += 1;
                    }
                    i += 1;
                    continue;
                }
                // Inside a bucket only quotes, escapes, brackets and line ends matter: skip
                // to the next one (most of an export is names and digits).
                let skip = if self.in_string {
                    memchr::memchr3(b'"', b'\\', b'\n', &bytes[i..])
                } else {
                    bytes[i..]
                        .iter()
                        .position(|&b| matches!(b, b'"' | b'{' | b'[' | b'}' | b']' | b'\n'))
                };
                match skip {
                    Some(n) => i += n,
                    None => break,
                }
            }
            let b = bytes[i];
            if b == b'\n' {
                self.line += 1;
            }
            if let Some(capture) = self.capture.as_mut() {
                if self.in_string {
                    if b == b'\\' {
                        self.escape = true;
                    } else if b == b'"' {
                        self.in_string = false;
                    }
                    i += 1;
                    continue;
                }
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            capture.push_str(&piece[from..=i]);
                            let text = self.capture.take().unwrap_or_default();
                            self.bucket += 1;
                            read_bucket(&text, format, self.at(), sink);
                        }
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            self.structure(b, i, &mut from, sink);
            if self.broken {
                return;
            }
            i += 1;
        }
        if let Some(capture) = self.capture.as_mut() {
            capture.push_str(&piece[from..]);
        }
    }

    /// Where the current bucket is, for a problem.
    fn at(&self) -> String {
        format!(
            "page {}, bucket {} (line {})",
            self.page,
            self.bucket,
            self.capture_line + 1
        )
    }

    /// One byte outside the buckets: pages, their members, the `data` array.
    fn structure(&mut self, b: u8, i: usize, from: &mut usize, sink: &mut Sink) {
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.reading_key {
                    self.reading_key = false;
                }
            } else if self.reading_key && self.key.len() < 32 {
                self.key.push(char::from(b));
            }
            return;
        }
        if b.is_ascii_whitespace() {
            return;
        }
        let top = self.stack.last().copied();
        match (top, b) {
            (None | Some(Frame::Pages), b'{') => {
                self.stack.push(Frame::Page { data: false });
                self.page += 1;
                self.bucket = 0;
                self.expect_key = true;
            }
            (None, b'[') => self.stack.push(Frame::Pages),
            (Some(Frame::Pages | Frame::Data), b',') => {}
            (Some(Frame::Page { .. }), b'}')
            | (Some(Frame::Other), b'}' | b']')
            | (Some(Frame::Pages | Frame::Data), b']') => {
                self.stack.pop();
            }
            (None | Some(Frame::Pages), _) => self.fail(
                sink,
                format!(
                    "not a usage export: expected a page (a JSON object) at line {}",
                    self.line + 1
                ),
            ),
            (Some(Frame::Page { .. }), b'"') => {
                self.in_string = true;
                if self.expect_key {
                    self.reading_key = true;
                    self.key.clear();
                }
            }
            (Some(Frame::Page { .. }), b':') => {
                self.expect_key = false;
                if let Some(Frame::Page { data }) = self.stack.last_mut() {
                    *data = self.key == "data";
                }
            }
            (Some(Frame::Page { .. }), b',') => self.expect_key = true,
            (Some(Frame::Page { data }), b'[') => {
                self.stack
                    .push(if data { Frame::Data } else { Frame::Other });
            }
            (Some(Frame::Page { .. } | Frame::Other), b'{' | b'[') => {
                self.stack.push(Frame::Other);
            }
            (Some(Frame::Other), b'"') => self.in_string = true,
            (Some(Frame::Data), b'{') => {
                self.capture = Some(String::with_capacity(4096));
                self.depth = 1;
                self.capture_line = self.line;
                *from = i;
            }
            (Some(Frame::Data), _) => self.fail(
                sink,
                format!(
                    "page {}: `data` holds something other than buckets at line {}",
                    self.page,
                    self.line + 1
                ),
            ),
            _ => {}
        }
    }

    fn fail(&mut self, sink: &mut Sink, reason: String) {
        self.broken = true;
        sink.problem("the export".to_owned(), reason);
    }

    /// The end of the stream: a page or bucket left open is a problem.
    pub(super) fn finish(&mut self, sink: &mut Sink) {
        if self.broken {
            return;
        }
        if self.capture.is_some() {
            sink.problem(
                format!(
                    "page {}, bucket {} (line {})",
                    self.page,
                    self.bucket + 1,
                    self.capture_line + 1
                ),
                "the export ends inside this bucket: it was cut off".to_owned(),
            );
        } else if !self.stack.is_empty() {
            sink.problem(
                format!("page {}", self.page),
                "the export ends inside this page: it was cut off".to_owned(),
            );
        }
    }
}

/// A count: missing is `None`, present must be a finite number of zero or more.
fn count(v: Option<f64>, name: &str) -> Result<f64, String> {
    match v {
        None => Ok(0.0),
        Some(x) if x.is_finite() && x >= 0.0 => Ok(x),
        Some(x) => Err(format!("{name} is {x}: a count must be zero or more")),
    }
}

fn required(v: Option<f64>, name: &str) -> Result<f64, String> {
    match v {
        None => Err(format!("{name} is missing")),
        some => count(some, name),
    }
}

/// OpenAI's bucket.
#[derive(Deserialize)]
struct OaBucket {
    start_time: Option<i64>,
    end_time: Option<i64>,
    #[serde(default)]
    results: Vec<OaResult>,
}

/// OpenAI's `organization.usage.completions.result` (fields the spec marks optional or
/// nullable are optional here; unknown fields are ignored).
#[derive(Deserialize)]
struct OaResult {
    object: Option<String>,
    input_tokens: Option<f64>,
    output_tokens: Option<f64>,
    input_cached_tokens: Option<f64>,
    input_cache_write_tokens: Option<f64>,
    input_uncached_tokens: Option<f64>,
    num_model_requests: Option<f64>,
    project_id: Option<String>,
    user_id: Option<String>,
    api_key_id: Option<String>,
    model: Option<String>,
    batch: Option<bool>,
    service_tier: Option<String>,
}

/// Anthropic's bucket.
#[derive(Deserialize)]
struct AnBucket {
    starting_at: Option<String>,
    ending_at: Option<String>,
    #[serde(default)]
    results: Vec<AnResult>,
}

#[derive(Deserialize)]
struct AnCacheCreation {
    ephemeral_5m_input_tokens: Option<f64>,
    ephemeral_1h_input_tokens: Option<f64>,
}

#[derive(Deserialize)]
struct AnServerTools {
    web_search_requests: Option<f64>,
}

/// Anthropic's usage report result.
#[derive(Deserialize)]
struct AnResult {
    uncached_input_tokens: Option<f64>,
    cache_read_input_tokens: Option<f64>,
    cache_creation: Option<AnCacheCreation>,
    output_tokens: Option<f64>,
    server_tool_use: Option<AnServerTools>,
    api_key_id: Option<String>,
    workspace_id: Option<String>,
    model: Option<String>,
    service_tier: Option<String>,
    context_window: Option<String>,
    inference_geo: Option<String>,
    account_id: Option<String>,
    service_account_id: Option<String>,
}

/// The dimensions of a result that are not null (`pairs` is sorted by name).
fn dims<'a>(pairs: &[(&'a str, Option<&'a str>)]) -> Vec<(&'a str, &'a str)> {
    pairs
        .iter()
        .filter_map(|&(d, v)| v.map(|v| (d, v)))
        .collect()
}

fn read_bucket(text: &str, format: ReportFormat, at: String, sink: &mut Sink) {
    match format {
        ReportFormat::AnthropicUsage => read_anthropic(text, &at, sink),
        _ => read_openai(text, &at, sink),
    }
}

/// Why a bucket's JSON is not what the format says, naming the result when one is at fault
/// (the typed read names only the first error; the loose read finds the result).
fn bucket_error(text: &str, e: &serde_json::Error, format: ReportFormat) -> (String, String) {
    let loose: Option<Value> = serde_json::from_str(text).ok();
    let results = loose
        .as_ref()
        .and_then(|v| v.get("results"))
        .and_then(Value::as_array);
    if let Some(results) = results {
        for (i, r) in results.iter().enumerate() {
            let ok = match format {
                ReportFormat::AnthropicUsage => AnResult::deserialize(r).is_ok(),
                _ => OaResult::deserialize(r).is_ok(),
            };
            if !ok {
                let why = match format {
                    ReportFormat::AnthropicUsage => AnResult::deserialize(r).err(),
                    _ => OaResult::deserialize(r).err(),
                };
                return (
                    format!(", result {}", i + 1),
                    why.map_or_else(String::new, |w| w.to_string()),
                );
            }
        }
    }
    (
        String::new(),
        format!("not a usage bucket of this format ({e})"),
    )
}

fn read_openai(text: &str, at: &str, sink: &mut Sink) {
    let bucket: OaBucket = match serde_json::from_str(text) {
        Ok(b) => b,
        Err(e) => {
            let (result, why) = bucket_error(text, &e, ReportFormat::OpenAiUsage);
            sink.problem(format!("{at}{result}"), why);
            return;
        }
    };
    let (Some(start), Some(end)) = (bucket.start_time, bucket.end_time) else {
        sink.problem(
            at.to_owned(),
            "a bucket needs start_time and end_time (Unix seconds)".to_owned(),
        );
        return;
    };
    sink.period(start, end);
    for (i, r) in bucket.results.iter().enumerate() {
        match openai_row(r) {
            Ok(totals) => {
                let batch = r.batch.map(|b| if b { "true" } else { "false" });
                let dims = dims(&[
                    ("api_key", r.api_key_id.as_deref()),
                    ("batch", batch),
                    ("project", r.project_id.as_deref()),
                    ("service_tier", r.service_tier.as_deref()),
                    ("user", r.user_id.as_deref()),
                ]);
                sink.row(r.model.as_deref().unwrap_or_default(), &dims, &totals);
            }
            Err(why) => sink.problem(format!("{at}, result {}", i + 1), why),
        }
    }
}

fn openai_row(r: &OaResult) -> Result<Totals, String> {
    if let Some(object) = &r.object {
        if object != "organization.usage.completions.result" {
            return Err(format!(
                "a result of kind {object}, not organization.usage.completions.result (this reads the completions usage, not costs or another endpoint)"
            ));
        }
    }
    let input = required(r.input_tokens, "input_tokens")?;
    let cached = count(r.input_cached_tokens, "input_cached_tokens")?;
    let written = count(r.input_cache_write_tokens, "input_cache_write_tokens")?;
    let uncached = match r.input_uncached_tokens {
        Some(_) => count(r.input_uncached_tokens, "input_uncached_tokens")?,
        None => input - cached - written,
    };
    if uncached < 0.0 || uncached + cached + written > input * (1.0 + 1e-9) + 0.5 {
        return Err(format!(
            "input_tokens ({input}) is less than its cached ({cached}) and cache-write ({written}) tokens, which it includes"
        ));
    }
    let totals = Totals {
        requests: Some(required(r.num_model_requests, "num_model_requests")?),
        input: uncached,
        cached,
        write_5m: written,
        write_1h: 0.0,
        output: required(r.output_tokens, "output_tokens")?,
        reasoning: 0.0,
        web_searches: 0.0,
    };
    Ok(totals)
}

fn read_anthropic(text: &str, at: &str, sink: &mut Sink) {
    let bucket: AnBucket = match serde_json::from_str(text) {
        Ok(b) => b,
        Err(e) => {
            let (result, why) = bucket_error(text, &e, ReportFormat::AnthropicUsage);
            sink.problem(format!("{at}{result}"), why);
            return;
        }
    };
    let time = |t: &Option<String>| t.as_deref().and_then(parse_time).map(|(s, _)| s);
    let (Some(start), Some(end)) = (time(&bucket.starting_at), time(&bucket.ending_at)) else {
        sink.problem(
            at.to_owned(),
            "a bucket needs starting_at and ending_at (RFC 3339 times)".to_owned(),
        );
        return;
    };
    sink.period(start, end);
    for (i, r) in bucket.results.iter().enumerate() {
        match anthropic_row(r) {
            Ok(totals) => {
                let dims = dims(&[
                    ("account", r.account_id.as_deref()),
                    ("api_key", r.api_key_id.as_deref()),
                    ("context_window", r.context_window.as_deref()),
                    ("inference_geo", r.inference_geo.as_deref()),
                    ("service_account", r.service_account_id.as_deref()),
                    ("service_tier", r.service_tier.as_deref()),
                    ("workspace", r.workspace_id.as_deref()),
                ]);
                sink.row(r.model.as_deref().unwrap_or_default(), &dims, &totals);
            }
            Err(why) => sink.problem(format!("{at}, result {}", i + 1), why),
        }
    }
}

fn anthropic_row(r: &AnResult) -> Result<Totals, String> {
    let creation = r.cache_creation.as_ref();
    let totals = Totals {
        requests: None,
        input: required(r.uncached_input_tokens, "uncached_input_tokens")?,
        cached: count(r.cache_read_input_tokens, "cache_read_input_tokens")?,
        write_5m: count(
            creation.and_then(|c| c.ephemeral_5m_input_tokens),
            "cache_creation.ephemeral_5m_input_tokens",
        )?,
        write_1h: count(
            creation.and_then(|c| c.ephemeral_1h_input_tokens),
            "cache_creation.ephemeral_1h_input_tokens",
        )?,
        output: required(r.output_tokens, "output_tokens")?,
        reasoning: 0.0,
        web_searches: count(
            r.server_tool_use
                .as_ref()
                .and_then(|s| s.web_search_requests),
            "server_tool_use.web_search_requests",
        )?,
    };
    Ok(totals)
}

#[cfg(test)]
// Exact equality where the values are exactly representable (whole token counts).
#[allow(clippy::float_cmp)]
mod tests {
    use super::super::{read_report, ReportFormat, UsageReader};

    const PAGE: &str = r#"{"object":"page","data":[
      {"object":"bucket","start_time":1730419200,"end_time":1730505600,"results":[
        {"object":"organization.usage.completions.result","input_tokens":1000,"input_cached_tokens":400,
         "input_cache_write_tokens":100,"output_tokens":500,"num_model_requests":5,
         "project_id":"proj_a","user_id":null,"api_key_id":null,"model":"gpt-5-2025-08-07","batch":false,"service_tier":null}]},
      {"object":"bucket","start_time":1730505600,"end_time":1730592000,"results":[]}
    ],"has_more":false,"next_page":null}"#;

    #[test]
    fn a_page_by_hand() {
        let t = read_report(ReportFormat::OpenAiUsage, PAGE, None);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert_eq!((t.start, t.end), (1_730_419_200, 1_730_592_000));
        assert_eq!(t.days(), 2.0);
        assert_eq!(t.groups.len(), 1);
        let (k, g) = &t.groups[0];
        assert_eq!(k.model, "gpt-5-2025-08-07");
        assert_eq!(k.label(), "not batched · proj_a");
        // 1,000 input includes 400 cached and 100 written: 500 uncached.
        assert_eq!(
            (g.input, g.cached, g.write_5m, g.output),
            (500.0, 400.0, 100.0, 500.0)
        );
        assert_eq!(g.requests, Some(5.0));
    }

    #[test]
    fn pieces_of_any_size_read_the_same() {
        let two = format!("{PAGE}\n{}", PAGE.replace("proj_a", "proj_b"));
        let whole = read_report(ReportFormat::OpenAiUsage, &two, None);
        for size in [1, 2, 3, 7, 64] {
            let mut r = UsageReader::new(ReportFormat::OpenAiUsage, None);
            let bytes = two.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let mut j = (i + size).min(bytes.len());
                while !two.is_char_boundary(j) {
                    j += 1;
                }
                r.feed(&two[i..j]);
                i = j;
            }
            assert_eq!(r.finish(), whole, "pieces of {size} bytes");
        }
        assert_eq!(whole.groups.len(), 2);
        // Quotes, backslashes and brackets inside names are text, however the pieces cut.
        let odd = two.replace("proj_b", r#"proj \"b\" {[x]} \\"#);
        let whole_odd = read_report(ReportFormat::OpenAiUsage, &odd, None);
        assert!(whole_odd.problems.is_empty(), "{:?}", whole_odd.problems);
        assert!(whole_odd
            .groups
            .iter()
            .any(|(k, _)| k.get("project") == Some(r#"proj "b" {[x]} \"#)));
        for size in 1..=9 {
            let mut r = UsageReader::new(ReportFormat::OpenAiUsage, None);
            for piece in odd.as_bytes().chunks(size) {
                r.feed(std::str::from_utf8(piece).unwrap_or_default());
            }
            assert_eq!(r.finish(), whole_odd, "pieces of {size} bytes");
        }
        // An array of the same pages reads the same.
        let array = format!("[{PAGE},{}]", PAGE.replace("proj_a", "proj_b"));
        assert_eq!(read_report(ReportFormat::OpenAiUsage, &array, None), whole);
    }

    #[test]
    fn bad_results_and_cut_off_pages_are_named() {
        let bad = PAGE.replace("\"output_tokens\":500", "\"output_tokens\":-3");
        let t = read_report(ReportFormat::OpenAiUsage, &bad, None);
        assert_eq!(t.problem_count, 1);
        assert_eq!(t.problems[0].at, "page 1, bucket 1 (line 2), result 1");
        assert!(t.problems[0].reason.contains("output_tokens is -3"));
        let wrong_type = PAGE.replace("\"input_tokens\":1000", "\"input_tokens\":\"a lot\"");
        let t = read_report(ReportFormat::OpenAiUsage, &wrong_type, None);
        assert_eq!(t.problems[0].at, "page 1, bucket 1 (line 2), result 1");
        let cut = &PAGE[..PAGE.len() / 2];
        let t = read_report(ReportFormat::OpenAiUsage, cut, None);
        assert!(t.problems[0].reason.contains("cut off"), "{:?}", t.problems);
        let t = read_report(ReportFormat::OpenAiUsage, "hello", None);
        assert!(t.problems[0].reason.contains("not a usage export"));
        let costs = PAGE.replace(
            "organization.usage.completions.result",
            "organization.costs.result",
        );
        let t = read_report(ReportFormat::OpenAiUsage, &costs, None);
        assert!(t.problems[0]
            .reason
            .contains("not organization.usage.completions.result"));
    }

    #[test]
    fn anthropic_fields_are_disjoint() {
        let page = r#"{"data":[{"starting_at":"2025-08-01T00:00:00Z","ending_at":"2025-08-02T00:00:00Z","results":[
          {"uncached_input_tokens":1500,"cache_read_input_tokens":200,
           "cache_creation":{"ephemeral_1h_input_tokens":1000,"ephemeral_5m_input_tokens":500},
           "output_tokens":500,"server_tool_use":{"web_search_requests":10},"api_key_id":null,
           "workspace_id":"wrkspc_1","model":"claude-sonnet-4-5-20250929","service_tier":"batch",
           "context_window":null,"inference_geo":null}]}],"has_more":false,"next_page":null}"#;
        let t = read_report(ReportFormat::AnthropicUsage, page, None);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        assert!(!t.requests_counted);
        let (k, g) = &t.groups[0];
        assert_eq!(k.label(), "batch · wrkspc_1");
        assert_eq!(k.get("service_tier"), Some("batch"));
        assert_eq!(
            (
                g.input,
                g.cached,
                g.write_5m,
                g.write_1h,
                g.output,
                g.web_searches
            ),
            (1500.0, 200.0, 500.0, 1000.0, 500.0, 10.0)
        );
        assert_eq!(g.prompt(), 3200.0);
        assert_eq!(g.requests, None);
    }
}
