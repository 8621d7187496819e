//! Self-hosting: published worked figures, properties, and the estimate against published
//! throughput measurements.
#![allow(clippy::float_cmp)] // exact where the expected value is exactly representable

use common::Rng;
use inference_cost::core::evaluate;
use inference_cost::core::format;
use inference_cost::core::hardware::Precision;
use inference_cost::core::selfhost::{
    amortized_monthly, break_even, comparisons, cost_per_mtok, SelfHostError, SelfHostReport,
};
use inference_cost::core::units::Usd;
use inference_cost::scenario::{Scenario, SelfHost, SelfHostField, WorkloadField};

mod common;

fn selfhost(s: &Scenario) -> Result<SelfHostReport, SelfHostError> {
    match evaluate(s) {
        Ok(r) => r.selfhost,
        Err(e) => panic!("spend should evaluate: {e}"),
    }
}

/// Prints the estimate against every published measurement (the table in the closing note)
/// and checks the estimate's spread: the median within 0.8–1.6× of the measurements, 80 % of
/// rows within 0.5–2×.
#[test]
fn estimate_against_published_measurements() {
    let list = comparisons(&SelfHost::default(), |_| true);
    let mut ratios = Vec::new();
    println!("| model | GPU | precision | GPUs | in/out | measured tok/s | estimate | ratio |");
    for c in &list {
        let m = c.measurement;
        let ratio = c.ratio();
        println!(
            "| {} | {} | {} | {} | {}/{} | {:.0} | {} | {} |",
            m.model,
            m.gpu,
            m.precision.label(),
            m.gpus,
            m.input_tokens,
            m.output_tokens,
            m.output_tokens_per_s,
            c.estimate
                .map_or("does not fit".into(), |e| format!("{e:.0}")),
            ratio.map_or("—".into(), |r| format!("{r:.2}"))
        );
        ratios.extend(ratio);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!("median ratio {median:.2} over {} rows", ratios.len());
    assert!(ratios.len() * 10 >= list.len() * 9, "most setups fit");
    assert!(
        (0.5..=2.0).contains(&median),
        "median estimate/measured {median}"
    );
}

fn report(s: &Scenario) -> SelfHostReport {
    match selfhost(s) {
        Ok(r) => r,
        Err(e) => panic!("self-hosting should evaluate: {e}"),
    }
}

fn dollars(v: Usd) -> String {
    format::usd(v)
}

/// $1.50 per GPU-hour at 2,000 tokens/s: 1.5 / (2,000 × 3,600) × 10⁶ = $0.2083 per million.
#[test]
fn gpu_hour_at_throughput_per_million_tokens() {
    let per_m = cost_per_mtok(1.5, 2_000.0).unwrap_or(f64::NAN);
    assert!((per_m - 0.208_333).abs() < 1e-6, "{per_m}");
    assert_eq!(cost_per_mtok(1.5, 0.0), None);
}

/// $320 a month of self-hosting against a $3 per million API: 320 / 3 × 10⁶ =
/// 106,666,667 tokens a month.
#[test]
fn fixed_cost_break_even() {
    let v = break_even(320.0, 0.0, 1e18, 3.0 / 1e6).unwrap_or(f64::NAN);
    assert_eq!(v.round(), 106_666_667.0);
}

/// The step-cost break-even equals a brute-force scan over volumes, on generated costs.
#[test]
fn break_even_matches_brute_force() {
    let mut rng = Rng(0x5eed_cafe);
    for _ in 0..2_000 {
        let fixed = 10_000.0 * rng.next();
        let per_replica = 5_000.0 * rng.next();
        let tokens = 1e9 * rng.next();
        let api = 10.0 * rng.next() / 1e6;
        let cost = |v: f64| fixed + (v / tokens - 1e-9).ceil().max(0.0) * per_replica;
        let found = break_even(fixed, per_replica, tokens, api);
        // Scan replicas: within step n the API catches up at (fixed + n r) / a.
        let brute = (1..=100_000).find_map(|n| {
            let n = f64::from(n);
            let v = ((n - 1.0) * tokens).max((fixed + n * per_replica) / api);
            (v <= n * tokens).then_some(v)
        });
        match (found, brute) {
            (Some(f), Some(b)) => {
                assert!((f - b).abs() <= 1e-6 * b.max(1.0), "{f} vs {b}");
                assert!(cost(f) <= api * f * (1.0 + 1e-9) + 1e-9);
                let before = f * (1.0 - 1e-6);
                if before > 0.0 {
                    assert!(cost(before) > api * before);
                }
            }
            (None, None) => {}
            (None, Some(b)) => assert!(b > 1e13, "missed a break-even at {b}"),
            (Some(f), None) => panic!("break-even {f} the scan never reaches"),
        }
    }
}

/// $15,000 paid off over 36 months at 0 % is $416.67 a month; at 7 % a year it is the
/// annuity 15,000 × i / (1 − (1 + i)^−36) with i = 0.07 / 12 = $463.16.
#[test]
fn amortization() {
    assert_eq!(
        format::usd(Usd::new(amortized_monthly(15_000.0, 36.0, 0.0)).unwrap_or(Usd::ZERO)),
        "$416.67"
    );
    assert_eq!(
        format::usd(Usd::new(amortized_monthly(15_000.0, 36.0, 0.07)).unwrap_or(Usd::ZERO)),
        "$463.16"
    );
}

/// One GPU rented at $1.19 an hour for 729.6 hours with 15 % overhead and no staff:
/// 1.19 × 729.6 × 1.15 = $998.46. Bought for $15,000 over 3 years at 0 % with no server
/// share, power or hosting: $416.67.
#[test]
fn one_gpu_rented_and_bought() {
    let mut s = Scenario::default();
    let h = &mut s.selfhost;
    h.model = "llama-3.1-8b".into();
    h.gpu = "h100-sxm".into();
    h.hours_per_month = 729.6;
    h.rent_rate = Some(1.19);
    h.overhead_pct = 15.0;
    h.engineers = 0.0;
    let r = report(&s);
    assert_eq!(r.fit.gpus_per_replica, 1);
    assert_eq!(r.sizing.gpus, 1.0);
    assert_eq!(
        r.rent.as_ref().map(|o| dollars(o.total)).as_deref(),
        Some("$998.46")
    );

    let h = &mut s.selfhost;
    h.purchase_price = Some(15_000.0);
    h.server_pct = 0.0;
    h.cost_of_capital_pct = 0.0;
    h.power_w = Some(0.0);
    h.hosting_per_gpu_month = 0.0;
    h.overhead_pct = 0.0;
    let r = report(&s);
    assert_eq!(
        r.buy.as_ref().map(|b| dollars(b.total)).as_deref(),
        Some("$416.67")
    );
    // Upfront $15,000 against $6,000 − $0 a month of API: 2.5 months.
    assert_eq!(r.payback_months, Some(2.5));
}

/// Llama 3.1 70B with a BF16 cache: 320 KiB per token, and at BF16 weights
/// (70.6 × 10⁹ × 2 B = 131.5 GiB) it needs two 80 GB GPUs.
#[test]
fn llama_70b_fit() {
    let mut s = Scenario::default();
    s.selfhost.model = "llama-3.1-70b".into();
    s.selfhost.precision = Precision::Bf16;
    s.selfhost.kv_precision = Precision::Bf16;
    let r = report(&s);
    assert_eq!(r.fit.kv_bytes_per_token, 327_680.0);
    assert_eq!(r.fit.gpus_per_replica, 2);
    assert!(
        (r.fit.weights_gib - 131.5).abs() < 0.05,
        "{}",
        r.fit.weights_gib
    );
    // Usable: 2 × 79.65 GiB × 0.9 = 143.37 GiB; 11.87 GiB left for 1,200-token sequences of
    // 375 MiB each: 32 sequences.
    assert_eq!(r.fit.max_batch, 32.0);
    assert_eq!(r.fit.groups[0], (1, None));
}

/// A model that cannot fit says so, naming sizes, instead of producing a number.
#[test]
fn does_not_fit_is_a_clear_message() {
    let mut s = Scenario::default();
    s.selfhost.model = "llama-3.1-405b".into();
    s.selfhost.precision = Precision::Bf16;
    s.selfhost.gpu = "l4".into();
    let err = selfhost(&s)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.starts_with("Llama 3.1 405B does not fit"), "{err}");
    assert!(err.contains("8 × L4"), "{err}");
    // The spend answer is still there.
    assert!(evaluate(&s).is_ok());
}

