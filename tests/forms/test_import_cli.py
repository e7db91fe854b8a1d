"""nianbao import: exit codes, what it prints, the file it writes, and round trips."""

import io
import json
import sys
from decimal import Decimal

import pytest

from forms.cli import COMMAND_MODULES, main
from forms.demo import demo_report
from forms.report import Report
from forms.storage import read_report, save_report
from tests.forms.import_fixtures import full_report, pingtan_workbook
from tests.forms.test_import_xlsx import expected_pingtan, messy_workbook


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_workbook_exits_0(tmp_path, capsys):
    out_file = tmp_path / "平潭.nianbao"
    code, out, err = run(capsys, "import", str(pingtan_workbook(tmp_path / "p.xlsx")), "--edition", "2021",
                         "--year", "2024", "--unit", "平潭综合实验区", "-o", str(out_file))
    assert (code, err) == (0, "")
    assert "已导入 166 个数值（表二、表三、表四）" in out
    report, _ = read_report(out_file)
    assert report.meta.agency == "平潭综合实验区" and report.meta.year == 2024
    assert {k: (float(v) if isinstance(v, Decimal) else v) for k, v in report.values().items()} == expected_pingtan()


def test_problems_are_printed_and_exit_1(tmp_path, capsys):
    out_file = tmp_path / "m.nianbao"
    code, out, err = run(capsys, "import", str(messy_workbook(tmp_path / "m.xlsx")), "--year", "2024",
                         "--unit", "平潭", "-o", str(out_file))
    assert code == 1 and err == ""
    assert "【合计不一致】表三（一）!J7" in out
    assert "【标签不一致】表三（一）!C12" in out and "2.其他法律行政止公开" in out
    assert "【空白】表三（一）!D16" in out
    assert "需要核对" in out
    report, _ = read_report(out_file)     # saved all the same, with what must be checked
    assert report.declared == {"t3:new:total": 219}
    assert report.published_labels["t3:row:deny_2"] == "2.其他法律行政止公开"
    code, out, _ = run(capsys, "check", str(out_file))
    assert code == 1 and "R11" in out and "R2" in out


def test_an_unusable_file_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "来文.xlsx"
    bad.write_bytes(b"\x00\x01 not a workbook")
    code, out, err = run(capsys, "import", str(bad), "--year", "2024", "--unit", "x", "-o", str(tmp_path / "o.nianbao"))
    assert code == 2 and "不是 Excel 工作簿" in err
    assert not (tmp_path / "o.nianbao").exists()
    code, _, err = run(capsys, "import", str(tmp_path / "无此文件.xlsx"), "--year", "2024", "--unit", "x",
                       "-o", str(tmp_path / "o.nianbao"))
    assert code == 2 and "找不到文件" in err
    code, _, err = run(capsys, "import", str(bad), "--year", "二〇二四", "--unit", "x", "-o", str(tmp_path / "o.nianbao"))
    assert code == 2 and "报告年度" in err


def test_a_report_file_is_told_to_be_used_as_it_is(tmp_path, capsys):
    # It said 「应为单元格列表（nianbao show --json 的输出），而不是一个对象」.
    report = tmp_path / "某局 2024.nianbao"
    save_report(Report.new("2021", 2024, "某局"), report)
    code, _, err = run(capsys, "import", str(report), "--year", "2024", "--unit", "x", "-o", str(tmp_path / "o.nianbao"))
    assert code == 2 and "已是年报文件" in err and "单元格列表" not in err
    assert not (tmp_path / "o.nianbao").exists()


def test_an_existing_file_needs_force(tmp_path, capsys):
    source = pingtan_workbook(tmp_path / "p.xlsx")
    target = tmp_path / "o.nianbao"
    target.write_text("keep me", encoding="utf-8")
    args = ["import", str(source), "--year", "2024", "--unit", "x", "-o", str(target)]
    code, _, err = run(capsys, *args)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, *args, "--force")
    assert code == 0 and read_report(target)[0].value("t3:new:natural") == 217


@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020), ("2014", 2017)])
def test_show_json_then_import(tmp_path, capsys, edition, year):
    report = demo_report() if edition == "2014" else full_report(edition, year)
    save_report(report, tmp_path / "a.nianbao")
    code, listing, _ = run(capsys, "show", str(tmp_path / "a.nianbao"), "--json")
    assert code == 0
    (tmp_path / "cells.json").write_text(listing, encoding="utf-8")
    code, out, err = run(capsys, "import", str(tmp_path / "cells.json"), "--edition", edition, "--year", str(year),
                         "--unit", "测试机关", "-o", str(tmp_path / "b.nianbao"))
    assert (code, err) == (0, "")
    assert read_report(tmp_path / "b.nianbao")[0].values() == report.values()


def test_json_from_standard_input(tmp_path, capsys, monkeypatch):
    report = full_report("2021", 2024)
    save_report(report, tmp_path / "a.nianbao")
    _, listing, _ = run(capsys, "show", str(tmp_path / "a.nianbao"), "--json")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(listing.encode("utf-8")), encoding="utf-8"))
    code, _, err = run(capsys, "import", "-", "--year", "2024", "--unit", "测试机关", "-o", str(tmp_path / "b.nianbao"))
    assert (code, err) == (0, "")
    assert read_report(tmp_path / "b.nianbao")[0].values() == report.values()


def test_long_lists_of_notes_are_cut(tmp_path, capsys):
    listing = json.dumps([{"table": "收到和处理政府信息公开申请情况", "row": ["一、本年新收政府信息公开申请数量"],
                           "column": ["申请人情况", "自然人"], "value": None}], ensure_ascii=False)
    (tmp_path / "c.json").write_text(listing, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(tmp_path / "c.json"), "--year", "2024", "--unit", "x",
                       "-o", str(tmp_path / "o.nianbao"))
    assert code == 1
    assert "【缺少】……另有" in out and out.count("【缺少】") == 41


@pytest.mark.skipif("export" not in COMMAND_MODULES, reason="the .xlsx exporter has not landed")
@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020), ("2014", 2017)])
def test_export_then_import(tmp_path, capsys, edition, year):
    report = demo_report() if edition == "2014" else full_report(edition, year)
    save_report(report, tmp_path / "a.nianbao")
    code, _, err = run(capsys, "export", str(tmp_path / "a.nianbao"), "--xlsx", str(tmp_path / "a.xlsx"))
    assert code == 0, err
    code, out, err = run(capsys, "import", str(tmp_path / "a.xlsx"), "--edition", edition, "--year", str(year),
                         "--unit", "测试机关", "-o", str(tmp_path / "b.nianbao"))
    assert (code, err) == (0, ""), out
    back = read_report(tmp_path / "b.nianbao")[0]
    assert back.values() == report.values()
    assert back.declared == {} and back.published_labels == {}


def test_the_advice_about_another_edition_comes_first(tmp_path, capsys):
    """Last year's 2019-format tables imported as 2021: dozens of notes follow, and the one that
    explains them all must not be the last of them."""
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    from tests.forms.sample_reports import pingtan_report
    source = tmp_path / "2020年.xlsx"
    source.write_bytes(xlsx_bytes(build_document(pingtan_report("2019", 2020))))
    code, out, _ = run(capsys, "import", str(source), "--edition", "2021", "--year", "2024", "--unit", "x",
                       "-o", str(tmp_path / "o.nianbao"))
    assert code == 1
    lines = out.splitlines()
    assert "更像“2019年版" in lines[0] and "--edition 2019" in lines[0]
    assert sum("更像" in line for line in lines) == 1
