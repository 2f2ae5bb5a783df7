#!/usr/bin/env bash
# Copies the screenshots the end-to-end tests take (ui/e2e/out/screens/)
# into docs/guide/, the pictures of the user guide (docs/guide.md, also
# shipped in the app), reduced to 1100 px wide. Run after
# `bash scripts/e2e.sh`, then commit docs/guide/: the guide's pictures are
# always the application as its tests last saw it. ui/src/guide.test.ts
# checks that every picture the guide names is here and is one of the
# screens the tests take.
set -euo pipefail
cd "$(dirname "$0")/.."
from=ui/e2e/out/screens
to=docs/guide
mkdir -p "$to"
names=$(grep -o '](guide/[a-z-]*\.png)' docs/guide.md | sed 's|](guide/||; s|)||' | sort -u)
missing=0
for name in $names; do
  if [ ! -f "$from/$name" ]; then
    echo "guide-screens: $from/$name absent (run bash scripts/e2e.sh first)" >&2
    missing=1
    continue
  fi
  convert "$from/$name" -resize '1100x>' -strip -define png:compression-level=9 "$to/$name"
  echo "guide-screens: $to/$name ($(du -h "$to/$name" | cut -f1))"
done
exit "$missing"
