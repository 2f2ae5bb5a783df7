#!/usr/bin/env bash
# A launch while the instance holding the store's name cannot answer (frozen,
# then killed: what `reloadSession` or a crash leaves for a moment) must
# start, not fail: it starts again until the name is free (src-tauri/src/instance.rs).
#   FDR_APP  the binary (default: target/release/feuilles-de-route)
# Runs under its own Xvfb and D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."
app="${FDR_APP:-$PWD/target/release/feuilles-de-route}"
if [ -z "${FDR_RELAUNCH_INNER:-}" ]; then
  exec env FDR_RELAUNCH_INNER=1 dbus-run-session -- xvfb-run -a -s "-screen 0 1400x1000x24" bash "$0" "$@"
fi

work=$(mktemp -d)
pids=()
trap '{ kill -9 "${pids[@]}"; wait; } 2>/dev/null || true; rm -rf "$work" 2>/dev/null || true' EXIT
export HOME="$work" XDG_DATA_HOME="$work/.local/share" XDG_CONFIG_HOME="$work/.config" XDG_CACHE_HOME="$work/.cache"
export FDR_DB="$work/store.db" NO_AT_BRIDGE=1

# Waits up to 30 s for `n` windows named « Feuilles de route ».
windows() { xwininfo -root -tree | grep -c '"Feuilles de route"' || true; }
wait_windows() {
  for _ in $(seq 150); do
    [ "$(windows)" -ge "$1" ] && return 0
    sleep 0.2
  done
  return 1
}
fail() { echo "relaunch-test: FAILED: $*" >&2; echo "--- second launch's output:" >&2; cat "$work/b.log" >&2 || true; exit 1; }

"$app" >"$work/a.log" 2>&1 &
a=$!
pids+=("$a")
wait_windows 1 || fail "the first instance did not open its window"
# The first instance holds the name but will never answer…
kill -STOP "$a"
"$app" >"$work/b.log" 2>&1 &
b=$!
pids+=("$b")
sleep 1.5
# …then is gone, as a killed app is, while the second launch waits for it.
{ kill -KILL "$a"; wait "$a"; } 2>/dev/null || true
sleep 0.5
wait_windows 1 || fail "no window after the first instance was killed"
sleep 2
kill -0 "$b" 2>/dev/null || fail "the second launch exited instead of starting"
grep -q "nouvel essai" "$work/b.log" || fail "the second launch did not start again (the race was not met)"
[ "$(windows)" -eq 1 ] || fail "expected one window, saw $(windows)"
echo "relaunch-test: the launch that met a dying instance started again and opened the only window: ok"
