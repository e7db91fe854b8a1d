"""Print preview, printing and PDF export of the report, drawn by desktop/print_render.py from the
same forms.document.Document as the .docx, so all three show the same pages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox

from forms.document import Document, build_document
from forms.fileio import WriteError, atomic_write

from .document import ReportDocument
from .font_notice import chosen_bold_level3, chosen_profile, notify_missing_fonts
from .pdf_text import repair_text_layer
from .print_render import PageRenderer
from .qt_fonts import SANS_FALLBACK, SERIF_FALLBACK, is_installed

PDF_DPI = 300
log = logging.getLogger(__name__)


def report_document(doc: ReportDocument) -> Document:
    """The printable description of the open report, with everything typed so far."""
    doc.flush_edits()
    return build_document(doc.report, chosen_profile(), chosen_bold_level3())


def _a4() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def pdf_bytes(document: Document) -> tuple[bytes, int]:
    """The PDF of a Document and its number of pages."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_a4())
    writer.setTitle(document.properties.title)
    writer.setCreator("年报")
    try:
        pages = PageRenderer(document, writer).paint()
    finally:
        del writer                      # finishes the PDF in the buffer
    data = bytes(buffer.data())
    buffer.close()
    return repair_text_layer(data, _east_asian_faces(document), _drawn_text(document)), pages


def _drawn_text(document: Document) -> str:
    return "\n".join([p.text for p in document.paragraphs()]
                     + [c.text for table in document.tables() for c in table.cells])


def _east_asian_faces(document: Document) -> tuple[str, ...]:
    faces = [s.east_asia for s in document.styles.values()] + [SERIF_FALLBACK, SANS_FALLBACK]
    return tuple(f for f in dict.fromkeys(faces) if is_installed(f))


def export_pdf(doc: ReportDocument, path) -> int:
    """Writes the report as a PDF; returns the number of pages.

    Written atomically (a temporary file, then replaced), so a failure leaves any earlier file as
    it was; raises forms.fileio.WriteError with a Chinese message saying why.
    """
    path = Path(path)
    try:
        data, pages = pdf_bytes(report_document(doc))
    except OSError as exc:
        raise WriteError(f"无法生成 PDF：{exc}") from None
    atomic_write(path, data)
    return pages


def _printer(document: Document) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)           # positions from the paper's edge, as GB/T 9704 gives them
    printer.setPageLayout(_a4())
    printer.setDocName(document.title)
    return printer


def paint_on(printer: QPrinter, document: Document) -> int:
    """Draws every page on a printer (or the preview's); returns the number of pages."""
    return PageRenderer(document, printer).paint()


def print_preview(parent, doc: ReportDocument) -> None:
    document = report_document(doc)
    notify_missing_fonts(parent, document.fonts)
    printer = _printer(document)   # held here: the dialog does not own it, and Python would free it
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(lambda printer: _paint_or_tell(parent, printer, document))
    from .screen_fit import fitted_size
    dialog.resize(*fitted_size(dialog, 900, 1000))     # Qt centres it over the window, on the screen
    dialog.exec()


def print_report(parent, doc: ReportDocument) -> bool:
    """The print dialog, then the pages on the chosen printer; True if printed."""
    document = report_document(doc)
    notify_missing_fonts(parent, document.fonts)
    printer = _printer(document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return _paint_or_tell(parent, printer, document)


def _paint_or_tell(parent, printer: QPrinter, document: Document) -> bool:
    try:
        paint_on(printer, document)
        _repair_printed_pdf(printer, document)
    except OSError as exc:
        QMessageBox.warning(parent, "打印失败", f"无法打印：{exc}\n请检查打印机是否已连接并可用。")
        return False
    return True


def _repair_printed_pdf(printer: QPrinter, document: Document) -> None:
    """打印 → 打印到文件(PDF): Qt writes that file itself, so it gets the repair export_pdf gives its
    PDF; its text read 「⼈⺠」 for 「人民」 and lost 「——」."""
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat or not printer.outputFileName():
        return
    path = Path(printer.outputFileName())
    try:
        atomic_write(path, repair_text_layer(path.read_bytes(), _east_asian_faces(document),
                                             _drawn_text(document)))
    except (OSError, WriteError) as exc:    # the PDF as Qt wrote it stays: it looks right
        log.warning("打印到的 PDF 文字层未能修正：%s", exc)
