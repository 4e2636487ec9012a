#!/usr/bin/env bash
# Benchmark: photovault vs restic and borg (Debian's packages) and cp -r on one generated photo library, in one run.
# Reports seconds, ratios against the baselines measured in the same run, and peak RSS (/usr/bin/time -v).
# photovault runs through its launcher (target/photovault: the jar with its class-data-sharing archive), -Xmx256m.
# Usage: bench/backup-vs-restic.sh [SIZE_MB]   (default 2048; needs python3, restic, borg, GNU time; installs them)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-2048}
work=bench/work
jar=target/photovault.jar
source bench/lib.sh
bench_prepare
bench_library "$size_mb"
command -v borg >/dev/null || { apt-get update -qq && apt-get install -y -qq borgbackup; }
export RESTIC_PASSWORD=bench-passphrase PHOTOVAULT_PASSWORD=bench-passphrase RESTIC_CACHE_DIR="$work/restic-cache"
export BORG_PASSPHRASE=bench-passphrase BORG_BASE_DIR="$work/borg-base" PHOTOVAULT_JAVA_OPTS=-Xmx256m
pv=(target/photovault)
[ -x target/photovault ] || pv=(java -Xmx256m -jar "$jar")
borg_repo="$(pwd)/$work/repo-borg"

rounds=${ROUNDS:-3}
declare -A secs rss

cat "$lib"/*/* > /dev/null   # same warm page cache for everybody
for round in $(seq "$rounds"); do
  rm -rf "$work/repo-"* "$work/restore-"* "$work/cp-copy" "$work/borg-base"
  measure cp cp -r "$lib" "$work/cp-copy"
  restic init -q -r "$work/repo-restic" > /dev/null
  "${pv[@]}" init --repo "$work/repo-pv" > /dev/null
  borg init --encryption=repokey-blake2 "$borg_repo" > /dev/null 2>&1
  # alternate who goes first, so that neither always meets the other's write-back
  if (( round % 2 )); then order="restic pv"; else order="pv restic"; fi
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_backup restic backup -q -r "$work/repo-restic" "$lib"
    else measure pv_backup "${pv[@]}" backup --repo "$work/repo-pv" "$lib"; fi
  done
  measure borg_backup borg create "$borg_repo::first" "$lib"
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_backup2 restic backup -q -r "$work/repo-restic" "$lib"
    else measure pv_backup2 "${pv[@]}" backup --repo "$work/repo-pv" "$lib"; fi
  done
  measure borg_backup2 borg create "$borg_repo::second" "$lib"
  for tool in $order; do
    if [ "$tool" = restic ]; then measure restic_restore restic restore -q -r "$work/repo-restic" latest --target "$work/restore-restic"
    else measure pv_restore "${pv[@]}" restore --repo "$work/repo-pv" latest --target "$work/restore-pv"; fi
  done
  mkdir -p "$work/restore-borg"
  measure borg_restore env -C "$work/restore-borg" borg extract "$borg_repo::second"
done
declare -A samples
for k in "${!secs[@]}"; do samples[$k]="${secs[$k]}"; secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
summarize library; note library bytes "$bytes"; note library files "$(find "$lib" -type f | wc -l)"
diff -rq "$lib" "$work/restore-pv" > /dev/null && restored=identical || restored=DIFFERENT
repo_restic=$(du -sb "$work/repo-restic" | cut -f1)
repo_pv=$(du -sb "$work/repo-pv" | cut -f1)

mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
{
  echo "# photovault vs restic $(restic version | cut -d' ' -f2) and borg $(borg --version | cut -d' ' -f2) — $(date -u +%Y-%m-%d), $(nproc) cores"
  echo
  echo "Medians of $rounds rounds (fresh repositories each round, tool order alternating); peak RSS is the largest seen."
  echo
  echo "Library: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}'), $(find "$lib" -type f | wc -l) files (bench/generate-library.py, ${size_mb} MB target). photovault with -Xmx256m."
  echo
  echo "| step | photovault s | restic s | borg s | speed vs restic (restic s / photovault s) | vs borg | photovault MB/s | peak RSS photovault / restic / borg (MiB) |"
  echo "|---|---|---|---|---|---|---|---|"
  for step in backup:"first backup" backup2:"unchanged second backup" restore:restore; do
    k=${step%%:*}
    echo "| ${step#*:} | ${secs[pv_$k]} | ${secs[restic_$k]} | ${secs[borg_$k]} | $(ratio "${secs[pv_$k]}" "${secs[restic_$k]}")× | $(ratio "${secs[pv_$k]}" "${secs[borg_$k]}")× | $([ "$k" = backup2 ] && echo – || mbs "${secs[pv_$k]}") | ${rss[pv_$k]} / ${rss[restic_$k]} / ${rss[borg_$k]} |"
  done
  echo
  echo "Baseline \`cp -r\`: ${secs[cp]} s ($(mbs "${secs[cp]}") MB/s); first backup takes $(ratio "${secs[cp]}" "${secs[pv_backup]}")× as long as cp (restic: $(ratio "${secs[cp]}" "${secs[restic_backup]}")×)."
  echo "Repository size: photovault $(awk -v b="$repo_pv" 'BEGIN{printf "%.2f GiB", b/1073741824}'), restic $(awk -v b="$repo_restic" 'BEGIN{printf "%.2f GiB", b/1073741824}'). Restored copy: $restored."
  echo
  echo "Samples (s): $(for k in pv_backup restic_backup borg_backup pv_backup2 restic_backup2 borg_backup2 pv_restore restic_restore borg_restore cp; do printf '%s [%s] ' "$k" "${samples[$k]% }"; done)"
  echo
  echo "photovault: $(grep saved "$work/out-pv_backup.txt")"
} | tee "$work/result.md"
