"""nianbao --smoke-test: its file checks catch broken exports, and the whole test passes from source
(tests/test_bundle.py runs it on the built program)."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.smoke_test import SmokeFailure, check_pdf, check_zip

ROOT = Path(__file__).resolve().parents[2]
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


def test_a_sound_docx_passes(tmp_path):
    path = _zip(tmp_path / "a.docx", {"[Content_Types].xml": "<Types/>",
                                     "word/document.xml": "<d><t>某某</t><t>区人民政府</t></d>"})
    assert "2 parts" in check_zip(path, DOCX_PARTS, "某某区人民政府")   # text split over runs


@pytest.mark.parametrize("parts, complaint", [
    ({"[Content_Types].xml": "<Types/>"}, "lacks word/document.xml"),
    ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<d><t>x</d>"}, "not well-formed"),
    ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<d><t>别的机关</t></d>"}, "does not contain"),
])
def test_a_broken_docx_fails_saying_why(tmp_path, parts, complaint):
    path = _zip(tmp_path / "a.docx", parts)
    with pytest.raises(SmokeFailure, match=complaint):
        check_zip(path, DOCX_PARTS, "某某区人民政府")


def test_an_empty_or_non_zip_file_fails(tmp_path):
    (tmp_path / "empty.docx").write_bytes(b"")
    with pytest.raises(SmokeFailure, match="empty"):
        check_zip(tmp_path / "empty.docx", DOCX_PARTS)
    (tmp_path / "text.docx").write_text("not a zip")
    with pytest.raises(SmokeFailure, match="not a zip"):
        check_zip(tmp_path / "text.docx", DOCX_PARTS)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj\n" \
      b"2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type/Page >> endobj\ntrailer\n%%EOF\n"


def test_pdf_pages_are_counted(tmp_path):
    (tmp_path / "a.pdf").write_bytes(PDF)
    assert check_pdf(tmp_path / "a.pdf") == 2


@pytest.mark.parametrize("data, complaint", [
    (b"", "empty"),
    (PDF.replace(b"%PDF-", b"%XYZ-"), "no PDF header"),
    (PDF[:-8], "end marker"),
    (PDF.replace(b"/Type /Page >>", b"").replace(b"/Type/Page >>", b""), "no pages"),
])
def test_a_broken_pdf_fails_saying_why(tmp_path, data, complaint):
    (tmp_path / "a.pdf").write_bytes(data)
    with pytest.raises(SmokeFailure, match=complaint):
        check_pdf(tmp_path / "a.pdf")


def test_the_smoke_test_passes_from_source(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "desktop.main", "--smoke-test", str(tmp_path / "out")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().endswith(f"smoke test passed; files in {tmp_path / 'out'}")
    for name in ("demo.docx", "demo.xlsx", "demo.pdf"):
        assert (tmp_path / "out" / name).stat().st_size > 1000


def test_usage_error_exits_2():
    out = subprocess.run([sys.executable, "-m", "desktop.main", "--smoke-test"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--smoke-test" in out.stderr


def test_the_first_failing_step_stops_the_test_and_is_named_on_stderr(monkeypatch, tmp_path, capsys):
    from desktop import smoke_test
    ran = []
    monkeypatch.setattr(smoke_test, "STEPS", (("step one", "one"), ("step two", "two"), ("step three", "three")))
    monkeypatch.setattr(smoke_test._Run, "one", lambda self: ran.append(1) or "fine", raising=False)
    monkeypatch.setattr(smoke_test._Run, "two", lambda self: check_pdf(tmp_path / "missing.pdf"), raising=False)
    monkeypatch.setattr(smoke_test._Run, "three", lambda self: ran.append(3) or "fine", raising=False)
    assert smoke_test.run(tmp_path) == 1
    out, err = capsys.readouterr()
    assert "ok  step one: fine" in out and ran == [1]
    assert "FAILED: step two: missing.pdf was not written or is empty" in err


def test_a_bundle_handing_its_library_folder_to_other_programs_fails(monkeypatch, tmp_path):
    from desktop.smoke_test import _Run
    bundle = tmp_path / "nianbao" / "_internal"
    bundle.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{bundle}{os.pathsep}/opt/foo")
    with pytest.raises(SmokeFailure, match="打开数据文件夹"):
        _Run(tmp_path).children_get_system_libraries()
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/foo")
    assert "/opt/foo" in _Run(tmp_path).children_get_system_libraries()


def test_the_plugin_paths_the_bundle_sets_are_checked_as_a_started_program_gets_them(monkeypatch, tmp_path):
    import contextlib

    from desktop import external_programs
    from desktop.smoke_test import _Run
    bundle = tmp_path / "nianbao" / "_internal"
    bundle.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    monkeypatch.setenv("QT_PLUGIN_PATH", str(bundle / "PySide6" / "Qt" / "plugins"))
    assert "QT_PLUGIN_PATH set to the bundle, not passed on" in _Run(tmp_path).children_get_system_libraries()
    assert os.environ["QT_PLUGIN_PATH"].startswith(str(bundle))
    monkeypatch.setattr(external_programs, "system_search_paths", contextlib.nullcontext)
    with pytest.raises(SmokeFailure, match="QT_PLUGIN_PATH names the bundle's folder"):
        _Run(tmp_path).children_get_system_libraries()
