#!/usr/bin/env bash
# Benchmark: the scheduled Google Photos backup (`photovault run --once`, the shipped google-photos-backup route)
# reading a library from the Google Photos emulator over HTTP, into the file store and into S3Proxy (a real S3
# server, filesystem backend), against Debian's restic backing up the same files from disk — in one run.
# Reports seconds, ratios against restic, peak RSS (/usr/bin/time -v) and the Google requests spent per item.
# Usage: bench/backup-google-photos.sh [SIZE_MB] [PHOTO_MAX_MB]
#   defaults 6144 MB and 1-5 MB photos: about 2,000 items (plus 3 videos, 10% duplicates, 5% edited copies)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-6144}
photo_max=${2:-5}
work=bench/work/google-photos
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
mkdir -p "$work"
work=$(cd "$work" && pwd)
lib="$work/library-$size_mb-$photo_max"
[ -d "$lib" ] || python3 bench/generate-library.py "$lib" --size-mb "$size_mb" --photo-max-mb "$photo_max" --media-headers
bytes=$(du -sb "$lib" | cut -f1)
files=$(find "$lib" -type f | wc -l)
export RESTIC_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
echo "bench-passphrase" > "$work/passphrase"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# The emulator, with the library imported once (its state is kept in $work/emulator between runs of this script).
emu_port=18089
import=()
[ -d "$work/emulator" ] || import=(--import "$lib")
java -Xmx512m -jar "$jar" emulator --port "$emu_port" --state "$work/emulator" "${import[@]}" \
    --credentials-file "$work/emulator.json" > "$work/emulator.log" 2>&1 &
pids+=($!)
until grep -q "^Control:" "$work/emulator.log" 2>/dev/null; do
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/emulator.log"; exit 1; }
  sleep 1
done
items=$(curl -s "http://127.0.0.1:$emu_port/emulator/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mediaItems"])')

# S3Proxy on the filesystem, started from Maven's test classpath.
s3_port=18090
cp=$(mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
rm -rf "$work/s3" && mkdir -p "$work/s3/photovault"
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.identity=bench
jclouds.credential=bench-secret
jclouds.filesystem.basedir=$work/s3
CONF
java -cp "$cp" org.gaul.s3proxy.Main --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$s3_port/"; do
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/s3proxy.log"; exit 1; }
  sleep 1
done

credentials() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join("google-photos.%s=%s" % (k.replace("_","-"), v) for k, v in d.items()))' "$work/emulator.json"; }
config() { # name store-uri
  { credentials
    echo "vault.store=$2"
    echo "vault.password-file=$work/passphrase"
    echo "vault.cache-dir=$work/cache-$1"
    echo "picker.enabled=false"
    echo "maintenance.enabled=false"
    echo "camel.management.enabled=false"
  } > "$work/$1.properties"
}
config file "file:$work/repo-pv"
config s3 "aws2-s3://photovault?uriEndpointOverride=http://127.0.0.1:$s3_port&overrideEndpoint=true&forcePathStyle=true&region=us-east-1&accessKey=bench&secretKey=RAW(bench-secret)"
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required

