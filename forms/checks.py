"""The consistency checks (勾稽关系) of a report, as structured findings.

Each rule of an edition has a type; a checker per type turns the rule and the report (and last
year's report, when given) into findings.  Other modules add checkers for their own rule types
with :func:`checker`.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import Callable, Iterable

from .chinese_numbers import year_value
from .edition import Rule
from .numbers import as_json_number, format_number
from .report import Report

SEVERITY_NAMES = {"error": "错误", "warning": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str                   # "error" or "warning"
    message: str                    # Chinese, for the clerk
    cells: tuple[str, ...] = ()     # cells involved, to highlight and jump to
    expected: object = None
    actual: object = None
    section: str | None = None      # for text findings: the narrative section …
    quote: str | None = None        # … the sentence quoted …
    position: tuple[int, int] | None = None   # … and where it stands in the section's text
    fix: str | None = None          # the corrected text offered for the quote, if any
    reviewed: str | None = None     # the clerk's reason when a warning was marked 确认无误

    @property
    def key(self) -> str:
        """Stable identity of a finding, under which a review mark is saved.

        A text finding names its section even when it also names cells: two sections may quote the
        same sentence about the same cells, and marking one of them must not mark the other."""
        where = ",".join(self.cells)
        if self.section:
            where = f"{where}@{self.section}" if where else self.section
        return f"{self.rule}:{where}" + (f":{self.quote}" if self.quote else "")

    @property
    def legacy_key(self) -> str | None:
        """The key files saved before sections were part of it, where it differs from :attr:`key`;
        a mark saved under it still counts (for every finding that shares it, as it did then)."""
        if not (self.cells and self.section):
            return None
        return f"{self.rule}:{','.join(self.cells)}" + (f":{self.quote}" if self.quote else "")

    @property
    def difference(self):
        if isinstance(self.expected, (int, Decimal)) and isinstance(self.actual, (int, Decimal)):
            return self.actual - self.expected
        return None

    def to_json(self) -> dict:
        data = asdict(self)
        data["cells"] = list(self.cells)
        data["position"] = list(self.position) if self.position else None
        for k in ("expected", "actual"):
            data[k] = as_json_number(data[k])
        data["difference"] = as_json_number(self.difference)
        data["key"] = self.key
        return data


Checker = Callable[[Rule, Report, "Report | None"], Iterable[Finding]]
_CHECKERS: dict[str, Checker] = {}


def checker(rule_type: str):
    def register(fn: Checker) -> Checker:
        _CHECKERS[rule_type] = fn
        return fn
    return register


def run_checks(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings of the report, errors first, each carrying the clerk's review mark if any.

    Without ``previous``, last year's report kept inside the file (forms/carryover.py) is used.
    """
    findings: list[Finding] = []
    if previous is None:
        from .carryover import stored_previous
        previous, problem = stored_previous(report)
        if problem is not None:
            findings.append(problem)
    for rule in report.edition.rules:
        # A rule for when last year is unknown also stands when last year's report has another table.
        if rule.when == "no_previous" and previous is not None and previous.edition.id == report.edition.id:
            continue
        if rule.needs_previous and previous is None:
            continue
        fn = _CHECKERS.get(rule.type)
        if fn is not None:
            findings.extend(fn(rule, report, previous))
    out = []
    for f in findings:
        reason = review_of(report, f) if report.reviews else None     # keys take time to build
        out.append(replace(f, reviewed=reason) if reason and f.severity == "warning" else f)
    out.sort(key=lambda f: 0 if f.severity == "error" else 1)
    return out


def review_of(report: Report, finding: Finding) -> str | None:
    """The clerk's 确认无误 reason saved for the finding, under its key or its legacy key."""
    reason = report.reviews.get(finding.key)
    if reason is None and finding.legacy_key:
        reason = report.reviews.get(finding.legacy_key)
    return reason


def _fmt(value) -> str:
    if value is None:
        return "空白"
    return format_number(value, "money" if isinstance(value, Decimal) else "count")


def _sum(terms, report: Report, previous: Report | None, clamp_previous: bool = False):
    """The signed sum of the terms, and whether any of them had a value; None if a cell is unknown."""
    totals, seen = {False: 0, True: 0}, False
    for term in terms:
        source = previous if term.previous else report
        if source is None or term.cell not in source.edition.cells:
            return None, False
        v = source.value(term.cell)
        if v is not None:
            seen = True
            totals[term.previous] = totals[term.previous] + term.sign * v
    if clamp_previous and totals[True] < 0:
        totals[True] = 0
    return totals[False] + totals[True], seen


def _this_year_cells(rule: Rule) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.cell for t in rule.left + rule.right if not t.previous))


def _message(rule: Rule, **values) -> str:
    text = rule.message
    values.setdefault("col", rule.column_label)
    for k, v in values.items():
        text = text.replace("{" + k + "}", v if isinstance(v, str) else _fmt(v))
    return text