/// The default verdict: $6,000 of API traffic against Llama 3.3 70B on H100s.
#[test]
fn default_verdict_reads_well() {
    let r = report(&Scenario::default());
    assert!(!r.verdict.is_empty());
    assert!(
        r.verdict[0].starts_with("At 1.2B tokens a month"),
        "{}",
        r.verdict[0]
    );
    assert!(r.curve.len() > 200);
    for line in &r.verdict {
        println!("{line}");
    }
}

fn generated(rng: &mut Rng) -> Scenario {
    let mut s = Scenario::default();
    let w = &mut s.workloads[0];
    w.requests_per_month = 1e9 * 10f64.powf(-9.0 * rng.next());
    w.input_tokens = (1e5 * 10f64.powf(-5.0 * rng.next())).round();
    w.output_tokens = (1e4 * 10f64.powf(-4.0 * rng.next())).round();
    let h = &mut s.selfhost;
    let models: Vec<&str> = inference_cost::core::hardware::OPEN_MODELS
        .iter()
        .map(|m| m.id)
        .collect();
    let gpus: Vec<&str> = inference_cost::core::hardware::gpus()
        .iter()
        .map(|g| g.id)
        .collect();
    h.model = rng.pick(&models).into();
    h.gpu = rng.pick(&gpus).into();
    h.precision = rng.pick(&Precision::ALL);
    h.kv_precision = rng.pick(&[Precision::Bf16, Precision::Fp8]);
    h.max_gpus_per_replica = rng.pick(&[1, 2, 4, 8]);
    for &f in SelfHostField::ALL {
        let spec = f.spec();
        let v = match (rng.next() * 4.0) as u32 {
            0 => spec.min,
            1 => spec.max,
            _ => spec.min + (spec.max - spec.min) * rng.next().powi(3),
        };
        f.set(h, v);
    }
    s
}

