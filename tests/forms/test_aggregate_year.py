"""汇总's 报告年度 as the files state it: one rule for the dialog and ``nianbao aggregate``."""

from forms.aggregate_year import choose_year, other_years
from forms.storage import save_report
from tests.forms.import_fixtures import pingtan_workbook
from tests.forms.test_aggregate import exported_xlsx, unit


def test_the_year_of_most_report_files_and_why(tmp_path):
    for name, year in (("甲局", 2024), ("乙局", 2024), ("丙局", 2023)):
        save_report(unit(name, year=year), tmp_path / f"{name}.nianbao")
    pingtan_workbook(tmp_path / "丁镇.xlsx")                         # titles count only without reports
    choice = choose_year([tmp_path])
    assert choice.year == 2024 and choice.sheets == 1
    assert choice.reason == "加入的 3 份年报（.nianbao）中这一年度的最多（2023 年度 1 份、2024 年度 2 份）"
    assert other_years(choice.reports, 2024) == ["丙局（丙局.nianbao）：2023 年度"]
    assert other_years(choice.reports, 2025, shown=2) == ["丙局（丙局.nianbao）：2023 年度",
                                                          "乙局（乙局.nianbao）：2024 年度", "……另有 1 份"]
    assert choose_year([tmp_path / "甲局.nianbao"]).reason == "加入的 1 份年报（.nianbao）都是这一年度的"


def test_spreadsheets_alone_give_the_year_their_titles_state(tmp_path):
    for name in ("甲镇.xlsx", "乙镇.xlsx"):
        pingtan_workbook(tmp_path / name)                              # 「…2024年度…」
    exported_xlsx(unit("丙镇"), tmp_path / "丙镇.xlsx")                 # no year in its titles
    (tmp_path / "坏.nianbao").write_text("{", encoding="utf-8")
    choice = choose_year([tmp_path])
    assert (choice.year, choice.reports, choice.sheets) == (2024, {}, 3)
    assert choice.reason == ("没有可读取的年报（.nianbao），统计表（.xlsx）的标题写明这一年度"
                             "（读取了 3 份统计表的标题：2024 年度 2 份）")


def test_no_year_when_nothing_states_one(tmp_path):
    exported_xlsx(unit("丙镇"), tmp_path / "丙镇.xlsx")
    choice = choose_year([tmp_path])
    assert (choice.year, choice.reason, choice.sheets) == (None, "", 1)
    assert choose_year([tmp_path / "无此文件.nianbao"]).year is None


def test_the_output_of_a_run_before_does_not_count(tmp_path):
    # Run again with --force, last run's total (or one the clerk made for another year) sat among
    # the units' spreadsheets and gave the year in place of their titles.
    pingtan_workbook(tmp_path / "甲镇.xlsx")
    old = tmp_path / "汇总.nianbao"
    save_report(unit("汇总", year=2023), old)
    assert choose_year([tmp_path]).year == 2023
    assert choose_year([tmp_path], exclude=[old]).year == 2024


def test_last_years_attachment_beside_the_spreadsheets_gives_no_year(tmp_path):
    # Its 「2023年度…汇总情况」 made 2023 the year of townships' spreadsheets that state none,
    # prefilled in the dialog and taken by the command; the sum then set the attachment aside.
    from forms.aggregate import aggregate, attachment_bytes
    old = tmp_path / "上年"
    old.mkdir()
    save_report(unit("甲局", year=2023), old / "甲局.nianbao")
    (tmp_path / "去年汇总.xlsx").write_bytes(attachment_bytes(aggregate([old])))
    exported_xlsx(unit("丁镇"), tmp_path / "丁镇.xlsx")                 # no year in its titles
    choice = choose_year([tmp_path / "去年汇总.xlsx", tmp_path / "丁镇.xlsx"])
    assert choice.year is None and choice.sheets == 2


def test_titles_tally_counts_what_the_first_spreadsheets_say(tmp_path):
    from forms.aggregate_year import titles_tally
    assert titles_tally([]) == ({}, 0)
    exported_xlsx(unit("甲镇"), tmp_path / "0.xlsx")                           # no year in its titles
    for name in ("1.xlsx", "2.xlsx"):
        pingtan_workbook(tmp_path / name)                                     # 2024
    files = sorted(tmp_path.iterdir())
    assert titles_tally(files) == ({2024: 2}, 3)
    assert titles_tally(files, sample=1) == ({}, 1)                          # only 0.xlsx read
