"""Importing the official tables from workbooks laid out the way agencies lay them out."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from forms.checks import run_checks
from forms.demo import demo_report
from forms.importer import ImportRefused, import_file
from forms.report import Report
from forms.tablejson import cell_records
from tests.forms.import_fixtures import (T3_COLUMNS, T4_LEAVES, full_report, pingtan, pingtan_workbook, t2_blocks, t3_rows,
                                         t4_values, title, write_list, write_t2, write_t3_body, write_t3_header,
                                         write_t4)


def expected_pingtan() -> dict:
    """Each cell of the 2021 edition → Pingtan's value, looked up by the labels of the JSON sample."""
    data = pingtan()
    t3 = {tuple(r["path"]): r["values"] for r in data["table_3"]["rows"]}
    out = {}
    for rec in cell_records(Report.new("2021", 2024)):
        row, col = tuple(rec["row"]), rec["column"]
        if rec["cell"].startswith("t2:"):
            out[rec["cell"]] = data["table_2"][row[0]][row[1]][col[-1]]
        elif rec["cell"].startswith("t3:"):
            out[rec["cell"]] = t3[row][col[-1]]
        else:
            group = col[0] if col[0] == "行政复议" else f"{col[0]} / {col[1]}"
            out[rec["cell"]] = data["table_4"][group][col[-1]]
    return out


def values_of(report) -> dict:
    return {cid: (float(v) if isinstance(v, Decimal) else v) for cid, v in report.values().items()}


def notes_of(result, kind):
    return [n for n in result.notes if n.kind == kind]


# ------------------------------------------------------------------ a clean agency workbook

def test_pingtan_workbook_places_every_value_and_nothing_else(tmp_path):
    result = import_file(pingtan_workbook(tmp_path / "pingtan.xlsx"), "2021", 2024, "平潭综合实验区")
    assert values_of(result.report) == expected_pingtan()
    assert result.notes == []
    assert result.exit_code == 0
    assert result.placed == 166
    assert result.report.declared == {} and result.report.published_labels == {}
    assert [f.split("：")[0] for f in result.found] == ["表二", "表三", "表四"]
    assert "表三!D7" in result.found[1]   # the table starts under a title, not at A1


def test_a_published_total_that_differs_is_reported_and_kept_as_declared(tmp_path):
    rows = t3_rows()
    rows[0][1][6] = 219                     # 一、本年新收 总计: 218 in the source, 219 here
    wb = Workbook()
    ws = wb.active
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, rows)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:new:total") == 218
    assert result.report.declared == {"t3:new:total": 219}
    [total] = notes_of(result, "total")
    assert total.where == "Sheet!J4" and "219" in total.message and "218" in total.message
    assert total.cell == "t3:new:total"
    assert any(f.rule == "R2" and f.actual == 219 for f in run_checks(result.report))


# ------------------------------------------------------------------ a messy one

def messy_workbook(path):
    """表三 split over two sheets (each part under its own header), offset, numbers as text and in
    full-width digits, 「/」 and 「—」, half-width brackets, spaces and line breaks in labels, a typo,
    label columns not merged, and a wrong total."""
    rows = []
    for path_, values in t3_rows():
        path_, values = list(path_), list(values)
        leaf = path_[-1]
        if leaf == "2.其他法律行政法规禁止公开":
            path_[-1] = "2.其他法律行政止公开"          # as published (R11 must report it)
        elif leaf == "（一）予以公开":
            path_[-1] = "(一)予以公开"
        elif leaf.startswith("（二）部分公开"):
            path_[-1] = "（二）部分公开\n（区分处理的，只计这一情形，不计其他情形）"
        elif leaf == "1.属于国家秘密":
            path_[-1] = " 1.属于国家秘密  "
        elif leaf == "6.属于四类过程性信息":
            values[0] = "/"
        elif leaf == "2.没有现成信息需要另行制作":
            values[1] = "—"
        if path_[0].startswith("一、"):
            values[6] = 219
        rows.append((path_, values))
    wb = Workbook()
    ws = wb.active
    ws.title = "表三（一）"
    ws["A1"] = "附件2"
    title(ws, 2, 1, "收到和处理政府信息公开申请情况", 10)
    write_t3_body(ws, write_t3_header(ws, 4, 1), 1, rows[:10], style="text", merge=False)
    ws = wb.create_sheet("表三（续）")
    write_t3_body(ws, write_t3_header(ws, 2, 3), 3, rows[10:], style="fullwidth")
    ws["B40"] = 12345                  # a stray number far from any table
    wb.save(path)
    return path


