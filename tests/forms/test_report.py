"""The value store: any sequence of edits keeps every total equal to its definition.

The definition used here is read from the raw edition JSON with a walk of its own (a row's or
column's ``sum`` names keys; a group key stands for the value rows under it), not from the
``CellSpec.terms`` the store uses, so a fault in either shows as a disagreement.
"""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.edition import BUILTIN_DIR, get_edition
from forms.numbers import format_number
from forms.report import META_LABELS, Meta, Report, ReportError, validate_meta

EDITIONS = ("2021", "2019", "2014")


# ----------------------------------------------------------------------------- the oracle

def _leaves(nodes: list[dict], key: str, list_layout: bool) -> list[str]:
    """The value keys a sum reference stands for, by the levels of the raw node list."""
    i = next(i for i, n in enumerate(nodes) if n["key"] == key)
    node = nodes[i]
    level = node.get("level", 0)
    children = []
    for n in nodes[i + 1:]:
        if n.get("level", 0) <= level:
            break
        children.append(n)
    if list_layout or not children:
        return [key]
    return [n["key"] for j, n in enumerate(children)
            if not n.get("heading") and (j + 1 == len(children)
                                         or children[j + 1].get("level", 0) <= n.get("level", 0))]


class Oracle:
    """Totals from the raw edition file: {cell id: [term cell ids]} by an independent walk."""

    def __init__(self, eid: str):
        raw = json.loads((BUILTIN_DIR / f"{eid}.json").read_text(encoding="utf-8"))
        self.definition: dict[str, list[str]] = {}
        for table in raw["tables"]:
            if table["layout"] == "blocks":
                continue
            list_layout = table["layout"] == "list"
            rows, cols = table["rows"], table["columns"]
            value_rows = [r for r in rows if _leaves(rows, r["key"], list_layout) == [r["key"]]
                          and not r.get("heading")]
            value_cols = [c for c in cols if _leaves(cols, c["key"], False) == [c["key"]]]
            for row in value_rows:
                for col in value_cols:
                    cid = f"{table['id']}:{row['key']}:{col['key']}"
                    if row.get("sum"):
                        self.definition[cid] = [f"{table['id']}:{k}:{col['key']}" for ref in row["sum"]
                                                for k in _leaves(rows, ref, list_layout)]
                    elif col.get("sum"):
                        self.definition[cid] = [f"{table['id']}:{row['key']}:{k}" for ref in col["sum"]
                                                for k in _leaves(cols, ref, False)]

    def value(self, typed: dict, cid: str):
        if cid not in self.definition:
            return typed.get(cid)
        parts = [self.value(typed, t) for t in self.definition[cid]]
        parts = [p for p in parts if p is not None]
        return sum(parts) if parts else None


ORACLES = {eid: Oracle(eid) for eid in EDITIONS}


def test_oracle_knows_every_total():
    # If the oracle found no totals, the property tests below would compare nothing.
    for eid in EDITIONS:
        edition = get_edition(eid)
        computed = {c for c, spec in edition.cells.items() if spec.computed}
        assert set(ORACLES[eid].definition) == computed
    assert len(ORACLES["2021"].definition) == 25 + 7 - 1 + 3
    assert len(ORACLES["2014"].definition) == 6


# ----------------------------------------------------------------------------- strategies

def _value_for(kind: str):
    if kind == "money":
        return st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)
    if kind == "signed":
        return st.integers(min_value=-500, max_value=500)
    return st.integers(min_value=0, max_value=5000)


@st.composite
def edits(draw, eid: str):
    edition = get_edition(eid)
    inputs = [c for c in edition.cells.values() if not c.computed]
    ops = []
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        what = draw(st.sampled_from(["value", "value", "value", "text", "blank", "many", "zero"]))
        if what == "zero":
            ops.append(("zero", None))
            continue
        if what == "many":
            cells = draw(st.lists(st.sampled_from(inputs), min_size=1, max_size=8, unique_by=lambda c: c.id))
            ops.append(("many", {c.id: draw(st.one_of(st.none(), _value_for(c.kind))) for c in cells}))
            continue
        cell = draw(st.sampled_from(inputs))
        if what == "blank":
            ops.append(("value", (cell.id, None)))
        elif what == "text":
            value = draw(_value_for(cell.kind))
            ops.append(("text", (cell.id, format_number(value, cell.kind, draw(st.booleans())), value)))
        else:
            ops.append(("value", (cell.id, draw(_value_for(cell.kind)))))
    return ops


