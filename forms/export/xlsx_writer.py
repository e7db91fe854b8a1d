"""The statistics tables as an .xlsx attachment (layout.md), drawn from a forms.document.Document.

One sheet per table (2021/2019: 表二, 表三, 表四; 2014: the 统计表), each titled as in the report,
with the merged headers of the table's Grid, thin borders on every cell of a merged range, wrapped
labels, numbers as numbers (万元 with their decimals), computed totals written as values, and an
A4 print setup (the table's orientation, one page wide, header rows repeated, centred, page
numbers in the footer).  The 2014 sheet also carries 「填报单位（盖章）：」 above the table and the
单位负责人/审核人/填报人/联系电话/填报日期 lines below it.

Every text — labels and, above all, what the clerk typed (unit and people's names) — is written as
text: openpyxl would make a live formula of any string that starts with 「=」.

Other modules add sheets (a per-unit breakdown for aggregation) with :func:`append_table_sheet`
or any function of the workbook, passed to :func:`xlsx_bytes` as ``extra_sheets``.

openpyxl is imported here only, and this module only when exporting.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Callable, Iterable

from ..document import Document, Paragraph, TableBlock, text_width_chars
from .ooxml import clean_properties, clean_text, normalise_zip

# Column widths in Excel's units: the digit width of the workbook's default font (Calibri 11:
# 7 px at 96 dpi).  A Chinese character of the table's type is TABLE_SIZE_PT wide, ≈ 2.1 units.
SHEET_WIDTH = {"portrait": 92.0, "landscape": 140.0}
TABLE_SIZE_PT = 11.0
DIGIT_PX = 7.0
CHAR_UNITS = TABLE_SIZE_PT * 96 / 72 / DIGIT_PX
CELL_PADDING_UNITS = 1.0        # Excel's 5 px inside a cell, and 2 px for WPS's rounding
INDENT_UNITS = 10 / DIGIT_PX    # one indent level: three spaces of the default font
MIN_COLUMN_UNITS = 6.0
# Chinese has no spaces: a run of up to this many characters between punctuation (社会公益组织,
# 本年度办理结果, 未经复议直接起诉) is one term and must not be wrapped; a longer run is a phrase
# that may wrap anywhere.
WORD_CHARS = 8.0
WIDTH_TOLERANCE = 0.08
# Where a spreadsheet never breaks a line (before closing, after opening punctuation) ...
NO_BREAK_BEFORE = "、，。；：！？）》」』”’,.;:!?)]"
NO_BREAK_AFTER = "（《「『“‘(["
# ... and where a reader expects one.
BREAK_AFTER = "、，。；：！？）》」』”’)"
BREAK_BEFORE = "（《「『“‘("
TITLE_SIZE_PT = 16.0
LINE_HEIGHT_PT = 14.5        # one wrapped line of 11 pt text
ROW_PADDING_PT = 5.0
MIN_ROW_PT = 20.0
A4_PT = (595.3, 841.9)
MARGINS_IN = {"left": 0.6, "right": 0.6, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.35}
MIN_PRINT_PT = 8.0           # the smallest type a table shrunk onto one page may print at
INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A font's properties in Excel's (and the Open XML SDK's) order.
FONT_CHILD_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign",
                    "sz", "color", "name", "family", "charset", "scheme")


@dataclass
class SheetText:
    """What a table's sheet shows around the table (from the report's pages)."""
    title: str
    above: list[str] = field(default_factory=list)    # lines between the title and the table
    below: list[str] = field(default_factory=list)    # lines under the table


def sheet_texts(doc: Document) -> list[tuple[TableBlock, SheetText]]:
    """Each table of the document with its title as the report shows it: the section heading
    above an in-text table, or the attachment's title, year and 填报单位 lines."""
    out = []
    for part in doc.parts:
        heading = ""
        pending: list[Paragraph] = []
        current: tuple[TableBlock, SheetText] | None = None
        for block in part.blocks:
            if isinstance(block, TableBlock):
                if part.kind == "attachment":
                    title = next((p.text for p in pending if p.kind == "attachment_title"), block.title)
                    above = [p.text for p in pending if p.kind in ("attachment_year", "filling_unit")]
                    current = (block, SheetText(title, above))
                else:
                    current = (block, SheetText(heading or f"{block.name} {block.title}"))
                out.append(current)
                pending = []
                continue
            if block.kind == "heading" and block.level == 1:
                heading = block.text
            if current is not None and block.kind == "table_footer":
                current[1].below.append(block.text)
            pending.append(block)
    return out


