"""汇总's 报告年度, as the files chosen state it: one rule for the 汇总 dialog (which prefills it and
asks before leaving report files of another year out) and ``nianbao aggregate`` (which sums for
it, or refuses and says why), so that a clerk and a script summing the same files get one total.

The year of most report files (.nianbao); with none readable, the year most spreadsheets' titles
state (a spreadsheet says its year nowhere else); else none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable

from .aggregate import (SHEET_SUFFIXES, ReportCache, _is_our_attachment, input_files, majority_year, report_years,
                        stated_years)

TITLES_SAMPLE = 20     # a thousand spreadsheets' titles would keep the clerk waiting


def titles_tally(files: Iterable[Path], sample: int = TITLES_SAMPLE) -> tuple[Counter, int]:
    """How many of the first ``sample`` spreadsheets state each year in their titles (one that
    states two years says none), and how many were read."""
    # A 汇总 attachment (last year's, beside the units' files) states the year of its total, not theirs.
    sheets = list(islice((p for p in files if p.suffix.lower() == ".xlsx" and not _is_our_attachment(p)), sample))
    return Counter(y for p in sheets if len(stated := stated_years(p)) == 1 for y in stated), len(sheets)


def counted(years: Counter) -> str:
    """「2023 年度 1 份、2024 年度 3 份」."""
    return "、".join(f"{y} 年度 {n} 份" for y, n in sorted(years.items()))


def other_years(reports: dict[Path, tuple[str, int]], year: int, shown: int | None = None) -> list[str]:
    """The report files not of ``year``, which the sum leaves out, one a line: 「乙局（乙.nianbao）：
    2023 年度」; past ``shown`` lines, a count of the rest.  ``reports``: as report_years gives."""
    others = sorted((y, name, path.name) for path, (name, y) in reports.items() if y != year)
    lines = [f"{name}（{file}）：{y} 年度" for y, name, file in others[:shown]]
    if shown is not None and len(others) > shown:
        lines.append(f"……另有 {len(others) - shown} 份")
    return lines


def years_counted(reports: dict[Path, tuple[str, int]]) -> str:
    return counted(Counter(y for _, y in reports.values()))


@dataclass
class YearChoice:
    year: int | None                            # None: nothing the files say gives one
    reason: str                                 # why this year, in Chinese ("" when none)
    reports: dict[Path, tuple[str, int]]        # each readable report file: its unit and year
    sheets: int = 0                             # spreadsheet files among those chosen


def choose_year(paths: Iterable, reports: dict[Path, tuple[str, int]] | None = None,
                exclude: Iterable[Path] = (), cache: ReportCache | None = None) -> YearChoice:
    """The 报告年度 of the files and folders ``paths``.  ``reports``: their report files' years if
    already read (report_years); ``exclude``: files never a unit's (the output of a run before,
    whose year would otherwise count); ``cache``: the report files are read through it, for the
    sum to read them from it."""
    skip = {p.resolve() for p in map(Path, exclude) if p.exists()}
    files = [p for p in input_files(paths) if not (p.exists() and p.resolve() in skip)]
    if reports is None:
        reports = report_years(files, cache=cache)
    sheets = sum(p.suffix.lower() in SHEET_SUFFIXES for p in files)
    years = Counter(y for _, y in reports.values())
    year = majority_year(years.elements())
    if year is not None:
        reason = (f"加入的 {len(reports)} 份年报（.nianbao）都是这一年度的" if years[year] == len(reports) else
                  f"加入的 {len(reports)} 份年报（.nianbao）中这一年度的最多（{counted(years)}）")
        return YearChoice(year, reason, reports, sheets)
    stated, read = titles_tally(files)
    year = majority_year(stated.elements())
    if year is None:
        return YearChoice(None, "", reports, sheets)
    first = "前" if read == TITLES_SAMPLE and sum(p.suffix.lower() == ".xlsx" for p in files) > read else ""
    return YearChoice(year, f"没有可读取的年报（.nianbao），统计表（.xlsx）的标题写明这一年度"
                            f"（读取了{first} {read} 份统计表的标题：{counted(stated)}）", reports, sheets)
