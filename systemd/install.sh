#!/usr/bin/env bash
# Installs ChargeNet Edge as a systemd service, or removes it. Safe to run again: a second run with
# the same build changes nothing and says so; a run with a newer build is the upgrade.
#
#   sudo ./install.sh [--build DIR]            install or upgrade, enable and (re)start
#   sudo ./install.sh --uninstall [--purge]    remove; keeps the data and the user unless --purge
#   sudo ./install.sh --root DIR ...           the same into DIR (an image being built, a test):
#                                              nothing on the running system is touched
set -euo pipefail

readonly program=${0##*/}
readonly here=$(cd "$(dirname "$0")" && pwd)
readonly user=chargenet
readonly groups=(gpio dialout)            # GPIO chips and serial lines (RS-485 for Modbus RTU)
readonly app_dir=/opt/chargenet
readonly unit_path=/etc/systemd/system/chargenet.service
readonly config_dir=/etc/chargenet
readonly env_file=/etc/chargenet/chargenet.env
readonly state_dir=/var/lib/chargenet
readonly logs_dir=/var/log/chargenet
readonly udev_rule=/etc/udev/rules.d/60-chargenet-gpio.rules

usage() {
  cat <<EOF
Usage: $program [--build DIR] [--unit FILE] [--root DIR] [--no-start]
       $program --uninstall [--purge] [--root DIR]

Installs ChargeNet Edge as the systemd service 'chargenet': the user '$user' (in the groups
${groups[*]}), the build in $app_dir, the unit, $config_dir, and enables and starts it.
Run it again with a newer build to upgrade; the data in $state_dir is kept and migrated.

  --build DIR   the published build (default: this script's folder, or out/linux-arm64 beside it)
  --unit FILE   the unit file (default: chargenet.service beside this script)
  --root DIR    install into DIR instead of /; no service is started or stopped
  --no-start    install and enable, but do not start (e.g. to import site.json first)
  --uninstall   stop, disable and remove the service and the build; keep data and configuration
  --purge       with --uninstall: also remove $state_dir, $logs_dir, $config_dir and the user
  -h, --help    this text
EOF
}

fail_usage() { printf '%s: %s (see --help)\n' "$program" "$1" >&2; exit 2; }
fail() { printf '%s: %s\n' "$program" "$1" >&2; exit 1; }
changes=0
did() { printf '  %s\n' "$*"; changes=$((changes + 1)); }

# --- options ---------------------------------------------------------------------------------
build="" unit="" root="/" uninstall=false purge=false start=true
while [ $# -gt 0 ]; do
  case $1 in
    --build|--unit|--root)
      [ $# -ge 2 ] && [ -n "$2" ] || fail_usage "$1 needs a value"
      case $1 in --build) build=$2 ;; --unit) unit=$2 ;; --root) root=$2 ;; esac
      shift 2 ;;
    --uninstall) uninstall=true; shift ;;
    --purge) purge=true; shift ;;
    --no-start) start=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail_usage "unknown option '$1'" ;;
  esac
done
$purge && ! $uninstall && fail_usage "--purge goes with --uninstall"
[ -d "$root" ] || fail_usage "--root '$root' is not a directory"
root=$(cd "$root" && pwd)
live=false; [ "$root" = / ] && live=true
[ "$(id -u)" -eq 0 ] || fail "must run as root (sudo $program ...)"
r() { printf '%s%s' "${root%/}" "$1"; }   # a path inside the target root

# systemd is running here (not a chroot, a container without it, or --root).
systemd_live() { $live && [ -d /run/systemd/system ]; }

# --- the user and groups (in the target root's own /etc/passwd and /etc/group) ------------------
has_group() { grep -q "^$1:" "$(r /etc/group)"; }
has_user() { grep -q "^$1:" "$(r /etc/passwd)"; }
in_group() { grep -Eq "^$2:[^:]*:[^:]*:(.*,)?$1(,|$)" "$(r /etc/group)"; }
numeric_id() { awk -F: -v n="$2" '$1 == n { print $3 }' "$(r "$1")"; }
shadow_root=(); $live || shadow_root=(--root "$root")
unit_root=(); $live || unit_root=(--root="$root")

