//! The share-link codec: round trips on generated scenarios, link lengths, tolerant decoding
//! with clamping notices, and 100,000 fuzzed inputs that must never panic.
#![allow(clippy::float_cmp)] // clamped values are exact bounds

use common::{generated, Rng};
use inference_cost::core::evaluate;
use inference_cost::scenario::commitment::DemandSource;
use inference_cost::scenario::link::{
    base64url_decode, base64url_encode, compress, decode, decompress, encode, LinkError,
};
use inference_cost::scenario::Scenario;

mod common;

#[test]
fn decode_of_encode_is_the_same_scenario() {
    let mut rng = Rng(0x5A1E);
    for case in 0..500 {
        let s = generated(&mut rng, 1 + case % 6);
        let link = encode(&s);
        let back = decode(&link);
        assert_eq!(
            back.as_ref().map(|d| &d.scenario),
            Ok(&s),
            "case {case}: {link}"
        );
        assert_eq!(back.map(|d| d.notices.len()), Ok(0));
        // With the page's address around it too.
        let url = format!("https://intranet.example/tools/ai-cost/#{link}");
        assert_eq!(decode(&url).map(|d| d.scenario), Ok(s));
    }
    assert_eq!(
        decode(&encode(&Scenario::default())).map(|d| d.scenario),
        Ok(Scenario::default())
    );
}

#[test]
fn links_are_short() {
    let default = encode(&Scenario::default());
    assert!(default.len() < 20, "{default}");
    // A typical edit: the workload's traffic and prompt, another GPU, a commitment setting.
    let mut s = Scenario::default();
    s.workloads[0].requests_per_month = 2_500_000.0;
    s.workloads[0].input_tokens = 3_000.0;
    s.workloads[0].cached_pct = 60.0;
    s.selfhost.gpu = "h200".into();
    s.commitment.mean_gpus = 24.0;
    let typical = encode(&s);
    assert!(typical.len() < 300, "{} chars: {typical}", typical.len());
    let mut rng = Rng(20);
    let big = generated(&mut rng, 20);
    let big_link = encode(&big);
    assert!(big_link.len() < 2_000, "{} chars", big_link.len());
    eprintln!(
        "link lengths: default {}, typical {}, 20 workloads with custom prices {}",
        default.len(),
        typical.len(),
        big_link.len()
    );
}

#[test]
fn out_of_range_values_are_clamped_with_a_notice() {
    let patch = br##"{"workloads":{"#n":1,"#0":{"input_tokens":1e20,"cached_pct":-5}},"commitment":{"draws":5},"unknown":{"a":1}}"##;
    let link = format!("v1.{}", base64url_encode(&compress(patch)));
    let decoded = decode(&link);
    let Ok(d) = decoded else {
        panic!("should decode: {decoded:?}")
    };
    assert_eq!(d.scenario.workloads[0].input_tokens, 1e8);
    assert_eq!(d.scenario.workloads[0].cached_pct, 0.0);
    assert_eq!(d.scenario.commitment.draws, 10_000);
    assert_eq!(
        d.notices,
        vec![
            "Support chat › Input tokens per request: 1e20 was out of range; 100,000,000 is used."
                .to_owned(),
            "Support chat › Prompt read from cache: -5 was out of range; 0 is used.".to_owned(),
            "Commitment › Monte Carlo draws: 5 was out of range; 10,000 is used.".to_owned(),
        ]
    );
}

