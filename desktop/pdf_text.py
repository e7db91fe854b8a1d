"""Repairs the text layer of the PDFs Qt writes, so that copying and searching give the real text.

Qt builds each font's ToUnicode map by asking, for every code point from 0 upwards, which glyph
it has, and keeps the first code point found for a glyph.  Noto CJK (and other CJK fonts) draw a
radical and its ideograph with one glyph, and the radicals (U+2E80–U+2FDF) come first: the PDF
looks right but its text reads 「⼈⺠」 for 「人民」, 「⾏政」 for 「行政」, and a search for 行政 fails.

The maps are plain text in Qt's PDFs; each radical is replaced by its ideograph, four hex digits
for four, so no byte offset in the file moves.

The fonts also draw 「——」 with one glyph of their own.  Shaped for no language, it is U+2E3A
TWO-EM DASH's glyph, which the map then names (「⸺」); shaped for Chinese, as the program does, it
is a variant two characters wide that no code point has, and the map leaves it out: the dashes are
missing from the text.  Both are mapped to the two dashes; the map grows, so the stream's length,
the cross-reference table and ``startxref`` are rewritten to match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

RADICALS = range(0x2E80, 0x2FE0)
IDEOGRAPHS = range(0x4E00, 0xA000)
_SECTION = re.compile(rb"(begin(bfrange|bfchar))(.*?)(end\2)", re.S)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
# Glyphs the fonts form from several characters, by the code point the font gives them.
LIGATURES = {0x2E3A: "\u2014\u2014", 0x2E3B: "\u2014\u2014\u2014"}
# A glyph without a code point, as wide as two or three characters, drawn where the text has
# these: the dash variants (widths in the PDF's thousandths of the font size).
UNMAPPED_BY_WIDTH = {2000: "\u2014\u2014", 3000: "\u2014\u2014\u2014"}
_STREAM_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+0\s+R)?")
_TYPE0 = re.compile(rb"/Subtype\s*/Type0(.*?)endobj", re.S)
_XREF = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")


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


def repair_text_layer(pdf: bytes, fonts=("Noto Serif CJK SC", "Noto Sans CJK SC"),
                      drawn: str = "") -> bytes:
    """The PDF with radicals in its ToUnicode maps replaced by their ideographs, and the dash
    glyphs of :data:`LIGATURES` and :data:`UNMAPPED_BY_WIDTH` (those ``drawn`` has) spelled out."""
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
    fixed = expand_ligatures(fixed)
    wanted = {width: text for width, text in UNMAPPED_BY_WIDTH.items() if text in drawn}
    return map_unmapped_glyphs(fixed, wanted) if wanted else fixed


def expand_ligatures(pdf: bytes) -> bytes:
    """The PDF with each ligature glyph's text (U+2E3A …) spelled as the characters it stands
    for.  Only for a PDF laid out as Qt writes it (one cross-reference table, direct stream
    lengths); any other is returned as it is: a text layer reading 「⸺」 beats a broken file."""
    edits = []                                    # (start, end, replacement), in file order
    for section in _SECTION.finditer(pdf):
        sources = 2 if section.group(2) == b"bfrange" else 1
        for line in _lines(section.start(3), section.group(3)):
            edits += _ligature_edits(*line, sources)
    return _edited_in_streams(pdf, edits)


def map_unmapped_glyphs(pdf: bytes, by_width: dict[int, str]) -> bytes:
    """The PDF with each glyph its ToUnicode map leaves out mapped to ``by_width[its width]``."""
    offsets = _object_offsets(pdf)
    edits = []
    for font in _TYPE0.finditer(pdf):
        to_unicode = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", font.group(1))
        descendant = re.search(rb"/DescendantFonts\s*\[\s*(\d+)\s+0\s+R", font.group(1))
        if not (to_unicode and descendant) or int(to_unicode.group(1)) not in offsets \
                or int(descendant.group(1)) not in offsets:
            continue
        widths = _widths(pdf, offsets[int(descendant.group(1))])
        cmap_at = offsets[int(to_unicode.group(1))]
        cmap_end = pdf.find(b"endcmap", cmap_at)
        if cmap_end < 0:
            continue
        mapped = _mapped_codes(pdf[cmap_at:cmap_end])
        missing = [(code, by_width[width]) for code, width in sorted(widths.items())
                   if code and code not in mapped and width in by_width]
        if missing:
            lines = b"".join(b"<%04X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode())
                             for code, text in missing)
            edits.append((cmap_end, cmap_end, b"%d beginbfchar\n%sendbfchar\n" % (len(missing), lines)))
    return _edited_in_streams(pdf, edits)


def _xref(pdf: bytes) -> tuple[re.Match, re.Match, list[bytes]] | None:
    """The last 「startxref」 with its number, the cross-reference table it points to, and the
    table's 20-byte entries; None when there is no such table."""
    found = _STARTXREF.match(pdf, pdf.rfind(b"startxref")) if b"startxref" in pdf else None
    xref = _XREF.match(pdf, int(found.group(1))) if found else None
    if xref is None:
        return None
    first = xref.end()
    return found, xref, [pdf[first + 20 * n:first + 20 * n + 20] for n in range(int(xref.group(1)))]


