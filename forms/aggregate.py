"""汇总: the sub-units' reports summed into one report of the same edition and year.

Every typed cell is summed (money exactly, as Decimal); the totals follow by the edition's sums.
Nothing is dropped silently: a file that cannot be read, a unit that sent two files, a report of
another year or edition, one that fails its own checks, a unit of the expected list that sent
nothing — each is named with what happened to it.  A unit is known by its 机关全称 (``meta.agency``)
for a .nianbao file and by its file name for a spreadsheet, which says no name of its own.

Reading is the ordinary validated reader: about a quarter of a millisecond a file, so a thousand
files take well under a second (bench/aggregate.py measures it); a spreadsheet goes through the
importer and costs more.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from .edition import EditionError, default_edition_for, get_edition
from .report import Report, ReportError

REPORT_SUFFIXES = (".nianbao",)
SHEET_SUFFIXES = (".xlsx", ".json")
TOTAL_ROW = "合计"
DEFAULT_TOTAL_NAME = "汇总"     # the total's 机关全称 when none is given


class AggregateError(ValueError):
    """Nothing can be aggregated (no readable file, no year to read spreadsheets with).

    ``problems``: what was wrong with each file set aside, for a list the clerk can read."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass
class Unit:
    name: str
    path: Path
    report: Report
    errors: int = 0                 # errors of its own checks (R1–R5 …): included, but named
    notes: list[str] = field(default_factory=list)   # what the importer could not place


@dataclass
class Problem:
    kind: str                       # a key of PROBLEM_KINDS
    path: Path | None
    unit: str
    message: str                    # Chinese, complete in itself

    def __str__(self) -> str:
        where = f"{self.unit}（{self.path.name}）" if self.path and self.unit else (self.unit or str(self.path))
        return f"【{PROBLEM_KINDS[self.kind]}】{where}：{self.message}"


PROBLEM_KINDS = {
    "unreadable": "无法读取",
    "duplicate": "重复报送",
    "excluded": "未计入",
    "failing": "检查有错误",
    "missing": "未报送",
    "unexpected": "名单之外",
    "import": "导入提示",
}
# Problems that leave the total incomplete or doubtful; "unexpected" units are summed (named only).
SERIOUS = ("unreadable", "duplicate", "excluded", "failing", "missing", "import")


@dataclass
class Aggregation:
    total: Report
    units: list[Unit]
    problems: list[Problem]

    @property
    def serious(self) -> list[Problem]:
        return [p for p in self.problems if p.kind in SERIOUS]

    def of_kind(self, kind: str) -> list[Problem]:
        return [p for p in self.problems if p.kind == kind]


def unit_key(name: str) -> str:
    """The name two files of one unit share: spaces and full-width spaces do not count."""
    return re.sub(r"[\s\u3000]+", "", name)


def unit_name(path: Path, report: Report) -> str:
    return report.meta.agency.strip() or path.stem


def input_files(items: Iterable) -> list[Path]:
    """The files named, and the report and spreadsheet files inside any folder named (sorted)."""
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and
                              p.suffix.lower() in REPORT_SUFFIXES + SHEET_SUFFIXES and not p.name.startswith("~$")))
        else:
            out.append(path)
    seen, unique = set(), []
    for p in out:
        key = p.resolve() if p.exists() else p
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def read_expect_list(path: Path) -> list[str]:
    """Unit names one a line; blank lines and lines starting with # are ignored."""
    from .storage import FileFormatError
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise FileFormatError(f"找不到单位名单“{path}”") from None
    except UnicodeDecodeError:
        try:
            text = Path(path).read_bytes().decode("gb18030")   # a list saved by Notepad on Chinese Windows
        except UnicodeDecodeError:
            raise FileFormatError(f"单位名单“{path}”不是文本文件") from None
    except OSError as exc:
        from .fileio import read_failure
        raise FileFormatError(f"无法读取单位名单“{path}”：{read_failure(exc, path)}") from None
    names = [line.strip() for line in text.splitlines()]
    return list(dict.fromkeys(n for n in names if n and not n.startswith("#")))


def _read_report_file(path: Path) -> tuple[Report | None, str | None]:
    from .storage import FileFormatError, read_report
    try:
        return read_report(path)[0], None
    except FileFormatError as exc:
        return None, str(exc)


