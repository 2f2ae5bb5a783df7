#!/usr/bin/env bash
# Compares, on the same content, `fdr export --format pdf` with headless
# Chromium printing an equivalent HTML page and typst compiling an equivalent
# document (bench/pdf/make_sources.py), for a typical roadmap and a
# 400-action one: whole-process wall time (hyperfine), peak memory, pages,
# size. Writes the table to docs/benchmarks-pdf.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/bench/pdf/out
mkdir -p "$out"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
python3 -c "import typst" 2>/dev/null || pip install -q typst
cargo build --release --locked --bin fdr -q
fdr=$root/target/release/fdr

"$fdr" sample --actions 12 --indicators 8 --seed 3 --theme 5 --out "$out/typical.json" >/dev/null
"$fdr" sample --actions 400 --indicators 120 --seed 400 --theme 4 --out "$out/large.json" >/dev/null
rm -f "$out"/store.sqlite*
FDR_DB="$out/store.sqlite" "$fdr" import "$out/typical.json" "$out/large.json" >/dev/null 2>&1
for n in typical large; do python3 bench/pdf/make_sources.py "$out/$n.json" "$out"; done

cat > "$out/typst_compile.py" <<PY
import sys, time, typst
t = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=["$root/assets/fonts"], ignore_system_fonts=True)
print(f"{(time.perf_counter() - t) * 1000:.0f}", file=sys.stderr)
PY

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
        --disable-component-update --disable-sync --no-pdf-header-footer)

median_ms() { # hyperfine JSON -> median in ms
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']*1000:.1f} {min(r['times'])*1000:.1f}\")" "$1"
}
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'; }

rows=()
for n in typical large; do
  id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$out/$n.json")
  runs=20; [ "$n" = large ] && runs=5
  fdr_cmd="$fdr --db $out/store.sqlite export $id --format pdf --out $out/$n-fdr.pdf"
  ch_cmd="${chrome[*]} --user-data-dir=$out/chrome-profile --print-to-pdf=$out/$n-chromium.pdf file://$out/$n.html"
  ty_cmd="python3 $out/typst_compile.py $out/$n.typ $out/$n-typst.pdf"
  hyperfine -N -w 2 -r "$runs" --export-json "$out/h-fdr.json" "$fdr_cmd" >/dev/null 2>&1
  hyperfine -N -w 1 -r $(( runs > 5 ? 5 : 3 )) --export-json "$out/h-ch.json" "$ch_cmd" >/dev/null 2>&1
  hyperfine -N -w 1 -r $(( runs > 5 ? 10 : 3 )) --export-json "$out/h-ty.json" "$ty_cmd" >/dev/null 2>&1
  read -r f_med f_min <<<"$(median_ms "$out/h-fdr.json")"
  read -r c_med c_min <<<"$(median_ms "$out/h-ch.json")"
  read -r t_med t_min <<<"$(median_ms "$out/h-ty.json")"
  t_inner=$(python3 "$out/typst_compile.py" "$out/$n.typ" "$out/$n-typst.pdf" 2>&1 >/dev/null)
  f_mem=$(peak_mb $fdr_cmd); c_mem=$(peak_mb ${ch_cmd}); t_mem=$(peak_mb $ty_cmd)
  for tool in fdr chromium typst; do
    pages=$(pdfinfo "$out/$n-$tool.pdf" | awk '/^Pages:/ {print $2}')
    size=$(stat -c %s "$out/$n-$tool.pdf")
    case $tool in
      fdr) med=$f_med; mn=$f_min; mem=$f_mem; extra="" ;;
      chromium) med=$c_med; mn=$c_min; mem=$c_mem; extra="" ;;
      typst) med=$t_med; mn=$t_min; mem=$t_mem; extra=" (compile alone ${t_inner} ms)" ;;
    esac
    rows+=("| $n | $tool$extra | $med | $mn | $mem | $pages | $((size / 1024)) |")
  done
  ratio_c=$(python3 -c "print(f'{$c_med/$f_med:.1f}')"); ratio_t=$(python3 -c "print(f'{$t_med/$f_med:.1f}')")
  rows+=("| $n | **fdr is ${ratio_c}× faster than Chromium, ${ratio_t}× faster than typst** | | | | | |")
done

# The consolidated regional document: 15 typical roadmaps (one per theme),
# and the import of their 15 PDFs into an empty store.
cons=$out/consolidation
rm -rf "$cons" && mkdir -p "$cons"
for t in $(seq 1 15); do
  "$fdr" sample --actions 12 --indicators 8 --seed $((t + 100)) --theme "$t" --out "$cons/t$t.json" >/dev/null
