"""Editions as data: every label, merge, unit and sum against the spec; malformed files refused.

The expected labels are parsed out of the spec's editions.md (tests/forms/spec_parser.py), not
copied by hand, so a label mistyped in an edition file fails here character for character.
"""

import copy
import json
import re
from decimal import Decimal

import pytest

from forms.edition import (BUILTIN_DIR, EditionError, available_editions, clear_cache,
                           default_edition_for, edition_problems, get_edition, load_edition_file,
                           parse_edition)
from forms.layout import grid_of
from forms.paths import user_editions_dir
from forms.report import Report
from tests.forms import spec_parser

SPEC = spec_parser.parse()


def _value_row_paths(table):
    return [tuple(p for p in r.path if p) for r in table.rows if r.is_value]


def _value_column_paths(table):
    return [c.path for c in table.columns if c.is_value]


def _a1(ref: str) -> tuple[int, int, int, int]:
    """「B8:B15」 → (row, col, rowspan, colspan), zero-based."""
    start, end = ref.split(":")
    (c0, r0), (c1, r1) = [(ord(x[0]) - 65, int(x[1:]) - 1) for x in (start, end)]
    return r0, c0, r1 - r0 + 1, c1 - c0 + 1


# ----------------------------------------------------------------------------- the spec copy

def test_spec_copy_is_current():
    if not spec_parser.SPEC_ORIGINAL.exists():
        pytest.skip("the shared spec folder is not on this machine")
    assert spec_parser.SPEC_COPY.read_text(encoding="utf-8") == \
        spec_parser.SPEC_ORIGINAL.read_text(encoding="utf-8")


def test_old_edition_sections_are_the_seeds_headings():
    """2014: the unit chose its own headings; the edition offers the seed's (一、 without its year)."""
    sections = [s for s in get_edition("2014").sections if s.id != "opening"]
    assert len(SPEC["2014"].sections) == 6
    first, *rest = SPEC["2014"].sections
    assert [s.heading for s in sections[1:]] == rest
    assert re.fullmatch(first.replace("…", ".+"), sections[0].heading)
    assert sections[0].heading == "一、政府信息公开工作的总体情况"      # the seed's, less 「2017年度」
    assert all(s.heading_editable for s in sections) and not any(s.tables for s in sections)
    assert [a.label for a in get_edition("2014").attachments] == ["附件1"]


@pytest.mark.parametrize("eid", ["2021", "2019", "2014"])
def test_instrument_and_years_as_in_the_spec(eid):
    edition = get_edition(eid)
    quoted = SPEC[eid].instrument.split(" ")[0]          # 2014: the English description is dropped
    assert re.fullmatch(re.escape(quoted).replace("…", ".+") + (".*" if quoted != SPEC[eid].instrument else ""),
                        edition.instrument), (quoted, edition.instrument)
    assert edition.years == SPEC[eid].years
    assert quoted.split("《")[0] in edition.name           # the 号 shows in the edition's name too


def test_parser_finds_the_whole_spec():
    # A parser that silently found nothing would make every comparison below vacuous.
    assert len(SPEC["2021"].t3_rows) == 25 and len(SPEC["2019"].t3_rows) == 23
    assert len(SPEC["2021"].t3_columns) == 7 and len(SPEC["2021"].t4_columns) == 15
    assert [len(b.rows) for b in SPEC["2021"].t2] == [2, 1, 2, 1]
    assert [len(b.rows) for b in SPEC["2019"].t2] == [2, 2, 2, 1, 1]
    assert len(SPEC["2014"].list_rows) == 65
    assert sum(1 for r in SPEC["2014"].list_rows if r[2] != "——") == 58


# ----------------------------------------------------------------------------- labels

