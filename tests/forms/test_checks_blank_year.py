"""A cross-year check says nothing about this year's cells while they are all still blank: a report
just started from last year's must not warn that its (empty) 现行有效件数 「为 0」."""

from forms.carryover import new_from_previous
from forms.checks import run_checks
from forms.report import Report


def _last_year() -> Report:
    last = Report.new("2021", 2024, "某县市场监督管理局")
    last.fill_blanks_with_zero()
    last.set_many({"t2:rules:issued": 3, "t2:rules:valid": 15, "t2:norms:valid": 20,
                   "t3:new:natural": 4, "t3:next:natural": 4})
    return last


def test_a_new_report_from_last_year_has_no_r7_for_its_blank_documents():
    report = new_from_previous(_last_year())
    assert report.value("t2:rules:valid") is None
    assert [f.message for f in run_checks(report) if f.rule == "R7"] == []


def test_r7_still_compares_once_this_years_documents_are_typed():
    report = new_from_previous(_last_year())
    report.set_many({"t2:rules:issued": 1, "t2:rules:repealed": 0, "t2:rules:valid": 15})
    [r7] = [f for f in run_checks(report) if f.rule == "R7"]
    assert (r7.expected, r7.actual) == (16, 15) and "规章" in r7.message


def test_r6_still_compares_the_carried_over_row():
    report = new_from_previous(_last_year())
    assert report.value("t3:carry:natural") == 4
    report.set_value("t3:carry:natural", 3)
    assert {f.cells[0] for f in run_checks(report) if f.rule == "R6"} == {"t3:carry:natural", "t3:carry:total"}


def test_r7_waits_for_the_whole_row_not_only_its_first_cell():
    """Typing 本年制发件数 first must not bring 「本年现行有效件数为 0」 while that cell is still blank."""
    report = new_from_previous(_last_year())
    report.set_value("t2:rules:issued", 1)
    assert [f.message for f in run_checks(report) if f.rule == "R7"] == []
    report.set_value("t2:rules:repealed", 0)
    assert [f.message for f in run_checks(report) if f.rule == "R7"] == []
    report.set_value("t2:rules:valid", 15)
    assert [(f.expected, f.actual) for f in run_checks(report) if f.rule == "R7"] == [(16, 15)]
