"""Reads a report published as plain text in the 2014 layout (such as the seed report).

The text is the narrative — opening paragraphs, then sections headed 「一、」…「六、」 — followed by
「附件1」 and the 统计表 cell by cell, one line each.  Numbers are given to the edition's value rows
in order; each is checked against the label text that preceded it, so a shifted table is refused
rather than entered wrongly.
"""

from __future__ import annotations

import re

from .edition import Edition, get_edition
from .numbers import NumberError, parse_number
from .report import Report

_HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
_NUMERALS = "一二三四五六七八九十"
_YEAR_LINE = re.compile(r"[（(]\s*(\d{4})\s*年度\s*[)）]")
_NOISE = re.compile(r"[\s()（）:：,，、.．“”\"《》—\-]")


class SeedError(ValueError):
    pass


def _norm(text: str) -> str:
    return _NOISE.sub("", text)


def report_from_published_text(text: str, agency: str, edition: Edition | None = None) -> Report:
    edition = edition or get_edition("2014")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    try:
        annex = next(i for i, line in enumerate(lines) if line.strip() in ("附件1", "附件", "附件１"))
    except StopIteration:
        raise SeedError("文本中没有“附件1”统计表") from None
    body, table = lines[:annex], lines[annex + 1:]

    year = None
    for line in table[:5]:
        m = _YEAR_LINE.search(line)
        if m:
            year = int(m.group(1))
    if year is None:
        raise SeedError("统计表中没有“（YYYY年度）”一行")
    report = Report.new(edition, year, agency)

    sections = [s for s in edition.sections if s.id != "opening"]
    current = "opening"
    texts: dict[str, list[str]] = {s.id: [] for s in edition.sections}
    for line in body:
        if not line.strip():
            continue
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 1 and _NUMERALS.index(m.group(1)) < len(sections):
            section = sections[_NUMERALS.index(m.group(1))]
            current = section.id
            if line != section.heading:
                report.set_heading(current, line)
            continue
        texts[current].append(line)
    for sid, paragraphs in texts.items():
        report.set_text_of(sid, "\n".join(paragraphs))

    _read_table(report, table)
    return report


def _read_table(report: Report, lines: list[str]) -> None:
    table = report.edition.attachments[0].table if report.edition.attachments else report.edition.tables[0].id
    rows = [r for r in report.edition.table(table).rows if r.is_value]
    cells = [report.edition.table(table).cell(r.key, report.edition.table(table).value_columns_for(r)[0].key)
             for r in rows]
    start = next((i for i, line in enumerate(lines) if line.strip() == "统计数"), None)
    if start is None:
        raise SeedError("统计表缺少表头“统计数”")
    found, pending = [], ""
    for line in lines[start + 1:]:
        if line.startswith("单位负责人"):
            break
        try:
            value = parse_number(line, "money")
        except NumberError:
            value = None
        if value is None or not line.strip():
            pending += line
            continue
        if len(found) >= len(cells):
            raise SeedError(f"统计表的数字多于 {len(cells)} 行")
        cell = cells[len(found)]
        label = _norm(cell.row.label.replace("其中：", ""))
        if label not in _norm(pending):
            raise SeedError(f"统计表第 {len(found) + 1} 个数字“{line}”前的指标不是“{cell.row.label}”")
        found.append((cell, value))
        pending = ""
    if len(found) != len(cells):
        raise SeedError(f"统计表应有 {len(cells)} 个数字，文本中只有 {len(found)} 个")
    for cell, value in found:
        if not cell.computed:
            report.set_value(cell.id, value)
    for cell, value in found:
        if cell.computed and report.value(cell.id) != value:
            report.declared[cell.id] = value
