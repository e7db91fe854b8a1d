"""The report as a .docx in the GB/T 9704 layout (layout.md), drawn from a forms.document.Document.

Built on the project's own A4 reference document (resources/reference.docx, made by
resources/make_reference_docx.py): no theme fonts, zh-CN, the 22 × 28 document grid.  Every style
and every run names its East Asian face (``w:eastAsia``) as well as the Latin one, because Word
takes Chinese text from that slot alone.  Tables carry ``w:tblGrid`` (WPS lays out from it) as well
as ``w:tblW``/``w:tcW`` (Word does), borders on every cell, and a compact style of their own that
does not snap to the document grid (a 28.95 pt pitch inside cells would blow the rows up).

python-docx is imported here only, and this module only when exporting.
"""

from __future__ import annotations

import io
import math
from datetime import datetime

from resources import resource_path

from ..document import CELL_PADDING_MM, Document, Paragraph, Part, TableBlock, TableCellText, TextStyle
from .ooxml import clean_properties, mm_to_twips, normalise_zip, pt_to_twips, xml_text

REFERENCE = resource_path("reference.docx")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# The reference document's style for each font role.
STYLE_OF_ROLE = {
    "title": "Title", "body": "GwBody", "heading1": "Heading1", "heading2": "Heading2",
    "heading3": "Heading3", "heading4": "Heading4", "attachment_label": "GwAttachmentLabel",
    "attachment_title": "GwAttachmentTitle", "table": "GwTable", "table_header": "GwTableHeader",
    "page_number": "Footer",
}
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
# The reference document's styles that keep with the next paragraph (its headings and titles): a
# paragraph of theirs that must not (a run-in heading, 「（一）主动公开。全年…」) says so itself.
KEEP_NEXT_STYLES = frozenset({"Title", "Heading1", "Heading2", "Heading3", "Heading4", "GwAttachmentTitle"})
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
CELL_MARGIN_TWIPS = mm_to_twips(CELL_PADDING_MM)   # 1 mm each side: 表四's narrow columns need every millimetre
# Word's faces on an ordinary Windows PC, named as alternatives of the official ones in the font
# table so that Word substitutes sensibly where the official faces are missing.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}


# --------------------------------------------------------------------------- runs and paragraphs

def _rfonts(style: TextStyle) -> str:
    latin = style.latin
    return (f'<w:rFonts w:ascii="{xml_text(latin)}" w:hAnsi="{xml_text(latin)}" '
            f'w:eastAsia="{xml_text(style.east_asia)}" w:cs="{xml_text(latin)}" w:hint="eastAsia"/>')


def _rpr(style: TextStyle, bold: bool | None = None, size_pt: float | None = None) -> str:
    bold = style.bold if bold is None else bold
    half = int(round((size_pt or style.size_pt) * 2))
    b = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    # Character spacing belongs to the text size it was computed for; a table's own size has none.
    spacing = int(round(style.char_spacing_pt * 20)) if size_pt in (None, style.size_pt) else 0
    sp = f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    return f"<w:rPr>{_rfonts(style)}{b}{sp}<w:sz w:val=\"{half}\"/><w:szCs w:val=\"{half}\"/></w:rPr>"


