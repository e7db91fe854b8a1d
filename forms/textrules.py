"""The data of the text-against-table rules (R8, R9) as an edition file declares them.

A ``text_numbers`` rule lists the quantities of the tables that a narrative states, each with the
phrasings that name it::

    {"key": "reading_points", "name": "（二）设置政府信息公开查阅点数", "cells": ["t1:reading_points:v"],
     "unit": ["个", "处"], "patterns": ["查阅点{n}", "设置{n}…查阅点"]}

A phrasing is a regular expression in which ``{n}`` stands for the number (with its 余/多/近/约
and its unit, which the checker reads itself) and ``…`` for a few characters of the same clause
(「共收到…申请{n}」 matches 「共收到群众政府信息公开申请218件」).  ``cells`` are summed (a group row
such as ``t3:deny:total`` means all its rows); ``or`` lists other readings the text may mean
(「共收到申请X件」 is 一、本年新收 — or 一 + 二 for units that count last year's too).
A ``fee_statement`` rule names the section that must state the 信息处理费 and the cells that give
it context.  Both are parsed here when the edition is read, so a malformed phrasing in a user's
edition file is refused then.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_SYNTAX = re.compile(r"[\\()?:|*+\[\]^$.{}]")     # a phrasing piece with any of these is a pattern
# What a gap (…) may hold: a few characters of one clause, no digits (another number) and no
# enumeration comma (「行政复议、行政诉讼共5件」 counts two things together).
GAP = r"[^，。；！？、,;!?\n0-9０-９]{0,15}?"
# Words that may stand between a phrase and its number without changing what it counts.
LINK = r"(?:数量|总数|总量|数)?(?:共计|合计|总计|累计|共|计|达到|达|为|是|有|了)?"   # 「申请数量为」
MONEY_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
# What may follow the thing a negation says there was none of, up to the end of its clause:
# 「…行政复议、诉讼和申诉的情况发生」, 「…行政复议和行政诉讼案件」.
NONE_FILLER = r"(?:政府信息公开|信息公开|依申请公开|政府信息|政府|行政|工作|任何|各类|有关|相关|类|的)*"
NONE_TAIL = r"(?:(?:、|和|及|与|或)[^，。；、,;0-9０-９]{0,12}?)?的?(?:情况|情形|事项|案件|现象)?(?:发生|出现)?"


@dataclass(frozen=True)
class Phrasing:
    """A phrasing's regular expressions are compiled when first needed: compiling the ≈ 100
    phrasings of an edition is most of the time it takes to read one, at every start-up.  A user's
    edition file is compiled when it is read (:func:`compile_phrasing`, ``eager``), so that a
    malformed phrasing is refused then; the official ones are proved by the tests."""
    source: str

    @functools.cached_property
    def prefix(self) -> re.Pattern | None:
        """Matched so that it ends where the number begins."""
        return _compile_part(self.source.split("{n}")[0], True)

    @functools.cached_property
    def suffix(self) -> re.Pattern | None:
        """Matched from just after the number's unit."""
        return _compile_part(self.source.split("{n}")[1], False)

    @functools.cached_property
    def prefix_anywhere(self) -> re.Pattern | None:
        """The prefix's words found anywhere before the number (``prefix`` without its end)."""
        return _compile_part(self.source.split("{n}")[0], None)

    @functools.cached_property
    def _words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The plain words (no regular-expression syntax) before and after the number."""
        return tuple(tuple(piece for piece in part.split("…") if piece and not _SYNTAX.search(piece))
                     for part in self.source.split("{n}"))

    def may_precede(self, text: str, end: int | None = None) -> bool:
        """Whether ``text[:end]`` holds every plain word of the part before the number.  Without
        them ``prefix``, ``prefix_anywhere`` and ``negated`` cannot match, and are not compiled:
        compiling every phrasing of an edition at the first check took ≈ 70 ms."""
        return all(text.find(word, 0, len(text) if end is None else end) >= 0 for word in self._words[0])

    def may_follow(self, text: str, start: int = 0) -> bool:
        """Whether ``text[start:]`` holds every plain word of the part after the number."""
        return all(text.find(word, start) >= 0 for word in self._words[1])

    @property
    def suffix_anywhere(self) -> re.Pattern | None:
        """The suffix's words found anywhere after the number: ``suffix`` itself, which floats."""
        return self.suffix

    @functools.cached_property
    def negated(self) -> re.Pattern | None:
        """The phrasing's words after a negation, ending their clause: 「本年度未收到政府信息公开申请」,
        「未发生行政复议和行政诉讼案件」 state a count of 0.  None for a phrasing that starts with
        its number."""
        head = self.source.split("{n}")[0].strip("…")
        if not head:
            return None
        # Between its words only generic ones: 「没有收到重复申请」 says nothing of the other applications.
        body = NONE_FILLER.join(f"(?:{piece})" for piece in head.split("…"))
        # 「未经复议直接起诉」 is a kind of suit, 「尚未办结」 some cases not yet done: no negations;
        # 无论, 无法, 无需 … neither.
        return re.compile(f"(?:(?<![尚仍还])未(?!经)|没有|无(?!论|法|需|须|关))(?P<gap>{GAP})(?:{body})"
                          f"{NONE_TAIL}\\s*\\Z")


