"""The one parser for numbers typed, pasted or imported into a cell, and their display."""

from __future__ import annotations

import re
from decimal import Decimal, Inexact, InvalidOperation, localcontext

MAX_MAGNITUDE = 10 ** 9          # no cell of any edition comes near a billion
MONEY_DECIMALS = 6               # 万元 to the cent
KIND_NAMES = {"count": "非负整数", "signed": "整数（可为负数）", "money": "金额（万元，可有小数）"}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　\xa0", "0123456789.,-+  ")
# ASCII digits only: \d would also admit Arabic-Indic and other scripts' digits.
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
_SPACE_GROUPED = re.compile(r"[+-]?[0-9]{1,3}( [0-9]{3})+(\.[0-9]*)?")
_MINUS = str.maketrans({"−": "-", "–": "-", "﹣": "-"})


class NumberError(ValueError):
    """A value that does not fit a cell; the message says why, in Chinese."""


def parse_number(text, kind: str = "count"):
    """Returns an int (count, signed) or a Decimal (money), or None for a blank.

    Accepts 「12」「１２」「1,234」「 12 」; refuses text, negatives in counts, decimals in counts,
    more than six decimals of 万元, and magnitudes no report can have.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError("不是数字")
    if isinstance(text, int):
        return check_value(text, kind)
    if isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")):
            raise NumberError("不是有效的数字")
        text = repr(text)
    if isinstance(text, Decimal):
        text = str(text)
    if not isinstance(text, str):
        raise NumberError("不是数字")
    s = text.translate(_FULLWIDTH).translate(_MINUS).strip()
    if not s:
        return None
    if len(s) > 40:
        raise NumberError("内容过长，不是一个数字")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise NumberError(f"“{text.strip()}”的千位分隔符位置不对")
        s = s.replace(",", "")
    if " " in s:
        # 「1 234」 is a grouping; 「1 2」 is two numbers or a slip, never twelve.
        if not _SPACE_GROUPED.fullmatch(s):
            raise NumberError(f"“{text.strip()}”中间有空格，不是一个数字")
        s = s.replace(" ", "")
    if not _NUMBER.fullmatch(s):
        if s in ("/", "／", "—", "——", "-", "--", "无"):
            raise NumberError(f"“{text.strip()}”不是数字：没有发生的事项请填 0")
        raise NumberError(f"“{text.strip()}”不是数字")
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid literals
        raise NumberError(f"“{text.strip()}”不是数字") from None
    if kind == "money":
        return check_value(value, kind)
    if value != value.to_integral_value():
        raise NumberError(f"“{text.strip()}”带有小数，此处只能填{KIND_NAMES[kind]}")
    return check_value(int(value), kind)


def check_value(value, kind: str):
    """Validates a number already parsed (from a file or an import); returns it normalised."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise NumberError("不是数字")
    if isinstance(value, float):   # a spreadsheet's 18651.06 means those digits, not the binary value
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberError("不是有效的数字")
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        value = _sane_decimal(value, kind)
    if kind == "money":
        value = Decimal(value)
        if value < 0:
            raise NumberError("金额不能为负数")
        if value >= MAX_MAGNITUDE:
            raise NumberError("数值过大，请核对单位（此处以万元计）")
        if value == value.to_integral_value():
            return Decimal(int(value))
        return value
    if kind == "count" and value < 0:
        raise NumberError("不能为负数：此处只能填非负整数")
    if abs(value) >= MAX_MAGNITUDE:
        raise NumberError("数值过大，不可能是本表的数字")
    return value


def _sane_decimal(value: Decimal, kind: str):
    """A Decimal from a file may be anything (1E+999999999, 40 digits of noise): judge it by its
    exponent before any arithmetic, then normalise exactly — never by silently rounding."""
    if not value.is_finite():
        raise NumberError("不是有效的数字")
    if value.is_zero():
        return Decimal(0) if kind == "money" else 0
    if value.adjusted() >= 9:
        raise NumberError("数值过大，不可能是本表的数字" if kind != "money" else "数值过大，请核对单位（此处以万元计）")
    with localcontext() as ctx:
        ctx.prec = 40
        ctx.traps[Inexact] = True
        try:
            value = value.normalize()
        except Inexact:
            value = None
    decimals = -value.as_tuple().exponent if value is not None else MONEY_DECIMALS + 1
    if kind == "money":
        if decimals > MONEY_DECIMALS:
            raise NumberError(f"金额最多保留 {MONEY_DECIMALS} 位小数（万元）")
        return value
    if decimals > 0:
        raise NumberError(f"此处只能填{KIND_NAMES[kind]}")
    return int(value)


def format_number(value, kind: str = "count", grouping: bool = False) -> str:
    """The text shown for a value: blanks stay blank, money keeps its decimals, no exponent."""
    if value is None:
        return ""
    if kind == "money":
        d = Decimal(value)
        text = f"{d:,f}" if grouping else f"{d:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return f"{value:,}" if grouping else str(value)


def as_json_number(value):
    """Money goes to JSON as a float only when that float prints back the same digits."""
    if isinstance(value, Decimal):
        f = float(value)
        return int(value) if value == value.to_integral_value() else (f if Decimal(repr(f)) == value else str(value))
    return value
