"""The report as one printable document: a plain-data description every renderer draws from.

:func:`build_document` turns a :class:`~forms.report.Report` into a :class:`Document` — the title,
the opening, the sections with their headings and paragraphs, the tables where the edition places
them, the 附件说明, the signature and the attachment pages — laid out as GB/T 9704 prescribes
(layout.md).  The .docx writer, the .xlsx writer and the Qt print renderer all consume this one
description, so the printed pages, the Word file and the PDF agree.

It is renderer-neutral:

* lengths are in millimetres (``*_mm``) or points (``*_pt``); indents are in characters
  (``*_chars``) of the paragraph's own type size, as Word's ``firstLineChars`` counts them;
* text carries a font *role* ("title", "body", "heading1" … "heading4", "attachment_label",
  "attachment_title", "page_number", "table", "table_header"); :attr:`Document.styles` maps each role
  to its East Asian family, Latin family (digits, Latin letters), size and weight, through the
  chosen font profile (forms/fonts.py);
* the document is a list of :class:`Part` s; each part starts on a new page and has one orientation;
  page numbers run on through all parts (attachment pages continue the numbering);
* a run's text may contain ``"\\n"``: a line break inside the paragraph (the title's lines).

Paragraph ``kind`` s, so renderers and tests can find things: "title", "blank", "body", "heading",
"annex_note", "signature_agency", "signature_date", "attachment_label", "attachment_title",
"attachment_year", "filling_unit", "table_footer".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, Union

from .fonts import DEFAULT_PROFILE, FontProfile, get_profile
from .layout import Grid, grid_of
from .narrative import classify, paragraphs
from .numbers import format_number
from .report import Report

MM_PER_PT = 25.4 / 72

# Type sizes by role (layout.md): 2号 22 pt, 3号 16 pt, 4号 14 pt.
SIZES_PT = {
    "title": 22.0, "body": 16.0, "heading1": 16.0, "heading2": 16.0, "heading3": 16.0,
    "heading4": 16.0, "attachment_label": 16.0, "attachment_title": 22.0, "page_number": 14.0,
    "table": 12.0, "table_header": 12.0,
}


# --------------------------------------------------------------------------- the description

@dataclass(frozen=True)
class PageSetup:
    """Paper and text block of a portrait page (GB/T 9704: A4, text block 156 × 225 mm)."""
    width_mm: float = 210.0
    height_mm: float = 297.0
    margin_top_mm: float = 37.0
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0
    margin_right_mm: float = 26.0
    lines_per_page: int = 22
    chars_per_line: int = 28
    # Word's value for 22 lines in 225 mm (579 twips): every line of text outside tables stands on
    # this pitch (a fixed line height), whatever its type size.
    line_pitch_pt: float = 28.95

    @property
    def char_pitch_pt(self) -> float:
        """The width of one of the ``chars_per_line`` characters: 15.8 pt for 16 pt in 156 mm."""
        return self.text_width_mm / MM_PER_PT / self.chars_per_line

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.margin_top_mm - self.margin_bottom_mm


@dataclass(frozen=True)
class PageNumbers:
    """「— 1 —」 in 4号 半角宋体, 7 mm below the text block; odd pages right, even pages left,
    each one character in from the text block's edge (GB/T 9704 7.5)."""
    template: str = "— {n} —"
    role: str = "page_number"
    odd_align: str = "right"
    even_align: str = "left"
    indent_chars: float = 1.0
    below_text_mm: float = 7.0

    def text(self, page: int) -> str:
        """The printed number of a page: 「— 3 —」."""
        return self.template.format(n=page)

    def align(self, page: int) -> str:
        return self.odd_align if page % 2 else self.even_align


@dataclass(frozen=True)
class TextStyle:
    role: str
    east_asia: str        # the family for Chinese text
    latin: str            # the family for digits and Latin letters
    size_pt: float
    bold: bool = False
    # Added to each character's advance so that 28 characters of the body size fill the line
    # (negative: 16 pt characters on a 15.8 pt pitch); 0 for the other sizes.
    char_spacing_pt: float = 0.0


@dataclass(frozen=True)
class Run:
    text: str                  # "\n" is a line break inside the paragraph
    role: str = "body"
    bold: bool | None = None   # None: the role's own weight


@dataclass
class Paragraph:
    kind: str
    runs: tuple[Run, ...]
    align: str = "justify"          # left | center | right | justify
    first_line_chars: float = 0.0   # first-line indent (body text: 2)
    left_chars: float = 0.0
    right_chars: float = 0.0
    level: int = 0                  # headings: 1–4
    keep_with_next: bool = False    # headings and table captions stay with what follows

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def role(self) -> str:
        """The paragraph's own role (its first run's): the style a renderer gives the paragraph."""
        return self.runs[0].role if self.runs else "body"


