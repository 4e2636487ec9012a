#!/usr/bin/env bash
# The whole speed table in one run: backup-vs-restic.sh (2 GB library: first, unchanged and restore against restic
# and borg), backup-google-photos.sh (about 2,000 items from the emulator into the file store and S3Proxy, and the
# unchanged run --once), takeout-import.sh (5 GB in 4 parts against the folder backup) and small-files.sh
# (100,000 files of 1 KiB), each writing its medians to one summary; then one table of every step, its ratio and
# the goal, with the machine and versions, to bench/results/<today>-speed-table.md.
# Usage: bench/speed-table.sh   (about 40 minutes on 2 cores; sizes: LIBRARY_MB GOOGLE_MB TAKEOUT_MB SMALL_FILES)
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work/speed
mkdir -p "$work" bench/results
export SUMMARY="$(pwd)/$work/summary.env"
rm -f "$SUMMARY"
[ -x target/photovault ] || mvn -B -q package -DskipTests
bench/backup-vs-restic.sh "${LIBRARY_MB:-2048}" > "$work/backup-vs-restic.md"
bench/backup-google-photos.sh "${GOOGLE_MB:-6144}" 5 > "$work/google-photos.md"
bench/takeout-import.sh "${TAKEOUT_MB:-5120}" > "$work/takeout-import.md"
bench/small-files.sh "${SMALL_FILES:-100000}" > "$work/small-files.md"

declare -A v
while IFS='=' read -r key value; do v[$key]=$value; done < "$SUMMARY"
x() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }'; }   # b / a
met() { awk -v r="$1" -v g="$2" 'BEGIN { print (r >= g ? "met" : "not met") }'; }
gib() { awk -v b="$1" 'BEGIN { printf "%.2f GiB", b / 1073741824 }'; }
rss_max=0
for key in "${!v[@]}"; do
  case $key in *.rss.pv*|takeout.rss.folder|takeout.rss.takeout|takeout.rss.reimport*)
    (( v[$key] > rss_max )) && rss_max=${v[$key]} ;;
  esac
done
first_restic=$(x "${v[library.pv_backup]}" "${v[library.restic_backup]}")
first_borg=$(x "${v[library.pv_backup]}" "${v[library.borg_backup]}")
restore=$(x "${v[library.pv_restore]}" "${v[library.restic_restore]}")
unchanged=$(x "${v[library.pv_backup2]}" "${v[library.restic_backup2]}")
once=${v[google.pv_file2]}
once_work=${v[google.work.pv_file2]}
once_start=$(awk -v a="$once" -v w="$once_work" 'BEGIN { printf "%.2f", a - w }')
once_share=$(awk -v a="$once" -v w="$once_work" 'BEGIN { printf "%.0f", 100 * (a - w) / a }')
google=$(x "${v[google.pv_file]}" "${v[google.restic_backup]}")
s3=$(x "${v[google.pv_s3]}" "${v[google.pv_file]}")
takeout=$(x "${v[takeout.takeout]}" "${v[takeout.folder]}")
small1=$(x "${v[small.pv_1]}" "${v[small.restic_1]}")
small2=$(x "${v[small.pv_2]}" "${v[small.restic_2]}")
{
  echo "# The speed table — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)" \
    "($(grep -m1 -o -w -E 'aes|vaes|sha_ni|avx2|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//')), $(free -g | awk '/^Mem:/ {print $2}') GiB."
  echo "$(java -version 2>&1 | head -1); restic $(restic version | cut -d' ' -f2); borg $(borg --version | cut -d' ' -f2); photovault at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' with local changes'), through its launcher with -Xmx256m."
  echo "Whole-process medians; every ratio is of figures taken in this run. The scripts' own tables follow below."
  echo
  echo "| step | photovault | baseline | ratio | goal | |"
  echo "|---|---|---|---|---|---|"
  echo "| first backup, $(gib "${v[library.bytes]}") library (${v[library.files]} files) | ${v[library.pv_backup]} s | restic ${v[library.restic_backup]} s, borg ${v[library.borg_backup]} s | ${first_restic}× restic, ${first_borg}× borg | ≥ 2× both | $(met "$first_restic" 2), $(met "$first_borg" 2) |"
  echo "| restore | ${v[library.pv_restore]} s | restic ${v[library.restic_restore]} s, borg ${v[library.borg_restore]} s | ${restore}× restic | ≥ 2× restic | $(met "$restore" 2) |"
  echo "| unchanged second backup (JVM start, KDF and scan) | ${v[library.pv_backup2]} s | restic ${v[library.restic_backup2]} s | ${unchanged}× restic | ≥ 1× | $(met "$unchanged" 1) |"
  echo "| \`run --once\`, unchanged Google library of ${v[google.items]} items | ${once} s, of which start-up and shutdown ${once_start} s (${once_share}%) | – | – | ≤ 2 s | $(awk -v a="$once" 'BEGIN { print (a <= 2 ? "met" : "not met") }') |"
  echo "| Google backup from the emulator into the file store ($(gib "${v[google.bytes]}")) | ${v[google.pv_file]} s | restic from disk ${v[google.restic_backup]} s | ${google}× restic | ≥ 1× | $(met "$google" 1) |"
  echo "| the same into S3Proxy | ${v[google.pv_s3]} s | file store ${v[google.pv_file]} s | ${s3}× the file store | ≥ 0.8× | $(met "$s3" 0.8) |"
  echo "| Takeout import ($(gib "${v[takeout.bytes]}"), ${v[takeout.parts]} parts) | ${v[takeout.takeout]} s | folder backup ${v[takeout.folder]} s | ${takeout}× the folder backup | ≥ 0.9× | $(met "$takeout" 0.9) |"
  echo "| ${v[small.files]} small files (1 KiB), first backup | ${v[small.pv_1]} s, ${v[small.rss.pv_1]} MiB | restic ${v[small.restic_1]} s (${v[small.rss.restic_1]} MiB), borg ${v[small.borg_1]} s | ${small1}× restic | ≥ 1× | $(met "$small1" 1) |"
  echo "| the same, unchanged re-backup | ${v[small.pv_2]} s, ${v[small.rss.pv_2]} MiB | restic ${v[small.restic_2]} s (${v[small.rss.restic_2]} MiB), borg ${v[small.borg_2]} s | ${small2}× restic | ≥ 1× | $(met "$small2" 1) |"
  echo "| peak RSS of any photovault step above (heap -Xmx256m in every one) | ${rss_max} MiB | – | – | heap ≤ 256 MiB | met (the heap is capped) |"
  echo
  echo "The unchanged \`run --once\`: \"start-up and shutdown\" is the whole process less the run's own duration in its report (listing, matching, the snapshot)."
  for part in backup-vs-restic google-photos takeout-import small-files; do
    echo
    sed 's/^# /## /' "$work/$part.md"
  done
} | tee "bench/results/$(date -u +%Y-%m-%d)-speed-table.md"
