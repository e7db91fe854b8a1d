"""Editions of the report, read from data files.

An edition file (``forms/editions/<id>.json``, or one more in the user's data folder) declares the
report's sections, its tables with rows, columns, merges and units, which cells are computed and
from what, and the check rules.  This module reads and validates such a file and turns it into an
immutable :class:`Edition`; nothing here knows any particular edition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .paths import user_editions_dir

SCHEMA = "nianbao-edition/1"
BUILTIN_DIR = Path(__file__).with_name("editions")
KINDS = ("count", "signed", "money")
LAYOUTS = ("matrix", "blocks", "list")
RULE_TYPES = ("equal", "le", "share", "text_similarity", "text_length",
              "declared_totals", "values", "labels", "year",
              "text_numbers", "fee_statement")


class EditionError(ValueError):
    """An edition file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class Node:
    """A row or a column of a table: a label in the label hierarchy."""
    key: str
    label: str
    level: int
    path: tuple[str, ...]
    is_value: bool            # carries values (a leaf of the hierarchy, or a list row with a unit)
    kind: str | None = None
    unit: str | None = None
    sum: tuple[str, ...] = ()
    rule: str | None = None
    span: int = 1
    block: int | None = None  # index of the block (layout "blocks")


@dataclass(frozen=True)
class CellSpec:
    id: str
    table: str
    row: Node
    column: Node
    kind: str
    unit: str | None
    terms: tuple[str, ...] | None  # the cells it sums, when computed
    rule: str | None
    where: str = ""                # 「表三 （三）不予公开 1.属于国家秘密 / 自然人」, for messages

    @property
    def computed(self) -> bool:
        return self.terms is not None


@dataclass(frozen=True)
class Block:
    label: str
    header: str
    rows: tuple[Node, ...]
    columns: tuple[Node, ...]


@dataclass
class Table:
    id: str
    name: str
    title: str
    layout: str
    orientation: str
    rows: tuple[Node, ...]
    columns: tuple[Node, ...]
    cells: tuple[CellSpec, ...]
    widths: tuple[float, ...] = ()
    corner: str = ""
    label_columns: int = 0
    label_header: str = ""
    unit_header: str = ""
    value_columns: int = 0
    blocks: tuple[Block, ...] = ()
    _by_pos: dict = field(default_factory=dict, repr=False)

    def cell(self, row_key: str, col_key: str) -> CellSpec | None:
        return self._by_pos.get((row_key, col_key))

    def row(self, key: str) -> Node:
        return next(r for r in self.rows if r.key == key)

    def value_columns_for(self, row: Node) -> tuple[Node, ...]:
        if self.layout == "blocks":
            return self.blocks[row.block].columns
        return tuple(c for c in self.columns if c.is_value)


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    tables: tuple[str, ...] = ()
    placeholder: str = ""
    heading_editable: bool = False   # the unit chooses its own heading (2014)
    fee_statement: bool = False      # the section must state the 信息处理费 charged (R9)


@dataclass(frozen=True)
class Attachment:
    label: str
    table: str
    signature_block: bool = False


@dataclass(frozen=True)
class Term:
    cell: str
    sign: int = 1
    previous: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    type: str
    message: str = ""
    left: tuple[Term, ...] = ()
    right: tuple[Term, ...] = ()
    column_label: str = ""
    section: str = ""
    limit: float = 0.0
    when: str = ""
    # Last year's terms count at least 0: an estimate such as 「上年未办结 = 上年收到 − 上年办结」 is
    # negative when last year finished cases carried in from the year before.
    clamp_previous: bool = False
    # text_numbers, fee_statement (forms/textrules.py): the quantities a narrative may state and
    # the words that make a phrase speak of a part (「自然人」) rather than of the whole.
    quantities: tuple = ()
    qualifiers: tuple[str, ...] = ()

    @property
    def needs_previous(self) -> bool:
        return self.type == "text_similarity" or any(t.previous for t in self.left + self.right)