fn all_finite(r: &SelfHostReport) -> bool {
    let mut v = vec![
        r.fit.weights_gib,
        r.fit.max_batch,
        r.fit.kv_gib,
        r.throughput.output_tokens_per_s,
        r.throughput.total_tokens_per_s,
        r.throughput.step_seconds,
        r.sizing.gpus,
        r.sizing.utilization,
        r.sizing.tokens_per_replica_month,
        r.tokens_per_month,
    ];
    v.extend(r.rent.as_ref().map(|o| o.total.value()));
    v.extend(r.rent.as_ref().map(|o| o.per_replica.value()));
    v.extend(r.buy.as_ref().map(|b| b.total.value()));
    v.extend(r.payback_months);
    v.extend(r.rent.as_ref().and_then(|o| o.break_even_tokens));
    v.extend(
        r.curve
            .iter()
            .flat_map(|p| [p.tokens, p.api, p.rent.unwrap_or(0.0), p.buy.unwrap_or(0.0)]),
    );
    v.iter().all(|x| x.is_finite())
}

/// On generated scenarios: every output is finite; more traffic never needs fewer GPUs; a
/// model that does not fit is an error, never a number.
#[test]
fn properties_on_generated_scenarios() {
    let mut rng = Rng(0x0dd_ba11);
    let (mut fits, mut misfits) = (0, 0);
    for _ in 0..1_500 {
        let s = generated(&mut rng);
        match selfhost(&s) {
            Ok(r) => {
                fits += 1;
                assert!(all_finite(&r), "{:?}", s.selfhost);
                assert!(r.fit.batch >= 1.0 && r.fit.batch <= r.fit.max_batch);
                let mut more = s.clone();
                let factor = 1.0 + 9.0 * rng.next();
                let v = WorkloadField::RequestsPerMonth.get(&more.workloads[0]) * factor;
                WorkloadField::RequestsPerMonth.set(&mut more.workloads[0], v);
                let bigger = report(&more);
                assert!(
                    bigger.sizing.gpus >= r.sizing.gpus,
                    "{} < {}",
                    bigger.sizing.gpus,
                    r.sizing.gpus
                );
            }
            Err(SelfHostError::DoesNotFit {
                needed_gib,
                usable_gib,
                ..
            }) => {
                misfits += 1;
                assert!(needed_gib > usable_gib);
            }
            Err(e) => panic!("generated inputs are valid: {e}"),
        }
    }
    assert!(fits > 500 && misfits > 50, "{fits} fit, {misfits} do not");
}

/// A held-out row's setup as the estimate reads it, or why it is not compared.
struct HeldOut {
    label: String,
    model: &'static str,
    gpu: &'static str,
    precision: Precision,
    gpus: u32,
    input: f64,
    output: f64,
    concurrency: Option<f64>,
    measured_output: f64,
    measured_tpot_ms: Option<f64>,
}