declare -A secs rss
measure() { # name command...
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$work/time-$name.txt" "$@" > "$work/out-$name.txt" 2>&1
  secs[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time-$name.txt")
  rss[$name]=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$work/time-$name.txt")
}
report() { # name field  (from the run report the name's run left in its cache)
  python3 -c 'import json,sys,glob; r=json.load(open(sorted(glob.glob(sys.argv[1]+"/*/last-google-photos.json"))[0])); v=r
for k in sys.argv[2].split("."): v=v.get(k, 0)
print(v)' "$work/cache-$1" "$2"
}

rm -rf "$work/repo-pv" "$work/repo-restic" "$work/cache-"*
cat "$lib"/*/* > /dev/null
export PHOTOVAULT_JAVA_OPTS=-Xmx256m
pv=(target/photovault run --once)
[ -x target/photovault ] || pv=(java -Xmx256m -jar "$jar" run --once)
restic init -q -r "$work/repo-restic" > /dev/null
measure restic_backup restic backup -q -r "$work/repo-restic" "$lib"
measure pv_file "${pv[@]}" --config "$work/file.properties"
file_api=$(report file "requests.API requests"); file_media=$(report file "requests.media requests"); file_new=$(report file itemsNew)
measure pv_s3 "${pv[@]}" --config "$work/s3.properties"
s3_api=$(report s3 "requests.API requests"); s3_media=$(report s3 "requests.media requests")
measure restic_backup2 restic backup -q -r "$work/repo-restic" "$lib"
measure pv_file2 "${pv[@]}" --config "$work/file.properties"
file2_media=$(report file "requests.media requests"); file2_api=$(report file "requests.API requests"); file2_reused=$(report file itemsReused)
measure pv_s32 "${pv[@]}" --config "$work/s3.properties"
s32_media=$(report s3 "requests.media requests")
summarize google; note google items "$items"; note google bytes "$bytes"
note google work.pv_file2 "$(awk -v ms="$(report file durationMillis)" 'BEGIN{printf "%.2f", ms/1000}')"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }'; }
per() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.3f", (n > 0 ? a / n : 0) }'; }
mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
{
  echo "# Google Photos backup (emulator) vs restic $(restic version | cut -d' ' -f2) from disk — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "Library: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}') in $files files (bench/generate-library.py, ${size_mb} MB, photos 1–${photo_max} MB), $items items in the emulator."
  echo "photovault: \`run --once\` (shipped google-photos-backup route, backup.concurrency 4, through the launcher with -Xmx256m) downloading over loopback HTTP from the emulator; restic reads the same files from disk. One round."
  echo
  echo "| run | photovault s | restic s | speed vs restic (restic s / photovault s) | photovault MB/s | peak RSS photovault / restic (MiB) |"
  echo "|---|---|---|---|---|---|"
  echo "| first, file store | ${secs[pv_file]} | ${secs[restic_backup]} | $(ratio "${secs[pv_file]}" "${secs[restic_backup]}")× | $(mbs "${secs[pv_file]}") | ${rss[pv_file]} / ${rss[restic_backup]} |"
  echo "| first, S3Proxy | ${secs[pv_s3]} | ${secs[restic_backup]} | $(ratio "${secs[pv_s3]}" "${secs[restic_backup]}")× | $(mbs "${secs[pv_s3]}") | ${rss[pv_s3]} / ${rss[restic_backup]} |"
  echo "| unchanged, file store | ${secs[pv_file2]} | ${secs[restic_backup2]} | $(ratio "${secs[pv_file2]}" "${secs[restic_backup2]}")× | – | ${rss[pv_file2]} / ${rss[restic_backup2]} |"
  echo "| unchanged, S3Proxy | ${secs[pv_s32]} | ${secs[restic_backup2]} | $(ratio "${secs[pv_s32]}" "${secs[restic_backup2]}")× | – | ${rss[pv_s32]} / ${rss[restic_backup2]} |"
  echo
  echo "Google requests per item (goal: ≤ 1.05 API + 1 media per new item, 0 media per unchanged item):"
  echo
  echo "| run | items new / reused | API requests | media requests | API per item | media per new item |"
  echo "|---|---|---|---|---|---|"
  echo "| first, file store | $file_new / 0 | $file_api | $file_media | $(per "$file_api" "$items") | $(per "$file_media" "$file_new") |"
  echo "| first, S3Proxy | $items / 0 | $s3_api | $s3_media | $(per "$s3_api" "$items") | $(per "$s3_media" "$items") |"
  echo "| unchanged, file store | 0 / $file2_reused | $file2_api | $file2_media | $(per "$file2_api" "$items") | – (0 expected) |"
  echo "| unchanged, S3Proxy | 0 / $items | – | $s32_media | – | – (0 expected) |"
  echo
  echo "photovault: $(grep -h 'backup google-photos: ' "$work/out-pv_file.txt" | tail -1 | sed 's/^ *//')"
} | tee "$work/result.md"
