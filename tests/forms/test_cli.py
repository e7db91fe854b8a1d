"""The headless nianbao commands: exit codes 0/1/2, Chinese messages on stderr, never a traceback."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from forms import cli
from forms.demo import SEED
from forms.report import Report
from forms.storage import read_report, save_report
from tests.forms import spec_parser

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _seed_numbers() -> list:
    """The 58 numbers of the seed's 统计表, read straight from the published text."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("统计数")
    end = next(i for i, line in enumerate(lines) if line.startswith("单位负责人"))
    return [Decimal(line) for line in lines[start + 1:end] if line.strip().isdigit()]


def _spec_value_paths() -> list[list[str]]:
    paths, stack = [], []
    for level, label, unit in spec_parser.parse()["2014"].list_rows:
        del stack[level:]
        stack.append(label)
        if unit != "——":
            paths.append(list(stack))
    return paths


@pytest.fixture
def demo_file(tmp_path, capsys):
    path = tmp_path / "demo.nianbao"
    assert run(capsys, "demo", "-o", str(path))[0] == 0
    return path


# ----------------------------------------------------------------------------- demo / show / check

def test_demo_show_json_has_the_58_values_under_their_labels(demo_file, capsys):
    code, out, err = run(capsys, "show", "--json", str(demo_file))
    assert code == 0 and err == ""
    records = json.loads(out)
    assert len(records) == 58
    assert [r["row"] for r in records] == _spec_value_paths()
    assert [Decimal(str(r["value"])) for r in records] == _seed_numbers()
    assert {r["table"] for r in records} == {"政府信息公开情况统计表"}
    assert {tuple(r["column"]) for r in records} == {("统计数",)}
    assert [r["row"][-1] for r in records if r["computed"]] == [
        "（一）收到申请数", "（二）申请办结数", "（三）申请答复数", "四、行政复议数量", "五、行政诉讼数量",
        "（三）从事政府信息公开工作人员数"]
    assert len({r["cell"] for r in records}) == 58
    by_label = {r["row"][-1]: r["value"] for r in records}
    assert by_label["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）"] == 3287
    assert by_label["（三）接受培训人员数"] == 80


def test_demo_check_finds_no_table_errors(demo_file, capsys):
    code, out, err = run(capsys, "check", "--json", str(demo_file))
    findings = json.loads(out)
    # text against tables (R8, R9) may find the seed's real faults; the tables themselves have none
    assert [f for f in findings if f["rule"] not in ("R8", "R9")] == []
    assert code == (1 if any(f["severity"] == "error" for f in findings) else 0) and err == ""
    code, out, err = run(capsys, "check", str(demo_file))
    assert err == "" and out.splitlines()[-1] in ("未发现问题", *[f"{e} 个错误，{w} 个提示" for e in range(9) for w in range(9)])


def test_show_as_text(demo_file, capsys):
    code, out, _ = run(capsys, "show", str(demo_file))
    assert code == 0
    assert "鹤壁市山城区人民政府2017年政府信息公开工作年度报告" in out.splitlines()[0]
    assert "三、依申请公开情况 / （一）收到申请数：0 件（合计）" in out
    assert "七、依申请公开信息收取的费用：0 万元" in out


