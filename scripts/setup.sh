#!/usr/bin/env bash
# Installs whatever the project needs and is missing, and nothing else.
#   scripts/setup.sh serve   toolchain to build and serve the app (Trunk, live rebuild)
#   scripts/setup.sh build   the same, plus wasm-split-cli for the release build's code splitting
#   scripts/setup.sh test    the same as build, plus Chromium and chromedriver
# Safe to run any number of times: each step checks first and says what it installs.
set -euo pipefail
mode="${1:-serve}"
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION="0.21.14"
installed=0
step() { printf '\033[1;34m==> %s\033[0m\n' "$*"; installed=$((installed + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  step "apt-get install $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

if ! have cargo || ! have rustup; then
  echo "Rust is required: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^${component}"; then
    step "rustup component add ${component}"
    rustup component add "${component}"
  fi
done

if ! trunk --version 2>/dev/null | grep -qx "trunk ${TRUNK_VERSION}"; then
  step "cargo install trunk ${TRUNK_VERSION} (takes several minutes the first time)"
  cargo install trunk --locked --version "${TRUNK_VERSION}"
fi

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly. Installed
# without --locked: its own lockfile pins a crate version the registry may not serve.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if [ -z "${bindgen_version}" ]; then
  echo "Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen ${bindgen_version}" ||
  ! have wasm-bindgen-test-runner; then
  step "cargo install wasm-bindgen-cli ${bindgen_version}"
  cargo install wasm-bindgen-cli --version "${bindgen_version}" --force
fi

# The release build splits the Wasm between cargo and wasm-bindgen (scripts/build-release.mjs).
WASM_SPLIT_VERSION="0.2.4"
if [ "${mode}" != serve ] && { ! have wasm-split-cli ||
  ! cargo install --list | grep -qx "wasm_split_cli_support v${WASM_SPLIT_VERSION}:"; }; then
  step "cargo install wasm_split_cli_support ${WASM_SPLIT_VERSION} (wasm-split-cli; about 3 minutes)"
  cargo install --locked wasm_split_cli_support --version "${WASM_SPLIT_VERSION}" --features build-binary
fi

if ! have node || ! have npm; then
  apt_install nodejs npm
fi
# npm's binaryen provides wasm-opt (never Debian's: its version 108 breaks the page);
# playwright-core drives Debian's Chromium in the end-to-end tests.
if ! node scripts/npm-ok.mjs 2>/dev/null; then
  step "npm ci (binaryen's wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${mode}" = test ]; then
  if [ ! -x "${CHROMIUM}" ] || [ ! -x "${CHROMEDRIVER}" ]; then
    apt_install chromium chromium-driver
  fi
fi

if [ "${installed}" = 0 ]; then
  echo "setup: everything needed is already installed."
fi
