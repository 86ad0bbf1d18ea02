#!/usr/bin/env bash
# The benchmarks quoted in the README, reproducible on any Debian machine:
#  (a) `integrate check` over every provider, each fake 200 ms away per answer: concurrency (between
#      providers, and between the independent requests of one check) means the wall time stays
#      close to the slowest single provider's, not the sum. Fails above 1.1x.
#  (b) `integrate check s3` (bucket set: ListBuckets, the bucket listing and its ownership
#      controls) beside `rclone lsd` and one SigV4-signed `curl --aws-sigv4` request (the floor:
#      one process, one round trip), against the same local signature-checking S3 server
#      (s3s-fs) and keys: wall time and peak memory. Fails above 0.25x rclone's wall time,
#      0.5x its memory, or 1.3x the floor.
#  (c) `integrate check` over every provider against servers sending 500 MiB bodies: peak
#      memory under 64 MiB and within --timeout (benches/hostile.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
fail=()

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rclone >/dev/null || missing+=(rclone)
command -v curl >/dev/null || missing+=(curl)
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
echo "| ratio (target <= 1.1) | ${ratio} |"
python3 -c "import sys; sys.exit(0 if $ratio <= 1.1 else 1)" || fail+=("all providers take ${ratio}x the slowest single one (target <= 1.1)")

echo
echo "## (b) integrate check s3 vs rclone lsd vs one signed curl request, same local S3 server and keys"
serve 0 "$work/s3.toml" s3
read -r endpoint key secret < <(python3 -c 'import tomllib,sys; p=tomllib.load(open(sys.argv[1],"rb"))["providers"]["s3"]; print(p["endpoint"], p["access_key_id"], p["secret_access_key"])' "$work/s3.toml")
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$key" \
  RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$secret" RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" RCLONE_CONFIG_BENCH_REGION=us-east-1
# rclone 1.60 cannot use AWS_CA_BUNDLE with a custom endpoint; the server is plain http anyway.
unset AWS_CA_BUNDLE
# curl signs what it sends; s3s wants the payload hash header of the empty body, signed too.
empty_sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
"$bin" --config "$work/s3.toml" check s3 >/dev/null || { echo "integrate check s3 failed:"; "$bin" --config "$work/s3.toml" check s3; exit 1; }
rclone --config /dev/null lsd bench: >/dev/null
curl -fsS -o /dev/null --aws-sigv4 "aws:amz:us-east-1:s3" --user "$key:$secret" -H "x-amz-content-sha256: $empty_sha" "$endpoint/" \
  || { echo "the signed curl request failed"; exit 1; }
declare -A cmd=(
  [integrate]="$bin --config $work/s3.toml check s3"
  [rclone]="rclone --config /dev/null lsd bench:"
  [curl]="curl -fsS -o /dev/null --aws-sigv4 aws:amz:us-east-1:s3 --user $key:$secret -H x-amz-content-sha256:$empty_sha $endpoint/"
)
echo "| tool | mean wall time | peak memory (max RSS) |"
echo "|---|---|---|"
declare -A wall rss
for tool in integrate rclone curl; do
  hyperfine --style none --runs 20 --warmup 3 -N --export-json "$work/b-$tool.json" "${cmd[$tool]}" >/dev/null
  wall[$tool]=$(mean "$work/b-$tool.json")
  peak=0
  for _ in 1 2 3 4 5; do
    kb=$(/usr/bin/time -f '%M' -o "$work/rss" ${cmd[$tool]} >/dev/null 2>&1; tail -1 "$work/rss")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  rss[$tool]=$peak
  echo "| $tool | ${wall[$tool]} s | $((peak / 1024)) MiB |"
done
if ! python3 - "${wall[integrate]}" "${wall[rclone]}" "${wall[curl]}" "${rss[integrate]}" "${rss[rclone]}" <<'PY'
import sys
wi, wr, wc, ri, rr = map(float, sys.argv[1:])
print(f"| integrate / rclone | {wi / wr:.2f}x wall (target <= 0.25) | {ri / rr:.2f}x memory (target <= 0.5) |")
print(f"| integrate / one signed curl request | {wi / wc:.2f}x wall (target <= 1.3) | |")
bad = [f"{wi / wr:.2f}x rclone's wall time"] if wi / wr > 0.25 else []
bad += [f"{ri / rr:.2f}x rclone's memory"] if ri / rr > 0.5 else []
bad += [f"{wi / wc:.2f}x the one-request floor"] if wi / wc > 1.3 else []
if bad:
    print("over target: " + ", ".join(bad))
    sys.exit(1)
PY
then
  fail+=("integrate check s3 is over one of its targets")
fi

echo
bash benches/hostile.sh

if ((${#fail[@]})); then
  printf 'FAIL: %s\n' "${fail[@]}"
  exit 1
fi