def safe_sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the workbook."""
    base = INVALID_TITLE.sub("_", clean_text(title)).strip("'") or "Sheet"
    base = base[:31]
    taken = {t.casefold() for t in taken}
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f"({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name


def set_text(cell, text: str) -> None:
    """Writes text that stays text: never a formula, whatever it starts with."""
    cell.value = clean_text(text)
    cell.data_type = "s"


def _number_format(value) -> str:
    """Counts as integers; 万元 (Decimal) with their decimals.  A whole number of 万元 is left
    General: 「0」 would show a corrected 1.5 as 「2」 in the superior office's Excel."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return "General"
        decimals = -value.normalize().as_tuple().exponent
        return "0." + "0" * decimals
    return "0"


def _styles(doc: Document):
    from openpyxl.styles import Border, Font, Side
    thin = Side(style="thin", color="000000")
    table, header, title = doc.style("table"), doc.style("table_header"), doc.style("title")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "table": Font(name=table.east_asia, size=TABLE_SIZE_PT),
        "table_header": Font(name=header.east_asia, size=TABLE_SIZE_PT, bold=header.bold),
        "title": Font(name=title.east_asia, size=TITLE_SIZE_PT, bold=title.bold),
        "line": Font(name=table.east_asia, size=TABLE_SIZE_PT),
    }


