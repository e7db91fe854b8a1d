"""PySide6 no longer reads the source of every module imported after it (start-up)."""

import inspect
import sys

from desktop import pyside_imports
from desktop.app import create_application


def test_modules_imported_after_pyside_are_not_read(qtbot, monkeypatch, tmp_path):
    create_application()
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is pyside_imports.uses_pyside
    read = []
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or "")
    (tmp_path / "nianbao_probe_plain.py").write_text("import json\nVALUE = 1\n", encoding="utf-8")
    (tmp_path / "nianbao_probe_qt.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        exec("import nianbao_probe_plain, nianbao_probe_qt")     # import statements: PySide's hook
        assert read == []
        # The answer the hook keeps is still right: only the module that uses PySide6 is marked 0.
        assert feature.pyside_feature_dict["nianbao_probe_plain"] == -1
        assert feature.pyside_feature_dict["nianbao_probe_qt"] == 0
    finally:
        for name in ("nianbao_probe_plain", "nianbao_probe_qt"):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)


def test_uses_pyside_answers_as_the_source_scan_would():
    import desktop.main_window
    import forms.report
    assert pyside_imports.uses_pyside(desktop.main_window)
    assert not pyside_imports.uses_pyside(forms.report)
    assert not pyside_imports.uses_pyside(object())          # no namespace at all


def test_installing_twice_or_without_the_hook_changes_nothing(monkeypatch):
    create_application()
    assert pyside_imports.skip_source_scan() is False        # already in place
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert pyside_imports.skip_source_scan() is False


def test_an_odd_module_never_breaks_an_import():
    class Weird(type):
        @property
        def __module__(cls):
            raise RuntimeError("no module")

    odd = type(sys)("odd")
    odd.thing = Weird("Thing", (), {})
    assert pyside_imports.uses_pyside(odd) is False
