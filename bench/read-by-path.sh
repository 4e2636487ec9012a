#!/usr/bin/env bash
# Benchmark: a Camel route that reads each of N snapshot entries by path (vault:list → split → vault:read), against
# restic restoring the same files and cp -r, in one run. Before the manifest cache each vault:read decoded the whole
# manifest again (N decodes); now it decodes once. Reports whole-process seconds and peak RSS (/usr/bin/time -v).
# Usage: bench/read-by-path.sh [ENTRIES] [JAR]   (default 2000, target/photovault.jar; needs restic, GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-2000}
jar=${2:-target/photovault.jar}
work=bench/work/read-by-path
source bench/lib.sh
bench_prepare
rm -rf "$work"; mkdir -p "$work/library"
python3 - "$work/library" "$entries" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
for i in range(n):
    album = os.path.join(root, "Album %02d" % (i % 20))
    os.makedirs(album, exist_ok=True)
    with open(os.path.join(album, "IMG_%05d.jpg" % i), "wb") as f:
        f.write(rng.randbytes(rng.randint(2000, 60000)))
PY
export PHOTOVAULT_PASSWORD=bench RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$work/restic-cache"
java -jar "$jar" init --repo "$work/repo" --kdf-memory 8 --kdf-iterations 1 > /dev/null
java -jar "$jar" backup --repo "$work/repo" "$work/library" > /dev/null
restic init -q -r "$work/restic" > /dev/null
restic backup -q -r "$work/restic" "$work/library" > /dev/null
cat > "$work/config.properties" <<PROPS
vault.store=file:$work/repo
vault.initialize=false
vault.cache-dir=$work/cache
bench.target=$work/out
backup.enabled=false
picker.enabled=false
maintenance.enabled=false
google-photos.secrets-file=$work/none
PROPS
measure() { # name command...
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$work/time-$name.txt" "$@" > "$work/out-$name.txt" 2>&1 || { cat "$work/out-$name.txt"; exit 1; }
  awk -F': ' -v n="$name" '/Elapsed \(wall clock\)/ {k=split($2,t,":"); s=0; for(i=1;i<=k;i++) s=s*60+t[i]; w=s}
    /Maximum resident set size/ {r=int($2/1024)} END {printf "%-22s %8.2f s  %6d MiB\n", n, w, r}' "$work/time-$name.txt"
}
echo "# $entries entries, $(du -sh "$work/library" | cut -f1), $(date -u +%F)"
rm -rf "$work/out"
GOOGLE_PHOTOS_REFRESH_TOKEN=unused GOOGLE_PHOTOS_CLIENT_ID=unused GOOGLE_PHOTOS_CLIENT_SECRET=unused measure photovault-route java -Xmx256m -jar "$jar" run --once \
  --config "$work/config.properties" --routes "file:bench/read-by-path-route.yaml"
diff -r "$work/library" "$work/out" > /dev/null && echo "the route's files are identical to the library"
rm -rf "$work/restic-out"
measure restic-restore restic restore -q -r "$work/restic" latest --target "$work/restic-out"
rm -rf "$work/cp-out"
measure cp cp -r "$work/library" "$work/cp-out"
echo "files written by the route: $(find "$work/out" -type f | wc -l)"
