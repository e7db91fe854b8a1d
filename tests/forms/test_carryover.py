"""A report started from last year's: what carries over, and last year kept for R6, R7 and R12."""

import json
from decimal import Decimal

import pytest

from forms.carryover import json_ready, new_from_previous, read_previous, update_years
from forms.checks import run_checks
from forms.cli import main
from forms.demo import demo_report
from forms.report import Report, ReportError
from forms.storage import FileFormatError, loads, read_report, save_report
from tests.forms.sample_reports import SECTION_5, pingtan_report

OPENING_2019 = ("本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式（试行）》"
                "（国办公开办函〔2019〕60号）要求编制。本报告所列数据统计期限为2020年1月1日至2020年12月31日。")


def rules_of(findings, rule):
    return [f for f in findings if f.rule == rule]


def last_year_2024():
    """Pingtan 2024 with cases carried to 2025 in two columns."""
    report = pingtan_report()
    report.set_many({"t3:next:natural": 4, "t3:next:business": 1})
    report.meta.phone = "0591-12345678"
    report.meta.preparer = "张三"
    return report


# --------------------------------------------------------------------------- years in the text

@pytest.mark.parametrize("before, after", [
    ("2024年，本机关认真贯彻《条例》。", "2025年，本机关认真贯彻《条例》。"),
    ("统计期限为2024年1月1日至2024年12月31日。", "统计期限为2025年1月1日至2025年12月31日。"),
    ("统计期限为2023年1月1日至2023年12月31日。", "统计期限为2025年1月1日至2025年12月31日。"),   # a stale period
    ("统计期限为2024年1月1日至12月31日。", "统计期限为2025年1月1日至12月31日。"),
    ("统计期限为２０２４年１月１日至２０２４年１２月３１日。", "统计期限为２０２５年１月１日至２０２５年１２月３１日。"),
    ("统计期限为２０２３年１月１日至２０２３年１２月３１日。", "统计期限为２０２５年１月１日至２０２５年１２月３１日。"),
    ("统计期限为2023年１月１日至１２月３１日。", "统计期限为2025年１月１日至１２月３１日。"),
    ("（国办公开办函〔2021〕30号）", "（国办公开办函〔2021〕30号）"),
    ("《条例》（2019年修订）", "《条例》（2019年修订）"),
    ("较2023年增长5%", "较2023年增长5%"),
    ("电话：0591-12024年", "电话：0591-12024年"),
])
def test_update_years(before, after):
    assert update_years(before, 2024, 2025) == after


# --------------------------------------------------------------------------- consecutive years

def test_consecutive_years_carry_unit_people_opening_and_carried_cases():
    last = last_year_2024()
    report = new_from_previous(last)
    assert (report.meta.year, report.edition.id, report.meta.agency) == (2025, "2021", last.meta.agency)
    assert (report.meta.phone, report.meta.preparer, report.meta.issue_date) == ("0591-12345678", "张三", "")
    assert "统计期限为2025年1月1日至2025年12月31日" in report.text("opening")
    assert "〔2021〕30号" in report.text("opening")
    assert report.value("t3:carry:natural") == 4 and report.value("t3:carry:business") == 1
    assert report.value("t3:carry:total") == 5
    assert report.value("t3:new:natural") is None       # this year's own numbers start blank
    assert report.text("s1") == "" and report.text("s5") == ""


def test_cross_year_rules_apply_from_the_copy_kept_in_the_file(tmp_path):
    report = new_from_previous(last_year_2024())
    assert rules_of(run_checks(report), "R6") == []
    report.set_value("t3:carry:natural", 3)                    # R6: the clerk typed another number
    report.set_text_of("s5", SECTION_5)                         # R12: last year's problems again
    report.set_many({"t2:norms:issued": 10, "t2:norms:repealed": 0, "t2:norms:valid": 440})   # R7
    path = tmp_path / "2025.nianbao"
    save_report(report, path)
    reopened, _ = read_report(path)
    findings = run_checks(reopened)                             # no previous given
    r6 = {f.cells[0]: f for f in rules_of(findings, "R6")}     # the column and its 总计
    assert set(r6) == {"t3:carry:natural", "t3:carry:total"}
    assert r6["t3:carry:natural"].severity == "error" and (r6["t3:carry:natural"].actual,
                                                           r6["t3:carry:natural"].expected) == (3, 4)
    assert rules_of(findings, "R12") and rules_of(findings, "R7")


