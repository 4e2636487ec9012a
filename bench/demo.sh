#!/usr/bin/env bash
# The quick-start demo: back up a small sample library into ./photovault-data/vault and restore it.
# No Google account and no configuration needed. Re-running it adds a snapshot that reads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/photovault.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
data=photovault-data
mkdir -p "$data"
if [ -z "${PHOTOVAULT_PASSWORD:-}" ]; then
  if [ ! -f "$data/passphrase" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 > "$data/passphrase")
    echo "Generated a passphrase in $data/passphrase (keep it: it is the only way to read this vault)."
  fi
  export PHOTOVAULT_PASSWORD="$(cat "$data/passphrase")"
fi
export PHOTOVAULT_REPOSITORY="$data/vault"
sample="$data/sample-library"
if [ ! -d "$sample" ]; then
  mkdir -p "$sample/Summer 2024" "$sample/Family" "$sample/Videos"
  cp src/test/resources/testdata/SekienAkashita.jpg "$sample/Summer 2024/akashita.jpg" 2>/dev/null \
    || head -c 109466 /dev/urandom > "$sample/Summer 2024/akashita.jpg"
  cp "$sample/Summer 2024/akashita.jpg" "$sample/Family/akashita (copy).jpg"
  for i in 1 2 3; do head -c $((1500000 * i)) /dev/urandom > "$sample/Family/photo-$i.jpg"; done
  head -c 24000000 /dev/urandom > "$sample/Videos/clip.mp4"
fi
pv() { java -jar "$jar" "$@"; }
[ -f "$PHOTOVAULT_REPOSITORY/config" ] || pv init
pv backup "$sample" --tag demo
pv snapshots
rm -rf "$data/restored"
pv restore latest --target "$data/restored"
diff -r "$sample" "$data/restored" && echo "restored copy in $data/restored is identical to $sample"
pv check
echo
echo "Try: PHOTOVAULT_REPOSITORY=$PHOTOVAULT_REPOSITORY PHOTOVAULT_PASSWORD=… java -jar $jar ls latest"
