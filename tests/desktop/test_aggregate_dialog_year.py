"""The 汇总 dialog's 报告年度 is the one ``nianbao aggregate`` takes for the same files
(forms/aggregate_year.py), and its question names the files as the command's refusal does."""

from desktop.aggregate_dialog import AggregateDialog
from forms.aggregate import aggregate, attachment_bytes
from forms.storage import save_report
from tests.forms.test_aggregate import exported_xlsx, unit


def test_last_years_attachment_beside_the_spreadsheets_does_not_prefill_its_year(qtbot, tmp_path):
    from desktop.new_report_dialog import default_year
    old = tmp_path / "上年"
    old.mkdir()
    save_report(unit("甲局", year=2019), old / "甲局.nianbao")
    (tmp_path / "去年汇总.xlsx").write_bytes(attachment_bytes(aggregate([old])))   # 「2019年度…汇总情况」
    exported_xlsx(unit("丁镇"), tmp_path / "丁镇.xlsx")                               # no year in its titles
    dialog = AggregateDialog(lambda r: None)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path / "去年汇总.xlsx", tmp_path / "丁镇.xlsx"])
    assert dialog.year.value() == default_year() != 2019
