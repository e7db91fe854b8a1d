"""The .xlsx attachment: one sheet per table, the Grid's merges, numbers as numbers, clerk text
always text, A4 print setup, reproducible bytes (forms/export/xlsx_writer.py)."""

import io
import math
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from forms.demo import demo_report
from forms.document import build_document
from forms.export.xlsx_writer import (append_table_sheet, breaks_sensibly, build_workbook, least_width_chars,
                                      safe_sheet_title, sheet_texts, workbook_bytes, xlsx_bytes)
from forms.layout import grid_of

from .golden import check_golden
from .sample_reports import pingtan_report

GOLDEN_PARTS = ("xl/worksheets/*", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml")


@pytest.fixture(scope="module")
def demo_xlsx():
    return xlsx_bytes(build_document(demo_report()))


@pytest.fixture(scope="module")
def pingtan_xlsx():
    return xlsx_bytes(build_document(pingtan_report()))


def _open(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _raw_borders(data: bytes, sheet_index: int) -> dict[str, tuple]:
    """Each cell's border sides as stored in the file (openpyxl's reader redraws the borders of
    merged ranges itself, so read-back cells cannot show what was written)."""
    from lxml import etree
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        styles = etree.fromstring(zf.read("xl/styles.xml"))
        sheet = etree.fromstring(zf.read(f"xl/worksheets/sheet{sheet_index}.xml"))
    borders = [tuple((b.find(f"{S}{side}").get("style") if b.find(f"{S}{side}") is not None else None)
                     for side in ("left", "right", "top", "bottom"))
               for b in styles.find(f"{S}borders")]
    xfs = [int(xf.get("borderId", 0)) for xf in styles.find(f"{S}cellXfs")]
    return {c.get("r"): borders[xfs[int(c.get("s", 0))]] for c in sheet.iter(f"{S}c")}


def _table_top(ws, grid) -> int:
    """The sheet row of the grid's first row: the first row with a border at the top of column A."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).border.top.style == "thin":
            return row
    raise AssertionError("no table on the sheet")


def test_golden_demo(demo_xlsx):
    check_golden("demo-xlsx", demo_xlsx, GOLDEN_PARTS)


def test_golden_2021(pingtan_xlsx):
    check_golden("pingtan-2021-xlsx", pingtan_xlsx, GOLDEN_PARTS)


def test_same_report_same_bytes(pingtan_xlsx):
    assert xlsx_bytes(build_document(pingtan_report())) == pingtan_xlsx
    with zipfile.ZipFile(io.BytesIO(pingtan_xlsx)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_one_sheet_per_table_titled_as_in_the_report(demo_xlsx, pingtan_xlsx):
    assert _open(pingtan_xlsx).sheetnames == ["表二", "表三", "表四"]
    assert _open(xlsx_bytes(build_document(pingtan_report("2019", 2020)))).sheetnames == ["表二", "表三", "表四"]
    wb = _open(pingtan_xlsx)
    assert wb["表三"]["A1"].value == "三、收到和处理政府信息公开申请情况"
    demo = _open(demo_xlsx)
    assert demo.sheetnames == ["统计表"]
    ws = demo["统计表"]
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == [
        "政府信息公开情况统计表", "（2017年度）", "填报单位（盖章）：鹤壁市山城区人民政府"]
    below = [ws.cell(r, 1).value for r in (ws.max_row - 1, ws.max_row)]
    assert below[0].startswith("单位负责人：") and below[1].startswith("联系电话：")


@pytest.mark.parametrize("which", ["demo", "2021", "2019"])
def test_merges_and_values_follow_the_grid(which):
    report = {"demo": demo_report, "2021": pingtan_report, "2019": lambda: pingtan_report("2019", 2020)}[which]()
    data = xlsx_bytes(build_document(report))
    wb = _open(data)
    for index, (block, _) in enumerate(sheet_texts(build_document(report)), start=1):
        ws = wb[block.name]
        raw = _raw_borders(data, index)
        grid = grid_of(report.edition.table(block.table_id))
        top = _table_top(ws, grid)
        merges = {str(r) for r in ws.merged_cells.ranges if r.min_row >= top}
        expected = set()
        for gc in grid.merges():
            rng = openpyxl.worksheet.cell_range.CellRange(
                min_col=gc.col + 1, min_row=top + gc.row, max_col=gc.col + gc.colspan, max_row=top + gc.row + gc.rowspan - 1)
            expected.add(rng.coord)
        below = {str(r) for r in ws.merged_cells.ranges if r.min_row >= top + grid.n_rows}
        assert merges - below == expected
        for gc in grid.cells:
            cell = ws.cell(top + gc.row, gc.col + 1)
            if gc.role == "value":
                value = report.value(gc.cell_id)
                if value is None:
                    assert cell.value is None
                else:
                    assert isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                    assert Decimal(str(cell.value)) == Decimal(value)
            elif gc.text:
                assert cell.value == gc.text and cell.data_type == "s"
            # thin borders on every cell of a merged range
            for r in range(gc.row, gc.row + gc.rowspan):
                for c in range(gc.col, gc.col + gc.colspan):
                    assert raw[ws.cell(top + r, c + 1).coordinate] == ("thin",) * 4


def test_computed_cells_are_values_not_formulas(pingtan_xlsx):
    with zipfile.ZipFile(io.BytesIO(pingtan_xlsx)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name)
    ws = _open(pingtan_xlsx)["表三"]
    assert 218 in [c.value for row in ws.iter_rows() for c in row]


def test_money_has_its_decimals(pingtan_xlsx):
    ws = _open(pingtan_xlsx)["表二"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 18651.06)
    assert cell.number_format == "0.00"
    report = pingtan_report()
    report.set_value("t2:fee:amount", Decimal("0.000125"))
    ws = _open(xlsx_bytes(build_document(report)))["表二"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 0.000125)
    assert cell.number_format == "0.000000"


def test_whole_money_stays_general_so_a_corrected_amount_shows_its_decimals(demo_xlsx):
    """With 「0」 a 万元 amount corrected in Excel from 1 to 1.5 would show as 「2」."""
    ws = _open(demo_xlsx)["统计表"]
    rows = {ws.cell(r, 1).value.strip(): r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}
    fee = ws.cell(rows["七、依申请公开信息收取的费用"], 3)
    budget = ws.cell(next(r for label, r in rows.items() if label.startswith("（四）政府信息公开专项经费")), 3)
    assert (fee.value, budget.value) == (0, 1)
    assert fee.number_format == budget.number_format == "General"
    count = ws.cell(rows["（三）接受培训人员数"], 3)
    assert count.value == 80 and count.number_format == "0"


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://evil","点我")', "+1+1", "-2", "@SUM(A1)"])
def test_clerk_text_is_never_a_formula(hostile):
    report = demo_report()
    report.set_meta("filling_unit", hostile)
    report.set_meta("head", hostile)
    data = xlsx_bytes(build_document(report))
    ws = _open(data)["统计表"]
    assert ws["A3"].value == f"填报单位（盖章）：{hostile}"
    people = ws.cell(ws.max_row - 1, 1)
    assert people.value.startswith(f"单位负责人：{hostile}") and people.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")
    # a cell holding nothing but the hostile text stays text too
    wb = build_workbook(build_document(report))
    append_table_sheet(wb, "汇总", ["单位", "数量"], [[hostile, 3]])
    ws = _open(workbook_bytes(wb))["汇总"]
    assert ws["A2"].value == hostile and ws["A2"].data_type == "s" and ws["B2"].value == 3


def test_a_lone_surrogate_in_the_agency_is_dropped_not_a_failed_export():
    report = pingtan_report()
    report.set_meta("agency", "某\udc00局")
    wb = _open(xlsx_bytes(build_document(report)))
    assert wb.properties.creator == "某局"


def test_print_setup(pingtan_xlsx, demo_xlsx):
    wb = _open(pingtan_xlsx)
    for name, orientation in (("表二", "portrait"), ("表三", "landscape"), ("表四", "landscape")):
        ws = wb[name]
        assert ws.page_setup.paperSize in (9, "9")
        assert ws.page_setup.orientation == orientation
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1
        assert ws.print_options.horizontalCentered
        assert "&P" in ws.oddFooter.center.text
    assert wb["表三"].print_title_rows == "$2:$4"
    assert wb["表二"].print_title_rows is None       # 表二 has no header rows to repeat
    assert _open(demo_xlsx)["统计表"].print_title_rows == "$4:$4"


def test_a_table_that_can_be_read_on_one_page_prints_on_one(pingtan_xlsx, demo_xlsx):
    """表三 at full size is taller than a landscape A4 page: Excel printed its last rows, the
    （六） group cut in two, on a second page.  The 2014 统计表 (65 rows) needs two pages."""
    wb = _open(pingtan_xlsx)
    for name in ("表二", "表三", "表四"):
        assert int(wb[name].page_setup.fitToHeight) == 1, name
    ws = wb["表三"]
    height = sum(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))
    assert height > 595.3 - 1.5 * 72          # it needs the shrinking
    assert int(_open(demo_xlsx)["统计表"].page_setup.fitToHeight) == 0


def test_labels_wrap_and_rows_are_tall_enough(pingtan_xlsx):
    ws = _open(pingtan_xlsx)["表三"]
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["A2"].alignment.wrap_text
    assert ws.row_dimensions[2].height >= 20
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert all(w >= 6 for w in widths) and widths[2] > widths[3]


# Excel at 96 dpi: a column of width w shows 7·w − 5 px of text; a character of 11 pt is 14.7 px.
def _excel_chars(width: float) -> float:
    return (width * 7 - 5) / (11 * 96 / 72)


@pytest.mark.parametrize("which", ["demo", "2021", "2019"])
def test_short_headings_are_never_wrapped_inside_the_word(which):
    """「社会公益组织」 in a column that shows five characters prints as 「社会公益组/织」."""
    report = {"demo": demo_report, "2021": pingtan_report, "2019": lambda: pingtan_report("2019", 2020)}[which]()
    doc = build_document(report)
    wb = _open(xlsx_bytes(doc))
    for block, _ in sheet_texts(doc):
        ws = wb[block.name]
        letters = [openpyxl.utils.get_column_letter(c + 1) for c in range(block.grid.n_cols)]
        for cell in block.cells:
            words = re.split(r"[、，：（）“” ]+", cell.text)
            if cell.role != "header" or not cell.text or len(words) > 1 or len(cell.text) > 8:
                continue
            width = sum(ws.column_dimensions[letters[c]].width for c in range(cell.col, cell.col + cell.colspan))
            assert _excel_chars(width) >= len(cell.text), (block.name, cell.text, width)


def test_a_term_label_is_kept_whole_and_numbers_show_whole():
    report = pingtan_report()
    report.set_value("t3:new:others", 1234567)   # seven digits under the two-character 「其他」
    ws = _open(xlsx_bytes(build_document(report)))["表三"]
    # 「三、本年度办理结果」 (A) is not cut into 「三、本年度办理/结果」, 「（三）不予公开」 (B) is one line
    assert _excel_chars(ws.column_dimensions["A"].width) >= 9
    assert _excel_chars(ws.column_dimensions["B"].width) >= 7
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 1234567)
    assert (ws.column_dimensions[cell.column_letter].width * 7 - 5) >= 7 * 7.5   # not ####


def test_breaks_fall_only_where_a_reader_expects_them():
    assert not breaks_sensibly("社会公益组织", 5) and breaks_sensibly("社会公益组织", 6)
    assert not breaks_sensibly("三、本年度办理结果", 7)
    assert breaks_sensibly("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 21.5)
    assert not breaks_sensibly("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 23)
    # a long phrase may wrap inside, but a closing bracket never starts a line (LibreOffice would)
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert breaks_sensibly(corner, 30) and not breaks_sensibly(corner, 33)
    assert not breaks_sensibly("其中：主要负责同志参加新闻发布会次数计1次", 20)    # 「计1/次」
    assert breaks_sensibly("统 计 指 标", 2.5)
    assert not breaks_sensibly("1234567", 3) and breaks_sensibly("1234567", 3.5)   # or ####
    # at least the width at which no nearby screen width breaks badly
    assert least_width_chars("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 21) == 28


def test_a_long_filling_unit_gets_a_row_tall_enough_for_its_lines():
    """A joint 两办 name takes two lines; at a fixed 22 pt the second was cut off."""
    report = demo_report()
    report.set_meta("filling_unit", "中共某某省某某市某某区委员会办公室、某某市某某区人民政府办公室（某某区政务服务和数据管理局）")
    ws = _open(xlsx_bytes(build_document(report)))["统计表"]
    assert ws["A3"].value.startswith("填报单位（盖章）：中共")
    width = sum(ws.column_dimensions[c].width for c in "ABC")
    lines = math.ceil(len(ws["A3"].value) / _excel_chars(width))
    assert lines == 2 and ws.row_dimensions[3].height >= lines * 14
    assert ws.row_dimensions[2].height == 22       # 「（2017年度）」 keeps its one line


def test_extra_sheet_for_aggregation():
    doc = build_document(pingtan_report())

    def breakdown(wb):
        append_table_sheet(wb, "分单位[明细]", ["单位", "申请数", "金额（万元）"],
                           [["甲局", 3, Decimal("1.5")], ["乙局", 0, Decimal("0")]], caption="分单位明细")

    wb = _open(xlsx_bytes(doc, extra_sheets=[breakdown]))
    assert wb.sheetnames == ["表二", "表三", "表四", "分单位_明细_"]
    ws = wb["分单位_明细_"]
    assert ws["A1"].value == "分单位明细" and ws["B2"].value == "申请数"
    assert ws["C3"].value == 1.5 and ws["C3"].number_format == "0.0"


def test_safe_sheet_titles():
    assert safe_sheet_title("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    assert len(safe_sheet_title("长" * 40)) == 31
    assert safe_sheet_title("表二", ["表二"]) == "表二(2)"
    assert safe_sheet_title("") == "Sheet"


@pytest.mark.parametrize("which", ["demo", "2021", "2019"])
def test_the_attachment_reads_back_through_the_importer_even_resaved(which, tmp_path):
    from forms.importer import import_file
    report = {"demo": demo_report, "2021": pingtan_report, "2019": lambda: pingtan_report("2019", 2020)}[which]()
    path = tmp_path / "attachment.xlsx"
    path.write_bytes(xlsx_bytes(build_document(report)))
    resaved = tmp_path / "resaved.xlsx"   # what comes back from someone else's spreadsheet program
    openpyxl.load_workbook(path).save(resaved)
    for source in (path, resaved):
        result = import_file(source, report.edition, report.meta.year, report.meta.agency)
        assert result.notes == []
        assert {c: result.report.value(c) for c in report.edition.cells} == report.values()
