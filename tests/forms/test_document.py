"""The document description every renderer draws from (forms/document.py)."""

import pytest

from forms.demo import demo_report
from forms.document import (TableBlock, build_document, chinese_date, printed_width_chars,
                            text_width_chars, title_lines)
from forms.fonts import FontProfileError, get_profile
from forms.layout import grid_of
from forms.narrative import paragraphs
from forms.numbers import format_number

from .sample_reports import pingtan_report


@pytest.fixture(scope="module")
def demo():
    return demo_report()


def test_page_is_gbt9704_a4(demo):
    page = build_document(demo).page
    assert (page.width_mm, page.height_mm) == (210, 297)
    assert (page.margin_top_mm, page.margin_left_mm, page.margin_right_mm, page.margin_bottom_mm) == (37, 28, 26, 35)
    assert (page.text_width_mm, page.text_height_mm) == (156, 225)
    assert (page.lines_per_page, page.chars_per_line) == (22, 28)


def test_every_paragraph_of_the_demo_is_there_in_order(demo):
    doc = build_document(demo)
    texts = [p.text for p in doc.paragraphs() if p.kind in ("body", "heading")]
    expected = []
    for section in demo.edition.sections:
        if demo.heading(section.id):
            expected.append(demo.heading(section.id))
        expected.extend(paragraphs(demo.text(section.id)))
    assert texts == expected


def test_headings_by_numbering_and_run_in_headings():
    doc = build_document(pingtan_report())
    headings = {p.text: p for p in doc.paragraphs("heading")}
    assert headings["一、总体情况"].runs[0].role == "heading1"
    run_in = next(p for t, p in headings.items() if t.startswith("（一）主动公开。"))
    assert [r.role for r in run_in.runs] == ["heading2", "body"]
    assert run_in.runs[0].text == "（一）主动公开。"
    assert headings["1.规范办理流程。"].level == 3
    assert headings["（1）登记环节"].runs[0].role == "heading4"
    assert all(p.first_line_chars == 2 for p in doc.paragraphs("body"))


def test_a_section_text_that_repeats_its_heading_prints_it_once():
    # Pasted from last year's Word report with its heading: 「一、总体情况」 printed twice.
    report = pingtan_report()
    report.set_text_of("s1", "一、 总体情况\n（一）主动公开。本年度主动公开政府信息。")
    report.set_text_of("s5", "五、存在的主要问题及改进情况：\n一是公开质量有待提高。")
    report.set_text_of("s6", "一、总体情况\n本年度未收取信息处理费。")     # another heading: kept
    texts = [p.text for p in build_document(report).paragraphs() if p.kind in ("body", "heading")]
    assert texts.count("一、总体情况") == 2      # s1's heading, and the line of s6
    assert texts[texts.index("一、总体情况") + 1].startswith("（一）主动公开。")
    assert texts.count("五、存在的主要问题及改进情况") == 1
    assert not any(t.startswith("五、存在的主要问题及改进情况：") for t in texts)


def test_an_opening_pasted_with_the_report_s_title_prints_the_title_once():
    report = pingtan_report()
    title = report.meta.effective_title
    report.set_text_of("opening", f"{title}\n本报告根据《条例》编制。")
    texts = [p.text for p in build_document(report).paragraphs() if p.kind in ("body", "heading")]
    assert texts[0] == "本报告根据《条例》编制。" and title not in texts


def test_styles_follow_the_profile():
    doc = build_document(pingtan_report())
    s = doc.styles
    assert (s["title"].east_asia, s["title"].size_pt) == ("方正小标宋简体", 22)
    assert (s["body"].east_asia, s["body"].size_pt, s["body"].latin) == ("仿宋_GB2312", 16, "Times New Roman")
    assert s["heading1"].east_asia == "黑体" and s["heading2"].east_asia == "楷体_GB2312"
    assert (s["page_number"].east_asia, s["page_number"].size_pt) == ("宋体", 14)
    assert not s["heading3"].bold
    assert build_document(pingtan_report(), bold_level3=True).styles["heading3"].bold
    win = build_document(pingtan_report(), "windows").styles
    assert (win["body"].east_asia, win["heading2"].east_asia) == ("仿宋", "楷体")


