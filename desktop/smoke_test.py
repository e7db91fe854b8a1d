"""``nianbao --smoke-test DIR``: proves that a program — above all the built bundle — really works.

It starts the application as the clerk's start does (Chinese Qt translations, style, error hook),
opens the demo report in a real main window, edits a cell and checks that the totals and the checks
follow, makes sure python-docx and openpyxl were not loaded at start, then exports the demo to
.docx, .xlsx and PDF in DIR with the program's own export code and checks each file is whole.

Each step prints ``ok  <step>: <detail>`` on stdout.  The first failure prints
``nianbao --smoke-test: FAILED: <step>: <reason>`` on stderr and the exit status is 1; usage errors
exit 2.  Nothing is written outside DIR: the user data folder is a temporary one.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from pathlib import Path
from xml.etree import ElementTree

WATCHDOG_SECONDS = 120      # a modal dialog offscreen would otherwise hang the build forever
LAZY_MODULES = ("docx", "openpyxl")
# Never needed; PyInstaller's run-time hook would import it at every start if it were in the bundle
# (packaging/qt_trim.py excludes it: ≈ 12 ms of start-up with pkgutil).
NEVER_AT_START = ("multiprocessing",)


class SmokeFailure(Exception):
    """A step found something wrong; the message says what."""


def _fail_if(condition: bool, message: str) -> None:
    if condition:
        raise SmokeFailure(message)


# --------------------------------------------------------------------------- file checks

def check_zip(path: Path, parts: tuple[str, ...], must_contain: str = "") -> str:
    """An OOXML file: a sound zip, the parts present and well-formed XML, ``must_contain`` in them."""
    _fail_if(not path.is_file() or path.stat().st_size == 0, f"{path.name} was not written or is empty")
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            _fail_if(bad is not None, f"{path.name}: part {bad} is damaged")
            names = set(z.namelist())
            missing = [p for p in parts if p not in names]
            _fail_if(bool(missing), f"{path.name} lacks {', '.join(missing)}")
            texts = []
            for part in parts:
                try:
                    root = ElementTree.fromstring(z.read(part))
                except ElementTree.ParseError as exc:
                    raise SmokeFailure(f"{path.name}: {part} is not well-formed XML ({exc})") from None
                texts.append("".join(root.itertext()))   # the text as read, runs joined
    except zipfile.BadZipFile as exc:
        raise SmokeFailure(f"{path.name} is not a zip file ({exc})") from None
    _fail_if(bool(must_contain) and not any(must_contain in t for t in texts),
             f"{path.name} does not contain “{must_contain}”")
    return f"{path.stat().st_size:,} bytes, {len(names)} parts"


def check_pdf(path: Path) -> int:
    """A PDF file: its header, its end marker and at least one page; returns the number of pages."""
    _fail_if(not path.is_file() or path.stat().st_size == 0, f"{path.name} was not written or is empty")
    data = path.read_bytes()
    _fail_if(not data.startswith(b"%PDF-"), f"{path.name} has no PDF header")
    _fail_if(b"%%EOF" not in data[-1024:], f"{path.name} has no PDF end marker (truncated?)")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    _fail_if(pages == 0, f"{path.name} has no pages")
    return pages


# --------------------------------------------------------------------------- the steps

class _Run:
    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.errors: list[str] = []        # exceptions raised in Qt slots, caught by our hook
        self.app = self.window = self.doc = None

    def _hook(self, kind, value, tb):
        self.errors.append("".join(traceback.format_exception(kind, value, tb)).strip())

    def _process_events(self, until=lambda: True, seconds: float = 10.0) -> bool:
        deadline = time.monotonic() + seconds
        while True:
            self.app.processEvents()
            if until():
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def start_application(self) -> str:
        from PySide6.QtCore import QCoreApplication

        from .app import create_application
        self.app = create_application([sys.argv[0]])
        sys.excepthook = self._hook    # the app's hook shows a dialog; here errors must be reported
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        _fail_if(cancel != "取消", f"Qt's Chinese translation is not loaded (“Cancel” reads “{cancel}”)")
        _fail_if(self.app.windowIcon().isNull(), "the application icon (resources/icons/nianbao.png) did not load")
        return f"Qt {self.app.platformName()} platform, Chinese translation and icon loaded"

    def open_demo(self) -> str:
        from forms.demo import AGENCY, demo_report

        from .document import ReportDocument
        from .main_window import MainWindow
        self.doc = ReportDocument(demo_report())
        self.window = MainWindow(self.doc, check_after_shown=True)     # as the clerk's start does
        self.window.show()
        exposed = self._process_events(lambda: self.window.windowHandle() is not None
                                       and self.window.windowHandle().isExposed())
        _fail_if(not exposed, "the main window was not shown within 10 s")
        checked = self._process_events(lambda: self.window.checks.summary.text() != "正在检查…")
        _fail_if(not checked, "the checks panel was not filled after the window was shown")
        report = self.window.document.report
        _fail_if(report.meta.agency != AGENCY, f"the demo's agency reads “{report.meta.agency}”")
        for table in report.edition.tables:        # every page of the report, built and shown
            self.window.show_table(table.id)
        for section in report.edition.sections:
            self.window.show_section(section.id)
        self.window.show_meta()
        self._process_events()
        filled = sum(v is not None for v in report.values().values())
        _fail_if(filled == 0, "the demo report has no values")
        return f"{report.meta.year} 年 edition {report.edition.id}, {filled} cells filled, every page shown"

    def checks_follow_an_edit(self) -> str:
        doc, report = self.doc, self.doc.report
        findings = doc.findings
        cell = next(c for c in report.edition.input_cells() if report.edition.affected[c.id])
        total_id = report.edition.affected[cell.id][-1]
        before, total_before = report.value(cell.id), report.value(total_id)
        seen = []
        doc.findingsChanged.connect(lambda: seen.append(True))
        doc.set_cell_text(cell.id, str((before or 0) + 7))
        self._process_events()
        _fail_if(report.value(total_id) != (total_before or 0) + 7,
                 f"{report.cell(total_id).where} did not follow the edit of {cell.where}")
        _fail_if(not seen, "the checks were not run again after the edit")
        doc.undo_stack.undo()
        self._process_events()
        _fail_if(report.value(total_id) != total_before, "undo did not restore the total")
        errors = sum(f.severity == "error" for f in findings)
        return f"{len(findings)} findings ({errors} errors); an edit of {cell.where} moved {report.cell(total_id).where}"

    def start_stays_light(self) -> str:
        loaded = [m for m in LAZY_MODULES if m in sys.modules]
        _fail_if(bool(loaded), f"{', '.join(loaded)} loaded before the first export (start-up should not load them)")
        loaded = [m for m in NEVER_AT_START if m in sys.modules]
        _fail_if(bool(loaded), f"{', '.join(loaded)} loaded at start-up (nothing uses it)")
        return "python-docx and openpyxl not loaded before exporting, multiprocessing not at all"

    def children_get_system_libraries(self) -> str:
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle is None:
            return "not a bundle: nothing to check"
        from .external_programs import SEARCH_PATH_VARIABLES, bundle_entries, system_search_paths
        entries = [e for e in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if e]
        inside = bundle_entries(os.environ.get("LD_LIBRARY_PATH", ""), bundle)
        _fail_if(bool(inside), "LD_LIBRARY_PATH names the bundle's folder (" + os.pathsep.join(inside)
                 + "): the file manager of 打开数据文件夹 would load the bundle's libraries "
                 "(packaging/launcher.py restores it)")
        set_by_bundle = [name for name in SEARCH_PATH_VARIABLES
                         if bundle_entries(os.environ.get(name, ""), bundle)]
        with system_search_paths():         # as when 打开数据文件夹 starts the file manager
            for name in SEARCH_PATH_VARIABLES:
                inside = bundle_entries(os.environ.get(name, ""), bundle)
                _fail_if(bool(inside), f"{name} names the bundle's folder ({os.pathsep.join(inside)}) "
                         "for the programs nianbao starts (desktop/external_programs.py)")
        for name in set_by_bundle:
            _fail_if(not bundle_entries(os.environ.get(name, ""), bundle),
                     f"{name} lost the bundle's folder after a program was started: nianbao needs it")
        return ("LD_LIBRARY_PATH " + (os.pathsep.join(entries) or "unset")
                + f"; {', '.join(set_by_bundle) or 'nothing'} set to the bundle, not passed on")

    def help_and_about(self) -> str:
        from forms import __version__
        self.window.help_action.trigger()            # F1
        guide = self.window.help_dialog.browser.toPlainText()
        _fail_if(not guide.startswith("年报 使用说明"), f"the guide did not load: “{guide[:80]}”")
        self.window.help_dialog.close()
        self.window._about()
        about = self.window.about_box.text()
        _fail_if(f"版本 {__version__}" not in about, "关于年报 does not name the version")
        self.window.about_box.reject()
        return f"使用说明 {len(guide)} characters; version {__version__}"

    def _export(self, kind: str) -> Path:
        """The file the GUI's 导出 action writes, by the same code, without its file dialog."""
        from forms.fileio import atomic_write

        from .exporting import file_bytes
        path = self.out_dir / f"demo.{kind}"
        atomic_write(path, file_bytes(self.doc, kind))
        return path

    def export_docx(self) -> str:
        from forms.demo import AGENCY
        path = self._export("docx")
        return check_zip(path, ("[Content_Types].xml", "word/document.xml", "word/styles.xml"), AGENCY)

    def export_xlsx(self) -> str:
        from forms.demo import AGENCY
        path = self._export("xlsx")
        # The 2014 table carries 「填报单位（盖章）：<agency>」 above it.
        return check_zip(path, ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), AGENCY)

    def export_pdf(self) -> str:
        from .printing import export_pdf
        path = self.out_dir / "demo.pdf"
        reported = export_pdf(self.doc, path)
        pages = check_pdf(path)
        _fail_if(pages != reported, f"export_pdf reported {reported} pages, the file has {pages}")
        return f"{path.stat().st_size:,} bytes, {pages} pages"

    def close(self) -> str:
        self.window.close()
        self._process_events()
        _fail_if(bool(self.errors), "errors were raised inside the window:\n" + "\n".join(self.errors))
        return "window closed, no errors raised inside Qt"