def _same(a, b):
    return (a is None) == (b is None) and a == b


def _check_invariants(report: Report, typed: dict, eid: str):
    oracle = ORACLES[eid]
    for cid, spec in report.edition.cells.items():
        expected = oracle.value(typed, cid)
        assert _same(report.value(cid), expected), (cid, report.value(cid), expected)
        if spec.kind == "money" and report.value(cid) is not None:
            assert isinstance(report.value(cid), Decimal)


def _run_edits(eid, ops):
    report = Report.new(eid, 2024, "测试单位")
    typed: dict = {}
    for op, arg in ops:
        before = report.values()
        if op == "value":
            cid, value = arg
            changed = report.set_value(cid, value)
            typed[cid] = value
        elif op == "text":
            cid, text, value = arg
            changed = report.set_text(cid, text)
            typed[cid] = value
        elif op == "many":
            changed = report.set_many(arg)
            typed.update(arg)
        else:
            blanks = report.blank_cells()
            assert sorted(blanks) == sorted(c.id for c in report.edition.cells.values()
                                            if not c.computed and typed.get(c.id) is None)
            changed = report.fill_blanks_with_zero()
            typed.update({c: 0 for c in blanks})
            assert report.blank_cells() == []
        after = report.values()
        really = {c for c in after if not _same(before[c], after[c])}
        assert len(changed) == len(set(changed)), "a cell reported twice"
        assert set(changed) == really, "set_* must return exactly the cells that changed"
        _check_invariants(report, typed, eid)
    return report


@pytest.mark.parametrize("eid", EDITIONS)
def test_any_sequence_of_edits_keeps_totals_equal_to_their_definition(eid):
    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ops=edits(eid))
    def run(ops):
        _run_edits(eid, ops)
    run()


# ----------------------------------------------------------------------------- examples

def test_set_value_returns_the_cell_then_its_totals():
    report = Report.new("2021", 2024, "某局")
    changed = report.set_value("t3:deny_1:natural", 4)
    assert changed[0] == "t3:deny_1:natural" and changed[-1] == "t3:total:total"
    assert sorted(changed[1:3]) == ["t3:deny_1:total", "t3:total:natural"]
    assert report.set_value("t3:deny_1:natural", 4) == []            # the same value again: nothing
    changed = report.set_value("t3:deny_1:natural", 5)
    assert set(changed) == {"t3:deny_1:natural", "t3:deny_1:total", "t3:total:natural", "t3:total:total"}
    assert report.value("t3:total:total") == 5
    report.set_value("t3:open:natural", 1)
    # with another term present, blanking this one changes it and its totals, all to the other's 1
    assert set(report.set_value("t3:deny_1:natural", None)) == {
        "t3:deny_1:natural", "t3:deny_1:total", "t3:total:natural", "t3:total:total"}
    assert report.value("t3:deny_1:total") is None and report.value("t3:total:total") == 1


def test_a_total_that_ends_where_it_started_is_not_reported():
    report = Report.new("2021", 2024, "某局")
    report.set_many({"t3:new:natural": 5, "t3:new:business": 0})
    changed = report.set_many({"t3:new:natural": 0, "t3:new:business": 5})
    assert set(changed) == {"t3:new:natural", "t3:new:business"}
    assert report.value("t3:new:total") == 5


def test_totals_cannot_be_typed():
    report = Report.new("2021", 2024, "某局")
    for cid in ("t3:total:natural", "t3:new:total", "t4:n:review_total"):
        with pytest.raises(ReportError, match="自动计算的合计"):
            report.set_value(cid, 1)
        with pytest.raises(ReportError, match="自动计算的合计"):
            report.set_many({"t3:new:natural": 1, cid: 1})
    assert report.value("t3:new:natural") is None    # the refused batch changed nothing


@pytest.mark.parametrize("cid,text,reason", [
    ("t3:new:natural", "1.5", "带有小数"),
    ("t3:new:natural", "-1", "不能为负数"),
    ("t3:new:natural", "/", "没有发生的事项请填 0"),
    ("t2:fee:amount", "-3", "金额不能为负数"),
    ("t2:fee:amount", "abc", "不是数字"),
])
def test_bad_text_is_refused_naming_the_cell(cid, text, reason):
    report = Report.new("2021", 2024, "某局")
    report.set_value(cid, 3)
    with pytest.raises(ReportError) as info:
        report.set_text(cid, text)
    assert reason in str(info.value) and report.edition.cells[cid].where in str(info.value)
    assert report.value(cid) == 3