@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_sections_are_the_template_headings(eid):
    edition = get_edition(eid)
    assert [s.heading for s in edition.sections if s.id != "opening"] == SPEC[eid].sections
    assert [s.tables for s in edition.sections if s.tables] == [("t2",), ("t3",), ("t4",)]
    assert edition.section("s6").placeholder == "（文字描述，收取信息处理费情况在此处报告。）"


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_two_blocks_rows_and_columns(eid):
    t2 = get_edition(eid).table("t2")
    assert (t2.name, t2.title, t2.layout) == ("表二", "主动公开政府信息情况", "blocks")
    spec_blocks = SPEC[eid].t2
    assert [b.label for b in t2.blocks] == [b.label for b in spec_blocks]
    for block, spec in zip(t2.blocks, spec_blocks):
        assert block.header == "信息内容"
        assert [r.label for r in block.rows] == spec.rows
        assert [c.label for c in block.columns] == spec.columns
        if spec.spans:
            assert [c.span for c in block.columns] == spec.spans
        for row in block.rows:
            for col in block.columns:
                cell = t2.cell(row.key, col.key)
                assert cell is not None and not cell.computed


def test_table_two_kinds_2021():
    t2 = get_edition("2021").table("t2")
    kinds = {c.where: c.kind for c in t2.cells}
    for block, spec in zip(t2.blocks, SPEC["2021"].t2):
        want = "money" if spec.kinds[0] == "decimal" else "count"
        for row in block.rows:
            for col in block.columns:
                assert t2.cell(row.key, col.key).kind == want
    assert sorted(set(kinds.values())) == ["count", "money"]


def test_table_two_kinds_2019():
    t2 = get_edition("2019").table("t2")
    for cell in t2.cells:
        if cell.column.label == "本年增/减":
            assert cell.kind == "signed"
        elif cell.column.label == "采购总金额":
            assert cell.kind == "money" and cell.unit == "万元"
        else:
            assert cell.kind == "count"


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_three_labels(eid):
    t3 = get_edition(eid).table("t3")
    assert (t3.name, t3.title, t3.corner) == ("表三", "收到和处理政府信息公开申请情况", SPEC[eid].t3_corner)
    assert _value_row_paths(t3) == SPEC[eid].t3_rows
    assert _value_column_paths(t3) == SPEC[eid].t3_columns
    assert all(c.kind == "count" for c in t3.cells)
    assert len(t3.cells) == len(SPEC[eid].t3_rows) * 7


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_four_labels(eid):
    t4 = get_edition(eid).table("t4")
    assert (t4.name, t4.title) == ("表四", "政府信息公开行政复议、行政诉讼情况")
    assert _value_column_paths(t4) == SPEC[eid].t4_columns
    assert len(t4.cells) == 15 and all(c.kind == "count" for c in t4.cells)


def test_old_table_rows_levels_and_units():
    edition = get_edition("2014")
    t1 = edition.table("t1")
    assert edition.attachments[0].label == "附件1" and edition.attachments[0].table == "t1"
    assert (t1.title, t1.label_header, t1.unit_header) == ("政府信息公开情况统计表", "统 计 指 标", "单位")
    assert [c.label for c in t1.columns if c.is_value] == ["统计数"]
    got = [(r.level, r.label, r.unit if r.is_value else "——") for r in t1.rows]
    assert got == SPEC["2014"].list_rows
    assert sum(r.is_value for r in t1.rows) == 58 and len(t1.rows) == 65
    for row in t1.rows:
        if row.is_value:
            cell = t1.cell(row.key, "v")
            assert cell.kind == ("money" if row.unit == "万元" else "count"), row.label
            assert cell.unit == row.unit


# ----------------------------------------------------------------------------- merges

def _grid_merges(table):
    grid = grid_of(table)
    return {(c.row, c.col, c.rowspan, c.colspan): c.text for c in grid.cells if c.role != "value"}


