"""The program as the clerk gets it: built with PyInstaller (build.spec), then its own smoke test run
by the BUILT program — demo in the main window, checks, .docx/.xlsx/PDF exports — with nothing
unexpected on stderr.  scripts/build_and_smoke.sh does the work; this runs it in CI.

It takes ≈ 30 s on two cores (build ≈ 15–25 s, smoke test ≈ 2 s); ``-m "not bundle"`` leaves it
out of a quick local run.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.bundle


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CI builds the Linux bundle; see docs/build.md for Windows")
def test_the_built_program_passes_its_smoke_test(tmp_path):
    pytest.importorskip("PyInstaller", reason="pip install -e '.[test]' installs PyInstaller")
    assert shutil.which("bash")
    out = subprocess.run(["bash", str(ROOT / "scripts" / "build_and_smoke.sh"), "--worktree",
                          "--python", sys.executable, "--dist", str(tmp_path / "dist"),
                          "--work", str(tmp_path / "work")],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.rstrip().endswith("build_and_smoke: passed")
    for step in ("open the demo in the main window", "export .docx", "export .xlsx", "export PDF"):
        assert f"ok  {step}:" in out.stdout
    bundle = tmp_path / "dist" / "nianbao"
    # What the spec promises about the contents.
    assert (bundle / "_internal" / "forms" / "editions" / "2021.json").is_file()
    assert (bundle / "_internal" / "resources" / "reference.docx").is_file()
    assert (bundle / "_internal" / "resources" / "icons" / "nianbao.png").is_file()
    translations = sorted(p.name for p in bundle.rglob("*.qm"))
    assert translations == ["qt_zh_CN.qm", "qtbase_zh_CN.qm"]
    assert not list(bundle.rglob("*Qt6Network*")) and not list(bundle.rglob("*qwayland*"))