def _run_text(text: str) -> str:
    """A run's content: "\\n" becomes a line break, a tab a tab."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    return "".join(out)


def _runs(doc: Document, para: Paragraph, size_pt: float | None = None) -> str:
    out = []
    for run in para.runs:
        if not run.text:
            continue
        out.append(f"<w:r>{_rpr(doc.style(run.role), run.bold, size_pt)}{_run_text(run.text)}</w:r>")
    return "".join(out)


def _ind(char_pt: float, first_chars: float = 0.0, left_chars: float = 0.0, right_chars: float = 0.0) -> str:
    """Indents in characters (Word's *Chars, hundredths) and in twips for readers without them;
    ``char_pt`` is a character's advance (the type size plus the character spacing)."""
    unit = char_pt * 20
    attrs = [f'w:leftChars="{int(round(left_chars * 100))}" w:left="{int(round(left_chars * unit))}"',
             f'w:rightChars="{int(round(right_chars * 100))}" w:right="{int(round(right_chars * unit))}"']
    if first_chars >= 0:
        attrs.append(f'w:firstLineChars="{int(round(first_chars * 100))}" w:firstLine="{int(round(first_chars * unit))}"')
    else:
        attrs.append(f'w:hangingChars="{int(round(-first_chars * 100))}" w:hanging="{int(round(-first_chars * unit))}"')
    return f"<w:ind {' '.join(attrs)}/>"


def paragraph_xml(doc: Document, para: Paragraph, page_break_before: bool = False, sect_pr: str = "") -> str:
    role = para.role
    size = doc.style(role).size_pt + doc.style(role).char_spacing_pt
    style_id = STYLE_OF_ROLE.get(role, "GwBody")
    ppr = [f'<w:pStyle w:val="{style_id}"/>']
    if para.keep_with_next:
        ppr.append("<w:keepNext/>")
    elif style_id in KEEP_NEXT_STYLES:
        ppr.append('<w:keepNext w:val="0"/>')
    if page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    ppr.append(_ind(size, para.first_line_chars, para.left_chars, para.right_chars))
    ppr.append(f'<w:jc w:val="{JC[para.align]}"/>')
    ppr.append(sect_pr)
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{_runs(doc, para)}</w:p>"


# --------------------------------------------------------------------------- tables

def _widths_twips(block: TableBlock) -> list[int]:
    total = mm_to_twips(block.width_mm)
    widths = [int(round(w * total)) for w in block.widths]
    widths[-1] += total - sum(widths)   # the columns add up to the table's width exactly
    return widths


def _cell_xml(doc: Document, block: TableBlock, cell: TableCellText | None, width: int, span: int,
              merge: str, borders: str, keep: bool = False) -> str:
    tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        tcpr.append(f'<w:gridSpan w:val="{span}"/>')
    if merge:
        tcpr.append(f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>")
    tcpr.append(borders)
    tcpr.append(f'<w:vAlign w:val="{cell.valign if cell and merge != "continue" else "center"}"/>')
    style_id = STYLE_OF_ROLE[cell.style] if cell else "GwTable"
    # Word keeps a row with the next when its paragraphs are "keep with next"
    keep_next = "<w:keepNext/>" if keep else ""
    if cell is None or merge == "continue":
        return (f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"{style_id}\"/>"
                f"{keep_next}</w:pPr></w:p></w:tc>")
    style = doc.style(cell.style)
    size = block.size_pt
    paras = []
    for line in (cell.text.split("\n") if cell.text else [""]):
        ppr = (f'<w:pStyle w:val="{style_id}"/>{keep_next}'
               f'{_ind(size, 0, cell.indent_chars) if cell.indent_chars else ""}'
               f'<w:jc w:val="{JC[cell.align]}"/>')
        run = f"<w:r>{_rpr(style, None, size)}{_run_text(line)}</w:r>" if line else ""
        paras.append(f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>")
    return f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{''.join(paras)}</w:tc>"


def table_xml(doc: Document, block: TableBlock) -> str:
    grid = block.grid
    widths = _widths_twips(block)
    by_pos = {(c.row, c.col): c for c in block.cells}
    sides = ("top", "left", "bottom", "right")
    tbl_borders = "".join(BORDER.format(side=s) for s in sides + ("insideH", "insideV"))
    cell_borders = "<w:tcBorders>" + "".join(BORDER.format(side=s) for s in sides) + "</w:tcBorders>"
    tblpr = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{tbl_borders}</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
             f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="0" w:noVBand="0"/></w:tblPr>')
    tblgrid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    rows = []
    for r in range(grid.n_rows):
        trpr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < block.header_rows else "")
        cells, c = [], 0
        while c < grid.n_cols:
            gc = grid.at(r, c)
            if gc is None:   # a hole in a grid is a bug elsewhere; still draw a bordered cell
                cells.append(_cell_xml(doc, block, None, widths[c], 1, "", cell_borders, r in block.keep_with_next))
                c += 1
                continue
            span = gc.colspan
            width = sum(widths[gc.col:gc.col + span])
            merge = "" if gc.rowspan == 1 else ("restart" if gc.row == r else "continue")
            cells.append(_cell_xml(doc, block, by_pos.get((gc.row, gc.col)), width, span, merge, cell_borders,
                                   r in block.keep_with_next))
            c = gc.col + span
        rows.append(f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{tblpr}{tblgrid}{''.join(rows)}</w:tbl>"


# --------------------------------------------------------------------------- sections and page numbers

def _page_twips(doc: Document, orientation: str) -> dict:
    """Paper and margins in twips; a landscape part turns the page with the table's head towards
    the binding edge, so its text block is the portrait one turned (225 × 156 mm)."""
    p = doc.page
    out = dict(w=mm_to_twips(p.width_mm), h=mm_to_twips(p.height_mm), top=mm_to_twips(p.margin_top_mm),
               bottom=mm_to_twips(p.margin_bottom_mm), left=mm_to_twips(p.margin_left_mm),
               right=mm_to_twips(p.margin_right_mm))
    if orientation == "landscape":
        out = dict(w=out["h"], h=out["w"], top=out["left"], bottom=out["right"], left=out["bottom"],
                   right=out["top"])
    return out


def doc_grid(doc: Document) -> tuple[int, int]:
    """(linePitch, charSpace) as Word computes them for the portrait text block: the line pitch
    that fits ``lines_per_page`` lines, and the character spacing (1/4096 pt) that makes
    ``chars_per_line`` characters of the body size fill the line."""
    pg = _page_twips(doc, "portrait")
    text_h, text_w = pg["h"] - pg["top"] - pg["bottom"], pg["w"] - pg["left"] - pg["right"]
    line_pitch = math.floor(text_h / doc.page.lines_per_page)
    pitch_pt = text_w / 20 / doc.page.chars_per_line
    char_space = int(round((pitch_pt - doc.style("body").size_pt) * 4096))
    return line_pitch, char_space


def page_number_line_twips(doc: Document) -> int:
    """The page number's line height: exactly one em of its type size.  An exact height, not
    "single": single spacing follows the font's own metrics (1.44 em for the Noto Serif CJK that
    stands in for 宋体 on Linux, other values in Word and WPS) and puts the line's top somewhere
    else on every machine; one em makes the line box the characters' em box."""
    return pt_to_twips(doc.style(doc.page_numbers.role).size_pt)


def footer_distance_twips(doc: Document) -> int:
    """From the paper's bottom edge to the bottom of the page number's line (Word's "footer from
    bottom").  GB/T 9704 7.5 一字线上距版心下边缘 7 mm is read as the top of that line — the top of
    the dashes' and digits' em box — standing ``below_text_mm`` under the text block."""
    return (mm_to_twips(doc.page.margin_bottom_mm) - mm_to_twips(doc.page_numbers.below_text_mm)
            - page_number_line_twips(doc))


def sect_pr_xml(doc: Document, orientation: str, footers: str = "") -> str:
    pg = _page_twips(doc, orientation)
    orient = ' w:orient="landscape"' if orientation == "landscape" else ""
    line_pitch, char_space = doc_grid(doc)
    return (f'<w:sectPr>{footers}<w:type w:val="nextPage"/>'
            f'<w:pgSz w:w="{pg["w"]}" w:h="{pg["h"]}"{orient}/>'
            f'<w:pgMar w:top="{pg["top"]}" w:right="{pg["right"]}" w:bottom="{pg["bottom"]}" '
            f'w:left="{pg["left"]}" w:header="851" w:footer="{footer_distance_twips(doc)}" w:gutter="0"/>'
            '<w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/>'
            f'<w:docGrid w:type="linesAndChars" w:linePitch="{line_pitch}" w:charSpace="{char_space}"/>'
            '</w:sectPr>')


def page_number_xml(doc: Document, odd: bool) -> str:
    """「— N —」: the number a PAGE field, odd pages right and even pages left, one character in."""
    pn = doc.page_numbers
    style = doc.style(pn.role)
    align = pn.odd_align if odd else pn.even_align
    indent = (0.0, pn.indent_chars) if align == "right" else (pn.indent_chars, 0.0)
    before, _, after = pn.template.partition("{n}")
    rpr = _rpr(style)
    runs = (f"<w:r>{rpr}{_run_text(before)}</w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr}<w:t>1</w:t></w:r>"
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
            f"<w:r>{rpr}{_run_text(after)}</w:r>")
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{page_number_line_twips(doc)}" w:lineRule="exact"/>'
    ppr = (f'<w:pPr><w:pStyle w:val="Footer"/>{spacing}{_ind(style.size_pt, 0, indent[0], indent[1])}'
           f'<w:jc w:val="{JC[align]}"/></w:pPr>')
    return f"<w:p>{ppr}{runs}</w:p>"


# --------------------------------------------------------------------------- the package

def _body_xml(doc: Document) -> tuple[str, str]:
    """The body's content and the last section's properties (a part in another orientation than
    the next one ends its section in its last paragraph)."""
    out = []
    parts: list[Part] = doc.parts
    for i, part in enumerate(parts):
        new_page = i > 0 and parts[i - 1].orientation == part.orientation
        blocks = list(part.blocks)
        for j, block in enumerate(blocks):
            last = j == len(blocks) - 1
            sect = ""
            if last and i + 1 < len(parts) and parts[i + 1].orientation != part.orientation:
                sect = sect_pr_xml(doc, part.orientation)
            if isinstance(block, TableBlock):
                if j == 0 and new_page:   # a page break needs a paragraph to carry it
                    out.append('<w:p><w:pPr><w:pStyle w:val="GwTable"/><w:pageBreakBefore/></w:pPr></w:p>')
                out.append(table_xml(doc, block))
                if last or isinstance(blocks[j + 1], TableBlock):
                    # Word needs a paragraph between tables and after the last one
                    out.append(f'<w:p><w:pPr><w:pStyle w:val="GwTable"/>{sect}</w:pPr></w:p>')
            else:
                out.append(paragraph_xml(doc, block, page_break_before=(j == 0 and new_page), sect_pr=sect))
    return "".join(out), parts[-1].orientation if parts else "portrait"


def _styles(doc: Document, styles_element) -> None:
    """Font names, sizes and weights of the reference's styles, from the document's profile."""
    from docx.oxml import parse_xml
    w = f"{{{W_NS}}}"
    by_id = {s.get(f"{w}styleId"): s for s in styles_element.iter(f"{w}style")}
    for role, style_id in STYLE_OF_ROLE.items():
        element = by_id.get(style_id)
        if element is None:
            continue
        old = element.find(f"{w}rPr")
        new = parse_xml(_rpr(doc.style(role)).replace("<w:rPr>", f"<w:rPr {NSDECL}>", 1))
        if old is not None:
            element.replace(old, new)
        else:
            element.append(new)
    body = doc.style("body")
    for rfonts in styles_element.iter(f"{w}rFonts"):
        parent = rfonts.getparent().getparent()
        if parent is not None and parent.tag == f"{w}rPrDefault":
            rfonts.set(f"{w}eastAsia", body.east_asia)
            for slot in ("ascii", "hAnsi", "cs"):
                rfonts.set(f"{w}{slot}", body.latin)
    normal = by_id.get("Normal")
    if normal is not None:
        normal.replace(normal.find(f"{w}rPr"),
                       parse_xml(_rpr(body).replace("<w:rPr>", f"<w:rPr {NSDECL}>", 1)))
        # the fixed line pitch every text line stands on (tables and footers have their own)
        normal.find(f"{w}pPr").find(f"{w}spacing").set(f"{w}line", str(pt_to_twips(doc.page.line_pitch_pt)))


def font_table_xml(doc: Document) -> bytes:
    names = []
    for style in doc.styles.values():
        for name in (style.east_asia, style.latin):
            if name not in names:
                names.append(name)
    fonts = []
    for name in names:
        alt = f'<w:altName w:val="{xml_text(ALT_NAMES[name])}"/>' if name in ALT_NAMES else ""
        latin = all(ord(ch) < 128 for ch in name)
        charset = "00" if latin else "86"
        family = "roman" if latin else "modern"
        fonts.append(f'<w:font w:name="{xml_text(name)}">{alt}<w:charset w:val="{charset}"/>'
                     f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts {NSDECL}>{"".join(fonts)}</w:fonts>').encode("utf-8")


def docx_bytes(doc: Document) -> bytes:
    """The .docx file of a Document; the same Document gives the same bytes."""
    import docx
    from docx.oxml import parse_xml

    word = docx.Document(str(REFERENCE))
    _styles(doc, word.styles.element)
    body = word.element.body
    for child in list(body):
        body.remove(child)
    content, last_orientation = _body_xml(doc)
    for element in parse_xml(f"<w:body {NSDECL}>{content}</w:body>"):
        body.append(element)
    body.append(parse_xml(sect_pr_xml(doc, last_orientation).replace("<w:sectPr>", f"<w:sectPr {NSDECL}>", 1)))

    # Footers: the first section defines them, later sections inherit them (and the numbering runs on).
    first = word.sections[0]
    for footer, odd in ((first.footer, True), (first.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(page_number_xml(doc, odd).replace("<w:p>", f"<w:p {NSDECL}>", 1)))
    word.settings.odd_and_even_pages_header_footer = True

    props = word.core_properties
    when = datetime.fromisoformat(doc.properties.created.replace("Z", "+00:00")).replace(tzinfo=None)
    title, author, subject = clean_properties(doc.properties)
    props.title, props.author, props.subject = title, author, subject
    props.language, props.last_modified_by, props.revision = doc.properties.language, author, 1
    props.created = props.modified = when
    props.keywords, props.comments, props.category = "政府信息公开工作年度报告", "", ""

    buffer = io.BytesIO()
    word.save(buffer)
    return normalise_zip(buffer.getvalue(), {"word/fontTable.xml": font_table_xml(doc)})
