//! Entry point of the web app: install the panic hook, mount the App.

#[cfg(target_arch = "wasm32")]
fn main() {
    inference_cost::ui::boot::install_panic_hook();
    inference_cost::ui::boot::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "inference-cost is a web app: run `make serve` and open http://127.0.0.1:8080, \
         or `make test` to run every test."
    );
    std::process::exit(2);
}
