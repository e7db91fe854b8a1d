"""The demo is the seed report: every line of its narrative in the right section and in order,
every one of the 58 numbers of its 统计表; a damaged seed text is refused, not entered wrongly.
"""

import re
from decimal import Decimal

import pytest

from forms.checks import run_checks
from forms.demo import AGENCY, SEED, demo_report
from forms.narrative import paragraphs
from forms.seed import SeedError, report_from_published_text

SEED_TEXT = SEED.read_text(encoding="utf-8")
SECTION_HEADING = re.compile(r"^([一二三四五六])、")


def _seed_narrative() -> dict[str, tuple[str | None, list[str]]]:
    """Section id → (heading line, body lines) read from the seed text by its own numbering."""
    lines = SEED_TEXT.splitlines()
    body = lines[:lines.index("附件1")]
    out = {"opening": (None, [])}
    current = "opening"
    for line in body:
        if not line.strip():
            continue
        m = SECTION_HEADING.match(line)
        if m:
            current = f"s{'一二三四五六'.index(m.group(1)) + 1}"
            out[current] = (line, [])
            continue
        out[current][1].append(line)
    return out


def test_seed_is_the_shared_sample():
    from pathlib import Path
    shared = Path("/work/shared/samples/shancheng-2017-report.txt")
    if not shared.exists():
        pytest.skip("shared samples not on this machine")
    assert SEED_TEXT == shared.read_text(encoding="utf-8")


def test_every_narrative_line_is_in_its_section_in_order():
    report = demo_report()
    expected = _seed_narrative()
    assert list(expected) == [s.id for s in report.edition.sections]
    total = 0
    for sid, (heading, lines) in expected.items():
        if heading is not None:
            assert report.heading(sid) == heading
        assert report.text(sid).split("\n") == lines       # verbatim, nothing added or dropped
        assert paragraphs(report.text(sid)) == [line.strip() for line in lines]
        total += len(lines) + (heading is not None)
    assert total == sum(1 for line in SEED_TEXT.splitlines()[:SEED_TEXT.splitlines().index("附件1")] if line.strip())


def test_run_in_headings_stay_verbatim():
    text = demo_report().text("s1")
    assert "(二) 整合资源,实现信息工作新突破" in text.split("\n")
    assert "(一)领导重视,强化制度与机构建设。" in text.split("\n")


def test_metadata():
    report = demo_report()
    assert report.edition.id == "2014" and report.meta.year == 2017 and report.meta.agency == AGENCY
    assert report.meta.effective_title == "鹤壁市山城区人民政府2017年政府信息公开工作年度报告"
    assert report.heading("s2") == "二、政府信息公开工作情况统计"


def _seed_numbers():
    lines = SEED_TEXT.splitlines()
    table = lines[lines.index("统计数") + 1:next(i for i, x in enumerate(lines) if x.startswith("单位负责人"))]
    return [Decimal(x) for x in table if x.strip().isdigit()]


def test_every_one_of_the_58_values():
    report = demo_report()
    t1 = report.edition.table("t1")
    values = [report.value(t1.cell(r.key, "v").id) for r in t1.rows if r.is_value]
    assert len(values) == 58 and values == _seed_numbers()
    assert report.blank_cells() == []
    assert report.value("t1:pub:v") == 3287 and report.value("t1:trainees:v") == 80
    assert report.value("t1:budget:v") == Decimal(1) and isinstance(report.value("t1:budget:v"), Decimal)
    assert report.value("t1:staff:v") == 3 and report.declared == {}


def test_demo_table_checks_clean():
    # The seed's text contradicts its table (查阅点 6 vs 1, 人员 70 vs 3): R8's business, not the table's.
    assert [f for f in run_checks(demo_report()) if f.rule not in ("R8", "R9")] == []


# ----------------------------------------------------------------------------- damaged seed texts

def test_a_wrong_published_total_is_kept_for_the_check():
    text = SEED_TEXT.replace("(三)从事政府信息公开工作人员数\n人\n3\n", "(三)从事政府信息公开工作人员数\n人\n70\n")
    report = report_from_published_text(text, AGENCY)
    assert report.value("t1:staff:v") == 3 and report.declared == {"t1:staff:v": 70}
    finding = next(f for f in run_checks(report) if f.rule == "S6")
    assert (finding.severity, finding.expected, finding.actual) == ("error", 3, 70)


def test_a_shifted_table_is_refused():
    text = SEED_TEXT.replace("其中:主动公开规范性文件数\n条\n3\n", "其中:主动公开规范性文件数\n条\n")
    with pytest.raises(SeedError, match="前的指标不是"):
        report_from_published_text(text, AGENCY)


def test_a_missing_last_number_is_refused():
    text = SEED_TEXT.replace("人次\n80\n", "人次\n")
    with pytest.raises(SeedError, match="应有 58 个数字"):
        report_from_published_text(text, AGENCY)


@pytest.mark.parametrize("change,words", [
    (("附件1\n", "附件一览\n"), "没有“附件1”"),
    (("(2017年度)", "(本年度)"), "（YYYY年度）"),
    (("\n统计数\n", "\n数值\n"), "表头“统计数”"),
])
def test_a_seed_without_its_landmarks_is_refused(change, words):
    with pytest.raises(SeedError, match=re.escape(words)):
        report_from_published_text(SEED_TEXT.replace(*change), AGENCY)
