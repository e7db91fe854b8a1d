"""Repairs the text layer of the PDFs Qt writes, so that copying and searching give the real text.

Qt builds each font's ToUnicode map by asking, for every code point from 0 upwards, which glyph
it has, and keeps the first code point found for a glyph.  Noto CJK (and other CJK fonts) draw a
radical and its ideograph with one glyph, and the radicals (U+2E80–U+2FDF) come first: the PDF
looks right but its text reads 「⼈⺠」 for 「人民」, 「⾏政」 for 「行政」, and a search for 行政 fails.

The maps are plain text in Qt's PDFs; each radical is replaced by its ideograph, four hex digits
for four, so no byte offset in the file moves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

RADICALS = range(0x2E80, 0x2FE0)
IDEOGRAPHS = range(0x4E00, 0xA000)
_SECTION = re.compile(rb"(begin(bfrange|bfchar))(.*?)(end\2)", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def equivalent_ideograph(code: int, fonts=()) -> int | None:
    """The unified ideograph a radical stands for: Unicode's own decomposition (Kangxi radicals),
    else the ideograph one of the fonts draws with the same glyph (CJK radicals supplement)."""
    folded = unicodedata.normalize("NFKC", chr(code))
    if len(folded) == 1 and ord(folded) in IDEOGRAPHS:
        return ord(folded)
    for family in fonts:
        found = _same_glyph_map(family).get(code)
        if found:
            return found
    return None


@lru_cache(maxsize=8)
def _same_glyph_map(family: str) -> dict[int, int]:
    from PySide6.QtGui import QFont, QRawFont
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    ideographs = "".join(map(chr, IDEOGRAPHS))
    by_glyph: dict[int, int] = {}
    for code, glyph in zip(IDEOGRAPHS, raw.glyphIndexesForString(ideographs)):
        if glyph:
            by_glyph.setdefault(glyph, code)
    radicals = "".join(map(chr, RADICALS))
    return {code: by_glyph[glyph] for code, glyph in zip(RADICALS, raw.glyphIndexesForString(radicals))
            if glyph and glyph in by_glyph}


def repair_text_layer(pdf: bytes, fonts=("Noto Serif CJK SC", "Noto Sans CJK SC")) -> bytes:
    """The PDF with radicals in its ToUnicode maps replaced by their ideographs (same length)."""
    def fix_code(m: re.Match) -> bytes:
        code = int(m.group(1), 16)
        if code not in RADICALS:
            return m.group(0)
        ideograph = equivalent_ideograph(code, fonts)
        return b"<%04X>" % ideograph if ideograph else m.group(0)

    def fix_line(line: bytes, sources: int) -> bytes:
        # 「<src> <dst>」 (bfchar) or 「<lo> <hi> <dst>」/「<lo> <hi> [<dst> …]」 (bfrange):
        # only destinations are text; source codes (glyph ids) are left alone.
        tokens = list(_CODE.finditer(line))
        if len(tokens) <= sources:
            return line
        start = tokens[sources].start()
        return line[:start] + _CODE.sub(fix_code, line[start:])

    def fix_section(m: re.Match) -> bytes:
        sources = 2 if m.group(2) == b"bfrange" else 1
        body = b"\n".join(fix_line(line, sources) for line in m.group(3).split(b"\n"))
        return m.group(1) + body + m.group(4)

    fixed = _SECTION.sub(fix_section, pdf)
    assert len(fixed) == len(pdf)    # same length: the cross-reference table stays valid
    return fixed
