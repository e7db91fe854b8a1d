"""The narrative as clerks write it: paragraphs whose heading level is their numbering.

「一、」 is level 1, 「（一）」 level 2, 「1.」 level 3, 「（1）」 level 4 (narrative.md).  A level-2 or
level-3 heading often runs into its paragraph on the same line — 「（一）领导重视，强化制度与机构建设。
区政府高度重视…」 — and then the part up to the first 。 is the heading and the rest is body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_LEVEL_PATTERNS = (
    (1, re.compile(rf"^[{_CN}]{{1,3}}、")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]{{1,3}}\s*[)）]")),
    (3, re.compile(r"^[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])")),
    (4, re.compile(r"^[（(]\s*[0-9０-９]{1,2}\s*[)）]")),
)
# A heading line is short; a longer line is a paragraph that runs on after its heading sentence.
MAX_HEADING_CHARS = 40


@dataclass(frozen=True)
class Line:
    level: int          # 0 for body text, 1–4 for headings
    heading: str        # the heading part (empty for body text)
    body: str           # the body text after the heading (or the whole paragraph)

    @property
    def text(self) -> str:
        return self.heading + self.body


def heading_level(text: str) -> int:
    """The heading level a paragraph's numbering gives it, 0 if it is not numbered."""
    stripped = text.lstrip()
    for level, pattern in _LEVEL_PATTERNS:
        if pattern.match(stripped):
            return level
    return 0


def classify(paragraph: str) -> Line:
    """Splits a paragraph into its heading part and body part by its numbering."""
    level = heading_level(paragraph)
    if level == 0:
        return Line(0, "", paragraph)
    end = paragraph.find("。")
    if end == -1 or end + 1 == len(paragraph.rstrip()):
        if len(paragraph.strip()) <= MAX_HEADING_CHARS or level == 1:
            return Line(level, paragraph, "")
        return Line(0, "", paragraph)   # a long numbered sentence: an enumerated paragraph
    heading, body = paragraph[:end + 1], paragraph[end + 1:]
    if len(heading.strip()) > MAX_HEADING_CHARS:
        return Line(0, "", paragraph)
    return Line(level, heading, body)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a section's text: one a line, blank lines dropped."""
    return [p for p in (line.strip() for line in text.splitlines()) if p]