def _pieces(text: str, kinsoku: bool) -> list[str]:
    """The text cut where a spreadsheet may wrap it: between Chinese characters and after
    spaces, never inside a run of Latin letters and digits; with ``kinsoku`` (Excel's and WPS's
    Chinese line breaking) never before closing or after opening punctuation either."""
    pieces: list[str] = []
    for ch in text:
        prev = pieces[-1][-1] if pieces else ""
        joined = (ch.isspace() or (prev.isascii() and ch.isascii() and not prev.isspace())
                  or (kinsoku and (ch in NO_BREAK_BEFORE or prev in NO_BREAK_AFTER)))
        if pieces and joined:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def _wrap(text: str, width_chars: float, kinsoku: bool = True) -> list[str]:
    """The lines a cell so wide (in characters of the table's type) shows, wrapped greedily as
    a spreadsheet does; a line's trailing spaces take no room."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for piece in _pieces(paragraph, kinsoku):
            if line and used + text_width_chars(piece.rstrip()) > width_chars + 1e-9:
                lines.append(line)
                line, used = "", 0.0
            line += piece
            used += text_width_chars(piece)
        lines.append(line)
    return lines


def _sensible_breaks(paragraph: str) -> set[int]:
    """Positions where a line may end without cutting a term: at punctuation and spaces, and
    inside a phrase too long to be kept whole — never before closing or after opening
    punctuation, nor between a number and its word (「计1次」, 「1.属于」)."""
    def never(i: int) -> bool:
        before, after = paragraph[i - 1], paragraph[i]
        return (after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER
                or (before.isascii() != after.isascii() and not (before.isspace() or after.isspace())))
    ok = {i for i in range(1, len(paragraph))
          if paragraph[i - 1] in BREAK_AFTER or paragraph[i - 1].isspace() or paragraph[i] in BREAK_BEFORE}
    bounds = [0, *sorted(ok), len(paragraph)]
    for a, b in zip(bounds, bounds[1:]):
        if text_width_chars(paragraph[a:b]) > WORD_CHARS:
            ok.update(range(a + 1, b))
    return {i for i in ok if not never(i)}


def breaks_sensibly(text: str, width_chars: float) -> bool:
    """Whether every line break the cell shows at this width falls where a reader expects one,
    with Chinese line breaking (Excel, WPS) and without it (LibreOffice breaks before 「）」),
    and every line fits (a number too wide for its cell shows as ####)."""
    for kinsoku in (True, False):
        wrapped = _wrap(text, width_chars, kinsoku)
        if any(text_width_chars(line.rstrip()) > width_chars + 1e-9 for line in wrapped):
            return False
        lines = iter(wrapped)
        for paragraph in text.split("\n"):
            ok, at = _sensible_breaks(paragraph), 0
            for line in lines:
                at += len(line)
                if at >= len(paragraph):
                    break
                if at not in ok:
                    return False
    return True


def _breaks_sensibly_near(text: str, width_chars: float) -> bool:
    """Sensible breaks at this width and at every width up to WIDTH_TOLERANCE more: LibreOffice
    and screens of other dpi give a column a few per cent more room than Excel at 96 dpi."""
    widths = [width_chars] + [k / 2 for k in range(math.floor(width_chars * 2) + 1,
                                                     math.floor(width_chars * (1 + WIDTH_TOLERANCE) * 2) + 1)]
    return all(breaks_sensibly(text, w) for w in widths)


def least_width_chars(text: str, at_least: float = 0.0) -> float:
    """The narrowest width, from ``at_least`` up, at which the text breaks only at sensible
    places, on any screen (at worst its longest line unwrapped)."""
    full = max(text_width_chars(line) for line in text.split("\n"))
    width = max(0.5, at_least)
    while width < full and not _breaks_sensibly_near(text, width):
        width = math.floor(width * 2 + 1e-9) / 2 + 0.5   # breaks move only at half characters
    return min(width, full)


def _cell_chars(units: float, indent_levels: int = 0) -> float:
    """Characters of the table's type a cell so wide (in Excel's units) holds on a line."""
    return (units - CELL_PADDING_UNITS - indent_levels * INDENT_UNITS) / CHAR_UNITS


def _indent_levels(cell) -> int:
    return int(cell.indent_chars * 2)


def _fits(cell, widths: list[float]) -> float:
    """How many more units the cell's columns need for its text to wrap only at sensible
    places and its number to show whole (0 when it does)."""
    have = _cell_chars(sum(widths[cell.col:cell.col + cell.colspan]), _indent_levels(cell))
    more = least_width_chars(cell.text, have) - have
    return more * CHAR_UNITS if more > 1e-6 else 0.0    # not a rounding error's worth


def _filled(least: list[float], weights, total: float) -> list[float]:
    """Widths summing to ``total``: each column its share by weight, or its least if more."""
    lo, hi = 0.0, total / min(weights)
    for _ in range(50):
        k = (lo + hi) / 2
        lo, hi = (k, hi) if sum(max(m, k * w) for m, w in zip(least, weights)) < total else (lo, k)
    return [max(m, lo * w) for m, w in zip(least, weights)]


def _settled(cells, widths: list[float], unwrapped: list[float]) -> list[float]:
    """The widths grown until every cell fits; a spanning cell grows the columns whose own text
    still wraps (「（二）部分公开（…）」 widens C, not B), else all by their width."""
    widths = list(widths)
    raised = True
    while raised:                       # widths only grow, up to the unwrapped texts: it ends
        raised = False
        for cell in cells:
            grow = _fits(cell, widths)
            if grow:
                cols = range(cell.col, cell.col + cell.colspan)
                wanted = [max(0.0, unwrapped[c] - widths[c]) for c in cols]
                weights = wanted if sum(wanted) > 1e-9 else [widths[c] for c in cols]
                for c, weight in zip(cols, weights):
                    widths[c] += grow * weight / sum(weights)
                raised = True
    return widths


def _column_widths(block: TableBlock) -> list[float]:
    """Column widths measured from the text the columns hold.

    First the narrowest columns at which every heading and label wraps only at sensible places
    (never 「社会公益组/织」) and every number shows whole (never ####).  The page's width is then
    shared out in the edition's proportions, no column below its least, and any text that then
    wraps badly (a wider column can move a break into a word) widened again; if that overruns
    the page, a smaller share is tried.  A table whose text needs more than the page is wider
    and printed smaller (fit to one page wide)."""
    n = block.grid.n_cols
    cells = sorted((c for c in block.cells if c.text), key=lambda c: c.colspan)
    unwrapped = [MIN_COLUMN_UNITS] * n
    for cell in cells:
        if cell.colspan == 1:
            full = max(text_width_chars(line) for line in cell.text.split("\n"))
            unwrapped[cell.col] = max(unwrapped[cell.col], full * CHAR_UNITS + CELL_PADDING_UNITS
                                      + _indent_levels(cell) * INDENT_UNITS)
    widths = _settled(cells, [MIN_COLUMN_UNITS] * n, unwrapped)
    budget = SHEET_WIDTH[block.orientation]
    if sum(widths) < budget:
        target = _filled(widths, block.grid.widths, budget)
        for step in range(20, 0, -1):   # all of it, 95 % … 5 %
            wider = _settled(cells, [w + (t - w) * step / 20 for w, t in zip(widths, target)], unwrapped)
            if sum(wider) <= budget + 0.01:
                widths = wider
                break
    return [round(math.ceil(w * 100 - 1e-6) / 100, 2) for w in widths]


def _lines(text: str, width_units: float, indent_levels: int = 0) -> int:
    """Wrapped lines of a text in a cell so wide (in Excel's units)."""
    return len(_wrap(text, _cell_chars(width_units, indent_levels))) if text else 1


def _row_heights(block: TableBlock, widths: list[float]) -> list[float]:
    """Row heights that show every wrapped label (Excel does not grow rows under merged cells)."""
    heights = [MIN_ROW_PT] * block.grid.n_rows
    for cell in sorted(block.cells, key=lambda c: c.rowspan):
        width = sum(widths[cell.col:cell.col + cell.colspan])
        need = _lines(cell.text, width, _indent_levels(cell)) * LINE_HEIGHT_PT + ROW_PADDING_PT
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra = (need - have) / cell.rowspan
            for r in rows:
                heights[r] += extra
    return [round(h, 1) for h in heights]


def _merged_line(ws, row: int, text: str, n_cols: int, font, align: str = "left", height: float = 24.0) -> None:
    from openpyxl.styles import Alignment
    cell = ws.cell(row=row, column=1)
    set_text(cell, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if n_cols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
    # as tall as its wrapped lines (a long 填报单位 takes two): Excel does not grow merged rows
    from openpyxl.utils import get_column_letter
    width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, n_cols + 1))
    scale = font.size / TABLE_SIZE_PT
    lines = len(_wrap(text, (width - CELL_PADDING_UNITS) / (CHAR_UNITS * scale)))
    ws.row_dimensions[row].height = max(height, lines * LINE_HEIGHT_PT * scale + ROW_PADDING_PT)


