"""Importing the cell list of ``nianbao show --json``."""

import json
from decimal import Decimal

import pytest

from forms.demo import demo_report
from forms.importer import ImportRefused, import_file, import_text
from forms.importer.jsonlist import import_records
from forms.report import Report
from forms.tablejson import cell_records
from tests.forms.import_fixtures import full_report


REPORTS = {"2021": lambda: full_report("2021", 2024), "2019": lambda: full_report("2019", 2020),
           "2014": demo_report}


@pytest.mark.parametrize("edition", sorted(REPORTS))
def test_show_json_round_trip(edition, tmp_path):
    report = REPORTS[edition]()
    path = tmp_path / "cells.json"
    path.write_text(json.dumps(cell_records(report), ensure_ascii=False, indent=1), encoding="utf-8")
    result = import_file(path, edition, report.meta.year, "测试机关")
    assert result.report.values() == report.values()
    assert result.notes == [] and result.exit_code == 0
    assert result.report.declared == {}


@pytest.mark.parametrize("edition", sorted(REPORTS))
def test_labels_alone_are_enough(edition):
    report = REPORTS[edition]()
    records = [{k: v for k, v in r.items() if k != "cell"} for r in cell_records(report)]
    result = import_records(records, report.edition, report.meta.year)
    assert result.report.values() == report.values()
    assert result.notes == []


def test_ids_of_another_edition_fall_back_to_labels():
    report = full_report("2021", 2024)
    records = cell_records(report)
    for r in records:
        r["cell"] = "t9:" + r["cell"]
    result = import_text(json.dumps(records, ensure_ascii=False), "2021", 2024)
    assert result.report.values() == report.values()


def test_a_total_that_differs_goes_to_declared():
    report = full_report("2021", 2024)
    records = cell_records(report)
    total = next(r for r in records if r["cell"] == "t3:total:total")
    computed = total["value"]
    total["value"] = computed + 5
    result = import_records(records, report.edition, 2024)
    assert result.report.value("t3:total:total") == computed
    assert result.report.declared == {"t3:total:total": computed + 5}
    [note] = result.problems
    assert note.kind == "total" and note.cell == "t3:total:total" and str(computed + 5) in note.message


def test_text_values_blanks_and_strangers_are_noted():
    report = full_report("2021", 2024)
    records = cell_records(report)
    by_id = {r["cell"]: r for r in records}
    by_id["t3:new:natural"]["value"] = "１２"           # full-width text
    by_id["t3:carry:natural"]["value"] = "/"
    by_id["t3:open:natural"]["value"] = "很多"
    by_id["t2:fee:amount"]["value"] = "3.5"
    records.remove(by_id["t4:n:review_keep"])
    records.append({"table": "收到和处理政府信息公开申请情况", "row": ["五、无此行"], "column": ["申请人情况", "自然人"],
                    "value": 1})
    records.append(["not", "a", "record"])
    result = import_records(records, report.edition, 2024)
    got = result.report
    assert got.value("t3:new:natural") == 12
    assert got.value("t3:carry:natural") is None
    assert got.value("t3:open:natural") is None
    assert got.value("t2:fee:amount") == Decimal("3.5")
    notes = {(n.kind, n.cell or n.where) for n in result.notes if n.kind != "total"}
    assert notes == {("blank", "t3:carry:natural"), ("unplaced", "t3:open:natural"),
                     ("missing", "t4:n:review_keep"),
                     ("unplaced", f"第 {len(records) - 1} 项"), ("unplaced", f"第 {len(records)} 项")}
    assert any("很多" in n.message for n in result.notes)
    assert result.exit_code == 1


def test_the_same_cell_twice_with_two_values_is_not_chosen():
    report = full_report("2021", 2024)
    records = cell_records(report)
    twin = dict(next(r for r in records if r["cell"] == "t4:n:after_keep"))
    twin["value"] += 1
    records.append(twin)
    result = import_records(records, report.edition, 2024)
    assert result.report.value("t4:n:after_keep") is None
    [note] = [n for n in result.problems if n.kind != "total"]
    assert note.kind == "ambiguous" and note.cell == "t4:n:after_keep"
    # the list's own total now differs from the sum without that cell: said, not hidden
    assert [n.cell for n in result.problems if n.kind == "total"] == ["t4:n:after_total"]


def test_a_2019_list_into_the_2021_edition_by_labels():
    records = cell_records(full_report("2019", 2020))
    result = import_records(records, Report.new("2021", 2024).edition, 2024)
    assert result.report.value("t3:new:natural") == next(r["value"] for r in records if r["cell"] == "t3:new:natural")
    # 2019's single （六）其他处理 row has no place in 2021, where it has three sub-rows
    assert any(n.kind == "unplaced" and "（六）其他处理" in n.message for n in result.notes)
    assert any(n.kind == "missing" and n.cell == "t3:other_1:natural" for n in result.notes)


@pytest.mark.parametrize("text, words", [
    ("", "不是有效的 JSON"),
    ("{\"a\": 1}", "单元格列表"),
    ("[" * 100000 + "]" * 100000, "嵌套过深"),
    ("[1, 2]", "没有一项"),
    ("[{\"table\": \"别的表\", \"row\": [], \"column\": [], \"value\": 1}]", "没有一项"),
])
def test_unusable_json(text, words):
    with pytest.raises(ImportRefused, match=words):
        import_text(text, "2021", 2024)