@dataclass(frozen=True)
class Quantity:
    key: str
    name: str                                   # for messages: the label in the table
    cells: tuple[str, ...]                      # summed
    alternatives: tuple[tuple[str, ...], ...]   # other sums the text may mean
    units: tuple[str, ...]                      # units the text writes after the number
    table_unit: str                             # 万元 for money cells, else the count unit
    patterns: tuple[Phrasing, ...]
    note: str = ""                              # which reading is taken, for the message
    within: str = ""                            # key of the quantity this one is a part of

    @property
    def money(self) -> bool:
        return self.table_unit in MONEY_UNITS


def _compile_part(text: str, anchor_end: bool | None) -> re.Pattern | None:
    """``anchor_end``: True ends at the number, False starts after it, None floats."""
    if not text:
        return None
    body, count = "", 0
    for i, piece in enumerate(text.split("…")):
        if i:
            body += f"(?P<gap{count}>{GAP})"
            count += 1
        body += piece
    if anchor_end:
        return re.compile(f"(?:{body})(?P<link>{LINK}[ \\t\\u00a0\\u3000]*)\\Z")   # 「申请 218件」
    return re.compile(f"(?:{body})")


def compile_phrasing(text: str, eager: bool = True) -> Phrasing:
    """Raises ValueError (message in Chinese) when the phrasing cannot be used; ``eager=False``
    leaves the regular expressions to be compiled when first used (official editions)."""
    if text.count("{n}") != 1:
        raise ValueError(f"说法“{text}”中应恰好有一个 {{n}}（数字的位置）")
    if not re.sub(r"\{n\}|…|[\\()?:|*+\[\]^$.]", "", text):
        raise ValueError(f"说法“{text}”中没有可以辨认的字词")
    if "(?P<" in text:
        raise ValueError(f"说法“{text}”中不能使用命名分组")
    phrasing = Phrasing(text)
    if eager:
        try:
            phrasing.prefix, phrasing.suffix
        except re.error as exc:
            raise ValueError(f"说法“{text}”不是有效的正则表达式（{exc}）") from None
    return phrasing


def parse_text_rule(rd, obj: dict, where: str, tables: dict, sections: set[str]) -> dict:
    """The fields of a text rule as keyword arguments of ``Rule``; raises the reader's error."""
    from .edition import _cells_of, _terms   # edition.py calls this while it is being read

    def cells(refs, w) -> tuple[str, ...]:
        if not isinstance(refs, list) or not refs:
            raise rd.fail(w, "cells 应为非空的单元格引用列表")
        out = []
        for sign, prev, t, r, c in _terms(rd, refs, w, tables):
            if sign < 0 or prev or "*" in (r, c):
                raise rd.fail(w, "此处的单元格引用不能带“-”“prev:”或“*”")
            out.extend(_cells_of(rd, tables[t], r, c, w))
        return tuple(dict.fromkeys(out))

    typ = obj["type"]
    fields: dict = {}
    if "section" in obj or typ == "fee_statement":
        section = rd.get(obj, "section", str, where)
        if section not in sections:
            raise rd.fail(where, f"引用了不存在的章节“{section}”")
        fields["section"] = section
    quantities = []
    raw = rd.get(obj, "quantities", list, where, [])
    if typ == "text_numbers" and not raw:
        raise rd.fail(where, "quantities 应为非空列表")
    keys = set()
    for i, q in enumerate(raw):
        w = f"{where}quantities[{i}]："
        key = rd.get(q, "key", str, w)
        if key in keys:
            raise rd.fail(w, f"数量的键“{key}”重复")
        keys.add(key)
        units = rd.get(q, "unit", (str, list), w)
        units = [units] if isinstance(units, str) else units
        if not units or not all(isinstance(u, str) and u for u in units):
            raise rd.fail(w, "unit 应为单位或单位的列表")
        table_unit = rd.get(q, "table_unit", str, w, units[0])
        if table_unit in MONEY_UNITS:   # money: the text may write 元, 万元 or 亿元 whatever the table uses
            units = list(dict.fromkeys(units + list(MONEY_UNITS)))
        patterns = rd.get(q, "patterns", list, w, [])
        compiled = []
        for p in patterns:
            if not isinstance(p, str):
                raise rd.fail(w, "patterns 应为字符串列表")
            try:
                compiled.append(compile_phrasing(p, eager=rd.compile_patterns))
            except ValueError as exc:
                raise rd.fail(w, str(exc)) from None
        if typ == "text_numbers" and not compiled:
            raise rd.fail(w, "patterns 应为非空列表")
        alternatives = rd.get(q, "or", list, w, [])
        quantities.append(Quantity(
            key=key, name=rd.get(q, "name", str, w), cells=cells(q.get("cells"), w),
            alternatives=tuple(cells(a, w) for a in alternatives),
            units=tuple(sorted(dict.fromkeys(units), key=len, reverse=True)),
            table_unit=table_unit, patterns=tuple(compiled), note=rd.get(q, "note", str, w, ""),
            within=rd.get(q, "within", str, w, "")))
    for q in quantities:
        if q.within and q.within not in keys:
            raise rd.fail(where, f"数量“{q.key}”的 within 引用了不存在的“{q.within}”")
    fields["quantities"] = tuple(quantities)
    qualifiers = rd.get(obj, "qualifiers", list, where, [])
    if not all(isinstance(x, str) and x for x in qualifiers):
        raise rd.fail(where, "qualifiers 应为字词的列表")
    fields["qualifiers"] = tuple(qualifiers)
    return fields