def _fits_one_page(ws, orientation: str) -> bool:
    """Whether the sheet, shrunk onto one page, keeps its type at MIN_PRINT_PT or more."""
    from openpyxl.utils import column_index_from_string
    paper_w, paper_h = A4_PT if orientation == "portrait" else A4_PT[::-1]
    width_pt = sum(d.width for k, d in ws.column_dimensions.items()
                   if column_index_from_string(k) <= ws.max_column) * DIGIT_PX * 0.75
    height_pt = sum(ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1))
    scale = min(1.0, (paper_w - (MARGINS_IN["left"] + MARGINS_IN["right"]) * 72) / max(width_pt, 1.0),
                (paper_h - (MARGINS_IN["top"] + MARGINS_IN["bottom"]) * 72) / max(height_pt, 1.0))
    return scale * TABLE_SIZE_PT >= MIN_PRINT_PT


def _print_setup(ws, orientation: str, first_header: int, last_header: int) -> None:
    from openpyxl.worksheet.page import PageMargins
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    # A table that can be read on one page is printed on one (表三 would spill its last rows
    # onto a second page); a longer one (the 2014 统计表) takes as many pages down as it needs.
    ws.page_setup.fitToHeight = 1 if _fits_one_page(ws, orientation) else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(**MARGINS_IN)
    if last_header >= first_header:
        ws.print_title_rows = f"{first_header}:{last_header}"
    ws.oddFooter.center.text = "— &P —"
    ws.oddFooter.center.size = 12
    ws.oddFooter.center.font = "宋体"


