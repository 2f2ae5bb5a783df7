#!/usr/bin/env bash
# Sets everything up, builds `fdr`, and opens a demo store holding the public
# example roadmap (created on first run), then lists it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked --bin fdr
export FDR_DB="${FDR_DB:-$PWD/demo/feuilles-de-route.sqlite}"
if [ ! -f "$FDR_DB" ]; then
  mkdir -p "$(dirname "$FDR_DB")"
  ./target/release/fdr import docs/format/example-theme-09.json
fi
./target/release/fdr list
echo
echo "Base de démonstration : $FDR_DB"
echo "Essayez : ./target/release/fdr check   |   ./target/release/fdr export 9 --format json --out /tmp/theme-09.fdr.json"