ensure_accounts() {
  for group in "${groups[@]}"; do
    if ! has_group "$group"; then
      groupadd "${shadow_root[@]}" --system "$group"
      did "created group $group"
    fi
  done
  if ! has_user "$user"; then
    useradd "${shadow_root[@]}" --system --user-group --home-dir "$state_dir" --no-create-home \
      --shell /usr/sbin/nologin --comment "ChargeNet Edge" "$user"
    did "created user $user"
  fi
  for group in "${groups[@]}"; do
    if ! in_group "$user" "$group"; then
      usermod "${shadow_root[@]}" --append --groups "$group" "$user"
      did "added $user to group $group"
    fi
  done
}

# A directory with this owner (user or root) and mode; says so only when something changed.
ensure_dir() {
  local path=$1 owner=$2 mode=$3 uid gid
  uid=$(numeric_id /etc/passwd "$owner"); gid=$(numeric_id /etc/group "$owner")
  if [ ! -d "$(r "$path")" ]; then
    mkdir -p "$(r "$path")"; did "created $path"
  fi
  if [ "$(stat -c '%u:%g %a' "$(r "$path")")" != "$uid:$gid $mode" ]; then
    chown "$uid:$gid" "$(r "$path")"; chmod "$mode" "$(r "$path")"
    did "set $path to $owner, mode $mode"
  fi
}

# Copies a file unless the same content is already there.
ensure_file() {
  local from=$1 to=$2 mode=$3
  if ! cmp -s "$from" "$(r "$to")"; then
    mkdir -p "$(dirname "$(r "$to")")"
    install -m "$mode" -o 0 -g 0 "$from" "$(r "$to")"
    did "installed $to"
  fi
}

# --- the build: replaced whole, so no file of an older build stays behind -------------------------
build_changed=false
ensure_build() {
  if [ -d "$(r $app_dir)" ] && diff -rq "$build" "$(r $app_dir)" >/dev/null 2>&1; then
    return
  fi
  local staged; staged="$(r $app_dir).new"
  rm -rf "$staged"; mkdir -p "$staged"
  cp -R "$build/." "$staged/"
  chown -R 0:0 "$staged"; chmod -R u+rwX,go+rX,go-w "$staged"; chmod 0755 "$staged"
  if [ -d "$(r $app_dir)" ]; then
    mv "$(r $app_dir)" "$(r $app_dir).old"
  fi
  mv "$staged" "$(r $app_dir)"
  rm -rf "$(r $app_dir).old"
  build_changed=true
  did "installed the build in $app_dir ($("$(r $app_dir)/chargenet-agent" --version 2>/dev/null || echo 'another architecture'))"
}

# An environment file the administrator edits: created once, never overwritten.
ensure_env_file() {
  [ -f "$(r $env_file)" ] && return
  cat > "$(r $env_file)" <<'EOF'
# ChargeNet Edge: settings for the service (systemctl restart chargenet after a change).
# Every start-up option is also CHARGENET_<NAME>; see docs/configuration.md.
#CHARGENET_WEB_URLS=http://0.0.0.0:8080
#CHARGENET_OCPP_URLS=http://0.0.0.0:9000
#CHARGENET_LOG_LEVEL=Information
# Sets the web page's admin password on the first start (otherwise the page asks for it).
#CHARGENET_ADMIN_PASSWORD=
EOF
  chown "0:$(numeric_id /etc/group "$user")" "$(r $env_file)"; chmod 0640 "$(r $env_file)"
  did "created $env_file"
}

# Plain Debian leaves /dev/gpiochip* to root; Raspberry Pi OS already gives them to 'gpio'.
ensure_udev_rule() {
  local rule; rule=$(mktemp)
  printf '%s\n' '# ChargeNet Edge: GPIO chips for the group gpio (systemd/install.sh)' \
    'SUBSYSTEM=="gpio", KERNEL=="gpiochip*", GROUP="gpio", MODE="0660"' > "$rule"
  if ! cmp -s "$rule" "$(r $udev_rule)"; then
    ensure_file "$rule" "$udev_rule" 0644
    if $live && command -v udevadm >/dev/null; then udevadm trigger --subsystem-match=gpio || true; fi
  fi
  rm -f "$rule"
}

