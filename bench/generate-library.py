#!/usr/bin/env python3
"""Generates a photo-shaped library for benchmarks: incompressible 1-12 MB "photos" in album folders, a few
40-160 MB "videos", 10% duplicates across albums and 5% edited copies (a few bytes changed in the middle).
Reproducible from --seed. Usage: generate-library.py DIR [--size-mb 2048] [--seed 1]"""
import argparse
import os
import random
import shutil


JPEG_HEAD = bytes.fromhex("ffd8ffe000104a46494600010100000100010000")  # SOI + a JFIF APP0 segment
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def write_random(path, size, rng, head=b""):
    with open(path, "wb") as out:
        out.write(head)
        left = size - len(head)
        while left > 0:
            n = min(left, 4 << 20)
            out.write(rng.randbytes(n))
            left -= n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--videos", type=int, default=3, help="40-160 MB videos")
    parser.add_argument("--photo-max-mb", type=int, default=12, help="largest photo (smallest: 1 MB)")
    parser.add_argument("--media-headers", action="store_true",
                        help="start photos with a JPEG and videos with an MP4 header, so that services which sniff"
                             " content (the Google Photos emulator) take them as media")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    budget = args.size_mb << 20
    albums = ["Summer %d" % y for y in range(2016, 2026)] + ["Family", "Trips", "Pets", "Camera Roll"]
    for a in albums + ["Videos"]:
        os.makedirs(os.path.join(args.dir, a), exist_ok=True)
    total = 0
    videos = []
    for i in range(args.videos):
        size = rng.randint(40, 160) << 20
        path = os.path.join(args.dir, "Videos", "VID_%04d.mp4" % i)
        write_random(path, size, rng, MP4_HEAD if args.media_headers else b"")
        videos.append(path)
        total += size
    photos = []
    originals_budget = budget * 85 // 100
    n = 0
    while total < originals_budget:
        size = rng.randint(1 << 20, args.photo_max_mb << 20)
        path = os.path.join(args.dir, rng.choice(albums), "IMG_%05d.jpg" % n)
        write_random(path, size, rng, JPEG_HEAD if args.media_headers else b"")
        photos.append(path)
        total += size
        n += 1
    for src in rng.sample(photos, len(photos) // 10):  # 10% duplicates in another album
        dst_album = rng.choice(albums)
        dst = os.path.join(args.dir, dst_album, "dup-" + os.path.basename(src))
        shutil.copyfile(src, dst)
        total += os.path.getsize(dst)
    for src in rng.sample(photos, len(photos) // 20):  # 5% edited copies
        dst = src[:-4] + "-edited.jpg"
        shutil.copyfile(src, dst)
        with open(dst, "r+b") as f:
            f.seek(os.path.getsize(dst) // 2)
            f.write(rng.randbytes(64))
        total += os.path.getsize(dst)
    print("%d photos, %d videos, %.2f GiB in %s" % (len(photos), len(videos), total / (1 << 30), args.dir))


if __name__ == "__main__":
    main()
