"""The live list of findings, grouped by severity; a warning can be marked 确认无误 with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QMenu,
                               QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget)

from forms.numbers import format_number

from .document import ReportDocument
from .wrapping_tree import WrappingTree

if TYPE_CHECKING:
    from forms.checks import Finding

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# An item's finding, by its place in the list shown: findings quoting the same words in two
# sections share a key, so the key alone cannot say which of them an item is.
INDEX_ROLE = Qt.ItemDataRole.UserRole + 2


def finding_detail(f: Finding) -> str:
    lines = [f.message]
    if f.difference is not None:
        kind = "money" if not isinstance(f.difference, int) else "signed"
        lines.append(f"应为 {format_number(f.expected, kind)}，实为 {format_number(f.actual, kind)}，"
                     f"相差 {format_number(abs(f.difference), kind)}")
    if f.quote:
        lines.append(f"原文：“{f.quote}”")
    if f.fix:
        lines.append(f"建议改为：“{f.fix}”")
    if f.reviewed:
        lines.append(f"已确认无误：{f.reviewed}")
    return "\n".join(lines)


REVIEW_WIDTH_EM = 36


def review_reason_dialog(parent, finding: Finding) -> QInputDialog:
    """Asks the reason for 确认无误; 确定 is enabled once there is one."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("确认无误")
    dialog.setLabelText(f"{finding.message}\n\n请写明确认无误的理由（会随报告保存）：")
    dialog.setTextValue(finding.reviewed or "")
    dialog.setOkButtonText("确定")           # also builds the buttons, which Qt does on showing
    dialog.setCancelButtonText("取消")
    # On one line a finding of 75 characters made the dialog wider than a laptop screen at 150 %.
    label = dialog.findChild(QLabel)
    label.setWordWrap(True)
    label.setMinimumWidth(REVIEW_WIDTH_EM * dialog.fontMetrics().horizontalAdvance("中"))
    # An empty reason is refused: 确定 closed the dialog and it came back without a word why.
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    dialog.textValueChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
    ok.setEnabled(bool(dialog.textValue().strip()))
    return dialog


def ask_review_reason(parent, finding: Finding) -> str | None:
    """The clerk's reason for marking a warning 确认无误, or None if cancelled."""
    dialog = review_reason_dialog(parent, finding)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None


