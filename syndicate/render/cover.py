"""The default cover (封面): a small baseline JPEG built in code, no imaging library needed.

WeChat needs a permanent ``thumb`` material for every ``news`` article: a JPEG of at most
64 KB (shared/reference/wechat.md §1). The e-papers carry no images, so this draws a stylised
newspaper page on the house blue at 900×383 (the 2.35:1 cover shape). Every shape is aligned
to the 8×8 JPEG blocks, so each block is one flat colour: its DCT has only the DC coefficient,
and the encoder below needs no DCT at all, only the standard DC Huffman table (ITU T.81
Annex K.3) and a one-code AC table holding end-of-block. The bytes are the same on every run,
so one upload serves every issue (the library is capped at 100,000 images). Pure: no I/O.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

WIDTH, HEIGHT = 900, 383
BLUE = (15, 76, 129)
WHITE = (255, 255, 255)
GREY = (200, 206, 214)
PALE = (38, 101, 156)

Rgb = tuple[int, int, int]
#: T.81 Table K.3: code-length counts (1..16 bits) and symbols of the luminance DC table.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_VALS = tuple(range(12))
#: An AC table with a single one-bit code for EOB (0x00): every block ends after its DC.
_AC_BITS = (1,) + (0,) * 15
_AC_VALS = (0,)
_QUANT = 8  # with a quantiser of 8, a flat block's DC coefficient 8*(v-128) codes as v-128


def default_cover() -> bytes:
    """The default cover JPEG (about 4 KB)."""
    return encode_blocks(WIDTH, HEIGHT, newspaper)


def newspaper(bx: int, by: int) -> Rgb:
    """The colour of block (bx, by): a white page with a masthead and two text columns."""
    if not (40 <= bx <= 72 and 6 <= by <= 41):
        return PALE if by in (2, 45) else BLUE
    if 43 <= bx <= 69 and 9 <= by <= 11:
        return BLUE  # the masthead
    if by >= 15 and by <= 38 and by % 2 == 1 and (43 <= bx <= 54 or 58 <= bx <= 69):
        return GREY  # lines of text
    return WHITE


def encode_blocks(width: int, height: int, colour: Callable[[int, int], Rgb]) -> bytes:
    """A baseline YCbCr 4:4:4 JPEG whose 8×8 block (bx, by) is ``colour(bx, by)``."""
    bits = _BitWriter()
    previous = [0, 0, 0]
    dc_codes, ac_codes = _codes(_DC_BITS, _DC_VALS), _codes(_AC_BITS, _AC_VALS)
    for by in range((height + 7) // 8):
        for bx in range((width + 7) // 8):
            for c, level in enumerate(ycbcr(colour(bx, by))):
                dc = level - 128
                _write_dc(bits, dc_codes, dc - previous[c])
                previous[c] = dc
                bits.write(*ac_codes[0])  # end of block
    return b"".join(
        [
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xDB, b"\x00" + bytes([_QUANT]) * 64),
            _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + _components()),
            _segment(0xC4, _table(0x00, _DC_BITS, _DC_VALS) + _table(0x10, _AC_BITS, _AC_VALS)),
            _segment(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00"),
            bits.flush(),
            b"\xff\xd9",
        ]
    )


def ycbcr(rgb: Rgb) -> tuple[int, int, int]:
    """JFIF's RGB to YCbCr, rounded and clamped to 0..255."""
    r, g, b = rgb
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return (_clamp(y), _clamp(cb), _clamp(cr))


def _clamp(v: float) -> int:
    return max(0, min(255, round(v)))


def _components() -> bytes:
    return b"".join(bytes([cid, 0x11, 0]) for cid in (1, 2, 3))


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def _table(cls_id: int, counts: tuple[int, ...], vals: tuple[int, ...]) -> bytes:
    return bytes([cls_id, *counts, *vals])


def _codes(counts: tuple[int, ...], vals: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes (T.81 Annex C): symbol -> (code, length)."""
    out: dict[int, tuple[int, int]] = {}
    code, k = 0, 0
    for length, n in enumerate(counts, 1):
        for _ in range(n):
            out[vals[k]] = (code, length)
            code, k = code + 1, k + 1
        code <<= 1
    return out


def _write_dc(bits: _BitWriter, codes: dict[int, tuple[int, int]], diff: int) -> None:
    size = abs(diff).bit_length()
    bits.write(*codes[size])
    if size:
        bits.write(diff if diff > 0 else diff + (1 << size) - 1, size)


class _BitWriter:
    """Entropy-coded bits, MSB first, with 0xFF byte stuffing (T.81 F.1.2.3)."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def write(self, value: int, length: int) -> None:
        self.acc = (self.acc << length) | value
        self.n += length
        while self.n >= 8:
            self.n -= 8
            byte = (self.acc >> self.n) & 0xFF
            self.out.append(byte)
            if byte == 0xFF:
                self.out.append(0)
        self.acc &= (1 << self.n) - 1

    def flush(self) -> bytes:
        if self.n:
            self.write((1 << (8 - self.n)) - 1, 8 - self.n)  # pad with 1-bits
        return bytes(self.out)
