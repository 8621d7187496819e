# Sourced by the scripts: tool locations. npm's binaryen comes first on PATH so Trunk finds its
# wasm-opt, and cargo's bin directory so a fresh rustup install is found.
export PATH="${PWD}/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:${PATH}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
