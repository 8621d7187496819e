//! Helpers shared by the integration tests: the reference data of `data/` and the fixtures of
//! `tests/fixtures/` (a missing file fails the test, it never skips it), a CSV splitter, a
//! seeded random generator for property tests, and the hand-checked flat commitment scenario.
//! Each test crate uses some of them.
#![allow(dead_code)]

use std::path::Path;

/// The text of a file of the repository (a path relative to its root, such as
/// `data/gpus.csv`). Panics, failing the test, when the file is missing: a test that needs
/// data checks it or fails, it never passes without it.
pub fn repo_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}): the reference data and fixtures are part of the repository \
             (data/README.md)",
            path.display()
        )
    })
}

/// A CSV of `data/` as (header, rows), blank lines left out; it must have rows.
pub fn data_table(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (header, rows) = data_table_maybe_empty(name);
    assert!(!rows.is_empty(), "data/{name} has no rows");
    (header, rows)
}

/// A CSV of `data/` that may have no rows yet (the price archive before the first refresh);
/// the file and its header must exist.
pub fn data_table_maybe_empty(name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = repo_file(&format!("data/{name}"));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = fields(lines.next().unwrap_or_default());
    assert!(header.len() > 1, "data/{name} has no header");
    (header, lines.map(fields).collect())
}

use inference_cost::scenario::commitment::{DailyShape, DemandSource, Payment};
use inference_cost::scenario::{
    CustomModel, PriceEdit, Route, Scenario, TrafficMode, Workload, DEFAULT_MODEL,
};

/// The hand-checked commitment case: 10 GPUs every hour, $2 on demand, 30 % off for 1 year
/// and 50 % for 3 years (on demand $14,600.00 a month, the 3-year plan $7,300.00).
pub fn flat_commitment() -> Scenario {
    let mut s = Scenario::default();
    let c = &mut s.commitment;
    c.source = DemandSource::Generated;
    c.mean_gpus = 10.0;
    c.shape = DailyShape::Flat;
    c.weekend_pct = 100.0;
    c.on_demand = Some(2.0);
    c.one_year.discount_pct = 30.0;
    c.three_year.discount_pct = 50.0;
    s
}

