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


# --------------------------------------------------------------------------- 整理格式

# Chinese context: ideographs and the full-width punctuation that stands between them.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ZH_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·"
_ZH = _HAN + _ZH_PUNCT


class _CompiledOnFirstUse:
    """A pattern compiled when first used.  re compiles a class of Unicode ranges into a bitmap
    (≈ 1.5 ms each); the four below took 11 ms of every start, before the first checks, for
    整理格式, which a clerk uses now and then."""

    def __init__(self, pattern: str):
        self.pattern, self._compiled = pattern, None

    def __getattr__(self, name):
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return getattr(self._compiled, name)


_ZH_CHAR = _CompiledOnFirstUse(f"[{_ZH}]")
_HAN_CHAR = _CompiledOnFirstUse(f"[{_HAN}]")
_SPACE = r"[ \t\u00a0\u3000]"
# URLs and e-mail addresses are kept exactly as typed (their : , ? ! ( ) are not punctuation).
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_PLACEHOLDER = 0xE000          # private-use characters stand in for protected tokens
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT = re.compile(r"[,;:?!]")
_PARENS = re.compile(r"[（(]([^()（）]*)[)）]")
# Between two Chinese characters (or one and a digit) a space is a leftover of copy and paste.
_STRAY_SPACE = _CompiledOnFirstUse(f"(?<=[{_ZH}]){_SPACE}+(?=[{_ZH}0-9０-９])|(?<=[0-9０-９]){_SPACE}+(?=[{_ZH}])")
_FULL_STOP = _CompiledOnFirstUse(f"(?<=[{_HAN}])\\.(?=$|{_SPACE}|[{_ZH}])")
# A line ending in one of these ends its paragraph; any other line break is a hard wrap.
PARAGRAPH_ENDS = "。！？；：”’」』）)…—.!?;:"


def _protect(line: str) -> tuple[str, list[str]]:
    tokens: list[str] = []

    def keep(m: re.Match) -> str:
        token = m.group(0)
        tail = len(token) - len(token.rstrip(".,;:!?)"))   # a sentence's own punctuation
        if tail and token.endswith(")") and token.count("(") >= token.count(")"):
            tail = len(token) - len(token[:-1].rstrip(".,;:!?")) - 1   # (…) belongs to the URL
        tokens.append(token[:len(token) - tail])
        return chr(_PLACEHOLDER + len(tokens) - 1) + token[len(token) - tail:]

    return _PROTECTED.sub(keep, line), tokens


