//! The built-in API price list against its source, `data/llm_prices.csv`: every price,
//! threshold and context window must match the CSV row of the same provider and model.

use common::data_table;
use inference_cost::core::catalog::api_models;
use inference_cost::core::units::UsdPerMTok;

mod common;

fn num(text: &str) -> Option<f64> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.parse().unwrap_or(f64::NAN))
}

fn same(a: Option<f64>, b: Option<UsdPerMTok>) -> bool {
    a == b.map(UsdPerMTok::value)
}

#[test]
fn every_catalog_price_matches_the_csv() {
    let (header, lines) = data_table("llm_prices.csv");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let models = api_models();
    let mut rows = 0;
    for f in lines {
        let get = |name: &str| f.get(col(name)).map_or("", String::as_str);
        let (provider, name) = (get("provider").trim(), get("model").trim());
        let Some(m) = models
            .iter()
            .find(|m| m.provider == provider && m.name == name)
        else {
            panic!("{provider} {name} is missing from the catalog");
        };
        let p = &m.price;
        assert_eq!(
            num(get("input_usd_per_mtok")),
            Some(p.input.value()),
            "{name} input"
        );
        assert_eq!(
            num(get("output_usd_per_mtok")),
            Some(p.output.value()),
            "{name} output"
        );
        assert!(
            same(num(get("cached_input_usd_per_mtok")), p.cached_input),
            "{name} cached"
        );
        assert!(
            same(num(get("cache_write_usd_per_mtok")), p.cache_write_5m),
            "{name} write 5m"
        );
        assert!(
            same(num(get("cache_write_1h_usd_per_mtok")), p.cache_write_1h),
            "{name} write 1h"
        );
        assert_eq!(num(get("batch_discount")), p.batch_discount, "{name} batch");
        assert_eq!(
            num(get("context_window")),
            m.context_window,
            "{name} context"
        );
        let long = p.long_context.as_ref();
        assert_eq!(
            num(get("long_context_threshold")),
            long.map(|l| l.threshold_tokens),
            "{name} threshold"
        );
        assert!(
            same(num(get("long_input_usd_per_mtok")), long.map(|l| l.input)),
            "{name} long input"
        );
        assert!(
            same(num(get("long_output_usd_per_mtok")), long.map(|l| l.output)),
            "{name} long output"
        );
        assert!(
            same(
                num(get("long_cached_input_usd_per_mtok")),
                long.and_then(|l| l.cached_input)
            ),
            "{name} long cached"
        );
        // The billing rules: a tier's price is its ratio times the standard price.
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(1e-9),
            (a, b) => a == b,
        };
        let r = &p.rules;
        for (tier, t) in [("flex", r.flex), ("priority", r.priority)] {
            let col = |kind: &str| num(get(&format!("{tier}_{kind}_usd_per_mtok")));
            let times = |ratio: Option<f64>, standard: Option<UsdPerMTok>| {
                ratio.zip(standard).map(|(r, s)| r * s.value())
            };
            assert!(
                close(col("input"), t.map(|t| t.input * p.input.value())),
                "{name} {tier}"
            );
            assert!(
                close(col("output"), t.map(|t| t.output * p.output.value())),
                "{name} {tier}"
            );
            assert!(
                close(
                    col("cached_input"),
                    times(t.and_then(|t| t.cached_input), p.cached_input)
                ),
                "{name} {tier} cached"
            );
            assert!(
                close(
                    col("cache_write"),
                    times(t.and_then(|t| t.cache_write), p.cache_write_5m)
                ),
                "{name} {tier} write"
            );
            let long_cached = p.long_context.as_ref().and_then(|l| l.cached_input);
            assert!(
                close(
                    col("long_cached_input"),
                    times(t.and_then(|t| t.long_cached_input), long_cached)
                ),
                "{name} {tier} long cached"
            );
        }
        assert!(
            same(num(get("cache_write_12h_usd_per_mtok")), r.cache_write_12h),
            "{name} 12h"
        );
        assert!(
            same(
                num(get("batch_cached_input_usd_per_mtok")),
                r.batch_cached_input
            ),
            "{name} batch cached"
        );
        assert!(
            same(
                num(get("batch_long_cached_input_usd_per_mtok")),
                r.batch_long_cached_input
            ),
            "{name} batch long cached"
        );
        assert_eq!(
            num(get("residency_multiplier")),
            r.residency,
            "{name} residency"
        );
        assert_eq!(num(get("fast_multiplier")), r.fast, "{name} fast");
        assert!(get("as_of").starts_with(m.as_of), "{name} as_of");
        rows += 1;
    }
    assert_eq!(rows, models.len(), "one catalog entry per CSV row");
}

#[test]
fn the_edition_and_the_archive_match_their_files() {
    use inference_cost::core::catalog::{Catalog, EDITION};
    let edition = common::repo_file("data/edition.txt");
    assert_eq!(
        EDITION,
        edition.trim(),
        "regenerate with scripts/gen-catalog.py"
    );
    let (header, lines) = common::data_table_maybe_empty("llm_price_archive.csv");
    assert_eq!(&header[..2], ["until", "retired"], "archive columns");
    let catalog = Catalog::builtin();
    assert_eq!(
        catalog.archive.len(),
        lines.len(),
        "one archived model per row"
    );
    for (row, a) in lines.iter().zip(&catalog.archive) {
        assert_eq!(row[0].trim(), a.until);
        assert!(
            a.until < EDITION,
            "{} archived until {} (edition {EDITION})",
            a.model.id,
            a.until
        );
    }
}

/// FNV-1a, 64 bits (`fnv1a64` of `scripts/gen_common.py`).
fn fnv1a64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The edition covers every data file the evaluation prices with, the GPU data and the open
/// models' architectures as well as the API prices: a file that changed since `data/edition.lock` was written, under the same
/// edition, fails here (a refresh is a new edition, or old links would not hear of it).
#[test]
fn every_priced_data_file_belongs_to_the_edition() {
    use inference_cost::core::catalog::EDITION;
    let lock = common::repo_file("data/edition.lock");
    let mut edition = None;
    let mut files = Vec::new();
    for line in lock.lines().filter(|l| !l.starts_with('#')) {
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            ["edition", e] => edition = Some(e.to_owned()),
            ["fnv1a64", digest, name] => files.push((digest.to_owned(), name.to_owned())),
            _ => panic!("data/edition.lock: unreadable line {line:?}"),
        }
    }
    assert_eq!(
        edition.as_deref(),
        Some(EDITION),
        "data/edition.lock's edition"
    );
    let names: Vec<&str> = files.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "data/llm_prices.csv",
            "data/llm_price_archive.csv",
            "data/gpus.csv",
            "data/gpu_rental.csv",
            "data/throughput.csv",
            "src/core/open_models.rs"
        ]
    );
    for (digest, name) in &files {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            &fnv1a64(&bytes),
            digest,
            "{name} changed under the edition {EDITION}: set a new date in data/edition.txt \
             and run scripts/gen-catalog.py and scripts/gen-hardware.py (data/README.md)"
        );
    }
    // The digest is the generator's: a known value.
    assert_eq!(fnv1a64(b"a"), "af63dc4c8601ec8c");
}
