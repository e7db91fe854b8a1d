"""Draws a forms.document.Document on paged Qt devices (printer, print preview, PDF).

The pages follow the same description as the .docx (layout.md): A4 with the GB/T 9704 text block,
body text on the 22-line grid (fixed 28.95 pt pitch) with 28 characters a line, two-character
first-line indents, headings by role, tables with merged cells and full borders at the text
block's width (header rows repeated on each page), each part on new pages in its orientation,
and 「— N —」 under the text block, odd pages right and even pages left, numbered through the
attachment pages.

Each part is laid out as one QTextDocument whose layout is bound to the device, so point sizes
mean points on paper at any resolution (toolchain.md: otherwise a 300 dpi QPdfWriter prints tiny
text).  Indents are block formats, never spaces (Qt's HTML import collapses full-width spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QBrush, QColor, QFont, QFontMetricsF, QPageLayout,
                           QPageSize, QPagedPaintDevice, QPainter, QPalette, QPen, QTextBlockFormat, QTextCharFormat,
                           QTextCursor, QTextDocument, QTextFormat, QTextLength,
                           QTextFrameFormat, QTextTable, QTextTableFormat)

from forms.document import (AUTOSPACE_EM, AUTOSPACE_PAIR, CELL_PADDING_MM, Document, Paragraph, Part, TableBlock,
                            TableCellText, TextStyle)

from .qt_fonts import stands_in_bold, style_families

MM_PER_INCH = 25.4
LATIN_END = "\u024f"           # ASCII and Latin-1/Extended: the Latin face (w:ascii, w:hAnsi)
_SCRIPT_RUNS = re.compile(r"[\u0000-\u024f]+|[^\u0000-\u024f]+")
PT_PER_INCH = 72.0
BORDER_PT = 0.5
CELL_PADDING_V_PT = 0.0         # the .docx's cell margins: CELL_PADDING_MM left and right, none above and below
KEEP_WITH_NEXT_PASSES = 8       # each pass moves one more heading to the page of its text
TABLE_BREAK_PASSES = 24         # each pass starts one more table row on a new page
# Punctuation that may stand past the end of a full line rather than take the line's last
# character with it onto the next line, as Word (overflowPunct) and LibreOffice print it.
HANGING_PUNCTUATION = frozenset("，。、；：？！．,.;:!?")
ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
         "right": Qt.AlignmentFlag.AlignRight, "justify": Qt.AlignmentFlag.AlignJustify}
VALIGN = {"top": QTextCharFormat.VerticalAlignment.AlignTop,
          "center": QTextCharFormat.VerticalAlignment.AlignMiddle,
          "bottom": QTextCharFormat.VerticalAlignment.AlignBottom}


@dataclass
class PageGeometry:
    """Paper and text block of one orientation, in device pixels."""
    paper: QSizeF
    text: QRectF


@dataclass
class TableChunk:
    """The rows of a table printed on one page: its header rows and body rows ``start`` to ``end``."""
    block_index: int                # the TableBlock's index in its part
    block: TableBlock
    table: QTextTable
    start: int                      # grid rows of the body, from start to end (exclusive)
    end: int


@dataclass
class LaidOutPart:
    part: Part
    text_document: QTextDocument
    geometry: PageGeometry
    tables: list[QTextTable]
    keep: list[tuple[int, int]]     # block numbers: a paragraph kept with the next block
    chunks: list[TableChunk]

    @property
    def page_count(self) -> int:
        return max(1, self.text_document.pageCount())


class PageRenderer:
    """Lays a Document out for one device and paints its pages."""

    def __init__(self, document: Document, device: QPagedPaintDevice):
        self.document = document
        self.device = device
        self.dpi = device.logicalDpiY()
        page = document.page
        self.pitch_px = self.pt(page.line_pitch_pt)
        self.scaling, self.spacing_scaling = self._calibrate()
        self._advances: dict[tuple, float] = {}
        self._formats: dict[tuple, QTextCharFormat] = {}
        self.parts = [self._lay_out(part) for part in document.parts]

    # ------------------------------------------------------------------ units

    def mm(self, value: float) -> float:
        return value / MM_PER_INCH * self.dpi

    def pt(self, value: float) -> float:
        return value / PT_PER_INCH * self.dpi

    def q(self, px: float) -> float:
        """Device pixels as Qt's text layout wants line heights, table widths, borders and cell
        paddings: in screen pixels, which it scales to the device (indents and margins it does not)."""
        return px / self.scaling

    def _calibrate(self) -> tuple[float, float]:
        """How Qt's text layout scales format lengths and letter spacing on this device (the
        ratio of the device's resolution to the screen's), measured rather than assumed."""
        td = QTextDocument()
        td.documentLayout().setPaintDevice(self.device)
        td.setDocumentMargin(0)
        td.setPageSize(QSizeF(1e6, 1e6))
        cursor = QTextCursor(td)
        fmt = QTextBlockFormat()
        fmt.setLineHeight(100.0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        cursor.setBlockFormat(fmt)
        cursor.insertText("测\u2028测")
        plain, spaced = QTextCharFormat(), QTextCharFormat()
        spaced.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        spaced.setFontLetterSpacing(10.0)
        for char_format in (plain, spaced):
            cursor.insertBlock()
            cursor.insertText("测" * 20, char_format)
        td.documentLayout().documentSize()
        first = td.firstBlock().layout()
        scaling = (first.lineAt(1).y() - first.lineAt(0).y()) / 100.0 if first.lineCount() > 1 else 1.0
        widths = [td.findBlockByNumber(n).layout().lineAt(0).naturalTextWidth() for n in (1, 2)]
        spacing_scaling = (widths[1] - widths[0]) / 200.0
        return (scaling or 1.0), (spacing_scaling or scaling or 1.0)

    def geometry(self, orientation: str) -> PageGeometry:
        """The text block as the .docx writer places it: a landscape page is the portrait one
        turned, the head of its text towards the binding edge."""
        p = self.document.page
        width, height = p.width_mm, p.height_mm
        top, bottom, left, right = p.margin_top_mm, p.margin_bottom_mm, p.margin_left_mm, p.margin_right_mm
        if orientation == "landscape":
            width, height = height, width
            top, bottom, left, right = left, right, bottom, top
        paper = QSizeF(self.mm(width), self.mm(height))
        text = QRectF(self.mm(left), self.mm(top), self.mm(width - left - right), self.mm(height - top - bottom))
        return PageGeometry(paper, text)

    @property
    def page_count(self) -> int:
        return sum(p.page_count for p in self.parts)

    # ------------------------------------------------------------------ fonts

    def char_format(self, role: str, bold: bool | None = None, size_pt: float | None = None,
                    on_grid: bool = False, latin: bool = False) -> QTextCharFormat:
        """The format of Latin (digits, letters: the Latin face) or Chinese text of a role."""
        style: TextStyle = self.document.style(role)
        size_pt = size_pt or style.size_pt
        key = (role, bold, size_pt, on_grid, latin)
        if key not in self._formats:      # each a few measurements: made once, handed out as copies
            self._formats[key] = self._new_char_format(style, role, bold, size_pt, on_grid, latin)
        return QTextCharFormat(self._formats[key])

    def _new_char_format(self, style: TextStyle, role: str, bold: bool | None, size_pt: float, on_grid: bool,
                         latin: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(style_families(style, self.document.fonts, role, latin=latin))
        fmt.setFontPointSize(size_pt)
        heavy = style.bold or stands_in_bold(role, self.document.fonts)
        fmt.setFontWeight(QFont.Weight.Bold if (heavy if bold is None else bold) else QFont.Weight.Normal)
        fmt.setForeground(QBrush(QColor("black")))
        # Each Chinese character advances as in the .docx: its type size, on the grid less the
        # character spacing that makes 28 fill the line.  Measured, not assumed: Qt rounds a face's
        # size to whole device pixels (16 pt is 16.08 pt at 300 dpi, 15.96 pt at 600), so that 28
        # no longer fit and a printer broke lines elsewhere than the PDF.
        spacing_pt = style.char_spacing_pt if on_grid else 0.0
        chinese = self._advance(fmt)    # in the Latin format too: by its Chinese fallback face
        if latin:
            # Digits and letters: the .docx's spacing, less what the rounding added to a digit.
            shift = self.pt(spacing_pt) - self._advance(fmt, "0") * (1 - self.pt(size_pt) / chinese)
        else:
            shift = self.pt(size_pt + spacing_pt) - chinese
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(shift / self.spacing_scaling)
        return fmt

    def _advance(self, fmt: QTextCharFormat, char: str = "测") -> float:
        """How far a character (by default a Chinese one) advances in a format on this device
        without letter spacing, in device pixels."""
        key = (tuple(fmt.fontFamilies() or ()), fmt.fontPointSize(), fmt.fontWeight(), char)
        if key not in self._advances:
            plain = QTextCharFormat(fmt)
            plain.setFontLetterSpacing(0.0)
            td = QTextDocument()
            td.documentLayout().setPaintDevice(self.device)
            td.setDocumentMargin(0)
            td.setUseDesignMetrics(True)
            td.setPageSize(QSizeF(1e6, 1e6))
            QTextCursor(td).insertText(char * 20, plain)
            td.documentLayout().documentSize()
            self._advances[key] = td.firstBlock().layout().lineAt(0).naturalTextWidth() / 20
        return self._advances[key]

    def _single_line(self, role: str, size_pt: float) -> float:
        """A line of a role's Chinese face at single spacing, as Word and LibreOffice set it (its
        ascent, descent and line gap), in device pixels: at the type size itself, not at the size
        Qt rounded it to, and not rounded up to whole pixels as Qt's own line heights are."""
        fmt = self.char_format(role, size_pt=size_pt)
        key = ("line", tuple(fmt.fontFamilies() or ()), size_pt, fmt.fontWeight())
        if key not in self._advances:
            td = QTextDocument()
            td.documentLayout().setPaintDevice(self.device)
            td.setDocumentMargin(0)
            td.setUseDesignMetrics(True)
            td.setPageSize(QSizeF(1e6, 1e6))
            QTextCursor(td).insertText("测", fmt)
            td.documentLayout().documentSize()
            line = td.firstBlock().layout().lineAt(0)
            natural = line.ascent() + line.descent() + max(0.0, line.leading())
            self._advances[key] = natural * self.pt(size_pt) / self._advance(fmt)
        return self._advances[key]

    def _insert(self, cursor: QTextCursor, text: str, role: str, bold: bool | None = None,
                size_pt: float | None = None, on_grid: bool = False) -> None:
        """Inserts text in its role's faces: Latin letters and digits in the Latin face, the rest in
        the East Asian one (as Word does with w:hint="eastAsia", so “ ” — are full-width); where
        Chinese meets Latin letters or digits the gap is widened as Word and WPS do by default
        (autoSpaceDE/DN), so that lines break where theirs do."""
        formats = {latin: self.char_format(role, bold, size_pt, on_grid, latin) for latin in (True, False)}
        for m in _SCRIPT_RUNS.finditer(text):
            piece, latin = m.group(0), m.group(0)[0] <= LATIN_END
            fmt = formats[latin]
            following = text[m.end():m.end() + 1]
            if following and AUTOSPACE_PAIR.fullmatch(piece[-1] + following):
                cursor.insertText(piece[:-1], fmt)
                wide = QTextCharFormat(fmt)
                wide.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
                extra = AUTOSPACE_EM * self.pt(fmt.fontPointSize()) / self.spacing_scaling
                wide.setFontLetterSpacing(fmt.fontLetterSpacing() + extra)
                cursor.insertText(piece[-1], wide)
            else:
                cursor.insertText(piece, fmt)

    # ------------------------------------------------------------------ layout

    def _new_text_document(self, geometry: PageGeometry) -> QTextDocument:
        td = QTextDocument()
        td.setUndoRedoEnabled(False)
        td.documentLayout().setPaintDevice(self.device)
        td.setDocumentMargin(0)
        td.setUseDesignMetrics(True)
        td.setPageSize(geometry.text.size())
        font = QFont()
        font.setFamilies(style_families(self.document.style("body"), self.document.fonts, "body"))
        font.setPointSizeF(self.document.style("body").size_pt)
        td.setDefaultFont(font)
        return td

    def _lay_out(self, part: Part) -> LaidOutPart:
        """Lays a part out, then starts table rows on a new page as Word does: a row never split
        between two pages, rows kept with the next (a header with the first row, a group under its
        label) moved together.  Qt alone paginates each cell on its own, so a row's labels can go
        to the next page while its numbers stay (表三); each such row becomes the first of a new
        table on the next page, with the header rows repeated, and the part is laid out again."""
        breaks: dict[int, set[int]] = {}
        laid = self._lay_out_once(part, breaks)
        for _ in range(TABLE_BREAK_PASSES):
            found = self._table_break(laid, breaks)
            if found is None:
                break
            index, row = found
            breaks.setdefault(index, set()).add(row)
            laid = self._lay_out_once(part, breaks)
        return laid

    def _lay_out_once(self, part: Part, breaks: dict[int, set[int]]) -> LaidOutPart:
        geometry = self.geometry(part.orientation)
        td = self._new_text_document(geometry)
        cursor = QTextCursor(td)
        # One edit block: Qt lays the document out once at the end instead of after every cell.
        cursor.beginEditBlock()
        keep: list[tuple[int, int]] = []        # (block number of a keep-with-next paragraph, next's)
        tables: list[QTextTable] = []
        chunks: list[TableChunk] = []
        before_table: list[int] = []            # first-cell block numbers of tables that start a page
        fresh = True                            # the cursor stands in an empty block ready for use
        for i, block in enumerate(part.blocks):
            if isinstance(block, Paragraph):
                if not fresh:
                    cursor.insertBlock()
                number = cursor.block().blockNumber()
                self._paragraph(cursor, block)
                if block.keep_with_next and i + 1 < len(part.blocks):
                    keep.append((number, number + 1))
                fresh = False
            else:
                first_body = block.header_rows
                starts = sorted({first_body} | {r for r in breaks.get(i, ()) if first_body < r < block.grid.n_rows})
                bounds = starts + [block.grid.n_rows]
                for start, end in zip(bounds, bounds[1:]):
                    table = self._table(cursor, block, geometry, fresh, (start, end),
                                        page_break=end < block.grid.n_rows, bounds=bounds)
                    if start == first_body and start in breaks.get(i, ()):
                        before_table.append(table.cellAt(0, 0).firstCursorPosition().block().blockNumber())
                    tables.append(table)
                    chunks.append(TableChunk(i, block, table, start, end))
                    cursor.movePosition(QTextCursor.MoveOperation.End)
                    # After a table Qt keeps an empty block: the .docx has one too (a small table paragraph).
                    cursor.setBlockFormat(self._table_paragraph_format(block))
                    cursor.setBlockCharFormat(self.char_format("table", size_pt=block.size_pt))
                    fresh = True
        cursor.endEditBlock()
        for number in before_table:
            self._break_before(td, number, keep)
        td.documentLayout().documentSize()      # lay it out now
        self._hang_punctuation(td)
        for _ in range(KEEP_WITH_NEXT_PASSES):     # a heading moved on may move a table's end too
            self._keep_with_next(td, keep, geometry)
            if not self._drop_needless_breaks(td, chunks, geometry):
                break
        return LaidOutPart(part, td, geometry, tables, keep, chunks)

    def _hang_punctuation(self, td: QTextDocument) -> None:
        """Lets a comma or full stop that does not fit at the end of a line stand past it, as the
        .docx prints: Qt takes it to the next line and, since it may not begin a line, the
        character before it too, so its lines broke a character earlier than Word's.  Such a
        mark gets no width of its own (its glyph is drawn past the line's end); where the line
        then still does not take it, it is given its width back."""
        layout = td.documentLayout()
        block = td.begin()
        while block.isValid():
            i = 0
            # block.layout() afresh after every change: the old one is gone once the block is laid out again
            while QTextCursor(block).currentTable() is None and i < block.layout().lineCount() - 1:
                start, text = block.layout().lineAt(i + 1).textStart(), block.text()
                mark = next((k for k in (start, start + 1) if k < len(text) and text[k] in HANGING_PUNCTUATION), None)
                if mark is not None and (mark == start or text[start] not in HANGING_PUNCTUATION):
                    cursor = QTextCursor(block)
                    cursor.setPosition(block.position() + mark)
                    cursor.setPosition(block.position() + mark + 1, QTextCursor.MoveMode.KeepAnchor)
                    old = cursor.charFormat()
                    zero = QTextCharFormat(old)
                    zero.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
                    zero.setFontLetterSpacing(-self._advance(old, text[mark]) / self.spacing_scaling)
                    cursor.setCharFormat(zero)
                    layout.documentSize()
                    lines = block.layout()
                    if i + 1 >= lines.lineCount() or lines.lineAt(i + 1).textStart() != mark + 1:
                        cursor.setCharFormat(old)
                        layout.documentSize()
                i += 1
            block = block.next()

    def _drop_needless_breaks(self, td: QTextDocument, chunks: list[TableChunk], geometry: PageGeometry) -> bool:
        """Takes the page break off a chunk that ends at the foot of a page: Qt counts its end
        (its frame reaches a few points past its last row) on the next page already, and the
        break would leave that page empty."""
        height, layout = geometry.text.height(), td.documentLayout()
        changed = False
        for a, b in zip(chunks, chunks[1:]):
            if a.block_index != b.block_index:
                continue
            end = a.table.cellAt(a.table.rows() - 1, 0).lastCursorPosition().block()
            last = page_of_line(td, end, False, height)
            if page_of_line(td, b.table.cellAt(0, 0).firstCursorPosition().block(), True, height) > last + 1:
                fmt = a.table.format()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
                a.table.setFormat(fmt)
                changed = True
        if changed:
            layout.documentSize()
        return changed

    def _break_before(self, td: QTextDocument, number: int, keep: list[tuple[int, int]]) -> None:
        """Starts a page before a table: before the paragraphs kept with it (its heading), if any,
        so that they go along and no empty page is left between them."""
        first = number
        while any(m == first for n, m in keep):
            first = next(n for n, m in keep if m == first)
        block = td.findBlockByNumber(first)
        if first == number:     # no heading: the table's frame takes the break
            table = QTextCursor(block).currentTable()
            fmt = table.format()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(fmt)
            return
        fmt = block.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).setBlockFormat(fmt)

    def _table_break(self, laid: LaidOutPart, breaks: dict[int, set[int]]) -> tuple[int, int] | None:
        """The first table row that must start a new page: the first body row of a chunk that
        does not stand (wholly) on the chunk's first page, or the first row of the rows kept with
        it.  None when every chunk stands on one page or cannot be split further."""
        td, height = laid.text_document, laid.geometry.text.height()
        for chunk in laid.chunks:
            first_body = chunk.block.header_rows
            top_page = None
            for row in range(chunk.start, chunk.end):
                pages = self._row_pages(td, chunk.table, first_body + row - chunk.start, height)
                if not pages:
                    continue
                if top_page is None:
                    top_page = min(pages)
                if max(pages) == top_page:
                    continue
                start = row
                while start - 1 in chunk.block.keep_with_next and start - 1 >= max(chunk.start, first_body):
                    start -= 1
                if start in breaks.get(chunk.block_index, ()) or (start == chunk.start and start > first_body):
                    break   # kept rows longer than a page, or a break Qt did not take: leave them
                return chunk.block_index, start
        return None

    @staticmethod
    def _row_pages(td: QTextDocument, table: QTextTable, row: int, page_height: float) -> set[int]:
        """The pages on which the text of the cells that start in a row of a table stands (a row's
        single-row cells: a label over several rows may go on over a page)."""
        pages = set()
        for col in range(table.columns()):
            cell = table.cellAt(row, col)
            if cell.row() == row and cell.column() == col:
                pages.add(page_of_line(td, cell.firstCursorPosition().block(), True, page_height))
                if cell.rowSpan() == 1:
                    pages.add(page_of_line(td, cell.lastCursorPosition().block(), False, page_height))
        return pages

    def _paragraph_format(self, para: Paragraph) -> QTextBlockFormat:
        style = self.document.style(para.role)
        size_px = self.pt(style.size_pt)
        on_grid = para.role not in ("table", "table_header")
        unit = self.pt(style.size_pt + style.char_spacing_pt)   # a character, as the .docx counts indents
        fmt = QTextBlockFormat()
        fmt.setAlignment(ALIGN[para.align])
        fmt.setTextIndent(para.first_line_chars * unit)
        fmt.setLeftMargin(para.left_chars * unit)
        fmt.setRightMargin(para.right_chars * unit)
        fmt.setTopMargin(0)
        fmt.setBottomMargin(0)
        # Lines on the grid take whole grid lines; a larger face (the title) takes as many as it needs.
        lines = max(1, -(-size_px * 1.25 // self.pitch_px)) if on_grid else 0
        if lines:
            fmt.setLineHeight(self.q(lines * self.pitch_px), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        return fmt

    def _paragraph(self, cursor: QTextCursor, para: Paragraph) -> None:
        cursor.setBlockFormat(self._paragraph_format(para))
        on_grid = self.document.style(para.role).size_pt <= self.document.style("body").size_pt
        cursor.setBlockCharFormat(self.char_format(para.role, on_grid=on_grid))
        for run in para.runs:
            text = run.text.replace("\n", "\u2028")      # a line break inside the paragraph
            self._insert(cursor, text, run.role, run.bold, on_grid=on_grid)

    def _table_paragraph_format(self, block: TableBlock) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(0)
        fmt.setBottomMargin(0)
        fmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    def _table(self, cursor: QTextCursor, block: TableBlock, geometry: PageGeometry, fresh: bool,
               rows: tuple[int, int] | None = None, page_break: bool = False,
               bounds: list[int] | None = None) -> QTextTable:
        """The table's header rows and its body rows ``rows`` (all of them by default) as one
        QTextTable; ``page_break`` ends the page after it (the rest of the table goes on there).
        A break after, not before the next table: the empty block Qt keeps between two tables
        would otherwise take the page break a second time when it stands at a page's foot.
        ``bounds``: where each part of the table begins, and its end."""
        grid = block.grid
        start, end = rows or (block.header_rows, grid.n_rows)
        cells = _chunk_cells(block, start, end, bounds or [start, end])
        width = min(self.mm(block.width_mm), geometry.text.width())
        fmt = QTextTableFormat()
        fmt.setBorderCollapse(True)
        border = max(1.0, self.q(self.pt(BORDER_PT)))   # Qt drops borders under one screen pixel (0.75 pt)
        fmt.setBorder(border)
        fmt.setBorderBrush(QBrush(QColor("black")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(0)
        fmt.setMargin(0)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Column widths exclude the collapsed borders: the table as a whole is the block's width.
        border_px = border * self.scaling
        inner = width - (grid.n_cols + 1) * border_px
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.FixedLength, self.q(w * inner))
                                       for w in block.widths])
        fmt.setHeaderRowCount(block.header_rows)
        if page_break:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
        if fresh and cursor.block().blockNumber() == 0 and not cursor.block().text():
            # A table at the top of a part: no empty paragraph above it.
            cursor.setBlockFormat(self._table_paragraph_format(block))
        table = cursor.insertTable(block.header_rows + end - start, grid.n_cols, fmt)
        for cell in cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                table.mergeCells(cell.row, cell.col, cell.rowspan, cell.colspan)
        # Word draws borders over the cell edges, Qt inside the cell: a border's width less padding
        # leaves the text the width it has in the .docx (and wraps the labels where Word does).
        padding = self.q(max(0.0, self.mm(CELL_PADDING_MM) - border_px))
        for cell in cells:
            qcell = table.cellAt(cell.row, cell.col)
            cell_format = qcell.format().toTableCellFormat()   # keeps the merge (its span)
            cell_format.setVerticalAlignment(VALIGN.get(cell.valign, VALIGN["center"]))
            # Each cell draws its own four borders, so a row that ends a page is closed below.
            cell_format.setBorder(border)
            cell_format.setBorderBrush(QBrush(QColor("black")))
            cell_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            cell_format.setLeftPadding(padding)
            cell_format.setRightPadding(padding)
            cell_format.setTopPadding(self.q(self.pt(CELL_PADDING_V_PT)))
            cell_format.setBottomPadding(self.q(self.pt(CELL_PADDING_V_PT)))
            qcell.setFormat(cell_format)
            c = qcell.firstCursorPosition()
            para = QTextBlockFormat()
            para.setAlignment(ALIGN.get(cell.align, ALIGN["center"]))
            para.setLeftMargin(cell.indent_chars * self.pt(block.size_pt))
            # The .docx's single spacing, less what Qt's thicker border adds to each row.
            line = self._single_line(cell.style, block.size_pt) - (border_px - self.pt(BORDER_PT))
            para.setLineHeight(self.q(line), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            c.setBlockFormat(para)
            # merge, not set: the first block's char format is the cell's own (its span, its borders)
            c.mergeBlockCharFormat(self.char_format(cell.style, size_pt=block.size_pt))
            self._insert(c, cell.text.replace("\n", "\u2028"), cell.style, size_pt=block.size_pt)
        return table

    def _keep_with_next(self, td: QTextDocument, keep: list[tuple[int, int]], geometry: PageGeometry) -> None:
        """Moves a heading (or title) that ends a page to the next one, with its text (Word's
        keepNext), as the .docx does."""
        if not keep:
            return
        height = geometry.text.height()
        layout = td.documentLayout()

        def line_page(block, first: bool) -> int:
            return page_of_line(td, block, first, height)

        for _ in range(KEEP_WITH_NEXT_PASSES):
            moved = False
            for number, next_number in keep:
                block, following = td.findBlockByNumber(number), td.findBlockByNumber(next_number)
                if not block.isValid() or not following.isValid():
                    continue
                if line_page(block, first=False) < line_page(following, first=True):
                    # Start the chain of kept paragraphs ending here on the next page.
                    first = number
                    while any(n == first - 1 and m == first for n, m in keep):
                        first -= 1
                    start = td.findBlockByNumber(first)
                    if start.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                        continue
                    c = QTextCursor(start)
                    fmt = start.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    c.setBlockFormat(fmt)
                    layout.documentSize()
                    moved = True
                    break
            if not moved:
                return

    # ------------------------------------------------------------------ painting

    def page_layout(self, orientation: str) -> QPageLayout:
        size = QPageSize(QPageSize.PageSizeId.A4)
        o = QPageLayout.Orientation.Landscape if orientation == "landscape" else QPageLayout.Orientation.Portrait
        return QPageLayout(size, o, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)

    def paint(self, painter: QPainter | None = None) -> int:
        """Paints every page on the device; returns the number of pages."""
        own = painter is None
        if own:
            self.device.setPageLayout(self.page_layout(self.parts[0].part.orientation))
            painter = QPainter()
            if not painter.begin(self.device):
                raise OSError("无法开始绘制（打印机或文件不可用）")
        number = 0
        orientation = self.parts[0].part.orientation
        try:
            for part in self.parts:
                for index in range(part.page_count):
                    if number:
                        # Only when it changes: a printer (and the preview's) refuses a new layout
                        # while it is printing, with a warning on stderr, even an identical one.
                        if part.part.orientation != orientation:
                            orientation = part.part.orientation
                            self.device.setPageLayout(self.page_layout(orientation))
                        self.device.newPage()
                    number += 1
                    self._paint_page(painter, part, index, number)
        finally:
            if own:
                painter.end()
        return number

    def _paint_page(self, painter: QPainter, part: LaidOutPart, index: int, number: int) -> None:
        text = part.geometry.text
        painter.save()
        # One character of room on the right: a comma may stand past the end of a full line.
        hanging = self.pt(self.document.style("body").size_pt)
        painter.setClipRect(QRectF(text.left() - self.pt(1), text.top() - self.pt(1),
                                   text.width() + self.pt(1) + hanging, text.height() + self.pt(2)))
        painter.translate(text.left(), text.top() - index * text.height())
        top = index * text.height()
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, top, text.width(), text.height())
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, QColor("black"))
        context.palette = palette
        carried = self._paragraph_carried_over(part.text_document, top)
        if carried is not None:
            # Qt draws a paragraph from its last line *above* the clip (QTextLayout::draw's first
            # line is off by one): the painter's clip hides that line of the page before, but the
            # PDF's text layer kept it, so a search or a copy found it twice.  The lines of this
            # page of the paragraph going on over the top are drawn here, and Qt starts below it.
            block, origin = carried
            painter.setPen(QColor("black"))
            layout, below = block.layout(), top
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                if origin.y() + line.y() >= top:
                    line.draw(painter, origin)
                below = max(below, origin.y() + line.y() + line.height())
            below = max(below, part.text_document.documentLayout().blockBoundingRect(block).bottom()) + 0.5
            context.clip = QRectF(0, below, text.width(), top + text.height() - below)
        part.text_document.documentLayout().draw(painter, context)
        self._close_split_tables(painter, part, index)
        painter.restore()
        self._paint_page_number(painter, part.geometry, number)

    @staticmethod
    def _paragraph_carried_over(td: QTextDocument, top: float) -> tuple | None:
        """(block, where its lines are measured from) of the body paragraph that the top of the page
        at ``top`` cuts or touches, or None.  Table rows are never cut (``_lay_out``)."""
        layout = td.documentLayout()
        block = td.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            if rect.top() >= top:
                return None
            if rect.bottom() >= top and QTextCursor(block).currentTable() is None:
                return block, rect.topLeft()
            block = block.next()
        return None

    def _close_split_tables(self, painter: QPainter, part: LaidOutPart, index: int) -> None:
        """Draws the bottom border of a table's last row on a page when the table goes on over
        the page (Qt draws a row's lower border only as the next row's upper one), as Word does."""
        layout = part.text_document.documentLayout()
        height = part.geometry.text.height()
        page_top, page_end = index * height, (index + 1) * height
        for table in part.tables:
            frame = layout.frameBoundingRect(table)
            if not frame.top() < page_end < frame.bottom():
                continue
            bottom = None
            for row in range(table.rows()):
                for col in range(table.columns()):
                    cell = table.cellAt(row, col)
                    if cell.row() != row or cell.column() != col:
                        continue   # covered by a merged cell
                    first = layout.blockBoundingRect(cell.firstCursorPosition().block())
                    last = layout.blockBoundingRect(cell.lastCursorPosition().block())
                    if page_top <= first.top() and last.bottom() <= page_end:
                        bottom = max(bottom or 0.0, last.bottom())
            if bottom is None:
                continue
            y = bottom + self.pt(CELL_PADDING_V_PT)
            pen = QPen(QColor("black"))
            pen.setWidthF(self.pt(BORDER_PT))
            painter.save()
            painter.setPen(pen)
            painter.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))
            painter.restore()

    def page_number_font(self) -> QFont:
        style = self.document.style(self.document.page_numbers.role)
        font = QFont()
        font.setFamilies(style_families(style, self.document.fonts, self.document.page_numbers.role))
        font.setPointSizeF(style.size_pt)
        return font

    def page_number_line(self, geometry: PageGeometry) -> QRectF:
        """The page number's line box, as the .docx footer sets it (docx_writer.footer_distance_twips):
        one em of its type size high, its top ``below_text_mm`` under the text block — GB/T 9704
        7.5 一字线上距版心下边缘 7 mm, read as the top of the line (the dashes' em box)."""
        pn = self.document.page_numbers
        block = geometry.text
        top = block.bottom() + self.mm(pn.below_text_mm)
        return QRectF(block.left(), top, block.width(), self.pt(self.document.style(pn.role).size_pt))

    def page_number_box(self, geometry: PageGeometry, metrics: QFontMetricsF) -> QRectF:
        """The box drawText fills with AlignTop: from the font's ascent above the baseline to its
        descent below.  The baseline stands in the one-em line with the font's ascent and descent
        scaled into it — where LibreOffice sets it in an exact line of Noto (80 % down), and where a
        font whose ascent and descent make one em puts it anyway; hanging Noto's whole 1.15 em
        ascent from the line's top would put the number 1.7 mm lower than in the .docx."""
        line = self.page_number_line(geometry)
        ascent, descent = metrics.ascent(), metrics.descent()
        baseline = line.top() + line.height() * ascent / (ascent + descent)
        indent = self.document.page_numbers.indent_chars * line.height()   # a character is one em
        return QRectF(line.left() + indent, baseline - ascent, line.width() - 2 * indent, ascent + descent)

    def _paint_page_number(self, painter: QPainter, geometry: PageGeometry, number: int) -> None:
        pn = self.document.page_numbers
        font = self.page_number_font()
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor("black"))
        box = self.page_number_box(geometry, QFontMetricsF(font, painter.device()))
        flags = Qt.AlignmentFlag.AlignTop | (Qt.AlignmentFlag.AlignRight if pn.align(number) == "right"
                                             else Qt.AlignmentFlag.AlignLeft)
        painter.drawText(box, int(flags), pn.text(number))
        painter.restore()


