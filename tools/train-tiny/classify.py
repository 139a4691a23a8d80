"""Pixel classifier for generated images: background colour, shape colour, shape.

background = nearest palette colour to the median of the 2-pixel border ring;
shape pixels = those far (> 0.25 RGB distance) from the background's median colour;
shape colour = nearest palette colour (other than the background's) to their median;
the mask is then refined (pixels closer to the shape colour than to the background) and
the shape is the template (circle, square, upright triangle; area- and centroid-matched to
the mask) with the highest IoU.
"""
import math

import numpy as np

import data

MIN_PIXELS = 12


def _templates(mask):
    """Area/centroid-matched circle, square and triangle masks (same geometry as data.py)."""
    h, w = mask.shape
    area = float(mask.sum())
    ys, xs = np.nonzero(mask)
    cy, cx = ys.mean() + 0.5, xs.mean() + 0.5            # pixel-centre coordinates
    y = np.arange(h).reshape(-1, 1) + 0.5
    x = np.arange(w).reshape(1, -1) + 0.5
    dx, dy = x - cx, y - cy
    r = math.sqrt(area / math.pi)
    circle = dx * dx + dy * dy <= r * r
    s = math.sqrt(area) / 2
    square = (np.abs(dx) <= s) & (np.abs(dy) <= s)
    half = math.sqrt(area / 2)                            # half base == half height
    top = cy - half - half / 3                            # centroid is 2/3 down from the apex
    frac = (y - top) / (2 * half)
    triangle = (frac >= 0) & (frac <= 1) & (np.abs(dx) <= half * frac)
    return [circle, square, triangle]


def _iou(a, b):
    return (a & b).sum() / max(1, (a | b).sum())


def classify(img):
    """img: float array [3,H,W] in [0,1]. Returns dict(bg, fg, shape) as names (None if no shape)."""
    pal = data.palette_tensor().numpy()
    p = np.transpose(img, (1, 2, 0)).astype(np.float64)   # [H,W,3]
    border = np.concatenate([p[:2].reshape(-1, 3), p[-2:].reshape(-1, 3),
                             p[2:-2, :2].reshape(-1, 3), p[2:-2, -2:].reshape(-1, 3)])
    bg_med = np.median(border, axis=0)
    bg = int(np.argmin(((pal - bg_med) ** 2).sum(1)))
    d_bg = np.sqrt(((p - bg_med) ** 2).sum(-1))
    mask = d_bg > 0.25
    out = {"bg": data.COLOURS[bg], "fg": None, "shape": None, "pixels": int(mask.sum())}
    if mask.sum() < MIN_PIXELS:
        return out
    fg_med = np.median(p[mask], axis=0)
    dist = ((pal - fg_med) ** 2).sum(1)
    dist[bg] = np.inf
    out["fg"] = data.COLOURS[int(np.argmin(dist))]
    mask = np.sqrt(((p - fg_med) ** 2).sum(-1)) < d_bg
    out["pixels"] = int(mask.sum())
    if mask.sum() < MIN_PIXELS:
        return out
    ious = [_iou(mask, t) for t in _templates(mask)]
    out["shape"] = data.SHAPES[int(np.argmax(ious))]
    out["iou"] = float(max(ious))
    return out


def score(results, combos):
    """Fractions correct for fg, bg, shape and all three, over paired (result, (fg, shape, bg))."""
    n = max(1, len(combos))
    fg = sum(r["fg"] == c[0] for r, c in zip(results, combos)) / n
    sh = sum(r["shape"] == c[1] for r, c in zip(results, combos)) / n
    bg = sum(r["bg"] == c[2] for r, c in zip(results, combos)) / n
    allc = sum(r["fg"] == c[0] and r["shape"] == c[1] and r["bg"] == c[2] for r, c in zip(results, combos)) / n
    return {"shape_colour": fg, "background": bg, "shape": sh, "all": allc, "n": len(combos)}
