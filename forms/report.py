"""One report: its edition, metadata, the value store, the narrative and the clerk's review marks.

Typed cells live in the store; computed cells are derived from them and refreshed when a typed
cell changes, so they can never be typed and never disagree with their definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from decimal import Decimal

from .edition import CellSpec, Edition, get_edition
from .numbers import NumberError, check_value, parse_number

META_LABELS = {
    "agency": "机关全称",
    "year": "报告年度",
    "title": "标题",
    "filling_unit": "填报单位",
    "head": "单位负责人",
    "reviewer": "审核人",
    "preparer": "填报人",
    "phone": "联系电话",
    "fill_date": "填报日期",
    "issue_date": "成文日期",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def one_line_break(text: str) -> str:
    """A text edited on Windows or read from another file has \r\n: the editor shows it as one
    break, and the findings, counting two characters, would point one character off per line."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ReportError(ValueError):
    """A change the report refuses; the message says why, in Chinese."""


@dataclass
class Meta:
    agency: str = ""
    year: int = 2025
    title: str = ""          # empty means the default title
    filling_unit: str = ""   # empty means the agency
    head: str = ""
    reviewer: str = ""
    preparer: str = ""
    phone: str = ""
    fill_date: str = ""      # ISO dates, empty when not yet known
    issue_date: str = ""

    def default_title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def effective_title(self) -> str:
        return self.title or self.default_title()

    @property
    def effective_filling_unit(self) -> str:
        return self.filling_unit or self.agency

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def validate_meta(name: str, value):
    """Checks one metadata value as the clerk types it; returns it normalised or raises ReportError."""
    label = META_LABELS.get(name)
    if label is None:
        raise ReportError(f"未知的信息项“{name}”")
    if name == "year":
        text = str(value).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        if isinstance(value, bool) or not re.fullmatch(r"[0-9]{4}", text):   # not 「2_024」, 「٢٠٢٤」, 「2024.5」
            raise ReportError("报告年度应为四位数年份，如 2025")
        year = int(text)
        if not 2008 <= year <= 2100:
            raise ReportError("报告年度应在 2008 年（《条例》施行）之后")
        return year
    if not isinstance(value, str):
        raise ReportError(f"{label}应为文字")
    value = value.strip()
    if len(value) > 200:
        raise ReportError(f"{label}过长（最多 200 字）")
    if "\n" in value or "\r" in value:
        raise ReportError(f"{label}不能换行")
    if name in ("fill_date", "issue_date") and value:
        if not _DATE.fullmatch(value):
            raise ReportError(f"{label}应写成 2026-01-20 的形式")
        from datetime import date
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ReportError(f"{label}“{value}”不是有效的日期") from None
    if name == "phone" and value and not re.fullmatch(r"[0-9０-９\-－()（）+＋ 转,，、;；/]+", value):
        raise ReportError("联系电话只能包含数字、“-”、括号、“转”和分隔符")
    return value


@dataclass
class NarrativeSection:
    heading: str | None = None   # None: the edition's heading
    text: str = ""