class ReportCache:
    """Report files read once while they stay as they were: the dialog weighs their years when
    files are added and again before the sum, then sums them, and a thousand files on a slow
    share take seconds to read each time.

    An entry is known by the file's size and modification time and read again when either
    changes (a unit that sends its file anew).  A cache, rather than reading only in the sum's
    worker: the year must be prefilled and the files of another year named before the sum
    starts, so the years are needed first.  The reports kept are never changed by the sum
    (it reads them into a new total); about ten kilobytes each in memory.
    """

    def __init__(self):
        self._entries: dict[Path, tuple[tuple[int, int], tuple[Report | None, str | None]]] = {}

    def read(self, path: Path) -> tuple[Report | None, str | None]:
        """(report, None) or (None, why it cannot be read), as _read_report_file."""
        try:
            st = path.stat()
        except OSError:
            return _read_report_file(path)          # it says why, in the clerk's words
        stamp = (st.st_size, st.st_mtime_ns)
        entry = self._entries.get(path)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        result = _read_report_file(path)
        self._entries[path] = (stamp, result)
        return result

    def retain(self, paths: Iterable[Path]) -> None:
        """Forgets the files no longer among ``paths`` (removed from the list)."""
        keep = set(paths)
        for path in [p for p in self._entries if p not in keep]:
            del self._entries[path]

    def __len__(self) -> int:
        return len(self._entries)


def _is_our_attachment(path: Path) -> bool:
    """An attachment written by a previous 汇总 (it has the breakdown sheet): never a unit's."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as zf:
            return "分单位明细".encode("utf-8") in zf.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False


def _read_sheet_file(path: Path, edition: str, year: int) -> tuple[Report | None, list[str], str | None]:
    from .importer import ImportRefused, import_file
    if _is_our_attachment(path):
        return None, [], "这是汇总结果的附件（有“分单位明细”工作表），不是下属单位的报告"
    try:
        result = import_file(path, edition, year, path.stem)
    except (ImportRefused, EditionError, ReportError, OSError) as exc:
        return None, [], _for_the_sum(str(exc))
    if result.placed == 0:
        return None, [], "表格中没有找到任何数值"
    notes = [_for_the_sum(str(n)) for n in result.problems]
    stated = result.title_years       # read with the sheets, not by reading the workbook again
    if stated and year not in stated:
        # Last year's file sent again, or this year's numbers under last year's title: only the
        # clerk can tell, so it is summed and named.
        notes.insert(0, f"表格标题写的是 {'、'.join(map(str, sorted(stated)))} 年度（本次汇总 {year} 年度），"
                        f"请确认其中是 {year} 年度的数据")
    return result.report, notes, None


def stated_years(path: Path) -> set[int]:
    """The years a workbook's titles state (forms/importer/xlsx.py); none for a cell list."""
    from .importer.sheets import read_sheets
    from .importer.xlsx import years_in_titles
    try:
        sheets, _ = read_sheets(path)
    except Exception:  # noqa: BLE001 - the year is a hint; the import says what is wrong with the file
        return set()
    return set(years_in_titles(sheets))


# The importer's advice to import the file in its own edition: a sum has one edition for all.
_OTHER_EDITION_HINT = re.compile(r"请确认版式（命令行用 --edition [^）]*）")


def _for_the_sum(message: str) -> str:
    return _OTHER_EDITION_HINT.sub("请该单位按本次汇总的版式重新报送", message)


def majority_year(years: Iterable[int]) -> int | None:
    """The year most report files have; on a tie the later one (last year's files lying about)."""
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def report_years(paths: Iterable, cache: ReportCache | None = None,
                 progress: Callable[[int, int], bool | None] | None = None) -> dict[Path, tuple[str, int]]:
    """The unit and year of each readable report file among ``paths`` (a spreadsheet says no
    year): what a year chosen before the sum is weighed against.  Unreadable files are left to
    the sum, which says why.  ``cache``: read through it (and forget files no longer listed);
    ``progress(done, total)`` as in aggregate, returning False stops the reading (a partial
    answer)."""
    out: dict[Path, tuple[str, int]] = {}
    files = [p for p in input_files(paths) if p.suffix.lower() not in SHEET_SUFFIXES]
    read = cache.read if cache is not None else _read_report_file
    for done, path in enumerate(files, start=1):
        report, _ = read(path)
        if report is not None:
            out[path] = (unit_name(path, report), report.meta.year)
        if progress is not None and progress(done, len(files)) is False:
            break
    else:
        if cache is not None:
            cache.retain(files)
    return out