@dataclass(frozen=True)
class TableCellText:
    """One cell of a table as printed: the grid position, its text and how it sits."""
    row: int
    col: int
    rowspan: int
    colspan: int
    role: str                  # the grid role: corner | header | label | unit | value | blank
    text: str
    style: str                 # font role: "table" or "table_header"
    align: str = "center"      # left | center | right
    valign: str = "center"     # top | center | bottom
    indent_chars: float = 0.0  # labels of list tables, by level
    cell_id: str | None = None
    kind: str | None = None    # value cells: count | signed | money
    value: object = None       # value cells: the number (int or Decimal) or None
    computed: bool = False


@dataclass
class TableBlock:
    table_id: str
    name: str                  # 「表三」
    title: str                 # 「收到和处理政府信息公开申请情况」
    grid: Grid
    cells: list[TableCellText]
    size_pt: float             # type size of every cell
    orientation: str           # the edition's: how a table sheet is printed (xlsx, print)
    width_mm: float            # the table's width on the page (the text block's)
    header_rows: int           # rows repeated at the top of each page
    kind: str = "table"
    # Rows kept on the same page as the next row: the header with the first body row, and the
    # rows of a group label (（三）不予公开 over its eight items) so the label is never cut in two.
    keep_with_next: frozenset[int] = frozenset()
    # Relative column widths summing to 1: the grid's, with room for the numbers (table_block).
    widths: tuple[float, ...] = ()

    def __post_init__(self):
        if not self.widths:
            self.widths = self.grid.widths

    @property
    def widths_mm(self) -> list[float]:
        return [w * self.width_mm for w in self.widths]

    def text_at(self, row: int, col: int) -> str:
        for c in self.cells:
            if c.row == row and c.col == col:
                return c.text
        return ""


Block = Union[Paragraph, TableBlock]


@dataclass
class Part:
    """A run of pages in one orientation; every part after the first starts on a new page."""
    kind: str = "body"              # body | attachment
    orientation: str = "portrait"
    blocks: list[Block] = field(default_factory=list)
    label: str = ""                 # attachments: 「附件1」


@dataclass(frozen=True)
class Properties:
    """Document properties, fixed by the report so the same report gives the same file."""
    title: str
    author: str
    subject: str
    created: str                    # ISO 8601, UTC
    language: str = "zh-CN"


@dataclass
class Document:
    title: str
    edition_id: str
    year: int
    agency: str
    fonts: FontProfile
    styles: dict[str, TextStyle]
    page: PageSetup
    page_numbers: PageNumbers
    parts: list[Part]
    properties: Properties

    def blocks(self) -> Iterator[Block]:
        for part in self.parts:
            yield from part.blocks

    def paragraphs(self, kind: str | None = None) -> list[Paragraph]:
        return [b for b in self.blocks() if isinstance(b, Paragraph) and (kind is None or b.kind == kind)]

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks() if isinstance(b, TableBlock)]

    def style(self, role: str) -> TextStyle:
        return self.styles[role]


# --------------------------------------------------------------------------- helpers

def text_width_chars(text: str) -> float:
    """Width in characters of the type size: ASCII (Times New Roman digits, letters) counts half."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


# Word, WPS and LibreOffice set Chinese apart from Latin letters and digits (autoSpaceDE/DN, on by
# default) by about a fifth of an em: 「2026年1月20日」 prints 7.6 characters wide, not 6.5.
# The print (desktop/print_render.py) widens the gaps at the same pairs of characters.
AUTOSPACE_EM = 0.22
AUTOSPACE_PAIR = re.compile(r"[\u3400-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u3400-\u9fff]")
_AUTOSPACE_GAP = re.compile(f"(?={AUTOSPACE_PAIR.pattern})")


def printed_width_chars(text: str) -> float:
    """Width in characters as the text prints, with the gaps where Chinese meets digits."""
    return text_width_chars(text) + AUTOSPACE_EM * len(_AUTOSPACE_GAP.findall(text))


def chinese_date(iso: str) -> str:
    """「2026年1月20日」 from 2026-01-20: full year, no leading zeros (GB/T 9704 7.3.5)."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso)
    except ValueError:   # not a date after all: print what the clerk wrote rather than fail
        return iso
    return f"{d.year}年{d.month}月{d.day}日"