@dataclass
class Edition:
    id: str
    name: str
    instrument: str
    years: tuple[int | None, int | None]
    sections: tuple[Section, ...]
    attachments: tuple[Attachment, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    source: str
    cells: dict[str, CellSpec] = field(default_factory=dict, repr=False)
    # For each typed cell: the computed cells to refresh after it changes, in dependency order.
    affected: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def input_cells(self) -> list[CellSpec]:
        return [c for c in self.cells.values() if not c.computed]

    def covers(self, year: int) -> bool:
        start, end = self.years
        return (start is None or year >= start) and (end is None or year <= end)


# --------------------------------------------------------------------------- parsing

class _Reader:
    """Reads one edition file, collecting the place of each fault for the message."""

    def __init__(self, source: str, compile_patterns: bool = True):
        self.source = source
        self.compile_patterns = compile_patterns   # R8's phrasings now, or when first used

    def fail(self, where: str, what: str) -> EditionError:
        return EditionError(f"版式文件 {self.source} 有误：{where}{what}")

    def get(self, obj: dict, key: str, typ, where: str, default=...):
        if not isinstance(obj, dict):
            raise self.fail(where, "应为一个对象（{…}）")
        if key not in obj:
            if default is ...:
                raise self.fail(where, f"缺少“{key}”")
            return default
        value = obj[key]
        # bool is an int to Python, never to an edition author: true is not a level or a limit
        if isinstance(value, bool) and typ is not bool or not isinstance(value, typ):
            raise self.fail(where, f"“{key}”的类型不对")
        return value


def _nodes(rd: _Reader, items, where: str, layout: str, axis: str, block: int | None = None,
           prefix: tuple[str, ...] = ()) -> tuple[Node, ...]:
    if not isinstance(items, list) or not items:
        raise rd.fail(where, f"“{axis}”应为非空列表")
    raw = []
    for i, item in enumerate(items):
        w = f"{where}{axis}[{i}]："
        key = rd.get(item, "key", str, w)
        if not re.fullmatch(r"[A-Za-z0-9_]+", key):
            raise rd.fail(w, f"键“{key}”只能由字母、数字和下划线组成")
        level = rd.get(item, "level", int, w, 0)
        if level < 0 or level > 5:
            raise rd.fail(w, "层级应在 0–5 之间")
        kind = rd.get(item, "kind", str, w, None)
        if kind is not None and kind not in KINDS:
            raise rd.fail(w, f"未知的数值类型“{kind}”")
        raw.append(dict(key=key, label=rd.get(item, "label", str, w), level=level, kind=kind,
                        unit=rd.get(item, "unit", str, w, None),
                        sum=tuple(rd.get(item, "sum", list, w, [])),
                        rule=rd.get(item, "rule", str, w, None),
                        span=rd.get(item, "span", int, w, 1),
                        heading=rd.get(item, "heading", bool, w, False)))
        if raw[-1]["span"] < 1:
            raise rd.fail(w, "跨度（span）应为正整数")
    nodes, stack = [], []
    for i, r in enumerate(raw):
        if i == 0 and r["level"] != 0:
            raise rd.fail(where, f"{axis}的第一项层级应为 0")
        if i and r["level"] > raw[i - 1]["level"] + 1:
            raise rd.fail(f"{where}{axis}[{i}]：", "层级跳级")
        del stack[r["level"]:]
        stack.append(r["label"])
        has_children = i + 1 < len(raw) and raw[i + 1]["level"] > r["level"]
        if layout == "list":
            is_value = not r["heading"]
        else:
            is_value = not has_children and not r["heading"]
        nodes.append(Node(key=r["key"], label=r["label"], level=r["level"],
                          path=prefix + tuple(stack), is_value=is_value, kind=r["kind"],
                          unit=r["unit"], sum=r["sum"], rule=r["rule"], span=r["span"], block=block))
    keys = [n.key for n in nodes]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise rd.fail(where, f"{axis}中的键重复：{'、'.join(sorted(dup))}")
    return tuple(nodes)


def _expand(rd: _Reader, nodes: tuple[Node, ...], refs, where: str) -> list[Node]:
    """Turns the keys of a sum into the value nodes they stand for (a group means its leaves)."""
    out = []
    for ref in refs:
        idx = next((i for i, n in enumerate(nodes) if n.key == ref), None)
        if idx is None:
            raise rd.fail(where, f"求和引用了不存在的“{ref}”")
        node = nodes[idx]
        if node.is_value:
            out.append(node)
            continue
        for n in nodes[idx + 1:]:
            if n.level <= node.level:
                break
            if n.is_value:
                out.append(n)
    return out


def _table(rd: _Reader, obj: dict, index: int) -> Table:
    where = f"tables[{index}]："
    tid = rd.get(obj, "id", str, where)
    where = f"表格“{tid}”："
    layout = rd.get(obj, "layout", str, where)
    if layout not in LAYOUTS:
        raise rd.fail(where, f"未知的版式“{layout}”")
    orientation = rd.get(obj, "orientation", str, where, "portrait")
    if orientation not in ("portrait", "landscape"):
        raise rd.fail(where, "orientation 应为 portrait 或 landscape")
    blocks: list[Block] = []
    if layout == "blocks":
        rows, columns = [], []
        raw_blocks = rd.get(obj, "blocks", list, where)
        width = rd.get(obj, "value_columns", int, where)
        for b, blk in enumerate(raw_blocks):
            w = f"{where}blocks[{b}]："
            label = rd.get(blk, "label", str, w)
            cols = _nodes(rd, rd.get(blk, "columns", list, w), w, layout, "columns", b)
            brows = _nodes(rd, rd.get(blk, "rows", list, w), w, layout, "rows", b, (label,))
            if sum(c.span for c in cols) != width:
                raise rd.fail(w, f"各列跨度之和应为 {width}")
            blocks.append(Block(label, rd.get(blk, "header", str, w, "信息内容"), brows, cols))
            rows.extend(brows)
            columns.extend(cols)
        keys = [r.key for r in rows]
        if len(set(keys)) != len(keys):
            raise rd.fail(where, "不同信息块中的行键重复")
        rows, columns = tuple(rows), tuple(columns)
    else:
        rows = _nodes(rd, rd.get(obj, "rows", list, where), where, layout, "rows")
        columns = _nodes(rd, rd.get(obj, "columns", list, where), where, layout, "columns")
    widths = rd.get(obj, "widths", list, where, [])
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0 for x in widths):
        raise rd.fail(where, "widths 应为正数列表")
    table = Table(id=tid, name=rd.get(obj, "name", str, where), title=rd.get(obj, "title", str, where),
                  layout=layout, orientation=orientation, rows=rows, columns=columns, cells=(),
                  widths=tuple(widths),
                  corner=rd.get(obj, "corner", str, where, ""),
                  label_columns=rd.get(obj, "label_columns", int, where, 1),
                  label_header=rd.get(obj, "label_header", str, where, ""),
                  unit_header=rd.get(obj, "unit_header", str, where, ""),
                  value_columns=rd.get(obj, "value_columns", int, where, 0),
                  blocks=tuple(blocks))
    if layout == "matrix":
        # Each level of the row hierarchy needs a label column of its own, or the grid cannot be drawn.
        deepest = max(r.level for r in rows)
        if table.label_columns < 0 or table.label_columns and deepest >= table.label_columns:
            raise rd.fail(where, f"label_columns 应至少为 {deepest + 1}（行标签有 {deepest + 1} 层）")
        if not table.label_columns and sum(r.is_value for r in rows) > 1:
            raise rd.fail(where, "label_columns 为 0 时表格只能有一行数值")
    cells = []
    for row in rows:
        if not row.is_value:
            continue
        for col in table.value_columns_for(row):
            if not col.is_value:
                continue
            kind = col.kind or row.kind or "count"
            terms, rule = None, None
            if row.sum:
                terms = tuple(f"{tid}:{r.key}:{col.key}" for r in _expand(rd, rows, row.sum, where))
                rule = row.rule
            elif col.sum:
                peers = table.blocks[row.block].columns if layout == "blocks" else columns
                terms = tuple(f"{tid}:{row.key}:{c.key}" for c in _expand(rd, peers, col.sum, where))
                rule = col.rule
            cell = CellSpec(id=f"{tid}:{row.key}:{col.key}", table=tid, row=row, column=col,
                            kind=kind, unit=col.unit or row.unit, terms=terms, rule=rule,
                            where=_where(table, row, col))
            cells.append(cell)
            table._by_pos[(row.key, col.key)] = cell
    table.cells = tuple(cells)
    return table


