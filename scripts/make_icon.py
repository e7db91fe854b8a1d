"""Draws the application icon: resources/icons/nianbao.png (256 px) and nianbao.ico (Windows).

Run ``QT_QPA_PLATFORM=offscreen python3 scripts/make_icon.py`` after changing the drawing and commit
both files.  Only shapes, no text: the result must not depend on the fonts of the machine drawing it.
The .ico holds PNG images (allowed since Windows Vista), written here without Pillow.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 256)
RED, PAPER, INK = QColor("#c62828"), QColor("#ffffff"), QColor("#c62828")


def draw(size: int) -> QImage:
    """A red tile with a white sheet on it, the sheet ruled as a table (the report's 统计表)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 64, size / 64)           # drawn on a 64 × 64 grid
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    sheet = QPainterPath()                  # the page, its top right corner folded
    sheet.moveTo(15, 10)
    sheet.lineTo(41, 10)
    sheet.lineTo(49, 18)
    sheet.lineTo(49, 54)
    sheet.lineTo(15, 54)
    sheet.closeSubpath()
    p.setBrush(PAPER)
    p.drawPath(sheet)
    p.setPen(QPen(INK, 2.4 if size <= 24 else 2.0))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawLine(QPointF(20, 18), QPointF(36, 18))      # the title
    table = QRectF(20, 25, 24, 24)
    p.drawRect(table)
    for y in (33, 41):
        p.drawLine(QPointF(table.left(), y), QPointF(table.right(), y))
    p.drawLine(QPointF(30, table.top()), QPointF(30, table.bottom()))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG-compressed images: header, one directory entry per size, the data."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size       # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/raster need it
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "nianbao.png").write_bytes(png_bytes(draw(256)))
    (ICONS / "nianbao.ico").write_bytes(ico_bytes({s: png_bytes(draw(s)) for s in ICO_SIZES}))
    print(f"wrote {ICONS / 'nianbao.png'} and {ICONS / 'nianbao.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
