"""The ``.nianbao`` report file: UTF-8 JSON with a format version (see docs/file-format.md).

Loading refuses anything it cannot take whole — truncated, not JSON, a newer format, an unknown
edition, a value that does not fit its cell — with a message naming the file and the fault, and
changes nothing on disk.  Saving is atomic, keeps the previous version as ``.bak``, and refuses to
overwrite a file that changed on disk since it was read unless forced.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .edition import EditionError, get_edition
from .fileio import WriteError, atomic_write, digest, read_failure
from .numbers import NumberError, as_json_number, check_value
from .report import META_LABELS, Meta, NarrativeSection, Report, ReportError, one_line_break, validate_meta

FORMAT = "nianbao"
VERSION = 2
MAX_FILE_SIZE = 50 * 1024 * 1024
EXTENSION = ".nianbao"


class FileFormatError(ValueError):
    """A report file that cannot be opened; nothing was changed."""


class ConflictError(Exception):
    """The file on disk changed since it was read; saving would destroy someone else's work."""


# ------------------------------------------------------------------------ to and from data

def report_to_dict(report: Report) -> dict:
    meta = report.meta.as_dict()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "edition": report.edition.id,
        "meta": meta,
        "values": {cid: as_json_number(v) for cid, v in report.values().items()
                   if not report.edition.cells[cid].computed},
        "declared": {cid: as_json_number(v) for cid, v in report.declared.items()},
        "narrative": {sid: {"heading": s.heading, "text": s.text} for sid, s in report.narrative.items()},
        "published_labels": dict(report.published_labels),
        "reviews": dict(report.reviews),
    }
    if report.last_year is not None:   # last year's report, for R6, R7, R12 (forms/carryover.py)
        from .carryover import json_ready
        data["last_year"] = json_ready(report.last_year)
    return data


def dumps(report: Report) -> str:
    data = report_to_dict(report)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (pasted from a broken document) has no UTF-8 form; as a JSON escape it
        # survives the round trip, so the clerk's text is kept exactly rather than refused.
        text = json.dumps(data, ensure_ascii=True, indent=1) + "\n"
    return text


def _fail(source: str, what: str) -> FileFormatError:
    return FileFormatError(f"无法打开“{source}”：{what}")


def _migrate(data: dict, source: str) -> dict:
    """Brings an older file up to the current version, one step at a time."""
    version = data.get("version")
    if version == 1:
        # Version 1 kept values per table, row and column, and the narrative as plain strings.
        values = {}
        tables = data.get("tables", {})
        if not isinstance(tables, dict):
            raise _fail(source, "“tables”应为对象")
        for tid, rows in tables.items():
            if not isinstance(rows, dict):
                raise _fail(source, f"表格“{tid}”的内容应为对象")
            for rkey, cols in rows.items():
                if not isinstance(cols, dict):
                    raise _fail(source, f"表格“{tid}”行“{rkey}”的内容应为对象")
                for ckey, v in cols.items():
                    values[f"{tid}:{rkey}:{ckey}"] = v
        headings = data.get("headings", {}) or {}
        old_narrative = data.get("narrative") or {}
        if not isinstance(headings, dict):
            raise _fail(source, "“headings”应为对象")
        if not isinstance(old_narrative, dict):
            raise _fail(source, "“narrative”应为对象")
        narrative = {sid: {"heading": headings.get(sid), "text": text} for sid, text in old_narrative.items()}
        data = {k: v for k, v in data.items() if k not in ("tables", "headings")}
        data.update(version=2, values=values, narrative=narrative)
    return data


def report_from_dict(data, source: str = "文件") -> Report:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(source, "这不是年报文件（.nianbao）")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail(source, "文件缺少有效的格式版本号")
    if version > VERSION:
        raise _fail(source, f"文件由更新版本的年报程序保存（格式版本 {version}），请升级本程序后再打开")
    data = _migrate(data, source)
    edition_id = data.get("edition")
    if not isinstance(edition_id, str):
        raise _fail(source, "文件没有写明版式")
    try:
        edition = get_edition(edition_id)
    except EditionError as exc:
        raise _fail(source, f"使用了本机没有的版式“{edition_id}”（{exc}）") from None

    meta_data = data.get("meta")
    if not isinstance(meta_data, dict):
        raise _fail(source, "缺少封面信息（meta）")
    if "year" not in meta_data:
        raise _fail(source, "封面信息中缺少报告年度")
    meta = Meta()
    for name, value in meta_data.items():
        if name not in META_LABELS:
            raise _fail(source, f"封面信息中有未知项“{name}”")
        try:
            setattr(meta, name, validate_meta(name, value))
        except ReportError as exc:
            raise _fail(source, f"封面信息“{META_LABELS[name]}”有误：{exc}") from None
    report = Report.new(edition, meta.year, meta.agency)
    report.meta = meta

    values = data.get("values", {})
    if not isinstance(values, dict):
        raise _fail(source, "“values”应为对象")
    for cid, value in values.items():
        spec = edition.cells.get(cid)
        if spec is None:
            raise _fail(source, f"版式“{edition_id}”中没有单元格“{cid}”")
        if spec.computed:
            raise _fail(source, f"单元格“{spec.where}”是自动计算的合计，文件中不应有其值")
        report._values[cid] = _number(source, spec, value)
    report.recompute_all()

    declared = data.get("declared", {})
    if not isinstance(declared, dict):
        raise _fail(source, "“declared”应为对象")
    for cid, value in declared.items():
        spec = edition.cells.get(cid)
        if spec is None or not spec.computed:
            raise _fail(source, f"“declared”中的“{cid}”不是本版式的合计单元格")
        report.declared[cid] = _number(source, spec, value)

    narrative = data.get("narrative", {})
    if not isinstance(narrative, dict):
        raise _fail(source, "“narrative”应为对象")
    section_ids = {s.id for s in edition.sections}
    for sid, section in narrative.items():
        if sid not in section_ids:
            raise _fail(source, f"版式“{edition_id}”中没有章节“{sid}”")
        if not isinstance(section, dict) or not isinstance(section.get("text", ""), str) \
                or not isinstance(section.get("heading"), (str, type(None))):
            raise _fail(source, f"章节“{sid}”的内容格式不对")
        report.narrative[sid] = NarrativeSection(section.get("heading"), one_line_break(section.get("text", "")))

    for name, typ in (("published_labels", (str, type(None))), ("reviews", str)):
        mapping = data.get(name, {})
        if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, typ)
                                                    for k, v in mapping.items()):
            raise _fail(source, f"“{name}”的格式不对")
        setattr(report, name, dict(mapping))
    last_year = data.get("last_year")
    if last_year is not None:
        # Checked when used (a damaged copy of last year must not keep this year's report shut).
        if not isinstance(last_year, dict):
            raise _fail(source, "“last_year”（上年报告）的格式不对")
        report.last_year = last_year
    return report


