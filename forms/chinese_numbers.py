"""Numbers as a narrative writes them: 「218」「３２８７」「3,287」「1.2万」「十七」「两千」「一百零五」.

:func:`parse_chinese` reads a run of Chinese numerals; :func:`to_chinese` writes a value back in
that style (for the one-click correction of a sentence).  Only the common small numerals are read
(零〇一二两三四五六七八九十百千万亿); financial capitals (壹贰叁) do not occur in these reports.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERALS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def parse_chinese(text: str) -> int | None:
    """The value of a run of Chinese numerals, or None if it is not a well-formed number.

    「十七」17 · 「二十」20 · 「一百零五」105 · 「两千」2000 · 「三万五千」35000 · 「一二」None
    (two digits side by side are a list such as 「一二月」, not twelve).
    """
    if not text or any(ch not in NUMERALS for ch in text):
        return None
    total, section, digit = 0, 0, None
    last_small, last_big = 10_000, 10 ** 12
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0:   # 「一二」: two digits without a unit between
                return None
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small:                 # 「十百」「百百」: units out of order
                return None
            if digit is None:
                if unit != 10:                     # only 「十」 stands alone: 十七, 一百一十
                    return None
                digit = 1
            if digit == 0:
                return None
            section += digit * unit
            digit, last_small = None, unit
        else:
            unit = BIG_UNITS[ch]
            if unit >= last_big:
                return None
            section += digit or 0
            if not section:
                return None
            total += section * unit
            section, digit, last_small, last_big = 0, None, 10_000, unit
    section += digit or 0
    value = total + section
    if value == 0 and text not in ("零", "〇"):
        return None
    return value


def _under_10000(value: int, liang: bool, leading: bool, alone: bool) -> str:
    """Writes 0 < value < 10000: 「一千零五」「三百二十」「十七」 (「一十七」 inside a bigger number).

    ``alone``: the digit 2 with no unit after it stands for the whole number (两件, 两万).
    """
    out, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = value // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if unit == 10 and d == 1 and not out and leading:
            out.append("十")
            continue
        # 两 only leads a number (两千二百, 两万, 两件); inside one it is 二 (十二, 一千二百)
        first = leading and not out
        two = "两" if liang and first and (unit >= 100 or (unit == 1 and alone)) else "二"
        out.append((two if d == 2 else "一二三四五六七八九"[d - 1]) + name)
    return "".join(out)


def to_chinese(value: int, liang: bool = False) -> str:
    """Writes a non-negative integer in Chinese numerals; ``liang`` writes 两千 rather than 二千."""
    if value == 0:
        return "零"
    yi, rest = divmod(value, 100_000_000)
    wan, ones = divmod(rest, 10_000)
    parts, started, gap = [], False, False
    for chunk, name in ((yi, "亿"), (wan, "万"), (ones, "")):
        if not chunk:
            gap = started
            continue
        if started and (gap or chunk < 1000):
            parts.append("零")
        parts.append(_under_10000(chunk, liang, not started, True) + name)
        started, gap = True, False
    return "".join(parts)


_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九０１２３４５６７８９", "000123456789" "0123456789")


def year_value(text: str) -> int:
    """A year written digit by digit: 「2024」「２０２４」「二〇二四」 (as formal titles write it)."""
    return int(text.translate(_YEAR_DIGITS))


def arabic_digits(text: str) -> str:
    """Full-width digits as ASCII, one for one (positions stay)."""
    return text.translate(_FULLWIDTH)


def fullwidth_digits(text: str) -> str:
    return text.translate(_TO_FULLWIDTH)


def decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
