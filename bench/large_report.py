"""A large, realistic report of each edition: the real narratives, repeated and varied.

The paragraphs are the published ones — the 山城区 2017 report the demo is made of (2014 layout)
and the 平潭综合实验区 2023 and 2024 reports of tests/data — each copied again and again with its
numbers moved in some copies, so that the text checks (R8) read dozens of numbers and find a
controlled share of them at odds with the tables.  One section (一) grows to ≈ 20,000 characters,
the others to a few thousand: a district report at its longest.  The tables are the real ones
(the 平潭 2024 tables as tests/forms/sample_reports.py enters them in the 2021 and 2019 layouts,
the 山城区 tables for 2014).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from _common import ROOT

DATA = ROOT / "tests" / "data"
EDITIONS = ("2014", "2019", "2021")
# Characters per section: 一 is the long one the typing is measured in.
SIZES = {"opening": 1_500, "s1": 20_000, "s2": 6_000, "s3": 6_000, "s4": 2_500, "s5": 4_000, "s6": 2_000}
_NUMBER = re.compile(r"(?<![0-9年月日〔号第])([1-9][0-9]{0,4})(?=[件条个篇场期项次人家份])")


def real_paragraphs() -> list[str]:
    """Every paragraph of the real narratives with a number followed by a unit in it, and the
    others too (the headings and plain prose a report also has)."""
    from forms.demo import demo_report

    paragraphs: list[str] = []
    demo = demo_report()
    for section in demo.edition.sections:
        paragraphs += demo.text(section.id).split("\n")
    for name in ("pingtan-2023-report.json", "pingtan-2024-narrative.json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        for sid, text in data.get("narrative", data).items():
            if sid in SIZES:
                paragraphs += text.split("\n")
    return [p for p in paragraphs if len(p.strip()) > 10]


def _varied(paragraph: str, rng: random.Random, vary: bool) -> str:
    """The paragraph again; with ``vary``, each number of a count moved by a little (the table then
    disagrees with it wherever R8 reads it)."""
    if not vary:
        return paragraph
    return _NUMBER.sub(lambda m: str(int(m.group(1)) + rng.randint(1, 9)), paragraph)


def long_text(paragraphs: list[str], size: int, rng: random.Random, vary_share: float) -> str:
    out, length, i = [], 0, rng.randrange(len(paragraphs))
    while length < size:
        p = _varied(paragraphs[i % len(paragraphs)], rng, rng.random() < vary_share)
        out.append(p)
        length += len(p) + 1
        i += 1
    return "\n".join(out)[:size].rstrip()


def _tables(edition_id: str):
    """The real tables in the edition's layout, without text: 平潭 2024 (2021, 2019), 山城区 (2014)."""
    if edition_id == "2014":
        from forms.demo import demo_report
        report = demo_report()
    else:
        from tests.forms.sample_reports import pingtan_report   # the real tables, read by their labels
        report = pingtan_report(edition_id)
    for section in report.edition.sections:
        report.set_text_of(section.id, "")
    return report


def large_report(edition_id: str = "2021", seed: int = 1, vary_share: float = 0.3, sizes=None):
    """A report of the edition with the tables filled and ≈ 40,000 characters of real text."""
    rng = random.Random(seed)
    report = _tables(edition_id)
    paragraphs = real_paragraphs()
    for sid, size in (sizes or SIZES).items():
        if sid in report.narrative:
            report.set_text_of(sid, long_text(paragraphs, size, rng, vary_share))
    return report


def save_large_report(path: Path, edition_id: str = "2021") -> Path:
    from forms.storage import save_report

    save_report(large_report(edition_id), Path(path))
    return Path(path)
