"""Synthetic data: 64x64 RGB images of one shape of one colour on a background of another.

Everything is generated on the fly from a seeded torch.Generator: a shape (circle, square,
triangle) drawn at 4x resolution and box-filtered down (anti-aliased edges), with random size
and position jitter, and its caption "a <colour> <shape> on a <colour> background".

8 colours x 7 background colours x 3 shapes = 168 combinations; HELD_OUT (12 of them) are
never used in training and test generalisation in evaluate.py.
"""
import torch
import torch.nn.functional as F

IMAGE_SIZE = 64
SUPERSAMPLE = 4

# Plain sRGB values (0..255), each usable for the shape and for the background.
PALETTE = {
    "red": (255, 0, 0),
    "green": (0, 255, 0),
    "blue": (0, 0, 255),
    "yellow": (255, 255, 0),
    "purple": (128, 0, 128),
    "white": (255, 255, 255),
    "black": (0, 0, 0),
    "gray": (128, 128, 128),
}
COLOURS = list(PALETTE)
SHAPES = ["circle", "square", "triangle"]

# (shape colour, shape, background colour). Each colour appears 1-2 times as a shape colour
# and 1-2 times as a background; 4 combinations per shape.
HELD_OUT = [
    ("red", "circle", "blue"),
    ("yellow", "circle", "black"),
    ("white", "circle", "green"),
    ("purple", "circle", "gray"),
    ("blue", "square", "yellow"),
    ("black", "square", "white"),
    ("gray", "square", "red"),
    ("green", "square", "purple"),
    ("green", "triangle", "red"),
    ("blue", "triangle", "white"),
    ("white", "triangle", "purple"),
    ("black", "triangle", "gray"),
]

# Geometry (in output pixels): half-extent s ~ U(S_MIN, S_MAX), centre jitter +-JITTER.
S_MIN, S_MAX, JITTER = 13.0, 20.0, 5.0
SQUARE_HALF = 0.9     # square half side = 0.9 s
TRI_HALF_BASE = 1.1   # upright isosceles triangle: base 2.2 s, height 2.2 s


def caption(fg, shape, bg):
    return f"a {fg} {shape} on a {bg} background"


def all_combos():
    """All 168 (fg, shape, bg) triples in a fixed order: fg, then shape, then bg."""
    return [(fg, sh, bg) for fg in COLOURS for sh in SHAPES for bg in COLOURS if fg != bg]


def train_combos():
    held = set(HELD_OUT)
    return [c for c in all_combos() if c not in held]


def palette_tensor():
    """[8,3] float32 in [0,1], rows in COLOURS order."""
    return torch.tensor([PALETTE[c] for c in COLOURS], dtype=torch.float32) / 255.0


def combo_indices(combos):
    fg = torch.tensor([COLOURS.index(c[0]) for c in combos])
    sh = torch.tensor([SHAPES.index(c[1]) for c in combos])
    bg = torch.tensor([COLOURS.index(c[2]) for c in combos])
    return fg, sh, bg


def coverage(shape_idx, cx, cy, s, size=IMAGE_SIZE, ss=SUPERSAMPLE):
    """Anti-aliased coverage [B,1,size,size] in [0,1] of each shape (box filter of ss x ss samples)."""
    n = size * ss
    u = (torch.arange(n, dtype=torch.float32) + 0.5) / ss          # sample centres in pixel units
    x = u.view(1, 1, n)
    y = u.view(1, n, 1)
    cx, cy, s = cx.view(-1, 1, 1), cy.view(-1, 1, 1), s.view(-1, 1, 1)
    dx, dy = x - cx, y - cy
    circle = dx * dx + dy * dy <= s * s
    h = SQUARE_HALF * s
    square = (dx.abs() <= h) & (dy.abs() <= h)
    half = TRI_HALF_BASE * s                                          # half height and half base
    frac = (dy + half) / (2 * half)                                   # 0 at apex, 1 at base
    triangle = (frac >= 0) & (frac <= 1) & (dx.abs() <= half * frac)
    k = shape_idx.view(-1, 1, 1)
    mask = torch.where(k == 0, circle, torch.where(k == 1, square, triangle)).float()
    return F.avg_pool2d(mask.unsqueeze(1), ss)


def render(fg_idx, shape_idx, bg_idx, generator):
    """Images [B,3,64,64] in [-1,1] for the given palette/shape indices, random size/position."""
    b = fg_idx.shape[0]
    r = torch.rand(b, 3, generator=generator)
    s = S_MIN + (S_MAX - S_MIN) * r[:, 0]
    cx = IMAGE_SIZE / 2 + JITTER * (2 * r[:, 1] - 1)
    cy = IMAGE_SIZE / 2 + JITTER * (2 * r[:, 2] - 1)
    a = coverage(shape_idx, cx, cy, s)
    pal = palette_tensor()
    fg = pal[fg_idx].view(b, 3, 1, 1)
    bg = pal[bg_idx].view(b, 3, 1, 1)
    img = a * fg + (1 - a) * bg
    return img * 2 - 1


class ShapeData:
    """Seeded sampler of training batches (images, captions) over a list of combinations."""

    def __init__(self, combos, seed):
        self.combos = list(combos)
        self.fg, self.sh, self.bg = combo_indices(self.combos)
        self.gen = torch.Generator().manual_seed(seed)

    def batch(self, n):
        pick = torch.randint(len(self.combos), (n,), generator=self.gen)
        img = render(self.fg[pick], self.sh[pick], self.bg[pick], self.gen)
        return img, pick  # pick indexes self.combos

    def captions(self, pick):
        return [caption(*self.combos[i]) for i in pick.tolist()]
