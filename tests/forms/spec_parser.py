"""Reads the label lists and merges out of the spec's editions.md (copied to tests/data).

The tests compare the edition files with what this parser finds, so a label typed wrongly in an
edition file (a half-width bracket, a missing character) cannot go unnoticed.  Notes in the spec
are in half-width brackets 「(A:D merged)」, labels use full-width ones, so notes are easy to drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SPEC_COPY = Path(__file__).resolve().parents[1] / "data" / "spec-editions.md"
SPEC_ORIGINAL = Path("/work/shared/spec/editions.md")

_NOTE = re.compile(r"\s*\([^()（）]*\)")          # half-width note: (A:D merged), (five rows), (表二)
_SEP = " · "


def _drop_notes(text: str) -> str:
    return _NOTE.sub("", text).strip()


def _items(text: str) -> list[str]:
    return [_drop_notes(p) for p in _drop_notes(text).split("·") if _drop_notes(p)]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


@dataclass
class Block:
    label: str
    columns: list[str]
    rows: list[str]
    spans: list[int] = field(default_factory=list)   # columns merged over B:D etc.
    kinds: list[str] = field(default_factory=list)


@dataclass
class SpecEdition:
    sections: list[str] = field(default_factory=list)
    t2: list[Block] = field(default_factory=list)
    t3_corner: str = ""
    t3_columns: list[tuple[str, ...]] = field(default_factory=list)   # label paths of value columns
    t3_rows: list[tuple[str, ...]] = field(default_factory=list)      # label paths of value rows
    t3_merges: dict[str, str] = field(default_factory=dict)           # "A6:A27" -> label
    t4_columns: list[tuple[str, ...]] = field(default_factory=list)
    list_rows: list[tuple[int, str, str]] = field(default_factory=list)  # 2014: level, label, unit
    instrument: str = ""      # as the spec writes it; 「…」 stands for words it leaves out
    years: tuple = (None, None)


def _chapter(text: str, title: str) -> str:
    start = text.index(f"## {title}")
    end = text.find("\n---", start)
    return text[start:end if end != -1 else len(text)]


def _table_lines(text: str, header_start: str) -> list[list[str]]:
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    out = []
    for line in lines[i + 2:]:
        if not line.startswith("|"):
            break
        out.append(_cells(line))
    return out


def _col_letter(ref: str) -> tuple[str, int]:
    m = re.fullmatch(r"([A-Z])(\d+)", ref)
    return m.group(1), int(m.group(2))


def _sections(chapter: str, intro: str) -> list[str]:
    i = chapter.index(intro) + len(intro)
    para = chapter[i:].strip().split("\n\n")[0].replace("\n", " ")
    return _items(para)


def _t2_2021(chapter: str) -> list[Block]:
    blocks: list[Block] = []
    for cells in _table_lines(chapter, "| row | A | B | C | D |"):
        a, rest = cells[1], cells[2:]
        if a.startswith("第二十条"):
            blocks.append(Block(_drop_notes(a), [], []))
        elif a == "信息内容":
            blocks[-1].columns = [_drop_notes(c) for c in rest if c]
            blocks[-1].spans = [3 if "(B:D merged)" in c else 1 for c in rest if c]
        else:
            blocks[-1].rows.append(a)
            blocks[-1].kinds.extend(c.split()[0] for c in rest if c and not blocks[-1].rows[1:])
    return blocks


def _t3(chapter: str, spec: SpecEdition) -> None:
    part = chapter[chapter.index("### 表三"):chapter.index("### 表四")]
    spec.t3_corner = re.search(r"A1:C3 merged: 「(.*?)」", part).group(1)
    top = re.search(r"- (D1:J1 .*)", part).group(1)
    groups = {}
    for item in top.split(_SEP):
        ref, label = item.split(" ", 1)
        groups[ref] = label
    sub = re.search(r"- E3\.\.I3: (.*)", part).group(1).split(_SEP)
    spec.t3_merges.update({ref: label for ref, label in groups.items()})
    apply = groups["D1:J1"]
    spec.t3_columns = ([(apply, groups["D2:D3"])] + [(apply, groups["E2:I2"], s) for s in sub]
                       + [(apply, groups["J2:J3"])])
    top_label = None
    for ref, label in _table_lines(part, "| cells | label |"):
        start, end = ref.split(":")
        (c0, r0), (c1, r1) = _col_letter(start), _col_letter(end)
        if "→" in label:
            parent, children = (s.strip() for s in label.split("→"))
            children = re.sub(r"^C\d+–C\d+:\s*", "", children)
            spec.t3_merges[ref] = parent
            kids = _items(children)
            assert len(kids) == r1 - r0 + 1, ref
            for k, kid in enumerate(kids):
                spec.t3_merges[f"C{r0 + k}:C{r0 + k}"] = kid
                spec.t3_rows.append((top_label, parent, kid))
            continue
        spec.t3_merges[ref] = label
        if c0 == "A" and c1 == "A":       # a heading spanning rows: the rows under it follow
            top_label = label
        elif c0 == "A":
            top_label = None
            spec.t3_rows.append((label,))
        else:
            spec.t3_rows.append((top_label, label))


def _t4(chapter: str) -> list[tuple[str, ...]]:
    part = chapter[chapter.index("### 表四"):]
    text = re.sub(r"\n\s+", " ", part)
    row1 = _items(re.search(r"- row 1: (.*)", text).group(1))
    row2 = _items(re.search(r"- row 2: (.*)", text).group(1))
    row3 = _items(re.search(r"- row 3: under each 行政诉讼 group: (.*)", text).group(1))
    review, suit = row1
    groups = [x for x in row2 if x not in row3]
    return ([(review, x) for x in row2 if x in row3]
            + [(suit, g, x) for g in groups for x in row3])


def _t2_2019(chapter: str) -> list[Block]:
    out = []
    for block, rows, columns in _table_lines(chapter, "| block | 信息内容 rows | columns |"):
        out.append(Block(block, _items(columns), _items(rows)))
    return out


def _list_rows(chapter: str) -> list[tuple[int, str, str]]:
    out = []
    for level, label, unit in _table_lines(chapter, "| level | 统计指标 | 单位 |"):
        for item in _items(label):
            out.append((int(level), item, unit))
    return out


def _years(text: str) -> tuple:
    """「2021 onward」 → (2021, None), 「2019–2020」 → (2019, 2020), 「up to 2018」 → (None, 2018)."""
    if m := re.match(r"(\d{4}) onward", text):
        return int(m.group(1)), None
    if m := re.match(r"(\d{4})–(\d{4})", text):
        return int(m.group(1)), int(m.group(2))
    m = re.match(r"up to (\d{4})", text)
    return None, int(m.group(1))


def _overview(text: str, editions: dict[str, SpecEdition]) -> None:
    for cells in _table_lines(text, "| edition | instrument |"):
        eid = re.match(r"`(\d{4})`", cells[0]).group(1)
        editions[eid].instrument = re.sub(r"\s*\(\d{4}-\d{2}-\d{2}\)$", "", cells[1])
        editions[eid].years = _years(cells[2])


def _old_sections(chapter: str) -> list[str]:
    """The seed's headings, between 「opening paragraphs」 and 「then 附件1」."""
    intro = "The seed's narrative sections"
    para = chapter[chapter.index(intro):].split("\n\n")[0]
    para = para[para.index("opening paragraphs"):para.index("then 附件1")].replace("\n", " ")
    return [re.sub(r"\s*\(with [^)]*\)", "", item) for item in _items(para)[1:]]