def test_messy_workbook(tmp_path):
    result = import_file(messy_workbook(tmp_path / "messy.xlsx"), "2021", 2024)
    got, want = values_of(result.report), expected_pingtan()
    blanks = {"t3:deny_6:natural", "t3:unable_2:business"}
    assert {cid: v for cid, v in got.items() if cid.startswith("t3:")} == \
           {cid: (None if cid in blanks else v) for cid, v in want.items() if cid.startswith("t3:")}
    report = result.report
    assert report.value("t3:total:total") == 218
    assert report.declared == {"t3:new:total": 219}
    assert report.published_labels == {"t3:row:deny_2": "2.其他法律行政止公开", "t3:row:open": "(一)予以公开"}
    blank_notes = {n.where: n for n in notes_of(result, "blank")}
    assert set(blank_notes) == {"表三（一）!D16", "表三（续）!G8"}
    assert "“/”" in blank_notes["表三（一）!D16"].message
    assert [n.where for n in notes_of(result, "total")] == ["表三（一）!J7"]
    assert {n.where for n in notes_of(result, "label")} == {"表三（一）!B9", "表三（一）!C12"}
    assert not notes_of(result, "unplaced") and not notes_of(result, "ambiguous")
    assert [n.message for n in notes_of(result, "missing")] == [
        "没有找到表二（主动公开政府信息情况），该表未导入", "没有找到表四（政府信息公开行政复议、行政诉讼情况），该表未导入"]
    assert any("另有 1 个数字" in n.message for n in notes_of(result, "info"))
    r11 = [f for f in run_checks(report) if f.rule == "R11"]
    assert {f.actual for f in r11} == {"2.其他法律行政止公开", "(一)予以公开"}
    assert result.exit_code == 1


# ------------------------------------------------------------------ what cannot be placed

def test_values_outside_the_official_rows_and_columns_are_reported(tmp_path):
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 3, 1)
    ws.cell(row=3, column=11, value="备注")
    end = write_t3_body(ws, start, 1, t3_rows())
    ws.cell(row=start, column=11, value=5)                 # a number under 「备注」
    ws.cell(row=end, column=1, value="合计")                 # a row the template does not have
    for j in range(7):
        ws.cell(row=end, column=4 + j, value=1)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    unplaced = {n.where for n in notes_of(result, "unplaced")}
    assert unplaced == {f"Sheet!K{start}"} | {f"Sheet!{c}{end}" for c in "DEFGHIJ"}
    assert any("合计" in n.message for n in notes_of(result, "unplaced"))
    assert values_of(result.report)["t3:open:natural"] == 71


def test_subtotal_rows_are_not_taken_for_values(tmp_path):
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    rows = t3_rows()
    r = write_t3_body(ws, start, 1, rows[:4], merge=False)
    ws.cell(row=r, column=2, value="（三）不予公开")          # a subtotal row of another tool
    for j in range(7):
        ws.cell(row=r, column=4 + j, value=39 if j in (0, 6) else 0)
    write_t3_body(ws, r + 1, 1, [(["三、本年度办理结果", "（三）不予公开", p[-1]], v) for p, v in rows[4:12]],
                  merge=False)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert {n.where for n in notes_of(result, "unplaced")} == {f"Sheet!{c}{r}" for c in "DEFGHIJ"}
    assert all("分组标题" in n.message for n in notes_of(result, "unplaced"))
    assert result.report.value("t3:deny_5:natural") == 32


def test_an_official_row_not_found_is_reported_for_r11(tmp_path):
    wb = Workbook()
    ws = wb.active
    rows = [r for r in t3_rows() if r[0][-1] != "3.要求提供公开出版物"]
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, rows)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.published_labels == {"t3:row:ignore_3": None}
    [missing] = [n for n in notes_of(result, "missing") if "表三" in n.message]
    assert "3.要求提供公开出版物" in missing.message
    assert any(f.rule == "R11" and f.actual is None for f in run_checks(result.report))