def title_lines(title: str, agency: str, chars_per_line: float) -> list[str]:
    """The title split where the meaning allows, the lines growing downwards (a trapezoid).

    A title that fits one line as printed stays whole: the gaps where Chinese meets digits count
    (「国家统计局2024年…报告」 is 20 characters, prints 20.4 and left 「告」 alone on a line).
    Otherwise the agency goes on the first line and the rest (「2025年政府信息公开工作年度报告」)
    below; failing that, the split falls before 「政府信息公开工作年度报告」.  A title that still
    does not fit is left for the renderer to wrap.
    """
    if printed_width_chars(title) <= chars_per_line:
        return [title]
    tail = "政府信息公开工作年度报告"
    candidates = []
    if agency and title.startswith(agency) and len(title) > len(agency):
        candidates.append([agency, title[len(agency):]])
    if title.endswith(tail) and len(title) > len(tail):
        candidates.append([title[:-len(tail)], tail])
    for lines in candidates:
        if all(printed_width_chars(line) <= chars_per_line for line in lines):
            return lines
    return [title]


def _blank() -> Paragraph:
    return Paragraph("blank", (Run(""),), align="left")


def _body(text: str) -> Paragraph:
    return Paragraph("body", (Run(text, "body"),), first_line_chars=2)


def _same_heading(a: str, b: str) -> bool:
    def bare(text: str) -> str:
        return "".join(text.split()).rstrip("。：:").replace("(", "（").replace(")", "）")
    return bool(a.strip()) and bare(a) == bare(b)


def _narrative(text: str, blocks: list[Block], heading: str = "") -> None:
    paras = paragraphs(text)
    if paras and _same_heading(paras[0], heading):
        # Pasted from last year's Word report with its heading: the section prints it already.
        paras = paras[1:]
    for para in paras:
        line = classify(para)
        if line.level == 0:
            blocks.append(_body(para))
            continue
        role = f"heading{line.level}"
        runs = [Run(line.heading, role)]
        if line.body:
            runs.append(Run(line.body, "body"))   # a run-in heading: the rest is body text
        blocks.append(Paragraph("heading", tuple(runs), first_line_chars=2, level=line.level,
                                keep_with_next=not line.body))


def _section_heading(text: str) -> Paragraph:
    level = classify(text).level or 1
    return Paragraph("heading", (Run(text, f"heading{level}"),), first_line_chars=2, level=level,
                     keep_with_next=True)


# --------------------------------------------------------------------------- tables

# A group label over more rows than this (三、本年度办理结果 over 22) may break across pages:
# keeping it whole would push most of a table onto the next page.
KEEP_GROUP_MAX_ROWS = 8
# The margins a renderer leaves inside a table cell, left and right (the .docx's w:tblCellMar, the
# print's padding), and a little more for a number so that rounding never pushes a digit over.
CELL_PADDING_MM = 1.0
NUMBER_ROOM_MM = 0.3
# What a label column keeps when a column of numbers needs its room: three characters a line.
LABEL_MIN_CHARS = 3.0


def table_size_pt(n_cols: int) -> float:
    """Type size of a table: 12 pt where the columns allow, 10.5 pt (五号) for the wide tables."""
    return 12.0 if n_cols <= 4 else 10.5


def _number_widths(grid: Grid, cells: list[TableCellText], size_pt: float, width_mm: float) -> tuple[float, ...]:
    """The grid's column proportions, each column of numbers widened to hold its widest number on
    one line: a 汇总 report's 「12345」 in 表三's 10.8 mm columns printed as 「1234」 over 「5」.
    The room comes from the columns without numbers (their labels wrap once more), each keeping
    LABEL_MIN_CHARS characters, and failing that from the number columns with room to spare."""
    char_mm = size_pt * MM_PER_PT
    widths = [w * width_mm for w in grid.widths]
    floor = [LABEL_MIN_CHARS * char_mm + 2 * CELL_PADDING_MM] * grid.n_cols
    numbers: dict[int, float] = {}       # column -> the width its widest number needs
    for cell in cells:
        if cell.role == "value" and cell.colspan == 1:
            need = text_width_chars(cell.text) * char_mm + 2 * CELL_PADDING_MM + NUMBER_ROOM_MM
            numbers[cell.col] = max(numbers.get(cell.col, 0.0), need)
    for col, need in numbers.items():
        floor[col] = need
    deficit = sum(max(0.0, floor[c] - widths[c]) for c in numbers)
    if deficit <= 1e-9:
        return grid.widths
    for col in numbers:
        widths[col] = max(widths[col], floor[col])
    for donors in ([c for c in range(grid.n_cols) if c not in numbers], list(numbers)):
        slack = {c: widths[c] - floor[c] for c in donors if widths[c] - floor[c] > 1e-9}
        total = sum(slack.values())
        if total <= 1e-9:
            continue
        take = min(deficit, total)
        for c, room in slack.items():
            widths[c] -= take * room / total
        deficit -= take
        if deficit <= 1e-9:
            break
    total = sum(widths)
    return tuple(w / total for w in widths)


