"""汇总: sub-units' reports summed exactly; every file that is not summed is named, with why."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from forms.aggregate import AggregateError, aggregate, breakdown_rows, input_files, read_expect_list
from forms.checks import run_checks
from forms.cli import main
from forms.report import Report
from forms.storage import read_report, save_report
from tests.forms.disk_faults import fill_disk_of
from tests.forms.sample_reports import pingtan_report


def unit(name, year=2024, edition="2021", **values):
    """A balanced unit report: ``new`` requests, all 予以公开, plus any other typed cells."""
    report = Report.new(edition, year, name)
    report.fill_blanks_with_zero()
    new = values.pop("new", 0)
    report.set_many({"t3:new:natural": new, "t3:open:natural": new})
    report.set_many({k.replace("__", ":"): v for k, v in values.items()})
    report.set_text_of("s6", "本年度未收取信息处理费。")
    return report


def save(folder, filename, report):
    path = folder / filename
    save_report(report, path)
    return path


def exported_xlsx(report, path):
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    path.write_bytes(xlsx_bytes(build_document(report)))
    return path


def kinds(result):
    return sorted((p.kind, p.unit) for p in result.problems)


# --------------------------------------------------------------------------- sums

def test_sums_every_typed_cell_exactly_and_totals_follow(tmp_path):
    a = unit("甲局", new=3, t2__fee__amount=Decimal("0.1"), t4__n__review_keep=1)
    b = unit("乙局", new=4, t2__fee__amount=Decimal("0.2"), t4__n__after_fix=2)
    c = unit("丙局", new=0, t2__fee__amount=Decimal("18651.06"))
    result = aggregate([save(tmp_path, f"{r.meta.agency}.nianbao", r) for r in (a, b, c)], "某县人民政府")
    total = result.total
    assert total.value("t2:fee:amount") == Decimal("18651.36")          # 0.1 + 0.2 + 18651.06, exactly
    assert total.value("t3:new:natural") == 7 and total.value("t3:new:total") == 7   # a computed total
    assert total.value("t4:n:review_total") == 1 and total.value("t4:n:after_total") == 2
    assert (total.meta.agency, total.meta.year, total.edition.id) == ("某县人民政府", 2024, "2021")
    assert [u.name for u in result.units] == ["甲局", "乙局", "丙局"] and result.problems == []
    for spec in total.edition.input_cells():
        assert total.value(spec.id) == sum(r.value(spec.id) for r in (a, b, c)), spec.id


def test_a_cell_blank_everywhere_stays_blank_and_blank_in_one_counts_nothing(tmp_path):
    a, b = Report.new("2021", 2024, "甲局"), Report.new("2021", 2024, "乙局")
    a.set_value("t3:new:natural", 5)
    result = aggregate([save(tmp_path, "a.nianbao", a), save(tmp_path, "b.nianbao", b)])
    assert result.total.value("t3:new:natural") == 5
    assert result.total.value("t3:new:business") is None
    assert {p.kind for p in result.problems} == {"failing"}      # both have blanks (R5): named


def test_mixed_nianbao_and_xlsx(tmp_path):
    xlsx = exported_xlsx(pingtan_report(), tmp_path / "平潭综合实验区.xlsx")
    others = [save(tmp_path, "甲.nianbao", unit("甲局", new=2)), save(tmp_path, "乙.nianbao", unit("乙局", new=1))]
    result = aggregate(others + [xlsx])
    names = {u.name for u in result.units}
    assert names == {"甲局", "乙局", "平潭综合实验区"}                  # a spreadsheet is known by its file name
    assert result.total.value("t3:new:total") == 218 + 3
    assert result.total.value("t2:fee:amount") == Decimal("18651.06")


# --------------------------------------------------------------------------- nothing dropped silently

def test_broken_duplicate_other_year_other_edition_and_failing_files_are_named(tmp_path):
    good = save(tmp_path, "1-甲.nianbao", unit("甲局", new=2))
    again = save(tmp_path, "2-甲-再报.nianbao", unit("甲 局", new=5))             # same unit, other numbers
    old = save(tmp_path, "3-乙-2023.nianbao", unit("乙局", year=2023, new=7))
    other = save(tmp_path, "4-丙-2019版.nianbao", unit("丙局", year=2024, edition="2019", new=9))
    failing = unit("丁局", new=4)
    failing.set_value("t3:next:natural", 1)                                       # R1 no longer balances
    failing_path = save(tmp_path, "5-丁.nianbao", failing)
    broken = tmp_path / "6-戊.nianbao"
    broken.write_text('{"format": "nianbao", "version": 2, "edit', encoding="utf-8")
    result = aggregate([tmp_path])
    assert result.total.value("t3:new:total") == 2 + 4                          # 甲 once, and 丁
    by_kind = {p.kind: p for p in result.problems}
    assert set(by_kind) == {"duplicate", "excluded", "failing", "unreadable"}
    assert by_kind["duplicate"].path == again and "数值不同" in by_kind["duplicate"].message
    excluded = {p.path: p.message for p in result.of_kind("excluded")}
    assert set(excluded) == {old, other}
    assert "2023 年度" in excluded[old] and "2019" in excluded[other]
    errors = sum(1 for f in run_checks(failing) if f.severity == "error")
    assert by_kind["failing"].path == failing_path and f"{errors} 个错误" in by_kind["failing"].message
    assert by_kind["unreadable"].path == broken and "损坏或不完整" in by_kind["unreadable"].message
    assert [u.path for u in result.units] == [good, failing_path]


def test_expected_list_names_missing_and_unexpected_units(tmp_path):
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=1)), save(tmp_path, "外.nianbao", unit("外单位", new=1))]
    listing = tmp_path / "名单.txt"
    listing.write_text("# 应报送单位\n甲局\n乙局\n\n乙局\n", encoding="utf-8")
    assert read_expect_list(listing) == ["甲局", "乙局"]
    result = aggregate(files, expect=read_expect_list(listing))
    assert kinds(result) == [("missing", "乙局"), ("unexpected", "外单位")]
    assert result.total.value("t3:new:total") == 2                               # 外单位 is summed, named
    assert [p.kind for p in result.serious] == ["missing"]


def test_expected_list_saved_by_notepad_in_gbk(tmp_path):
    listing = tmp_path / "名单.txt"
    listing.write_bytes("甲局\r\n乙局\r\n".encode("gb18030"))
    assert read_expect_list(listing) == ["甲局", "乙局"]


def test_the_output_and_a_previous_total_are_never_summed(tmp_path):
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=1)), save(tmp_path, "乙.nianbao", unit("乙局", new=2))]
    first = aggregate([tmp_path], "某县人民政府")
    save(tmp_path, "某县汇总.nianbao", first.total)
    again = aggregate([tmp_path], "某县人民政府")
    assert again.total.value("t3:new:total") == 3
    assert [p.kind for p in again.problems] == ["excluded"] and "汇总单位同名" in again.problems[0].message
    excluded_by_path = aggregate([tmp_path], "", exclude=[tmp_path / "某县汇总.nianbao"])
    assert excluded_by_path.total.value("t3:new:total") == 3 and len(files) == 2


def test_a_previous_attachment_in_the_folder_is_not_a_unit(tmp_path):
    save(tmp_path, "甲.nianbao", unit("甲局", new=1))
    out = tmp_path / "汇总" / "总.nianbao"
    out.parent.mkdir()
    assert main(["aggregate", str(tmp_path), "-o", str(out), "--xlsx", str(tmp_path / "汇总附件.xlsx")]) == 0
    again = aggregate([tmp_path], year=2024)
    assert again.total.value("t3:new:total") == 1
    problems = {(p.kind, p.path.name): p.message for p in again.problems}
    assert set(problems) == {("unreadable", "汇总附件.xlsx"), ("excluded", "总.nianbao")}
    assert "汇总结果的附件" in problems["unreadable", "汇总附件.xlsx"]
    assert "汇总单位同名" in problems["excluded", "总.nianbao"]     # the last total, named 「汇总」


def test_nothing_to_sum_is_refused(tmp_path):
    with pytest.raises(AggregateError, match="没有可汇总的文件"):
        aggregate([tmp_path])
    (tmp_path / "a.nianbao").write_text("not json", encoding="utf-8")
    with pytest.raises(AggregateError, match="没有一个文件可以读取"):
        aggregate([tmp_path])
    exported_xlsx(pingtan_report(), tmp_path / "b.xlsx")
    with pytest.raises(AggregateError, match="--year"):
        aggregate([tmp_path / "b.xlsx"])


def test_progress_is_reported_and_can_cancel(tmp_path):
    files = [save(tmp_path, f"{i}.nianbao", unit(f"单位{i}", new=i)) for i in range(5)]
    seen = []
    aggregate(files, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5) and len(seen) == 5
    with pytest.raises(AggregateError, match="取消"):
        aggregate(files, progress=lambda done, total: done < 3)


def test_folders_are_searched_and_office_lock_files_skipped(tmp_path):
    sub = tmp_path / "乡镇"
    sub.mkdir()
    save(sub, "甲.nianbao", unit("甲局"))
    (sub / "~$甲.xlsx").write_bytes(b"lock")
    (sub / "说明.docx").write_bytes(b"x")
    assert [p.name for p in input_files([tmp_path])] == ["甲.nianbao"]


# --------------------------------------------------------------------------- breakdown

def test_breakdown_has_one_row_per_unit_per_cell_and_the_total(tmp_path):
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=2)), save(tmp_path, "乙.nianbao", unit("乙局", new=3))]
    result = aggregate(files, "某县")
    rows = breakdown_rows(result)
    cells = len(result.total.edition.input_cells())
    assert len(rows) == 3 * cells
    new_rows = {r[0]: r[4] for r in rows if r[2] == "一、本年新收政府信息公开申请数量" and r[3].endswith("自然人")}
    assert new_rows == {"甲局": 2, "乙局": 3, "合计": 5}


# --------------------------------------------------------------------------- the command

def test_cli_clean_run_exit_0_with_attachment(tmp_path, capsys):
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=2)), save(tmp_path, "乙.nianbao", unit("乙局", new=3))]
    out, xlsx = tmp_path / "out" / "总.nianbao", tmp_path / "out" / "总.xlsx"
    out.parent.mkdir()
    code = main(["aggregate", *map(str, files), "-o", str(out), "--xlsx", str(xlsx), "--unit", "某县人民政府"])
    assert code == 0 and "已汇总 2 个单位" in capsys.readouterr().out
    total, _ = read_report(out)
    assert total.value("t3:new:total") == 5 and total.meta.agency == "某县人民政府"
    wb = load_workbook(xlsx)
    assert {"分单位明细", "汇总情况"} <= set(wb.sheetnames)
    sheet = wb["分单位明细"]
    assert [c.value for c in sheet[1]] == ["单位", "表格", "项目", "列", "数值"]
    assert sheet.max_row == 1 + 3 * len(total.edition.input_cells())


def test_cli_problems_exit_1_and_are_listed(tmp_path, capsys):
    save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    save(tmp_path, "乙.nianbao", unit("乙局", year=2023, new=3))
    (tmp_path / "丙.nianbao").write_text("{", encoding="utf-8")
    listing = tmp_path / "名单.txt"
    listing.write_text("甲局\n丁局\n", encoding="utf-8")
    out = tmp_path / "总.nianbao"
    code = main(["aggregate", str(tmp_path), "-o", str(out), "--expect", str(listing), "--year", "2024"])
    printed = capsys.readouterr().out
    assert code == 1 and out.exists()
    for words in ("【未计入】乙局", "【无法读取】", "丙.nianbao", "【未报送】丁局", "请核对"):
        assert words in printed, words


def test_cli_attachment_refused_leaves_no_total_either(tmp_path, capsys, monkeypatch):
    # The .nianbao was written, then the attachment's folder refused it: exit 2 with a total on disk.
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=2)), save(tmp_path, "乙.nianbao", unit("乙局", new=3))]
    out, xlsx = tmp_path / "总.nianbao", tmp_path / "附件" / "总.xlsx"
    xlsx.parent.mkdir()
    fill_disk_of(monkeypatch, xlsx.parent)
    assert main(["aggregate", *map(str, files), "-o", str(out), "--xlsx", str(xlsx)]) == 2
    assert "磁盘空间不足" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["乙.nianbao", "甲.nianbao", "附件"]
    assert list(xlsx.parent.iterdir()) == []


def test_cli_total_and_attachment_to_one_file_is_refused(tmp_path, capsys):
    path = save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    out = tmp_path / "总.nianbao"
    assert main(["aggregate", str(path), "-o", str(out), "--xlsx", str(out)]) == 2
    assert "同一个文件" in capsys.readouterr().err and not out.exists()


def test_cli_unusable_exit_2_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "总.nianbao"
    assert main(["aggregate", str(tmp_path / "无此文件夹"), "-o", str(out)]) == 2
    assert "nianbao aggregate：" in capsys.readouterr().err and not out.exists()
    save(tmp_path, "甲.nianbao", unit("甲局"))
    out.write_text("old", encoding="utf-8")
    assert main(["aggregate", str(tmp_path / "甲.nianbao"), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "old"
    assert main(["aggregate", str(tmp_path / "甲.nianbao"), "-o", str(tmp_path / "x.nianbao"), "--edition", "1999"]) == 2
    assert main(["aggregate", str(tmp_path / "甲.nianbao"), "-o", str(tmp_path / "x.nianbao"),
                 "--expect", str(tmp_path / "无.txt")]) == 2
    assert "找不到单位名单" in capsys.readouterr().err


def test_when_no_file_is_readable_the_refusal_says_which_and_why(tmp_path):
    (tmp_path / "甲.nianbao").write_text("not json", encoding="utf-8")
    (tmp_path / "乙.nianbao").write_text("{", encoding="utf-8")
    with pytest.raises(AggregateError) as caught:
        aggregate([tmp_path])
    assert [p.path.name for p in caught.value.problems] == ["乙.nianbao", "甲.nianbao"]
    assert "甲.nianbao" in str(caught.value) and "乙.nianbao" in str(caught.value)


# --------------------------------------------------------------------------- what mutation testing found unpinned

def test_a_file_named_twice_is_one_unit_not_a_duplicate(tmp_path):
    path = save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    assert input_files([path, tmp_path, str(path)]) == [path]
    result = aggregate([tmp_path, path], "某县人民政府")
    assert result.total.value("t3:new:total") == 2 and result.problems == []


def test_progress_answering_true_does_not_cancel(tmp_path):
    # a progress dialog answers 「not cancelled」 as True, not only as None
    files = [save(tmp_path, f"{i}.nianbao", unit(f"单位{i}", new=i)) for i in range(3)]
    assert aggregate(files, progress=lambda done, total: True).total.value("t3:new:total") == 3


def test_a_unit_list_that_cannot_be_read_says_why(tmp_path):
    from forms.storage import FileFormatError
    (tmp_path / "names.txt").write_bytes(b"\xff\x80\xff\x80")
    with pytest.raises(FileFormatError, match="不是文本文件"):
        read_expect_list(tmp_path / "names.txt")
    with pytest.raises(FileFormatError, match="无法读取单位名单"):
        read_expect_list(tmp_path)                      # a folder chosen by mistake


def test_spreadsheets_without_numbers_or_tables_are_named_and_a_cell_list_is_summed(tmp_path):
    import json

    from openpyxl import Workbook

    from forms.tablejson import cell_records
    save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    exported_xlsx(Report.new("2021", 2024, "乙局"), tmp_path / "乙局.xlsx")      # the blank form
    book = Workbook()
    book.active["A1"] = "丙局人员名单"
    book.save(tmp_path / "丙局.xlsx")
    (tmp_path / "丁局.json").write_text(json.dumps(cell_records(unit("丁局", new=5)), ensure_ascii=False),
                                      encoding="utf-8")
    seen = []
    result = aggregate([tmp_path], "某县人民政府", progress=lambda done, total: seen.append((done, total)))
    assert result.total.value("t3:new:total") == 7 and [u.name for u in result.units] == ["甲局", "丁局"]
    assert seen[-1] == (4, 4)
    why = {p.unit: p.message for p in result.problems if p.kind == "unreadable"}
    assert set(why) == {"乙局", "丙局"}
    assert why["乙局"] == "表格中没有找到任何数值" and "没有找到" in why["丙局"] and "统计表" in why["丙局"]


def test_when_every_report_is_set_aside_nothing_is_summed(tmp_path):
    save(tmp_path, "总.nianbao", unit("某县人民政府", new=3))
    with pytest.raises(AggregateError, match="没有一份可以计入汇总的报告") as info:
        aggregate([tmp_path], "某县人民政府")
    assert "汇总单位同名" in str(info.value)


def test_last_years_file_in_another_edition_does_not_choose_the_edition(tmp_path):
    save(tmp_path, "甲.nianbao", unit("甲局", new=1))
    save(tmp_path, "乙.nianbao", unit("乙局", new=2))
    save(tmp_path, "丙2019.nianbao", unit("丙局", year=2019, edition="2019", new=5))
    (tmp_path / "坏.nianbao").write_text("not json", encoding="utf-8")
    seen = []
    result = aggregate([tmp_path], "某县人民政府", progress=lambda done, total: seen.append((done, total)))
    assert (result.total.meta.year, result.total.edition.id) == (2024, "2021")
    assert result.total.value("t3:new:total") == 3
    assert kinds(result) == [("excluded", "丙局"), ("unreadable", "")]
    assert seen[-1] == (4, 4)


def test_on_a_tie_the_years_own_edition_is_chosen(tmp_path):
    save(tmp_path, "甲.nianbao", unit("甲局", year=2021))
    save(tmp_path, "乙.nianbao", unit("乙局", year=2021, edition="2019"))
    result = aggregate([tmp_path], "某县人民政府")
    assert result.total.edition.id == "2021" and kinds(result) == [("excluded", "乙局")]
    with pytest.raises(AggregateError, match="没有名为“1999”的版式"):
        aggregate([tmp_path], "某县人民政府", edition="1999")


def test_a_listed_unit_whose_file_was_set_aside_is_told_apart_from_one_that_sent_nothing(tmp_path):
    save(tmp_path, "甲.nianbao", unit("甲局", new=1))
    save(tmp_path, "乙.nianbao", unit("乙局", year=2023, edition="2021"))
    exported_xlsx(unit("丙局", new=2), tmp_path / "丙局.xlsx")
    seen = []
    result = aggregate([tmp_path], "某县人民政府", year=2024, expect=["甲局", "乙局", "丙局", "丁局"],
                       progress=lambda done, total: seen.append((done, total)))
    missing = {p.unit: p.message for p in result.of_kind("missing")}
    assert missing == {"乙局": "报送的文件未计入汇总（原因见上）", "丁局": "名单中的单位没有报送"}
    assert result.total.value("t3:new:total") == 3 and seen[-1] == (3, 3)


def test_attachment_sheets_list_included_units_and_keep_a_formula_like_name_as_text(tmp_path):
    from io import BytesIO

    from forms.aggregate import attachment_bytes
    files = [save(tmp_path, "甲.nianbao", unit("=1+1", new=2, t2__fee__amount=Decimal("0.1"))),
             save(tmp_path, "乙.nianbao", unit("乙局", new=3))]
    result = aggregate(files, "某县")
    book = load_workbook(BytesIO(attachment_bytes(result)))
    sheet = book["分单位明细"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:E{sheet.max_row}"
    assert sheet["A1"].font.b and sheet.column_dimensions["C"].width == 48
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"    # a name, never a formula
    fee = [r[4].value for r in sheet.iter_rows(min_row=2) if r[0].value == "=1+1" and "收费" in str(r[2].value)]
    assert 0.1 in fee
    situation = [[c.value for c in r] for r in book["汇总情况"].iter_rows() if r[0].value == "已计入"]
    assert [r[1:4] for r in situation] == [["=1+1", "甲.nianbao", "无错误"], ["乙局", "乙.nianbao", "无错误"]]


def test_report_years_names_each_readable_report_file_with_its_year(tmp_path):
    from forms.aggregate import majority_year, report_years
    save(tmp_path, "a.nianbao", unit("甲局", year=2024))
    save(tmp_path, "b.nianbao", unit("", year=2023))           # no name: the file's stands in
    (tmp_path / "broken.nianbao").write_text("{", encoding="utf-8")
    exported_xlsx(unit("丙局"), tmp_path / "丙局.xlsx")           # a spreadsheet says no year
    years = report_years([tmp_path])
    assert {p.name: v for p, v in years.items()} == {"a.nianbao": ("甲局", 2024), "b.nianbao": ("b", 2023)}
    assert majority_year([2023, 2024]) == 2024 and majority_year([2023, 2023, 2024]) == 2023
    assert majority_year([]) is None


def test_with_a_year_given_and_no_file_readable_the_refusal_says_so(tmp_path):
    (tmp_path / "a.nianbao").write_text("{", encoding="utf-8")
    with pytest.raises(AggregateError, match="没有一个文件可以读取") as err:
        aggregate([tmp_path], year=2024)
    assert [p.kind for p in err.value.problems] == ["unreadable"]


def test_a_spreadsheet_is_not_failed_for_the_narrative_it_cannot_have(tmp_path):
    # Every township that sent an .xlsx was listed 检查有错误 for 六、…信息处理费 (R9), a text
    # check: the clerk could not tell the spreadsheets with wrong tables from the rest.
    exported_xlsx(unit("甲镇", new=2), tmp_path / "甲镇.xlsx")
    failing = unit("乙镇", new=4)
    failing.set_value("t3:next:natural", 1)                                       # R1 no longer balances
    exported_xlsx(failing, tmp_path / "乙镇.xlsx")
    result = aggregate([tmp_path], year=2024)
    assert [u.name for u in result.units] == ["乙镇", "甲镇"]
    assert [(p.kind, p.unit) for p in result.problems] == [("failing", "乙镇")]
    assert result.units[0].errors == 2                  # 表三 自然人 and 总计 columns, R1


def test_a_spreadsheet_in_another_edition_is_not_answered_with_a_command_line_option(tmp_path):
    # 命令行用 --edition 2014 reached the 汇总 window's list and the 汇总情况 sheet; and switching
    # the whole sum's edition for one township's old form would be wrong in any case.
    from forms.demo import demo_report
    save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    exported_xlsx(demo_report(), tmp_path / "乙镇.xlsx")               # the 2014 tables
    result = aggregate([tmp_path])
    [problem] = result.of_kind("unreadable")
    assert problem.unit == "乙镇" and "2014年版" in problem.message
    assert "--edition" not in problem.message and "命令行" not in problem.message
    assert problem.message.endswith("请该单位按本次汇总的版式重新报送")


def test_a_failing_unit_is_listed_with_what_fails(tmp_path):
    # 检查有 2 个错误 alone sent the clerk to open each unit's file (a spreadsheet cannot be opened
    # as a report at all) to learn what to ask the unit about.
    failing = unit("乙镇", new=4)
    failing.set_value("t3:next:natural", 1)                                       # R1 no longer balances
    save(tmp_path, "乙镇.nianbao", failing)
    many = Report.new("2021", 2024, "丙镇")                                     # blank: an error for each table, and R9
    save(tmp_path, "丙镇.nianbao", many)
    result = aggregate([tmp_path])
    why = {p.unit: p.message for p in result.of_kind("failing")}
    assert why["乙镇"].startswith("本单位报告的检查有 2 个错误（已计入汇总，请核对）：（1）表三「自然人」列不平衡")
    assert "（2）表三「总计」列不平衡" in why["乙镇"] and "（3）" not in why["乙镇"]
    errors = [f for f in run_checks(many) if f.severity == "error"]
    assert len(errors) > 3
    assert why["丙镇"].count("（1）") == 1 and "（4）" not in why["丙镇"]
    assert why["丙镇"].endswith(f"（另有 {len(errors) - 3} 个）")


def test_a_spreadsheet_titled_with_another_year_is_summed_and_named(tmp_path):
    # A township that sent last year's spreadsheet again was summed into this year's total
    # without a word: its file says no year but in its title.
    from forms.aggregate import SERIOUS
    from tests.forms.import_fixtures import pingtan_workbook
    pingtan_workbook(tmp_path / "甲镇.xlsx")                                    # 「…2024年度…年度报告」
    exported_xlsx(unit("乙镇", new=2), tmp_path / "乙镇.xlsx")                   # no year in its titles
    result = aggregate([tmp_path], year=2023)
    assert [u.name for u in result.units] == ["乙镇", "甲镇"]                   # summed: only the clerk can tell
    [note] = result.of_kind("import")
    assert note.unit == "甲镇" and note.kind in SERIOUS
    assert note.message == "表格标题写的是 2024 年度（本次汇总 2023 年度），请确认其中是 2023 年度的数据"
    assert not aggregate([tmp_path], year=2024).of_kind("import")


def test_a_spreadsheet_is_read_once_for_its_numbers_and_its_titles_year(tmp_path, monkeypatch):
    # Its titles' year was read by opening the workbook a second time: a thousand townships'
    # spreadsheets, each read twice.
    import forms.importer.sheets as sheets
    from tests.forms.import_fixtures import pingtan_workbook
    pingtan_workbook(tmp_path / "甲镇.xlsx")
    read = []
    real = sheets._read_all
    monkeypatch.setattr(sheets, "_read_all", lambda *a: read.append(a) or real(*a))
    assert aggregate([tmp_path], year=2023).of_kind("import")
    assert len(read) == 1



def test_the_year_of_a_spreadsheet_is_read_from_its_titles_not_its_dates(tmp_path):
    from openpyxl import Workbook

    from forms.aggregate import stated_years
    book = Workbook()
    book.active["A1"] = "某镇2024年政府信息公开工作年度报告"
    book.active["A2"] = "填报日期：2025年1月20日"
    book.active["A40"] = "说明：2019年度的数据见上年报告"                    # far below the title
    book.save(tmp_path / "甲镇.xlsx")
    assert stated_years(tmp_path / "甲镇.xlsx") == {2024}
    (tmp_path / "坏.xlsx").write_bytes(b"PK not a zip")
    assert stated_years(tmp_path / "坏.xlsx") == set()


# --------------------------------------------------------------------------- the command's year

def test_cli_spreadsheets_alone_are_summed_for_the_year_their_titles_state(tmp_path, capsys):
    # 200 townships' spreadsheets, each titled 「…2024年度…」: the 汇总 dialog prefilled 2024 and
    # summed; the command refused without --year.
    from tests.forms.import_fixtures import pingtan_workbook
    for name in ("甲镇.xlsx", "乙镇.xlsx"):
        pingtan_workbook(tmp_path / name)
    out = tmp_path / "总" / "汇总.nianbao"
    out.parent.mkdir()
    assert main(["aggregate", str(tmp_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "按 2024 年度汇总" in err and "统计表（.xlsx）的标题写明这一年度" in err
    total, _ = read_report(out)
    as_the_dialog_sums = aggregate([tmp_path], year=2024).total      # desktop/aggregate_dialog.py's call
    assert total.meta.year == 2024 and total.values() == as_the_dialog_sums.values()


def test_cli_says_which_year_it_took_from_the_report_files(tmp_path, capsys):
    files = [save(tmp_path, "甲.nianbao", unit("甲局", new=2)), save(tmp_path, "乙.nianbao", unit("乙局", new=3))]
    assert main(["aggregate", *map(str, files), "-o", str(tmp_path / "总.nianbao")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "nianbao aggregate：按 2024 年度汇总：加入的 2 份年报（.nianbao）都是这一年度的\n"
    assert "按 2024" not in captured.out                   # stdout stays the list and the summary
    assert main(["aggregate", *map(str, files), "-o", str(tmp_path / "总2.nianbao"), "--year", "2024"]) == 0
    assert capsys.readouterr().err == ""                   # the year given needs no word


def test_cli_refuses_when_the_year_cannot_be_known(tmp_path, capsys):
    exported_xlsx(unit("甲镇", new=2), tmp_path / "甲镇.xlsx")          # no year in its titles
    out = tmp_path / "总.nianbao"
    assert main(["aggregate", str(tmp_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "无法确定报告年度" in err and "--year" in err and not out.exists()
    assert "找不到" not in err
    assert main(["aggregate", str(tmp_path / "甲镇.xlsx"), str(tmp_path / "乙镇.xlsx"), "-o", str(out)]) == 2
    assert "（找不到文件：“" + str(tmp_path / "乙镇.xlsx") + "”）" in capsys.readouterr().err    # a mistyped name
    assert main(["aggregate", str(tmp_path), "-o", str(out), "--year", "2024"]) == 0
    assert read_report(out)[0].meta.year == 2024


def test_cli_report_files_of_another_year_are_refused_file_by_file_unless_the_year_is_given(tmp_path, capsys):
    # The dialog asks before leaving last year's reports out (取消 by default); the command summed
    # the majority's year and left them out without a word before it.
    save(tmp_path, "甲.nianbao", unit("甲局", new=2))
    save(tmp_path, "乙.nianbao", unit("乙局", year=2023, new=3))
    save(tmp_path, "丙.nianbao", unit("丙局", new=4))
    out, xlsx = tmp_path / "总" / "汇总.nianbao", tmp_path / "总" / "汇总.xlsx"
    out.parent.mkdir()
    assert main(["aggregate", str(tmp_path), "-o", str(out), "--xlsx", str(xlsx)]) == 2
    err = capsys.readouterr().err
    assert "共 3 份：2023 年度 1 份、2024 年度 2 份" in err
    assert "\n乙局（乙.nianbao）：2023 年度\n" in err and "甲局" not in err
    assert "请加 --year 2024" in err
    assert list(out.parent.iterdir()) == []
    # As the dialog answered 「按 2024 年度汇总」: the same total, list and attachment.
    assert main(["aggregate", str(tmp_path), "-o", str(out), "--xlsx", str(xlsx), "--year", "2024"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "【未计入】乙局（乙.nianbao）：是 2023 年度的（本次汇总 2024 年度），未计入" in captured.out
    dialog = aggregate([tmp_path], year=2024, exclude=[out, xlsx])
    assert read_report(out)[0].values() == dialog.total.values()
    book = load_workbook(xlsx)
    from forms.aggregate import problem_rows
    assert [[c.value for c in r] for r in book["汇总情况"].iter_rows(min_row=3)] == problem_rows(dialog)
    cells = [["" if c.value is None else c.value for c in r] for r in book["分单位明细"].iter_rows(min_row=2)]
    assert cells == breakdown_rows(dialog)             # an empty label is an empty cell


def test_cli_a_total_of_a_run_before_gives_no_year(tmp_path, capsys):
    # Run again with --force, last run's total (here of 2023) stood among the spreadsheets and
    # its year was taken in place of what their titles say.
    from tests.forms.import_fixtures import pingtan_workbook
    pingtan_workbook(tmp_path / "甲镇.xlsx")
    out = save(tmp_path, "汇总.nianbao", unit("汇总", year=2023))
    assert main(["aggregate", str(tmp_path), "-o", str(out), "--force"]) == 0
    assert "按 2024 年度汇总" in capsys.readouterr().err
    assert read_report(out)[0].meta.year == 2024


def test_cli_reads_each_report_once_for_its_year_and_the_sum(tmp_path, capsys, monkeypatch):
    # A thousand units on a network share were read twice: once for the year, once for the sum.
    import forms.aggregate as aggregating
    files = [save(tmp_path, f"{n}.nianbao", unit(n, new=1)) for n in ("甲局", "乙局")]
    read, real = [], aggregating._read_report_file
    monkeypatch.setattr(aggregating, "_read_report_file", lambda p: read.append(p.name) or real(p))
    assert main(["aggregate", *map(str, files), "-o", str(tmp_path / "汇总.nianbao")]) == 0
    assert sorted(read) == ["乙局.nianbao", "甲局.nianbao"]