def test_repeated_headers_are_told_apart_by_their_group_or_reported(tmp_path):
    wb = Workbook()
    ws = wb.active
    write_t4(ws, 1, 1, t4_values())                       # 结果维持 ×3 under their groups
    ws = wb.create_sheet("无分组")
    for i, leaf in enumerate(T4_LEAVES * 3):              # the groups left out: cannot be told apart
        ws.cell(row=1, column=1 + i, value=leaf)
        ws.cell(row=2, column=1 + i, value=i)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t4:n:review_keep") == 2
    assert result.report.value("t4:n:direct_keep") == 0
    assert result.report.value("t4:n:after_keep") == 13
    ambiguous = notes_of(result, "ambiguous")
    assert {n.where for n in ambiguous} == {f"无分组!{c}1" for c in "ABCDEFGHIJKLMNO"}
    assert "行政复议 / 结果维持" in ambiguous[0].message and "复议后起诉 / 结果维持" in ambiguous[0].message
    assert {n.where for n in notes_of(result, "unplaced")} == {f"无分组!{c}2" for c in "ABCDEFGHIJKLMNO"}


def test_the_same_cell_with_two_values_is_not_chosen(tmp_path):
    wb = Workbook()
    write_t4(wb.active, 1, 1, t4_values())
    other = t4_values()
    other[0] = 3                                           # 行政复议 结果维持: 2 on one sheet, 3 on the other
    write_t4(wb.create_sheet("上报稿"), 2, 2, other)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t4:n:review_keep") is None
    [conflict] = notes_of(result, "ambiguous")
    assert "Sheet!A4（2）" in conflict.message and "上报稿!B5（3）" in conflict.message
    assert result.report.value("t4:n:after_keep") == 13      # equal values on both sheets are fine


def test_a_part_without_its_header_is_not_guessed(tmp_path):
    wb = Workbook()
    ws = wb.active
    rows = t3_rows()
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, rows[:12])
    write_t3_body(wb.create_sheet("续表"), 1, 1, rows[12:])   # no header on this sheet
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:deny_5:natural") == 32
    assert result.report.value("t3:unable_1:natural") is None
    assert any(n.where == "续表!D1" for n in notes_of(result, "unplaced"))
    assert not any(n.cell == "t3:unable_1:natural" for n in notes_of(result, "blank"))


# ------------------------------------------------------------------ 表二 and the 2014 list

def test_t2_blocks_with_merged_value_cells_and_no_merges(tmp_path):
    wb = Workbook()
    write_t2(wb.active, 3, 2, t2_blocks())
    ws = wb.create_sheet("平铺")                             # the same, nothing merged, values in the middle
    r = 1
    for block, columns, rows in t2_blocks():
        ws.cell(row=r, column=1, value=block)
        ws.cell(row=r + 1, column=1, value="信息内容")
        for j, label in enumerate(columns):
            ws.cell(row=r + 1, column=2 + j + (len(columns) == 1), value=label)
        for i, (label, values) in enumerate(rows):
            ws.cell(row=r + 2 + i, column=1, value=label)
            for j, v in enumerate(values):
                ws.cell(row=r + 2 + i, column=2 + j + (len(values) == 1), value=v)
        r += 2 + len(rows)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024, sheets=None)
    want = expected_pingtan()
    assert {k: v for k, v in values_of(result.report).items() if k.startswith("t2:")} == \
           {k: v for k, v in want.items() if k.startswith("t2:")}
    assert not notes_of(result, "ambiguous") and not notes_of(result, "unplaced")
    assert result.report.value("t2:fee:amount") == Decimal("18651.06")


def list_workbook(path, report, **kw):
    wb = Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws["A1"] = "附件1"
    title(ws, 2, 1, "政府信息公开情况统计表", 3)
    title(ws, 3, 1, "（2017年度）", 3)
    ws["A4"] = "填报单位（盖章）：鹤壁市山城区人民政府"
    end = write_list(ws, 5, 1, report, **kw)
    ws.cell(row=end + 1, column=1, value="单位负责人：")
    wb.save(path)
    return path


@pytest.mark.parametrize("layout", [{}, {"indent": "  ", "units": False}])
def test_2014_list_table(tmp_path, layout):
    report = full_report("2014", 2017)
    result = import_file(list_workbook(tmp_path / "l.xlsx", report, **layout), "2014", 2017)
    assert result.report.values() == report.values()
    assert result.notes == []
    # 「（二）被依法纠错数」 is under both 四、行政复议数量 and 五、行政诉讼数量: told apart by its group
    assert result.report.value("t1:review_fix:v") != result.report.value("t1:suit_fix:v")


def test_the_demo_2014_list(tmp_path):
    report = demo_report()
    result = import_file(list_workbook(tmp_path / "l.xlsx", report), "2014", 2017)
    assert result.report.values() == report.values()


def test_a_workbook_without_any_table_is_unusable(tmp_path):
    wb = Workbook()
    wb.active["A1"] = "工作台账"
    wb.active["B2"] = 12
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(ImportRefused, match="没有找到"):
        import_file(tmp_path / "t.xlsx", "2021", 2024)


