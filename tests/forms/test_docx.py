"""The .docx report: GB/T 9704 page, fonts with their East Asian slots, tables on the Grid,
page numbers, no theme fonts, reproducible bytes (forms/export/docx_writer.py)."""

import io
import re
import zipfile
from decimal import Decimal

import docx
import pytest

from forms.demo import demo_report
from forms.document import build_document
from forms.export.docx_writer import REFERENCE, docx_bytes
from forms.layout import grid_of
from forms.narrative import paragraphs
from forms.numbers import format_number

from .golden import check_golden
from .sample_reports import pingtan_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOLDEN_PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/footer*",
                "word/fontTable.xml", "word/_rels/document.xml.rels", "[Content_Types].xml")


@pytest.fixture(scope="module")
def demo_docx():
    return docx_bytes(build_document(demo_report()))


@pytest.fixture(scope="module")
def pingtan_docx():
    return docx_bytes(build_document(pingtan_report()))


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _all_text(d) -> str:
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out.extend(c.text for c in row.cells)
    return "\n".join(out)


def test_golden_demo(demo_docx):
    check_golden("demo-docx", demo_docx, GOLDEN_PARTS)


def test_golden_2021(pingtan_docx):
    check_golden("pingtan-2021-docx", pingtan_docx, GOLDEN_PARTS)