def _any_blank(rule: Rule, report: Report) -> bool:
    """A cell of this year the rule reads is still blank: nothing to compare yet (a report just
    started from last year's, a row half typed — a blank is not 「为 0」), and R5 lists the blanks."""
    return any(c in report.edition.cells and report.value(c) is None for c in _this_year_cells(rule))


def _this_year_blank(rule: Rule, report: Report) -> bool:
    """A rule comparing with last year with a cell of this year still blank (see _any_blank)."""
    return any(t.previous for t in rule.left + rule.right) and _any_blank(rule, report)


@checker("equal")
def _equal(rule: Rule, report: Report, previous: Report | None):
    left, seen_l = _sum(rule.left, report, previous)
    right, seen_r = _sum(rule.right, report, previous)
    if left is None or right is None or not (seen_l or seen_r) or left == right \
            or _this_year_blank(rule, report):
        return
    yield Finding(rule.id, rule.severity, _message(rule, left=left, right=right, diff=abs(left - right)),
                  cells=_this_year_cells(rule), expected=right, actual=left)


@checker("le")
def _less_or_equal(rule: Rule, report: Report, previous: Report | None):
    left, seen_l = _sum(rule.left, report, previous, rule.clamp_previous)
    right, _ = _sum(rule.right, report, previous, rule.clamp_previous)
    # A warning, not a balance: it waits for its rows to be typed (see _any_blank).
    if left is None or right is None or not seen_l or left <= right or _any_blank(rule, report):
        return
    yield Finding(rule.id, rule.severity, _message(rule, left=left, right=right, diff=left - right),
                  cells=_this_year_cells(rule), expected=right, actual=left)


@checker("share")
def _share(rule: Rule, report: Report, previous: Report | None):
    part, _ = _sum(rule.left, report, previous)
    whole, _ = _sum(rule.right, report, previous)
    if not part or not whole or part / whole <= rule.limit:
        return
    share = f"{float(part) / float(whole):.0%}"
    yield Finding(rule.id, rule.severity, _message(rule, part=part, whole=whole, share=share),
                  cells=_this_year_cells(rule), expected=None, actual=part)


@checker("text_length")
def _text_length(rule: Rule, report: Report, previous: Report | None):
    count = count_characters(report.text(rule.section))
    if count > rule.limit:
        yield Finding(rule.id, rule.severity, _message(rule, count=str(count)), section=rule.section,
                      expected=int(rule.limit), actual=count)


def count_characters(text: str) -> int:
    """Characters as Word counts them for Chinese text: everything but white space."""
    # str.split() drops exactly the characters str.isspace() calls white space, at C speed: this
    # runs on every edit (a character-by-character loop was ≈ 0.2 ms of a check run).
    return len("".join(text.split()))


def _comparable(text: str) -> str:
    return re.sub(r"[\s\d０-９]+|[，。、；：,.;:！？!?“”\"'（）()《》]", "", text)


_similarity_cache: dict[tuple[str, str], float] = {}


def similarity(a: str, b: str) -> float:
    """How alike two passages are (0–1), ignoring white space, digits (years) and punctuation."""
    a, b = _comparable(a), _comparable(b)
    if not a or not b:
        return 0.0
    key = (a, b)
    if key not in _similarity_cache:
        if len(_similarity_cache) > 64:
            _similarity_cache.clear()
        _similarity_cache[key] = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    return _similarity_cache[key]


@checker("text_similarity")
def _text_similarity(rule: Rule, report: Report, previous: Report | None):
    if previous is None:
        return
    # Last year's report may have another edition, whose problems section has another id (2014: s6).
    theirs = next((r.section for r in previous.edition.rules if r.type == rule.type and r.id == rule.id),
                  rule.section)
    if theirs not in previous.narrative:
        return
    ratio = similarity(report.text(rule.section), previous.text(theirs))
    if ratio >= rule.limit:
        # The unit's own heading (2014 reports chose theirs), as the clerk sees it in the outline.
        yield Finding(rule.id, rule.severity, _message(rule, similarity=f"{ratio:.0%}",
                                                       heading=report.heading(rule.section) or rule.section),
                      section=rule.section, expected=rule.limit, actual=round(ratio, 3))


@checker("declared_totals")
def _declared_totals(rule: Rule, report: Report, previous: Report | None):
    for cid, declared in report.declared.items():
        spec = report.edition.cells.get(cid)
        if spec is None or not spec.computed:
            continue
        computed = report.value(cid)
        if computed is None:   # every part blank (R5 says so): the parts add up to 0
            computed = 0
        if declared == computed:
            continue
        yield Finding(spec.rule or rule.id, rule.severity,
                      f"{spec.where}：原表填写的合计为 {_fmt(declared)}，按各项相加应为 {_fmt(computed)}"
                      "（已按计算值填写，请核对各分项）。",
                      cells=(cid,) + spec.terms, expected=computed, actual=declared)