def aggregate(paths: Iterable, unit: str = "", year: int | None = None, edition: str | None = None,
              expect: list[str] | None = None, exclude: Iterable[Path] = (),
              progress: Callable[[int, int], bool | None] | None = None,
              cache: ReportCache | None = None) -> Aggregation:
    """Sums the reports of ``paths``; raises AggregateError when there is nothing to sum.

    ``year`` and ``edition`` default to those of most readable report files (spreadsheets say
    neither: they are read with the year and edition chosen).  ``exclude``: files never taken as
    a unit's (the output itself).  ``progress(done, total)`` is called as files are read; if it
    returns False the work stops (AggregateError).  ``cache``: report files are read through it.
    """
    files = input_files(paths)
    skip = {p.resolve() for p in map(Path, exclude) if p.exists()}
    files = [p for p in files if not (p.exists() and p.resolve() in skip)]
    if not files:
        raise AggregateError("没有可汇总的文件（.nianbao 或 .xlsx）")
    problems: list[Problem] = []
    total_steps = len(files)

    def step(done: int) -> None:
        if progress is not None and progress(done, total_steps) is False:
            raise AggregateError("已取消汇总")

    # Report files first: they say their year and edition, which the spreadsheets are read with.
    readable: list[tuple[Path, Report, list[str]]] = []
    sheets = []
    read_report_file = cache.read if cache is not None else _read_report_file
    for i, path in enumerate(files):
        if path.suffix.lower() in SHEET_SUFFIXES:
            sheets.append(path)
        else:
            report, why = read_report_file(path)
            if report is None:
                problems.append(Problem("unreadable", path, "", why))
            else:
                readable.append((path, report, []))
        step(len(readable) + len(problems))
    if year is None:
        year = majority_year(r.meta.year for _, r, _ in readable)
        if year is None:
            if sheets:
                raise AggregateError("汇总电子表格时需要指明报告年度（--year）", problems)
            raise AggregateError("没有一个文件可以读取：\n" + "\n".join(map(str, problems)), problems)
    if edition is None:
        editions = Counter(r.edition.id for _, r, _ in readable if r.meta.year == year)
        edition = max(editions, key=lambda e: (editions[e], e == default_edition_for(year))) \
            if editions else default_edition_for(year)
    try:
        target = get_edition(edition)
    except EditionError as exc:
        raise AggregateError(str(exc)) from None
    for path in sheets:
        report, notes, why = _read_sheet_file(path, edition, year)
        if report is None:
            problems.append(Problem("unreadable", path, path.stem, why))
        else:
            readable.append((path, report, notes))
        step(len(readable) + len(problems))

    unit = unit or DEFAULT_TOTAL_NAME
    units = _choose_units(readable, unit, year, edition, problems)
    expected = {unit_key(n): n for n in (expect or [])}
    if expect is not None:
        present = {unit_key(u.name) for u in units}
        set_aside = {unit_key(p.unit) for p in problems if p.kind in ("excluded", "unreadable")}
        for key, name in expected.items():
            if key not in present:
                why = "报送的文件未计入汇总（原因见上）" if key in set_aside else "名单中的单位没有报送"
                problems.append(Problem("missing", None, name, why))
        for u in units:
            if unit_key(u.name) not in expected:
                problems.append(Problem("unexpected", u.path, u.name, "不在单位名单中（已计入汇总）"))
    if not units:
        what = "没有一份可以计入汇总的报告" if readable else "没有一个文件可以读取"
        raise AggregateError(what + "：\n" + "\n".join(map(str, problems)), problems)

    total = Report.new(target, year, unit)
    total.set_many(sum_values(target, [u.report for u in units]))
    return Aggregation(total, units, problems)


def _choose_units(readable, total_name: str, year: int, edition: str, problems: list[Problem]) -> list[Unit]:
    from .checks import run_checks
    units: list[Unit] = []
    by_name: dict[str, Unit] = {}
    for path, report, notes in readable:
        name = unit_name(path, report)
        if report.meta.year != year or report.edition.id != edition:
            what = []
            if report.meta.year != year:
                what.append(f"是 {report.meta.year} 年度的（本次汇总 {year} 年度）")
            if report.edition.id != edition:
                what.append(f"使用{report.edition.name}（本次汇总用 {edition} 年版）")
            problems.append(Problem("excluded", path, name, "，".join(what) + "，未计入"))
            continue
        if unit_key(name) == unit_key(total_name):
            problems.append(Problem("excluded", path, name, "与汇总单位同名，可能是上次的汇总结果，未计入"))
            continue
        first = by_name.get(unit_key(name))
        if first is not None:
            same = first.report.values() == report.values()
            problems.append(Problem("duplicate", path, name,
                                    f"与“{first.path.name}”是同一单位，只计入了前者"
                                    + ("（两份数值相同）" if same else "（两份数值不同，请确认哪一份是正式报送的）")))
            continue
        # A spreadsheet carries the tables only: its empty narrative's findings say nothing of it.
        tables_only = path.suffix.lower() in SHEET_SUFFIXES
        errors = [f.message for f in run_checks(report) if f.severity == "error" and not (tables_only and f.section)]
        unit = Unit(name, path, report, len(errors), notes)
        by_name[unit_key(name)] = unit
        units.append(unit)
        if errors:
            problems.append(Problem("failing", path, name, _failing_message(errors)))
        for note in notes:
            problems.append(Problem("import", path, name, note))
    return units


