"""The build's own logic: which Qt files go into the bundle, the version resource, the icon."""

import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

from launcher import restore_library_path  # noqa: E402
from qt_trim import elf_needed, keep_binary, keep_data  # noqa: E402
from version_resource import project_version, version_numbers, version_text  # noqa: E402


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt6PrintSupport.dll",
    "PySide6/Qt/lib/libicudata.so.73",
    "libpython3.11.so.1.0",
])
def test_kept(dest):
    assert keep_binary(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
    "libQt6Network.so.6",                 # PyInstaller's symlink next to the executable
    "PySide6\\Qt6Quick.dll",
    "PySide6/opengl32sw.dll",
])
def test_dropped(dest):
    assert not keep_binary(dest)


def test_only_simplified_chinese_translations_are_kept():
    assert keep_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert keep_data("PySide6/translations/qt_zh_CN.qm")
    assert not keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep_data("PySide6/Qt/translations/qtbase_zh_TW.qm")
    assert not keep_data("PySide6/Qt/translations/qtdeclarative_zh_CN.qm")
    assert keep_data("resources/demo/shancheng-2017-report.txt")
    assert keep_data("forms/editions/2021.json")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads an ELF file")
def test_elf_needed_lists_direct_dependencies_only():
    from PySide6 import QtWidgets
    needed = elf_needed(QtWidgets.__file__)
    assert "libQt6Widgets.so.6" in needed
    # libQt6Widgets needs libicuuc through libQt6Core; ldd would list it, DT_NEEDED does not.
    assert not any(name.startswith("libicu") for name in needed)


def test_version_numbers():
    assert version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_numbers("1.2") == (1, 2, 0, 0)
    assert version_numbers("2.0.1rc1") == (2, 0, 1, 0)
    assert version_numbers("1.2.3.4.5") == (1, 2, 3, 4)
    with pytest.raises(ValueError):
        version_numbers("dev")


def test_version_resource_names_the_project_version():
    text = version_text(project_version())
    assert f"StringStruct('ProductVersion', '{project_version()}')" in text
    assert f"filevers={version_numbers(project_version())}" in text
    # PyInstaller evaluates the file as Python: it must at least parse.
    compile(text, "version_info.txt", "eval")


def test_the_version_is_written_once():
    import tomllib

    import forms
    assert project_version() == forms.__version__
    with open(ROOT / "pyproject.toml", "rb") as fh:
        pyproject = tomllib.load(fh)
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "forms.__version__"}


def test_icon_files_are_committed_and_well_formed():
    icons = ROOT / "resources" / "icons"
    assert (icons / "nianbao.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (icons / "nianbao.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico, 0)
    assert (reserved, kind) == (0, 1) and count >= 4
    sizes = set()
    for i in range(count):
        w, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(ico)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes


@pytest.mark.parametrize("environ, left", [
    # What PyInstaller's bootloader hands the program: its folder first, the clerk's value kept aside.
    ({"LD_LIBRARY_PATH": "/opt/nianbao/_internal:/opt/foo", "LD_LIBRARY_PATH_ORIG": "/opt/foo"},
     {"LD_LIBRARY_PATH": "/opt/foo"}),
    ({"LD_LIBRARY_PATH": "/opt/nianbao/_internal"}, {}),
    ({"PATH": "/usr/bin"}, {"PATH": "/usr/bin"}),
])
def test_programs_started_from_the_bundle_get_the_clerks_library_path(environ, left):
    restore_library_path(environ)
    assert environ == left
