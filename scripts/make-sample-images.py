#!/usr/bin/env python3
"""Writes the small diagram-like PNGs the sample posts import (no dependencies).

Usage: scripts/make-sample-images.py OUT.png WIDTH HEIGHT SEED
"""
import random
import struct
import sys
import zlib


def png(path, w, h, seed):
    rnd = random.Random(seed)
    bg = (250, 250, 247)
    palette = [(66, 133, 244), (219, 68, 55), (244, 180, 0), (15, 157, 88), (142, 68, 173), (52, 73, 94)]
    rows = [[bg] * w for _ in range(h)]
    # A frame and a small bar chart, different for every seed.
    for x in range(w):
        rows[0][x] = rows[h - 1][x] = (180, 180, 180)
    for y in range(h):
        rows[y][0] = rows[y][w - 1] = (180, 180, 180)
    bars = rnd.randint(4, 8)
    slot = (w - 40) // bars
    for i in range(bars):
        colour = palette[(seed + i) % len(palette)]
        top = rnd.randint(h // 6, h - 30)
        for y in range(top, h - 20):
            for x in range(20 + i * slot + 6, 20 + (i + 1) * slot - 6):
                rows[y][x] = colour
    write_png(path, rows)


def write_png(path, rows):
    """Writes `rows` (lists of RGB or RGBA tuples, 8 bits each) as a PNG."""
    h, w = len(rows), len(rows[0])
    colour_type = 6 if len(rows[0][0]) == 4 else 2
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, colour_type, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


if __name__ == "__main__":
    out, w, h, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    png(out, w, h, seed)