def test_only_the_named_sheets(tmp_path):
    path = pingtan_workbook(tmp_path / "p.xlsx")
    result = import_file(path, "2021", 2024, sheets=["表四"])
    assert [f.split("：")[0] for f in result.found] == ["表四"]
    with pytest.raises(ImportRefused, match="没有工作表“表五”"):
        import_file(path, "2021", 2024, sheets=["表五"])


def test_t3_columns_found_by_their_labels_not_their_order(tmp_path):
    wb = Workbook()
    ws = wb.active
    order = [6, 5, 4, 3, 2, 1, 0]                          # columns written right to left
    ws.cell(row=1, column=1, value="项目")
    for j, k in enumerate(order):
        ws.cell(row=1, column=2 + j, value=T3_COLUMNS[k])
    for i, (path, values) in enumerate(t3_rows()):
        ws.cell(row=2 + i, column=1, value=path[-1])
        for j, k in enumerate(order):
            ws.cell(row=2 + i, column=2 + j, value=values[k])
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert values_of(result.report)["t3:new:natural"] == 217
    assert values_of(result.report)["t3:other_3:business"] == 1
    assert not notes_of(result, "unplaced") and not notes_of(result, "total")


def test_a_register_of_applications_is_not_a_table(tmp_path):
    """A 台账 names 「予以公开」「部分公开」 in every row and counts cases: none of it is 表三."""
    wb = Workbook()
    ws = wb.active
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, t3_rows())
    ledger = wb.create_sheet("台账")
    for j, head in enumerate(["序号", "申请人", "申请人类型", "答复结果", "件数", "总计"]):
        ledger.cell(row=1, column=1 + j, value=head)
    outcomes = ["予以公开", "部分公开", "不予公开", "予以公开", "其他"]
    for i in range(40):
        for j, value in enumerate([i + 1, f"申请人{i}", "自然人", outcomes[i % 5], 1, 1]):
            ledger.cell(row=2 + i, column=1 + j, value=value)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert values_of(result.report) == {**values_of(result.report),
                                        **{k: v for k, v in expected_pingtan().items() if k.startswith("t3:")}}
    assert not any(n.where.startswith("台账") for n in result.problems)
    assert [f.split("：")[1] for f in result.found] == ["Sheet!C4"]


def test_words_in_the_first_value_column_are_a_value_not_the_row_label(tmp_path):
    """「约75件」 typed where 自然人 belongs is a value that is not a number: the row is still
    found by its own label and its other values are taken."""
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    write_t3_body(ws, start, 1, t3_rows())
    ws.cell(row=start + 3, column=4, value="二十九")       # （二）部分公开 / 自然人
    ws.cell(row=start + 12, column=4, value="约75件")      # （四）无法提供 1. / 自然人
    ws.cell(row=start + 3, column=5, value=2)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:partial:business") == 2
    assert result.report.value("t3:partial:natural") is None
    assert result.report.value("t3:unable_1:total") == 0
    assert not any("表三中没有找到" in n.message for n in notes_of(result, "missing"))
    unplaced = {n.where: n.message for n in notes_of(result, "unplaced")}
    assert set(unplaced) == {f"Sheet!D{start + 3}", f"Sheet!D{start + 12}"}
    assert "“二十九”不是数字" in unplaced[f"Sheet!D{start + 3}"]
    assert "部分公开" in unplaced[f"Sheet!D{start + 3}"] and "自然人" in unplaced[f"Sheet!D{start + 3}"]


def test_a_formula_without_a_saved_result_is_named_not_taken_for_a_blank(tmp_path):
    """A workbook written by a program (openpyxl, a reporting system) holds formulas without the
    results Excel would save: the clerk sees 71 in Excel, so 「空白」 would be wrong."""
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    end = write_t3_body(ws, start, 1, t3_rows())
    ws.cell(row=start + 2, column=4, value="=70+1")          # （一）予以公开 / 自然人
    for r in range(start, end):
        ws.cell(row=r, column=10, value=f"=SUM(D{r}:I{r})")   # every 总计 a formula
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:open:natural") is None
    assert result.report.value("t3:new:natural") == 217
    assert not notes_of(result, "blank")
    [formula] = notes_of(result, "unplaced")
    assert formula.where == f"Sheet!D{start + 2}" and formula.cell == "t3:open:natural"
    assert "=70+1" in formula.message and "没有保存计算结果" in formula.message
    [totals] = [n for n in notes_of(result, "info") if "公式" in n.message]
    assert f"Sheet!J{start}" in totals.where and "25 个" in totals.message and "无法与" in totals.message


