#!/usr/bin/env bash
# Benchmark: importing a generated Google Takeout export (bench/generate-takeout.py: 2 zip + 2 tgz parts) against
# the plain folder backup of the same media (the export's tree, extracted) and restic's backup of that folder, in
# one run; then the re-import of the unchanged export. photovault runs through its launcher with -Xmx256m. Reports medians, ratios
# and peak RSS (/usr/bin/time -v).
# Usage: bench/takeout-import.sh [SIZE_MB]   (default 5120; needs python3, GNU time, restic: installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-5120}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
export_dir="$work/takeout-$size_mb"
python3 bench/generate-takeout.py "$export_dir" --size-mb "$size_mb" > /dev/null
folder="$export_dir/folder"
parts=("$export_dir"/parts/*)
zips=("$export_dir"/parts/*.zip)
bytes=$(du -sb "$folder" | cut -f1)
media_files=$(find "$folder" -type f ! -name '*.json' | wc -l)
export RESTIC_PASSWORD=bench-passphrase PHOTOVAULT_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
export PHOTOVAULT_CACHE_DIR="$work/pv-cache" PHOTOVAULT_JAVA_OPTS=-Xmx256m
pv=(target/photovault)
[ -x target/photovault ] || pv=(java -Xmx256m -jar "$jar")

rounds=${ROUNDS:-3}
declare -A secs rss

# Each step starts with its input in the page cache (read just before), and repositories not needed again are
# deleted at once: three 5 GB repositories, the tree and the parts would not all fit in the cache.
warm_parts() { cat "${parts[@]}" > /dev/null; }
warm_folder() { find "$folder" -type f -exec cat {} + > /dev/null; }
for round in $(seq "$rounds"); do
  rm -rf "$work/repo-"* "$PHOTOVAULT_CACHE_DIR"
  restic init -q -r "$work/repo-restic" > /dev/null
  "${pv[@]}" init --repo "$work/repo-folder" > /dev/null
  "${pv[@]}" init --repo "$work/repo-takeout" > /dev/null
  if (( round % 2 )); then order="folder takeout restic"; else order="takeout restic folder"; fi
  for tool in $order; do
    case $tool in
      folder) warm_folder; measure folder "${pv[@]}" backup --repo "$work/repo-folder" "$folder"
        rm -rf "$work/repo-folder" ;;
      takeout) warm_parts; measure takeout "${pv[@]}" backup --repo "$work/repo-takeout" --takeout "${parts[@]}" ;;
      restic) warm_folder; measure restic restic backup -q -r "$work/repo-restic" "$folder"
        rm -rf "$work/repo-restic" ;;
    esac
  done
  warm_parts
  measure reimport "${pv[@]}" backup --repo "$work/repo-takeout" --takeout "${parts[@]}"
  # The zip parts alone, imported once under their own label, then again unchanged: nothing is inflated.
  "${pv[@]}" backup --repo "$work/repo-takeout" --label zip-only --takeout "${zips[@]}" > /dev/null 2>&1
  measure reimport_zip "${pv[@]}" backup --repo "$work/repo-takeout" --label zip-only --takeout "${zips[@]}"
  measure startup "${pv[@]}" snapshots --repo "$work/repo-takeout"
done
for k in "${!secs[@]}"; do secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
summarize takeout; note takeout bytes "$bytes"; note takeout parts "${#parts[@]}"
mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
pct() { awk -v a="$1" -v b="${secs[takeout]}" 'BEGIN{printf "%.1f%% of the first import", 100*a/b}'; }
part_list=$(for p in "${parts[@]}"; do printf '%s (%s) ' "$(basename "$p")" "$(du -h "$p" | cut -f1)"; done)
{
  echo "# Takeout import vs folder backup — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "Medians of $rounds rounds (fresh repositories each round, order rotating); peak RSS is the largest seen."
  echo "photovault through its launcher with -Xmx256m; restic $(restic version | cut -d' ' -f2) as a second baseline."
  echo
  echo "Export: bench/generate-takeout.py ${size_mb} MB target: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}') in $media_files media files (1–12 MB photos, 5% videos of 20–60 MB, 10% also in an album), one sidecar per copy; parts: $part_list"
  echo
  echo "| step | s | MB/s | vs folder backup (folder s / step s) | peak RSS (MiB) |"
  echo "|---|---|---|---|---|"
  echo "| folder backup of the extracted tree | ${secs[folder]} | $(mbs "${secs[folder]}") | 1.00× | ${rss[folder]} |"
  echo "| Takeout import of the 4 parts | ${secs[takeout]} | $(mbs "${secs[takeout]}") | $(ratio "${secs[takeout]}" "${secs[folder]}")× | ${rss[takeout]} |"
  echo "| restic backup of the extracted tree | ${secs[restic]} | $(mbs "${secs[restic]}") | $(ratio "${secs[restic]}" "${secs[folder]}")× | ${rss[restic]} |"
  echo "| re-import of the unchanged export (the tgz parts are read again) | ${secs[reimport]} | – | $(pct "${secs[reimport]}") | ${rss[reimport]} |"
  echo "| re-import of the unchanged zip parts (nothing inflated) | ${secs[reimport_zip]} | – | $(pct "${secs[reimport_zip]}") | ${rss[reimport_zip]} |"
  echo "| for scale: \`photovault snapshots\` (JVM start, key derivation, listing) | ${secs[startup]} | – | $(pct "${secs[startup]}") | ${rss[startup]} |"
  echo
  echo "photovault (import): $(grep -E '^backup takeout' "$work/out-takeout.txt")"
  echo "photovault (re-import): $(grep -E '^backup takeout' "$work/out-reimport.txt")"
  echo "photovault (re-import report): $(grep -E '^takeout ' "$work/out-reimport.txt")"
  echo "photovault (zip re-import): $(grep -E '^backup takeout' "$work/out-reimport_zip.txt")"
}
