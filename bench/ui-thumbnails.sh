#!/usr/bin/env bash
# Benchmark: the web UI's 100-thumbnail grid page as a browser loads it (the page, then its thumbnails over 6
# connections at once, like Chromium), first view (each original decrypted, decoded, scaled and its thumbnail
# sealed into the cache) and warm (the sealed cache only), against restic restoring the same originals in the same
# run. The photos are real 12-megapixel JPEGs made by bench/PhotoLibrary.java.
# Usage: bench/ui-thumbnails.sh [N] [JAR]   (default 100, target/photovault.jar; needs restic, GNU time, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100}
jar=${2:-target/photovault.jar}
work=bench/work/ui-thumbnails
source bench/lib.sh
bench_prepare
lib="$work/library-$n"
[ -d "$lib" ] || java bench/PhotoLibrary.java "$lib" "$n"
bytes=$(du -sb "$lib" | cut -f1)
export PHOTOVAULT_PASSWORD=bench RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$work/restic-cache"
rm -rf "$work/repo" "$work/restic" "$work/cache" "$work/restored"
java -jar "$jar" init --repo "$work/repo" --kdf-memory 8 --kdf-iterations 1 > /dev/null
java -jar "$jar" backup --repo "$work/repo" "$lib" > /dev/null
restic init -q -r "$work/restic" > /dev/null
restic backup -q -r "$work/restic" "$lib" > /dev/null

declare -A secs rss
for i in 1 2 3; do
  rm -rf "$work/restored"
  measure restic-restore restic restore -q -r "$work/restic" latest --target "$work/restored"
done

port=${UI_PORT:-18765}
java -Xmx256m -jar "$jar" ui --repo "$work/repo" --cache-dir "$work/cache" --port "$port" \
  --restore-dir "$work/restores" > "$work/ui.log" 2>&1 &
ui=$!
trap 'kill $ui 2> /dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'Stop with Ctrl-C' "$work/ui.log" && break; sleep 0.2; done
base="http://127.0.0.1:$port"
link=$(grep -o "$base/login?token=[^ ]*" "$work/ui.log")
curl -s -c "$work/cookies" -o /dev/null "$link"
snapshot=$(curl -s -b "$work/cookies" "$base/api/snapshots" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')

# One page view: the grid's HTML, then every thumbnail it names, 6 at a time; prints the wall seconds.
view() {
  local start end args=()
  start=$(date +%s.%N)
  curl -s -f -b "$work/cookies" -o "$work/grid.html" "$base/s/$snapshot/grid"
  for t in $(grep -o "/s/$snapshot/thumb/[0-9]*" "$work/grid.html"); do args+=(-o /dev/null "$base$t"); done
  curl -s --no-progress-meter -f -Z --parallel-max 6 -b "$work/cookies" "${args[@]}"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

cold=""; warm=""
for i in 1 2 3; do
  rm -rf "$work"/cache/*/thumbnails-320
  cold+="$(view) "
  for j in 1 2 3; do warm+="$(view) "; done
done
thumbs=$(grep -o "/s/$snapshot/thumb/[0-9]*" "$work/grid.html" | wc -l)
ui_rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$ui/status")

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(restic version | head -1)"
echo "library: $n JPEG photos, $((bytes / 1048576)) MiB; the grid page names $thumbs thumbnails"
echo "first view (cold cache), 3 runs: $cold  median $(median "$cold") s"
echo "warm view, 9 runs:               $warm  median $(median "$warm") s"
echo "restic restore of the same originals, 3 runs: ${secs[restic-restore]} median $(median "${secs[restic-restore]}") s"
echo "first view / restic restore: $(ratio "$(median "${secs[restic-restore]}")" "$(median "$cold")")"
echo "photovault ui peak RSS: $ui_rss MiB (-Xmx256m)"
