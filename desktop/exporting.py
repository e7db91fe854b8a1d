"""Exporting from the window: the .docx report, the .xlsx attachment and the PDF.

Before writing, the clerk is shown the errors the checks still find (a list) and must confirm
exporting anyway — a draft is sometimes needed, an unnoticed fault never.  Every file is written
atomically; a failure (disk full, no permission, the file open in Word/WPS) is said in Chinese
and leaves any earlier file, and the report itself, as they were.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from forms.checks import Finding
from forms.fileio import WriteError, atomic_write

from .document import ReportDocument
from .settings import app_settings

LAST_DIR_KEY = "export/last_dir"
# Each is a sentence or two: more would make the box taller than a laptop at 150 % (512 pt of
# screen); the checks panel lists them all.
MAX_LISTED = 5
KINDS = {
    "docx": ("Word 报告", "Word 文档 (*.docx)"),
    "xlsx": ("Excel 附件", "Excel 工作簿 (*.xlsx)"),
    "pdf": ("PDF", "PDF 文件 (*.pdf)"),
}


def export_docx(parent, doc: ReportDocument) -> Path | None:
    return _export(parent, doc, "docx")


def export_xlsx(parent, doc: ReportDocument) -> Path | None:
    return _export(parent, doc, "xlsx")


def export_pdf(parent, doc: ReportDocument) -> Path | None:
    return _export(parent, doc, "pdf")


# --------------------------------------------------------------------------- steps

def remaining_errors(doc: ReportDocument) -> list[Finding]:
    doc.flush_edits()
    return [f for f in doc.findings if f.severity == "error"]


def confirm_despite_errors(parent, errors: list[Finding], what: str) -> bool:
    """Lists the errors and asks whether to export anyway; True to go on."""
    if not errors:
        return True
    listed = "\n".join(f"· {f.message}" for f in errors[:MAX_LISTED])
    more = f"\n…… 另有 {len(errors) - MAX_LISTED} 处，全部见窗口右侧的检查结果" if len(errors) > MAX_LISTED else ""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"导出 {what}")
    box.setText(f"年报中还有 {len(errors)} 处错误，导出的文件不宜直接印发：")
    box.setInformativeText(listed + more + "\n\n仍要导出（例如作为草稿）吗？")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText("仍然导出")
    box.button(QMessageBox.StandardButton.No).setText("取消，先修改")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def default_path(doc: ReportDocument, kind: str) -> Path:
    """Beside the report file, or in the last export folder, named after the report."""
    if doc.path is not None:
        return doc.path.with_suffix(f".{kind}")
    folder = Path(str(app_settings().value(LAST_DIR_KEY, "") or Path.home()))
    name = _safe_name(doc.report.meta.effective_title) or "政府信息公开工作年度报告"
    return folder / f"{name}.{kind}"


def _safe_name(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .")[:120]


def ask_path(parent, doc: ReportDocument, kind: str) -> Path | None:
    what, pattern = KINDS[kind]
    chosen, _ = QFileDialog.getSaveFileName(parent, f"导出 {what}", str(default_path(doc, kind)), pattern)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{kind}":
        path = path.with_name(path.name + f".{kind}")
    return path


def file_bytes(doc: ReportDocument, kind: str) -> bytes:
    """The exported file's content (the writers are imported only when exporting: start-up speed)."""
    from forms.document import build_document

    from .font_notice import chosen_bold_level3, chosen_profile
    document = build_document(doc.report, chosen_profile(), chosen_bold_level3())
    if kind == "docx":
        from forms.export.docx_writer import docx_bytes
        return docx_bytes(document)
    if kind == "xlsx":
        from forms.export.xlsx_writer import xlsx_bytes
        return xlsx_bytes(document)
    from .printing import pdf_bytes
    return pdf_bytes(document)[0]


def _export(parent, doc: ReportDocument, kind: str) -> Path | None:
    what = KINDS[kind][0]
    if not confirm_despite_errors(parent, remaining_errors(doc), what):
        return None
    path = ask_path(parent, doc, kind)
    if path is None:
        return None
    if doc.path is not None and path.resolve() == doc.path.resolve():
        QMessageBox.warning(parent, f"导出 {what}", "导出的文件不能覆盖年报文件本身，请换一个文件名。")
        return None
    if kind == "pdf":
        from .font_notice import chosen_profile, notify_missing_fonts
        notify_missing_fonts(parent, chosen_profile())
    try:
        data = file_bytes(doc, kind)
        atomic_write(path, data)
    except WriteError as exc:
        QMessageBox.critical(parent, f"导出 {what} 失败", f"{exc}。\n\n原有文件（如有）未被改动，年报内容也没有丢失。")
        return None
    except Exception as exc:   # a writer's fault must not take the clerk's work down with it
        QMessageBox.critical(parent, f"导出 {what} 失败",
                             f"导出时发生内部错误：{exc.__class__.__name__}: {exc}\n\n年报内容没有丢失，请保存后重试。")
        return None
    settings = app_settings()
    settings.setValue(LAST_DIR_KEY, str(path.parent))
    settings.sync()
    status = getattr(parent, "status", None)
    if callable(status):
        status(f"已导出 {what}：{path}")
    return path
