#!/usr/bin/env bash
# Builds the UI into ui/dist (DSFR assets copied locally, type-checked),
# which the desktop crate embeds: run before compiling src-tauri.
set -euo pipefail
cd "$(dirname "$0")/../ui"
npm run --silent build