def _restore(line: str, tokens: list[str]) -> str:
    for i, token in enumerate(tokens):
        line = line.replace(chr(_PLACEHOLDER + i), token)
    return line


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character that is not a space, looking left (step −1) or right (+1)."""
    index += step
    while 0 <= index < len(text) and text[index] in " \t\u00a0":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _full_width_punct(line: str) -> str:
    def convert(m: re.Match) -> str:
        before, after = _neighbour(line, m.start(), -1), _neighbour(line, m.start(), 1)
        if before.isdigit() and after.isdigit():
            return m.group(0)        # 1,234 · 12:30 · 1:2
        if _ZH_CHAR.match(before or " ") or _ZH_CHAR.match(after or " "):
            return _HALF_TO_FULL[m.group(0)]
        return m.group(0)
    return _PUNCT.sub(convert, line)


def _full_width_parens(line: str) -> str:
    def convert(m: re.Match) -> str:
        inner = m.group(1)
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        chinese = (_ZH_CHAR.search(inner) or _ZH_CHAR.match(before or " ")
                   or _ZH_CHAR.match(after or " ") or m.group(0)[0] == "（" or m.group(0)[-1] == "）")
        if not chinese:
            return m.group(0)
        return "（" + inner.strip(" \t\u00a0\u3000") + "）"
    # Innermost pairs first, then the pairs around them.
    previous = None
    while previous != line:
        previous, line = line, _PARENS.sub(lambda m: _mark(convert(m)), line)
    return line.replace("\ue8f0", "（").replace("\ue8f1", "）")


def _mark(pair: str) -> str:
    # Converted pairs are hidden from the next pass, so (a(b)c) is matched from the inside out.
    return pair.replace("（", "\ue8f0").replace("）", "\ue8f1") if pair.startswith("（") else (
        pair.replace("(", "\ue8f2").replace(")", "\ue8f3"))


# A list item pasted from Word or WPS (「•\t坚持以公开为常态」, Wingdings bullets as Ø ü §) and a
# table row (cells separated by tabs) are paragraphs of their own: nothing ends them with 。, and
# joining them as hard wraps ran a whole list or table into one line.
_BULLET = re.compile(r"^(?:[•·●○■□◆◇▪►➢➤√✓✔*\-][ \t\u3000]|[Øü§][ \t])")
_SPACES = " \t\u00a0\u3000\ufeff"


def _standalone(line: str) -> bool:
    return "\t" in line or bool(_BULLET.match(line))


def _heading_number_spacing(line: str) -> str:
    """「1.\t主动公开」 (Word's automatic numbering) and 「2.  依申请公开」 lose the space after the number."""
    for _level, pattern in _LEVEL_PATTERNS:
        m = pattern.match(line)
        if m:
            rest = line[m.end():].lstrip(_SPACES)
            if rest[:1].isdigit():
                return line      # 「2. 5万元」: not a number and its heading
            return line[:m.end()] + rest
    return line


def _tidy_line(line: str) -> str:
    line = _heading_number_spacing(line.strip(_SPACES))
    if "\t" in line:      # a table row or a list item: each cell tidied, the tabs kept
        return "\t".join(_tidy_text(cell) for cell in line.split("\t"))
    return _tidy_text(line)


def _tidy_text(line: str) -> str:
    line = line.strip(_SPACES)
    line, tokens = _protect(line)
    line = _full_width_punct(line)
    line = _full_width_parens(line).replace("\ue8f2", "(").replace("\ue8f3", ")")
    line = _FULL_STOP.sub("。", line)
    if line.endswith(".") and not line[-2:-1].isascii() or line.endswith("%."):
        if _HAN_CHAR.search(line):
            line = line[:-1] + "。"   # a Chinese sentence ending in an address or a 5% ends with 。
    line = _STRAY_SPACE.sub("", line)
    return _restore(line, tokens)


def _ends_paragraph(line: str) -> bool:
    if not line or line[-1] in PARAGRAPH_ENDS:
        return True
    standalone = classify(line)
    return standalone.level > 0 and not standalone.body   # a heading line stands alone


def _join(first: str, second: str) -> str:
    if first[-1:].isascii() and first[-1:].isalnum() and second[:1].isascii() and second[:1].isalnum():
        return f"{first} {second}"   # words of Latin text keep their space
    return first + second


def tidy(text: str) -> str:
    """整理格式: the text with full-width punctuation, no stray spaces and no hard wraps.

    Half-width ,;:?!() become full-width where they stand in Chinese text (digits, Latin text,
    decimal points, URLs and e-mail addresses are kept); spaces between Chinese characters are
    removed; a line that does not end a sentence is joined with the next unless that one is a
    heading; blank lines are dropped (paragraphs are one a line).  The clerk asks for it: it is
    never applied silently.
    """
    out: list[str] = []
    open_paragraph = False
    for raw in text.splitlines():
        line = _tidy_line(raw)
        if not line:
            if open_paragraph:
                # A blank line ends a paragraph that no 。 ends (「工作概况」, a signature line): it is
                # kept, or the next 整理格式 would join that paragraph with the one after it.
                out.append("")
            open_paragraph = False
            continue
        standalone = _standalone(line)
        if open_paragraph and out and heading_level(line) == 0 and not standalone:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        open_paragraph = not standalone and not _ends_paragraph(out[-1])
    while out and not out[-1]:
        out.pop()
    # Once more on the joined paragraphs: a pair of brackets or a space split by a hard wrap
    # (「(以下简称\n《条例》)」) is seen whole only now, and one click must do all of it.
    return "\n".join(_settled(line) for line in out)


def _settled(line: str) -> str:
    """The line tidied until tidying changes nothing (a converted bracket makes the comma after it
    Chinese context: 「(…),」 takes two rounds)."""
    for _ in range(4):
        line, before = _tidy_line(line), line
        if line == before:
            break
    return line


def without_hard_wraps(text: str) -> str:
    """The text with each hard wrap (a line break 整理格式 would join) made a space.  It keeps its
    length, so a position in it is one in the text: what a reader takes for one sentence — a
    paragraph copied from a PDF, wrapped at every line — can be read as one."""
    lines = text.split("\n")
    out = [lines[0]]
    for line, following in zip(lines, lines[1:]):
        this, after = line.strip(_SPACES), following.strip(_SPACES)
        wrap = (this and after and not _standalone(this) and not _standalone(after)
                and heading_level(after) == 0 and not _ends_paragraph(this))
        out += [" " if wrap else "\n", following]
    return "".join(out)


# --------------------------------------------------------------------------- 信息处理费

NO_FEE_SENTENCE = "本年度未收取信息处理费。"
# Either form of the sentence, so that offering it again replaces the old one instead of adding one.
FEE_SENTENCE = re.compile(r"本年度(?:未收取信息处理费|共收取信息处理费[0-9０-９,.，．]+元，涉及申请[0-9０-９]+件)。")


def fee_sentence(amount=0, applications: int = 0) -> str:
    """The 信息处理费 statement section 六 must make (editions.md): none, or amount (元) and count."""
    from decimal import Decimal
    amount = Decimal(str(amount))
    if amount <= 0:
        return NO_FEE_SENTENCE
    text = f"{amount.normalize():f}"
    return f"本年度共收取信息处理费{text}元，涉及申请{int(applications)}件。"