@dataclass
class Report:
    edition: Edition
    meta: Meta = field(default_factory=Meta)
    narrative: dict[str, NarrativeSection] = field(default_factory=dict)
    # Totals as found in an imported table; compared with the computed ones (R2–R4).
    declared: dict[str, object] = field(default_factory=dict)
    # Labels as published in an imported table, where they differ from the official ones (R11);
    # None marks an official row or column that the source did not have.
    published_labels: dict[str, str | None] = field(default_factory=dict)
    # Warnings the clerk marked 确认无误: finding key -> reason.
    reviews: dict[str, str] = field(default_factory=dict)
    # Last year's report as saved data (forms/carryover.py), kept for the cross-year checks.
    last_year: dict | None = field(default=None, repr=False)
    _values: dict[str, object] = field(default_factory=dict, repr=False)

    @classmethod
    def new(cls, edition: Edition | str, year: int, agency: str = "") -> "Report":
        if isinstance(edition, str):
            edition = get_edition(edition)
        report = cls(edition=edition, meta=Meta(agency=agency, year=year))
        for section in edition.sections:
            report.narrative[section.id] = NarrativeSection()
        for cell in edition.cells.values():
            report._values[cell.id] = None
        return report

    # ------------------------------------------------------------------ values

    def value(self, cell_id: str):
        return self._values[cell_id]

    def values(self) -> dict[str, object]:
        return dict(self._values)

    def cell(self, cell_id: str) -> CellSpec:
        try:
            return self.edition.cells[cell_id]
        except KeyError:
            raise ReportError(f"本版式没有单元格“{cell_id}”") from None

    def set_value(self, cell_id: str, value) -> list[str]:
        """Stores a typed value (already a number or None); returns every cell whose value changed."""
        spec = self.cell(cell_id)
        if spec.computed:
            raise ReportError(f"{describe_cell(spec)}是自动计算的合计，不能直接填写")
        if value is not None:
            try:
                value = check_value(value, spec.kind)
            except NumberError as exc:
                raise ReportError(f"{describe_cell(spec)}：{exc}") from None
        if self._values[cell_id] == value and type(self._values[cell_id]) is type(value):
            return []
        self._values[cell_id] = value
        changed = [cell_id]
        for dep in self.edition.affected[cell_id]:
            new = self._compute(dep)
            if new != self._values[dep] or (new is None) != (self._values[dep] is None):
                self._values[dep] = new
                changed.append(dep)
        return changed

    def set_text(self, cell_id: str, text: str) -> list[str]:
        """Parses what the clerk typed and stores it; raises ReportError naming the cell."""
        spec = self.cell(cell_id)
        try:
            value = parse_number(text, spec.kind)
        except NumberError as exc:
            raise ReportError(f"{describe_cell(spec)}：{exc}") from None
        return self.set_value(cell_id, value)

    def set_many(self, values: dict[str, object]) -> list[str]:
        """Sets several typed cells; all are validated first, so a refusal changes nothing."""
        checked = {}
        for cid, value in values.items():
            spec = self.cell(cid)
            if spec.computed:
                raise ReportError(f"{describe_cell(spec)}是自动计算的合计，不能直接填写")
            try:
                checked[cid] = None if value is None else check_value(value, spec.kind)
            except NumberError as exc:
                raise ReportError(f"{describe_cell(spec)}：{exc}") from None
        before = dict(self._values)
        touched: dict[str, None] = {}
        for cid, value in checked.items():
            touched.update(dict.fromkeys(self.set_value(cid, value)))
        # A total raised by one cell and lowered back by another has not changed.
        return [c for c in touched if not _same(before[c], self._values[c])]

    def _compute(self, cell_id: str):
        spec = self.edition.cells[cell_id]
        total, any_value = (Decimal(0) if spec.kind == "money" else 0), False
        for term in spec.terms:
            v = self._values[term]
            if v is not None:
                total += v
                any_value = True
        return total if any_value else None

    def recompute_all(self) -> None:
        order = sorted((c for c in self.edition.cells.values() if c.computed),
                       key=lambda c: _depth(self.edition, c.id))
        for spec in order:
            self._values[spec.id] = self._compute(spec.id)

    def blank_cells(self) -> list[str]:
        return [c.id for c in self.edition.cells.values() if not c.computed and self._values[c.id] is None]

    def fill_blanks_with_zero(self) -> list[str]:
        return self.set_many({cid: 0 for cid in self.blank_cells()})

    # ------------------------------------------------------------------ text

    def heading(self, section_id: str) -> str:
        own = self.narrative.get(section_id)
        if own and own.heading is not None:
            return own.heading
        return self._section(section_id).heading

    def text(self, section_id: str) -> str:
        own = self.narrative.get(section_id)
        return own.text if own else ""

    def set_text_of(self, section_id: str, text: str) -> None:
        self._section(section_id)
        if not isinstance(text, str):
            raise ReportError(f"章节“{self._section(section_id).heading or section_id}”的内容应为文字")
        self.narrative.setdefault(section_id, NarrativeSection()).text = one_line_break(text)

    def set_heading(self, section_id: str, heading: str | None) -> None:
        self._section(section_id)
        if heading is not None and not isinstance(heading, str):
            raise ReportError(f"章节“{section_id}”的标题应为文字")
        self.narrative.setdefault(section_id, NarrativeSection()).heading = heading

    def _section(self, section_id: str):
        try:
            return self.edition.section(section_id)
        except KeyError:
            raise ReportError(f"本版式没有章节“{section_id}”") from None

    def set_meta(self, name: str, value) -> None:
        setattr(self.meta, name, validate_meta(name, value))


def _same(a, b) -> bool:
    return (a is None) == (b is None) and a == b


def _depth(edition: Edition, cell_id: str) -> int:
    spec = edition.cells[cell_id]
    if not spec.computed:
        return 0
    return 1 + max((_depth(edition, t) for t in spec.terms), default=0)


def describe_cell(spec: CellSpec) -> str:
    return spec.where