@checker("values")
def _values(rule: Rule, report: Report, previous: Report | None):
    for table in report.edition.tables:
        blanks = [c for c in table.cells if not c.computed and report.value(c.id) is None]
        if blanks:
            # Where, for whoever reads the message without the table at hand (nianbao check, the
            # export log): the first few cells, each by its row and column.
            named = "、".join(c.where.removeprefix(table.name).strip() for c in blanks[:3])
            yield Finding(rule.id, rule.severity,
                          f"{table.name}有 {len(blanks)} 个单元格未填写：{named}{'等' if len(blanks) > 3 else ''}。"
                          "空白不等于 0，没有发生的事项请填 0（可用“空白填 0”一次填好）。",
                          cells=tuple(c.id for c in blanks), expected=0, actual=len(blanks))


@checker("labels")
def _labels(rule: Rule, report: Report, previous: Report | None):
    for key, published in report.published_labels.items():
        try:
            table_id, axis, node_key = key.split(":")
            table = report.edition.table(table_id)
        except (ValueError, KeyError):
            continue
        nodes = table.rows if axis == "row" else table.columns
        node = next((n for n in nodes if n.key == node_key), None)
        if node is None:
            continue
        what = "行" if axis == "row" else "列"
        cells = tuple(c.id for c in table.cells if (c.row if axis == "row" else c.column).key == node_key)
        if published is None:
            message = f"{table.name}：原表缺少{what}“{node.label}”，应按格式保留全部行列。"
        else:
            message = f"{table.name}：{what}“{node.label}”在原表中写作“{published}”，标签应与格式一字不差。"
        yield Finding(rule.id, rule.severity, message, cells=cells, expected=node.label, actual=published)


# 「2024年1月1日至2024年12月31日」, also with the second year left out (「…至12月31日」), or the
# days (「2024年1月至12月」「2024年1-12月」: group "months", a period only in a sentence on 统计).
_PERIOD = re.compile(r"(\d{4})\s*年\s*0?1\s*(?:月\s*0?1\s*日|(?P<months>月?))\s*(?:至|到|—|-|～|~|起至)\s*"
                     r"(?:(\d{4})\s*年\s*)?12\s*月(?(months)(?:\s*31\s*日)?|\s*31\s*日)")
_STATISTICS = re.compile(r"统计[^。；;！？!?\n]*\Z")
_DIGITS = str.maketrans("０１２３４５６７８９－", "0123456789-")   # one for one: positions stay
_FULL_WIDTH = re.compile("[０-９－]")


@functools.lru_cache(maxsize=64)
def _periods(text: str) -> tuple[tuple[int, int | None, int, int], ...]:
    """The 统计期限 a text states: (first year, second year or None, start, end) of each.  Kept per
    text: the year rule runs on every edit, and the narrative rarely changed since the last one."""
    if _FULL_WIDTH.search(text):     # translating a long text takes milliseconds; most have none
        text = text.translate(_DIGITS)
    return tuple((int(m.group(1)), int(m.group(3)) if m.group(3) else None, m.start(), m.end())
                 for m in _PERIOD.finditer(text)
                 if m.group("months") is None or _STATISTICS.search(text, max(0, m.start() - 60), m.start()))


# A year in digits, or digit by digit in Chinese (「二〇二四年」, as formal titles write it).
_TITLE_YEAR = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年")


@checker("year")
def _year(rule: Rule, report: Report, previous: Report | None):
    year = report.meta.year
    title = report.meta.effective_title
    years = [year_value(y) for y in _TITLE_YEAR.findall(title)]
    if not years:
        yield Finding(rule.id, "warning", f"标题“{title}”中没有写明报告年度（{year}年）。",
                      expected=year, actual=None)
    elif any(y != year for y in years):
        wrong = next(y for y in years if y != year)   # not the first year, which may be the right one
        yield Finding(rule.id, rule.severity,
                      f"标题“{title}”中的年份 {wrong} 与报告年度 {year} 不一致。",
                      expected=year, actual=wrong)
    for section in report.edition.sections:
        text = report.text(section.id)
        for start, end, begin, finish in _periods(text):
            end = end or start
            if start != year or end != year:
                quote = text[begin:finish]
                yield Finding(rule.id, rule.severity,
                              f"{report.heading(section.id) or '开头部分'}中的统计期限“{quote}”"
                              f"与报告年度 {year} 不一致。",
                              section=section.id, quote=quote, position=(begin, finish),
                              fix=f"{year}年1月1日至{year}年12月31日", expected=year,
                              actual=start if start != year else end)
    if not report.edition.covers(year):
        from .edition import default_edition_for
        yield Finding(rule.id, "warning",
                      f"{year}年度的报告应使用{default_edition_for(year)}年版格式，当前使用的是“{report.edition.name}”。",
                      expected=default_edition_for(year), actual=report.edition.id)


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning" and not f.reviewed)
    if not findings:
        return "未发现问题"
    return f"{errors} 个错误，{warnings} 个提示"


# Checkers of other modules register themselves when imported.
from . import textchecks  # noqa: E402,F401  (R8, R9: text against tables)