def _where(table: Table, row: Node, col: Node) -> str:
    row_text = " ".join(p for p in row.path[-2:] if p)
    value_columns = [c for c in table.columns if c.is_value]
    same_label = [c for c in value_columns if c.label == col.label]
    if table.layout == "list":   # one value column needs no name; a variant's 本年度/历年累计 do
        col_text = col.label if len(value_columns) > 1 else ""
    else:
        col_text = " ".join(col.path[-2:] if len(same_label) > 1 else col.path[-1:])
    return f"{table.name} {row_text}{(' / ' + col_text) if col_text and row_text else col_text}".strip()


def _terms(rd: _Reader, items, where: str, tables: dict[str, Table]) -> list[tuple[int, bool, str, str, str]]:
    out = []
    for text in items:
        if not isinstance(text, str):
            raise rd.fail(where, "单元格引用应为字符串")
        m = re.fullmatch(r"(-)?(prev:)?([A-Za-z0-9_]+):([A-Za-z0-9_]+|\*):([A-Za-z0-9_]+|\*)", text)
        if not m:
            raise rd.fail(where, f"无法识别的单元格引用“{text}”")
        sign, prev, t, r, c = m.groups()
        if t not in tables:
            raise rd.fail(where, f"引用了不存在的表格“{t}”")
        out.append((-1 if sign else 1, bool(prev), t, r, c))
    return out


