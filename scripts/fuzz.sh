#!/usr/bin/env bash
# Runs each cargo-fuzz target (fuzz/fuzz_targets/) for SECONDS (default 60)
# from the seed corpus in fuzz/corpus/, with 512 MB and 5 s per input, and
# prints what each run did. Needs the nightly toolchain and cargo-fuzz
# (installed here when missing). A crash or a timeout fails the script and
# leaves the input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --quiet
rustup toolchain list | grep -q nightly || { echo "fuzz: the nightly toolchain is needed" >&2; exit 1; }
# One target: on a copy of its seed corpus (the repository's stays small).
run_target() {
  local t=$1 log runs peak cov
  rm -rf "corpus-run/$t" && mkdir -p "corpus-run/$t" && cp corpus/"$t"/* "corpus-run/$t/"
  log=$(mktemp)
  if ! cargo +nightly fuzz run "$t" "corpus-run/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=512 -timeout=5 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t FAILED (input kept in fuzz/artifacts/$t/)" >&2
    rm -f "$log"
    return 1
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  peak=$(grep -Eo 'stat::peak_rss_mb: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 || true)
  echo "fuzz: $t: $runs inputs in ${secs} s, 0 crashes, 0 timeouts, peak ${peak} MB, ${cov}"
  rm -f "$log"
}
export -f run_target
export secs
targets="json_import pdf_attachment store_import review_import markdown"
# Built once, then run FDR_FUZZ_JOBS at a time (default: one per core, at
# most 2): each target still gets its SECONDS, the whole takes less.
cargo +nightly fuzz build >/dev/null 2>&1 || cargo +nightly fuzz build
jobs=${FDR_FUZZ_JOBS:-$(nproc)}
[ "$jobs" -gt 2 ] && jobs=2
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'run_target "$1"' _ {}
