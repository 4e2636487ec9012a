#!/usr/bin/env bash
# Benchmark: many small files. FILES (default 100000) files of 1 KiB of random bytes in 100 folders, backed up
# and then backed up again unchanged, by photovault (launcher, -Xmx256m) and by Debian's restic and borg, in one
# run; seconds, ratios against restic and borg, and peak RSS (/usr/bin/time -v). Medians of ROUNDS (default 3).
# Usage: bench/small-files.sh [FILES]   Results to bench/work/small-files-result.md.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-100000}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
command -v borg >/dev/null || { apt-get update -qq && apt-get install -y -qq borgbackup; }
export RESTIC_PASSWORD=bench-passphrase PHOTOVAULT_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
export BORG_PASSPHRASE=bench-passphrase BORG_BASE_DIR="$work/borg-base" PHOTOVAULT_JAVA_OPTS=-Xmx256m
pv=(target/photovault)
[ -x target/photovault ] || pv=(java -Xmx256m -jar "$jar")

lib="$work/small-$files"
if [ ! -d "$lib" ]; then
  python3 - "$lib" "$files" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "folder-%03d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "note-%06d.txt" % i), "wb") as f:
        f.write(os.urandom(1024))
EOF
fi
bytes=$(du -sb "$lib" | cut -f1)
borg_repo="$(pwd)/$work/repo-small-borg"
rounds=${ROUNDS:-3}
declare -A secs rss
find "$lib" -type f -exec cat {} + > /dev/null   # same warm page cache for everybody
for round in $(seq "$rounds"); do
  rm -rf "$work/repo-small-"* "$work/borg-base"
  restic init -q -r "$work/repo-small-restic" > /dev/null
  "${pv[@]}" init --repo "$work/repo-small-pv" > /dev/null
  borg init --encryption=repokey-blake2 "$borg_repo" > /dev/null 2>&1
  if (( round % 2 )); then order="restic pv borg"; else order="borg pv restic"; fi
  for pass in 1 2; do
    for tool in $order; do
      case $tool in
        restic) measure "restic_$pass" restic backup -q -r "$work/repo-small-restic" "$lib" ;;
        pv) measure "pv_$pass" "${pv[@]}" backup --repo "$work/repo-small-pv" "$lib" ;;
        borg) measure "borg_$pass" borg create "$borg_repo::pass$pass" "$lib" ;;
      esac
    done
  done
done
declare -A samples
for k in "${!secs[@]}"; do samples[$k]="${secs[$k]}"; secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
summarize small; note small files "$files"
{
  echo "# $files small files: photovault vs restic $(restic version | cut -d' ' -f2) and borg $(borg --version | cut -d' ' -f2) — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "$files files of 1 KiB in 100 folders ($(awk -v b="$bytes" 'BEGIN{printf "%.0f MiB", b/1048576}')). Medians of $rounds rounds, fresh repositories each round, tool order alternating; photovault with -Xmx256m."
  echo
  echo "| step | photovault s | restic s | borg s | vs restic (restic s / photovault s) | vs borg | peak RSS photovault / restic / borg (MiB) |"
  echo "|---|---|---|---|---|---|---|"
  for step in 1:"first backup" 2:"unchanged second backup"; do
    k=${step%%:*}
    echo "| ${step#*:} | ${secs[pv_$k]} | ${secs[restic_$k]} | ${secs[borg_$k]} | $(ratio "${secs[pv_$k]}" "${secs[restic_$k]}")× | $(ratio "${secs[pv_$k]}" "${secs[borg_$k]}")× | ${rss[pv_$k]} / ${rss[restic_$k]} / ${rss[borg_$k]} |"
  done
  echo
  echo "Samples (s): $(for k in pv_1 restic_1 borg_1 pv_2 restic_2 borg_2; do printf '%s [%s] ' "$k" "${samples[$k]% }"; done)"
  echo
  echo "photovault: $(grep saved "$work/out-pv_2.txt")"
} | tee "$work/small-files-result.md"
