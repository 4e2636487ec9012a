#!/usr/bin/env python3
"""Generates a Google Takeout export for benchmarks: a Photos tree (year folders, albums holding copies of
some photos, a JSON sidecar per copy, album metadata files) written both as a plain folder (for the folder-backup
baseline) and as an export of N parts (half .zip with DEFLATED entries, half .tgz), files spread over parts as
Takeout does, sidecars often in another part than their photo.

Usage: bench/generate-takeout.py OUT_DIR [--size-mb 5120] [--parts 4] [--seed 1]
Writes OUT_DIR/folder/Takeout/... and OUT_DIR/parts/takeout-20250301T120000Z-00N.{zip,tgz}.
"""
import argparse
import json
import os
import random
import tarfile
import zipfile

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--size-mb", type=int, default=5120)
p.add_argument("--parts", type=int, default=4)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rnd = random.Random(a.seed)
root = os.path.join(a.out, "folder")
photos = "Takeout/Google Photos/"
files = []  # (relative name, bytes length) of everything written, in order


def write(rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    files.append(rel)


def media(size, video):
    head = b"\x00\x00\x00\x18ftypisom" if video else b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
    return head + os.urandom(size - len(head))


def sidecar(title, taken):
    return json.dumps({"title": title, "description": "", "imageViews": "1",
                       "creationTime": {"timestamp": str(taken + 86400), "formatted": "x"},
                       "photoTakenTime": {"timestamp": str(taken), "formatted": "x"},
                       "geoData": {"latitude": 46.2 + rnd.random(), "longitude": 6.1 + rnd.random(), "altitude": 375.0,
                                   "latitudeSpan": 0.0, "longitudeSpan": 0.0},
                       "url": "https://photos.google.com/photo/x"}).encode()


if not os.path.isdir(root):
    target = a.size_mb << 20
    total = 0
    albums = ["Summer %d" % y for y in range(2015, 2019)] + ["Family", "Friends", "Trips", "Pets"]
    for album in albums:
        write(photos + album + "/metadata.json", json.dumps({"title": album, "access": "protected"}).encode())
    n = 0
    while total < target:
        n += 1
        video = rnd.random() < 0.05
        size = rnd.randint(20 << 20, 60 << 20) if video else rnd.randint(1 << 20, 12 << 20)
        year = rnd.randint(2015, 2024)
        name = ("VID_%05d.mp4" if video else "IMG_%05d.jpg") % n
        taken = 1420070400 + (year - 2015) * 31536000 + rnd.randint(0, 31535999)
        data = media(size, video)
        write(photos + "Photos from %d/%s" % (year, name), data)
        write(photos + "Photos from %d/%s.supplemental-metadata.json" % (year, name), sidecar(name, taken))
        total += size
        if rnd.random() < 0.1:  # also in an album: a second copy with its own sidecar
            album = rnd.choice(albums)
            write(photos + album + "/" + name, data)
            write(photos + album + "/" + name + ".supplemental-metadata.json", sidecar(name, taken))
            total += size

parts_dir = os.path.join(a.out, "parts")
if not os.path.isdir(parts_dir):
    os.makedirs(parts_dir)
    if not files:
        for d, _, names in os.walk(root):
            for f in names:
                files.append(os.path.relpath(os.path.join(d, f), root))
        files.sort()
    sizes = {f: os.path.getsize(os.path.join(root, f)) for f in files}
    per_part = sum(sizes.values()) / a.parts
    # Takeout cuts the listing into parts by size; a sidecar lands wherever the cut falls.
    groups = [[] for _ in range(a.parts)]
    filled, i = 0, 0
    for f in files:
        if filled >= per_part * (i + 1) and i < a.parts - 1:
            i += 1
        groups[i].append(f)
        filled += sizes[f]
    for k, group in enumerate(groups, start=1):
        base = os.path.join(parts_dir, "takeout-20250301T120000Z-%03d" % k)
        if k <= (a.parts + 1) // 2:
            with zipfile.ZipFile(base + ".zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
                for f in group:
                    z.write(os.path.join(root, f), f)
        else:
            with tarfile.open(base + ".tgz", "w:gz", compresslevel=1, format=tarfile.PAX_FORMAT) as t:
                for f in group:
                    t.add(os.path.join(root, f), f)
print(root)