def table_block(report: Report, table_id: str, width_mm: float, size_pt: float | None = None) -> TableBlock:
    table = report.edition.table(table_id)
    grid = grid_of(table)
    cells = []
    for gc in grid.cells:
        style, align, indent = "table", "center", 0.0
        text, kind, value = gc.text, None, None
        if gc.role == "header":
            style = "table_header"
        elif gc.role == "label":
            # A label spanning several rows is a group name: centred on its rows.
            align = "center" if gc.rowspan > 1 else "left"
            if table.layout == "list":
                indent = float(gc.level)
        elif gc.role == "value":
            spec = report.edition.cells[gc.cell_id]
            kind, value = spec.kind, report.value(gc.cell_id)
            text = format_number(value, spec.kind)
        cells.append(TableCellText(row=gc.row, col=gc.col, rowspan=gc.rowspan, colspan=gc.colspan,
                                   role=gc.role, text=text, style=style, align=align,
                                   indent_chars=indent, cell_id=gc.cell_id, kind=kind, value=value,
                                   computed=gc.computed))
    keep = set(range(grid.header_rows))
    for gc in grid.cells:
        if 1 < gc.rowspan <= KEEP_GROUP_MAX_ROWS and gc.row >= grid.header_rows:
            keep.update(range(gc.row, gc.row + gc.rowspan - 1))
    size_pt = size_pt or table_size_pt(grid.n_cols)
    return TableBlock(table_id=table.id, name=table.name, title=table.title, grid=grid, cells=cells,
                      size_pt=size_pt, orientation=table.orientation,
                      width_mm=width_mm, header_rows=grid.header_rows, keep_with_next=frozenset(keep),
                      widths=_number_widths(grid, cells, size_pt, width_mm))


# --------------------------------------------------------------------------- the build

OWN_FACE_DIGITS = ("page_number", "attachment_label")


def _styles(profile: FontProfile, bold_level3: bool, page: PageSetup) -> dict[str, TextStyle]:
    out = {}
    body = SIZES_PT["body"]
    # Whole twentieths of a point, rounded down (-0.2 pt would leave 27.99 characters a line), and
    # one twentieth more: at -0.25 pt LibreOffice, measuring the faces a little wide, fits only 27.
    spacing = math.floor((page.char_pitch_pt - body) * 20) / 20 - 0.05
    for role, size in SIZES_PT.items():
        bold = role in profile.bold or (role == "heading3" and bold_level3)
        # Page numbers are 半角宋体, and 「附件1」 is 3号黑体 number and all (GB/T 9704 7.5, 7.3.7):
        # their digits are in their own face, not the Latin one.
        latin = profile.family(role) if role in OWN_FACE_DIGITS else profile.latin
        out[role] = TextStyle(role, profile.family(role), latin, size, bold,
                              spacing if size == body and role != "page_number" else 0.0)
    return out


def _signature(report: Report, chars_per_line: int) -> list[Paragraph]:
    """Agency right-aligned two characters in; the date under it, its first character two
    characters right of the agency's first (GB/T 9704 7.3.5.2, the unstamped form).

    The paragraph that follows the other is placed by its *left* indent, so that the spaces a
    renderer puts between Chinese characters and digits (「2026年1月20日」) cannot shift it; where
    the date leads, the name is placed by the date's printed width, those spaces included.
    """
    agency = report.meta.agency.strip()
    when = chinese_date(report.meta.issue_date)
    if not agency and not when:
        return []
    name_w, date_w = printed_width_chars(agency), printed_width_chars(when)
    out = [_blank()]
    if not when:
        out.append(Paragraph("signature_agency", (Run(agency, "body"),), align="right", right_chars=2.0))
    elif not agency:
        out.append(Paragraph("signature_date", (Run(when, "body"),), align="right", right_chars=4.0))
    elif name_w - date_w >= 2.0:
        out.append(Paragraph("signature_agency", (Run(agency, "body"),), align="right", right_chars=2.0,
                             keep_with_next=True))
        out.append(Paragraph("signature_date", (Run(when, "body"),), align="left",
                             left_chars=chars_per_line - name_w))
    else:   # a date longer than the name: the date keeps two characters, the name moves right
        out.append(Paragraph("signature_agency", (Run(agency, "body"),), align="left",
                             left_chars=chars_per_line - 4.0 - date_w, keep_with_next=True))
        out.append(Paragraph("signature_date", (Run(when, "body"),), align="right", right_chars=2.0))
    return out