def _t3_merges_2019():
    spec = dict(SPEC["2021"].t3_merges)
    for ref in ("A6:A27", "B24:B26", "C24:C24", "C25:C25", "C26:C26", "B27:C27", "A28:C28"):
        del spec[ref]
    spec.update({"A6:A25": "三、本年度办理结果", "B24:C24": "（六）其他处理", "B25:C25": "（七）总计",
                 "A26:C26": "四、结转下年度继续办理"})
    return spec


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_three_grid_matches_the_spec_merges(eid):
    spec = SPEC["2021"].t3_merges if eid == "2021" else _t3_merges_2019()
    expected = {_a1(ref): label for ref, label in spec.items()}
    expected[_a1("A1:C3")] = SPEC[eid].t3_corner
    for i, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        expected[(2, 4 + i, 1, 1)] = label
    assert _grid_merges(get_edition(eid).table("t3")) == expected
    grid = grid_of(get_edition(eid).table("t3"))
    assert (grid.n_rows, grid.n_cols, grid.header_rows, grid.label_cols) == \
        (3 + len(SPEC[eid].t3_rows), 10, 3, 3)
    assert len(grid.value_cells()) == 7 * len(SPEC[eid].t3_rows)


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_four_grid_matches_the_spec_merges(eid):
    expected = {_a1("A1:E1"): "行政复议", _a1("F1:O1"): "行政诉讼",
                _a1("F2:J2"): "未经复议直接起诉", _a1("K2:O2"): "复议后起诉"}
    for i, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        expected[(1, i, 2, 1)] = label          # each merged over rows 2–3
        expected[(2, 5 + i, 1, 1)] = label
        expected[(2, 10 + i, 1, 1)] = label
    assert _grid_merges(get_edition(eid).table("t4")) == expected
    grid = grid_of(get_edition(eid).table("t4"))
    assert [(c.row, c.col) for c in grid.value_cells()] == [(3, i) for i in range(15)]


def test_table_two_grid_2021_matches_the_spec_rows():
    grid = grid_of(get_edition("2021").table("t2"))
    assert grid.n_rows == 14 and grid.n_cols == 4
    spec_lines = spec_parser._table_lines(spec_parser.SPEC_COPY.read_text(encoding="utf-8"),
                                          "| row | A | B | C | D |")
    for cells in spec_lines:
        r = int(cells[0]) - 1
        a, rest = cells[1], cells[2:]
        first = grid.at(r, 0)
        assert first.text == spec_parser._drop_notes(a)
        assert first.colspan == (4 if "(A:D merged)" in a else 1)
        if "(B:D merged)" in "".join(rest):
            b = grid.at(r, 1)
            assert (b.col, b.colspan) == (1, 3)
            assert b.role == ("value" if r not in (5, 8, 12) else "header")
        elif rest[0]:
            assert [grid.at(r, c).col for c in (1, 2, 3)] == [1, 2, 3]


def test_table_two_grid_2019_matches_the_spec_blocks():
    """Every block: its label over A:D, 信息内容 and the columns, then the rows; the 采购总金额 the
    template leaves without a unit says 万元 (editions.md: make the unit explicit)."""
    grid = grid_of(get_edition("2019").table("t2"))
    r = 0
    for block in SPEC["2019"].t2:
        assert (grid.at(r, 0).text, grid.at(r, 0).colspan) == (block.label, 4)
        header = [grid.at(r + 1, c) for c in range(4)]
        assert header[0].text == "信息内容"
        shown = list(dict.fromkeys((h.col, h.text) for h in header[1:]))
        want = [label + ("（单位：万元）" if label == "采购总金额" else "") for label in block.columns]
        assert [text for _, text in shown] == want
        for i, label in enumerate(block.rows, start=r + 2):
            assert grid.at(i, 0).text == label
            assert {grid.at(i, c).role for c in (1, 2, 3)} == {"value"}
        r += 2 + len(block.rows)
    assert grid.n_rows == r


def test_old_table_grid_has_every_row():
    grid = grid_of(get_edition("2014").table("t1"))
    assert grid.n_rows == 66 and grid.n_cols == 3
    assert [grid.at(0, c).text for c in range(3)] == ["统 计 指 标", "单位", "统计数"]
    for i, (level, label, unit) in enumerate(SPEC["2014"].list_rows, start=1):
        assert (grid.at(i, 0).text, grid.at(i, 0).level, grid.at(i, 1).text) == (label, level, unit)
        assert grid.at(i, 2).role == ("blank" if unit == "——" else "value")
    assert not grid.merges()


# ----------------------------------------------------------------------------- sums

def _labels_of(edition, cell_ids):
    return sorted(edition.cells[c].where for c in cell_ids)