def test_previous_given_explicitly_takes_precedence(tmp_path, capsys):
    report = new_from_previous(last_year_2024())
    other = last_year_2024()
    other.set_value("t3:next:natural", 9)
    r6 = {f.cells[0]: f for f in rules_of(run_checks(report, other), "R6")}
    assert (r6["t3:carry:natural"].actual, r6["t3:carry:natural"].expected) == (4, 9)
    # The same through the command line: --previous overrides the copy in the file.
    this, prev = tmp_path / "this.nianbao", tmp_path / "prev.nianbao"
    save_report(report, this)
    save_report(other, prev)
    for extra, expected in (([], set()), (["--previous", str(prev)], {"t3:carry:natural", "t3:carry:total"})):
        capsys.readouterr()
        main(["check", str(this), "--json", *extra])
        found = json.loads(capsys.readouterr().out)
        assert {f["cells"][0] for f in found if f["rule"] == "R6"} == expected


def test_edition_change_2019_to_2021_matches_cells_by_id():
    last = pingtan_report("2019", 2020)
    last.set_text_of("opening", OPENING_2019)
    last.set_many({"t3:next:natural": 2, "t3:next:legal": 1})
    report = new_from_previous(last)
    assert (report.meta.year, report.edition.id) == (2021, "2021")
    assert report.value("t3:carry:natural") == 2 and report.value("t3:carry:legal") == 1
    opening = report.text("opening")
    assert "国办公开办函〔2021〕30号" in opening and "〔2019〕60号" not in opening and "（试行）" not in opening
    assert "2021年1月1日至2021年12月31日" in opening
    assert rules_of(run_checks(report), "R6") == []
    report.set_value("t3:carry:legal", 0)
    assert {f.cells[0] for f in rules_of(run_checks(report), "R6")} == {"t3:carry:legal", "t3:carry:total"}


def test_2019_item_counts_follow_from_last_years_count_and_change():
    last = pingtan_report("2019", 2019)
    last.set_many({"t2:permit:prev_items": 120, "t2:permit:change": -5, "t2:fee:prev_items": 8, "t2:fee:change": 2})
    report = new_from_previous(last)
    assert report.edition.id == "2019"
    assert report.value("t2:permit:prev_items") == 115 and report.value("t2:fee:prev_items") == 10
    carried = {"t2:permit:prev_items", "t2:fee:prev_items"}
    assert [f for f in rules_of(run_checks(report), "R7") if carried & set(f.cells)] == []


def test_2014_headings_carry_with_the_year_moved_on():
    report = new_from_previous(demo_report())
    assert report.meta.year == 2018 and report.edition.id == "2014"
    assert report.heading("s1") == "一、2018年度政府信息公开工作的总体情况"
    assert "统计期限为2018年1月1日至2018年12月31日" in report.text("opening")
    assert report.text("opening").startswith("2018年,山城区政府认真贯彻落实")
    assert "0392-2667139" in report.text("opening")


def test_2014_to_2019_keeps_the_opening_not_the_unit_headings():
    last = demo_report()
    last.meta.year = 2018
    report = new_from_previous(last)
    assert report.edition.id == "2019" and report.heading("s1") == "一、总体情况"
    assert report.last_year["edition"] == "2014"
    assert rules_of(run_checks(report), "R6") == []   # no 结转 row last year: nothing to compare


def test_year_must_be_later():
    with pytest.raises(ReportError, match="应晚于"):
        new_from_previous(pingtan_report(), 2024)


# --------------------------------------------------------------------------- from a spreadsheet

def _exported_xlsx(report, path):
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    path.write_bytes(xlsx_bytes(build_document(report)))
    return path