#[test]
fn bad_links_are_errors() {
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert_eq!(decode("https://x.example/#"), Err(LinkError::Empty));
    assert!(matches!(decode("v3.AAAA"), Err(LinkError::UnknownVersion(v)) if v == "v3"));
    // v2 is raw DEFLATE: a damaged stream, or one cut short, is refused.
    assert_eq!(decode("v2.AAAA"), Err(LinkError::Corrupt));
    assert_eq!(decode("v2.!!!"), Err(LinkError::Corrupt));
    let v2 = encode(&generated(&mut Rng(5), 2));
    assert!(v2.starts_with("v2."), "{v2}");
    assert_eq!(decode(&v2[..v2.len() - 4]), Err(LinkError::Corrupt));
    assert!(matches!(decode("hello"), Err(LinkError::UnknownVersion(_))));
    assert_eq!(decode("v1.!!!"), Err(LinkError::Corrupt));
    let good = encode(&generated(&mut Rng(3), 3));
    let cut = &good[..good.len() * 2 / 3];
    assert!(decode(cut).is_err(), "a truncated link is refused");
    let not_object = format!("v1.{}", base64url_encode(&compress(b"[1,2]")));
    assert!(matches!(
        decode(&not_object),
        Err(LinkError::NotAScenario(_))
    ));
    let wrong_type = format!(
        "v1.{}",
        base64url_encode(&compress(br#"{"workloads":"many"}"#))
    );
    assert!(matches!(
        decode(&wrong_type),
        Err(LinkError::NotAScenario(_))
    ));
    assert!(LinkError::Corrupt
        .to_string()
        .contains("defaults are shown"));
}

#[test]
fn codec_pieces_round_trip() {
    let mut rng = Rng(9);
    for n in 0..300 {
        let bytes: Vec<u8> = (0..n).map(|_| (rng.next() * 256.0) as u8).collect();
        assert_eq!(
            base64url_decode(&base64url_encode(&bytes)).as_deref(),
            Some(&bytes[..])
        );
        assert_eq!(
            decompress(&compress(&bytes), 1 << 20).as_deref(),
            Some(&bytes[..])
        );
        let text: Vec<u8> = (0..n * 10)
            .map(|_| b"{\"a\":1,\"bb\":[2,3]}"[(rng.next() * 17.0) as usize % 17])
            .collect();
        let packed = compress(&text);
        assert_eq!(decompress(&packed, 1 << 20).as_deref(), Some(&text[..]));
    }
    // Repetitive JSON compresses.
    let json = serde_json::to_vec(&generated(&mut Rng(5), 20)).unwrap_or_default();
    assert!(compress(&json).len() * 2 < json.len());
    assert_eq!(
        decompress(&[0x80, 1, 0], 100),
        None,
        "a match before any output"
    );
    assert_eq!(decompress(&[5, b'a'], 100), None, "a literal run cut short");
    assert_eq!(
        decompress(&[0, b'a', 0xFF, 1, 0], 10),
        None,
        "past the limit"
    );
}

/// 100,000 inputs: random text, random bytes behind "v1.", and valid links cut or edited.
/// Decoding never panics; what it accepts is within every bound, so it evaluates.
#[test]
fn fuzzed_links_never_panic() {
    let mut rng = Rng(0xF022);
    let seeds: Vec<String> = (0..20)
        .map(|i| encode(&generated(&mut rng, 1 + i % 5)))
        .collect();
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#=%!~ v"
            .chars()
            .collect();
    let mut accepted = 0;
    for case in 0..100_000 {
        let input = match case % 4 {
            0 => (0..(rng.next() * 80.0) as usize)
                .map(|_| rng.pick(&alphabet))
                .collect::<String>(),
            1 => {
                let bytes: Vec<u8> = (0..(rng.next() * 120.0) as usize)
                    .map(|_| (rng.next() * 256.0) as u8)
                    .collect();
                format!("v1.{}", base64url_encode(&bytes))
            }
            2 => {
                let s = &seeds[case % seeds.len()];
                let cut = (rng.next() * s.len() as f64) as usize;
                s.chars().take(cut).collect()
            }
            _ => {
                let s = &seeds[case % seeds.len()];
                let mut chars: Vec<char> = s.chars().collect();
                for _ in 0..=(rng.next() * 3.0) as usize {
                    let i =
                        3 + (rng.next() * (chars.len() - 3) as f64) as usize % (chars.len() - 3);
                    chars[i] = rng.pick(&alphabet);
                }
                chars.into_iter().collect()
            }
        };
        if let Ok(d) = decode(&input) {
            accepted += 1;
            if accepted % 50 == 0 {
                let _ = evaluate(&d.scenario);
            }
            assert!(d
                .scenario
                .workloads
                .iter()
                .all(|w| w.input_tokens.is_finite() && w.input_tokens >= 0.0));
        }
    }
    assert!(accepted > 0);
}

#[test]
fn page_options_travel_after_the_scenario() {
    use inference_cost::scenario::link::{split_fragment, EmbedView, PageOptions, Theme};
    let link = encode(&generated(&mut Rng(5), 2));
    let options = PageOptions {
        embed: Some(EmbedView::Commitment),
        interactive: true,
        theme: Theme::Dark,
        tab: None,
    };
    let fragment = format!("#{link}{}", options.to_fragment());
    assert_eq!(
        options.to_fragment(),
        "&embed=commitment&mode=interactive&theme=dark"
    );
    let url = format!("https://wiki.example/calc/{fragment}");
    let (text, read) = split_fragment(&url);
    assert_eq!(text, link);
    assert_eq!(read, options);
    // The scenario opens whatever options follow it; unknown ones are ignored.
    assert!(decode(&format!("{fragment}&future=1")).is_ok());
    let (_, read) = split_fragment("#v1.AXt9&tab=selfhost&theme=sepia&embed=nothing");
    assert_eq!(
        read,
        PageOptions {
            tab: Some(EmbedView::SelfHost),
            ..PageOptions::default()
        }
    );
    assert_eq!(PageOptions::default().to_fragment(), "");
    assert_eq!(
        PageOptions {
            tab: Some(EmbedView::Spend),
            ..PageOptions::default()
        }
        .to_fragment(),
        "",
        "the spend tab is the default"
    );
}

#[test]
fn scenario_json_round_trips_and_reads_partial_files() {
    use inference_cost::scenario::link::{from_json, to_json};
    let mut rng = Rng(11);
    for n in 1..30 {
        let s = generated(&mut rng, n % 6 + 1);
        let text = to_json(&s);
        assert!(text.contains("\"inference_cost_scenario\": \"v2\""));
        assert_eq!(from_json(&text).map(|d| d.scenario.clone()), Ok(s.clone()));
        // Files exported before v2 (the same schema) still import.
        let v1 = text.replace(
            "\"inference_cost_scenario\": \"v2\"",
            "\"inference_cost_scenario\": \"v1\"",
        );
        assert_eq!(from_json(&v1).map(|d| d.scenario), Ok(s));
    }
    // A hand-written file: only what differs; a workload with only some fields.
    let d = from_json(
        r#"{"workloads":[{"name":"Search","requests_per_month":2000000}],"commitment":{"mean_gpus":8}}"#,
    );
    let Ok(d) = d else { panic!("{d:?}") };
    assert_eq!(d.scenario.workloads.len(), 1);
    assert_eq!(d.scenario.workloads[0].name, "Search");
    assert_eq!(d.scenario.workloads[0].requests_per_month, 2e6);
    assert_eq!(d.scenario.workloads[0].input_tokens, 1_000.0);
    assert_eq!(d.scenario.commitment.mean_gpus, 8.0);
    // 2,000,000 requests × $0.006 = $12,000.00.
    let report = evaluate(&d.scenario).map(|r| r.spend.monthly_total.value());
    assert_eq!(report.ok(), Some(12_000.0));
    // Clamped like a link, with the field named.
    let d = from_json(r#"{"workloads":[{"name":"A","batch_pct":250}]}"#);
    assert_eq!(
        d.map(|d| d.notices),
        Ok(vec![
            "A › Sent through a batch API: 250 was out of range; 100 is used.".to_owned()
        ])
    );
    assert!(
        matches!(from_json("{nope"), Err(LinkError::NotAScenario(m)) if m.starts_with("not JSON"))
    );
    assert!(matches!(from_json("[1]"), Err(LinkError::NotAScenario(_))));
    assert!(matches!(
        from_json(r#"{"inference_cost_scenario":"v7"}"#),
        Err(LinkError::UnknownVersion(v)) if v == "v7"
    ));
    assert_eq!(from_json("  "), Err(LinkError::Empty));
}

#[test]
fn an_uploaded_year_of_hours_travels_in_the_link() {
    let mut s = Scenario::default();
    s.commitment.source = DemandSource::Series;
    s.commitment.series = (0..8_760)
        .map(|h| f64::from((h % 24 + h / 24 % 7) as u32))
        .collect();
    let link = encode(&s);
    assert_eq!(decode(&link).map(|d| d.scenario), Ok(s));
    eprintln!("a year of hourly GPUs: {} characters", link.len());
    assert!(link.len() < 60_000, "{}", link.len());
}

#[test]
fn lists_are_limited_and_workload_ids_made_unique() {
    use inference_cost::scenario::link::{from_json, MAX_WORKLOADS};
    // A tiny link asking for 100,000 default workloads.
    let patch = br##"{"workloads":{"#n":100000}}"##;
    let link = format!("v1.{}", base64url_encode(&compress(patch)));
    let Ok(d) = decode(&link) else {
        panic!("decodes")
    };
    assert_eq!(d.scenario.workloads.len(), MAX_WORKLOADS);
    assert_eq!(
        d.notices,
        vec!["Only the first 500 workloads are kept (100000 were given).".to_owned()]
    );
    let mut ids: Vec<u32> = d.scenario.workloads.iter().map(|w| w.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), MAX_WORKLOADS, "every id distinct");
    let Ok(d) = from_json(r#"{"workloads":[{"id":3},{"id":3},{"id":0}]}"#) else {
        panic!("reads")
    };
    let ids: Vec<u32> = d.scenario.workloads.iter().map(|w| w.id).collect();
    assert_eq!(ids, vec![3, 4, 5]);
}

/// Random JSON over `keys`: every type, nested up to a few levels.
fn value(rng: &mut Rng, keys: &[&str], depth: u32) -> String {
    match (rng.next() * if depth > 3 { 6.0 } else { 8.0 }) as u32 {
        0 => "null".into(),
        1 => "true".into(),
        2 => format!(
            "{}",
            (rng.next() - 0.3) * 10f64.powi((rng.next() * 30.0) as i32)
        ),
        3 => format!("{}", (rng.next() * 5.0) as u32),
        4 => format!(
            "\"{}\"",
            rng.pick(&["PerDay", "Series", "h200-sxm", "custom", "", "x"])
        ),
        5 => "[]".into(),
        6 => {
            let items: Vec<String> = (0..(rng.next() * 3.0) as usize)
                .map(|_| value(rng, keys, depth + 1))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let items: Vec<String> = (0..(rng.next() * 4.0) as usize)
                .map(|_| format!("\"{}\":{}", rng.pick(keys), value(rng, keys, depth + 1)))
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

#[test]
fn structured_junk_never_panics() {
    use inference_cost::scenario::link::from_json;
    // Known keys with values of every JSON type, nested: type confusion and odd shapes.
    let keys = [
        "workloads",
        "routes",
        "model",
        "share_pct",
        "name",
        "id",
        "requests_per_month",
        "input_tokens",
        "traffic_mode",
        "cache_ttl",
        "custom_models",
        "price",
        "long_context",
        "price_overrides",
        "edit",
        "projection",
        "months",
        "selfhost",
        "gpu",
        "precision",
        "commitment",
        "series",
        "source",
        "one_year",
        "mode",
        "draws",
        "#n",
        "#0",
        "#1",
    ];
    let mut rng = Rng(0x5EED);
    let mut read = 0;
    for _ in 0..8_000 {
        let mut text = String::from("{");
        let parts: Vec<String> = (0..=((rng.next() * 3.0) as usize))
            .map(|_| format!("\"{}\":{}", rng.pick(&keys), value(&mut rng, &keys, 0)))
            .collect();
        text.push_str(&parts.join(","));
        text.push('}');
        let link = format!("v1.{}", base64url_encode(&compress(text.as_bytes())));
        for d in [from_json(&text), decode(&link)].into_iter().flatten() {
            read += 1;
            let _ = evaluate(&d.scenario);
        }
    }
    assert!(read > 500, "the generator reaches the evaluator ({read})");
}

#[test]
fn a_few_bytes_cannot_ask_for_millions_of_items() {
    // 500 workloads, each with 100,000 routes: refused before anything is built.
    let items = (0..500)
        .map(|i| format!(r##""#{i}":{{"routes":{{"#n":100000}}}}"##))
        .collect::<Vec<_>>()
        .join(",");
    let patch = format!(r##"{{"workloads":{{"#n":500,{items}}}}}"##);
    let link = format!("v1.{}", base64url_encode(&compress(patch.as_bytes())));
    assert!(link.len() < 4_000, "{}", link.len());
    assert_eq!(decode(&link), Err(LinkError::TooLong));
    let huge = format!(
        "v1.{}",
        base64url_encode(&compress(
            br##"{"commitment":{"series":{"#n":18446744073709551615}}}"##
        ))
    );
    assert_eq!(decode(&huge), Err(LinkError::TooLong));
}

#[test]
fn every_remaining_number_is_bounded() {
    use inference_cost::scenario::link::from_json;
    let d = from_json(
        r#"{"workloads":[{"id":4294967295},{"id":4294967295}],
            "custom_models":[{"id":"custom/1","name":"M","source":"","price":{"input":1,"output":2},
              "cache_beside_prompt":false,"long_context":[0,-3,1e300]}],
            "selfhost":{"max_gpus_per_replica":3,"custom_model":{"mla_cache_values":-1}}}"#,
    );
    let Ok(d) = d else { panic!("{d:?}") };
    let ids: Vec<u32> = d.scenario.workloads.iter().map(|w| w.id).collect();
    assert_eq!(ids, vec![1, 2], "ids renumbered below the limit");
    assert_eq!(d.scenario.next_workload_id(), 3);
    assert_eq!(
        d.scenario.custom_models[0].long_context,
        Some((1.0, 0.0, 10_000.0))
    );
    assert_eq!(d.scenario.selfhost.max_gpus_per_replica, 2);
    assert_eq!(d.scenario.selfhost.custom_model.mla_cache_values, Some(1.0));
    assert_eq!(
        d.notices,
        vec![
            "M › Long context threshold: 0 was out of range; 1 is used.".to_owned(),
            "M › Long context Input: -3 was out of range; 0 is used.".to_owned(),
            "M › Long context Output: 1e300 was out of range; 10,000 is used.".to_owned(),
            "Custom model › MLA cache values: -1 was out of range; 1 is used.".to_owned(),
            "Self-hosting › Most GPUs per replica: 3 is not 1, 2, 4 or 8; 2 is used.".to_owned(),
        ]
    );
}

#[test]
fn a_length_written_as_a_decimal_is_the_same_length() {
    // JSON does not tell 2 from 2.0 (docs/link-format.md §4): both give two workloads.
    use inference_cost::scenario::link::deflate;
    for n in ["2", "2.0", "2e0"] {
        let patch = format!(r##"{{"workloads":{{"#n":{n}}}}}"##);
        let link = format!("v2.{}", base64url_encode(&deflate(patch.as_bytes())));
        let d = decode(&link).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert_eq!(d.scenario.workloads.len(), 2, "{n}");
    }
}
