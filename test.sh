#!/usr/bin/env bash
# Installs what the tests need (idempotent: only what is missing), builds the solution and runs
# every test. Exits non-zero on any failure. CI runs this through .ci/run with CI=true, where a
# missing peer fails the run instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# --- system packages -----------------------------------------------------------------------
# Each entry: a command the tests run, and the Debian package that provides it.
apt_needs=(
  "socat socat"                # a pty pair carries real Modbus RTU frames
  "mosquitto mosquitto"        # a real MQTT broker on loopback
  "node nodejs"                # the npm protocol peers
  "npm npm"
  "chromium chromium"          # the web page in a real headless browser (tests/Integration/Web)
  "openssl openssl"            # certificates for the MQTT TLS test
  "systemd-analyze systemd"    # verify and rate the unit (tests/Integration/Install)
  "useradd passwd"             # install.sh's accounts, in a throwaway root
  "qemu-aarch64-static qemu-user-static"   # runs the linux-arm64 build
)
missing=()
for entry in "${apt_needs[@]}"; do
  cmd=${entry%% *}; pkg=${entry##* }
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The arm64 libraries the runtime needs under qemu (Debian multiarch; the lists need the architecture).
arm64_libs=(libc6:arm64 libstdc++6:arm64 libicu72:arm64 libssl3:arm64)
installed=$(dpkg-query -W -f='${Status}\n' "${arm64_libs[@]}" 2>/dev/null | grep -c '^install ok installed$' || true)
if [ "$installed" -ne ${#arm64_libs[@]} ]; then
  log "installing ${arm64_libs[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd dpkg --add-architecture arm64
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${arm64_libs[@]}"
fi

# --- npm peers -------------------------------------------------------------------------------
if [ -f tests/peers/package-lock.json ]; then
  stamp=tests/peers/node_modules/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s tests/peers/package-lock.json "$stamp"; then
    log "installing the npm test peers"
    (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
    cp tests/peers/package-lock.json "$stamp"
  fi
fi

# --- build and test --------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log "building"
dotnet build ChargeNet.sln -c Release --nologo -v quiet

# The Raspberry Pi build, with the one publish command (systemd/publish.sh; Dockerfile.arm64 uses
# it too); tests/Integration/Install runs it under qemu-aarch64-static.
log "publishing for linux-arm64"
arm64_started=$SECONDS
export CHARGENET_ARM64_BUILD="$PWD/out/linux-arm64"
rm -rf "$CHARGENET_ARM64_BUILD"
systemd/publish.sh linux-arm64 "$CHARGENET_ARM64_BUILD"
echo "published in $((SECONDS - arm64_started)) s"

log "testing"
results=$(mktemp -d)
status=0
dotnet test ChargeNet.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# One closing line over all test projects, read from the runner's own result files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed_here=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${failed_here:-0})); skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
rm -rf "$results"
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
exit "$status"