@pytest.mark.parametrize("eid,results", [("2021", 21), ("2019", 19)])   # 2019: （六） is one row
def test_table_three_totals(eid, results):
    edition = get_edition(eid)
    t3 = edition.table("t3")
    value_rows = [r for r in t3.rows if r.is_value]
    value_cols = [c for c in t3.columns if c.is_value]
    result_rows = [r for r in value_rows if r.path[0] == "三、本年度办理结果" and r.key != "total"]
    assert len(result_rows) == results
    for col in value_cols:
        total = t3.cell("total", col.key)
        assert total.computed and total.rule == "R3"
        assert sorted(total.terms) == sorted(t3.cell(r.key, col.key).id for r in result_rows)
    for row in value_rows:
        if row.key == "total":
            continue
        total = t3.cell(row.key, "total")
        assert total.computed and total.rule == "R2"
        assert sorted(total.terms) == sorted(t3.cell(row.key, c.key).id for c in value_cols[:-1])
    computed = {c.id for c in t3.cells if c.computed}
    assert len(computed) == len(value_rows) + len(value_cols) - 1


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_table_four_totals(eid):
    t4 = get_edition(eid).table("t4")
    totals = [c for c in t4.cells if c.computed]
    assert [c.column.label for c in totals] == ["总计"] * 3
    for total in totals:
        group = [c for c in t4.cells if c.column.path[:-1] == total.column.path[:-1] and c is not total]
        assert [c.column.label for c in group] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]
        assert total.terms == tuple(c.id for c in group) and total.rule == "R4"


def test_table_two_has_no_computed_cells():
    for eid in ("2021", "2019"):
        assert not any(c.computed for c in get_edition(eid).table("t2").cells)


OLD_SUMS = {   # checks.md, edition 2014: parent row → the rows it is the sum of
    ("S1", "（一）收到申请数"): ["1.当面申请数", "2.传真申请数", "3.网络申请数", "4.信函申请数"],
    ("S2", "（二）申请办结数"): ["1.按时办结数", "2.延期办结数"],
    ("S3", "（三）申请答复数"): ["1.属于已主动公开范围数", "2.同意公开答复数", "3.同意部分公开答复数",
                           "4.不同意公开答复数", "5.不属于本行政机关公开数", "6.申请信息不存在数",
                           "7.告知作出更改补充数", "8.告知通过其他途径办理数"],
    ("S4", "四、行政复议数量"): ["（一）维持具体行政行为数", "（二）被依法纠错数", "（三）其他情形数"],
    ("S5", "五、行政诉讼数量"): ["（一）维持具体行政行为或者驳回原告诉讼请求数", "（二）被依法纠错数", "（三）其他情形数"],
    ("S6", "（三）从事政府信息公开工作人员数"): ["1.专职人员数（不包括政府公报及政府网站工作人员数）", "2.兼职人员数"],
}


def test_old_table_sums():
    edition = get_edition("2014")
    t1 = edition.table("t1")
    computed = [c for c in t1.cells if c.computed]
    assert sorted((c.rule, c.row.label) for c in computed) == sorted(OLD_SUMS)
    for cell in computed:
        parts = OLD_SUMS[(cell.rule, cell.row.label)]
        assert [edition.cells[t].row.label for t in cell.terms] == parts
        assert all(edition.cells[t].row.path[:-1] == cell.row.path for t in cell.terms)


# ----------------------------------------------------------------------------- rules

TEXT_RULES = {"R8", "R9"}   # text against tables: added and tested with the text checks


def _rule_ids(edition):
    return sorted({r.id for r in edition.rules} - TEXT_RULES)


