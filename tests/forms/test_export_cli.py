"""nianbao export: both files, atomic writes, clear refusals, lazy imports (forms/commands/export.py)."""

import errno
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from forms.cli import main
from forms.storage import save_report
from tests.forms.disk_faults import fill_disk_of

from .sample_reports import pingtan_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.nianbao"
    assert main(["demo", "-o", str(path)]) == 0
    return path


def test_exports_both_files_beside_the_report(demo_file, capsys):
    assert main(["export", str(demo_file)]) == 0
    out = capsys.readouterr().out
    docx_path, xlsx_path = demo_file.with_suffix(".docx"), demo_file.with_suffix(".xlsx")
    assert str(docx_path) in out and str(xlsx_path) in out
    assert "附件1" in [p.text for p in docx.Document(docx_path).paragraphs]
    assert openpyxl.load_workbook(xlsx_path).sheetnames == ["统计表"]


def test_exporting_again_says_which_files_it_replaced(demo_file, capsys):
    # A .docx edited by hand after the first export was replaced without a word.
    assert main(["export", str(demo_file)]) == 0
    assert "替换" not in capsys.readouterr().out
    demo_file.with_suffix(".docx").write_bytes(b"edited by hand")
    assert main(["export", str(demo_file), "--docx", str(demo_file.with_suffix(".docx"))]) == 0
    out = capsys.readouterr().out
    assert f"已导出：{demo_file.with_suffix('.docx')}（替换了原有的文件）" in out


def test_named_targets_and_the_windows_profile(demo_file, tmp_path):
    out = tmp_path / "报告.docx"
    assert main(["export", str(demo_file), "--docx", str(out), "--fonts", "windows"]) == 0
    assert out.exists() and not demo_file.with_suffix(".xlsx").exists()
    with zipfile.ZipFile(out) as zf:
        assert 'w:eastAsia="仿宋"' in zf.read("word/styles.xml").decode("utf-8")


def test_bold_level3_headings(demo_file, tmp_path):
    out = tmp_path / "b.docx"
    assert main(["export", str(demo_file), "--docx", str(out), "--bold-level3"]) == 0
    heading3 = next(s for s in docx.Document(out).styles if s.style_id == "Heading3")
    assert heading3.font.bold


def test_unknown_font_profile(demo_file, capsys):
    assert main(["export", str(demo_file), "--fonts", "nope"]) == 2
    assert "没有名为“nope”的字体方案" in capsys.readouterr().err


def test_never_overwrites_the_report_itself(demo_file, capsys):
    before = demo_file.read_bytes()
    assert main(["export", str(demo_file), "--docx", str(demo_file)]) == 2
    assert "不能是年报文件本身" in capsys.readouterr().err
    assert demo_file.read_bytes() == before


def test_both_to_one_file_is_refused(demo_file, tmp_path, capsys):
    target = tmp_path / "x.out"
    assert main(["export", str(demo_file), "--docx", str(target), "--xlsx", str(target)]) == 2
    assert "同一个文件" in capsys.readouterr().err and not target.exists()


def test_missing_folder(demo_file, tmp_path, capsys):
    assert main(["export", str(demo_file), "--xlsx", str(tmp_path / "no" / "such" / "a.xlsx")]) == 2
    assert "找不到文件夹" in capsys.readouterr().err


def test_locked_target_keeps_the_existing_file(demo_file, tmp_path, capsys, monkeypatch):
    target = tmp_path / "old.docx"
    target.write_bytes(b"the clerk's previous export")

    def locked(src, dst):   # what Windows does while Word has the file open
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr("forms.fileio.os.replace", locked)
    assert main(["export", str(demo_file), "--docx", str(target)]) == 2
    err = capsys.readouterr().err
    assert "没有写入" in err and "old.docx" in err and "Traceback" not in err
    assert target.read_bytes() == b"the clerk's previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.nianbao", "old.docx"]   # no temp file left


def test_a_refused_attachment_leaves_the_report_as_it_was(demo_file, tmp_path, capsys, monkeypatch):
    # The .docx was replaced, then the .xlsx refused: exit 2 with this year's report beside last
    # time's attachment.
    docx_path, xlsx_path = tmp_path / "报告.docx", tmp_path / "附件" / "附件.xlsx"
    xlsx_path.parent.mkdir()
    docx_path.write_bytes(b"last time")
    fill_disk_of(monkeypatch, xlsx_path.parent)
    assert main(["export", str(demo_file), "--docx", str(docx_path), "--xlsx", str(xlsx_path)]) == 2
    out, err = capsys.readouterr()
    assert "磁盘空间不足" in err and "已导出" not in out
    assert docx_path.read_bytes() == b"last time" and list(xlsx_path.parent.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.nianbao", "报告.docx", "附件"]


def test_target_is_a_folder(demo_file, tmp_path, capsys):
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert main(["export", str(demo_file), "--docx", str(folder)]) == 2
    assert "是一个文件夹" in capsys.readouterr().err


def test_report_with_errors_is_exported_with_a_warning(tmp_path, capsys):
    report = pingtan_report()
    report.set_value("t3:new:natural", None)   # a blank typed cell: an error for the checks
    path = tmp_path / "p.nianbao"
    save_report(report, path)
    assert main(["export", str(path)]) == 0
    err = capsys.readouterr().err
    assert "处错误" in err
    assert path.with_suffix(".docx").exists() and path.with_suffix(".xlsx").exists()


def test_unreadable_report(tmp_path, capsys):
    bad = tmp_path / "bad.nianbao"
    bad.write_text("not json", encoding="utf-8")
    assert main(["export", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("nianbao export：")
    assert not bad.with_suffix(".docx").exists()


def test_docx_and_openpyxl_load_only_when_exporting():
    code = ("import sys, forms.cli, forms.document, forms.commands.export, forms.export.docx_writer, "
            "forms.export.xlsx_writer; forms.cli.build_parser(); "
            "print(sorted(m for m in ('docx', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_exported_bytes_are_those_of_the_writers(demo_file, tmp_path):
    from forms.document import build_document
    from forms.export.docx_writer import docx_bytes
    from forms.storage import read_report
    out = tmp_path / "a.docx"
    assert main(["export", str(demo_file), "--docx", str(out)]) == 0
    assert out.read_bytes() == docx_bytes(build_document(read_report(demo_file)[0]))
    assert zipfile.ZipFile(io.BytesIO(out.read_bytes())).testzip() is None