def test_a_hidden_sheet_is_read_only_for_a_table_the_visible_ones_lack(tmp_path):
    """Last year's 表三 kept on a hidden sheet: the clerk sees this year's only, and this year's is
    imported, not set against numbers she cannot see."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表三"
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, t3_rows())
    old = wb.create_sheet("2023年")
    write_t3_body(old, write_t3_header(old, 1, 1), 1, [(p, [v + 1 for v in values]) for p, values in t3_rows()])
    old.sheet_state = "hidden"
    t4 = wb.create_sheet("表四备份")
    write_t4(t4, 1, 1, t4_values())
    t4.sheet_state = "hidden"
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert values_of(result.report)["t3:new:natural"] == 217
    assert not notes_of(result, "ambiguous")
    info = [n.message for n in notes_of(result, "info")]
    assert any("“2023年”" in m and "隐藏" in m and "未读取" in m for m in info), info
    assert result.report.value("t4:n:after_keep") == 13          # found only on a hidden sheet
    assert any("表四" in m and "“表四备份”" in m and "隐藏" in m for m in info), info


def test_a_row_label_with_a_whereof_prefix_is_still_its_row(tmp_path):
    """「其中：1.属于国家秘密」: sheets mark sub-items with 「其中：」; the row is the official one
    and the label that differs is recorded (R11)."""
    wb = Workbook()
    ws = wb.active
    rows = t3_rows()
    rows = [([*p[:-1], "其中：" + p[-1]] if p[-1] == "1.属于国家秘密" else p, v) for p, v in rows]
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, rows)
    r = write_t2(wb.create_sheet("表二"), 1, 1, [(b, c, [("其中: " + label if label == "行政规范性文件" else label, v)
                                                         for label, v in rs]) for b, c, rs in t2_blocks()])
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:deny_1:natural") == 4
    assert result.report.value("t2:norms:valid") == 440
    assert not notes_of(result, "unplaced") and not any("中没有找到行" in n.message for n in notes_of(result, "missing"))
    assert result.report.published_labels == {"t3:row:deny_1": "其中：1.属于国家秘密", "t2:row:norms": "其中: 行政规范性文件"}


def test_group_headers_unmerged_still_head_the_columns_they_spanned(tmp_path):
    """表四 after 「取消合并单元格」: 行政复议 stays in the first of its five columns and the four
    to its right are empty; a clerk still reads them as under 行政复议."""
    wb = Workbook()
    ws = wb.active
    write_t4(ws, 1, 1, t4_values())
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    ws.cell(row=2, column=17, value="备注")
    ws.cell(row=4, column=17, value=3)                 # under no column of 表四
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    want = expected_pingtan()
    assert {k: v for k, v in values_of(result.report).items() if k.startswith("t4:")} == \
           {k: v for k, v in want.items() if k.startswith("t4:")}
    assert not notes_of(result, "ambiguous")
    assert [n.where for n in notes_of(result, "unplaced")] == ["Sheet!Q4"]


def test_group_headers_typed_mid_span_are_not_stretched_over_other_groups(tmp_path):
    """行政复议 typed over its middle column (C) rather than its first: the columns to its right
    belong to 行政诉讼, and must not be read as 行政复议's."""
    wb = Workbook()
    ws = wb.active
    write_t4(ws, 1, 1, t4_values())
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    ws["C1"], ws["A1"] = ws["A1"].value, None          # 行政复议
    ws["K1"], ws["F1"] = ws["F1"].value, None          # 行政诉讼
    ws["H2"], ws["F2"] = ws["F2"].value, None          # 未经复议直接起诉
    ws["M2"], ws["K2"] = ws["K2"].value, None          # 复议后起诉
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    want = expected_pingtan()
    got = values_of(result.report)
    typed = [k for k in got if k.startswith("t4:n:") and not k.endswith("_total")]
    assert {k: got[k] for k in typed if got[k] is not None and got[k] != want[k]} == {}
    assert notes_of(result, "ambiguous")          # what cannot be told apart is said


def test_a_number_beside_t4_is_named_with_words_not_an_empty_label(tmp_path):
    wb = Workbook()
    ws = wb.active
    write_t4(ws, 1, 1, t4_values())
    ws.cell(row=2, column=17, value="备注")
    ws.cell(row=4, column=17, value=3)
    wb.save(tmp_path / "t.xlsx")
    [note] = notes_of(import_file(tmp_path / "t.xlsx", "2021", 2024), "unplaced")
    assert note.where == "Sheet!Q4" and "“”" not in note.message and "“3”" in note.message