def _rules(rd: _Reader, items, tables: dict[str, Table], sections: set[str]) -> tuple[Rule, ...]:
    rules = []
    for i, obj in enumerate(items):
        where = f"rules[{i}]："
        rid = rd.get(obj, "id", str, where)
        severity = rd.get(obj, "severity", str, where)
        if severity not in ("error", "warning"):
            raise rd.fail(where, "severity 应为 error 或 warning")
        typ = rd.get(obj, "type", str, where)
        if typ not in RULE_TYPES:
            raise rd.fail(where, f"未知的规则类型“{typ}”")
        message = rd.get(obj, "message", str, where, "")
        base = dict(id=rid, severity=severity, type=typ, message=message,
                    when=rd.get(obj, "when", str, where, ""),
                    clamp_previous=rd.get(obj, "clamp_previous", bool, where, False))
        if typ in ("text_similarity", "text_length"):
            section = rd.get(obj, "section", str, where)
            if section not in sections:
                raise rd.fail(where, f"引用了不存在的章节“{section}”")
            rules.append(Rule(section=section, limit=float(rd.get(obj, "max", (int, float), where)), **base))
            continue
        if typ in ("equal", "le", "share"):
            lkey, rkey = ("part", "whole") if typ == "share" else ("left", "right")
            left = _terms(rd, rd.get(obj, lkey, list, where), where, tables)
            right = _terms(rd, rd.get(obj, rkey, list, where), where, tables)
            limit = float(rd.get(obj, "max", (int, float), where)) if typ == "share" else 0.0
            for column, bound in _wildcards(rd, left + right, tables, where):
                def resolve(terms):
                    out = []
                    for sign, prev, t, r, c in terms:
                        r, c = (bound if r == "*" else r), (bound if c == "*" else c)
                        if prev:   # the previous report's edition is only known at check time
                            out.append(Term(f"{t}:{r}:{c}", sign, True))
                            continue
                        out.extend(Term(cid, sign) for cid in _cells_of(rd, tables[t], r, c, where))
                    return tuple(out)
                rules.append(Rule(left=resolve(left), right=resolve(right), column_label=column,
                                  limit=limit, **base))
            continue
        if typ in ("text_numbers", "fee_statement"):
            from .textrules import parse_text_rule
            rules.append(Rule(**base, **parse_text_rule(rd, obj, where, tables, sections)))
            continue
        rules.append(Rule(**base))
    return tuple(rules)


