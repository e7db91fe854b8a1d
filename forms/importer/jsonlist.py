"""Reading back the cell list that ``nianbao show --json`` prints (see forms/tablejson.py).

A record is placed by its ``cell`` id when that id belongs to the edition and the record's table
title agrees; otherwise by its table title, row label path and column header path, matched as in
a spreadsheet.  Totals in the list that differ from the computed ones go to ``report.declared``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..edition import Edition, Table
from ..fileio import read_failure
from .labels import Axis, Entry, Match, column_axes, normalise, row_axis
from .result import Collector, ImportRefused, ImportResult

MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_RECORDS = 20_000


def read_json_records(path, text: str | None = None) -> list:
    name = Path(path).name if path else "标准输入"
    if text is None:
        try:
            size = Path(path).stat().st_size
            if size > MAX_JSON_BYTES:
                raise ImportRefused(f"“{name}”过大（{size // 1024 // 1024} MB），不像 nianbao show --json 的输出")
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ImportRefused(f"无法读取“{name}”：{read_failure(exc, path)}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(f"“{name}”不是 UTF-8 编码的文本，无法作为 JSON 读取") from None
    if len(text) > MAX_JSON_BYTES:
        raise ImportRefused(f"“{name}”过大，不像 nianbao show --json 的输出")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"“{name}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列有误") from None
    except RecursionError:
        raise ImportRefused(f"“{name}”的 JSON 嵌套过深，无法读取") from None
    if isinstance(data, dict) and isinstance(data.get("cells"), list):
        data = data["cells"]
    if not isinstance(data, list):
        raise ImportRefused(f"“{name}”应为单元格列表（nianbao show --json 的输出），而不是{_kind(data)}")
    if len(data) > MAX_RECORDS:
        raise ImportRefused(f"“{name}”有 {len(data)} 项，超过 {MAX_RECORDS} 项的上限")
    return data


def _kind(data) -> str:
    return {dict: "一个对象", str: "一段文字"}.get(type(data), "一个数值")


def import_records(records: list, edition: Edition, year: int, agency: str = "",
                   source: str = "") -> ImportResult:
    out = Collector(edition)
    tables = {normalise(t.title): t for t in edition.tables}
    tables.update({normalise(t.name): t for t in edition.tables})
    axes = {t.id: (row_axis(t), column_axes(t)) for t in edition.tables}
    seen_tables = set()
    for i, record in enumerate(records, start=1):
        where = f"第 {i} 项"
        if not isinstance(record, dict):
            out.note("unplaced", where, "不是单元格记录（应为含 table、row、column、value 的对象），未导入")
            continue
        spec = _by_id(record, edition, tables)
        if spec is None:
            spec = _by_labels(record, tables, axes, out, where)
        if spec is None:
            continue
        seen_tables.add(spec.table)
        value = record.get("value")
        if isinstance(value, (dict, list)):
            out.note("unplaced", where, f"{spec.where}：数值应为数字或 null，未导入", spec.id)
            continue
        out.offer(spec, value, where)
    if not seen_tables:
        raise ImportRefused(f"{source or '这份 JSON'}中没有一项能对应到{edition.name}的单元格；请确认版式是否一致")
    for table in edition.tables:
        if table.id not in seen_tables:
            out.note("missing", table.name, f"没有找到{table.name}（{table.title}）的任何单元格，该表未导入")
            continue
        for spec in table.cells:
            if not spec.computed and not out.offered(spec.id):
                out.note("missing", table.name, f"{spec.where}：列表中没有这一单元格，未导入", spec.id)
    return out.build(year, agency, source)


def _by_id(record: dict, edition: Edition, tables: dict[str, Table]):
    cell_id = record.get("cell")
    if not isinstance(cell_id, str) or cell_id not in edition.cells:
        return None
    spec = edition.cells[cell_id]
    title = record.get("table")
    if isinstance(title, str) and tables.get(normalise(title)) is not None \
            and tables[normalise(title)].id != spec.table:
        return None     # an id of another table: trust the labels instead
    return spec


def _by_labels(record: dict, tables: dict, axes: dict, out: Collector, where: str):
    title = record.get("table")
    row, column = record.get("row"), record.get("column")
    shown = _describe(record)
    if not isinstance(title, str) or normalise(title) not in tables:
        out.note("unplaced", where, f"{shown}：表格“{title}”不在本版式中，未导入")
        return None
    table = tables[normalise(title)]
    if not _labels_ok(row) or not _labels_ok(column):
        out.note("unplaced", where, f"{shown}：row 和 column 应为标签列表，未导入")
        return None
    rows, cols = axes[table.id]
    entry = _resolve(rows, [t for t in row if t.strip()])
    if entry is None:
        out.note("unplaced", where, f"{shown}：{table.name}中没有对应的行，未导入")
        return None
    axis = cols[entry.node.block] if table.layout == "blocks" else cols[0]
    col = _resolve(axis, [t for t in column if t.strip()])
    if col is None:
        out.note("unplaced", where, f"{shown}：{table.name}中没有对应的列，未导入")
        return None
    spec = table.cell(entry.node.key, col.node.key)
    if spec is None:
        out.note("unplaced", where, f"{shown}：{table.name}中没有这一单元格，未导入")
    return spec


def _labels_ok(labels) -> bool:
    return isinstance(labels, list) and len(labels) <= 10 and all(isinstance(t, str) for t in labels)


def _resolve(axis: Axis, labels: list[str]) -> Entry | None:
    """The value entry a label path names: its last label, told apart by the ones before it.
    An empty path names the one unlabelled row (表四's single row of values)."""
    if not labels:
        values = [e for e in axis.entries if e.is_value and not e.label]
        return values[0] if len(values) == 1 else None
    leaf = axis.match(labels[-1], fuzzy=True)
    if leaf is None:
        return None
    context = set()
    for text in labels[:-1]:
        m = axis.match(text)
        if m:
            context.update(e.key for e in m.entries)
    values = Match(tuple(e for e in leaf.entries if e.is_value), leaf.quality, leaf.text)
    chosen = axis.resolve(values, context) if values.entries else []
    return chosen[0] if len(chosen) == 1 else None


def _describe(record: dict) -> str:
    parts = [str(record.get("table") or "")]
    for key in ("row", "column"):
        labels = record.get(key)
        if isinstance(labels, list):
            parts.append(" / ".join(str(t) for t in labels if t))
    return " | ".join(p for p in parts if p)[:120]