ensure_enabled() {
  if systemd_live; then systemctl daemon-reload; fi
  if [ "$(systemctl "${unit_root[@]}" is-enabled chargenet.service 2>/dev/null || true)" != enabled ]; then
    systemctl "${unit_root[@]}" --quiet enable chargenet.service 2>/dev/null
    did "enabled chargenet.service"
  fi
}

ensure_running() {
  if ! $start; then return; fi
  if ! systemd_live; then
    if $live; then printf '  systemd is not running here: the service starts at the next boot\n'; fi
    return 0
  fi
  if $build_changed || ! systemctl --quiet is-active chargenet.service; then
    systemctl restart chargenet.service
    did "started chargenet.service"
  fi
}

# The machine's own architecture must match the build's (unless it goes into an image).
check_architecture() {
  $live || return 0
  local elf machine
  elf=$(od -An -t u2 -j 18 -N 2 "$build/chargenet-agent" | tr -d ' ')
  case "$elf:$(uname -m)" in
    183:aarch64|62:x86_64) ;;
    *) fail "$build is built for another processor than this $(uname -m) machine (publish with -r linux-arm64 or linux-x64)" ;;
  esac
}

install_all() {
  [ -n "$build" ] || { [ -x "$here/chargenet-agent" ] && build=$here; } || build=$here/../out/linux-arm64
  [ -x "$build/chargenet-agent" ] || fail_usage "--build '$build' has no chargenet-agent (publish first: see docs/install.md)"
  build=$(cd "$build" && pwd)
  [ -n "$unit" ] || unit=$here/chargenet.service
  [ -f "$unit" ] || fail_usage "--unit '$unit' is not a file"
  check_architecture
  [ -f "$(r /etc/passwd)" ] && [ -f "$(r /etc/group)" ] || fail "$(r /etc/passwd) or $(r /etc/group) is missing"

  echo "Installing ChargeNet Edge into $root"
  ensure_accounts
  ensure_build
  ensure_dir "$config_dir" root 755
  ensure_env_file
  ensure_dir "$state_dir" "$user" 750
  ensure_dir "$logs_dir" "$user" 750
  ensure_udev_rule
  if ! cmp -s "$unit" "$(r $unit_path)"; then
    ensure_file "$unit" "$unit_path" 0644
    build_changed=true   # a changed unit takes effect on the restart
  fi
  ensure_enabled
  ensure_running
  if [ "$changes" -eq 0 ]; then
    echo "Nothing to change: ChargeNet Edge is installed as it should be."
  else
    echo "Done: $changes change(s). Logs: journalctl -u chargenet -f"
  fi
}

uninstall_all() {
  echo "Removing ChargeNet Edge from $root"
  if systemd_live && systemctl --quiet is-active chargenet.service; then
    systemctl stop chargenet.service; did "stopped chargenet.service"
  fi
  if [ -f "$(r $unit_path)" ]; then
    systemctl "${unit_root[@]}" --quiet disable chargenet.service 2>/dev/null || true
    rm -f "$(r $unit_path)"; did "removed $unit_path"
    if systemd_live; then systemctl daemon-reload; fi
  fi
  for path in "$app_dir" "$udev_rule"; do
    if [ -e "$(r "$path")" ]; then rm -rf "$(r "$path")"; did "removed $path"; fi
  done
  if $purge; then
    for path in "$state_dir" "$logs_dir" "$config_dir"; do
      if [ -e "$(r "$path")" ]; then rm -rf "$(r "$path")"; did "removed $path"; fi
    done
    if has_user "$user"; then userdel "${shadow_root[@]}" "$user"; did "removed user $user"; fi
    if has_group "$user"; then groupdel "${shadow_root[@]}" "$user"; did "removed group $user"; fi
  elif [ -d "$(r $state_dir)" ]; then
    echo "  kept $state_dir (the data), $config_dir and the user $user: --purge removes them"
  fi
  [ "$changes" -eq 0 ] && echo "Nothing to remove." || echo "Done: $changes change(s)."
}

if $uninstall; then uninstall_all; else install_all; fi
