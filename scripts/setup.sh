#!/usr/bin/env bash
# Installs what building and testing Feuilles de route needs on Debian 12
# (or Ubuntu), only what is missing. Safe to run again.
set -euo pipefail

packages=(build-essential pkg-config ca-certificates poppler-utils qpdf)

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
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found: install Rust (rustup, stable) first" >&2
  exit 1
fi
echo "setup: ok ($(cargo --version))"
