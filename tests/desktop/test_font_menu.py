"""文件 → 字体方案: every profile listed, the choice saved and used by export, the notice told once,
and the window built without reading the profiles."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from desktop import exporting, font_menu, font_notice
from desktop.document import ReportDocument
from desktop.font_notice import chosen_profile
from forms.fonts import DEFAULT_PROFILE, get_profile, profile_names
from tests.desktop.gui_helpers import boxes, make_window  # noqa: F401 (fixtures)
from tests.forms.sample_reports import pingtan_report

ROOT = Path(__file__).resolve().parents[2]


def _open_font_menu(window):
    """The profile items of the opened submenu."""
    window.font_menu.aboutToShow.emit()
    return [a for a in window.font_menu.actions() if not a.isSeparator() and a.data() is not None]


def _bold_level3_item(window):
    window.font_menu.aboutToShow.emit()
    (item,) = [a for a in window.font_menu.actions() if a.text() == font_menu.BOLD_LEVEL3_TEXT]
    return item


def _docx_fonts(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/styles.xml").decode("utf-8") + z.read("word/fontTable.xml").decode("utf-8")


def test_the_submenu_lists_every_profile_with_the_chosen_one_checked(make_window):
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.font_menu.menuAction() in file_menu.actions()
    actions = _open_font_menu(window)
    assert [a.text() for a in actions] == [get_profile(n).label for n in profile_names()]
    assert [a.data() for a in actions] == profile_names()
    assert all(a.isCheckable() for a in actions)
    assert [a.data() for a in actions if a.isChecked()] == [DEFAULT_PROFILE]
    assert actions[0].actionGroup() is not None and actions[0].actionGroup().isExclusive()
    assert len(_open_font_menu(window)) == len(profile_names())      # opened again: not doubled


def test_choosing_another_profile_saves_it_and_export_uses_it(make_window, boxes, monkeypatch, tmp_path):
    monkeypatch.setattr(font_notice, "missing_fonts", lambda profile: [])   # no notice here
    window = make_window(ReportDocument(pingtan_report()))
    other = next(n for n in profile_names() if n != DEFAULT_PROFILE)
    action = next(a for a in _open_font_menu(window) if a.data() == other)
    action.trigger()
    assert chosen_profile().name == other
    assert get_profile(other).label in window.statusBar().currentMessage()
    checked = [a.data() for a in _open_font_menu(window) if a.isChecked()]
    assert checked == [other]

    boxes.files = [str(tmp_path / "报告.docx")]
    assert exporting.export_docx(window, window.document) == tmp_path / "报告.docx"
    fonts = _docx_fonts(tmp_path / "报告.docx")
    chosen, default = get_profile(other), get_profile(DEFAULT_PROFILE)
    assert f'w:eastAsia="{chosen.family("title")}"' in fonts
    assert f'w:eastAsia="{chosen.family("body")}"' in fonts
    assert f'"{default.family("title")}"' not in fonts and f'"{default.family("body")}"' not in fonts


def test_bold_level3_headings_are_a_setting_export_and_print_follow(make_window, boxes, tmp_path):
    # layout.md: 「1.」 headings are 仿宋 16 pt, bold by local practice — a setting; the desktop
    # had none, so such a clerk bolded every 「1.」 heading by hand in Word after each export
    from desktop.printing import report_document
    window = make_window(ReportDocument(pingtan_report()))
    item = _bold_level3_item(window)
    assert item.isCheckable() and not item.isChecked()
    assert not report_document(window.document).style("heading3").bold     # GB/T 9704's default
    item.trigger()
    assert font_notice.chosen_bold_level3() and _bold_level3_item(window).isChecked()
    assert "加粗" in window.statusBar().currentMessage()
    assert report_document(window.document).style("heading3").bold
    boxes.files = [str(tmp_path / "报告.docx")]
    assert exporting.export_docx(window, window.document) == tmp_path / "报告.docx"
    with zipfile.ZipFile(tmp_path / "报告.docx") as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    heading3 = styles[styles.index('w:styleId="Heading3"'):]
    heading3 = heading3[:heading3.index("</w:style>")]
    assert "<w:b/>" in heading3
    _bold_level3_item(window).trigger()
    assert not font_notice.chosen_bold_level3()
    assert not report_document(window.document).style("heading3").bold


def test_the_missing_font_notice_is_shown_once_per_profile(make_window, boxes, monkeypatch):
    # Which faces this machine has is not the point: one face of the profile is made missing.
    monkeypatch.setattr(font_notice, "missing_fonts", lambda profile: [profile.family("title")])
    window = make_window()
    other = next(n for n in profile_names() if n != DEFAULT_PROFILE)
    trigger = lambda name: next(a for a in _open_font_menu(window) if a.data() == name).trigger()  # noqa: E731
    trigger(other)
    notices = [m for t, m in boxes.shown if t == "字体提示"]
    assert len(notices) == 1
    assert get_profile(other).label in notices[0] and get_profile(other).family("title") in notices[0]
    trigger(DEFAULT_PROFILE)
    trigger(other)                                      # back again: already told
    notices = [m for t, m in boxes.shown if t == "字体提示"]
    assert len(notices) == 2 and get_profile(DEFAULT_PROFILE).label in notices[1]
    assert chosen_profile().name == other


def test_building_the_window_does_not_import_the_font_profiles():
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from desktop.document import ReportDocument\n"
            "from desktop.main_window import MainWindow\n"
            "from forms.demo import demo_report\n"
            "w = MainWindow(ReportDocument(demo_report()))\n"
            "w.show(); app.processEvents()\n"
            "names = ('forms.fonts', 'desktop.font_notice', 'desktop.font_menu')\n"
            "print(' '.join(n for n in names if n in sys.modules) or 'none')\n"
            "w.font_menu.aboutToShow.emit()\n"        # the check sees the import once the menu opens
            "print(' '.join(n for n in names if n in sys.modules) or 'none')\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    before, after = out.stdout.strip().splitlines()[-2:]
    assert before == "none"
    assert after.split() == ["forms.fonts", "desktop.font_notice", "desktop.font_menu"]