def test_wan_yuan_written_after_an_amount_is_read(tmp_path):
    """「18651.06万元」 in 本年收费金额（单位：万元）, as 「12件」 in a count."""
    wb = Workbook()
    blocks = [(b, c, [(label, [f"{v}万元" if label == "行政事业性收费" else v for v in values]) for label, values in rows])
              for b, c, rows in t2_blocks()]
    write_t2(wb.active, 1, 1, blocks)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t2:fee:amount") == Decimal("18651.06")
    assert not notes_of(result, "unplaced")


def test_yuan_in_a_wan_yuan_cell_is_named_as_the_wrong_unit(tmp_path):
    """「3500元」 where the template counts 万元: not converted (the clerk must check), and the reason
    says it is the unit, not that 3500 is no number."""
    wb = Workbook()
    blocks = [(b, c, [(label, ["3500元" if label == "行政事业性收费" else v for v in values]) for label, values in rows])
              for b, c, rows in t2_blocks()]
    write_t2(wb.active, 1, 1, blocks)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t2:fee:amount") is None
    [note] = notes_of(result, "unplaced")
    assert "3500元" in note.message and "万元" in note.message and "不是数字" not in note.message


def test_numbers_under_headers_of_another_edition_are_not_said_to_lack_headers(tmp_path):
    """2019's 行政许可 row has three numbers under 上一年项目数量 · 本年增/减 · 处理决定数量; read as
    2021 none is 本年处理决定数量, and the note must not claim the table has no headers."""
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    from tests.forms.sample_reports import pingtan_report
    path = tmp_path / "2020.xlsx"
    path.write_bytes(xlsx_bytes(build_document(pingtan_report("2019", 2020))))
    result = import_file(path, "2021", 2024)
    notes = [n.message for n in notes_of(result, "unplaced") if "行政许可" in n.message]
    assert len(notes) == 3
    assert all("没有列标题" not in m and "“本年处理决定数量”" in m for m in notes), notes


def test_value_cells_merged_together_are_named_not_silently_left_blank(tmp_path):
    """A township merged four zeros into one cell, and two rows into one: the cells hidden under
    the merge have no value of their own and must be named, not left blank in silence."""
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    write_t3_body(ws, start, 1, t3_rows())
    ws.merge_cells(start_row=start, start_column=6, end_row=start, end_column=9)      # F:I of 本年新收
    ws.merge_cells(start_row=start + 6, start_column=4, end_row=start + 7, end_column=4)  # 2. and 3. 不予公开
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert result.report.value("t3:new:research") == 0 and result.report.value("t3:new:legal") is None
    blanks = {n.where: n for n in notes_of(result, "blank")}
    assert set(blanks) == {f"Sheet!{c}{start}" for c in "GHI"} | {f"Sheet!D{start + 7}"}
    note = blanks[f"Sheet!G{start}"]
    assert note.cell == "t3:new:charity" and f"F{start}" in note.message and "合并" in note.message


def test_a_title_stating_another_year_is_said_before_the_notes(tmp_path):
    """Last year's table (「…2023年度…」) imported for a 2024 report: its numbers are last year's
    unless the clerk changed them all, so the import says so first."""
    path = pingtan_workbook(tmp_path / "p.xlsx")          # titled 平潭综合实验区2024年度…
    assert import_file(path, "2021", 2024).hints == []
    result = import_file(path, "2021", 2025)
    assert len(result.hints) == 1
    assert "2024 年度" in result.hints[0] and "2025" in result.hints[0]
    assert result.exit_code == 1                          # to be looked at, though every value was placed


def test_a_number_excel_turned_into_a_date_is_named_as_a_date(tmp_path):
    """「1-4」 typed in a cell becomes 1月4日 in Excel: the note says it is a date."""
    import datetime
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    write_t3_body(ws, start, 1, t3_rows())
    ws.cell(row=start + 4, column=4, value=datetime.datetime(2024, 1, 4))
    wb.save(tmp_path / "t.xlsx")
    [note] = notes_of(import_file(tmp_path / "t.xlsx", "2021", 2024), "unplaced")
    assert "日期" in note.message and "00:00:00" not in note.message


