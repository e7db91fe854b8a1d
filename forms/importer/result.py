"""What an import gives back: the report and the notes a clerk must read.

Both readers (spreadsheet and JSON) hand every value they find to a :class:`Collector`, which
parses it with the one number parser, settles a cell found twice, fills the report, keeps the
totals of the file that differ from the computed ones in ``report.declared`` (R2–R4) and the
labels that differ in ``report.published_labels`` (R11), and writes a note for everything else.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

from ..edition import CellSpec, Edition
from ..numbers import NumberError, format_number, parse_number
from ..report import Report

NOTE_KINDS = {
    "unplaced": "未导入",        # a value the importer could not put in a cell
    "missing": "缺少",           # an official table, row or column not found in the source
    "total": "合计不一致",       # a total in the source that differs from the computed one
    "label": "标签不一致",       # a label that differs from the official one
    "blank": "空白",             # a blank, 「/」 or 「—」 where a number belongs: left blank
    "ambiguous": "无法确定",     # a label that fits several rows or columns: nothing chosen
    "info": "说明",              # where things were found, what was skipped; nothing to do
}
# 「/」「—」「无」 and their full-width or doubled forms: written where nothing happened.
BLANK_MARKS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "―", "─", "无", "空"})
# Units a sheet writes after a count (「12件」); 元 is not among them: 元 are not 万元.
COUNT_UNITS = ("人次", "件", "条", "次", "个", "人", "篇", "项")
# What to do about formulas saved without their results (see Uncalculated).
UNCALCULATED_HINT = "文件可能由其他程序生成、未在 Excel 中保存过；用 Excel 或 WPS 打开并保存后再导入即可"


class ImportRefused(ValueError):
    """The source cannot be used at all; the message says what it is and what to do."""


@dataclass(frozen=True)
class Note:
    kind: str            # a key of NOTE_KINDS
    where: str           # 「表三!D7」 for a sheet, 「第 12 项」 for a JSON list, or a table name
    message: str         # Chinese, complete in itself
    cell: str | None = None   # the report cell concerned, if any (for the desktop to highlight)

    @property
    def is_problem(self) -> bool:
        return self.kind != "info"

    def to_json(self) -> dict:
        return {"kind": self.kind, "where": self.where, "message": self.message, "cell": self.cell}

    def __str__(self) -> str:
        return f"【{NOTE_KINDS[self.kind]}】{self.where}：{self.message}"


@dataclass
class ImportResult:
    report: Report
    notes: list[Note]
    source: str
    placed: int = 0                     # typed values put into the report
    found: list[str] = field(default_factory=list)   # 「表三：表三!A4」, where each table was found
    hints: list[str] = field(default_factory=list)   # what explains the notes: said before them
    title_years: frozenset[int] = frozenset()        # the years its titles state (none: a cell list)

    @property
    def problems(self) -> list[Note]:
        return [n for n in self.notes if n.is_problem]

    @property
    def exit_code(self) -> int:
        """0 when everything was placed, 1 when a clerk must look at the notes."""
        return 1 if self.problems or self.hints else 0


@dataclass(frozen=True)
class Uncalculated:
    """A formula saved without its result (a workbook written by a program, never opened in
    Excel): what the clerk sees in Excel is not in the file."""
    formula: str

    def __str__(self) -> str:
        return f"={self.formula}" if self.formula else "（公式）"


def is_blank_mark(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    return not text or text in BLANK_MARKS


def parse_cell_value(value, spec: CellSpec):
    """The number in a cell of the source, or None for a blank; raises NumberError with a reason.

    A count followed by its unit (「12件」) is accepted; other text is not a number.
    """
    if isinstance(value, (datetime.date, datetime.time)):
        raise NumberError("是日期或时间，不是数字（输入时可能被 Excel 自动转成了日期，请把单元格设为“数值”后重新填写）")
    if isinstance(value, str):
        text = value.strip()
        # money is in 万元 in every edition, whether or not the cell's column names its unit
        for unit in (spec.unit,) + (COUNT_UNITS if spec.kind != "money" else ("万元",)):
            if unit and text.endswith(unit) and text[:-len(unit)].strip():
                text = text[:-len(unit)].strip()
                break
        else:
            if spec.kind == "money" and text.endswith("元") and text[:-1].strip():
                parse_number(text[:-1].strip(), spec.kind)      # a reason of its own comes first
                raise NumberError("单位是元，本栏以万元计，未换算；请换算成万元（元数除以 10000）后填写")
        value = text
    return parse_number(value, spec.kind)


@dataclass
class _Offer:
    value: object        # the parsed number, or None for a blank
    raw: object
    where: str
    marked: bool         # written as 「/」「—」 rather than left empty
    derived: bool = False   # not written in a cell of its own (a 0 of a row the sheet does not split)


class Collector:
    """Gathers what the readers find and turns it into a report and notes."""

    def __init__(self, edition: Edition):
        self.edition = edition
        self.notes: list[Note] = []
        self.labels: dict[str, str | None] = {}
        self._offers: dict[str, list[_Offer]] = {}
        self._noted: set[tuple] = set()
        self._seen: set[str] = set()       # cells found in the source, numbers or not
        self._uncalculated: list[str] = []  # totals that are formulas without a saved result

    def note(self, kind: str, where: str, message: str, cell: str | None = None) -> None:
        key = (kind, where, message)
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(Note(kind, where, message, cell))

    def offer(self, spec: CellSpec, raw, where: str, derived: bool = False) -> bool:
        """One value found for a cell; False (and a note) when it is not a number.  A derived value
        (one 0 put in several sub-rows) is not counted as placed: the count compares editions."""
        self._seen.add(spec.id)
        if isinstance(raw, Uncalculated):
            if spec.computed:
                self._uncalculated.append(where)
            else:
                self.note("unplaced", where, f"{spec.where}：是公式“{_show(raw)}”，文件中没有保存计算结果，未导入"
                          f"（{UNCALCULATED_HINT}）", spec.id)
            return False
        marked = raw is not None and is_blank_mark(raw) and bool(str(raw).strip())
        if is_blank_mark(raw):
            self._offers.setdefault(spec.id, []).append(_Offer(None, raw, where, marked))
            return True
        try:
            value = parse_cell_value(raw, spec)
        except NumberError as exc:
            self.note("unplaced", where, f"{spec.where}：“{_show(raw)}”未导入：{exc}", spec.id)
            return False
        self._offers.setdefault(spec.id, []).append(_Offer(value, raw, where, False, derived))
        return True

    def label(self, published_key: str | None, official: str, found: str, where: str, what: str) -> None:
        """A label found in a form other than the official one (R11)."""
        if not published_key or published_key in self.labels:
            return
        text = " ".join(str(found).split())
        self.labels[published_key] = text
        self.note("label", where, f"{what}“{official}”在原表中写作“{text}”，已按格式标签导入")

    def missing(self, published_key: str | None, where: str, message: str) -> None:
        if published_key and published_key not in self.labels:
            self.labels[published_key] = None
        self.note("missing", where, message)

    def offered(self, cell_id: str) -> bool:
        return cell_id in self._seen

    # ------------------------------------------------------------------ the report

    def build(self, year: int, agency: str, source: str, found: list[str] | None = None) -> ImportResult:
        report = Report.new(self.edition, year, agency)
        typed, totals = {}, {}
        for cell_id, offers in self._offers.items():
            spec = self.edition.cells[cell_id]
            chosen = self._settle(spec, offers)
            if chosen is None:
                continue
            (totals if spec.computed else typed)[cell_id] = chosen
        report.set_many({cid: o.value for cid, o in typed.items()})
        for cell_id, offer in totals.items():
            computed = report.value(cell_id)
            if offer.value is None or offer.value == computed:
                continue
            report.declared[cell_id] = offer.value
            spec = self.edition.cells[cell_id]
            shown = format_number(computed, spec.kind) if computed is not None else "空白"
            self.note("total", offer.where,
                      f"{spec.where}：原表合计为 {format_number(offer.value, spec.kind)}，按各项相加应为 "
                      f"{shown}（已按计算值填写，原表数值记入核对）", cell_id)
        if self._uncalculated:
            shown = "、".join(self._uncalculated[:3]) + ("等" if len(self._uncalculated) > 3 else "")
            self.note("info", self._uncalculated[0],
                      f"{len(self._uncalculated)} 个合计单元格（{shown}）是公式，文件中没有保存计算结果，"
                      f"无法与按各项相加的值核对，已按计算值填写（{UNCALCULATED_HINT}）")
        report.published_labels.update(self.labels)
        placed = sum(1 for o in typed.values() if o.value is not None and not o.derived)
        return ImportResult(report, self.notes, source, placed, list(found or []))

    def _settle(self, spec: CellSpec, offers: list[_Offer]) -> _Offer | None:
        numbers = [o for o in offers if o.value is not None]
        if not numbers:
            if not spec.computed:
                first = offers[0]
                how = f"写作“{_show(first.raw)}”" if first.marked else "空白"
                self.note("blank", first.where,
                          f"{spec.where}：{how}，按空白导入（没有发生的事项应填 0）", spec.id)
            return offers[0]
        if len({o.value for o in numbers}) > 1:
            places = "、".join(f"{o.where}（{format_number(o.value, spec.kind)}）" for o in numbers)
            self.note("ambiguous", numbers[0].where,
                      f"{spec.where}：在原表中出现多次且数值不同：{places}；未导入，请核对后填写", spec.id)
            return None
        return numbers[0]


def _show(raw) -> str:
    if isinstance(raw, datetime.datetime):
        raw = raw.date() if raw.time() == datetime.time() else raw
    text = str(raw).strip()
    return text if len(text) <= 30 else text[:30] + "…"
