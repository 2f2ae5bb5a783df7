#!/usr/bin/env bash
# Generates the licences of every Rust crate and npm package the desktop
# application ships, shown in Aide → À propos, into ui/src/generated/
# (not committed): cargo-about for Rust (about.toml), license-checker-
# rseidelsohn for npm (a devDependency). Offline: both read what cargo and
# npm already downloaded. Run by scripts/ui-build.sh. Without cargo-about
# (installed by scripts/setup.sh) it says so and stops, except in CI where
# that is an error.
set -euo pipefail
cd "$(dirname "$0")/.."
out=ui/src/generated
mkdir -p "$out"
# Made again only when the dependencies or the tools' settings change.
stamp=$(cat Cargo.lock about.toml ui/package-lock.json ui/scripts/licences.mjs | sha256sum | cut -d' ' -f1)
if [ -f "$out/licences-rust.json" ] && [ -f "$out/licences-npm.json" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
if ! cargo about --version >/dev/null 2>&1; then
  echo "licences: cargo-about absent (bash scripts/setup.sh l’installe) : listes des licences non générées" >&2
  [ -z "${CI:-}" ] || exit 1
  exit 0
fi
# The crates of the app's dependency tree must be on disk (offline): cargo fetch is a no-op once built.
cargo fetch --locked --manifest-path src-tauri/Cargo.toml -q 2>/dev/null || true
CARGO_ABOUT_VERSION=$(cargo about --version | awk '{print $2}')
export CARGO_ABOUT_VERSION
cargo about generate --locked --offline -c about.toml -m src-tauri/Cargo.toml --format json -o "$out/cargo-about.json" 2> "$out/cargo-about.log" || {
  cat "$out/cargo-about.log" >&2
  exit 1
}
LICENSE_CHECKER_VERSION=$(node -p "require('./ui/node_modules/license-checker-rseidelsohn/package.json').version")
export LICENSE_CHECKER_VERSION
(cd ui && node node_modules/license-checker-rseidelsohn/bin/license-checker-rseidelsohn.js --production --json --start . --out src/generated/license-checker.json >/dev/null)
node ui/scripts/licences.mjs
rm -f "$out/cargo-about.log"
echo "$stamp" > "$out/.stamp"
