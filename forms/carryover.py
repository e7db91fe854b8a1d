"""A new report started from last year's: what carries over, and last year kept for the checks.

From last year's report (a .nianbao file, or its exported or hand-made .xlsx through the importer)
the new report takes the unit, the people and contacts, the opening paragraphs and the headings the
unit chose (2014) with the years moved on, and the values last year fixes: 二、上年结转 is last
year's 四、结转下年度继续办理, column by column.  Which cells carry over is read from the edition's
cross-year rules — an ``equal`` rule whose one cell of this year equals terms of last year only
(R6; 2019's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减) — so a new edition needs no code,
and across editions (2019 → 2021) cells are matched by their ids.

A copy of last year's report is kept inside the new file (key ``last_year``), so that the
cross-year rules R6, R7 and R12 apply whenever the report is checked, even without last year's
file at hand; a last year given explicitly (``nianbao check --previous``) takes precedence.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from .edition import Edition, default_edition_for, get_edition
from .numbers import as_json_number
from .report import Report, ReportError

# 「2024年」 (not 「〔2024〕」, not 「12024」); a year followed by these words names when a law or a
# document was made, which the new year does not change (「《条例》（2019年修订）」).
_YEAR = re.compile(r"(?<![0-9０-９])([0-9０-９]{4})(?=\s*年)(?!\s*年\s*(?:修订|修正|颁布|施行|公布|印发|发布))")
_PERIOD = re.compile(r"([0-9０-９]{4})(\s*年\s*[0０]?[1１]\s*月\s*[0０]?[1１]\s*日\s*(?:至|到|—|-|－|～|~|起至)\s*)"
                     r"(?:([0-9０-９]{4})(\s*年\s*))?([1１][2２]\s*月\s*[3３][1１]\s*日)")
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
_CARRIED_META = ("agency", "filling_unit", "head", "reviewer", "preparer", "phone")


def json_ready(data):
    """Saved data with the Decimals a file is read with turned back into JSON numbers."""
    if isinstance(data, dict):
        return {k: json_ready(v) for k, v in data.items()}
    if isinstance(data, list):
        return [json_ready(v) for v in data]
    if isinstance(data, Decimal):
        return as_json_number(data)
    return data


def _year_text(year: int, like: str) -> str:
    text = str(year)
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if like != like.translate(_FULL) else text


def update_years(text: str, old: int, new: int) -> str:
    """Moves last year's year on in a passage: 「2024年」 becomes 「2025年」, the statistics period
    becomes the new year's whatever it said, 「〔2021〕30号」 and 「2019年修订」 stay."""
    def period(m: re.Match) -> str:
        second = f"{_year_text(new, m.group(3))}{m.group(4)}" if m.group(3) else ""
        return f"{_year_text(new, m.group(1))}{m.group(2)}{second}{m.group(5)}"

    def year(m: re.Match) -> str:
        value = int(m.group(1).translate(_FULL))
        return _year_text(new, m.group(1)) if value == old else m.group(1)

    pieces, last = [], 0
    for m in _PERIOD.finditer(text):   # the period first, so that its years are not moved twice
        pieces.append(_YEAR.sub(year, text[last:m.start()]))
        pieces.append(period(m))
        last = m.end()
    pieces.append(_YEAR.sub(year, text[last:]))
    return "".join(pieces)


def carried_cells(edition: Edition, last: Edition) -> dict[str, list]:
    """This year's typed cell → last year's terms it equals (cell id, sign), from the rules."""
    out: dict[str, list] = {}
    for rule in edition.rules:
        if rule.type != "equal" or len(rule.left) != 1 or rule.left[0].previous:
            continue
        if not rule.right or not all(t.previous for t in rule.right):
            continue
        target = rule.left[0].cell
        if edition.cells[target].computed or any(t.cell not in last.cells for t in rule.right):
            continue
        out[target] = [(t.cell, t.sign) for t in rule.right]
    return out


def snapshot(previous: Report) -> dict:
    """Last year's report as saved data, without its own copy of the year before."""
    import json

    from .storage import dumps
    # As a file reads it: money as Decimal, exactly the digits saved.
    data = json.loads(dumps(previous), parse_float=Decimal)
    data.pop("last_year", None)
    data.pop("reviews", None)
    return data


