#!/usr/bin/env bash
# Installs what building and testing Feuilles de route needs on Debian 12
# (or Ubuntu), only what is missing: Debian packages (WebKitGTK for the
# desktop app, Xvfb and WebKitWebDriver for its end-to-end tests, poppler and
# qpdf for the PDF checks), the UI's npm packages, and tauri-driver.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config file ca-certificates
  libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth webkit2gtk-driver dbus dbus-x11 x11-utils imagemagick
  poppler-utils qpdf
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing packages ${missing[*]} and no apt-get: install them by hand" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found: install Rust (rustup, stable) first" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "setup: Node.js 20.19 or newer (with npm) is needed for the UI: $(node --version 2>/dev/null || echo absent)" >&2
  exit 1
fi

# The UI's packages, exactly as locked (offline once installed).
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.fdr-lock; then
  echo "setup: npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.fdr-lock)
fi

# tauri-driver, the WebDriver bridge of the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: cargo install tauri-driver 2.1.0"
  cargo install tauri-driver --locked --version 2.1.0 --quiet
fi

# cargo-about, which lists the Rust crates' licences for À propos (scripts/licences.sh).
if ! cargo about --version >/dev/null 2>&1; then
  echo "setup: cargo install cargo-about 0.9.3"
  cargo install cargo-about --locked --version 0.9.3 --features cli --quiet
fi

echo "setup: ok ($(cargo --version); node $(node --version))"
