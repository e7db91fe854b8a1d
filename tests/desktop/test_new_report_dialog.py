from datetime import date

import pytest

from desktop.new_report_dialog import NewReportDialog, default_year


@pytest.mark.parametrize("today, year", [
    (date(2027, 1, 15), 2026),     # the last weeks before the 31 January deadline
    (date(2026, 6, 1), 2025),      # correcting or re-issuing the published one
    (date(2026, 9, 30), 2025),
    (date(2026, 10, 1), 2026),     # the fourth quarter: preparing this year's
    (date(2026, 11, 27), 2026),
    (date(2026, 12, 31), 2026),
])
def test_a_new_report_is_for_the_year_being_prepared(today, year):
    assert default_year(today) == year


def test_the_dialog_offers_that_year(qtbot):
    dialog = NewReportDialog()
    qtbot.addWidget(dialog)
    assert dialog.year.value() == default_year()