def _cells_of(rd: _Reader, table: Table, row_key: str, col_key: str, where: str) -> list[str]:
    """The cells a reference stands for: a group row or column means all the cells under it."""
    if table.cell(row_key, col_key):
        return [table.cell(row_key, col_key).id]
    columns = table.columns
    rows = _expand(rd, table.rows, [row_key], where)
    out = []
    for row in rows:
        if table.layout == "blocks":
            columns = table.blocks[row.block].columns
        for col in _expand(rd, columns, [col_key], where):
            if table.cell(row.key, col.key):
                out.append(table.cell(row.key, col.key).id)
    if not out:
        raise rd.fail(where, f"引用了不存在的单元格“{table.id}:{row_key}:{col_key}”")
    return out


def _wildcards(rd: _Reader, terms, tables: dict[str, Table], where: str):
    """Yields (label, key) for each column (or row) a ``*`` stands for; once if there is none."""
    starred = [(t, r, c) for _, _, t, r, c in terms if "*" in (r, c)]
    if not starred:
        yield "", None
        return
    t, r, c = starred[0]
    table = tables[t]
    if c == "*":
        cols = [col for col in table.columns if col.is_value]
        for col in cols:
            yield col.label, col.key
    else:
        for row in table.rows:
            if row.is_value:
                yield row.label, row.key


def _dependencies(rd: _Reader, cells: dict[str, CellSpec]) -> dict[str, tuple[str, ...]]:
    dependents: dict[str, list[str]] = {cid: [] for cid in cells}
    for cell in cells.values():
        for term in cell.terms or ():
            if term not in cells:
                raise rd.fail(f"单元格“{cell.id}”：", f"求和引用了不存在的单元格“{term}”")
            dependents[term].append(cell.id)
    order: list[str] = []   # topological order of computed cells
    state: dict[str, int] = {}

    def visit(cid: str):
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            raise rd.fail(f"单元格“{cid}”：", "求和关系循环引用")
        state[cid] = 1
        for term in cells[cid].terms or ():
            visit(term)
        state[cid] = 2
        if cells[cid].computed:
            order.append(cid)

    for cid in cells:
        visit(cid)
    rank = {cid: i for i, cid in enumerate(order)}
    affected = {}
    for cid, cell in cells.items():
        seen, todo = set(), list(dependents[cid])
        while todo:
            d = todo.pop()
            if d not in seen:
                seen.add(d)
                todo.extend(dependents[d])
        affected[cid] = tuple(sorted(seen, key=rank.__getitem__))
    return affected


def parse_edition(data, source: str, compile_patterns: bool = True) -> Edition:
    """``compile_patterns=False`` leaves R8's phrasings to be compiled when first used: for the
    official editions, whose phrasings the tests compile, so that start-up does not."""
    rd = _Reader(source, compile_patterns)
    if not isinstance(data, dict):
        raise rd.fail("", "顶层应为一个对象")
    if data.get("schema") != SCHEMA:
        raise rd.fail("", f"schema 应为“{SCHEMA}”")
    eid = rd.get(data, "id", str, "")
    years = rd.get(data, "years", list, "")
    if len(years) != 2 or any(y is not None and (not isinstance(y, int) or isinstance(y, bool)) for y in years):
        raise rd.fail("", "years 应为 [起始年度或 null, 截止年度或 null]")
    if None not in years and years[0] > years[1]:
        raise rd.fail("", "years 的起始年度晚于截止年度")
    sections = []
    for i, s in enumerate(rd.get(data, "sections", list, "")):
        w = f"sections[{i}]："
        section_tables = rd.get(s, "tables", list, w, [])
        if not all(isinstance(t, str) for t in section_tables):
            raise rd.fail(w, "tables 应为表格 id（字符串）的列表")
        sections.append(Section(id=rd.get(s, "id", str, w), heading=rd.get(s, "heading", str, w),
                                tables=tuple(section_tables),
                                placeholder=rd.get(s, "placeholder", str, w, ""),
                                heading_editable=rd.get(s, "heading_editable", bool, w, False),
                                fee_statement=rd.get(s, "fee_statement", bool, w, False)))
    if len({s.id for s in sections}) != len(sections):
        raise rd.fail("", "章节 id 重复")
    tables = [_table(rd, t, i) for i, t in enumerate(rd.get(data, "tables", list, ""))]
    by_id = {t.id: t for t in tables}
    if len(by_id) != len(tables):
        raise rd.fail("", "表格 id 重复")
    attachments = []
    for i, a in enumerate(rd.get(data, "attachments", list, "", [])):
        w = f"attachments[{i}]："
        attachments.append(Attachment(rd.get(a, "label", str, w), rd.get(a, "table", str, w),
                                      rd.get(a, "signature_block", bool, w, False)))
    placed = [t for s in sections for t in s.tables] + [a.table for a in attachments]
    for t in placed:
        if t not in by_id:
            raise rd.fail("", f"章节或附件引用了不存在的表格“{t}”")
    for t in by_id:
        if t not in placed:
            raise rd.fail("", f"表格“{t}”没有放在任何章节或附件中")
    cells = {c.id: c for t in tables for c in t.cells}
    affected = _dependencies(rd, cells)
    rules = _rules(rd, rd.get(data, "rules", list, ""), by_id, {s.id for s in sections})
    return Edition(id=eid, name=rd.get(data, "name", str, ""), instrument=rd.get(data, "instrument", str, "", ""),
                   years=(years[0], years[1]), sections=tuple(sections), attachments=tuple(attachments),
                   tables=tuple(tables), rules=rules, source=source, cells=cells, affected=affected)