def _annex_note(titles: list[str]) -> list[Paragraph]:
    """「附件：政府信息公开情况统计表」, or 「附件：1.…」 with the later items aligned under the first."""
    if not titles:
        return []
    if len(titles) == 1:
        return [_blank(), Paragraph("annex_note", (Run(f"附件：{titles[0]}", "body"),), first_line_chars=2)]
    out = [_blank()]
    for i, title in enumerate(titles, start=1):
        if i == 1:
            out.append(Paragraph("annex_note", (Run(f"附件：{i}.{title}", "body"),), first_line_chars=2))
        else:
            out.append(Paragraph("annex_note", (Run(f"{i}.{title}", "body"),), left_chars=5))
    return out


def _people_lines(report: Report) -> list[Paragraph]:
    m = report.meta
    gap = "　" * 4   # room to sign by hand where a name is not known
    first = "　　".join(f"{label}：{value or gap}" for label, value in
                       (("单位负责人", m.head), ("审核人", m.reviewer), ("填报人", m.preparer)))
    second = "　　".join(f"{label}：{value or gap}" for label, value in
                        (("联系电话", m.phone), ("填报日期", chinese_date(m.fill_date))))
    return [Paragraph("table_footer", (Run(first, "body"),), align="left"),
            Paragraph("table_footer", (Run(second, "body"),), align="left")]


def _attachment_part(report: Report, attachment, width_mm: float) -> Part:
    table = report.edition.table(attachment.table)
    blocks: list[Block] = [
        Paragraph("attachment_label", (Run(attachment.label, "attachment_label"),), align="left"),
        _blank(),   # the title stands on line 3 (GB/T 9704 7.3.7)
        Paragraph("attachment_title", (Run(table.title, "attachment_title"),), align="center",
                  keep_with_next=True),
        Paragraph("attachment_year", (Run(f"（{report.meta.year}年度）", "body"),), align="center",
                  keep_with_next=True),
        Paragraph("filling_unit", (Run(f"填报单位（盖章）：{report.meta.effective_filling_unit}", "body"),),
                  align="left", keep_with_next=True),
        table_block(report, table.id, width_mm),
    ]
    if attachment.signature_block:
        blocks.extend(_people_lines(report))
    return Part(kind="attachment", blocks=blocks, label=attachment.label)


def build_document(report: Report, fonts_profile: str | FontProfile = DEFAULT_PROFILE,
                   bold_level3: bool = False) -> Document:
    """The whole report as a :class:`Document`.

    ``fonts_profile`` names a profile of resources/font_profiles.json ("official", "windows") or
    is a :class:`~forms.fonts.FontProfile`; ``bold_level3`` prints 「1.」 headings bold (local
    practice, not GB/T 9704).
    """
    profile = fonts_profile if isinstance(fonts_profile, FontProfile) else get_profile(fonts_profile)
    page = PageSetup()
    edition, meta = report.edition, report.meta
    styles = _styles(profile, bold_level3, page)
    title_chars = page.text_width_mm / (styles["title"].size_pt * MM_PER_PT)
    title = meta.effective_title
    body: list[Block] = [
        Paragraph("title", (Run("\n".join(title_lines(title, meta.agency, title_chars)), "title"),),
                  align="center", keep_with_next=True),
        _blank(),
    ]
    for section in edition.sections:
        heading = report.heading(section.id).strip()
        if heading:
            body.append(_section_heading(heading))
        # The opening pasted with the report's title above it repeats the title.
        _narrative(report.text(section.id), body, heading or title)
        for table_id in section.tables:
            body.append(table_block(report, table_id, page.text_width_mm))
    tail = _annex_note([edition.table(a.table).title for a in edition.attachments])
    tail += _signature(report, page.chars_per_line)
    if tail:
        # the signature never stands alone on a page: it keeps the last lines of text with it
        for block in [body[-1]] + tail[:-1]:
            if isinstance(block, Paragraph):
                block.keep_with_next = True
        body.extend(tail)
    parts = [Part(kind="body", blocks=body)]
    parts.extend(_attachment_part(report, a, page.text_width_mm) for a in edition.attachments)
    created = meta.issue_date or f"{meta.year + 1}-01-01"
    properties = Properties(title=title, author=meta.agency, subject=f"{meta.year}年政府信息公开工作年度报告",
                            created=f"{created}T00:00:00Z")
    return Document(title=title, edition_id=edition.id, year=meta.year, agency=meta.agency,
                    fonts=profile, styles=styles, page=page, page_numbers=PageNumbers(),
                    parts=parts, properties=properties)
