"""At start-up: the recovery copies left by a crash, each to restore or discard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QVBoxLayout)

from .recovery import RecoveryCopy


def describe_copy(copy: RecoveryCopy) -> str:
    if copy.problem:
        return (f"{copy.path.name}（无法读取）\n　　{copy.problem}\n"
                "　　不再需要时，可勾选后点“丢弃”删除它")
    where = copy.original_path or "（尚未保存过的新报告）"
    return f"{copy.saved_at_text}　{copy.title or '未命名报告'}\n　　原文件：{where}"


class RecoveryDialog(QDialog):
    """Lists the copies; 恢复 opens the checked ones, 丢弃 deletes them, 以后再说 keeps them."""

    def __init__(self, copies: list[RecoveryCopy], parent=None):
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的工作")
        self.copies = copies
        self.choice: str | None = None
        intro = QLabel("上次程序没有正常退出。以下是自动保存的未保存工作，"
                       "请选择要恢复的报告（恢复后请及时保存）：")
        intro.setWordWrap(True)
        self.list = QListWidget()
        for copy in copies:
            item = QListWidgetItem(describe_copy(copy))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if copy.problem else Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, str(copy.path))
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("恢复")
        self.discard_button = QPushButton("丢弃")
        self.later_button = QPushButton("以后再说")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self._finish("restore"))
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def _discard(self) -> None:
        """丢弃 deletes the only copy of that work, for good, one button away from 恢复: asked
        first, with keeping them as the default."""
        work = [c for c in self.checked() if not c.problem]
        if work:
            box = QMessageBox(QMessageBox.Icon.Warning, "丢弃未保存的工作",
                              f"将删除勾选的 {len(work)} 份恢复副本，其中未保存的工作删除后无法找回。确定丢弃吗？",
                              parent=self)
            discard = box.addButton("丢弃", QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            box.exec()
            if box.clickedButton() is not discard:
                return
        self._finish("discard")

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def checked(self) -> list[RecoveryCopy]:
        by_path = {str(c.path): c for c in self.copies}
        return [by_path[self.list.item(i).data(Qt.ItemDataRole.UserRole)]
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


def choose_recoveries(copies: list[RecoveryCopy], parent=None) -> tuple[list[RecoveryCopy], list[RecoveryCopy]]:
    """(copies to restore, copies to discard); both empty when the clerk puts it off."""
    dialog = RecoveryDialog(copies, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return [], []
    chosen = dialog.checked()
    return (chosen, []) if dialog.choice == "restore" else ([], chosen)