def parse(path: Path = SPEC_COPY) -> dict[str, SpecEdition]:
    text = path.read_text(encoding="utf-8")
    e21, e19, e14 = SpecEdition(), SpecEdition(), SpecEdition()
    _overview(text, {"2021": e21, "2019": e19, "2014": e14})
    c21 = _chapter(text, "Edition 2021")
    e21.sections = _sections(c21, "Report sections, in order (headings as in the template):")
    e21.t2 = _t2_2021(c21)
    _t3(c21, e21)
    e21.t4_columns = _t4(c21)

    c19 = _chapter(text, "Edition 2019")
    e19.sections = e21.sections                        # 「Same six sections.」
    e19.t2 = _t2_2019(c19)
    assert "「（六）其他处理」 is one row with no" in c19.replace("\n", " ")
    e19.t3_corner, e19.t3_columns, e19.t4_columns = e21.t3_corner, e21.t3_columns, e21.t4_columns
    e19.t3_rows = [r for r in e21.t3_rows if not (len(r) == 3 and r[1] == "（六）其他处理")]
    total = e19.t3_rows.index(("三、本年度办理结果", "（七）总计"))
    e19.t3_rows.insert(total, ("三、本年度办理结果", "（六）其他处理"))

    c14 = _chapter(text, "Edition 2014")
    e14.list_rows = _list_rows(c14)
    e14.sections = _old_sections(c14)
    return {"2021": e21, "2019": e19, "2014": e14}
