# Shared by the benchmark scripts (sourced, after `cd` to the project and setting $work and $jar).
# bench_prepare builds the jar if needed and installs restic and GNU time from Debian's packages if missing.
# measure NAME CMD... runs one sample under /usr/bin/time -v and appends its seconds and peak RSS (MiB) to the
# associative arrays secs[NAME] and rss[NAME] (declare them with `declare -A secs rss`); a failed command stops
# the script with its output. median / max reduce such a list; ratio A B prints B / A with two decimals.

bench_prepare() {
  [ -f "$jar" ] || mvn -B -q package -DskipTests
  command -v restic >/dev/null || { apt-get update -qq && apt-get install -y -qq restic; }
  [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
  mkdir -p "$work"
}

measure() {
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$work/time-$name.txt" "$@" > "$work/out-$name.txt" 2>&1 || {
    echo "$name failed:" >&2; cat "$work/out-$name.txt" >&2; exit 1; }
  secs[$name]+="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time-$name.txt") "
  rss[$name]+="$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$work/time-$name.txt") "
}

median() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
max() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }'; }

# bench_library SIZE_MB generates the photo library of that size once (bench/generate-library.py) and sets $lib to
# its folder and $bytes to its size.
bench_library() {
  lib="$work/library-$1"
  [ -d "$lib" ] || python3 bench/generate-library.py "$lib" --size-mb "$1"
  bytes=$(du -sb "$lib" | cut -f1)
}

# summarize PREFIX appends, when $SUMMARY names a file, one line PREFIX.NAME=SECONDS and PREFIX.rss.NAME=MIB for
# every measured NAME (after the medians are taken), for bench/speed-table.sh; note PREFIX KEY VALUE adds another.
summarize() {
  [ -n "${SUMMARY:-}" ] || return 0
  local k
  for k in "${!secs[@]}"; do echo "$1.$k=${secs[$k]}" >> "$SUMMARY"; echo "$1.rss.$k=${rss[$k]}" >> "$SUMMARY"; done
}
note() { [ -z "${SUMMARY:-}" ] || echo "$1.$2=$3" >> "$SUMMARY"; }