def test_set_many_is_all_or_nothing():
    report = Report.new("2021", 2024, "某局")
    with pytest.raises(ReportError, match="不能为负数"):
        report.set_many({"t3:new:natural": 3, "t3:new:business": -1})
    with pytest.raises(ReportError, match="没有单元格"):
        report.set_many({"t3:new:natural": 3, "t9:x:y": 1})
    assert report.value("t3:new:natural") is None


def test_signed_and_money_cells():
    report = Report.new("2019", 2020, "某局")
    report.set_text("t2:permit:change", "-3")
    assert report.value("t2:permit:change") == -3
    report.set_text("t2:procurement:amount", "1,234.56")
    assert report.value("t2:procurement:amount") == Decimal("1234.56")
    with pytest.raises(ReportError):
        report.set_text("t2:permit:prev_items", "-3")


def test_money_total_in_a_variant_is_decimal():
    report = Report.new("2014", 2017, "某局")
    report.set_text("t1:fees:v", "0.25")
    assert report.value("t1:fees:v") == Decimal("0.25")


def test_new_report_is_blank_and_fill_with_zero():
    report = Report.new("2021", 2024, "某局")
    inputs = [c.id for c in report.edition.cells.values() if not c.computed]
    assert report.blank_cells() == inputs
    assert all(report.value(c) is None for c in report.edition.cells)
    report.set_value("t3:new:natural", 7)
    changed = report.fill_blanks_with_zero()
    assert "t3:new:natural" not in changed
    assert set(changed) == set(report.edition.cells) - {"t3:new:natural", "t3:new:total"}
    assert report.blank_cells() == []
    assert report.value("t3:new:natural") == 7 and report.value("t3:new:total") == 7
    assert report.value("t3:total:total") == 0 and report.value("t2:fee:amount") == Decimal(0)
    assert report.fill_blanks_with_zero() == []


def test_narrative_sections():
    report = Report.new("2021", 2024, "某局")
    assert report.heading("s5") == "五、存在的主要问题及改进情况"
    report.set_heading("s5", "五、存在的主要问题和改进措施")
    assert report.heading("s5") == "五、存在的主要问题和改进措施"
    report.set_heading("s5", None)
    assert report.heading("s5") == "五、存在的主要问题及改进情况"
    report.set_text_of("s6", "本年度未收取信息处理费。")
    assert report.text("s6") == "本年度未收取信息处理费。"
    with pytest.raises(ReportError, match="没有章节“s9”"):
        report.set_text_of("s9", "x")
    with pytest.raises(ReportError, match="应为文字"):
        report.set_text_of("s1", 12)
    with pytest.raises(ReportError, match="没有章节"):
        report.heading("s9")


def test_a_new_report_has_every_section_empty_under_the_edition_heading():
    report = Report.new("2021", 2024, "某局")
    for section in report.edition.sections:
        assert report.text(section.id) == ""
        assert report.heading(section.id) == section.heading


def test_section_refusals_name_the_section():
    report = Report.new("2021", 2024, "某局")
    with pytest.raises(ReportError, match="“一、总体情况”的内容应为文字"):
        report.set_text_of("s1", 12)
    with pytest.raises(ReportError, match="没有章节“s9”"):
        report.set_heading("s9", "九、其他")
    with pytest.raises(ReportError, match="标题应为文字"):
        report.set_heading("s5", 5)
    assert report.heading("s5") == "五、存在的主要问题及改进情况"


def test_set_value_refuses_what_the_cell_cannot_hold():
    # values handed over by an import or a paste of numbers, not typed text
    report = Report.new("2021", 2024, "某局")
    report.set_value("t3:new:natural", 3)
    for value, reason in ((-1, "不能为负数"), (2.5, "只能填非负整数"), (10 ** 9, "数值过大"), ("3", "不是数字")):
        with pytest.raises(ReportError) as info:
            report.set_value("t3:new:natural", value)
        assert reason in str(info.value) and report.edition.cells["t3:new:natural"].where in str(info.value)
    assert report.value("t3:new:natural") == 3 and report.value("t3:new:total") == 3
    report.set_value("t2:fee:amount", 18651.06)
    assert report.value("t2:fee:amount") == Decimal("18651.06")