done
FDR_DB="$cons/store.sqlite" "$fdr" import "$cons"/t*.json >/dev/null 2>&1
for t in $(seq 1 15); do
  FDR_DB="$cons/store.sqlite" "$fdr" export "$t" --format pdf --out "$cons/t$t.pdf" >/dev/null 2>&1
done
python3 bench/pdf/make_sources.py --combine "$cons/all" "$cons"/t*.json
fdr_cmd="$fdr --db $cons/store.sqlite consolidate --out $cons/all-fdr.pdf"
ch_cmd="${chrome[*]} --user-data-dir=$out/chrome-profile --print-to-pdf=$cons/all-chromium.pdf file://$cons/all.html"
ty_cmd="python3 $out/typst_compile.py $cons/all.typ $cons/all-typst.pdf"
hyperfine -N -w 2 -r 10 --export-json "$out/h-fdr.json" "$fdr_cmd" >/dev/null 2>&1
hyperfine -N -w 1 -r 3 --export-json "$out/h-ch.json" "$ch_cmd" >/dev/null 2>&1
hyperfine -N -w 1 -r 3 --export-json "$out/h-ty.json" "$ty_cmd" >/dev/null 2>&1
read -r f_med f_min <<<"$(median_ms "$out/h-fdr.json")"
read -r c_med c_min <<<"$(median_ms "$out/h-ch.json")"
read -r t_med t_min <<<"$(median_ms "$out/h-ty.json")"
f_mem=$(peak_mb $fdr_cmd); c_mem=$(peak_mb ${ch_cmd}); t_mem=$(peak_mb $ty_cmd)
for tool in fdr chromium typst; do
  pages=$(pdfinfo "$cons/all-$tool.pdf" | awk '/^Pages:/ {print $2}')
  size=$(stat -c %s "$cons/all-$tool.pdf")
  case $tool in
    fdr) med=$f_med; mn=$f_min; mem=$f_mem; label="fdr consolidate" ;;
    chromium) med=$c_med; mn=$c_min; mem=$c_mem; label="chromium (the 15 roadmaps, no summary)" ;;
    typst) med=$t_med; mn=$t_min; mem=$t_mem; label="typst (the 15 roadmaps, no summary)" ;;
  esac
  rows+=("| 15 roadmaps consolidated | $label | $med | $mn | $mem | $pages | $((size / 1024)) |")
done
ratio_c=$(python3 -c "print(f'{$c_med/$f_med:.1f}')"); ratio_t=$(python3 -c "print(f'{$t_med/$f_med:.1f}')")
rows+=("| 15 roadmaps consolidated | **fdr is ${ratio_c}× faster than Chromium, ${ratio_t}× faster than typst** | | | | | |")
imp_cmd="$fdr --db $cons/fresh.sqlite import $(printf "$cons/t%s.pdf " $(seq 1 15))"
hyperfine -N -w 1 -r 10 --prepare "rm -f $cons/fresh.sqlite $cons/fresh.sqlite-wal $cons/fresh.sqlite-shm" \
  --export-json "$out/h-imp.json" "$imp_cmd" >/dev/null 2>&1
read -r i_med i_min <<<"$(median_ms "$out/h-imp.json")"
rm -f "$cons"/fresh.sqlite*
i_mem=$(peak_mb $imp_cmd)
rows+=("| import of the 15 PDFs into an empty store | fdr import | $i_med | $i_min | $i_mem | | |")

{
  echo "# PDF export compared with Chromium and typst"
  echo
  echo "Generated by \`bash bench/pdf/run.sh\` on $(date -u +%Y-%m-%d) on this project's machine ($(nproc) cores; a shared"
  echo "virtual machine: figures vary by ±30 % from run to run, ratios are steadier)."
  echo "Same content for the three tools: \`fdr sample\` roadmaps, turned into an equivalent HTML page and Typst"
  echo "document by \`bench/pdf/make_sources.py\` (same texts, tables, Gantt and charts, Noto Sans; typography not"
  echo "identical). Time is the whole process, median over runs (hyperfine); memory is peak RSS."
  echo
  echo "| roadmap | tool | median ms | min ms | peak MB | pages | KiB |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  cat bench/pdf/notes.md
} | tee docs/benchmarks-pdf.md
