#!/usr/bin/env bash
# Sets everything up, then runs every test of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The format's files in docs/format/ are copies of the shared specification:
# when it is checked out beside the project, they must be identical.
if [ -d ../shared/format ]; then
  for f in README.md roadmap.schema.json example-theme-09.json themes.json; do
    cmp "docs/format/$f" "../shared/format/$f" || { echo "docs/format/$f differs from ../shared/format/$f" >&2; exit 1; }
  done
  echo "docs/format: identical to ../shared/format"
fi

# The benchmarks build and run in their quick mode (figures: cargo bench -p fdr-store / -p fdr-pdf).
cargo test --locked -p fdr-store -p fdr-pdf --benches 2>&1 | tee -a "$log"

# Unit, integration and cross-crate tests (the crash test kills its worker
# FDR_CRASH_KILLS times, 100 by default).
cargo test --workspace --locked 2>&1 | tee -a "$log"

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed"