def _number(source: str, spec, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise _fail(source, f"单元格“{spec.where}”的值不是数字")
    try:
        # A float is what report_to_dict gives for money when no JSON text is in between; its
        # shortest repr is the digits saved (forms.numbers.as_json_number).
        exact = Decimal(repr(value)) if isinstance(value, float) else value
        if isinstance(exact, str):
            try:
                exact = Decimal(exact)
            except InvalidOperation:     # its own message is Python's ([<class ...>]), not words
                raise NumberError("不是数字") from None
        return check_value(exact, spec.kind)
    except (NumberError, ArithmeticError, ValueError) as exc:
        raise _fail(source, f"单元格“{spec.where}”的值“{value}”有误：{exc}") from None


def loads(text: str, source: str = "文件") -> Report:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _fail(source, f"文件内容已损坏或不完整（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except _BadConstant as exc:
        raise _fail(source, str(exc)) from None
    except ValueError:   # e.g. an integer of thousands of digits: Python's message is English
        raise _fail(source, "文件中有无法读取的数值，文件已损坏") from None
    except RecursionError:
        raise _fail(source, "文件结构嵌套过深，已损坏") from None
    return report_from_dict(data, source)


class _BadConstant(ValueError):
    pass


def _no_constant(name: str):
    raise _BadConstant(f"文件中有无效的数值“{name}”")


# ------------------------------------------------------------------------ files

# What a clerk gives instead of a report, by its first bytes ("not UTF-8" says nothing to do).
_OTHER_KINDS = ((b"PK\x03\x04", " Excel、Word 或 WPS 文件"), (b"\xd0\xcf\x11\xe0", "旧版 Excel 或 Word 文件"),
                (b"%PDF", " PDF 文件"))


def read_report(path: Path) -> tuple[Report, str]:
    """Reads a report file; returns the report and the digest of the bytes read (for save)."""
    path = Path(path)
    source = str(path)
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            raise _fail(source, "文件过大，不是年报文件")
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(source, read_failure(exc, path)) from None
    if not raw.strip():
        raise _fail(source, "文件是空的（可能在保存时被中断）")
    for magic, what in _OTHER_KINDS:
        if raw.startswith(magic):
            raise _fail(source, f"这是{what}，不是年报文件（.nianbao）" + ("" if magic == b"%PDF" else
                                "；Excel 统计表可以“从 Excel 导入”（命令 nianbao import）为年报"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":   # cut off in the middle of a character
            raise _fail(source, "文件内容已损坏或不完整（在文件末尾被截断）") from None
        raise _fail(source, "文件不是 UTF-8 文本，可能已损坏或不是年报文件") from None
    return loads(text, source), digest(raw)


def save_report(report: Report, path: Path, expected_digest: str | None = None,
                force: bool = False) -> str:
    """Saves atomically and keeps the previous version as ``.bak``; returns the new digest.

    ``expected_digest`` is the digest returned when the file was read (or last saved): if the file
    on disk no longer has it, someone else changed it and :class:`ConflictError` is raised unless
    ``force``.  Raises :class:`forms.fileio.WriteError` when the disk refuses.
    """
    path = Path(path)
    if expected_digest is not None and not force and path.exists():
        try:
            current = digest(path.read_bytes())
        except OSError:
            current = None
        if current != expected_digest:
            raise ConflictError(f"“{path}”在打开之后已被其他程序或他人修改；"
                                "为免覆盖他人的修改，未保存。请另存为新文件，或确认后强制覆盖。")
    data = dumps(report).encode("utf-8")
    atomic_write(path, data, backup=True)
    return digest(data)


__all__ = ["ConflictError", "FileFormatError", "WriteError", "read_report", "save_report",
           "loads", "dumps", "report_to_dict", "report_from_dict", "VERSION", "EXTENSION"]
