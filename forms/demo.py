"""The demo report: the seed, a real 2017 district report in the 2014 layout."""

from __future__ import annotations

from resources import resource_path

from .report import Report
from .seed import report_from_published_text

SEED = resource_path("demo", "shancheng-2017-report.txt")
AGENCY = "鹤壁市山城区人民政府"


def demo_report() -> Report:
    return report_from_published_text(SEED.read_text(encoding="utf-8"), AGENCY)
