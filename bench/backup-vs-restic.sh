#!/usr/bin/env bash
# Benchmark: photovault vs restic (Debian's package) and cp -r on one generated photo library, in one run.
# Reports seconds, ratios against the baselines measured in the same run, and peak RSS (/usr/bin/time -v).
# Usage: bench/backup-vs-restic.sh [SIZE_MB]   (default 2048; needs python3, restic, GNU time; installs restic)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-2048}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
bench_library "$size_mb"
export RESTIC_PASSWORD=bench-passphrase PHOTOVAULT_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
pv=(java -Xmx256m -jar "$jar")

rounds=${ROUNDS:-3}
declare -A secs rss

cat "$lib"/*/* > /dev/null   # same warm page cache for everybody
for round in $(seq "$rounds"); do
  rm -rf "$work/repo-"* "$work/restore-"* "$work/cp-copy"
  measure cp cp -r "$lib" "$work/cp-copy"
  restic init -q -r "$work/repo-restic" > /dev/null
  "${pv[@]}" init --repo "$work/repo-pv" > /dev/null
  # alternate who goes first, so that neither always meets the other's write-back
  if (( round % 2 )); then order="restic pv"; else order="pv restic"; fi
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_backup restic backup -q -r "$work/repo-restic" "$lib"
    else measure pv_backup "${pv[@]}" backup --repo "$work/repo-pv" "$lib"; fi
  done
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_backup2 restic backup -q -r "$work/repo-restic" "$lib"
    else measure pv_backup2 "${pv[@]}" backup --repo "$work/repo-pv" "$lib"; fi
  done
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_restore restic restore -q -r "$work/repo-restic" latest --target "$work/restore-restic"
    else measure pv_restore "${pv[@]}" restore --repo "$work/repo-pv" latest --target "$work/restore-pv"; fi
  done
done
declare -A samples
for k in "${!secs[@]}"; do samples[$k]="${secs[$k]}"; secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
diff -rq "$lib" "$work/restore-pv" > /dev/null && restored=identical || restored=DIFFERENT
repo_restic=$(du -sb "$work/repo-restic" | cut -f1)
repo_pv=$(du -sb "$work/repo-pv" | cut -f1)

mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
{
  echo "# photovault vs restic $(restic version | cut -d' ' -f2) — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "Medians of $rounds rounds (fresh repositories each round, tool order alternating); peak RSS is the largest seen."
  echo
  echo "Library: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}'), $(find "$lib" -type f | wc -l) files (bench/generate-library.py, ${size_mb} MB target). photovault with -Xmx256m."
  echo
  echo "| step | photovault s | restic s | speed vs restic (restic s / photovault s) | photovault MB/s | peak RSS photovault / restic (MiB) |"
  echo "|---|---|---|---|---|---|"
  echo "| first backup | ${secs[pv_backup]} | ${secs[restic_backup]} | $(ratio "${secs[pv_backup]}" "${secs[restic_backup]}")× | $(mbs "${secs[pv_backup]}") | ${rss[pv_backup]} / ${rss[restic_backup]} |"
  echo "| unchanged second backup | ${secs[pv_backup2]} | ${secs[restic_backup2]} | $(ratio "${secs[pv_backup2]}" "${secs[restic_backup2]}")× | – | ${rss[pv_backup2]} / ${rss[restic_backup2]} |"
  echo "| restore | ${secs[pv_restore]} | ${secs[restic_restore]} | $(ratio "${secs[pv_restore]}" "${secs[restic_restore]}")× | $(mbs "${secs[pv_restore]}") | ${rss[pv_restore]} / ${rss[restic_restore]} |"
  echo
  echo "Baseline \`cp -r\`: ${secs[cp]} s ($(mbs "${secs[cp]}") MB/s); first backup takes $(ratio "${secs[cp]}" "${secs[pv_backup]}")× as long as cp (restic: $(ratio "${secs[cp]}" "${secs[restic_backup]}")×)."
  echo "Repository size: photovault $(awk -v b="$repo_pv" 'BEGIN{printf "%.2f GiB", b/1073741824}'), restic $(awk -v b="$repo_restic" 'BEGIN{printf "%.2f GiB", b/1073741824}'). Restored copy: $restored."
  echo
  echo "Samples (s): $(for k in pv_backup restic_backup pv_backup2 restic_backup2 pv_restore restic_restore cp; do printf '%s [%s] ' "$k" "${samples[$k]% }"; done)"
  echo
  echo "photovault: $(grep saved "$work/out-pv_backup.txt")"
} | tee "$work/result.md"
