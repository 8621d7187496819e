//! `inference-cost-cli`: the calculator's core on the command line (see `inference_cost::cli`).
//! `cargo run --profile cli --bin inference-cost-cli -- --help`

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = inference_cost::cli::run(&args, &mut std::io::stdin().lock());
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    std::process::exit(out.code);
}

/// The command line is native only; the web app is `src/main.rs`.
#[cfg(target_arch = "wasm32")]
fn main() {}