def test_from_last_years_exported_xlsx(tmp_path):
    last = last_year_2024()
    xlsx = _exported_xlsx(last, tmp_path / "2024.xlsx")
    previous, notes = read_previous(xlsx, 2025)
    assert previous.meta.year == 2024 and previous.value("t3:next:natural") == 4
    report = new_from_previous(previous, 2025)
    assert report.value("t3:carry:total") == 5
    out = tmp_path / "2025.nianbao"
    assert main(["new", "--from", str(xlsx), "--year", "2025", "--unit", "平潭综合实验区管理委员会", "-o", str(out)]) == 0
    made, _ = read_report(out)
    assert made.value("t3:carry:natural") == 4 and made.meta.agency == "平潭综合实验区管理委员会"
    assert made.last_year["meta"]["year"] == 2024


def test_xlsx_needs_the_year_and_the_unit(tmp_path, capsys):
    xlsx = _exported_xlsx(last_year_2024(), tmp_path / "2024.xlsx")
    assert main(["new", "--from", str(xlsx), "-o", str(tmp_path / "a.nianbao")]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["new", "--from", str(xlsx), "--year", "2025", "-o", str(tmp_path / "a.nianbao")]) == 2
    assert "--unit" in capsys.readouterr().err
    assert not (tmp_path / "a.nianbao").exists()


# --------------------------------------------------------------------------- the command