/// Reads `data/heldout_throughput.csv` (its conventions: `data/heldout_throughput.md`):
/// the rows the estimate can be set against, and the others with the reason.
fn held_out_rows() -> (Vec<HeldOut>, Vec<(String, &'static str)>) {
    use inference_cost::core::usage_report::csv::split_fields;
    let text = common::repo_file("data/heldout_throughput.csv");
    let mut lines = text.lines();
    let header = split_fields(lines.next().unwrap_or_default(), ',');
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("heldout_throughput.csv has no column {name}"))
    };
    let (c_model, c_prec, c_gpu, c_n, c_par, c_input, c_out, c_conc, c_rate, c_tpot, c_user) = (
        col("model"),
        col("precision"),
        col("gpu"),
        col("num_gpus"),
        col("parallelism"),
        col("input_len"),
        col("output_len"),
        col("concurrency"),
        col("output_tok_s_total"),
        col("tpot_ms"),
        col("tok_s_per_user"),
    );
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f = split_fields(line, ',');
        assert_eq!(
            f.len(),
            header.len(),
            "a row of heldout_throughput.csv: {line}"
        );
        let num = |i: usize| f[i].trim().parse::<f64>().ok();
        let label = format!(
            "{} {} {}×{} {}",
            f[c_model], f[c_prec], f[c_n], f[c_gpu], f[c_par]
        );
        let model = match f[c_model].as_str() {
            "Llama 3.1 8B" => "llama-3.1-8b",
            "Llama 3.1 70B" => "llama-3.1-70b",
            "Llama 3.3 70B" => "llama-3.3-70b",
            "Llama 3.1 405B" => "llama-3.1-405b",
            "DeepSeek R1" => "deepseek-r1",
            "DeepSeek V3" => "deepseek-v3",
            "Mixtral 8x7B" => "mixtral-8x7b",
            "gpt-oss-120b" => "gpt-oss-120b",
            other => panic!("heldout_throughput.csv: model {other} has no catalog id here"),
        };
        let gpu = match f[c_gpu].as_str() {
            "H100 SXM" => "h100-sxm",
            "H200" => "h200-sxm",
            "B200" => "b200",
            "GB200" => "gb200",
            "A100 80GB" => "a100-80gb",
            "L40S" => "l40s",
            "MI300X" => "mi300x",
            "MI325X" => "mi325x",
            other => panic!("heldout_throughput.csv: GPU {other} has no catalog id here"),
        };
        let precision = match f[c_prec].as_str() {
            "BF16" => Precision::Bf16,
            "FP8" => Precision::Fp8,
            "FP4" | "MXFP4" => Precision::Bits4,
            other => panic!("heldout_throughput.csv: precision {other}"),
        };
        if f[c_par].contains("disaggregation") || f[c_par].contains("PD ") {
            skipped.push((
                label,
                "prefill and decode on separate GPUs (decode-only rate)",
            ));
            continue;
        }
        let (Some(input), Some(output)) = (num(c_input), num(c_out)) else {
            skipped.push((
                label,
                "variable-length dataset (no input/output length to estimate at)",
            ));
            continue;
        };
        // "4", "batch 32 (offline …)", "offline batch 256 (…)", "offline: 1500 prompts, …":
        // that many requests in flight (the estimate caps it at what fits); an offline run
        // with no number is at maximum load.
        let conc_text = f[c_conc].trim();
        let concurrency = conc_text.parse::<f64>().ok().or_else(|| {
            conc_text
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| !w.is_empty())
                .and_then(|w| w.parse::<f64>().ok())
        });
        let Some(measured_output) = num(c_rate) else {
            skipped.push((label, "no output rate"));
            continue;
        };
        let measured_tpot_ms = num(c_tpot).or_else(|| num(c_user).map(|u| 1_000.0 / u));
        let gpus = num(c_n).map_or(1, |n| n as u32);
        rows.push(HeldOut {
            label,
            model,
            gpu,
            precision,
            gpus,
            input,
            output,
            concurrency,
            measured_output,
            measured_tpot_ms,
        });
    }
    (rows, skipped)
}

/// The median of `values` and the share within 0.67–1.5×.
fn spread(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let median = values[values.len() / 2];
    let within = values.iter().filter(|r| (0.67..=1.5).contains(*r)).count();
    (median, within as f64 / values.len() as f64)
}

