#!/usr/bin/env bash
# Sets everything up, then runs every test of the project: the format files,
# the UI's lint and unit tests, the benchmarks in quick mode, every Rust
# test, the desktop app's release build and .deb, and the end-to-end tests
# on the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_COLOR=1 CI=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The format's files in docs/format/ are copies of the shared specification:
# when it is checked out beside the project, they must be identical.
if [ -d ../shared/format ]; then
  for f in README.md roadmap.schema.json example-theme-09.json themes.json \
    REVIEW.md avis.schema.json reponses.schema.json example-avis-theme-09.json example-reponses-theme-09.json; do
    cmp "docs/format/$f" "../shared/format/$f" || { echo "docs/format/$f differs from ../shared/format/$f" >&2; exit 1; }
  done
  echo "docs/format: identical to ../shared/format"
fi

# The UI: type-check and build (ui/dist, embedded by the app), lint, unit tests.
bash scripts/ui-build.sh
(cd ui && npm run --silent lint && npx vitest run) 2>&1 | tee -a "$log"

# The benchmarks build and run in their quick mode (figures: cargo bench -p fdr-store / -p fdr-pdf).
cargo test --locked -p fdr-store -p fdr-pdf --benches 2>&1 | tee -a "$log"

# Unit, integration and cross-crate tests of every crate but the Tauri shell
# (the crash test kills its worker FDR_CRASH_KILLS times, 100 by default).
cargo test --locked 2>&1 | tee -a "$log"

# The desktop app: one release build, packaged as a .deb, then driven end to end.
# The UI is ui/ (tauri would take the first folder holding a package.json: bench/app/).
export TAURI_FRONTEND_PATH="$PWD/ui"
ui/node_modules/.bin/tauri build --bundles deb --ci 2>&1 | grep -v '^Found fr-icon' | tail -n 5
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
echo "paquet : $deb ($(du -h "$deb" | cut -f1))"
# The shell's own tests (the access rules compiled into the app), on the
# release build's dependencies, so that nothing is compiled twice.
cargo test --locked --release -p feuilles-de-route --features tauri/custom-protocol --lib 2>&1 | tee -a "$log"
bash scripts/e2e.sh 2>&1 | tee -a "$log"
# A launch meeting an instance that holds the store but cannot answer.
bash scripts/relaunch-test.sh 2>&1 | grep -v "^dbus-daemon" | tee -a "$log"

clean=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
# Sums the numbers matched by an extended regexp's first group (0 when none).
count() { awk -v re="$1" '{ while (match($0, re)) { s += substr($0, RSTART, RLENGTH) + 0; $0 = substr($0, RSTART + RLENGTH) } } END { print s + 0 }' <<<"$2"; }
rust_passed=$(count '[0-9]+ passed;' "$(grep -E 'test result:' <<<"$clean" || true)")
rust_failed=$(count '[0-9]+ failed;' "$(grep -E 'test result:' <<<"$clean" || true)")
ui_passed=$(count '[0-9]+ passed' "$(grep -E '^ +Tests ' <<<"$clean" || true)")
ui_failed=$(count '[0-9]+ failed' "$(grep -E '^ +Tests ' <<<"$clean" || true)")
e2e_passed=$(count '[0-9]+ passing' "$clean")
e2e_failed=$(count '[0-9]+ failing' "$clean")
echo
echo "tests: $((rust_passed + ui_passed + e2e_passed)) passed, $((rust_failed + ui_failed + e2e_failed)) failed (Rust $rust_passed, UI $ui_passed, end-to-end $e2e_passed)"
