#!/usr/bin/env bash
# The app benchmark (not part of CI: several minutes): the release build
# under Xvfb at 1366×768, in a D-Bus session of its own; first without
# WebDriver (cold.ts: the binary spawned directly, its startup trace read),
# then through tauri-driver (app.bench.ts). Prints a table of the figures;
# docs/benchmarks-app.md says what they mean.
#   FDR_APP             the binary (default target/release/feuilles-de-route, built if missing)
#   FDR_CLI             the fdr binary (default target/debug/fdr, built if missing)
#   FDR_BENCH_LAUNCHES  launches per cold-start series (5)
#   FDR_BENCH_EDITS     edits per roadmap (200)
#   FDR_BENCH_REST      seconds at rest before a memory reading (10)
#   FDR_BENCH_LIST_TIMES times the 400-action list is shown before its memory reading (3)
#   FDR_BENCH_ONLY      `cold` or `webdriver` to run one half
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export FDR_APP="${FDR_APP:-$repo/target/release/feuilles-de-route}"
export FDR_CLI="${FDR_CLI:-$repo/target/debug/fdr}"
export PATH="$HOME/.cargo/bin:$PATH"
if [ ! -x "$FDR_APP" ]; then
  bash scripts/ui-build.sh
  cargo build --locked --release -p feuilles-de-route --features tauri/custom-protocol
fi
[ -x "$FDR_CLI" ] || cargo build --locked --bin fdr
export FDR_BENCH_OUT
FDR_BENCH_OUT=$(mktemp)
trap 'rm -f "$FDR_BENCH_OUT"' EXIT

bus=()
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  bus=(dbus-run-session --)
fi
xvfb=(xvfb-run -a -s "-screen 0 1366x768x24")
cd ui
if [ "${FDR_BENCH_ONLY:-}" != webdriver ]; then
  "${bus[@]}" "${xvfb[@]}" node_modules/.bin/tsx ../bench/app/cold.ts
fi
if [ "${FDR_BENCH_ONLY:-}" != cold ]; then
  "${bus[@]}" "${xvfb[@]}" npx wdio run ../bench/app/wdio.bench.ts
fi
echo
echo "Feuilles de route, banc de l’application — $(date -u +%Y-%m-%d) — $(nproc) cœurs, $(uname -r)"
node_modules/.bin/tsx ../bench/app/table.ts "$FDR_BENCH_OUT"