def _chunk_cells(block: TableBlock, start: int, end: int, bounds: list[int]) -> list[TableCellText]:
    """The cells of a table's header rows and body rows ``start`` to ``end``, in the rows of a
    table that holds just these; ``bounds`` are where all the parts of the table begin, and its
    end.  A label over rows in several parts (三、本年度办理结果 over 22) is a merged cell in each,
    its text in the part that has most of its rows: in a part of one or two rows its three lines
    would make those rows taller than in the .docx."""
    header = block.header_rows
    out = []
    for cell in block.cells:
        if cell.row < header:
            out.append(cell)
            continue
        top, bottom = max(cell.row, start), min(cell.row + cell.rowspan, end)
        if top >= bottom:
            continue
        shares = [min(cell.row + cell.rowspan, b) - max(cell.row, a) for a, b in zip(bounds, bounds[1:])]
        home = shares.index(max(shares))
        out.append(replace(cell, row=header + top - start, rowspan=bottom - top,
                           text=cell.text if (bounds[home], bounds[home + 1]) == (start, end) else ""))
    return out


def page_of_line(td: QTextDocument, block, first: bool, page_height: float) -> int:
    """The page (from 0) of a block's first or last line.  Lines, not the block's box: a box may
    start on one page and its first line (pushed down by pagination) on the next."""
    top = td.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    if lines.lineCount() == 0:
        return int(top // page_height)
    line = lines.lineAt(0 if first else lines.lineCount() - 1)
    return int((top + line.y() + line.height() / 2) // page_height)