def new_from_previous(previous: Report, year: int | None = None, edition: str | None = None) -> Report:
    """This year's report started from last year's; raises ReportError when that makes no sense."""
    year = previous.meta.year + 1 if year is None else year
    if year <= previous.meta.year:
        raise ReportError(f"新报告的年度（{year}）应晚于上年报告的年度（{previous.meta.year}）")
    edition_id = edition or default_edition_for(year)
    report = Report.new(get_edition(edition_id), year, previous.meta.agency)
    old = previous.meta.year
    for name in _CARRIED_META:
        setattr(report.meta, name, getattr(previous.meta, name))
    if previous.meta.title:
        report.meta.title = update_years(previous.meta.title, old, year)

    sections = {s.id: s for s in report.edition.sections}
    if "opening" in sections and previous.text("opening"):
        text = update_years(previous.text("opening"), old, year)
        if previous.edition.id != report.edition.id and previous.edition.instrument and report.edition.instrument:
            text = _update_instrument(text, previous.edition, report.edition)
        report.set_text_of("opening", text)
    if previous.edition.id == report.edition.id:
        for sid, own in previous.narrative.items():
            if sid in sections and sections[sid].heading_editable and own.heading is not None:
                report.set_heading(sid, update_years(own.heading, old, year))

    if year != old + 1:
        # A skipped year: last year's 结转下年度 went into the year between, and comparing with it
        # (R6, R7) would report errors that are not there. The unit, people and opening still carry.
        return report
    values = {}
    for target, terms in carried_cells(report.edition, previous.edition).items():
        parts = [previous.value(cid) for cid, _ in terms]
        if any(v is None for v in parts):
            continue
        total = sum(sign * v for (_, sign), v in zip(terms, parts))
        if report.edition.cells[target].kind == "count" and total < 0:
            continue
        values[target] = total
    report.set_many(values)
    report.last_year = snapshot(previous)
    return report


_INSTRUMENT_NUMBER = re.compile(r"[^〔《\s]*〔\d{4}〕\d+号")


def _update_instrument(text: str, old: Edition, new: Edition) -> str:
    """The opening cites the format it follows: 〔2019〕60号 becomes 〔2021〕30号 with the edition."""
    a, b = _INSTRUMENT_NUMBER.match(old.instrument), _INSTRUMENT_NUMBER.match(new.instrument)
    if not a or not b:
        return text
    text = text.replace(a.group(0), b.group(0))
    return text.replace("年度报告格式（试行）", "年度报告格式") if "试行" not in new.instrument else text


# --------------------------------------------------------------------------- reading last year

def read_previous(path: Path, year: int | None = None, edition: str | None = None) -> tuple[Report, list[str]]:
    """Last year's report from a .nianbao file or an .xlsx (or ``show --json`` list) through the
    importer; returns it and the importer's notes.  ``year`` is this year's (a spreadsheet does
    not say which year it is); raises FileFormatError / ImportRefused / ReportError."""
    from .storage import FileFormatError, read_report
    path = Path(path)
    if path.suffix.lower() == ".nianbao":
        return read_report(path)[0], []
    if year is None:
        raise ReportError(f"从“{path.name}”导入上年报告需要指明本年度（--year）")
    last_year = year - 1
    from .importer import import_file
    result = import_file(path, edition or default_edition_for(last_year), last_year)
    if result.placed == 0:
        raise FileFormatError(f"无法从“{path}”读出上年报告：表格中没有找到任何数值")
    return result.report, [str(n) for n in result.problems]


# --------------------------------------------------------------------------- using the copy

_parsed: dict[int, tuple[dict, Report | None, str | None]] = {}


def stored_previous(report: Report):
    """Last year's report kept in the file, and a finding if the copy cannot be used."""
    data = report.last_year
    if data is None:
        return None, None
    hit = _parsed.get(id(data))
    if hit is None or hit[0] is not data:
        from .storage import FileFormatError, report_from_dict
        try:
            previous, problem = report_from_dict(dict(data, format="nianbao"), "上年报告副本"), None
        except (FileFormatError, ReportError, ValueError, TypeError) as exc:
            previous, problem = None, str(exc)
        if len(_parsed) > 32:
            _parsed.clear()
        hit = _parsed[id(data)] = (data, previous, problem)
    _, previous, problem = hit
    # The year is judged on every run, not kept with the parse: the clerk may change the report's.
    if previous is not None and previous.meta.year >= report.meta.year:
        previous, problem = None, f"保存的上年报告是 {previous.meta.year} 年度的，不早于本报告的 {report.meta.year} 年度"
    elif previous is not None and previous.meta.year != report.meta.year - 1:
        previous, problem = None, (f"保存的是 {previous.meta.year} 年度的报告，而本报告的上一年度是 "
                                   f"{report.meta.year - 1} 年度")
    if problem is None:
        return previous, None
    from .checks import Finding
    # The edition's own cross-year rules: 2014 has W5 and R12, not R6 and R7.
    rules = "、".join(dict.fromkeys(r.id for r in report.edition.rules if r.needs_previous)) or "R6"
    return None, Finding("R6", "warning",
                         f"文件中保存的上年报告无法使用（{problem}），跨年度检查（{rules}）未进行；"
                         "可用“从上年报告新建”重新建立，或检查时指明上年报告文件。")