def _object_offsets(pdf: bytes) -> dict[int, int]:
    found = _xref(pdf)
    if found is None:
        return {}
    return {n: int(entry[:10]) for n, entry in enumerate(found[2]) if entry[17:18] == b"n"}


def _widths(pdf: bytes, at: int) -> dict[int, int]:
    """A CID font's /W array: 「c [w1 w2 …]」 and 「c_first c_last w」 groups."""
    start = pdf.find(b"/W", at, pdf.find(b"endobj", at))
    if start < 0:
        return {}
    tokens, depth, position = [], 0, pdf.index(b"[", start)
    for token in re.finditer(rb"\[|\]|[\d.]+", pdf[position:]):
        if token.group() == b"[":
            depth += 1
            if depth == 2:
                tokens.append([])
        elif token.group() == b"]":
            depth -= 1
            if depth == 0:
                break
        elif depth == 2:
            tokens[-1].append(round(float(token.group())))
        else:
            tokens.append(round(float(token.group())))
    widths, i = {}, 0
    while i < len(tokens):
        if i + 1 < len(tokens) and isinstance(tokens[i + 1], list):
            widths.update({tokens[i] + n: w for n, w in enumerate(tokens[i + 1])})
            i += 2
        elif i + 2 < len(tokens):
            widths.update({code: tokens[i + 2] for code in range(tokens[i], tokens[i + 1] + 1)})
            i += 3
        else:
            break
    return widths


def _mapped_codes(cmap: bytes) -> set[int]:
    mapped = set()
    for section in _SECTION.finditer(cmap):
        for line in section.group(3).split(b"\n"):
            codes = [int(c, 16) for c in _CODE.findall(line)]
            if section.group(2) == b"bfchar" and codes:
                mapped.add(codes[0])
            elif len(codes) >= 2:
                mapped.update(range(codes[0], codes[1] + 1))
    return mapped


def _edited_in_streams(pdf: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``pdf`` with edits inside its streams made, each stream's /Length grown to match, and
    the offsets moved; unchanged if a stream's length is not written as Qt writes it."""
    if not edits:
        return pdf
    for stream_start in sorted({_stream_of(pdf, start) for start, _, _ in edits}):
        if stream_start is None:
            return pdf
        length = _STREAM_LENGTH.search(pdf, pdf.rfind(b"<<", 0, stream_start), stream_start)
        if length is None or length.group(2):         # an indirect length: not Qt's way for maps
            return pdf
        grown = sum(len(new) - (end - start) for start, end, new in edits
                    if _stream_of(pdf, start) == stream_start)
        edits.append((length.start(1), length.end(1), b"%d" % (int(length.group(1)) + grown)))
    return _with_offsets_moved(pdf, sorted(edits))


def _lines(offset: int, body: bytes):
    for line in body.split(b"\n"):
        yield offset, line
        offset += len(line) + 1


def _ligature_edits(offset: int, line: bytes, sources: int):
    tokens = list(_CODE.finditer(line))
    if len(tokens) <= sources:
        return []
    if sources == 2 and b"[" not in line and tokens[0].group(1) != tokens[1].group(1):
        return []          # 「<lo> <hi> <dst>」 counts up from dst: one code point only
    edits = []
    for token in tokens[sources:]:
        text = LIGATURES.get(int(token.group(1), 16))
        if text:
            spelled = b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"
            edits.append((offset + token.start(), offset + token.end(), spelled))
    return edits


def _stream_of(pdf: bytes, position: int) -> int | None:
    """Where the stream holding ``position`` starts (its 「stream」 keyword)."""
    start = pdf.rfind(b"stream", 0, position)
    if start < 0 or pdf[start - 3:start] == b"end":     # after a stream, not in one
        return None
    return start


def _with_offsets_moved(pdf: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``pdf`` with the edits made and every offset of its cross-reference table and its
    ``startxref`` moved by what the edits before it added."""
    found = _xref(pdf)
    if found is None:
        return pdf
    startxref, xref, entries = found
    if b"/Prev" in pdf[max(0, startxref.start() - 400):startxref.start()] \
            or any(start >= xref.start() for start, _, _ in edits):
        return pdf             # updated since (a second table), or a map after the table

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits if start < offset)

    table_start, count = xref.end(), len(entries)
    table = b"".join((b"%010d" % moved(int(entry[:10])) + entry[10:]) if entry[17:18] == b"n" else entry
                     for entry in entries)
    if len(table) != 20 * count:
        return pdf
    out, last = [], 0
    for start, end, new in edits:
        out += [pdf[last:start], new]
        last = end
    out += [pdf[last:table_start], table, pdf[table_start + 20 * count:startxref.start(1)],
            b"%d" % moved(xref.start()), pdf[startxref.end(1):]]
    return b"".join(out)
