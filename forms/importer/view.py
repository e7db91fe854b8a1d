"""A sheet seen the way a clerk reads it: which cells are labels, which are numbers, where a row's
label ends and its values begin."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .labels import normalise
from .result import COUNT_UNITS, Uncalculated, is_blank_mark
from .sheets import Sheet, address

TEXT, NUMBER, MARK, BAD, OTHER = "text", "number", "mark", "bad", "other"
VALUE_KINDS = (NUMBER, MARK, BAD)      # what stands where a value belongs
_UNITS = COUNT_UNITS + ("万元", "元")
# 「217」「２１７」「1,234」「18651.06」「12件」: a number, perhaps with its unit.
_NUMERIC = re.compile(r"[+\-−]?(\d[\d,]*(\.\d*)?|\.\d+)\s*(" + "|".join(_UNITS) + r")?")
_EXCEL_ERROR = re.compile(r"#[A-Z/0!?]+[!?A]?|#N/A")


def classify(value) -> str:
    if value is None:
        return OTHER
    if isinstance(value, bool):
        return OTHER
    if isinstance(value, Uncalculated):
        return BAD
    if isinstance(value, (int, float, Decimal)):
        return NUMBER
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return OTHER
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if is_blank_mark(text):
        return MARK
    if _NUMERIC.fullmatch(text):
        return NUMBER
    if _EXCEL_ERROR.fullmatch(text):
        return BAD
    return TEXT


@dataclass(frozen=True)
class RowLabel:
    """The label part of a row: the texts before its first value, the last of which is its own."""
    texts: tuple[tuple[int, str], ...]   # (column, text), left to right, merged repeats removed
    leaf_col: int | None                 # the last column of the row's own label
    leaf: str | None


class View:
    def __init__(self, sheet: Sheet, units: set[str]):
        self.sheet = sheet
        self.name = sheet.name
        self._units = {normalise(u) for u in units | set(_UNITS)}
        cells = set(sheet.values) | set(sheet.anchor)
        self.columns: dict[int, list[int]] = {}
        for r, c in cells:
            self.columns.setdefault(r, []).append(c)
        for cols in self.columns.values():
            cols.sort()
        self.rows = sorted(self.columns)
        self._kinds: dict[tuple[int, int], str] = {}
        self._labels: dict[int, RowLabel] = {}

    def where(self, r: int, c: int) -> str:
        return f"{self.name}!{address(r, c)}"

    def kind(self, r: int, c: int) -> str:
        key = (r, c)
        if key not in self._kinds:
            self._kinds[key] = classify(self.sheet.shown(r, c))
        return self._kinds[key]

    def text(self, r: int, c: int) -> str | None:
        return str(self.sheet.shown(r, c)) if self.kind(r, c) == TEXT else None

    def cells(self, r: int) -> list[int]:
        return self.columns.get(r, [])

    def is_unit(self, text: str) -> bool:
        return normalise(text) in self._units

    def has_values(self, r: int, after: int = 0) -> bool:
        return any(self.kind(r, c) in VALUE_KINDS for c in self.cells(r) if c > after and not self.sheet.covered(r, c))

    def row_label(self, r: int) -> RowLabel:
        """Texts before the first value (a number left of every text, as in a 序号 column, is not a
        value); the last of them that is not a unit (「件」) is the row's own label."""
        if r in self._labels:
            return self._labels[r]
        texts: list[tuple[int, str]] = []
        for c in self.cells(r):
            kind = self.kind(r, c)
            if kind == TEXT:
                text = self.text(r, c)
                if texts and texts[-1][1] == text and self.sheet.anchor.get((r, c), (r, c)) == \
                        self.sheet.anchor.get((r, texts[-1][0]), (r, texts[-1][0])):
                    texts[-1] = (c, text)   # the same merged cell again: keep its last column
                else:
                    texts.append((c, text))
            elif kind in VALUE_KINDS and texts:
                break
        own = [(c, t) for c, t in texts if not self.is_unit(t)]
        leaf_col, leaf = own[-1] if own else (None, None)
        label = RowLabel(tuple(own), leaf_col, leaf)
        self._labels[r] = label
        return label