def test_rule_sets_per_edition():
    for eid in ("2021", "2019"):
        assert _rule_ids(get_edition(eid)) == sorted(
            ["R1", "R2", "R5", "R6", "R7", "R10", "R11", "R12", "R13", "R14"])
    assert _rule_ids(get_edition("2014")) == sorted(
        ["S", "R5", "R11", "R12", "R14", "W1", "W2", "W3", "W4", "W5"])


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_r1_covers_each_of_the_seven_columns(eid):
    edition = get_edition(eid)
    r1 = [r for r in edition.rules if r.id == "R1"]
    assert [r.column_label for r in r1] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for rule in r1:
        left = [edition.cells[t.cell].row.label for t in rule.left]
        right = [edition.cells[t.cell].row.label for t in rule.right]
        assert left == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
        assert right == ["（七）总计", "四、结转下年度继续办理"]
        assert {edition.cells[t.cell].column.label for t in rule.left + rule.right} == {rule.column_label}
        assert rule.severity == "error"


@pytest.mark.parametrize("eid", ["2021", "2019"])
def test_r6_compares_with_last_years_carry_over(eid):
    r6 = [r for r in get_edition(eid).rules if r.id == "R6"]
    assert len(r6) == 7
    for rule in r6:
        assert [t.previous for t in rule.left] == [False] and [t.previous for t in rule.right] == [True]
        assert rule.right[0].cell.split(":")[1] == "next" and rule.left[0].cell.split(":")[1] == "carry"


def test_severities_follow_checks_md():
    for eid in ("2021", "2019", "2014"):
        for rule in get_edition(eid).rules:
            if rule.id in TEXT_RULES:
                continue
            want = "warning" if rule.id in ("R7", "R10", "R12", "R13") or rule.id.startswith("W") else "error"
            assert rule.severity == want, (eid, rule.id)


# ----------------------------------------------------------------------------- default edition

@pytest.mark.parametrize("year,edition", [(2008, "2014"), (2017, "2014"), (2018, "2014"), (2019, "2019"),
                                          (2020, "2019"), (2021, "2021"), (2025, "2021"), (2030, "2021")])
def test_default_edition_by_year(year, edition):
    assert default_edition_for(year) == edition
    assert get_edition(edition).covers(year)


def test_editions_cover_disjoint_years():
    for year in range(2008, 2040):
        assert [e for e in ("2014", "2019", "2021") if get_edition(e).covers(year)] == [default_edition_for(year)]


def test_available_editions_official_first():
    assert available_editions()[:3] == ["2021", "2019", "2014"]


# ----------------------------------------------------------------------------- malformed files

def _official(eid="2021"):
    return json.loads((BUILTIN_DIR / f"{eid}.json").read_text(encoding="utf-8"))


def _t3(data):
    return next(t for t in data["tables"] if t["id"] == "t3")


def _row(data, key):
    return next(r for r in _t3(data)["rows"] if r["key"] == key)


def _rule(data, rid):
    return next(r for r in data["rules"] if r["id"] == rid)


