#!/bin/bash
# The site bench over many seeded sites, one line per site: issue 13's per-seed comparison (docs/control-loop-sessions.md,
# Session 15). Usage, from the repository root after `dotnet build ChargeNet.sln -c Release`:
#   tests/Benchmarks/site-sweep.sh [--from N] [--to M] [--no-unconfirmed] [bench flags ...]
# Seeds N..M (default 1..24) and, unless --no-unconfirmed, 41..52 with --unconfirmed; each on the default simulator and
# with --one-call (the simulated OCPP chargers take one call at a time, as the edge's driver does). Each line:
#   site | overload max A at dead time 1/2/5 s | overload A·s/h | capacity use % | limit changes /conn/min | reaction s
# and beneath it (a line of its own, so comparisons of the line above stay as they were), how far the loop's estimate of
# the load nobody controls fell under the truth at 1/2/5 s: its largest shortfall on any phase (A) and the shortfall summed
# over the phases, integrated (A·s/h) (docs/control-loop-sessions.md, Session 20); and how many pauses begun in steady state ended
# before the pause hold (property 3; Session 27).
# Compare two trees or two flag sets with diff; about 4 minutes for the default 72 lines on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
from=1 to=24 unconfirmed=1 flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=$2; shift 2 ;;
    --to) to=$2; shift 2 ;;
    --no-unconfirmed) unconfirmed=0; shift ;;
    *) flags+=("$1"); shift ;;
  esac
done
run() {
  local label=$1; shift
  dotnet run -c Release --no-build --project tests/Benchmarks -- site --minutes 9 --sizes 20 --dead-times 1,2,5 "$@" "${flags[@]}" 2>&1 |
    awk -v l="$label" '$1=="20" && NF>10 {o=o sprintf("%6s",$3); a=a sprintf("%6s",$5); c=c sprintf("%4s",$7); ch=ch sprintf("%6s",$11); r=r sprintf("%5s",$13)
        n=split($(NF-1),m,"/"); x=0; for (i=1;i<=n;i++) if (m[i]+0>x) x=m[i]+0; n=split($NF,q,"/"); y=0; for (i=1;i<=n;i++) y+=q[i]
        um=um sprintf("%6.1f",x); ua=ua sprintf("%6.0f",y); sp=sp sprintf("%4s",$(NF-2))}
      END {if (o=="") {print l ": the bench printed no row" > "/dev/stderr"; exit 1}; printf "%-16s ovl%s | As/h%s | cap%s | chg%s | react%s\n", l, o, a, c, ch, r
        printf "%-16s under max%s | under As/h%s | short pauses%s\n", l, um, ua, sp}'
}
for s in $(seq "$from" "$to"); do run "s$s" --seed "$s"; run "s$s-1call" --seed "$s" --one-call; done
if [ "$unconfirmed" = 1 ]; then
  for s in $(seq 41 52); do run "u$s" --seed "$s" --unconfirmed; run "u$s-1call" --seed "$s" --unconfirmed --one-call; done
fi