FAILING_SHOWN = 3      # the first errors say what to ask the unit about; its file has them all


def _failing_message(errors: list[str]) -> str:
    shown = "".join(f"（{i}）{m}" for i, m in enumerate(errors[:FAILING_SHOWN], start=1))
    more = f"（另有 {len(errors) - FAILING_SHOWN} 个）" if len(errors) > FAILING_SHOWN else ""
    return f"本单位报告的检查有 {len(errors)} 个错误（已计入汇总，请核对）：{shown}{more}"


def sum_values(edition, reports: list[Report]) -> dict[str, object]:
    """Each typed cell summed over the reports; a cell blank in every report stays blank."""
    out: dict[str, object] = {}
    for spec in edition.input_cells():
        total, seen = (Decimal(0) if spec.kind == "money" else 0), False
        for report in reports:
            v = report.value(spec.id)
            if v is not None:
                total += v
                seen = True
        out[spec.id] = total if seen else None
    return out


# --------------------------------------------------------------------------- the breakdown

BREAKDOWN_HEADER = ["单位", "表格", "项目", "列", "数值"]


def breakdown_rows(result: Aggregation) -> list[list]:
    """One row per unit per typed cell, then the total of each: 单位 · 表格 · 项目 · 列 · 数值."""
    edition = result.total.edition
    cells = [(spec, *_labels(edition, spec)) for spec in edition.input_cells()]
    rows = []
    for unit in result.units:
        for spec, table, row, col in cells:
            rows.append([unit.name, table, row, col, _number(unit.report.value(spec.id))])
    for spec, table, row, col in cells:
        rows.append([TOTAL_ROW, table, row, col, _number(result.total.value(spec.id))])
    return rows


def _labels(edition, spec) -> tuple[str, str, str]:
    table = edition.table(spec.table)
    row = " / ".join(p for p in spec.row.path if p)
    col = "" if table.layout == "list" else " / ".join(spec.column.path)
    return table.name, row, col


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def problem_rows(result: Aggregation) -> list[list]:
    rows = [[PROBLEM_KINDS[p.kind], p.unit, p.path.name if p.path else "", p.message] for p in result.problems]
    for u in result.units:
        rows.append(["已计入", u.name, u.path.name, f"检查错误 {u.errors} 个" if u.errors else "无错误"])
    return rows


def breakdown_sheet(result: Aggregation, title: str = "分单位明细"):
    """An extra sheet for forms.export.xlsx_writer.xlsx_bytes: plain rows, so that a thousand
    units (a hundred and seventy thousand rows) write in seconds; header bold, filter, frozen."""
    def add(wb):
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        from .export.ooxml import clean_text
        from .export.xlsx_writer import safe_sheet_title
        ws = wb.create_sheet(safe_sheet_title(title, wb.sheetnames))
        cleaned: dict[str, str] = {}     # labels repeat a thousand times: clean each once
        rows = [BREAKDOWN_HEADER] + breakdown_rows(result)
        for row in rows:
            ws.append([cleaned.setdefault(v, clean_text(v)) if isinstance(v, str) else v for v in row])
        for cells in ws.iter_rows(min_col=1, max_col=1):
            if isinstance(cells[0].value, str) and cells[0].value.startswith("="):
                cells[0].data_type = "s"      # a unit's name is text, never a formula
        for cell in ws[1]:
            cell.font = Font(name="宋体", bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:E{len(rows)}"
        for c, width in enumerate((28, 10, 48, 22, 12), start=1):
            ws.column_dimensions[get_column_letter(c)].width = width
        return ws
    return add


def problems_sheet(result: Aggregation, title: str = "汇总情况"):
    def add(wb):
        from .export.xlsx_writer import append_table_sheet
        return append_table_sheet(wb, title, ["情况", "单位", "文件", "说明"], problem_rows(result),
                                  caption=f"{result.total.meta.year}年度政府信息公开工作年度报告汇总情况",
                                  widths=[12, 28, 28, 60])
    return add


def attachment_bytes(result: Aggregation) -> bytes:
    """The total's tables as the .xlsx attachment, with the breakdown and the 汇总情况 sheets."""
    from .document import build_document
    from .export.xlsx_writer import xlsx_bytes
    return xlsx_bytes(build_document(result.total), [breakdown_sheet(result), problems_sheet(result)])
