#!/usr/bin/env bash
# Sets everything up, builds the desktop application and `fdr`, and starts
# the application on a demo store holding the public example roadmap
# (created on first run). FDR_DB chooses another store. Without a display,
# says so and shows the command line on the same store instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked --bin fdr
export FDR_DB="${FDR_DB:-$PWD/demo/feuilles-de-route.sqlite}"
if [ ! -f "$FDR_DB" ]; then
  mkdir -p "$(dirname "$FDR_DB")"
  ./target/release/fdr import docs/format/example-theme-09.json
fi
echo "Base : $FDR_DB"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "Aucun écran n’est disponible (ni DISPLAY ni WAYLAND_DISPLAY) : l’application de bureau ne peut pas s’ouvrir."
  echo "Voici la ligne de commande sur la même base :"
  echo
  ./target/release/fdr list
  echo
  echo "Essayez : ./target/release/fdr check   |   ./target/release/fdr export 9 --format pdf --out /tmp/theme-09.pdf"
  echo "Pour voir la fenêtre sans écran : xvfb-run -a bash scripts/run.sh (puis une capture avec « import -window root »)."
  exit 0
fi

# The UI is ui/ (tauri would take the first folder holding a package.json: bench/app/).
TAURI_FRONTEND_PATH="$PWD/ui" ui/node_modules/.bin/tauri build --no-bundle
# One instance per store needs a D-Bus session (there is one on a desktop).
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  exec dbus-run-session -- ./target/release/feuilles-de-route
fi
exec ./target/release/feuilles-de-route
