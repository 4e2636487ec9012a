#!/usr/bin/env bash
# Benchmark: `photovault copy` of a backup into a second repository with its own keys, against `restic copy`
# (Debian's package) of the same library's backup into a second restic repository, in one run: the first copy
# (everything: throughput) and an unchanged second copy (nothing to do). Medians of ROUNDS rounds, tool order
# alternating, peak RSS from /usr/bin/time -v. Usage: bench/copy-vs-restic.sh [SIZE_MB]   (default 2048)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-2048}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
bench_library "$size_mb"
export RESTIC_PASSWORD=bench-passphrase PHOTOVAULT_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
export PHOTOVAULT_TO_PASSWORD=second-passphrase
echo bench-passphrase > "$work/copy-from-passphrase"
pv=(java -Xmx256m -jar "$jar")
kdf=(--kdf-memory 64 --kdf-iterations 3)

# The source repositories, not timed.
rm -rf "$work/copy-src-pv" "$work/copy-src-restic"
"${pv[@]}" init --repo "$work/copy-src-pv" "${kdf[@]}" > /dev/null
"${pv[@]}" backup --repo "$work/copy-src-pv" "$lib" > /dev/null
restic init -q -r "$work/copy-src-restic" > /dev/null
restic backup -q -r "$work/copy-src-restic" "$lib" > /dev/null

rounds=${ROUNDS:-3}
declare -A secs rss
for round in $(seq "$rounds"); do
  rm -rf "$work/copy-dst-pv" "$work/copy-dst-restic"
  PHOTOVAULT_PASSWORD=second-passphrase "${pv[@]}" init --repo "$work/copy-dst-pv" "${kdf[@]}" > /dev/null
  RESTIC_PASSWORD=second-passphrase restic init -q -r "$work/copy-dst-restic" > /dev/null
  if (( round % 2 )); then order="restic pv"; else order="pv restic"; fi
  for pass in first again; do
    for tool in $order; do
      if [ "$tool" = restic ]; then
        measure "restic_$pass" env RESTIC_PASSWORD=second-passphrase restic copy -q \
            --from-password-file "$work/copy-from-passphrase" --from-repo "$work/copy-src-restic" -r "$work/copy-dst-restic"
      else
        measure "pv_$pass" "${pv[@]}" copy --repo "$work/copy-src-pv" --to-repo "$work/copy-dst-pv"
      fi
    done
  done
done
for k in "${!secs[@]}"; do secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
PHOTOVAULT_PASSWORD=second-passphrase "${pv[@]}" check --read-data --repo "$work/copy-dst-pv" > "$work/copy-check.txt" 2>&1 \
  && checked="clean" || checked="FAILED (see $work/copy-check.txt)"
mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
{
  echo "# photovault copy vs restic copy — $(date -u +%Y-%m-%d), $(nproc) cores, restic $(restic version | cut -d' ' -f2)"
  echo
  echo "Library: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}'), $(find "$lib" -type f | wc -l) files (bench/generate-library.py, ${size_mb} MB target), one backup in each tool's source repository; each round copies it into a fresh second repository with another passphrase. photovault with -Xmx256m; medians of $rounds rounds."
  echo
  echo "| step | photovault s | restic s | speed vs restic (restic s / photovault s) | photovault MB/s | peak RSS photovault / restic (MiB) |"
  echo "|---|---|---|---|---|---|"
  echo "| first copy | ${secs[pv_first]} | ${secs[restic_first]} | $(ratio "${secs[pv_first]}" "${secs[restic_first]}")× | $(mbs "${secs[pv_first]}") | ${rss[pv_first]} / ${rss[restic_first]} |"
  echo "| unchanged second copy | ${secs[pv_again]} | ${secs[restic_again]} | $(ratio "${secs[pv_again]}" "${secs[restic_again]}")× | – | ${rss[pv_again]} / ${rss[restic_again]} |"
  echo
  echo "\`check --read-data\` of the last photovault copy: $checked."
  echo
  echo "photovault: $(grep 'snapshots copied' "$work/out-pv_first.txt")"
} | tee "$work/copy-result.md"
