#!/usr/bin/env bash
# Sets everything up, then runs every test of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Unit, integration and cross-crate tests (the crash test kills its worker
# FDR_CRASH_KILLS times, 100 by default).
cargo test --workspace --locked
# The benchmark builds and runs in its quick mode (figures: cargo bench -p fdr-store).
cargo test --locked -p fdr-store --benches
# The format's files in docs/format/ are copies of the shared specification:
# when it is checked out beside the project, they must be identical.
if [ -d ../shared/format ]; then
  for f in README.md roadmap.schema.json example-theme-09.json themes.json; do
    cmp "docs/format/$f" "../shared/format/$f" || { echo "docs/format/$f differs from ../shared/format/$f" >&2; exit 1; }
  done
  echo "docs/format: identical to ../shared/format"
fi