def test_recompute_all_derives_every_total_from_the_stored_values():
    # what reading a file does: the typed values are stored, then every total, totals of totals last
    typed = Report.new("2021", 2024, "某局")
    typed.fill_blanks_with_zero()
    typed.set_many({"t3:new:natural": 5, "t3:new:business": 2, "t3:deny_1:natural": 1,
                    "t3:open:legal": 3, "t2:fee:amount": Decimal("1.5")})
    stored = Report.new("2021", 2024, "某局")
    for cid, value in typed.values().items():
        if not stored.edition.cells[cid].computed:
            stored._values[cid] = value
    stored.recompute_all()
    assert stored.values() == typed.values()
    assert stored.value("t3:total:total") == 4 and type(stored.value("t3:total:total")) is int


# ----------------------------------------------------------------------------- metadata

@pytest.mark.parametrize("name,value,normal", [
    ("year", "2024", 2024), ("year", "２０２４", 2024), ("year", 2008, 2008), ("year", " 2100 ", 2100),
    ("agency", "  某县人民政府  ", "某县人民政府"), ("phone", "0392-2667139", "0392-2667139"),
    ("phone", "（0591）12345678转8001", "（0591）12345678转8001"), ("fill_date", "2026-01-20", "2026-01-20"),
    ("fill_date", "", ""), ("title", "", ""), ("agency", "某" * 200, "某" * 200),
])
def test_metadata_accepted(name, value, normal):
    assert validate_meta(name, value) == normal


@pytest.mark.parametrize("name,value,reason", [
    ("year", "二〇二四", "四位数年份"), ("year", "2007", "2008 年"), ("year", 2101, "2008 年"),
    ("year", "20.24", "四位数年份"), ("year", True, "四位数年份"), ("year", None, "四位数年份"),
    ("year", "2_024", "四位数年份"), ("year", "٢٠٢٤", "四位数年份"), ("year", "2024.0", "四位数年份"),
    ("year", "+2024", "四位数年份"),
    ("agency", 12, "机关全称应为文字"), ("agency", "甲\n乙", "不能换行"), ("agency", "某" * 201, "最多 200 字"),
    ("fill_date", "2026/01/20", "2026-01-20 的形式"), ("fill_date", "2026-02-30", "不是有效的日期"),
    ("phone", "call me", "联系电话只能包含"), ("colour", "red", "未知的信息项“colour”"),
])
def test_metadata_refused_with_reason(name, value, reason):
    with pytest.raises(ReportError) as info:
        validate_meta(name, value)
    assert reason in str(info.value)


def test_meta_titles():
    meta = Meta(agency="某县人民政府", year=2024)
    assert meta.effective_title == "某县人民政府2024年政府信息公开工作年度报告"
    assert meta.effective_filling_unit == "某县人民政府"
    meta.title = "自定标题"
    assert meta.effective_title == "自定标题"
    assert set(meta.as_dict()) == set(META_LABELS)


def test_set_meta_validates():
    report = Report.new("2021", 2024, "某局")
    report.set_meta("year", "2025")
    assert report.meta.year == 2025
    with pytest.raises(ReportError):
        report.set_meta("year", "明年")
    assert report.meta.year == 2025


def test_a_text_has_one_kind_of_line_break():
    """A file edited on Windows has \\r\\n: the editor shows one break, so a finding's position
    counted over two characters landed one character off per line."""
    from forms.checks import run_checks
    from forms.storage import report_from_dict, report_to_dict

    report = Report.new("2021", 2025, "某区人民政府")
    report.set_text_of("s1", "一、总体情况\r\n（一）主动公开\r本年度收到申请200件。")
    assert report.text("s1") == "一、总体情况\n（一）主动公开\n本年度收到申请200件。"
    data = report_to_dict(report)
    data["narrative"]["s1"]["text"] = "甲\r\n乙"        # as a hand-edited file has it
    assert report_from_dict(data).text("s1") == "甲\n乙"
    report.set_text_of("s1", "一、总体情况\r\n本年度收到政府信息公开申请200件。")
    for cell in report.blank_cells():
        report.set_value(cell, 0)
    report.set_value("t3:new:natural", 1)
    (finding,) = [f for f in run_checks(report) if f.rule == "R8"]
    start, end = finding.position
    assert report.text("s1")[start:end] == "200"          # the number the editor selects
