#!/usr/bin/env bash
# Benchmark: a snapshot exported to a portable archive (.pva, encrypted and plaintext) and restored from the
# archive alone, against `restic restore` of the same library from a restic repository and `cp` of the library, in
# one run. Seconds are medians over ROUNDS rounds (tool order alternating), peak RSS from /usr/bin/time -v.
# Usage: bench/export-pva.sh [SIZE_MB]   (default 2048; needs python3, restic, GNU time; installs restic)
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
kdf=(--kdf-memory 64 --kdf-iterations 3)

# One backup each, not timed: the benchmark is about getting the snapshot out.
rm -rf "$work/pva-repo-pv" "$work/pva-repo-restic"
"${pv[@]}" init --repo "$work/pva-repo-pv" "${kdf[@]}" > /dev/null
"${pv[@]}" backup --repo "$work/pva-repo-pv" "$lib" > /dev/null
restic init -q -r "$work/pva-repo-restic" > /dev/null
restic backup -q -r "$work/pva-repo-restic" "$lib" > /dev/null

# Restored trees and cp's copy go to memory (OUT, default /dev/shm), one at a time, so that disk write-back noise
# does not decide the ratios; every tool writes there. The archives stay on disk beside the repositories (in the
# page cache), as the repositories they are compared with do: tmpfs reads cost more system time here.
out=${OUT:-/dev/shm/photovault-pva-bench}
arch="$work/pva-out"
rounds=${ROUNDS:-5}
declare -A secs rss
declare -A checked
cat "$lib"/*/* > /dev/null
verify() { # name dir: compare the restored tree with the library (last round), then drop it
  [ "$round" = "$rounds" ] && checked[$1]=$(same "$2")
  rm -rf "$2"
}
same() { # a restored tree, wherever the tool put the library in it
  local d
  for d in "$1" "$1$(realpath "$lib")" "$1/$lib"; do
    [ -d "$d" ] && diff -rq "$lib" "$d" > /dev/null 2>&1 && { echo identical; return; }
  done
  echo DIFFERENT
}
rm -rf "$out" "$arch" && mkdir -p "$out" "$arch"
for round in $(seq "$rounds"); do
  measure cp cp -r "$lib" "$out/cp-copy"
  rm -rf "$out/cp-copy"
  if (( round % 2 )); then order="restic pv plain"; else order="plain pv restic"; fi
  for tool in $order; do
    case $tool in
      restic)
        measure restic_restore restic restore -q -r "$work/pva-repo-restic" latest --target "$out/restic"
        verify restic "$out/restic"
        measure pv_restore_repo "${pv[@]}" restore latest --repo "$work/pva-repo-pv" --target "$out/from-repo"
        verify repo "$out/from-repo" ;;
      pv)
        measure pv_export "${pv[@]}" export latest --repo "$work/pva-repo-pv" --output "$arch/photos.pva" "${kdf[@]}"
        measure pv_ls_pva "${pv[@]}" ls latest --repo "$arch/photos.pva"
        measure pv_restore_pva "${pv[@]}" restore latest --repo "$arch/photos.pva" --target "$out/from-pva"
        verify pva "$out/from-pva"
        pva_bytes=$(stat -c %s "$arch/photos.pva")
        rm -f "$arch/photos.pva" ;;
      plain)
        measure pv_export_plain "${pv[@]}" export latest --repo "$work/pva-repo-pv" --output "$arch/plain.pva" --plaintext
        measure pv_restore_plain "${pv[@]}" restore latest --repo "$arch/plain.pva" --target "$out/from-plain"
        verify plain "$out/from-plain"
        rm -f "$arch/plain.pva" ;;
    esac
  done
done
for k in "${!secs[@]}"; do secs[$k]=$(median "${secs[$k]}"); rss[$k]=$(max "${rss[$k]}"); done
mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1048576 : 0) }'; }
row() { echo "| $1 | ${secs[$2]} | $(mbs "${secs[$2]}") | $(ratio "${secs[$2]}" "${secs[restic_restore]}")× | $(ratio "${secs[cp]}" "${secs[$2]}")× | ${rss[$2]} |"; }
{
  echo "# Portable archive export and restore vs restic restore — $(date -u +%Y-%m-%d), $(nproc) cores, restic $(restic version | cut -d' ' -f2)"
  echo
  echo "Library: $(awk -v b="$bytes" 'BEGIN{printf "%.2f GiB", b/1073741824}'), $(find "$lib" -type f | wc -l) files (bench/generate-library.py, ${size_mb} MB target). photovault with -Xmx256m; medians of $rounds rounds."
  echo
  echo "| step | s | MB/s | speed vs restic restore (restic s / s) | time vs cp -r (s / cp s) | peak RSS MiB |"
  echo "|---|---|---|---|---|---|"
  row "photovault export → .pva (encrypted, fresh keys)" pv_export
  row "photovault restore from the .pva alone" pv_restore_pva
  row "photovault export → .pva --plaintext" pv_export_plain
  row "photovault restore from the plaintext .pva" pv_restore_plain
  row "photovault restore from the repository" pv_restore_repo
  row "restic restore from its repository" restic_restore
  row "cp -r of the library" cp
  echo
  echo "Archive: $(awk -v b="$pva_bytes" -v l="$bytes" 'BEGIN{printf "%.2f GiB (%.4f× the library)", b/1073741824, b/l}'). \`ls\` on it: ${secs[pv_ls_pva]} s (whole process)."
  echo "Restored trees written to $out (memory), archives to $arch. Restored copies in the last round: from the .pva ${checked[pva]}, from the plaintext .pva ${checked[plain]}, from the repository ${checked[repo]}, restic ${checked[restic]}."
} | tee "$work/pva-result.md"
