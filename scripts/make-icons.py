#!/usr/bin/env python3
"""Writes the app icons of the manifest into www/icons/ (no dependencies):
three books on a shelf, white on the accent blue of the light theme.

Usage: scripts/make-icons.py   (the PNGs are committed; run it after changing the design)
"""
import importlib.util
import os

# The PNG writer of the sample images.
_spec = importlib.util.spec_from_file_location("sample_images", os.path.join(os.path.dirname(__file__), "make-sample-images.py"))
_sample_images = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample_images)
png = _sample_images.write_png

BLUE = (36, 88, 198, 255)
WHITE = (251, 251, 249, 255)
CLEAR = (0, 0, 0, 0)


def inside_rounded(x, y, size, radius):
    cx = min(max(x, radius), size - 1 - radius)
    cy = min(max(y, radius), size - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius


def draw(size, glyph_scale, rounded):
    """The icon as rows of RGBA: the glyph fills `glyph_scale` of the side."""
    # The glyph in a unit square: (left, top, right, bottom) boxes.
    boxes = [
        (0.10, 0.18, 0.28, 0.86),  # a tall book
        (0.33, 0.30, 0.49, 0.86),  # a shorter one
        (0.55, 0.22, 0.71, 0.86),
        (0.76, 0.40, 0.92, 0.86),  # a leaning-short one
        (0.04, 0.89, 0.96, 0.95),  # the shelf
    ]
    g = size * glyph_scale
    o = (size - g) / 2
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            if rounded and not inside_rounded(x, y, size, size * 0.2):
                row.append(CLEAR)
                continue
            u, v = (x + 0.5 - o) / g, (y + 0.5 - o) / g
            row.append(WHITE if any(l <= u <= r and t <= v <= b for l, t, r, b in boxes) else BLUE)
        rows.append(row)
    return rows


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(__file__), "..", "www", "icons")
    os.makedirs(out, exist_ok=True)
    png(os.path.join(out, "icon-192.png"), draw(192, 0.72, True))
    png(os.path.join(out, "icon-512.png"), draw(512, 0.72, True))
    # Maskable: the background to the edges, the glyph inside the safe zone (the middle 80 %).
    png(os.path.join(out, "icon-maskable-512.png"), draw(512, 0.56, False))
