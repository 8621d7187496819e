#!/usr/bin/env bash
# Proves `make serve` keeps serving and rebuilding while build folders churn.
#   scripts/serve-check.sh [port]
# Starts `make serve` on a free port, waits for the page, then does what a first cargo build
# does under the watcher: renames directories while files are still being written in them
# (cargo's incremental session folders; this is what made notify-debouncer-full 0.5 panic
# when Trunk watched the whole project). Then checks the server still answers, that an edit
# in src/ is rebuilt and served (live rebuild), and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${SERVE_CHECK_PORT:-18080}}"
log="$(mktemp)"
started=$SECONDS

# In a session of its own, so that stopping it (its whole process group: make, trunk, cargo)
# never touches the caller's group (make test).
PORT="${port}" setsid scripts/serve.sh >"${log}" 2>&1 &
server=$!
stop() {
  kill -- "-${server}" 2>/dev/null || true
  wait "${server}" 2>/dev/null || true
}
trap 'stop; rm -f "${log}"' EXIT
fail() {
  echo "serve check: $*" >&2
  tail -n 30 "${log}" >&2
  exit 1
}

url="http://127.0.0.1:${port}/"
for _ in $(seq 1 1800); do
  curl -fs -o /dev/null "${url}" && break
  kill -0 "${server}" 2>/dev/null || fail "make serve stopped before serving"
  sleep 1
done
curl -fs "${url}" | grep -q 'Inference cost calculator' || fail "the page was not served"
echo "serve check: the page is served after $((SECONDS - started)) s"

# Trunk watches the sources only: one inotify watch per folder under the [watch] entries of
# Trunk.toml, one per watched file, and none on target/ or node_modules/ (when it watched the
# whole project it held one per folder there too, 876 in a fresh clone after a first build).
trunk_pid="$(pgrep -f "trunk serve .*--port ${port}" | head -n 1)"
[ -n "${trunk_pid}" ] || fail "no trunk process found"
watches="$(cat /proc/"${trunk_pid}"/fdinfo/* 2>/dev/null | grep -c '^inotify wd:' || true)"
expected=0
for entry in $(sed -n 's/^watch = \[\(.*\)\]/\1/p' Trunk.toml | tr -d '",'); do
  if [ -d "${entry}" ]; then
    expected=$((expected + $(find "${entry}" -type d | wc -l)))
  else
    expected=$((expected + 1))
  fi
done
[ "${expected}" -gt 0 ] || fail "Trunk.toml has no [watch] list"
[ "${watches}" = "${expected}" ] ||
  fail "trunk holds ${watches} inotify watches; the sources in Trunk.toml's [watch] need ${expected}"
echo "serve check: trunk watches the sources only (${watches} inotify watches, none in target/)"

# Directory renames under target/ while files are written in them.
churn="target/serve-check-churn"
mkdir -p "${churn}"
for i in $(seq 1 100); do
  mkdir -p "${churn}/w${i}/sub"
  (for j in $(seq 1 200); do echo x >"${churn}/w${i}/sub/f${j}" 2>/dev/null || break; done) &
  writer=$!
  sleep 0.01
  mv "${churn}/w${i}" "${churn}/d${i}"
  wait "${writer}"
done 2>/dev/null
rm -rf "${churn}"
sleep 2
kill -0 "${server}" 2>/dev/null || fail "the server died while target/ churned"
grep -q 'panicked' "${log}" && fail "the watcher panicked"
curl -fs -o /dev/null "${url}" || fail "the page stopped being served"
echo "serve check: still serving after 100 directory renames under target/"

# Live rebuild: a new file in src/ produces a new build (a bare `touch` changes only metadata,
# which Trunk ignores).
builds() { grep -c 'success' "${log}" || true; }
before="$(builds)"
probe="src/serve-check-probe.txt"
echo "written by scripts/serve-check.sh; removed when it ends" >"${probe}"
trap 'rm -f "${probe}"; stop; rm -f "${log}"' EXIT
for _ in $(seq 1 600); do
  [ "$(builds)" -gt "${before}" ] && break
  sleep 1
done
[ "$(builds)" -gt "${before}" ] || fail "a change in src/ did not rebuild"
curl -fs -o /dev/null "${url}" || fail "the page is not served after the rebuild"
echo "serve check: a change in src/ was rebuilt and served ($((SECONDS - started)) s in all)"
