"""The first page of a PDF as a small PNG, for link previews (og:image): rendered by pypdfium2 in the
isolated reader, encoded here with zlib (no imaging library needed at run time)."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pypdfium2 as pdfium

WIDTH = 480          # pixels: enough for a preview card; ~80 KB for a page of text (fast compression)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(pixels: np.ndarray) -> bytes:
    """An RGB image (height x width x 3, uint8) as PNG: greyscale when it has no colour (a page of
    text: the same picture, a third of the bytes to compress and a quarter of the file)."""
    height, width, _ = pixels.shape
    grey = bool(np.array_equal(pixels[:, :, 0], pixels[:, :, 1]) and np.array_equal(pixels[:, :, 1], pixels[:, :, 2]))
    channels, colour_type = (1, 0) if grey else (3, 2)
    rows = np.empty((height, width * channels + 1), dtype=np.uint8)
    rows[:, 0] = 0                                   # filter type 0 (none) on every row
    rows[:, 1:] = pixels[:, :, 0] if grey else pixels.reshape(height, width * 3)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


def first_page(pdf: pdfium.PdfDocument) -> bytes | None:
    """The first page, WIDTH pixels wide, as PNG; None if it cannot be drawn."""
    try:
        page = pdf[0]
        scale = WIDTH / max(page.get_width(), 1)
        bitmap = page.render(scale=min(scale, 2.0), rev_byteorder=True)
        pixels = np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
        return png(pixels)
    except (pdfium.PdfiumError, ValueError, IndexError, MemoryError):
        return None
