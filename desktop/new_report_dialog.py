"""「新建报告」: the year, the edition (following the year unless the clerk picks one), the unit."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout)

from forms.edition import EditionError, available_editions, default_edition_for, get_edition
from forms.report import ReportError, validate_meta


# From October on a clerk is preparing this year's report (due by 31 January next year); before
# that, the report being written or corrected is last year's.
FIRST_MONTH_OF_THIS_YEARS_REPORT = 10


def default_year(today: date | None = None) -> int:
    """The year a new report is most likely for, on ``today``."""
    today = today or date.today()
    return today.year if today.month >= FIRST_MONTH_OF_THIS_YEARS_REPORT else today.year - 1


class NewReportDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.year = QSpinBox()
        self.year.setRange(2008, 2100)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年")
        self.edition = QComboBox()
        for eid in available_editions():
            try:
                self.edition.addItem(get_edition(eid).name, eid)
            except EditionError:
                continue      # a broken user edition is reported elsewhere, not offered here
        self.agency = QLineEdit()
        self.agency.setPlaceholderText("如：某某市某某区人民政府")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("报告年度：", self.year)
        form.addRow("格式版本：", self.edition)
        form.addRow("机关全称：", self.agency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(self.year.value())
        self.agency.setFocus()

    def _year_changed(self, year: int) -> None:
        index = self.edition.findData(default_edition_for(year))
        if index >= 0:
            self.edition.setCurrentIndex(index)

    def values(self) -> tuple[str, int, str]:
        return self.edition.currentData(), self.year.value(), self.agency.text().strip()

    def accept(self) -> None:
        _, _, agency = self.values()
        if not agency:
            self.problem.setText("请填写机关全称（用于报告标题和落款）。")
            self.agency.setFocus()
            return
        try:
            validate_meta("agency", agency)
        except ReportError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