def table_sheet(wb, doc: Document, block: TableBlock, text: SheetText):
    """One table on its own sheet, laid out on the table's Grid."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    styles = _styles(doc)
    ws = wb.create_sheet(safe_sheet_title(block.name, wb.sheetnames))
    n_cols = block.grid.n_cols
    widths = _column_widths(block)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    row = 1
    _merged_line(ws, row, text.title, n_cols, styles["title"], "center", 30.0)
    row += 1
    for line in text.above:
        align = "center" if line.startswith("（") else "left"
        _merged_line(ws, row, line, n_cols, styles["line"], align, 22.0)
        row += 1
    top = row
    heights = _row_heights(block, widths)
    for r, h in enumerate(heights):
        ws.row_dimensions[top + r].height = h
    for cell in block.cells:
        r0, c0 = top + cell.row, 1 + cell.col
        target = ws.cell(row=r0, column=c0)
        if cell.role == "value":
            if cell.value is not None:
                target.value = cell.value   # numbers stay numbers; Decimal keeps its digits
                target.number_format = _number_format(cell.value)
        elif cell.text:
            set_text(target, cell.text)
        font = styles["table_header"] if cell.style == "table_header" else styles["table"]
        alignment = Alignment(horizontal=cell.align, vertical=cell.valign, wrap_text=True,
                              indent=_indent_levels(cell))
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r0 + cell.rowspan - 1,
                           end_column=c0 + cell.colspan - 1)
        # every cell of a merged range gets the border, or the range prints with gaps
        for r in range(r0, r0 + cell.rowspan):
            for c in range(c0, c0 + cell.colspan):
                each = ws.cell(row=r, column=c)
                each.border = styles["border"]
                each.font = font
                each.alignment = alignment
    row = top + block.grid.n_rows
    for line in text.below:
        _merged_line(ws, row, line, n_cols, styles["line"], "left", 24.0)
        row += 1
    _print_setup(ws, block.orientation, top, top + block.header_rows - 1)
    return ws


def append_table_sheet(wb, title: str, header: list[str], rows: list[list], *, caption: str = "",
                       orientation: str = "landscape", widths: list[float] | None = None):
    """Adds a plain bordered table sheet (e.g. a per-unit breakdown for aggregation).

    ``header`` is one row of column titles; ``rows`` holds numbers (written as numbers) and texts
    (written as text, never as formulas); ``caption`` goes above in a merged row.
    """
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws = wb.create_sheet(safe_sheet_title(title, wb.sheetnames))
    n_cols = max([len(header)] + [len(r) for r in rows]) or 1
    for c in range(1, n_cols + 1):
        width = widths[c - 1] if widths and c <= len(widths) else 14.0
        ws.column_dimensions[get_column_letter(c)].width = width
    row = 1
    if caption:
        _merged_line(ws, row, caption, n_cols, Font(name="宋体", size=TITLE_SIZE_PT), "center", 30.0)
        row += 1
    first = row
    for values, bold in [(header, True)] + [(r, False) for r in rows]:
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=c)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                cell.value = value
                cell.number_format = _number_format(value)
            elif value is not None:
                set_text(cell, str(value))
            cell.border = border
            cell.font = Font(name="宋体", size=TABLE_SIZE_PT, bold=bold)
            cell.alignment = Alignment(horizontal="center" if bold or not isinstance(value, str) else "left",
                                       vertical="center", wrap_text=True)
        row += 1
    _print_setup(ws, orientation, first, first)
    return ws


def build_workbook(doc: Document):
    """The workbook of a document's tables, before any extra sheet is added."""
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for block, text in sheet_texts(doc):
        table_sheet(wb, doc, block, text)
    when = datetime.fromisoformat(doc.properties.created.replace("Z", "+00:00")).replace(tzinfo=None)
    props = wb.properties
    props.title, props.creator, props.subject = clean_properties(doc.properties)
    props.lastModifiedBy, props.language = props.creator, doc.properties.language
    props.created = props.modified = when
    return wb


def excel_font_order(styles_xml: bytes) -> bytes:
    """xl/styles.xml with each font's properties in the order Excel writes them.

    ECMA-376 lets a <font>'s children come in any order and openpyxl writes <name> first, but
    the Open XML SDK's validator takes them as a sequence and reports every openpyxl font as a
    schema error; Excel reads either order."""
    from lxml import etree
    root = etree.fromstring(styles_xml)
    rank = {name: i for i, name in enumerate(FONT_CHILD_ORDER)}
    for font in root.iter(f"{{{SML_NS}}}font"):
        font[:] = sorted(font, key=lambda child: rank.get(etree.QName(child).localname, len(rank)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def workbook_bytes(wb) -> bytes:
    """The workbook as .xlsx bytes, reproducibly: openpyxl's save stamps the current time into
    the properties and the zip entries, so it is bypassed for its writer and a fixed package."""
    from openpyxl.writer.excel import ExcelWriter
    if not wb.worksheets:
        raise ValueError("工作簿中没有工作表")
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        styles = excel_font_order(written.read("xl/styles.xml"))
    return normalise_zip(buffer.getvalue(), {"xl/styles.xml": styles})


def xlsx_bytes(doc: Document, extra_sheets: Iterable[Callable] = ()) -> bytes:
    """The .xlsx attachment; each of ``extra_sheets`` is called with the workbook to add its sheet."""
    wb = build_workbook(doc)
    for add in extra_sheets:
        add(wb)
    return workbook_bytes(wb)
