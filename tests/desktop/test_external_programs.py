"""Programs started from a built nianbao get the system's library and plugin search paths."""

import os
import sys

import pytest

from desktop import external_programs
from desktop.external_programs import bundle_entries, system_search_paths


@pytest.fixture
def bundle(tmp_path, monkeypatch):
    folder = tmp_path / "nianbao" / "_internal"
    (folder / "PySide6" / "Qt" / "plugins").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(folder), raising=False)
    return folder


def built_environment(bundle) -> dict:
    """What PyInstaller's PySide6 run-time hook leaves in the environment of a built nianbao."""
    return {"PATH": os.pathsep.join([str(bundle), "/usr/local/bin", "/usr/bin"]),
            "QT_PLUGIN_PATH": str(bundle / "PySide6" / "Qt" / "plugins"),
            "QML2_IMPORT_PATH": str(bundle / "PySide6" / "Qt" / "qml"),
            "HOME": "/home/clerk"}


def test_the_bundle_leaves_every_search_path_while_a_program_starts_and_returns_after(bundle, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    environ = built_environment(bundle)
    before = dict(environ)
    with system_search_paths(environ):
        assert environ == {"PATH": os.pathsep.join(["/usr/local/bin", "/usr/bin"]), "HOME": "/home/clerk"}
    assert environ == before


def test_a_clerks_own_plugin_folder_is_passed_on(bundle, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    environ = {"QT_PLUGIN_PATH": os.pathsep.join([str(bundle / "PySide6"), "/opt/kylin/plugins"])}
    with system_search_paths(environ):
        assert environ == {"QT_PLUGIN_PATH": "/opt/kylin/plugins"}
    assert bundle_entries(environ["QT_PLUGIN_PATH"], str(bundle)) == [str(bundle / "PySide6")]


def test_a_folder_beside_the_bundle_is_not_taken_for_it(bundle):
    beside = str(bundle.parent / "_internal-old")
    assert bundle_entries(os.pathsep.join([beside, str(bundle)]), str(bundle)) == [str(bundle)]


def test_on_windows_the_dll_directory_is_reset_for_the_start_and_set_back(bundle, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(external_programs, "_set_dll_directory", lambda path: calls.append(path) or True)
    with system_search_paths({}):
        assert calls == [None]
    assert calls == [None, str(bundle)]


def test_the_environment_comes_back_when_starting_the_program_fails(bundle, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(external_programs, "_set_dll_directory", lambda path: calls.append(path) or True)
    environ = built_environment(bundle)
    before = dict(environ)
    with pytest.raises(RuntimeError), system_search_paths(environ):
        raise RuntimeError("the file manager is missing")
    assert environ == before and calls == [None, str(bundle)]


def test_a_failed_reset_is_not_undone(bundle, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(external_programs, "_set_dll_directory", lambda path: calls.append(path) and False)
    with system_search_paths({}):
        pass
    assert calls == [None]


def test_from_source_nothing_is_touched(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(external_programs, "_set_dll_directory", lambda path: pytest.fail("called"))
    environ = {"PATH": "/usr/bin", "QT_PLUGIN_PATH": "/somewhere"}
    with system_search_paths(environ):
        assert environ == {"PATH": "/usr/bin", "QT_PLUGIN_PATH": "/somewhere"}


def test_off_windows_there_is_no_dll_directory(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert external_programs._set_dll_directory(None) is False


def test_the_data_folder_is_opened_with_the_systems_search_paths(bundle, monkeypatch, qapp):
    from PySide6.QtGui import QDesktopServices

    from desktop import about_dialog
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(bundle.parents[1] / "data"))
    for name, value in built_environment(bundle).items():
        monkeypatch.setenv(name, value)
    seen = {}
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: seen.update(url=url.toLocalFile(), env=dict(os.environ)) or True)
    assert about_dialog.open_data_folder()
    assert "QT_PLUGIN_PATH" not in seen["env"] and "QML2_IMPORT_PATH" not in seen["env"]
    assert str(bundle) not in seen["env"]["PATH"].split(os.pathsep)
    assert os.environ["QT_PLUGIN_PATH"] == str(bundle / "PySide6" / "Qt" / "plugins")