STEPS = (
    ("start the application", "start_application"),
    ("open the demo in the main window", "open_demo"),
    ("totals and checks follow an edit", "checks_follow_an_edit"),
    ("start-up does not load the exporters", "start_stays_light"),
    ("programs it starts get the system's libraries", "children_get_system_libraries"),
    ("the guide and 关于年报", "help_and_about"),
    ("export .docx", "export_docx"),
    ("export .xlsx", "export_xlsx"),
    ("export PDF", "export_pdf"),
    ("close the window", "close"),
)


def _watchdog() -> None:
    print(f"nianbao --smoke-test: FAILED: no result after {WATCHDOG_SECONDS} s "
          "(a dialog waiting for an answer?)", file=sys.stderr, flush=True)
    os._exit(1)


def run(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    timer = threading.Timer(WATCHDOG_SECONDS, _watchdog)
    timer.daemon = True
    timer.start()
    run = _Run(out_dir)
    try:
        for title, method in STEPS:
            try:
                detail = getattr(run, method)()
            except SmokeFailure as exc:
                print(f"nianbao --smoke-test: FAILED: {title}: {exc}", file=sys.stderr, flush=True)
                return 1
            except Exception:  # noqa: BLE001 - any crash is a failure of that step, with its traceback
                print(f"nianbao --smoke-test: FAILED: {title}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
                return 1
            if run.errors:
                print(f"nianbao --smoke-test: FAILED: {title}: errors raised inside Qt:\n" + "\n".join(run.errors),
                      file=sys.stderr, flush=True)
                return 1
            print(f"ok  {title}: {detail}", flush=True)
    finally:
        timer.cancel()
    print(f"smoke test passed; files in {out_dir}", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print("用法：nianbao --smoke-test 输出文件夹", file=sys.stderr)
        return 2
    # A private user data folder: no recovery copies, settings or logs left in the clerk's.
    with tempfile.TemporaryDirectory(prefix="nianbao-smoke-") as data_dir:
        os.environ.setdefault("NIANBAO_DATA_DIR", data_dir)
        return run(Path(argv[0]).resolve())
