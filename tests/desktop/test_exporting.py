"""Export from the window: errors listed and confirmed, failures said in Chinese, nothing lost."""

import zipfile

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop import exporting
from desktop.document import ReportDocument
from forms.report import Report
from tests.forms.sample_reports import pingtan_report


class Answers:
    """Stands in for the dialogs: the file chosen, the answer to the error list, messages shown."""

    def __init__(self, monkeypatch, path, confirm=True):
        self.path, self.confirm = path, confirm
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, **k: (str(self.path) if self.path else "", ""))
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: self.errors.append(text))
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "information", lambda *a: None)

    def _exec(self, box):
        self.asked.append(box.text() + "\n" + box.informativeText())
        return QMessageBox.StandardButton.Yes if self.confirm else QMessageBox.StandardButton.No


@pytest.fixture
def clean_doc(qapp):
    return ReportDocument(pingtan_report())


@pytest.fixture
def faulty_doc(qapp):
    report = pingtan_report()
    report.set_value("t3:new:natural", 300)      # 一 + 二 no longer equals 三（七） + 四 (R1)
    return ReportDocument(report)


def test_many_errors_are_listed_in_a_box_a_laptop_screen_holds(monkeypatch, tmp_path, qtbot):
    report = pingtan_report()
    for cell, spec in report.edition.cells.items():
        if cell.startswith("t3:new:") and not spec.computed:
            report.set_value(cell, 999)                  # every column of 表三 out of balance (R1)
    doc = ReportDocument(report)
    errors = [f for f in doc.findings if f.severity == "error"]
    assert len(errors) > exporting.MAX_LISTED
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or QMessageBox.StandardButton.No)
    assert not exporting.confirm_despite_errors(None, errors, "Word")
    box = shown[0]
    assert box.informativeText().count("· ") == exporting.MAX_LISTED
    assert f"另有 {len(errors) - exporting.MAX_LISTED} 处，全部见窗口右侧的检查结果" in box.informativeText()
    box.adjustSize()
    assert box.sizeHint().height() <= 512             # 1366 × 768 at 150 %


def test_clean_report_exports_without_questions(monkeypatch, tmp_path, clean_doc):
    answers = Answers(monkeypatch, tmp_path / "报告.docx")
    assert exporting.export_docx(None, clean_doc) == tmp_path / "报告.docx"
    assert answers.asked == [] and answers.errors == []
    assert "word/document.xml" in zipfile.ZipFile(tmp_path / "报告.docx").namelist()


def test_errors_are_listed_and_must_be_confirmed(monkeypatch, tmp_path, faulty_doc):
    answers = Answers(monkeypatch, tmp_path / "r.xlsx", confirm=False)
    assert exporting.export_xlsx(None, faulty_doc) is None
    assert not (tmp_path / "r.xlsx").exists()
    assert len(answers.asked) == 1 and "处错误" in answers.asked[0]
    errors = [f for f in faulty_doc.findings if f.severity == "error"]
    assert errors and errors[0].message in answers.asked[0]
    answers.confirm = True
    assert exporting.export_xlsx(None, faulty_doc) == tmp_path / "r.xlsx"
    assert zipfile.is_zipfile(tmp_path / "r.xlsx")


def test_pdf_export_and_missing_extension(monkeypatch, tmp_path, clean_doc):
    Answers(monkeypatch, tmp_path / "报告")
    assert exporting.export_pdf(None, clean_doc) == tmp_path / "报告.pdf"
    assert (tmp_path / "报告.pdf").read_bytes().startswith(b"%PDF")


def test_failed_export_says_why_and_keeps_the_old_file(monkeypatch, tmp_path, clean_doc):
    target = tmp_path / "r.docx"
    target.write_bytes(b"last year's file")
    answers = Answers(monkeypatch, target)

    def locked(src, dst):         # the file is open in Word/WPS
        raise PermissionError(13, "Permission denied", str(dst))
    monkeypatch.setattr("forms.fileio.os.replace", locked)
    assert exporting.export_docx(None, clean_doc) is None
    assert target.read_bytes() == b"last year's file"
    assert len(answers.errors) == 1 and "权限" in answers.errors[0] and "未被改动" in answers.errors[0]


def test_writer_fault_is_reported_not_raised(monkeypatch, tmp_path, clean_doc):
    answers = Answers(monkeypatch, tmp_path / "r.docx")
    monkeypatch.setattr(exporting, "file_bytes", lambda doc, kind: 1 / 0)
    assert exporting.export_docx(None, clean_doc) is None
    assert "内部错误" in answers.errors[0] and "没有丢失" in answers.errors[0]


def test_cancelled_dialog_writes_nothing(monkeypatch, tmp_path, clean_doc):
    Answers(monkeypatch, None)
    assert exporting.export_docx(None, clean_doc) is None
    assert list(tmp_path.iterdir()) == []


def test_export_never_overwrites_the_report_file(monkeypatch, tmp_path, clean_doc):
    clean_doc.path = tmp_path / "报告.docx"       # absurd but possible: report saved as .docx
    answers = Answers(monkeypatch, clean_doc.path)
    assert exporting.export_docx(None, clean_doc) is None
    assert answers.warnings and not clean_doc.path.exists()


def test_default_name_follows_the_report(qapp, tmp_path):
    doc = ReportDocument(Report.new("2021", 2025, "某区/某街道"))
    assert exporting.default_path(doc, "docx").name == "某区_某街道2025年政府信息公开工作年度报告.docx"
    doc.path = tmp_path / "年报.nianbao"
    assert exporting.default_path(doc, "pdf") == tmp_path / "年报.pdf"
