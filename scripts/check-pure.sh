#!/usr/bin/env bash
# The calculation core and the scenario are pure: no web crate may appear in them.
set -euo pipefail
cd "$(dirname "$0")/.."
if hits="$(grep -rnE '\b(leptos|web_sys|wasm_bindgen|js_sys|gloo)\b' src/core src/scenario)"; then
  echo "Web imports in the pure core (src/core, src/scenario):" >&2
  echo "${hits}" >&2
  exit 1
fi
echo "pure core: src/core and src/scenario import no web crate."