def _mutations():
    def m(fn):
        data = _official()
        fn(data)
        return data

    def pop(key):
        return lambda d: d.pop(key)

    return [
        ("top level list", [], "顶层应为一个对象"),
        ("wrong schema", m(lambda d: d.update(schema="nianbao-edition/9")), "schema"),
        ("missing id", m(pop("id")), "缺少“id”"),
        ("id not a string", m(lambda d: d.update(id=2021)), "“id”的类型不对"),
        ("years malformed", m(lambda d: d.update(years=[2021])), "years"),
        ("years reversed", m(lambda d: d.update(years=[2022, 2019])), "起始年度"),
        ("missing tables", m(pop("tables")), "缺少“tables”"),
        ("unknown layout", m(lambda d: _t3(d).update(layout="pivot")), "未知的版式“pivot”"),
        ("bad orientation", m(lambda d: _t3(d).update(orientation="sideways")), "orientation"),
        ("empty rows", m(lambda d: _t3(d).update(rows=[])), "“rows”应为非空列表"),
        ("row not an object", m(lambda d: _t3(d)["rows"].insert(0, "一、本年新收")), "应为一个对象"),
        ("missing label", m(lambda d: _row(d, "carry").pop("label")), "缺少“label”"),
        ("bad key", m(lambda d: _row(d, "carry").update(key="上年")), "只能由字母、数字和下划线组成"),
        ("duplicate key", m(lambda d: _row(d, "carry").update(key="new")), "键重复：new"),
        ("level jump", m(lambda d: _row(d, "open").update(level=3)), "层级跳级"),
        ("negative level", m(lambda d: _row(d, "open").update(level=-1)), "层级应在 0–5 之间"),
        ("bool level", m(lambda d: _row(d, "open").update(level=True)), "“level”的类型不对"),
        ("unknown kind", m(lambda d: _row(d, "open").update(kind="float")), "未知的数值类型“float”"),
        ("sum of unknown row", m(lambda d: _row(d, "total").update(sum=["open", "nosuch"])), "“nosuch”"),
        ("self sum", m(lambda d: _row(d, "total").update(sum=["open", "total"])), "循环引用"),
        ("cyclic sum", m(lambda d: (_row(d, "next").update(sum=["carry"]), _row(d, "carry").update(sum=["next"]))),
         "循环引用"),
        ("bad span", m(lambda d: d["tables"][0]["blocks"][1]["columns"][0].update(span=0)), "跨度"),
        ("block width", m(lambda d: d["tables"][0]["blocks"][1]["columns"][0].update(span=2)), "各列跨度之和应为 3"),
        ("widths not numbers", m(lambda d: _t3(d).update(widths=["wide"] * 10)), "widths"),
        ("too few label columns", m(lambda d: _t3(d).update(label_columns=2)), "label_columns"),
        ("section table unknown", m(lambda d: d["sections"][2].update(tables=["t9"])), "不存在的表格“t9”"),
        ("section table not text", m(lambda d: d["sections"][2].update(tables=[["t2"]])), "tables"),
        ("duplicate section", m(lambda d: d["sections"][2].update(id="s1")), "章节 id 重复"),
        ("table not placed", m(lambda d: d["sections"][2].update(tables=[])), "没有放在任何章节或附件中"),
        ("duplicate table id", m(lambda d: d["tables"][1].update(id="t2")), "表格 id 重复"),
        ("unknown rule type", m(lambda d: d["rules"][0].update(type="magic")), "未知的规则类型“magic”"),
        ("bad severity", m(lambda d: d["rules"][0].update(severity="fatal")), "severity"),
        ("rule cell unknown", m(lambda d: _rule(d, "R1").update(left=["t3:nosuch:natural"])), "nosuch"),
        ("rule table unknown", m(lambda d: _rule(d, "R1").update(left=["t8:new:natural"])), "不存在的表格“t8”"),
        ("rule reference garbage", m(lambda d: _rule(d, "R1").update(left=["t3 new natural"])), "无法识别的单元格引用"),
        ("rule reference not text", m(lambda d: _rule(d, "R1").update(left=[3])), "单元格引用应为字符串"),
        ("rule section unknown", m(lambda d: _rule(d, "R13").update(section="s9")), "不存在的章节“s9”"),
        ("rule max not a number", m(lambda d: _rule(d, "R13").update(max=True)), "“max”的类型不对"),
    ]


@pytest.mark.parametrize("name,data,fault", _mutations(), ids=[m[0] for m in _mutations()])
def test_malformed_edition_is_refused_naming_file_and_fault(name, data, fault, tmp_path):
    path = tmp_path / "2021.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        load_edition_file(path)
    message = str(info.value)
    assert str(path) in message and fault in message


def test_unmutated_copy_loads(tmp_path):
    # The mutations above start from this: if it did not load, they would prove nothing.
    path = tmp_path / "2021.json"
    path.write_text(json.dumps(_official(), ensure_ascii=False), encoding="utf-8")
    assert len(load_edition_file(path).cells) == len(get_edition("2021").cells)


@pytest.mark.parametrize("content,fault", [
    (b"{\"schema\": ", "不是有效的 JSON"),
    (b"", "不是有效的 JSON"),
    (b"\xff\xfe{\x00}\x00", "无法读取"),
])
def test_unreadable_edition_file(tmp_path, content, fault):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(EditionError) as info:
        load_edition_file(path)
    assert str(path) in str(info.value) and fault in str(info.value)


