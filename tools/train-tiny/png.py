"""Minimal PNG writer (zlib + struct), RGB 8-bit, and a contact-sheet helper."""
import struct
import zlib

import numpy as np


def write_png(path, rgb):
    """rgb: uint8 array [H,W,3]."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def to_uint8(img):
    """[3,H,W] float in [-1,1] -> uint8 [H,W,3]."""
    x = (np.clip(np.asarray(img, dtype=np.float32), -1, 1) + 1) * 127.5
    return np.round(x).astype(np.uint8).transpose(1, 2, 0)