def test_amounts_a_sheet_states_in_yuan_are_not_taken_for_wan_yuan(tmp_path):
    """A header 「本年收费金额（单位：元）」 or a 单位 cell 「元」: the number is 元, and read as 万元
    it would be ten thousand times too large. It is left out, and the note says why."""
    wb = Workbook()
    ws = wb.active
    blocks = [(b, [c.replace("万元", "元") for c in cols], [(label, [186510600 if label == "行政事业性收费" else v
                                                                     for v in values]) for label, values in rows])
              for b, cols, rows in t2_blocks()]
    write_t2(ws, 1, 1, blocks)
    wb.save(tmp_path / "t2.xlsx")
    result = import_file(tmp_path / "t2.xlsx", "2021", 2024)
    assert result.report.value("t2:fee:amount") is None
    [note] = [n for n in notes_of(result, "unplaced") if n.cell == "t2:fee:amount"]
    assert "186510600" in note.message and "元" in note.message and "万元" in note.message

    report = full_report("2014", 2017)
    path = list_workbook(tmp_path / "l.xlsx", report)
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb.active
    [row] = [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).strip().startswith("（四）政府信息公开专项经费")]
    ws.cell(row, 2).value = "元"
    wb.save(path)
    result = import_file(path, "2014", 2017)
    assert result.report.value("t1:budget:v") is None
    assert any(n.cell == "t1:budget:v" and "万元" in n.message for n in notes_of(result, "unplaced"))
    assert result.report.value("t1:fees:v") == report.value("t1:fees:v")


def test_sub_rows_of_another_edition_are_not_read_as_their_group(tmp_path):
    """2021's （六）其他处理 has three sub-rows; 2019's is one row. Read as 2019, the sub-rows' labels
    are no labels of the table, but their values are not the group's (each is a third of it)."""
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    from tests.forms.sample_reports import pingtan_report
    path = tmp_path / "2024.xlsx"
    path.write_bytes(xlsx_bytes(build_document(pingtan_report())))
    result = import_file(path, "2019", 2020)
    assert {c: result.report.value(f"t3:other:{c}") for c in ("natural", "research")} == \
           {"natural": None, "research": None}
    assert not any("t3:other:" in (n.cell or "") for n in notes_of(result, "ambiguous"))
    assert any("（六）其他处理" in n.message for n in notes_of(result, "missing"))


def _other_as_one_row(values: list, balanced: bool = False) -> list:
    """表三's rows with 2021's three （六）其他处理 sub-rows replaced by 2019's single row; balanced:
    with 一、本年新收 and （七）总计 less Pingtan's sub-rows, so that the table adds up with ``values``."""
    rows = t3_rows()
    sub = [v for p, v in rows if p[1:2] == ["（六）其他处理"]]
    rows = [(p, list(v)) for p, v in rows if p[1:2] != ["（六）其他处理"]]
    for path, v in rows:
        if balanced and path[-1] in ("一、本年新收政府信息公开申请数量", "（七）总计"):
            v[:] = [v[j] - sum(s[j] for s in sub) + values[j] for j in range(7)]
    at = next(i for i, r in enumerate(rows) if r[0][-1] == "（七）总计")
    return rows[:at] + [(["三、本年度办理结果", "（六）其他处理"], values)] + rows[at:]


def _one_row_workbook(path, values, balanced: bool = False):
    wb = Workbook()
    ws = wb.active
    write_t3_body(ws, write_t3_header(ws, 1, 1), 1, _other_as_one_row(values, balanced))
    wb.save(path)
    return path


def test_a_group_written_as_one_row_is_not_called_a_subtotal(tmp_path):
    """A 2021 table with 2019's single （六）其他处理 row: its numbers are the only ones for the three
    sub-rows.  They cannot be shared out, so they are not placed, and the note says so, names the
    sub-rows and asks for them to be filled in by hand; the totals of the file disagree (R3, R1)
    until they are, and the missing sub-rows are R11's."""
    path = _one_row_workbook(tmp_path / "t.xlsx", [2, 1, 0, 0, 0, 0, 3], balanced=True)
    result = import_file(path, "2021", 2024)
    assert not any("小计" in n.message for n in result.notes)
    [note] = [n for n in notes_of(result, "unplaced") if "其他处理" in n.message]
    assert note.where == "Sheet!D24" and note.cell == "t3:other_1:natural"
    for text in ("2019年版格式", "2021年版格式", "“3.其他” 3 行", "自然人 2、商业企业 1", "未导入", "手工填写"):
        assert text in note.message
    assert all(result.report.value(f"t3:other_{i}:{c}") is None for i in (1, 2, 3) for c in ("natural", "business"))
    # columns with 0 in the single row are 0 in each sub-row: nothing else adds up to 0
    assert all(result.report.value(f"t3:other_{i}:research") == 0 for i in (1, 2, 3))
    assert any(n.kind == "info" and "“科研机构”" in n.message for n in result.notes)
    findings = run_checks(result.report)
    assert {f.expected for f in findings if f.rule == "R11"} == \
           {p[-1] for p, _ in t3_rows() if p[1:2] == ["（六）其他处理"]}
    r3 = {(f.cells[0], f.actual - f.expected) for f in findings if f.rule == "R3"}
    assert r3 == {("t3:total:natural", 2), ("t3:total:business", 1), ("t3:total:total", 3)}
    assert {f.cells[0] for f in findings if f.rule == "R1"} == {"t3:new:natural", "t3:new:business", "t3:new:total"}
    result.report.set_many({"t3:other_1:natural": 2, "t3:other_3:business": 1})   # the clerk fills them in
    assert not [f for f in run_checks(result.report) if f.rule in ("R1", "R3")]