/// The estimate against published measurements it was **not** calibrated on
/// (`data/heldout_throughput.csv`: vLLM, `SGLang`, NIM, AMD and dstack runs), printed beside the
/// calibration rows' spread. Output tokens per second of the whole replica, and time per
/// output token (the decode step at the measured concurrency, capped by what fits; published
/// TPOT also carries the prefills that interrupt decoding, which this estimate leaves out).
/// Nothing in the model is tuned on these rows: the assertions only check that every row
/// is read and that the estimate stays within a factor of 3 at the median, so that a change
/// that breaks the model on other engines fails here.
#[test]
fn estimate_against_held_out_measurements() {
    use inference_cost::core::hardware::Hardware;
    use inference_cost::core::selfhost::catalog_engine_in;
    let s = SelfHost::default();
    let mut calibration: Vec<f64> = comparisons(&s, |_| true)
        .iter()
        .filter_map(inference_cost::core::selfhost::Comparison::ratio)
        .collect();
    let (cal_median, cal_within) = spread(&mut calibration);

    let (rows, skipped) = held_out_rows();
    println!("| held-out setup | in/out | concurrency | measured out tok/s | estimate | ratio | measured TPOT ms | estimate | ratio |");
    let mut rate_ratios = Vec::new();
    let mut tpot_ratios = Vec::new();
    let mut no_fit = 0;
    for r in &rows {
        let engine = catalog_engine_in(&Hardware::BUILTIN, r.model, r.gpu, r.precision, &s);
        let Some(engine) = engine else {
            panic!("{}: no engine for {} on {}", r.label, r.model, r.gpu)
        };
        let estimate = engine.estimate_output_rate(r.gpus, r.input, r.output, r.concurrency);
        let tpot = engine.max_batch(r.gpus, r.input + r.output).map(|max| {
            let batch = r.concurrency.map_or(max, |c| c.min(max)).max(1.0);
            engine
                .decode_step(r.gpus, batch, r.input + r.output / 2.0)
                .0
                * 1_000.0
        });
        let rate_ratio = estimate.map(|e| e / r.measured_output);
        let tpot_ratio = tpot.zip(r.measured_tpot_ms).map(|(e, m)| e / m);
        if estimate.is_none() {
            no_fit += 1;
        }
        rate_ratios.extend(rate_ratio);
        tpot_ratios.extend(tpot_ratio);
        let opt = |v: Option<f64>, d: usize| v.map_or("—".to_owned(), |v| format!("{v:.d$}"));
        println!(
            "| {} | {}/{} | {} | {:.0} | {} | {} | {} | {} | {} |",
            r.label,
            r.input,
            r.output,
            r.concurrency.map_or("max".to_owned(), |c| format!("{c}")),
            r.measured_output,
            estimate.map_or("does not fit".to_owned(), |e| format!("{e:.0}")),
            opt(rate_ratio, 2),
            opt(r.measured_tpot_ms, 1),
            opt(tpot.filter(|_| r.measured_tpot_ms.is_some()), 1),
            opt(tpot_ratio, 2),
        );
    }
    for (label, why) in &skipped {
        println!("| {label} | not compared: {why} |");
    }
    let (rate_median, rate_within) = spread(&mut rate_ratios);
    let (tpot_median, tpot_within) = spread(&mut tpot_ratios);
    println!(
        "calibration rows (TensorRT-LLM and MLPerf, data/throughput.csv): output tok/s estimate ÷ measured, median {cal_median:.2}, {:.0} % within 0.67–1.5× ({} rows)",
        cal_within * 100.0,
        calibration.len()
    );
    println!(
        "held-out rows: output tok/s, median {rate_median:.2}, {:.0} % within 0.67–1.5× ({} rows; {no_fit} do not fit; {} not compared)",
        rate_within * 100.0,
        rate_ratios.len(),
        skipped.len()
    );
    println!(
        "held-out rows: TPOT, median {tpot_median:.2}, {:.0} % within 0.67–1.5× ({} rows)",
        tpot_within * 100.0,
        tpot_ratios.len()
    );
    assert_eq!(rows.len() + skipped.len(), 73, "every held-out row is read");
    assert!(rate_ratios.len() >= 40, "most held-out setups are compared");
    assert!(tpot_ratios.len() >= 20, "the TPOT rows are compared");
    assert!(
        (1.0 / 3.0..=3.0).contains(&rate_median),
        "held-out rate median {rate_median}"
    );
    assert!(
        (1.0 / 3.0..=3.0).contains(&tpot_median),
        "held-out TPOT median {tpot_median}"
    );
}
