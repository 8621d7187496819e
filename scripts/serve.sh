#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app with live rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh serve
source scripts/env.sh
port="${PORT:-8080}"
echo
echo "Serving the calculator at http://127.0.0.1:${port}/ (live rebuild; Ctrl-C stops)"
echo
# The release build uses relative URLs (Trunk.toml); the dev server serves from the root.
# Trunk watches only the sources ([watch] in Trunk.toml), never target/ or node_modules/.
exec trunk serve --public-url / --address 127.0.0.1 --port "${port}" "$@"
