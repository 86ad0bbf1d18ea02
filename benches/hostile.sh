#!/usr/bin/env bash
# Benchmark (c), issue 11 §10: `integrate check` of every provider against a server that
# answers each request with a 500 MiB body (streamed without a length). Targets: peak memory
# (max RSS, GNU time) under 64 MiB, and the run within --timeout. Fails otherwise.
# Run on its own (`bash benches/hostile.sh`) or as the last part of benches/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x /usr/bin/time ] || {
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends time >/dev/null
}

cargo build --quiet --release --bin integrate --example bench-hostile
bin="$PWD/target/release/integrate"
server="$PWD/target/release/examples/bench-hostile"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

bytes=$((500 * 1024 * 1024))
timeout=10
mkfifo "$work/hold"
"$server" "$bytes" "$work/hostile.toml" <"$work/hold" >"$work/server.log" 2>&1 &
pid=$!
exec {hold}>"$work/hold"
for _ in $(seq 400); do grep -q '^ready' "$work/server.log" && break; sleep 0.05; done
grep -q '^ready' "$work/server.log" || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }
count=$(python3 -c 'import tomllib,sys; print(len(tomllib.load(open(sys.argv[1],"rb"))["providers"]))' "$work/hostile.toml")

echo "## (c) integrate check, $count providers, each answered with a 500 MiB body"
echo "| run | wall time | peak memory (max RSS) | results |"
echo "|---|---|---|---|"
worst_rss=0; worst_wall=0
for run in 1 2 3; do
  set +e
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" --config "$work/hostile.toml" check \
    --timeout "$timeout" --format json >"$work/out.json" 2>/dev/null
  code=$?
  set -e
  read -r wall kb < <(tail -1 "$work/time")
  summary=$(python3 - "$work/out.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
res = doc["results"]
big = sum("too large" in r["message"] for r in res)
unreachable = doc["counts"]["unreachable"]
print(f'{unreachable}/{len(res)} unreachable, {big} "answer too large"')
PY
)
  echo "| $run (exit $code) | ${wall} s | $((kb / 1024)) MiB | $summary |"
  [ "$kb" -gt "$worst_rss" ] && worst_rss=$kb
  python3 -c "import sys; sys.exit(0 if $wall > $worst_wall else 1)" && worst_wall=$wall
  [ "$code" -eq 3 ] || { echo "FAIL: expected exit 3 (unreachable)"; exit 1; }
done
echo "| worst | ${worst_wall} s (target < ${timeout} s) | $((worst_rss / 1024)) MiB (target < 64 MiB) | |"
[ "$worst_rss" -lt $((64 * 1024)) ] || { echo "FAIL: peak memory above 64 MiB"; exit 1; }
python3 -c "import sys; sys.exit(0 if $worst_wall < $timeout else 1)" || { echo "FAIL: slower than --timeout"; exit 1; }