def test_a_group_written_as_one_row_of_zeros_is_zero_in_each_sub_row(tmp_path):
    result = import_file(_one_row_workbook(tmp_path / "t.xlsx", [0] * 7, balanced=True), "2021", 2024)
    assert not notes_of(result, "unplaced")
    columns = ("natural", "business", "research", "charity", "legal", "others")
    assert all(result.report.value(f"t3:other_{i}:{c}") == 0 for i in (1, 2, 3) for c in columns)
    assert any(n.kind == "info" and "各栏均为 0" in n.message for n in result.notes)
    assert all("合在一起" in n.message for n in notes_of(result, "missing") if "其他处理" in n.message)
    findings = run_checks(result.report)
    assert not [f for f in findings if f.rule in ("R1", "R3")]
    assert len([f for f in findings if f.rule == "R11"]) == 3


def test_a_column_of_the_sheets_own_is_one_note_naming_its_header(tmp_path):
    """A 「合计」 column beside 表三 repeats 总计 in every row: one thing for the clerk to read, named
    by its header, not 25 notes claiming the column has none."""
    wb = Workbook()
    ws = wb.active
    start = write_t3_header(ws, 1, 1)
    ws.cell(row=2, column=11, value="合计")
    end = write_t3_body(ws, start, 1, t3_rows())
    for r in range(start, end):
        ws.cell(row=r, column=11, value=ws.cell(row=r, column=10).value)
    ws.cell(row=1, column=13, value="备注")
    ws.cell(row=start, column=13, value=5)
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert values_of(result.report) == {k: v for k, v in expected_pingtan().items() if k.startswith("t3:")} | \
           {k: None for k in values_of(result.report) if not k.startswith("t3:")}
    by_where = {n.where: n.message for n in notes_of(result, "unplaced")}
    assert set(by_where) == {f"Sheet!K{start}", f"Sheet!M{start}"}
    assert f"K{start}至K{end - 1}这一列的 {end - start} 个数字" in by_where[f"Sheet!K{start}"]
    assert "列标题“合计”不是本表的列" in by_where[f"Sheet!K{start}"]
    assert "“5”" in by_where[f"Sheet!M{start}"] and "列标题“备注”" in by_where[f"Sheet!M{start}"]


def test_a_subtotal_at_a_page_break_is_still_a_subtotal(tmp_path):
    """表三 in two parts, each under its header: the first ends with a （六）其他处理 subtotal row, the
    second holds its three sub-rows.  The row is a subtotal, not a group written as one row."""
    rows = t3_rows()
    at = next(i for i, r in enumerate(rows) if r[0][1:2] == ["（六）其他处理"])
    sub = [v for p, v in rows if p[1:2] == ["（六）其他处理"]]
    subtotal = (["三、本年度办理结果", "（六）其他处理"], [sum(v[j] for v in sub) for j in range(7)])
    wb = Workbook()
    ws = wb.active
    end = write_t3_body(ws, write_t3_header(ws, 1, 1), 1, rows[:at] + [subtotal])
    write_t3_body(ws, write_t3_header(ws, end + 2, 1), 1, rows[at:])
    wb.save(tmp_path / "t.xlsx")
    result = import_file(tmp_path / "t.xlsx", "2021", 2024)
    assert values_of(result.report) == {k: v for k, v in expected_pingtan().items() if k.startswith("t3:")} | \
           {k: None for k in values_of(result.report) if not k.startswith("t3:")}
    assert all("小计不导入" in n.message for n in notes_of(result, "unplaced"))
