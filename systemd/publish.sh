#!/usr/bin/env bash
# Publishes the daemon for one machine: a self-contained build (the Pi needs no .NET runtime),
# ReadyToRun (compiled ahead, so a Pi starts it in seconds instead of JIT-compiling everything),
# with install.sh, the unit and docs/install.md beside it: copy the folder over and run install.sh.
# The one publish command: test.sh, Dockerfile.arm64 and docs/install.md all use this script.
#
#   systemd/publish.sh [RID] [OUT]      RID: linux-arm64 (default) or linux-x64; OUT: out/RID
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-arm64}
out=${2:-out/$rid}
case $rid in
  linux-arm64|linux-x64) ;;
  *) echo "publish.sh: runtime '$rid' is not one ChargeNet Edge is built for (linux-arm64, linux-x64)" >&2; exit 2 ;;
esac
dotnet publish src/EdgeAgent/EdgeAgent.csproj -c Release -r "$rid" --self-contained true \
  -p:PublishReadyToRun=true --nologo -v quiet -o "$out"
cp systemd/install.sh systemd/chargenet.service "$out/"
mkdir -p "$out/docs"
cp docs/install.md "$out/docs/"
echo "$out: ChargeNet Edge for $rid, $(du -sm "$out" | cut -f1) MB"