def test_same_report_same_bytes(demo_docx):
    assert docx_bytes(build_document(demo_report())) == demo_docx
    with zipfile.ZipFile(io.BytesIO(demo_docx)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_demo_contains_every_paragraph_and_every_value(demo_docx):
    report = demo_report()
    d = _open(demo_docx)
    texts = [p.text for p in d.paragraphs]
    for section in report.edition.sections:
        if report.heading(section.id):
            assert report.heading(section.id) in texts
        for para in paragraphs(report.text(section.id)):
            assert para in texts
    assert "鹤壁市山城区人民政府\n2017年政府信息公开工作年度报告" in texts
    (table,) = d.tables
    grid = grid_of(report.edition.table("t1"))
    assert len(table.rows) == grid.n_rows and len(table.columns) == grid.n_cols
    for gc in grid.cells:
        cell = table.cell(gc.row, gc.col)
        if gc.role == "value":
            spec = report.edition.cells[gc.cell_id]
            assert cell.text == format_number(report.value(gc.cell_id), spec.kind)
        else:
            assert cell.text == gc.text
    assert "附件1" in texts and "（2017年度）" in texts
    assert "填报单位（盖章）：鹤壁市山城区人民政府" in texts
    assert "附件：政府信息公开情况统计表" in texts
    assert any(t.startswith("单位负责人：") for t in texts) and any(t.startswith("联系电话：") for t in texts)


def test_the_2021_tables_have_every_value_and_the_official_merges(pingtan_docx):
    report = pingtan_report()
    d = _open(pingtan_docx)
    assert len(d.tables) == 3
    for table, tid in zip(d.tables, ("t2", "t3", "t4")):
        grid = grid_of(report.edition.table(tid))
        tbl = table._tbl
        assert len(tbl.findall(f"{W}tblGrid/{W}gridCol")) == grid.n_cols
        # the merges, read back from gridSpan and vMerge, are the Grid's
        spans = {}
        for r, tr in enumerate(tbl.findall(f"{W}tr")):
            c = 0
            for tc in tr.findall(f"{W}tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                span = int(span.get(f"{W}val")) if span is not None else 1
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                if vmerge is not None and vmerge.get(f"{W}val") != "restart":
                    top = next(k for k in spans if k[1] == c and k[0] + spans[k][0] == r)
                    spans[top] = (spans[top][0] + 1, span)
                else:
                    spans[(r, c)] = (1, span)
                c += span
            assert c == grid.n_cols
        assert spans == {(gc.row, gc.col): (gc.rowspan, gc.colspan) for gc in grid.cells}
        for gc in grid.value_cells():
            spec = report.edition.cells[gc.cell_id]
            assert table.cell(gc.row, gc.col).text == format_number(report.value(gc.cell_id), spec.kind)
    assert "18651.06" in _all_text(d)


def test_tables_carry_grid_widths_borders_and_repeated_headers(pingtan_docx):
    d = _open(pingtan_docx)
    for table in d.tables:
        tbl = table._tbl
        width = int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
        cols = [int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert sum(cols) == width == round(156 * 1440 / 25.4)
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        for tc in tbl.iter(f"{W}tc"):
            assert tc.find(f"{W}tcPr/{W}tcW") is not None
            borders = tc.find(f"{W}tcPr/{W}tcBorders")
            assert [b.tag for b in borders] == [f"{W}{s}" for s in ("top", "left", "bottom", "right")]
        for p in tbl.iter(f"{W}p"):
            assert p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ("GwTable", "GwTableHeader")
    t3 = d.tables[1]._tbl.findall(f"{W}tr")
    assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in t3[:4]] == [True, True, True, False]


def test_a4_gbt9704_margins_and_grid(demo_docx):
    d = _open(demo_docx)
    for s in d.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert [round(x.mm) for x in (s.top_margin, s.left_margin, s.right_margin, s.bottom_margin)] == [37, 28, 26, 35]
    grid = d.sections[-1]._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "linesAndChars"
    assert grid.get(f"{W}linePitch") == "579"
    # 28 characters of 16 pt in the 156 mm line: (442.25 / 28 - 16) × 4096
    assert grid.get(f"{W}charSpace") == "-841"


def test_styles_fonts_sizes_and_east_asian_slots(demo_docx):
    d = _open(demo_docx)
    styles = {s.style_id: s for s in d.styles}

    def east_asia(style_id):
        return styles[style_id].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")

    assert east_asia("Title") == "方正小标宋简体" and styles["Title"].font.size.pt == 22
    assert east_asia("GwBody") == "仿宋_GB2312" and styles["GwBody"].font.size.pt == 16
    assert (east_asia("Heading1"), east_asia("Heading2"), east_asia("Heading3")) == ("黑体", "楷体_GB2312", "仿宋_GB2312")
    assert east_asia("Footer") == "宋体" and styles["Footer"].font.size.pt == 14
    assert styles["GwBody"].font.name == "Times New Roman"
    ind = styles["GwBody"].element.find(f"{W}pPr/{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200"
    lang = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    # every paragraph style, and every run, names its East Asian face
    for style in d.styles.element.iter(f"{W}style"):
        if style.get(f"{W}type") == "paragraph":
            assert style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia"), style.get(f"{W}styleId")
    body = d.element.body
    runs = list(body.iter(f"{W}r"))
    assert runs and all(r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in runs)
    title = next(p for p in d.paragraphs if p.style.style_id == "Title")
    assert title.runs[0].font.size.pt == 22 and title.alignment == 1   # centred
    heading = next(p for p in d.paragraphs if p.text == "三、收费及减免情况")
    assert heading.style.style_id == "Heading1"


def test_no_theme_fonts_anywhere(demo_docx, pingtan_docx):
    for data in (demo_docx, pingtan_docx, REFERENCE.read_bytes()):
        parts = _parts(data)
        assert not any(n.startswith("word/theme") for n in parts)
        for name, blob in parts.items():
            assert not re.search(rb"(ascii|hAnsi|eastAsia|cs|major|minor)Theme", blob), name


def test_windows_font_profile():
    d = _open(docx_bytes(build_document(pingtan_report(), "windows")))
    styles = {s.style_id: s for s in d.styles}
    assert styles["GwBody"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋"
    assert styles["Heading2"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体"


def test_page_numbers_odd_right_even_left(demo_docx):
    d = _open(demo_docx)
    assert d.settings.odd_and_even_pages_header_footer
    section = d.sections[0]
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        (p,) = footer.paragraphs
        xml = p._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
        assert p._p.find(f"{W}pPr/{W}ind").get(f"{W}{side}Chars") == "100"
        run = p.runs[0]
        assert run.font.size.pt == 14
        assert run._r.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "宋体"   # 半角宋体 digits
    # one section for the report and its attachment: the attachment continues the numbering
    assert len(d.sections) == 1
    assert all(s._sectPr.find(f"{W}pgNumType").get(f"{W}start") is None for s in d.sections)


def test_page_number_line_top_stands_7_mm_below_the_text_block(demo_docx):
    # GB/T 9704 7.5 一字线上距版心下边缘 7 mm, measured to the top of the page number's line box.
    # Word's footer distance runs from the paper's bottom edge to the line's bottom; the line is
    # exactly one em of 4号 high, so its top is paper − footer distance − one em in every suite.
    doc = build_document(demo_report())
    d = _open(demo_docx)
    section = d.sections[0]
    paper_mm, footer_mm = section.page_height.mm, section.footer_distance.mm
    text_block_bottom_mm = paper_mm - section.bottom_margin.mm
    size_pt = doc.style(doc.page_numbers.role).size_pt
    assert abs(text_block_bottom_mm - (doc.page.margin_top_mm + doc.page.text_height_mm)) < 0.05   # 262 mm
    for footer in (section.footer, section.even_page_footer):
        (p,) = footer.paragraphs
        spacing = p._p.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}lineRule") == "exact"       # "single" would follow the font's metrics
        assert (spacing.get(f"{W}before"), spacing.get(f"{W}after")) == ("0", "0")
        line_mm = int(spacing.get(f"{W}line")) / 20 * 25.4 / 72
        assert abs(line_mm - size_pt * 25.4 / 72) < 0.01
        line_top_mm = paper_mm - footer_mm - line_mm
        assert abs(line_top_mm - text_block_bottom_mm - doc.page_numbers.below_text_mm) < 0.05, line_top_mm


def test_attachment_starts_on_a_new_page(demo_docx):
    d = _open(demo_docx)
    label = next(p for p in d.paragraphs if p.text == "附件1")
    assert label._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert label.style.style_id == "GwAttachmentLabel"


def test_signature_block(pingtan_docx):
    d = _open(pingtan_docx)
    texts = [p.text for p in d.paragraphs]
    i = texts.index("平潭综合实验区管理委员会")
    assert texts[i - 1] == "" and texts[i + 1] == "2025年1月20日"
    assert d.paragraphs[i].alignment == 2   # right


def test_hostile_text_is_written_safely():
    report = pingtan_report()
    report.set_text_of("s5", "控制字符\x0b与\x01竖线\x0c之后的文字 <&> \"引号\"\n=HYPERLINK(\"http://x\")")
    report.set_meta("agency", "<某局&>")
    d = _open(docx_bytes(build_document(report)))
    texts = [p.text for p in d.paragraphs]
    # Word's vertical tab and form feed end a line (str.splitlines); other controls are dropped
    assert "控制字符" in texts and "与竖线" in texts and "之后的文字 <&> \"引号\"" in texts
    assert "=HYPERLINK(\"http://x\")" in texts
    assert "<某局&>" in texts


def test_a_lone_surrogate_is_dropped_not_a_failed_export():
    # The report file keeps a lone surrogate pasted from a damaged document (forms/storage.py);
    # the export failed with 「程序内部错误：Invalid bytes in character encoding」.
    report = pingtan_report()
    report.set_text_of("s5", "孤立\ud800代理")
    report.set_meta("agency", "某\udc00局")
    d = _open(docx_bytes(build_document(report)))
    assert "孤立代理" in [p.text for p in d.paragraphs]
    assert d.core_properties.author == "某局"


def test_money_keeps_its_decimals():
    report = pingtan_report()
    report.set_value("t2:fee:amount", Decimal("0.000125"))
    d = _open(docx_bytes(build_document(report)))
    assert d.tables[0].cell(13, 1).text == "0.000125"


def test_a_landscape_part_is_a_section_of_its_own_and_numbering_runs_on():
    from forms.document import Part, TableBlock
    doc = build_document(pingtan_report())
    body = doc.parts[0].blocks
    at = next(k for k, b in enumerate(body) if isinstance(b, TableBlock) and b.table_id == "t4")
    doc.parts = [Part(blocks=body[:at - 1]), Part(orientation="landscape", blocks=body[at - 1:at + 1]),
                 Part(blocks=body[at + 1:])]
    d = _open(docx_bytes(doc))
    assert [s.orientation for s in d.sections] == [0, 1, 0]   # portrait, landscape, portrait
    land = d.sections[1]
    assert (round(land.page_width.mm), round(land.page_height.mm)) == (297, 210)
    # the turned page keeps the 156 × 225 mm text block, its head towards the binding edge
    assert [round(x.mm) for x in (land.top_margin, land.bottom_margin, land.left_margin, land.right_margin)] == [28, 26, 35, 37]
    assert all(s._sectPr.find(f"{W}pgNumType").get(f"{W}start") is None for s in d.sections)


def test_the_reference_document_is_what_its_script_makes(tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_reference_docx", REFERENCE.with_name("make_reference_docx.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.write(tmp_path / "reference.docx")
    # the entries, not the bytes: another zlib may compress the same text differently
    with zipfile.ZipFile(made) as a, zipfile.ZipFile(REFERENCE) as b:
        assert [(i.filename, a.read(i)) for i in a.infolist()] == [(i.filename, b.read(i)) for i in b.infolist()], \
            "run resources/make_reference_docx.py and commit the result"


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_table_two_column_headings_fit_on_one_line(edition):
    # 「本年新制作数量」 (7 × 12 pt = 84 pt) in a 20 % column left 82.75 pt inside the cell margins:
    # Word and the print broke it as 「本年新制作数」 over a lone 「量」.
    from forms.document import MM_PER_PT, text_width_chars
    from forms.export.docx_writer import CELL_MARGIN_TWIPS
    block = build_document(pingtan_report(edition, 2024)).tables()[0]
    widths = block.widths_mm
    for cell in block.cells:
        if cell.role == "header" and cell.col > 0 and cell.colspan == 1:
            room = widths[cell.col] / MM_PER_PT - 2 * CELL_MARGIN_TWIPS / 20
            assert text_width_chars(cell.text) * block.size_pt <= room, (cell.text, room)


def test_columns_are_the_ones_the_numbers_need():
    # a 汇总 report's 12345 broke as 「1234」 over 「5」 in 表三's columns of the edition's proportions
    from forms.export.ooxml import mm_to_twips
    report = pingtan_report()
    report.set_many({c.id: 12345 for c in report.edition.table("t3").cells
                     if not c.computed and c.row.key in ("new", "carry")})
    document = build_document(report)
    block = next(b for b in document.tables() if b.table_id == "t3")
    assert block.widths != block.grid.widths
    table = _open(docx_bytes(document)).tables[1]
    grid = [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")]
    assert grid == pytest.approx([mm_to_twips(w) for w in block.widths_mm], abs=2)


def test_each_paragraph_keeps_with_the_next_as_the_document_says(pingtan_docx):
    # A run-in heading 「（一）主动公开。全年…」 took keepNext from its Heading2 style: a chain of them
    # went over to the next page in Word and LibreOffice, leaving the foot of the page empty where the
    # print (and the Document) let the page break after them.
    from forms.export.docx_writer import KEEP_NEXT_STYLES
    parts = _parts(pingtan_docx)
    styles = docx.Document(io.BytesIO(pingtan_docx)).styles.element
    keeping = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")
               if s.find(f"{W}pPr/{W}keepNext") is not None}
    assert keeping == KEEP_NEXT_STYLES
    from lxml import etree
    body = etree.fromstring(parts["word/document.xml"]).find(f"{W}body")
    written = [p for p in body.findall(f"{W}p") if p.findtext(f".//{W}t")]
    paragraphs = [p for p in build_document(pingtan_report()).paragraphs() if p.text]
    assert len(written) == len(paragraphs)
    for p, para in zip(written, paragraphs):
        direct = p.find(f"{W}pPr/{W}keepNext")
        style = p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        keeps = style in keeping if direct is None else direct.get(f"{W}val", "1") not in ("0", "false")
        assert keeps == para.keep_with_next, para.text
    assert any(p.kind == "heading" and not p.keep_with_next for p in paragraphs)   # the run-in ones