class ChecksPanel(QWidget):
    finding_activated = Signal(object)      # a Finding: go to its cells or its sentence

    def __init__(self, doc: ReportDocument, parent=None, *, deferred: bool = False):
        """``deferred``: the checks are not run here but by the first :meth:`refresh` (the window
        calls it once its first frame is on the screen, see MainWindow)."""
        super().__init__(parent)
        self.doc = doc
        self._findings: list[Finding] = []
        self.summary = QLabel()
        self.tree = WrappingTree()
        self.tree.itemActivated.connect(self._activated)
        # One click is enough: nothing on the panel tells a clerk to double-click a finding.
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.review_button = QPushButton("确认无误…")
        self.review_button.setToolTip("把选中的提示标记为已核实（需写明理由，随报告保存）")
        self.review_button.clicked.connect(self.review_current)
        self.unreview_button = QPushButton("取消确认")
        self.unreview_button.clicked.connect(self.unreview_current)
        self.fix_button = QPushButton("按建议改正")
        self.fix_button.setToolTip("把正文中的这处文字改为与表格一致的建议写法（可在正文中撤销）")
        self.fix_button.clicked.connect(self.fix_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.unreview_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self._shown: dict[str, list] = {"error": [], "warning": []}     # (index, finding) per row
        for severity in ("error", "warning"):
            item = QTreeWidgetItem(self.tree)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setHidden(True)              # until the first refresh fills it
            self.groups[severity] = item
        doc.findingsChanged.connect(self.refresh)
        if deferred:
            self.summary.setText("正在检查…")
            self._update_buttons()
        else:
            self.refresh()

    def _show_groups(self) -> None:
        """The group rows' icons, on the first refresh (QStyle's icons are not needed before)."""
        from PySide6.QtWidgets import QStyle    # its enums: ≈ 4 ms, after the first frame

        for severity, icon in (("error", QStyle.StandardPixmap.SP_MessageBoxCritical),
                               ("warning", QStyle.StandardPixmap.SP_MessageBoxWarning)):
            group = self.groups[severity]
            if group.isHidden():
                group.setIcon(0, self.style().standardIcon(icon))
                group.setHidden(False)

    # ------------------------------------------------------------------ content

    def refresh(self) -> None:
        """Shows the document's findings.  Rows whose finding is unchanged are left as they are:
        a report with 200 findings is checked again on every edit, and rebuilding every row (its
        text, tooltip and wrapped height) took longer than a frame."""
        from forms.checks import SEVERITY_NAMES

        current_item = self.tree.currentItem()
        current = self.finding_of(current_item)
        keep = (current.key, current.section) if current else None
        current_group = current_item.parent() if current else None
        findings = self.doc.findings
        self._findings = list(findings)
        self.tree.setUpdatesEnabled(False)
        try:
            self._show_groups()
            for severity, group in self.groups.items():
                items = [(i, f) for i, f in enumerate(findings) if f.severity == severity]
                open_ = sum(1 for _, f in items if not f.reviewed)
                label = f"{SEVERITY_NAMES[severity]}（{len(items)}）"
                if len(items) != open_:
                    label = f"{SEVERITY_NAMES[severity]}（{open_}，另有 {len(items) - open_} 个已确认）"
                if group.text(0) != label:
                    group.setText(0, label)
                self._update_rows(group, self._shown[severity], items)
                self._shown[severity] = items
                group.setExpanded(True)
            if keep is not None:
                self._keep_current(current_group, keep)
        finally:
            self.tree.setUpdatesEnabled(True)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning" and not f.reviewed)
        self.summary.setText("未发现问题。" if not findings else f"{errors} 个错误，{warnings} 个待核实的提示")
        self._update_buttons()

    @staticmethod
    def _update_rows(group: QTreeWidgetItem, shown: list, items: list) -> None:
        """Makes the group's rows show ``items`` ((index, finding) pairs), given that they show
        ``shown``: a row is rewritten only where its finding changed."""
        for _ in range(group.childCount() - len(items)):
            group.takeChild(group.childCount() - 1)
        for row, (i, f) in enumerate(items):
            if row < len(shown):
                child = group.child(row)
                was_i, was = shown[row]
                if was_i != i:
                    child.setData(0, INDEX_ROLE, i)
                if was == f:
                    continue
            else:
                child = QTreeWidgetItem(group)
                child.setData(0, INDEX_ROLE, i)
            # Each change of an item's data has the tree measure the row again: only what differs.
            text = f.message if not f.reviewed else f"✔ 已确认：{f.message}"
            if child.text(0) != text:
                child.setText(0, text)
            detail = finding_detail(f)
            if child.toolTip(0) != detail:
                child.setToolTip(0, detail)
            if child.data(0, KEY_ROLE) != f.key:
                child.setData(0, KEY_ROLE, f.key)
            if row >= len(shown) or bool(was.reviewed) != bool(f.reviewed):
                child.setData(0, Qt.ItemDataRole.ForegroundRole, QBrush(QColor("#7a808a")) if f.reviewed else None)

    def _keep_current(self, group: QTreeWidgetItem, keep: tuple) -> None:
        """The finding that was selected stays selected wherever it now stands; gone, its group is."""
        current = self.current_finding()
        if current is not None and (current.key, current.section) == keep:
            return
        for g in self.groups.values():
            for row in range(g.childCount()):
                f = self.finding_of(g.child(row))
                if f is not None and (f.key, f.section) == keep:
                    self.tree.setCurrentItem(g.child(row))
                    return
        self.tree.setCurrentItem(group)

    def counts(self) -> dict[str, int]:
        return {s: g.childCount() for s, g in self.groups.items()}

    def items(self, severity: str) -> list[QTreeWidgetItem]:
        group = self.groups[severity]
        return [group.child(i) for i in range(group.childCount())]

    def finding_of(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        i = item.data(0, INDEX_ROLE)
        return self._findings[i] if isinstance(i, int) and 0 <= i < len(self._findings) else None

    def current_finding(self) -> Finding | None:
        return self.finding_of(self.tree.currentItem())

    def select_finding(self, key: str) -> bool:
        for group in self.groups.values():
            for i in range(group.childCount()):
                if group.child(i).data(0, KEY_ROLE) == key:
                    self.tree.setCurrentItem(group.child(i))
                    return True
        return False

    # ------------------------------------------------------------------ actions

    def _activated(self, item, _column=0) -> None:
        f = self.finding_of(item)
        if f is not None:
            self.finding_activated.emit(f)

    def _update_buttons(self) -> None:
        f = self.current_finding()
        writable = not self.doc.read_only
        self.review_button.setEnabled(bool(writable and f and f.severity == "warning"))
        self.unreview_button.setEnabled(bool(writable and f and f.reviewed))
        self.fix_button.setEnabled(bool(writable and f and f.fix and f.section))

    def fix_current(self) -> bool:
        """Applies a text finding's suggested correction to the narrative: the one-click fix."""
        f = self.current_finding()
        if f is None or not f.fix or not f.section or self.doc.read_only:
            return False
        self.doc.flush_edits()   # text still being typed reaches the report first …
        # … and is checked again: the finding (its position above all) is taken from that run.
        f = self.current_finding()
        if f is None or not f.fix or not f.section:
            return False
        text = self.doc.report.text(f.section)
        if f.position:
            start, end = f.position
            if not (0 <= start <= end <= len(text)):
                return False   # the text changed since the check ran; the next run re-finds it
            text = text[:start] + f.fix + text[end:]
        else:      # a missing statement (R9): the suggested sentence becomes a paragraph of its own
            text = (text.rstrip("\n") + "\n" + f.fix) if text.strip() else f.fix
        self.doc.set_narrative(f.section, text)
        return True

    def review_current(self) -> bool:
        f = self.current_finding()
        if f is None or f.severity != "warning" or self.doc.read_only:
            return False
        reason = ask_review_reason(self, f)
        if not reason:
            return False
        self.doc.set_review(f.key, reason)
        self.select_finding(f.key)
        return True

    def unreview_current(self) -> bool:
        f = self.current_finding()
        if f is None or not f.reviewed or self.doc.read_only:
            return False
        self.doc.set_review(f.key, None, f.legacy_key)
        self.select_finding(f.key)
        return True

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        f = self.finding_of(item)
        if f is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction("转到", lambda: self.finding_activated.emit(f))
        if f.fix and f.section and not self.doc.read_only:
            menu.addAction(f"按建议改正为“{f.fix}”", self.fix_current)
        if f.severity == "warning" and not self.doc.read_only:
            menu.addAction("确认无误…", self.review_current)
            if f.reviewed:
                menu.addAction("取消确认", self.unreview_current)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
