#!/usr/bin/env bash
# End-to-end tests on the real application under Xvfb: WebdriverIO →
# tauri-driver → WebKitWebDriver → the built binary, in a D-Bus session of
# its own.
#   FDR_APP  the binary (default: target/release/feuilles-de-route)
#   FDR_CLI  the fdr binary used to import the exported PDF (default: target/debug/fdr)
# Arguments go to wdio (one spec: --spec e2e/specs/smoke.e2e.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export FDR_APP="${FDR_APP:-$PWD/target/release/feuilles-de-route}"
export FDR_CLI="${FDR_CLI:-$PWD/target/debug/fdr}"
export PATH="$HOME/.cargo/bin:$PATH"
[ -x "$FDR_CLI" ] || cargo build --locked --bin fdr
cd ui
# A session bus of its own: the app's single instance registers there
# (tauri-plugin-single-instance uses D-Bus on Linux), apart from any other run.
bus=()
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  bus=(dbus-run-session --)
fi
"${bus[@]}" xvfb-run -a -s "-screen 0 1400x1000x24" npx wdio run e2e/wdio.conf.ts "$@"