/// Splits one CSV line, honouring double quotes (the notes contain commas).
pub fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = out.last_mut() {
                    f.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => {
                if let Some(f) = out.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    out
}

/// xorshift64*: a tiny deterministic generator, so the property runs are reproducible.
pub struct Rng(pub u64);

impl Rng {
    /// The next value in [0, 1).
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`, uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[((self.next() * items.len() as f64) as usize).min(items.len() - 1)]
    }
}

pub const MODELS: [&str; 4] = [
    DEFAULT_MODEL,
    "openai/gpt-5",
    "openai/gpt-5-mini",
    "google/gemini-2.5-pro",
];

/// A number as people type it: two significant figures, up to `max`, read from its decimal
/// text as the page's fields read it.
pub fn typed(rng: &mut Rng, max: f64) -> f64 {
    let v = rng.next() * max;
    if v < 1.0 {
        return 0.0;
    }
    let exponent = v.log10().floor() as i32 - 1;
    let digits = (v / 10f64.powi(exponent)).round();
    format!("{digits}e{exponent}").parse().unwrap_or(0.0)
}

/// A scenario with `n` workloads, some routed, some per day, custom prices and a custom model.
pub fn generated(rng: &mut Rng, n: usize) -> Scenario {
    let mut s = Scenario::default();
    s.workloads.clear();
    for i in 0..n {
        let id = u32::try_from(i).unwrap_or(0) + 1;
        let mut w = Workload::new(id, format!("Workload {id}"), rng.pick(&MODELS));
        w.requests_per_month = typed(rng, 1e7);
        w.input_tokens = typed(rng, 8_000.0);
        w.output_tokens = typed(rng, 1_000.0);
        if rng.next() < 0.3 {
            w.traffic_mode = TrafficMode::PerDay;
            w.requests_per_day = typed(rng, 1e5);
        }
        if rng.next() < 0.3 {
            w.cached_pct = (rng.next() * 100.0).round();
        }
        if rng.next() < 0.3 {
            w.routes = vec![
                Route {
                    model: rng.pick(&MODELS).to_owned(),
                    share_pct: 80.0,
                },
                Route {
                    model: rng.pick(&MODELS).to_owned(),
                    share_pct: 20.0,
                },
            ];
        }
        s.workloads.push(w);
    }
    if rng.next() < 0.7 {
        s.override_mut("openai/gpt-5").input = Some((rng.next() * 10.0 * 100.0).round() / 100.0);
    }
    if rng.next() < 0.5 {
        s.custom_models.push(CustomModel {
            id: "custom/1".into(),
            name: "Our endpoint".into(),
            source: "contract 2026-10".into(),
            price: PriceEdit {
                input: Some(0.5),
                output: Some(1.5),
                ..PriceEdit::default()
            },
            cache_beside_prompt: false,
            long_context: None,
            rules: inference_cost::scenario::CustomRules::default(),
        });
    }
    s.projection.monthly_growth_pct = (rng.next() * 10.0).round();
    s.selfhost.engineers = (rng.next() * 3.0 * 10.0).round() / 10.0;
    rng.pick(&["h100-sxm", "h200", "b200", "l40s"])
        .clone_into(&mut s.selfhost.gpu);
    let c = &mut s.commitment;
    c.source = rng.pick(&DemandSource::ALL);
    c.shape = rng.pick(&DailyShape::ALL);
    c.mean_gpus = (rng.next() * 100.0).round();
    c.three_year.payment = rng.pick(&Payment::ALL);
    c.spot = rng.next() < 0.5;
    c.seed = u32::try_from((rng.next() * 1e6) as u64).unwrap_or(1);
    if c.source == DemandSource::Series {
        c.series = (0..(rng.next() * 200.0) as usize)
            .map(|_| (rng.next() * 40.0).round())
            .collect();
    }
    s
}

/// The fixed test catalog (`tests/fixtures/catalog/llm_prices.csv`, the API prices of the
/// edition of 2026-11-23, never edited): what the golden numbers are priced with, so a refresh
/// of `data/llm_prices.csv` changes none of them. Rows become models as
/// `scripts/gen-catalog.py` makes them: the id is the provider's and the model's slugs, and
/// Anthropic reports cache reads and writes beside the prompt (`core::catalog`).
pub fn test_catalog() -> inference_cost::core::catalog::Catalog {
    use inference_cost::core::catalog::{Catalog, CatalogModel};
    use inference_cost::core::pricing::{CacheAccounting, LongContext, ModelPrice};
    use inference_cost::core::units::UsdPerMTok;
    let text = repo_file("tests/fixtures/catalog/llm_prices.csv");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = fields(lines.next().unwrap_or_default());
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let slug = |t: &str| {
        let mut plain = String::new();
        let mut depth = 0;
        for c in t.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => plain.push(c),
                _ => plain.push(' '),
            }
        }
        let lower = plain.trim().to_lowercase();
        let mut out = String::new();
        for c in lower.chars() {
            if c.is_ascii_alphanumeric() || c == '.' {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_matches('-').to_owned()
    };
    let models = lines
        .map(|line| {
            let row = fields(line);
            let get = |name: &str| {
                header
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| row.get(i))
                    .map_or("", |s| s.trim())
            };
            let num = |name: &str| get(name).parse::<f64>().ok();
            let usd = |name: &str| num(name).and_then(UsdPerMTok::new);
            let provider = get("provider");
            CatalogModel {
                id: leak(format!("{}/{}", slug(provider), slug(get("model")))),
                provider: leak(provider.to_owned()),
                name: leak(get("model").to_owned()),
                price: ModelPrice {
                    input: usd("input_usd_per_mtok").unwrap_or(UsdPerMTok::ZERO),
                    output: usd("output_usd_per_mtok").unwrap_or(UsdPerMTok::ZERO),
                    cached_input: usd("cached_input_usd_per_mtok"),
                    cache_write_5m: usd("cache_write_usd_per_mtok"),
                    cache_write_1h: usd("cache_write_1h_usd_per_mtok"),
                    reasoning: None,
                    batch_discount: num("batch_discount"),
                    long_context: num("long_context_threshold").map(|threshold_tokens| {
                        LongContext {
                            threshold_tokens,
                            input: usd("long_input_usd_per_mtok").unwrap_or(UsdPerMTok::ZERO),
                            output: usd("long_output_usd_per_mtok").unwrap_or(UsdPerMTok::ZERO),
                            cached_input: usd("long_cached_input_usd_per_mtok"),
                        }
                    }),
                    accounting: if provider == "Anthropic" {
                        CacheAccounting::BesidePrompt
                    } else {
                        CacheAccounting::InsidePrompt
                    },
                    rules: inference_cost::core::pricing::ExtraRules {
                        batch_cache: inference_cost::core::pricing::BatchCache::of_provider(
                            provider,
                        ),
                        ..inference_cost::core::pricing::ExtraRules::default()
                    },
                },
                context_window: num("context_window"),
                source: "tests/fixtures/catalog/llm_prices.csv",
                as_of: "2026-11-23",
                note: "",
            }
        })
        .collect();
    Catalog {
        edition: "2026-11-23",
        models,
        archive: Vec::new(),
        hardware: Some(test_hardware()),
    }
}

// The generated hardware tables and the open models of the edition of 2026-11-23, frozen (their
// `use super::hardware` finds the core's types through this import).
use inference_cost::core::hardware;
#[path = "../fixtures/catalog/hardware_data.rs"]
mod frozen_hardware;
#[path = "../fixtures/catalog/open_models.rs"]
mod frozen_open_models;

/// The fixed test hardware: `src/core/hardware_data.rs` as generated from `data/` at the
/// edition of 2026-11-23 and `src/core/open_models.rs` of that edition, frozen in
/// `tests/fixtures/catalog/`, so a refresh of the GPUs, rental prices or measurements, or a
/// corrected architecture, changes no golden number.
pub fn test_hardware() -> hardware::Hardware {
    hardware::Hardware {
        models: frozen_open_models::OPEN_MODELS,
        gpus: frozen_hardware::GPUS,
        offers: frozen_hardware::OFFERS,
        measurements: frozen_hardware::MEASUREMENTS,
    }
}

/// The numbers a notice names, in order ("… draws: 5 was out of range; 10,000 is used." →
/// `["5", "10,000"]`): what a golden test compares, so that rewording a notice never forces a
/// golden entry to be rewritten, while a change in what is clamped, or to what, fails.
pub fn notice_numbers(notices: &serde_json::Value) -> Vec<Vec<String>> {
    notices
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            let text = n.as_str().unwrap_or_default();
            let mut out = Vec::new();
            let mut current = String::new();
            for c in text.chars().chain([' ']) {
                if c.is_ascii_digit() || (!current.is_empty() && matches!(c, ',' | '.' | 'e' | '-'))
                {
                    current.push(c);
                } else if !current.is_empty() {
                    out.push(current.trim_end_matches([',', '.', 'e', '-']).to_owned());
                    current.clear();
                }
            }
            out
        })
        .collect()
}