def test_check_with_errors_exits_1_with_json_fields(tmp_path, capsys):
    report = Report.new("2021", 2024, "某局")
    report.fill_blanks_with_zero()
    report.set_many({"t3:new:natural": 3, "t3:open:natural": 2})
    report.set_text_of("s6", "本年度未收取信息处理费。")
    path = tmp_path / "r.nianbao"
    save_report(report, path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith("错误 R1：表三「自然人」列不平衡")
    assert out.splitlines()[-1] == "2 个错误，0 个提示"
    code, out, _ = run(capsys, "check", "--json", str(path))
    findings = json.loads(out)
    assert code == 1 and len(findings) == 2
    first = findings[0]
    assert {"rule", "severity", "message", "cells", "expected", "actual"} <= set(first)
    assert (first["rule"], first["severity"], first["expected"], first["actual"]) == ("R1", "error", 2, 3)
    assert first["cells"] == ["t3:new:natural", "t3:carry:natural", "t3:total:natural", "t3:next:natural"]


def test_check_warnings_only_exits_0(tmp_path, capsys):
    report = Report.new("2021", 2024, "某局")
    report.fill_blanks_with_zero()
    report.set_text_of("s1", "字" * 1001)
    report.set_text_of("s6", "本年度未收取信息处理费。")
    path = tmp_path / "r.nianbao"
    save_report(report, path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and out.startswith("提示 R13：") and "0 个错误，1 个提示" in out


def test_check_against_last_year(tmp_path, capsys):
    last = Report.new("2021", 2023, "某局")
    last.fill_blanks_with_zero()
    last.set_many({"t3:new:natural": 2, "t3:next:natural": 2})
    this = Report.new("2021", 2024, "某局")
    this.fill_blanks_with_zero()
    save_report(last, tmp_path / "2023.nianbao")
    save_report(this, tmp_path / "2024.nianbao")
    code, out, _ = run(capsys, "check", str(tmp_path / "2024.nianbao"), "--previous", str(tmp_path / "2023.nianbao"))
    assert code == 1 and "错误 R6：" in out
    code, _, err = run(capsys, "check", str(tmp_path / "2024.nianbao"), "--previous", str(tmp_path / "none.nianbao"))
    assert code == 2 and "none.nianbao" in err and "文件不存在" in err
    code, _, err = run(capsys, "check", str(tmp_path / "2024.nianbao"), "--previous", str(tmp_path / "2024.nianbao"))
    assert code == 2 and "是 2024 年度的，应为 2023 年度" in err


# ----------------------------------------------------------------------------- new

@pytest.mark.parametrize("year,edition", [("2025", "2021"), ("2021", "2021"), ("2020", "2019"),
                                          ("2019", "2019"), ("2018", "2014"), ("２０１７", "2014")])
def test_new_picks_the_edition_by_year(tmp_path, capsys, year, edition):
    path = tmp_path / "n.nianbao"
    code, out, _ = run(capsys, "new", "--year", year, "--unit", "某县人民政府", "-o", str(path))
    assert code == 0 and f"{edition}年版格式" in out
    report, _ = read_report(path)
    assert report.edition.id == edition and report.meta.agency == "某县人民政府"
    assert report.blank_cells() == [c.id for c in report.edition.input_cells()]


def test_new_with_an_explicit_edition(tmp_path, capsys):
    path = tmp_path / "n.nianbao"
    assert run(capsys, "new", "--year", "2022", "--unit", "某局", "--edition", "2019", "-o", str(path))[0] == 0
    assert read_report(path)[0].edition.id == "2019"


@pytest.mark.parametrize("args,words", [
    (["--year", "明年", "--unit", "某局"], "报告年度应为四位数年份"),
    (["--year", "1990", "--unit", "某局"], "2008 年"),
    (["--year", "2024", "--unit", "   "], "机关全称不能为空"),
    (["--year", "2024", "--unit", "甲" * 300], "最多 200 字"),
    (["--year", "2024", "--unit", "某局", "--edition", "1999"], "没有名为“1999”的版式"),
])
def test_new_refuses_bad_input(tmp_path, capsys, args, words):
    path = tmp_path / "n.nianbao"
    code, out, err = run(capsys, "new", *args, "-o", str(path))
    assert code == 2 and words in err and err.startswith("nianbao new：")
    assert not path.exists()


def test_new_from_a_missing_file_or_a_folder_says_so_first(tmp_path, capsys):
    # It asked for --year (「导入上年报告需要指明本年度」), which would not have helped.
    (tmp_path / "上年 报告").mkdir()
    for name, words in (("无此文件.xlsx", "不存在"), ("上年 报告", "是一个文件夹")):
        code, _, err = run(capsys, "new", "--from", str(tmp_path / name), "-o", str(tmp_path / "n.nianbao"))
        assert code == 2 and words in err and "--year" not in err, err
    assert not (tmp_path / "n.nianbao").exists()


def test_existing_output_needs_force(tmp_path, capsys, demo_file):
    before = demo_file.read_bytes()
    for argv in (["demo", "-o", str(demo_file)],
                 ["new", "--year", "2024", "--unit", "某局", "-o", str(demo_file)]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "已存在" in err and "--force" in err
        assert demo_file.read_bytes() == before
    assert run(capsys, "new", "--year", "2024", "--unit", "某局", "-o", str(demo_file), "--force")[0] == 0
    assert read_report(demo_file)[0].meta.year == 2024


def test_output_that_is_a_folder_or_nothing_asks_for_a_file_name(tmp_path, capsys, demo_file):
    # It said 「“.”已存在；如要覆盖，请加 --force」, and with --force 「是一个文件夹」 only then.
    folder = tmp_path / "中文 目录"
    folder.mkdir()
    for argv in (["demo", "-o", str(folder)], ["demo", "-o", ""],
                 ["new", "--year", "2024", "--unit", "某局", "-o", str(folder) + os.sep],
                 ["import", str(demo_file), "--year", "2017", "--unit", "某局", "-o", str(folder)],
                 ["aggregate", str(demo_file), "-o", str(tmp_path / "总.nianbao"), "--xlsx", str(folder)]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "后面应写文件名" in err and "--force" not in err, (argv, err)
    assert list(folder.iterdir()) == [] and not (tmp_path / "总.nianbao").exists()


def test_an_output_of_the_wrong_kind_is_refused(tmp_path, capsys, demo_file):
    # `export --xlsx 附件.docx` wrote a workbook that Word then called damaged; `new -o 报告.xlsx`
    # a report that Excel could not open.
    for argv, words in ((["export", str(demo_file), "--xlsx", str(tmp_path / "附件.docx")], "--xlsx 的文件名应以 .xlsx 结尾"),
                        (["export", str(demo_file), "--docx", str(tmp_path / "报告.txt")], "--docx 的文件名应以 .docx 结尾"),
                        (["new", "--year", "2024", "--unit", "某局", "-o", str(tmp_path / "报告.xlsx")], "应以 .nianbao 结尾"),
                        (["demo", "-o", str(tmp_path / "示例")], "应以 .nianbao 结尾"),
                        (["import", str(demo_file), "--year", "2017", "--unit", "某局", "-o", str(tmp_path / "o.json")],
                         "应以 .nianbao 结尾"),
                        (["aggregate", str(demo_file), "-o", str(tmp_path / "总.nianbao"), "--xlsx", str(tmp_path / "总.xls")],
                         "--xlsx 的文件名应以 .xlsx 结尾")):
        code, _, err = run(capsys, *argv)
        assert code == 2 and words in err, (argv, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.nianbao"]
    assert run(capsys, "export", str(demo_file), "--docx", str(tmp_path / "报告.DOCX"))[0] == 0


def test_output_into_a_missing_folder(tmp_path, capsys):
    code, _, err = run(capsys, "demo", "-o", str(tmp_path / "nope" / "d.nianbao"))
    assert code == 2 and "找不到文件夹" in err


def test_force_never_replaces_a_file_the_command_reads(tmp_path, capsys, demo_file):
    # `aggregate a b -o a --force` summed b alone and wrote it over a (a unit's report);
    # `import t.xlsx -o t.xlsx --force` put JSON in the clerk's spreadsheet.
    from forms.document import build_document
    from forms.export.xlsx_writer import xlsx_bytes
    sheet = tmp_path / "统计 表.xlsx"
    sheet.write_bytes(xlsx_bytes(build_document(read_report(demo_file)[0])))
    other = tmp_path / "乙局.nianbao"
    save_report(Report.new("2014", 2017, "乙局"), other)
    listing = tmp_path / "名单.txt"
    listing.write_text("乙局\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (demo_file, sheet, other, listing)}
    for argv in (["aggregate", str(demo_file), str(other), "-o", str(demo_file)],
                 ["aggregate", str(other), str(sheet), "-o", str(tmp_path / "汇总.nianbao"), "--xlsx", str(sheet)],
                 ["aggregate", str(other), "-o", str(listing), "--expect", str(listing)],
                 ["import", str(sheet), "--year", "2017", "--unit", "某局", "-o", str(sheet)],
                 ["new", "--from", str(demo_file), "-o", str(demo_file)]):
        code, _, err = run(capsys, *argv, "--force")
        assert code == 2 and "是要读取的文件" in err, (argv, err)
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in before)


# ----------------------------------------------------------------------------- bad files

def _bad_files(tmp_path):
    files = {
        "missing": (tmp_path / "none.nianbao", "文件不存在"),
        "folder": (tmp_path / "folder.nianbao", "这是一个文件夹"),
        "garbage": (tmp_path / "garbage.nianbao", "已损坏或不完整"),
        "empty": (tmp_path / "empty.nianbao", "文件是空的"),
        "other json": (tmp_path / "other.json", "这不是年报文件"),
        "unknown edition": (tmp_path / "edition.nianbao", "本机没有的版式“2077”"),
        "newer": (tmp_path / "newer.nianbao", "更新版本的年报程序"),
        # It said 「文件不是 UTF-8 文本」: nothing about what the file is or what to do with it.
        "workbook": (tmp_path / "附件.xlsx", "这是 Excel、Word 或 WPS 文件，不是年报文件"),
        "pdf": (tmp_path / "报告.pdf", "这是 PDF 文件，不是年报文件"),
        "bad value": (tmp_path / "value.nianbao", "不能为负数"),
    }
    (tmp_path / "folder.nianbao").mkdir()
    (tmp_path / "garbage.nianbao").write_bytes(b"\x00{garbage")
    (tmp_path / "empty.nianbao").write_bytes(b"")
    (tmp_path / "附件.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xa5\xb0")
    (tmp_path / "报告.pdf").write_bytes(b"%PDF-1.7\n\xe2\xe3\xcf\xd3")
    (tmp_path / "other.json").write_text('{"name": "package"}', encoding="utf-8")
    good = Report.new("2021", 2024, "某局")
    save_report(good, tmp_path / "good.nianbao")
    data = json.loads((tmp_path / "good.nianbao").read_text(encoding="utf-8"))
    for name, change in (("edition", {"edition": "2077"}), ("newer", {"version": 3}),
                         ("value", {"values": {"t3:new:natural": -5}})):
        (tmp_path / f"{name}.nianbao").write_text(json.dumps({**data, **change}, ensure_ascii=False), encoding="utf-8")
    return files


@pytest.mark.parametrize("command", ["show", "check"])
def test_bad_files_exit_2_with_a_message(tmp_path, capsys, command):
    for name, (path, words) in _bad_files(tmp_path).items():
        code, out, err = run(capsys, command, str(path))
        assert code == 2, name
        assert err.startswith(f"nianbao {command}：") and words in err and str(path) in err, (name, err)
        assert out == ""


def test_a_folder_or_an_unreadable_file_is_described_in_chinese(tmp_path, capsys, demo_file, monkeypatch):
    # Python's reasons (「Is a directory」, 「Permission denied」) reached the clerk, and import
    # called a folder 「找不到文件」.
    folder = tmp_path / "中文 目录"
    folder.mkdir()
    for argv in (["import", str(folder), "--year", "2024", "--unit", "某局", "-o", str(tmp_path / "o.nianbao")],
                 ["new", "--from", str(folder), "--year", "2024", "-o", str(tmp_path / "o.nianbao")],
                 ["aggregate", str(demo_file), "-o", str(tmp_path / "o.nianbao"), "--expect", str(folder)]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "文件夹" in err and "directory" not in err, (argv, err)
    sheet = tmp_path / "表.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    listing = tmp_path / "名单.txt"
    listing.write_text("某局\n", encoding="utf-8")
    real_open = open

    def refused(file, *args, **kwargs):
        if str(file) in (str(sheet), str(listing), str(demo_file)):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr("builtins.open", refused)
    monkeypatch.setattr(Path, "read_bytes", lambda p: refused(p, "rb").read())
    for argv in (["import", str(sheet), "--year", "2024", "--unit", "某局", "-o", str(tmp_path / "o.nianbao")],
                 ["aggregate", str(demo_file), "-o", str(tmp_path / "o.nianbao"), "--expect", str(listing)],
                 ["check", str(demo_file)]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "没有读取这个文件的权限" in err and "Permission" not in err, (argv, err)
    assert not (tmp_path / "o.nianbao").exists()


# ----------------------------------------------------------------------------- bad arguments

@pytest.mark.parametrize("argv,words", [
    (["show"], "缺少必需的参数：file"),
    (["check"], "缺少必需的参数：file"),
    (["show", "a", "b"], "无法识别的参数：b"),
    (["check", "x", "--colour"], "无法识别的参数：--colour"),
    (["new", "--year"], "参数 --year 后面应写一个值"),
    (["new", "--year", "2024"], "缺少必需的参数：-o/--output"),
    (["demo"], "缺少必需的参数：-o/--output"),
    (["bogus"], "参数 命令 的值 'bogus' 无效"),
])
def test_bad_arguments_exit_2_in_chinese(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and words in err and "用法：nianbao" in err
    assert "the following" not in err and "unrecognized" not in err and "usage:" not in err


def test_help_is_chinese(capsys):
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and out.startswith("用法：nianbao check") and "显示本帮助并退出" in out
    assert "show this help" not in out and "options:" not in out
    code, out, _ = run(capsys)
    assert code == 0 and "检查年报的勾稽关系和格式" in out


def test_unexpected_failure_is_logged_not_shown(tmp_path, capsys, monkeypatch, demo_file):
    from forms.commands import show

    def explode(args):
        raise RuntimeError("boom")
    monkeypatch.setattr(show, "run", explode)
    code, out, err = run(capsys, "show", str(demo_file))
    assert code == 2 and "程序内部错误" in err and "boom" in err
    log = Path(os.environ["NIANBAO_DATA_DIR"]) / "logs"
    logged = "".join(p.read_text(encoding="utf-8") for p in log.iterdir())
    assert "RuntimeError: boom" in logged and "Traceback" in logged


def test_entry_point_in_a_fresh_process(tmp_path):
    """Through the installed entry point: exit codes and stderr as a script would see them."""
    code = ("import sys; from desktop.main import main; sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "NIANBAO_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "ascii"}

    def nianbao(*argv):
        return subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, env=env, timeout=60)

    bad = tmp_path / "bad.nianbao"
    bad.write_text("{", encoding="utf-8")
    out = nianbao("check", str(bad))
    err = out.stderr.decode("utf-8")                  # UTF-8 even where the console says otherwise
    assert out.returncode == 2 and "已损坏或不完整" in err and "Traceback" not in err
    out = nianbao("show")
    assert out.returncode == 2 and "缺少必需的参数" in out.stderr.decode("utf-8")
    out = nianbao("demo", "-o", str(tmp_path / "d.nianbao"))
    assert out.returncode == 0 and (tmp_path / "d.nianbao").exists()


def test_is_command_knows_every_command_without_importing_them():
    names = set(cli.commands())
    assert names == {module.rstrip("_") for module in cli.COMMAND_MODULES}
    assert all(cli.is_command(name) for name in names)
    assert not any(cli.is_command(word) for word in ("--demo", "report.nianbao", "import_", ""))
