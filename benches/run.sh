#!/usr/bin/env bash
# The benchmarks quoted in the README, reproducible on any Debian machine:
#  (a) `integrate check` over every provider, each fake 200 ms away: concurrency means the wall
#      time stays close to the slowest single provider's, not the sum. Fails above 1.5x.
#  (b) `integrate check s3` beside `rclone lsd` and `aws s3api list-buckets`, against the same
#      local signature-checking S3 server (s3s-fs) and keys: wall time and peak memory.
#  (c) `integrate check` over every provider against servers sending 500 MiB bodies: peak
#      memory under 64 MiB and within --timeout (benches/hostile.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rclone >/dev/null || missing+=(rclone)
[ -x /usr/bin/aws ] || missing+=(awscli)
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo build --quiet --release --bin integrate --example bench-fakes
bin="$PWD/target/release/integrate"
fakes="$PWD/target/release/examples/bench-fakes"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# Starts the fakes; they serve until their stdin (a fifo held open here) closes.
serve() { # latency config [ids...]
  local fifo="$work/hold-$RANDOM"
  mkfifo "$fifo"
  "$fakes" "$@" <"$fifo" >"$work/fakes.log" 2>&1 &
  pids+=($!)
  exec {hold}>"$fifo"
  for _ in $(seq 200); do grep -q '^ready' "$work/fakes.log" && return 0; sleep 0.05; done
  echo "the fakes did not start:"; cat "$work/fakes.log"; exit 1
}

mean() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }

echo "## (a) integrate check, every provider 200 ms away"
serve 200 "$work/all.toml"
ids=$(python3 -c 'import tomllib,sys; print(" ".join(tomllib.load(open(sys.argv[1],"rb"))["providers"]))' "$work/all.toml")
slowest=0; slowest_id=""
for id in $ids; do
  hyperfine --style none --runs 5 --warmup 1 -i --export-json "$work/$id.json" "$bin --config $work/all.toml check $id" >/dev/null
  m=$(mean "$work/$id.json")
  if python3 -c "import sys; sys.exit(0 if $m > $slowest else 1)"; then slowest=$m; slowest_id=$id; fi
done
hyperfine --style none --runs 5 --warmup 1 -i --export-json "$work/all.json" "$bin --config $work/all.toml check" >/dev/null
all=$(mean "$work/all.json")
count=$(echo "$ids" | wc -w)
ratio=$(python3 -c "print('%.2f' % ($all / $slowest))")
echo "| what | mean wall time |"
echo "|---|---|"
echo "| slowest single provider ($slowest_id) | ${slowest} s |"
echo "| all $count providers at once | ${all} s |"
echo "| ratio (target < 1.5) | ${ratio} |"
python3 -c "import sys; sys.exit(0 if $ratio < 1.5 else 1)" || { echo "FAIL: the checks are not concurrent enough"; exit 1; }

echo
echo "## (b) one S3 listing: integrate vs rclone vs aws, same local S3 server and keys"
serve 0 "$work/s3.toml" s3
read -r endpoint key secret < <(python3 -c 'import tomllib,sys; p=tomllib.load(open(sys.argv[1],"rb"))["providers"]["s3"]; print(p["endpoint"], p["access_key_id"], p["secret_access_key"])' "$work/s3.toml")
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$key" \
  RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$secret" RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" RCLONE_CONFIG_BENCH_REGION=us-east-1
# rclone 1.60 cannot use AWS_CA_BUNDLE with a custom endpoint; the server is plain http anyway.
unset AWS_CA_BUNDLE
export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
"$bin" --config "$work/s3.toml" check s3 >/dev/null
rclone lsd bench: >/dev/null
/usr/bin/aws --endpoint-url "$endpoint" s3api list-buckets >/dev/null
declare -A cmd=(
  [integrate]="$bin --config $work/s3.toml check s3"
  [rclone]="rclone --config /dev/null lsd bench:"
  [aws]="/usr/bin/aws --endpoint-url $endpoint s3api list-buckets"
)
echo "| tool | mean wall time | peak memory (max RSS) |"
echo "|---|---|---|"
declare -A wall rss
for tool in integrate rclone aws; do
  hyperfine --style none --runs 10 --warmup 2 --export-json "$work/b-$tool.json" "${cmd[$tool]}" >/dev/null
  wall[$tool]=$(mean "$work/b-$tool.json")
  peak=0
  for _ in 1 2 3 4 5; do
    kb=$(/usr/bin/time -f '%M' -o "$work/rss" ${cmd[$tool]} >/dev/null 2>&1; tail -1 "$work/rss")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  rss[$tool]=$peak
  echo "| $tool | ${wall[$tool]} s | $((peak / 1024)) MiB |"
done
python3 - "${wall[integrate]}" "${wall[rclone]}" "${rss[integrate]}" "${rss[rclone]}" <<'PY'
import sys
wi, wr, ri, rr = map(float, sys.argv[1:])
print(f"| integrate / rclone | {wi / wr:.2f}x wall (target <= 0.3) | {ri / rr:.2f}x memory (target <= 0.5) |")
PY

echo
bash benches/hostile.sh
