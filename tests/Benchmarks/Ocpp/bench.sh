#!/usr/bin/env bash
# OCPP load benchmark: N simulated charge points (npm ocpp-rpc, strict) connect to the central system,
# each with an HTTP Basic password the edge checks against a salted hash (docs/security.md),
# boot (the edge then sets 3 configuration keys on each) and send Heartbeats. Prints the time to
# connect and boot them all, the Heartbeat round trip p50/p99, and the server's RSS and CPU time.
# With a store directory the server keeps transactions, boots and events (with their outbox copies)
# in the daemon's store there, a new empty one per run: give a directory on the disk to measure what
# the Pi's SD card sees, one on /dev/shm to leave the disk out.
# Half of the charge points speak OCPP 2.0.1 (each boot then gets SetVariables and GetBaseReport, and the
# station sends its base report); V201_PERCENT=0 makes them all 1.6, 100 all 2.0.1.
# Usage: [V201_PERCENT=50] tests/Benchmarks/Ocpp/bench.sh [chargePoints=1000] [heartbeatRounds=10] [storeDirectory]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-1000}
rounds=${2:-10}
store=${3:-}
v201=${V201_PERCENT:-50}
[[ $v201 =~ ^[0-9]+$ ]] && ((v201 <= 100)) || { echo "V201_PERCENT must be a whole number from 0 to 100, not '$v201'" >&2; exit 2; }
[ -d tests/peers/node_modules ] || (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
ulimit -n 65536 2>/dev/null || true

dll=$(dotnet build -c Release tests/Benchmarks/Ocpp/ocpp-bench-server.cs --nologo | sed -n 's/^ *ocpp-bench-server.cs -> //p')
fifo=$(mktemp -u); mkfifo "$fifo"
out=$(mktemp)
if [ -n "$store" ]; then
  store=$(mktemp -d "$store/ocpp-bench-store.XXXXXX")
  echo "store: $store ($(df --output=fstype "$store" | tail -n 1))"
fi
CHARGENET_BENCH_V201_PERCENT=$v201 dotnet "$dll" "$count" ${store:+"$store"} <"$fifo" >"$out" &
pid=$!
exec 3>"$fifo"   # keeps the server's stdin open; closing it stops the server
trap 'exec 3>&- 2>/dev/null; rm -f "$fifo" "$out"; [ -z "$store" ] || rm -rf "$store"' EXIT
for _ in $(seq 1 300); do grep -q '^READY' "$out" && break; sleep 0.1; done
port=$(sed -n 's/^READY //p' "$out")
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
idle_rss=$(rss_kb); cpu0=$(cpu); t0=$(date +%s.%N)

figures=$(cd tests/peers && node ocpp/bench-load.js "ws://127.0.0.1:$port/ocpp" "$count" "$rounds" "$v201")
cpu1=$(cpu); t1=$(date +%s.%N); peak_rss=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status"); rss=$(rss_kb)

echo "$figures"
exec 3>&-   # the server prints its GC figures and stops
wait "$pid" || true
grep '^GC' "$out" || true
awk -v c0="$cpu0" -v c1="$cpu1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" -v idle="$idle_rss" -v rss="$rss" -v peak="$peak_rss" 'BEGIN {
  cpu = (c1 - c0) / hz; wall = t1 - t0;
  printf "server: RSS idle %.0f MB, with all connected %.0f MB, peak %.0f MB; CPU %.2f s over %.1f s wall (%.0f%% of one core)\n",
    idle / 1024, rss / 1024, peak / 1024, cpu, wall, 100 * cpu / wall }'
