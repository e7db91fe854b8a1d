"""What importing a workbook's tables into an existing report would change (forms/importer/into_report.py)."""

import pytest

from forms.importer import ImportResult
from forms.importer.into_report import tables_import
from forms.report import Report

UNIT = "某区人民政府"


def imported(values=None, declared=None, labels=None, edition="2021") -> ImportResult:
    """An import's result as the Collector leaves it: blanks are None, totals computed."""
    report = Report.new(edition, 2024, UNIT)
    report.set_many(values or {})
    report.declared.update(declared or {})
    report.published_labels.update(labels or {})
    return ImportResult(report, [], "表.xlsx", placed=sum(v is not None for v in (values or {}).values()))


def test_blanks_keep_the_reports_values_and_only_differences_are_changes():
    report = Report.new("2021", 2024, UNIT)
    report.set_many({"t3:new:natural": 5, "t3:new:business": 2, "t3:new:research": 3})
    change = tables_import(report, imported({"t3:new:natural": 5, "t3:new:business": 4,
                                             "t3:new:research": None, "t3:new:charity": 1}))
    assert change.values == {"t3:new:business": 4, "t3:new:charity": 1}
    assert change.overwritten == ("t3:new:business",)            # 2 → 4; a blank filled is no overwrite
    assert change.overwritten_per_table(report) == {"表三": 1}
    assert change.tables == ("t3",) and change.changes(report)


def test_zero_over_a_blank_is_a_change_and_the_same_value_is_none():
    report = Report.new("2021", 2024, UNIT)
    report.set_value("t3:new:natural", 0)
    change = tables_import(report, imported({"t3:new:natural": 0, "t3:new:business": 0}))
    assert change.values == {"t3:new:business": 0} and change.overwritten == ()
    same = tables_import(report, imported({"t3:new:natural": 0}))
    assert not same.changes(report)


def test_the_totals_and_labels_of_the_tables_the_workbook_had_are_its_own():
    """An earlier import's total and label on 表三 describe values that are now replaced; those of
    表二 and 表四, which this workbook lacks, still describe what is in them."""
    report = Report.new("2021", 2024, UNIT)
    report.declared.update({"t3:new:total": 999, "t4:n:review_total": 7})
    report.published_labels.update({"t3:row:new": "本年新收申请", "t2:row:coercion": "行政强治"})
    change = tables_import(report, imported({"t3:new:natural": 1}, {"t3:carry:total": 4}, {"t3:row:carry": None}))
    assert change.declared == {"t4:n:review_total": 7, "t3:carry:total": 4}
    assert change.published_labels == {"t2:row:coercion": "行政强治", "t3:row:carry": None}
    assert change.tables == ("t3",)
    assert report.declared == {"t3:new:total": 999, "t4:n:review_total": 7}     # nothing changed yet


def test_a_result_of_another_edition_is_a_mistake():
    with pytest.raises(ValueError):
        tables_import(Report.new("2021", 2024, UNIT), imported(edition="2019"))


def test_a_table_none_of_whose_values_was_placed_keeps_the_reports_labels():
    """A 2019 workbook's 表二 read as 2021: found, its columns reported missing, none of its values
    placed.  The report's 表二 is still the clerk's, so the workbook's labels say nothing about it."""
    report = Report.new("2021", 2024, UNIT)
    report.set_value("t2:rules:issued", 3)
    report.published_labels["t2:row:coercion"] = "行政强治"
    change = tables_import(report, imported({"t3:new:natural": 1}, None,
                                            {"t2:col:issued": None, "t3:row:other_1": None}))
    assert change.published_labels == {"t2:row:coercion": "行政强治", "t3:row:other_1": None}
    assert change.tables == ("t3",)
