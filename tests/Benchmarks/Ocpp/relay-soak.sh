#!/usr/bin/env bash
# Soak benchmark of the edge as a local controller (docs/upstream.md): the built daemon relays N
# OCPP 1.6 charge points (npm ocpp-rpc, strict) to an operator's central system (ocpp-rpc RPCServer,
# strict), each charge point in a transaction sending MeterValues every INTERVAL seconds for
# DURATION seconds. tests/peers/ocpp/relay-soak.js plays both ends and prints the added latency per
# relayed message (p50/p99); this script adds the daemon's CPU and memory over the soak.
# The daemon runs as installed: its control loop (1 s) shares the site's current among the N
# chargers and sends them their limits, its store is a real LiteDB file (a temporary data directory).
# Usage: tests/Benchmarks/Ocpp/relay-soak.sh [chargePoints=200] [durationS=300] [intervalS=10]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-200}
duration=${2:-300}
interval=${3:-10}
for v in "$count" "$duration" "$interval"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "arguments must be whole numbers above 0, not '$v'" >&2; exit 2; }
done
[ -d tests/peers/node_modules ] || (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
ulimit -n 65536 2>/dev/null || true
dll=src/EdgeAgent/bin/Release/net10.0/chargenet-agent.dll
[ -f "$dll" ] || dotnet build src/EdgeAgent/EdgeAgent.csproj -c Release --nologo -v quiet

work=$(mktemp -d)
fifo="$work/load-in"; mkfifo "$fifo"
load_out="$work/load.out"; daemon_out="$work/daemon.out"
load=; daemon=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -z "$daemon" ] || kill "$daemon" 2>/dev/null || true
  [ -z "$load" ] || kill "$load" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd tests/peers && exec node ocpp/relay-soak.js "$count" "$duration" "$interval") <"$fifo" >"$load_out" 2>&1 &
load=$!
exec 3>"$fifo"
wait_for() { # pattern file seconds
  for _ in $(seq 1 $(($3 * 10))); do grep -q "$1" "$2" && return 0; sleep 0.1; done
  echo "timed out waiting for '$1' in $2:" >&2; tail -n 20 "$2" >&2; exit 1
}
wait_for '^READY' "$load_out" 30
upstream_port=$(sed -n 's/^READY //p' "$load_out")

# The site: one circuit big enough that the control loop limits no one (what is measured is the relay, not the allocation).
{
  printf '{ "siteId": "relay-soak",\n  "grid": { "maxCurrentA": %d, "safetyMarginA": 0, "fallbackCurrentA": %d },\n' $((count * 16)) $((count * 6))
  printf '  "circuits": [ { "id": "main", "maxCurrentA": %d } ],\n' $((count * 16))
  printf '  "ocpp": { "upstream": { "url": "ws://127.0.0.1:%s/" } },\n  "chargers": [\n' "$upstream_port"
  for i in $(seq 0 $((count - 1))); do
    printf '    { "id": "SOAK-%04d", "protocol": "ocpp1.6", "circuit": "main", "maxCurrentA": 16, "upstreamPassword": "soak-%04d" }%s\n' "$i" "$i" "$([ "$i" -lt $((count - 1)) ] && echo ,)"
  done
  printf '  ]\n}\n'
} >"$work/site.json"

CHARGENET_ADMIN_PASSWORD=relay-soak-admin dotnet "$dll" --site-config "$work/site.json" --data-dir "$work" \
  --web-urls http://127.0.0.1:0 --ocpp-urls http://127.0.0.1:0 --log-level warning >"$daemon_out" 2>&1 &
daemon=$!
for _ in $(seq 1 600); do [ "$(grep -c 'listening on ' "$daemon_out")" -ge 2 ] && break; sleep 0.1; done
ocpp=$(grep 'listening on ' "$daemon_out" | sed -n '2s/.*listening on *//p' | tr -d '\r ')
[ -n "$ocpp" ] || { echo "the daemon did not start:" >&2; tail -n 20 "$daemon_out" >&2; exit 1; }

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$daemon/status"; }
idle_rss=$(rss_kb)
echo "${ocpp/http/ws}/ocpp" >&3
wait_for '^STEADY' "$load_out" $((60 + 4 * interval))
cpu0=$(cpu); t0=$(date +%s.%N); steady_rss=$(rss_kb)
# RSS once a minute over the soak: tells a heap that levels off from one that keeps growing.
(while sleep 60; do echo "$(rss_kb)"; done) >"$work/rss" 2>/dev/null &
sampler=$!
wait_for '^SOAKED' "$load_out" $((duration + 120))
kill "$sampler" 2>/dev/null || true
cpu1=$(cpu); t1=$(date +%s.%N); rss=$(rss_kb); peak=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon/status")
wait_for '^{' "$load_out" 180
store_kb=$(du -sk "$work"/*.db 2>/dev/null | awk '{s += $1} END {print s + 0}')

grep '^{' "$load_out"
echo "edge RSS each minute of the soak (MB): $(awk '{printf "%s%.0f", (NR > 1 ? " " : ""), $1 / 1024}' "$work/rss")"
echo "edge log: $(grep -c '^warn' "$daemon_out" || true) warning(s), $(grep -cE '^(fail|crit)' "$daemon_out" || true) error(s)"
grep -A1 -E '^(fail|crit)' "$daemon_out" | head -n 6 || true
# What the warnings say, by kind (the charger's id and numbers made alike), most frequent first.
grep -A1 '^warn' "$daemon_out" | grep -vE '^(warn|--)' | sed -E 's/SOAK-[0-9]+/SOAK-n/g; s/[0-9]+(\.[0-9]+)?/N/g' | sort | uniq -c | sort -rn | head -n 5 || true
awk -v c0="$cpu0" -v c1="$cpu1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" -v idle="$idle_rss" -v steady="$steady_rss" -v rss="$rss" -v peak="$peak" -v store="$store_kb" 'BEGIN {
  cpu = (c1 - c0) / hz; wall = t1 - t0;
  printf "edge: RSS idle %.0f MB, all relayed %.0f MB, after the soak %.0f MB, peak %.0f MB; CPU %.1f s over %.0f s of soak (%.1f%% of one core); store %.1f MB\n",
    idle / 1024, steady / 1024, rss / 1024, peak / 1024, cpu, wall, 100 * cpu / wall, store / 1024 }'
