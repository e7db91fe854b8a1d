"""forms/ is the domain: it must never import Qt or the desktop package."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "shiboken6", "desktop")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_forms_never_imports_qt_or_desktop():
    offenders = []
    for path in sorted((ROOT / "forms").rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_headless_commands_do_not_load_qt(tmp_path):
    code = ("import sys; from desktop.main import main; "
            f"main(['demo', '-o', {str(tmp_path / 'd.nianbao')!r}]); main(['check', {str(tmp_path / 'd.nianbao')!r}]); "
            "print('Qt loaded' if any(m.startswith('PySide6') for m in sys.modules) else 'no Qt')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "no Qt"
