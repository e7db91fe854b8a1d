"""Start-up stays light: python-docx and openpyxl (≈ 90 ms and ≈ 130 ms to import) are loaded
when the clerk first exports or imports, never by starting the program or importing its modules."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docx", "openpyxl", "lxml")

_REPORT = "print(' '.join(sorted(m for m in %r if m in sys.modules)) or 'none')" % (HEAVY,)


def _run(code: str, **env) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, **env})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_starting_the_app_with_the_demo_loads_neither():
    # The start-up probe leaves the event loop once the window is shown, so main() returns.
    code = ("import sys\n"
            "from desktop.main import main\n"
            "assert main(['--demo']) == 0\n"
            "assert 'PySide6.QtWidgets' in sys.modules\n" + _REPORT)
    assert _run(code, NIANBAO_STARTUP_PROBE="1") == "none"


def test_a_start_with_no_recovery_copies_does_not_load_the_recovery_reader(tmp_path):
    # desktop.recovery (json, dataclasses, file locks) is for the rare start after a crash.
    code = ("import sys\n"
            "from desktop.main import main\n"
            "assert main(['--demo']) == 0\n"
            "print('loaded' if 'desktop.recovery' in sys.modules else 'not loaded')")
    assert _run(code, NIANBAO_STARTUP_PROBE="1", NIANBAO_DATA_DIR=str(tmp_path)) == "not loaded"


def test_the_modules_of_file_menu_items_wait_until_chosen():
    """Importing spreadsheets, carrying last year over, summing units: none is needed to show a report."""
    lazy = ("desktop.import_action", "desktop.import_into_report", "forms.importer",
            "desktop.carryover_action", "desktop.aggregate_dialog", "forms.aggregate")
    code = ("import sys\n"
            "from desktop.main import main\n"
            "assert main(['--demo']) == 0\n"
            "print(' '.join(m for m in %r if m in sys.modules) or 'none')" % (lazy,))
    assert _run(code, NIANBAO_STARTUP_PROBE="1") == "none"


def test_importing_every_module_of_forms_and_desktop_loads_neither():
    code = ("import importlib, pkgutil, sys\n"
            "import desktop, forms\n"
            "names = [m.name for p in (forms, desktop) for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
            "assert len(names) > 20, names\n"
            "for name in names: importlib.import_module(name)\n" + _REPORT)
    assert _run(code) == "none"


def test_the_check_is_able_to_see_an_eager_import():
    """The probe itself works: importing the exporter's library directly is seen."""
    assert "openpyxl" in _run("import sys\nimport openpyxl\n" + _REPORT).split()
