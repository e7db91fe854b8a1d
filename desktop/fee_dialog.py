"""The 信息处理费 statement: none charged, or the amount (元) and the number of applications."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QRadioButton, QSpinBox, QVBoxLayout)

from forms.narrative import fee_sentence

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def parse_yuan(text: str) -> Decimal:
    """An amount in 元 as typed; raises ValueError with a Chinese message."""
    s = text.translate(_FULLWIDTH).replace(",", "").replace("元", "").strip()
    if not s:
        raise ValueError("请填写收取的金额（元）")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}”不是金额") from None
    if not value.is_finite() or value <= 0:
        raise ValueError("金额应大于 0；未收取请选“未收取信息处理费”")
    if value.as_tuple().exponent < -2:
        raise ValueError("金额最多到分（两位小数）")
    if value >= 10 ** 9:
        raise ValueError("金额过大，请核对（此处以元计）")
    return value


class FeeDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("信息处理费")
        self.none = QRadioButton("本年度未收取信息处理费", checked=True)
        self.charged = QRadioButton("本年度收取了信息处理费")
        self.amount = QLineEdit(placeholderText="如 120.50")
        self.count = QSpinBox(minimum=1, maximum=1_000_000)
        self.error = QLabel(styleSheet="color: #b00020")
        self.preview = QLabel(wordWrap=True)
        form = QFormLayout()
        form.addRow("金额（元）：", self.amount)
        form.addRow("涉及申请（件）：", self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("插入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (QLabel("《政府信息公开信息处理费管理办法》规定的收费情况须在本节报告："), self.none, self.charged):
            layout.addWidget(w)
        layout.addLayout(form)
        for w in (self.error, self.preview, buttons):
            layout.addWidget(w)
        for signal in (self.none.toggled, self.amount.textChanged, self.count.valueChanged):
            signal.connect(self._update)
        self._update()

    def sentence(self) -> str | None:
        """The sentence to insert, or None while the amount is not valid."""
        if self.none.isChecked():
            return fee_sentence()
        try:
            return fee_sentence(parse_yuan(self.amount.text()), self.count.value())
        except ValueError:
            return None

    def _update(self, *_):
        charged = self.charged.isChecked()
        self.amount.setEnabled(charged)
        self.count.setEnabled(charged)
        message = ""
        if charged:
            try:
                parse_yuan(self.amount.text())
            except ValueError as exc:
                message = str(exc)
        self.error.setText(message)
        sentence = self.sentence()
        self.preview.setText(f"将插入：{sentence}" if sentence else "")
        self.ok.setEnabled(sentence is not None)