def test_cli_new_from_nianbao(tmp_path, capsys):
    last = tmp_path / "2024.nianbao"
    save_report(last_year_2024(), last)
    out = tmp_path / "2025.nianbao"
    assert main(["new", "--from", str(last), "-o", str(out)]) == 0
    assert "已从 2024 年度报告新建" in capsys.readouterr().out
    report, _ = read_report(out)
    assert report.meta.year == 2025 and report.value("t3:carry:business") == 1
    assert main(["new", "--from", str(last), "--year", "2024", "-o", str(tmp_path / "b.nianbao")]) == 2
    assert "应晚于" in capsys.readouterr().err
    assert main(["new", "--from", str(tmp_path / "none.nianbao"), "-o", str(tmp_path / "c.nianbao")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_new_without_from_still_needs_year_and_unit(tmp_path, capsys):
    assert main(["new", "--year", "2024", "-o", str(tmp_path / "a.nianbao")]) == 2
    assert "--unit" in capsys.readouterr().err


# --------------------------------------------------------------------------- the copy in the file

def test_copy_survives_saving_twice_with_money_decimals(tmp_path):
    report = new_from_previous(last_year_2024())
    path = tmp_path / "a.nianbao"
    save_report(report, path)
    once, _ = read_report(path)
    save_report(once, path)               # the copy was read with Decimals; it must save again
    twice, _ = read_report(path)
    assert twice.last_year == once.last_year
    assert Decimal(str(twice.last_year["values"]["t2:fee:amount"])) == Decimal("18651.06")


def test_a_damaged_copy_is_a_warning_not_a_crash():
    report = new_from_previous(last_year_2024())
    report.last_year = dict(report.last_year, edition="1999")
    findings = run_checks(report)
    [f] = [f for f in findings if f.rule == "R6"]
    assert f.severity == "warning" and "上年报告无法使用" in f.message
    report.last_year = dict(report.last_year, edition="2021", meta={"year": 2030})
    assert "不早于" in [f for f in run_checks(report) if f.rule == "R6"][0].message


def test_a_copy_that_is_not_an_object_refuses_the_file():
    text = json.dumps({"format": "nianbao", "version": 2, "edition": "2021", "meta": {"year": 2025}, "last_year": 5})
    with pytest.raises(FileFormatError, match="last_year"):
        loads(text, "x.nianbao")


def test_json_ready_turns_decimals_back_into_numbers():
    assert json_ready({"a": [Decimal("1.5"), Decimal("2")], "b": "x"}) == {"a": [1.5, 2], "b": "x"}


def test_a_report_without_a_copy_is_unchanged():
    report = Report.new("2021", 2025, "某局")
    from forms.storage import report_to_dict
    assert "last_year" not in report_to_dict(report)


def test_a_skipped_year_carries_no_values_and_keeps_no_copy():
    """2025 started from 2023's file: 2023's 结转下年度 went into 2024, not 2025 — carrying it, or
    comparing 2025's 上年结转 with it (R6), would be wrong."""
    last = last_year_2024()
    last.meta.year = 2023
    report = new_from_previous(last, 2025)
    assert report.meta.year == 2025 and report.meta.phone == "0591-12345678"   # the unit still carries
    assert report.value("t3:carry:natural") is None and report.last_year is None
    report.set_value("t3:carry:natural", 0)
    assert rules_of(run_checks(report), "R6") == []


def test_a_copy_of_a_year_other_than_the_last_is_not_compared():
    report = new_from_previous(last_year_2024())
    report.set_value("t3:carry:natural", 0)   # against 2024's 4: R6, but only while 2024 is last year
    report.meta.year = 2026                  # the clerk moved the report on a year: 2024 is not last year
    [f] = rules_of(run_checks(report), "R6")
    assert f.severity == "warning" and "2024 年度" in f.message and "2025 年度" in f.message
    assert "跨年度检查" in f.message
    assert "跨年度检查（R6、R7、R12）未进行" in f.message
    report.meta.year = 2025                  # and back: the copy counts again
    assert {f.cells[0] for f in rules_of(run_checks(report), "R6")} == {"t3:carry:natural", "t3:carry:total"}


def test_an_unusable_copy_names_the_editions_own_cross_year_rules():
    report = new_from_previous(demo_report())            # 2014: W5 and R12 look at last year
    report.last_year = dict(report.last_year, edition="1999")
    [f] = rules_of(run_checks(report), "R6")
    assert "跨年度检查（W5、R12）未进行" in f.message


# --------------------------------------------------------------------------- what mutation testing found unpinned

def test_the_title_carries_with_its_year_moved_on():
    last = last_year_2024()
    last.set_meta("title", "平潭综合实验区管理委员会2024年政府信息公开工作年度报告")
    assert new_from_previous(last).meta.title == "平潭综合实验区管理委员会2025年政府信息公开工作年度报告"


def test_a_blank_or_zero_carried_case_is_left_blank_or_zero_and_the_others_still_carry():
    last = last_year_2024()
    last.set_many({"t3:next:natural": None, "t3:next:business": 1, "t3:next:research": 0})
    report = new_from_previous(last)
    assert report.value("t3:carry:natural") is None                 # not known: the clerk types it
    assert report.value("t3:carry:business") == 1 and report.value("t3:carry:research") == 0


def test_a_negative_item_count_is_not_carried():
    last = pingtan_report("2019", 2019)
    last.set_many({"t2:permit:prev_items": 3, "t2:permit:change": -4, "t2:fee:prev_items": 8, "t2:fee:change": -8})
    report = new_from_previous(last)
    assert report.value("t2:permit:prev_items") is None             # −1 item cannot be this year's count
    assert report.value("t2:fee:prev_items") == 0


def test_the_copy_of_last_year_keeps_neither_its_own_copy_nor_its_review_marks():
    second = new_from_previous(last_year_2024())
    second.reviews["R10:t3:other_1:total"] = "经核实无误"
    third = new_from_previous(second)
    assert third.last_year["meta"]["year"] == 2025
    assert "last_year" not in third.last_year and "reviews" not in third.last_year


def test_json_ready_data_can_be_written_as_json():
    assert json.loads(json.dumps(json_ready({"a": [Decimal("1.5"), Decimal("2")]}))) == {"a": [1.5, 2]}


def test_a_copy_of_the_same_year_says_it_is_not_earlier():
    report = new_from_previous(last_year_2024())
    report.meta.year = 2024
    [f] = rules_of(run_checks(report), "R6")
    assert "保存的上年报告是 2024 年度的，不早于本报告的 2024 年度" in f.message


def test_reading_last_year_from_a_path_given_as_text(tmp_path):
    path = tmp_path / "2024.nianbao"
    save_report(last_year_2024(), path)
    previous, notes = read_previous(str(path))
    assert previous.meta.year == 2024 and notes == []


def test_a_spreadsheet_without_numbers_is_not_last_years_report(tmp_path):
    # the blank form as downloaded, chosen by mistake for last year's report
    xlsx = _exported_xlsx(Report.new("2021", 2024, "某局"), tmp_path / "blank.xlsx")
    with pytest.raises(FileFormatError, match="表格中没有找到任何数值"):
        read_previous(xlsx, 2025)