def test_unknown_font_profile_is_a_clear_error():
    with pytest.raises(FontProfileError, match="没有名为“nope”的字体方案"):
        get_profile("nope")


def test_2021_tables_follow_their_sections():
    report = pingtan_report()
    blocks = list(build_document(report).blocks())
    for section in report.edition.sections:
        for table_id in section.tables:
            at = next(i for i, b in enumerate(blocks) if isinstance(b, TableBlock) and b.table_id == table_id)
            heading = next(i for i, b in enumerate(blocks) if getattr(b, "text", None) == section.heading)
            nxt = [i for s in report.edition.sections[report.edition.sections.index(section) + 1:]
                   for i, b in enumerate(blocks) if getattr(b, "text", None) == s.heading]
            assert heading < at < (min(nxt) if nxt else len(blocks))
    assert len(build_document(report).parts) == 1   # no attachment


def test_table_texts_are_the_formatted_values_on_the_grid():
    report = pingtan_report()
    for block in build_document(report).tables():
        grid = grid_of(report.edition.table(block.table_id))
        assert block.grid is grid and len(block.cells) == len(grid.cells)
        for cell, gc in zip(block.cells, grid.cells):
            assert (cell.row, cell.col, cell.rowspan, cell.colspan) == (gc.row, gc.col, gc.rowspan, gc.colspan)
            if gc.role == "value":
                spec = report.edition.cells[gc.cell_id]
                assert cell.text == format_number(report.value(gc.cell_id), spec.kind)
            else:
                assert cell.text == gc.text
    t2 = next(b for b in build_document(report).tables() if b.table_id == "t2")
    assert "18651.06" in [c.text for c in t2.cells]


def test_a_summed_report_s_numbers_fit_their_columns_on_one_line():
    # A 汇总 report's 12345 in 表三's 10.8 mm columns printed as 「1234」 over 「5」 in Word, LibreOffice
    # and the print: a number column takes the room it needs from the other columns.
    from forms.document import CELL_PADDING_MM, MM_PER_PT
    report = pingtan_report()
    values = {c.id: 12345 for c in report.edition.table("t3").cells if not c.computed}
    # 表四 has no label column to give room: its 总计 of 10000 takes it from its neighbours
    values.update({c.id: 2500 for c in report.edition.table("t4").cells if not c.computed})
    report.set_many(values)
    for block in build_document(report).tables():
        widths = block.widths_mm
        assert sum(widths) == pytest.approx(block.width_mm)
        for cell in block.cells:
            if cell.role == "value" and cell.colspan == 1:
                room = widths[cell.col] - 2 * CELL_PADDING_MM
                assert text_width_chars(cell.text) * block.size_pt * MM_PER_PT <= room, (block.table_id, cell.text)
        if block.table_id == "t3":   # 「（二）部分公开（…）」 still has its column, only narrower
            assert widths[2] > 30


def test_numbers_that_fit_keep_the_edition_s_proportions():
    for block in build_document(pingtan_report()).tables():
        assert block.widths == block.grid.widths


def test_2014_attachment_page(demo):
    demo.set_meta("head", "张三")
    demo.set_meta("fill_date", "2018-01-05")
    doc = build_document(demo)
    assert [p.kind for p in doc.parts] == ["body", "attachment"]
    att = doc.parts[1].blocks
    assert att[0].text == "附件1" and att[0].runs[0].role == "attachment_label"
    # 「附件」 and its number in 3号黑体 (GB/T 9704 7.3.7): the 「1」 is not Times New Roman
    label = doc.style("attachment_label")
    assert (label.east_asia, label.latin, label.size_pt) == ("黑体", "黑体", 16.0)
    assert att[2].text == "政府信息公开情况统计表" and att[2].align == "center"
    assert att[3].text == "（2017年度）"
    assert att[4].text == "填报单位（盖章）：鹤壁市山城区人民政府"
    assert isinstance(att[5], TableBlock) and att[5].name == "统计表"
    footer = [p.text for p in att[6:]]
    assert footer[0].startswith("单位负责人：张三") and "审核人：" in footer[0] and "填报人：" in footer[0]
    assert "联系电话：" in footer[1] and footer[1].endswith("填报日期：2018年1月5日")
    assert doc.paragraphs("annex_note")[0].text == "附件：政府信息公开情况统计表"