def test_deeply_nested_edition_file(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    with pytest.raises(EditionError, match="嵌套过深"):
        load_edition_file(path)


def test_edition_with_a_chain_of_sums_thousands_deep(tmp_path):
    rows = [{"key": f"r{i}", "label": f"第{i}行", "unit": "件", **({"sum": [f"r{i + 1}"]} if i < 3999 else {})}
            for i in range(4000)]
    data = {"schema": "nianbao-edition/1", "id": "chain", "name": "链", "years": [None, None],
            "sections": [{"id": "s1", "heading": "一、"}], "attachments": [{"label": "附件", "table": "t1"}],
            "tables": [{"id": "t1", "name": "表", "title": "表", "layout": "list",
                        "columns": [{"key": "v", "label": "数"}], "rows": rows}], "rules": []}
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EditionError, match="嵌套过深"):
        load_edition_file(path)


def test_edition_file_that_is_a_folder(tmp_path):
    (tmp_path / "x.json").mkdir()
    with pytest.raises(EditionError) as info:
        load_edition_file(tmp_path / "x.json")
    assert "无法读取版式文件" in str(info.value)


def test_file_name_must_match_id(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps(_official(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EditionError, match="文件名应与其 id“2021”一致"):
        load_edition_file(path)


def test_unknown_edition_names_the_available_ones():
    with pytest.raises(EditionError) as info:
        get_edition("1999")
    assert "“1999”" in str(info.value) and "2021、2019、2014" in str(info.value)


# ----------------------------------------------------------------------------- user editions

FUJIAN = {
    "schema": "nianbao-edition/1",
    "id": "fujian2014",
    "name": "福建省政府信息公开情况统计表（示例）",
    "years": [None, 2018],
    "sections": [{"id": "opening", "heading": ""}, {"id": "s1", "heading": "一、概述"}],
    "attachments": [{"label": "附件", "table": "t1", "signature_block": True}],
    "tables": [{
        "id": "t1", "name": "统计表", "title": "政府信息公开情况统计表", "layout": "list",
        "label_header": "统计指标", "unit_header": "单位",
        "columns": [{"key": "year", "label": "本年度"}, {"key": "all", "label": "历年累计"}],
        "rows": [
            {"key": "h1", "label": "一、主动公开情况", "heading": True},
            {"key": "docs", "label": "主动公开文件数", "level": 1, "unit": "件",
             "sum": ["web", "gazette"], "rule": "F1"},
            {"key": "web", "label": "其中：1、政府网站公开数", "level": 2, "unit": "件"},
            {"key": "gazette", "label": "2、政府公报公开数", "level": 2, "unit": "件"},
            {"key": "fee", "label": "二、收取费用", "unit": "万元", "kind": "money"},
        ],
    }],
    "rules": [
        {"id": "S", "severity": "error", "type": "declared_totals"},
        {"id": "R5", "severity": "error", "type": "values"},
        {"id": "F2", "severity": "warning", "type": "le", "left": ["t1:*:year"], "right": ["t1:*:all"],
         "message": "“{col}”本年度数 {left} 大于历年累计数 {right}。"},
    ],
}


def _install_user_edition(data, name=None):
    folder = user_editions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name or data['id']}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    clear_cache()


def test_user_edition_is_picked_up_and_works():
    _install_user_edition(FUJIAN)
    assert available_editions() == ["2021", "2019", "2014", "fujian2014"]
    edition = get_edition("fujian2014")
    t1 = edition.table("t1")
    assert [c.label for c in t1.columns] == ["本年度", "历年累计"]
    assert sorted(edition.cells) == sorted(f"t1:{r}:{c}" for r in ("docs", "web", "gazette", "fee")
                                           for c in ("year", "all"))
    # the two columns of a row are told apart in messages
    assert edition.cells["t1:web:year"].where != edition.cells["t1:web:all"].where
    assert "历年累计" in edition.cells["t1:web:all"].where

    report = Report.new("fujian2014", 2016, "某县人民政府")
    report.set_many({"t1:web:year": 5, "t1:gazette:year": 2, "t1:web:all": 40, "t1:gazette:all": 1,
                     "t1:fee:year": Decimal("0.5"), "t1:fee:all": 3})
    assert report.value("t1:docs:year") == 7 and report.value("t1:docs:all") == 41
    grid = grid_of(t1)
    assert [grid.at(0, c).text for c in range(4)] == ["统计指标", "单位", "本年度", "历年累计"]

    from forms.checks import run_checks
    findings = run_checks(report)
    assert [(f.rule, f.cells) for f in findings] == [("F2", ("t1:gazette:year", "t1:gazette:all"))]


def test_user_file_never_replaces_an_official_edition():
    data = copy.deepcopy(FUJIAN)
    data["id"] = "2021"
    _install_user_edition(data)
    assert get_edition("2021").source == str(BUILTIN_DIR / "2021.json")
    assert available_editions().count("2021") == 1
    problems = edition_problems()
    assert len(problems) == 1 and "与官方版式“2021”同名，已忽略" in problems[0]


def test_broken_user_edition_is_reported_not_fatal():
    folder = user_editions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    _install_user_edition(FUJIAN)
    assert "broken" in available_editions()
    problems = edition_problems()
    assert len(problems) == 1 and "broken.json" in problems[0]
    assert get_edition("fujian2014").id == "fujian2014"
    with pytest.raises(EditionError):
        get_edition("broken")


def test_every_official_edition_parses_the_same_twice():
    for eid in ("2021", "2019", "2014"):
        again = parse_edition(_official(eid), f"{eid}.json")
        assert sorted(again.cells) == sorted(get_edition(eid).cells)
        assert again.affected == get_edition(eid).affected


def test_affected_lists_each_dependent_total_once_in_order():
    edition = get_edition("2021")
    affected = edition.affected["t3:deny_1:natural"]
    assert set(affected) == {"t3:deny_1:total", "t3:total:natural", "t3:total:total"}
    assert affected[-1] == "t3:total:total"
    for cid, deps in edition.affected.items():
        assert len(deps) == len(set(deps))
        for d in deps:
            assert edition.cells[d].computed
        position = {d: i for i, d in enumerate(deps)}
        for d in deps:   # a total comes after every total it is made of
            for t in edition.cells[d].terms:
                if t in position:
                    assert position[t] < position[d]


def test_where_names_table_row_and_column():
    cells = get_edition("2021").cells
    assert cells["t3:deny_1:natural"].where == "表三 （三）不予公开 1.属于国家秘密 / 自然人"
    assert cells["t4:n:direct_keep"].where == "表四 未经复议直接起诉 结果维持"
    assert re.fullmatch(r"表二 第二十条第（一）项 规章 / 本年制发件数", cells["t2:rules:issued"].where)


def test_randomly_damaged_editions_fail_only_with_edition_error():
    """Hundreds of random damages to the official files: each is refused with EditionError or, if
    still valid, gives an edition whose grids, reports and checks all work."""
    import random

    from forms.checks import run_checks

    rng = random.Random(7)
    bases = [_official(eid) for eid in ("2021", "2019", "2014")]
    junk = [None, True, 0, -1, 7, 1.5, "", "x", "t3", [], [1], ["x"], {}, {"a": 1}, "new", "*", "t3:new:*"]

    def places(obj, prefix=()):
        if prefix:
            yield prefix
        children = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
        for k, v in children:
            yield from places(v, prefix + (k,))

    parsed = 0
    for _ in range(400):
        data = copy.deepcopy(rng.choice(bases))
        spots = list(places(data))
        for _ in range(rng.randint(1, 3)):
            *parents, last = rng.choice(spots)
            target = data
            try:
                for k in parents:
                    target = target[k]
                if isinstance(target, dict) and rng.random() < 0.3:
                    target.pop(last, None)
                else:
                    target[last] = copy.deepcopy(rng.choice(junk))
            except (KeyError, IndexError, TypeError):
                pass
        try:
            edition = parse_edition(data, "damaged.json")
        except EditionError as exc:
            assert "damaged.json" in str(exc)
            continue
        parsed += 1
        for table in edition.tables:
            grid_of(table)
        report = Report.new(edition, 2024, "某局")
        report.fill_blanks_with_zero()
        run_checks(report, previous=report)
    assert 0 < parsed < 400
