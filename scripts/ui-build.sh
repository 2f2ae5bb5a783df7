#!/usr/bin/env bash
# Builds the UI into ui/dist (DSFR assets copied locally, the licence
# lists generated, type-checked),
# which the desktop crate embeds: run before compiling src-tauri.
set -euo pipefail
cd "$(dirname "$0")/.."
# The licences shown in À propos (ui/src/generated/), then the UI.
bash scripts/licences.sh
cd ui
npm run --silent build