def _first_char(para, chars_per_line=28):
    """Where a paragraph's first character stands, in characters from the left margin, with the
    gaps Word and LibreOffice put where Chinese meets digits."""
    if para.align == "left":
        return para.left_chars
    return chars_per_line - para.right_chars - printed_width_chars(para.text)


def test_signature_gbt9704_unstamped():
    report = pingtan_report()
    report.set_meta("issue_date", "2026-01-20")
    doc = build_document(report)
    agency, when = doc.paragraphs("signature_agency")[0], doc.paragraphs("signature_date")[0]
    assert when.text == "2026年1月20日"
    assert agency.align == "right" and agency.right_chars == 2
    # the date's first character stands two characters right of the agency's first
    assert _first_char(when) - _first_char(agency) == 2
    blocks = doc.parts[0].blocks
    assert blocks[blocks.index(agency) - 1].kind == "blank"
    # the signature keeps the last paragraph of text with it
    assert all(b.keep_with_next for b in blocks[blocks.index(agency) - 2:blocks.index(agency) + 1])


@pytest.mark.parametrize("agency", ["某局", "某某县财政局", "鹤壁市山城区教育局"])
def test_signature_when_the_date_is_longer_than_the_name(agency):
    # 「2025年1月20日」 prints 7.6 characters wide: placed as if 6.5, it stood one character right of
    # 「某某县财政局」, not two
    report = pingtan_report()
    report.set_meta("agency", agency)
    doc = build_document(report)
    agency, when = doc.paragraphs("signature_agency")[0], doc.paragraphs("signature_date")[0]
    assert when.align == "right" and when.right_chars == 2
    assert _first_char(when) - _first_char(agency) == pytest.approx(2)


def test_the_printed_width_counts_the_gaps_between_chinese_and_digits():
    assert printed_width_chars("2026年1月20日") == pytest.approx(6.5 + 5 * 0.22)
    assert printed_width_chars("鹤壁市山城区人民政府") == 10


def test_signature_without_a_date():
    doc = build_document(demo_report())
    assert [p.text for p in doc.paragraphs("signature_agency")] == ["鹤壁市山城区人民政府"]
    assert doc.paragraphs("signature_date") == []


def test_dates_and_title_lines():
    assert chinese_date("2026-01-05") == "2026年1月5日"
    assert chinese_date("") == ""
    assert chinese_date("2026年1月") == "2026年1月"   # not ISO: printed as written, never a crash
    assert title_lines("某局2025年政府信息公开工作年度报告", "某局", 20) == ["某局2025年政府信息公开工作年度报告"]
    assert title_lines("鹤壁市山城区人民政府2017年政府信息公开工作年度报告", "鹤壁市山城区人民政府", 20) == [
        "鹤壁市山城区人民政府", "2017年政府信息公开工作年度报告"]


def test_a_title_of_twenty_characters_with_a_year_goes_on_two_lines():
    # 「国家统计局2024年政府信息公开工作年度报告」 is 20 characters of 22 pt in a 20.1-character line,
    # but prints 20.4 with the gaps around 「2024」: Word and the print left 「告」 alone on line 2
    report = pingtan_report()
    report.set_meta("agency", "国家统计局")
    title = build_document(report).paragraphs("title")[0]
    assert title.text.split("\n") == ["国家统计局", "2024年政府信息公开工作年度报告"]
    assert title_lines("国家统计局2024年政府信息公开工作年度报告", "国家统计局", 20.1) == [
        "国家统计局", "2024年政府信息公开工作年度报告"]


def test_document_properties_are_fixed_by_the_report(demo):
    a, b = build_document(demo), build_document(demo)
    assert a.properties == b.properties
    assert a.properties.created == "2018-01-01T00:00:00Z"
    assert a.properties.language == "zh-CN"


def test_page_number_style(demo):
    pn = build_document(demo).page_numbers
    assert (pn.text(3), pn.align(3), pn.align(4)) == ("— 3 —", "right", "left")
    assert (pn.indent_chars, pn.below_text_mm) == (1, 7)
    assert build_document(demo).style(pn.role).size_pt == 14
