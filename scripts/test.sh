#!/usr/bin/env bash
# Every test, in order, stopping at the first failure. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

started=$SECONDS
stage() { printf '\n\033[1;34m==> [%ss] %s\033[0m\n' "$((SECONDS - started))" "$*"; }

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "pure core: no web imports in src/core or src/scenario"
scripts/check-pure.sh

stage "clippy -D warnings (host)"
cargo clippy --all-targets --locked -- -D warnings

stage "clippy -D warnings (wasm32-unknown-unknown, and with the release build's split feature)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
cargo clippy --lib --locked --target wasm32-unknown-unknown --features split -- -D warnings

stage "native unit and integration tests"
cargo test --locked

stage "the link format, decoded by docs/link-format.md alone (node --test tests/spec/)"
node --test tests/spec/

stage "make serve: serves, watches only the sources, survives build-folder churn, rebuilds live"
scripts/serve-check.sh

stage "wasm-bindgen-test smoke tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web

stage "release build, code-split (scripts/build-release.mjs)"
node scripts/build-release.mjs

stage "end-to-end tests (node --test, playwright-core, Chromium) against the release build"
node --test --test-concurrency=1 tests/e2e/

stage "size report of the release assets (budget: the default view's first load ≤ 195 KB brotli)"
node scripts/size-report.mjs

printf '\n\033[1;32mAll tests passed in %ss.\033[0m\n' "$((SECONDS - started))"