def load_edition_file(path: Path, official: bool = False) -> Edition:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise EditionError(f"无法读取版式文件 {path}：不是 UTF-8 文本") from None
    except IsADirectoryError:
        raise EditionError(f"无法读取版式文件 {path}：这是一个文件夹") from None
    except OSError as exc:
        raise EditionError(f"无法读取版式文件 {path}：{exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EditionError(f"版式文件 {path} 有误：第 {exc.lineno} 行第 {exc.colno} 列不是有效的 JSON") from None
    except (RecursionError, ValueError):
        raise EditionError(f"版式文件 {path} 有误：嵌套过深或数值无法读取，不是有效的版式") from None
    try:
        edition = parse_edition(data, str(path), compile_patterns=not official)
    except RecursionError:   # a chain of sums thousands deep: no report table is like that
        raise EditionError(f"版式文件 {path} 有误：求和关系层层嵌套过深") from None
    if Path(path).stem != edition.id:
        raise EditionError(f"版式文件 {path} 有误：文件名应与其 id“{edition.id}”一致")
    return edition


# --------------------------------------------------------------------------- registry

_cache: dict[str, Edition] = {}


def _edition_paths() -> dict[str, Path]:
    paths = {p.stem: p for p in sorted(BUILTIN_DIR.glob("*.json"))}
    extra = user_editions_dir()
    if extra.is_dir():
        for p in sorted(extra.glob("*.json")):
            paths.setdefault(p.stem, p)   # a user file never replaces an official edition
    return paths


def available_editions() -> list[str]:
    """Ids of all editions: the official ones first (newest first), then the user's own."""
    paths = _edition_paths()
    official = sorted((k for k, p in paths.items() if p.parent == BUILTIN_DIR), reverse=True)
    return official + sorted(k for k in paths if k not in official)


def get_edition(edition_id: str) -> Edition:
    if edition_id in _cache:
        return _cache[edition_id]
    path = _edition_paths().get(edition_id)
    if path is None:
        raise EditionError(f"没有名为“{edition_id}”的版式（可用：{'、'.join(available_editions())}）")
    edition = load_edition_file(path, official=path.parent == BUILTIN_DIR)
    _cache[edition_id] = edition
    return edition


def edition_problems() -> list[str]:
    """Messages for user edition files that cannot be loaded (shown, never fatal)."""
    out = []
    for eid in available_editions():
        try:
            get_edition(eid)
        except EditionError as exc:
            out.append(str(exc))
    extra = user_editions_dir()
    if extra.is_dir():   # a clerk's copy of an official edition is ignored: say so, or it looks broken
        for p in sorted(extra.glob("*.json")):
            if (BUILTIN_DIR / p.name).exists():
                out.append(f"版式文件 {p} 与官方版式“{p.stem}”同名，已忽略；如是本地变体，请改用其他文件名和 id")
    return out


def default_edition_for(year: int) -> str:
    if year <= 2018:
        return "2014"
    if year <= 2020:
        return "2019"
    return "2021"


def clear_cache() -> None:
    _cache.clear()

