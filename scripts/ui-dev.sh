#!/usr/bin/env bash
# The UI's development server (for `tauri dev`).
set -euo pipefail
cd "$(dirname "$0")/../ui"
npm run --silent dev
