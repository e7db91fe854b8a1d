"""What mutation testing of forms/checks.py found no test pinning: finding keys and review marks,
findings as JSON, the order errors-first, and the edges of R2–R4, R10, R11, R14 and W5."""

import json
from decimal import Decimal

from forms.checks import Finding, review_of, run_checks
from forms.report import Report


def _r10_report(other: int) -> Report:
    """2021, balanced: 20 new requests, ``other`` of them 其他处理, the rest 予以公开."""
    report = Report.new("2021", 2021, "某县人民政府")
    report.fill_blanks_with_zero()
    report.set_many({"t3:new:natural": 20, "t3:open:natural": 20 - other, "t3:other_3:natural": other})
    report.set_text_of("s6", "本年度未收取信息处理费。")
    return report


def test_a_text_finding_key_names_its_section_and_an_old_mark_still_counts():
    f = Finding("R8", "warning", "m", cells=("t3:new:total",), section="s2", quote="收到申请 5 件")
    assert f.key == "R8:t3:new:total@s2:收到申请 5 件"
    assert f.legacy_key == "R8:t3:new:total:收到申请 5 件"
    assert Finding("R13", "warning", "m", section="s1").key == "R13:s1"
    assert Finding("R13", "warning", "m", section="s1").legacy_key is None
    assert Finding("R1", "error", "m", cells=("a", "b")).legacy_key is None
    report = Report.new("2021", 2021, "某县人民政府")
    assert review_of(report, f) is None
    report.reviews[f.legacy_key] = "saved by an older version"
    assert review_of(report, f) == "saved by an older version"
    report.reviews[f.key] = "经核实无误"
    assert review_of(report, f) == "经核实无误"


def test_findings_go_to_json_with_plain_numbers_and_positions():
    f = Finding("R9", "warning", "m", expected=Decimal("1.5"), actual=Decimal("2"), section="s6",
                quote="收取 2 万元", position=(3, 9))
    data = json.loads(json.dumps(f.to_json(), ensure_ascii=False))
    assert (data["expected"], data["actual"], data["difference"]) == (1.5, 2, 0.5)
    assert data["position"] == [3, 9]


def test_a_title_without_a_year_is_a_warning_that_goes_to_json():
    report = _r10_report(0)
    report.set_meta("title", "某县人民政府政府信息公开工作年度报告")
    f = next(f for f in run_checks(report) if f.rule == "R14")
    assert f.severity == "warning" and "没有写明报告年度（2021年）" in f.message
    data = f.to_json()
    assert (data["expected"], data["actual"], data["difference"]) == (2021, None, None)
    json.dumps(data, ensure_ascii=False)


def test_a_title_names_the_year_that_is_wrong_not_the_first():
    report = _r10_report(0)
    report.set_meta("title", "某县人民政府2021年政府信息公开工作年度报告（2020年度）")
    f = next(f for f in run_checks(report) if f.rule == "R14")
    assert "年份 2020 与报告年度 2021 不一致" in f.message and f.actual == 2020


def test_a_period_without_the_second_year_is_read_as_this_year():
    report = _r10_report(0)
    report.set_text_of("s1", "本报告所列数据的统计期限自2021年1月1日至12月31日。")
    assert [f.rule for f in run_checks(report)] == []


def test_errors_come_first_even_when_a_warning_rule_comes_first():
    report = _r10_report(4)                                  # R10: a warning, checked before …
    report.set_text_of("s6", "")                             # … R9: an error
    assert [(f.rule, f.severity) for f in run_checks(report)] == [("R9", "error"), ("R10", "warning")]


def test_r10_share_of_exactly_the_limit_passes_and_above_it_says_the_share():
    assert run_checks(_r10_report(3)) == []                  # 3 of 20 is 15 %: the limit itself
    f = next(f for f in run_checks(_r10_report(4)) if f.rule == "R10")
    assert "占办理结果总计 20 件的 20%" in f.message


def test_every_declared_total_is_compared_and_a_blank_one_is_named():
    report = _r10_report(0)
    report.declared = {"t3:new:total": 20, "t3:open:total": 21, "t3:total:natural": None}
    found = {f.cells[0]: f for f in run_checks(report) if f.cells and f.cells[0] in report.declared}
    assert set(found) == {"t3:open:total", "t3:total:natural"}
    assert "原表填写的合计为 21，按各项相加应为 20" in found["t3:open:total"].message
    assert "原表填写的合计为 空白，按各项相加应为 20" in found["t3:total:natural"].message


def test_a_published_label_of_another_table_does_not_hide_the_others():
    report = _r10_report(0)
    report.published_labels = {"t9:row:x": "别的表", "t3:row:nope": "没有的行",
                               "t3:row:new": "一、本年新收申请数量"}
    f = next(f for f in run_checks(report) if f.rule == "R11")
    assert "写作“一、本年新收申请数量”" in f.message

