//! The built-in GPUs, rental offers and published measurements against their sources,
//! `data/{gpus,gpu_rental,throughput}.csv`.
#![allow(clippy::float_cmp)] // values copied from the CSV compare exactly

use common::data_table;
use inference_cost::core::hardware::{gpus, measurements, offers};

mod common;

#[allow(clippy::float_cmp)]
fn num(text: &str) -> Option<f64> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.parse().unwrap_or(f64::NAN))
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or(usize::MAX)
}

/// Every GPU row is in the catalog with its bandwidth, BF16 TFLOPS and marketed memory (the
/// catalog keeps the measured usable GiB where the CSV has one, which is within 2 % of it).
#[test]
fn gpus_match_the_csv() {
    let (h, rows) = data_table("gpus.csv");
    assert_eq!(rows.len(), gpus().len());
    for (row, g) in rows.iter().zip(gpus()) {
        let get = |name: &str| row.get(col(&h, name)).map_or("", String::as_str);
        assert!(
            get("gpu").starts_with(g.name.split(' ').next().unwrap_or("?")),
            "{} vs {}",
            get("gpu"),
            g.name
        );
        assert_eq!(
            num(get("memory_bandwidth_tb_s")),
            Some(g.spec.bandwidth_tb_s),
            "{}",
            g.id
        );
        assert_eq!(
            num(get("bf16_dense_tflops")),
            Some(g.spec.bf16_tflops),
            "{}",
            g.id
        );
        let marketed =
            num(get("memory_gb_marketed").split(' ').next().unwrap_or("")).unwrap_or(f64::NAN);
        assert!(
            (g.spec.memory_gib / marketed - 1.0).abs() < 0.02,
            "{}: {} vs {marketed}",
            g.id,
            g.spec.memory_gib
        );
    }
}

/// Every offer's price per GPU-hour is a CSV row's, for a GPU of the catalog.
#[test]
fn offers_match_the_csv() {
    let (h, rows) = data_table("gpu_rental.csv");
    let prices: Vec<(String, f64)> = rows
        .iter()
        .map(|r| {
            let get = |name: &str| r.get(col(&h, name)).map_or("", String::as_str);
            (
                get("provider").to_owned(),
                num(get("usd_per_gpu_hour")).unwrap_or(f64::NAN),
            )
        })
        .collect();
    // All rows but the A100 40GB ones, a GPU the catalog does not have.
    let a100_40 = rows
        .iter()
        .filter(|r| r.get(col(&h, "gpu")).is_some_and(|g| g == "A100 40GB"))
        .count();
    assert_eq!(offers().len(), rows.len() - a100_40);
    for o in offers() {
        assert!(
            prices
                .iter()
                .any(|(p, v)| p == o.provider && (v - o.usd_per_gpu_hour).abs() < 1e-9),
            "{} {}",
            o.id,
            o.usd_per_gpu_hour
        );
    }
}

/// Every measurement is a CSV row with the same lengths and throughput.
#[test]
fn measurements_match_the_csv() {
    let (h, rows) = data_table("throughput.csv");
    assert!(measurements().len() >= 100);
    for m in measurements() {
        assert!(
            rows.iter().any(|r| {
                let get = |name: &str| r.get(col(&h, name)).map_or("", String::as_str);
                num(get("input_len")) == Some(m.input_tokens)
                    && num(get("output_len")) == Some(m.output_tokens)
                    && num(get("output_tok_s_total")) == Some(m.output_tokens_per_s)
                    && num(get("num_gpus")) == Some(f64::from(m.gpus))
            }),
            "{m:?}"
        );
    }
}
