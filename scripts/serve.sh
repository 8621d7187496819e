#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app with live rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve
source scripts/env.sh
echo
echo "Serving the calculator at http://127.0.0.1:8080/ (live rebuild; Ctrl-C stops)"
echo
# The release build uses relative URLs (Trunk.toml); the dev server serves from the root.
exec trunk serve --public-url / --address 127.0.0.1 --port 8080 "$@"
