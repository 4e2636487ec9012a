#!/usr/bin/env bash
# Benchmark: `photovault push` of FILES photos in 5 album folders into the Google Photos emulator over HTTP —
# requests per file (goal: 1 upload + at most 0.05 other API requests per file) and seconds against `cp -r` of the
# same folder, in one run; then an unchanged second push and one after renaming a tenth of the files (neither
# should upload anything). Usage: bench/push-albums.sh [FILES]   (default 500; needs python3, curl, GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-500}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
dir="$work/push"
rm -rf "$dir" && mkdir -p "$dir"
albums="$dir/albums"
python3 - "$albums" "$files" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
head = bytes.fromhex("ffd8ffe000104a46494600010100000100010000")  # SOI + JFIF APP0: the emulator sniffs content
for i in range(n):
    album = os.path.join(root, "Album %d" % (i % 5))
    os.makedirs(album, exist_ok=True)
    with open(os.path.join(album, "IMG_%04d.jpg" % i), "wb") as f:
        f.write(head + rng.randbytes(rng.randint(100_000, 900_000)) + b"\xff\xd9")
PY
bytes=$(du -sb "$albums" | cut -f1)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
port=18091
java -Xmx1g -jar "$jar" emulator --port "$port" --state "$dir/emulator" --credentials-file "$dir/emulator.json" \
    > "$dir/emulator.log" 2>&1 &
pids+=($!)
until grep -q "^Control:" "$dir/emulator.log" 2>/dev/null; do
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$dir/emulator.log"; exit 1; }
  sleep 1
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join("google-photos.%s=%s" % (k.replace("_","-"), v) for k, v in d.items()))' \
    "$dir/emulator.json" > "$dir/push.properties"
stat() { curl -s "http://127.0.0.1:$port/emulator/stats" | python3 -c '
import json, sys
s = json.load(sys.stdin); e = s.get("byEndpoint", {})
up = e.get("uploads", 0) + e.get("uploads.resumable", 0)
print(up, s["apiRequests"] - up)'; }
pv=(java -Xmx256m -jar "$jar" push "$albums" --config "$dir/push.properties" --cache-dir "$dir/cache")
declare -A secs rss
per() { awk -v a="$1" -v n="$files" 'BEGIN { printf "%.3f", a / n }'; }

measure cp cp -r "$albums" "$dir/cp-copy"
read -r up0 api0 < <(stat)
measure push "${pv[@]}"
read -r up1 api1 < <(stat)
measure push_again "${pv[@]}"
read -r up2 api2 < <(stat)
find "$albums" -name 'IMG_*0.jpg' | while read -r f; do mv "$f" "${f%.jpg}-renamed.jpg"; done
measure push_renamed "${pv[@]}"
read -r up3 api3 < <(stat)
{
  echo "# photovault push into the Google Photos emulator — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "$files JPEG-headed files of 0.1–0.9 MB ($(awk -v b="$bytes" 'BEGIN{printf "%.0f MB", b/1048576}')) in 5 album folders; photovault with -Xmx256m; the emulator on the same machine (one run each)."
  echo
  echo "| run | s | time vs cp -r | uploads | other API requests | uploads / file | other API / file |"
  echo "|---|---|---|---|---|---|---|"
  echo "| first push (5 albums created) | ${secs[push]} | $(ratio "${secs[cp]}" "${secs[push]}")× | $((up1-up0)) | $((api1-api0)) | $(per $((up1-up0))) | $(per $((api1-api0))) |"
  echo "| unchanged second push | ${secs[push_again]} | $(ratio "${secs[cp]}" "${secs[push_again]}")× | $((up2-up1)) | $((api2-api1)) | $(per $((up2-up1))) | $(per $((api2-api1))) |"
  echo "| after renaming $(find "$albums" -name '*-renamed.jpg' | wc -l) files | ${secs[push_renamed]} | $(ratio "${secs[cp]}" "${secs[push_renamed]}")× | $((up3-up2)) | $((api3-api2)) | $(per $((up3-up2))) | $(per $((api3-api2))) |"
  echo
  echo "Baseline \`cp -r\` of the folder: ${secs[cp]} s. Goal: 1 upload + ≤ 0.05 other API requests per file."
  echo
  echo "photovault: $(grep pushed "$work/out-push.txt")"
} | tee "$dir/result.md"
