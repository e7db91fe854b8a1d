"""The report's metadata: agency, year, title, the people of the 统计表 and the dates.

Each entry is checked as it is typed (``validate_meta``); a refused entry shows the reason beside
the field and is not committed.  A valid entry is committed when the clerk leaves the field (or
presses Enter, or the document asks for pending edits) through ``doc.set_meta``, so each change is
one undo step; undo and redo come back through ``metaChanged`` and show in the form.

A report opened read-only (``doc.read_only``) is shown here legible, selectable and copyable but
not changeable: the fields are read-only (not disabled, which greys them out), the calendar
buttons are disabled with the reason in their tooltip, and nothing is committed.  The window calls
``update_read_only()`` when the mode changes (另存为 makes the report writable again).
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QSizePolicy,
                               QToolButton, QWidget, QWidgetAction)

from forms.report import META_LABELS, Meta, ReportError, validate_meta

from .document import READ_ONLY_TIP, ReportDocument
from .redo_key import redo_on_ctrl_y

DATE_FIELDS = ("fill_date", "issue_date")
OPTIONAL_FIELDS = ("title", "filling_unit")      # left empty, they follow 机关全称 and 报告年度
CALENDAR_TIP = "从日历中选择日期"
ERROR_STYLE = "color: #b00020"
_DATE_FORMS = re.compile(r"\s*(\d{4})\s*[年/.\-－．]\s*(\d{1,2})\s*[月/.\-－．]\s*(\d{1,2})\s*日?\s*")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
PLACEHOLDERS = {
    "agency": "如：某某市某某区人民政府",
    "year": "如：2025",
    "phone": "如：0591-12345678",
    # A date in the January the report is due (it follows 报告年度): an example of another year
    # reads like the date to copy.
    "fill_date": "{due}-01-20（也可写 {due}年1月20日）",
    "issue_date": "{due}-01-20（也可写 {due}年1月20日）",
}


def normalise_date(text: str) -> str:
    """「2026年1月20日」「2026/1/20」「2026.1.20」 → 「2026-01-20」; other text is left as typed."""
    m = _DATE_FORMS.fullmatch(text.translate(_FULLWIDTH_DIGITS))
    if not m:
        return text
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


class MetaForm(QWidget):
    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.calendar_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        # Room kept for the reasons beside the fields, so that one appearing while the clerk types
        # does not squeeze every field narrower (the reasons wrap in it).
        grid.setColumnMinimumWidth(2, self.fontMetrics().horizontalAdvance("中") * 16)
        # Says why nothing can be typed; shown only while the report is read-only.
        self.read_only_notice = QLabel(READ_ONLY_TIP)
        self.read_only_notice.setWordWrap(True)
        grid.addWidget(self.read_only_notice, 0, 0, 1, 3)
        for row, (name, label) in enumerate(META_LABELS.items(), start=1):
            edit = QLineEdit()
            edit.setObjectName(name)
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            # It wraps in the room kept for it (below) instead of widening its column.
            error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.fields[name], self.errors[name] = edit, error
            grid.addWidget(QLabel(f"{label}："), row, 0)
            if name in DATE_FIELDS:
                box = QHBoxLayout()
                box.addWidget(edit, 1)
                box.addWidget(self._calendar_button(name))
                grid.addLayout(box, row, 1)
            else:
                grid.addWidget(edit, row, 1)
            grid.addWidget(error, row, 2)
            edit.textEdited.connect(lambda text, n=name: self._check(n, text))
            edit.textEdited.connect(doc.editPending)      # the recovery copy takes it
            edit.editingFinished.connect(lambda n=name: self.commit(n))
        grid.setRowStretch(len(META_LABELS) + 1, 1)
        redo_on_ctrl_y(self, *self.fields.values())
        self.fields["title"].setToolTip("留空则使用默认标题（随机关全称和报告年度变化）")
        self.fields["filling_unit"].setToolTip("留空则与机关全称相同")
        # The fields' own tooltips, which read-only mode replaces.
        self._field_tips = {name: edit.toolTip() for name, edit in self.fields.items()}
        doc.metaChanged.connect(self._on_meta_changed)
        doc.flushRequested.connect(self.flush)
        doc.pendingRequested.connect(self.add_pending)
        for name in META_LABELS:
            self._show(name)
        self._update_placeholders()
        self.update_read_only()

    # ------------------------------------------------------------------ read-only mode

    def update_read_only(self) -> None:
        """Follows ``doc.read_only``: read-only fields and disabled calendars, or everything editable."""
        ro = self.doc.read_only
        self.read_only_notice.setVisible(ro)
        for name, edit in self.fields.items():
            if ro:
                edit.setModified(False)
                self._on_meta_changed(name)   # typing not committed gives way to the report
            edit.setReadOnly(ro)
            edit.setToolTip(READ_ONLY_TIP if ro else self._field_tips[name])
            if ro and name in PLACEHOLDERS:
                # Typing examples are no use here, and a grey example date reads like a value.
                edit.setPlaceholderText("")
        if not ro:
            self._update_placeholders()
        for button in self.calendar_buttons.values():
            button.setEnabled(not ro)
            button.setToolTip(READ_ONLY_TIP if ro else CALENDAR_TIP)

    # ------------------------------------------------------------------ checking and committing

    def _parse(self, name: str, text: str):
        if name in DATE_FIELDS:
            text = normalise_date(text)
        return validate_meta(name, text)

    def _check(self, name: str, text: str) -> bool:
        try:
            self._parse(name, text)
        except ReportError as exc:
            self.errors[name].setText(str(exc))
            return False
        self.errors[name].clear()
        if name in ("agency", "year"):
            self._update_placeholders()
        return True

    def commit(self, name: str) -> bool:
        """Commits a field's text if it is valid; False (and the message shown) if it is not.
        A read-only report takes nothing (Enter, leaving the field, flush and the calendar all come
        through here): the field shows the report's value again."""
        edit = self.fields[name]
        edit.setModified(False)
        if self.doc.read_only:
            self._on_meta_changed(name)
            return False
        try:
            value = self._parse(name, edit.text())
        except ReportError as exc:
            self.errors[name].setText(str(exc))
            return False
        self.errors[name].clear()
        self.doc.set_meta(name, value)
        self._show(name)     # shows the normalised form (2026-01-20, trimmed spaces)
        return True

    def flush(self) -> None:
        """Commits the field being typed in, if its entry is valid."""
        for name, edit in self.fields.items():
            if edit.isModified():
                self.commit(name)

    def add_pending(self, pending) -> None:
        """The valid entries typed and not yet committed, for the recovery copy (desktop/autosave.py)."""
        if self.doc.read_only:
            return
        for name, edit in self.fields.items():
            if edit.isModified():
                try:
                    pending.meta[name] = self._parse(name, edit.text())
                except ReportError:
                    pass          # a refused entry cannot go into a report

    def focus_first_empty(self) -> None:
        """Puts the cursor in the first field still to fill (title and filling unit have their
        defaults), or in 机关全称 when all are filled."""
        for name, edit in self.fields.items():
            if not edit.text() and name not in OPTIONAL_FIELDS:
                edit.setFocus()
                return
        self.fields["agency"].setFocus()

    def has_errors(self) -> bool:
        return any(label.text() for label in self.errors.values())

    def refused_labels(self) -> list[str]:
        """The fields showing a refused entry (the report keeps their previous value)."""
        return [META_LABELS[name] for name, label in self.errors.items() if label.text()]

    # ------------------------------------------------------------------ showing the document

    def _show(self, name: str) -> None:
        value = getattr(self.doc.report.meta, name)
        text = "" if value is None else str(value)
        if self.fields[name].text() != text:
            self.fields[name].setText(text)
        self.errors[name].clear()

    def _on_meta_changed(self, name: str) -> None:
        if name in self.fields:
            self._show(name)
        if name in ("agency", "year"):
            self._update_placeholders()

    def _live(self, name: str, fallback):
        """The value being typed, if valid, else the document's (so placeholders follow typing)."""
        try:
            return self._parse(name, self.fields[name].text()) or fallback
        except ReportError:
            return fallback

    def _update_placeholders(self) -> None:
        meta = self.doc.report.meta
        agency = self._live("agency", meta.agency)
        year = self._live("year", meta.year)
        self.fields["title"].setPlaceholderText(Meta(agency=agency, year=year).default_title())
        self.fields["filling_unit"].setPlaceholderText(agency or "留空则与机关全称相同")
        if self.doc.read_only:
            return                                       # no typing examples: update_read_only
        for name, example in PLACEHOLDERS.items():
            self.fields[name].setPlaceholderText(example.format(due=year + 1))

    # ------------------------------------------------------------------ date picker

    def _calendar_button(self, name: str) -> QToolButton:
        button = QToolButton(text="日历", toolTip=CALENDAR_TIP)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        button.setMenu(menu)
        # The calendar is built when the menu first opens: two calendars are ≈ 4 ms of start-up.
        menu.aboutToShow.connect(lambda: self._prepare_calendar(name))
        self.calendar_buttons[name] = button
        return button

    def calendar_of(self, name: str):
        """The date field's calendar (in its button's menu), made on first use."""
        from PySide6.QtWidgets import QCalendarWidget

        menu = self.calendar_buttons[name].menu()
        calendar = menu.findChild(QCalendarWidget)
        if calendar is None:
            calendar = QCalendarWidget(menu)
            calendar.setGridVisible(True)
            action = QWidgetAction(menu)
            action.setDefaultWidget(calendar)
            menu.addAction(action)
            calendar.clicked.connect(lambda d: (menu.close(), self.pick_date(name, d.toPython())))
            # Enter (and a double click) takes the day chosen with the arrow keys.
            calendar.activated.connect(lambda d: (menu.close(), self.pick_date(name, d.toPython())))
        return calendar

    def _prepare_calendar(self, name: str) -> None:
        calendar = self.calendar_of(name)
        try:
            picked = date.fromisoformat(normalise_date(self.fields[name].text()))
        except ValueError:
            picked = self._likely_date()
        calendar.setSelectedDate(QDate(picked.year, picked.month, picked.day))
        # The keys go to the calendar, not to the menu around it, once the menu is on screen.
        QTimer.singleShot(0, calendar.setFocus)

    def _likely_date(self) -> date:
        """Where an empty date field's calendar opens: today while the report is being prepared,
        else the January it was due (a past report brought up to date)."""
        year = self._live("year", self.doc.report.meta.year)
        today = date.today()
        return today if today.year in (year, year + 1) else date(year + 1, 1, 1)

    def pick_date(self, name: str, day: date) -> None:
        self.fields[name].setText(day.isoformat())
        self.commit(name)

