"""Matching the labels found in a file to the rows and columns of an edition's table.

Sheets made by others write the official labels with half-width punctuation, extra spaces, line
breaks, without their numbering or their long parenthetical, and sometimes with a typo.  A label is
compared in a normalised form (letters and digits only), then in a few known short forms, then by
similarity; the match says how it was found so that the importer can record a label that differs
from the official one (R11).  A match can name several entries (the same label under two groups):
the caller resolves those by the group labels around them, or reports them as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..edition import Node, Table

# 「（三）」「三、」「1.」「1、」「其中：」 — the numbering a clerk may leave out.
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]"
                        r"|\d+\s*[.．、)）]|[（(]\d+[)）]|其中\s*[:：])")
# 「其中：」 written before a label that has none in the template (a sub-item, as the sheet sees it).
_WHEREOF = re.compile(r"^\s*其中\s*[:：]?\s*")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[)）]\s*$")
EXACT, VARIANT, FUZZY = "exact", "variant", "fuzzy"
FUZZY_MIN_RATIO = 0.75      # one wrong character in a four-character label still matches
FUZZY_MIN_LENGTH = 4        # shorter labels (总计, 其他) must match exactly
FUZZY_MARGIN = 0.08         # the best must beat the next different label by this much


def normalise(text: str) -> str:
    """Letters and digits only, half-width, lower case: 「（一）予以 公开」 → 「一予以公开」."""
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in text.lower() if unicodedata.category(ch)[0] in "LN")


def compact(text: str) -> str:
    """The text without any whitespace (line breaks and spaces are layout, not part of a label)."""
    return "".join(str(text).split())


def numbering(text: str) -> str:
    m = _NUMBERING.match(text)
    return normalise(m.group(0)) if m else ""


def without_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


@dataclass(frozen=True)
class Entry:
    """One row or column of a table, or a block of a 表二-like table, as a matching target."""
    key: str                       # unique on its axis
    label: str
    ancestors: tuple[str, ...]     # keys of the groups above it, outermost first
    is_value: bool
    node: Node | None = None       # None for a block (it has no row of its own)
    published_key: str | None = None   # the key in report.published_labels
    exact_forms: tuple[str, ...] = ()  # other texts that are the official label (「…（单位：万元）」)


@dataclass(frozen=True)
class Match:
    entries: tuple[Entry, ...]
    quality: str                   # EXACT, VARIANT or FUZZY
    text: str                      # the text as found

    @property
    def faithful(self) -> bool:
        """True when the text is the official label but for whitespace (nothing to report)."""
        found = compact(self.text)
        return all(found == compact(e.label) or found in map(compact, e.exact_forms) for e in self.entries)


class Axis:
    """The rows or the columns of a table (or of one block) as an index of labels."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_key = {e.key: e for e in entries}
        self._exact: dict[str, list[Entry]] = {}
        self._variant: dict[str, list[Entry]] = {}
        for e in entries:
            for form in (e.label,) + e.exact_forms:
                _add(self._exact, normalise(form), e)
        for e in entries:
            for form in _variants(e, self.by_key):
                key = normalise(form)
                if key and key not in self._exact:
                    _add(self._variant, key, e)
        self._fuzzy = [(normalise(e.label), numbering(e.label), e) for e in entries if e.label]

    def match(self, text: str, fuzzy: bool = False) -> Match | None:
        key = normalise(text)
        if not key:
            return None
        if key in self._exact:
            return Match(tuple(self._exact[key]), EXACT, text)
        if key in self._variant:
            return Match(tuple(self._variant[key]), VARIANT, text)
        inner = _WHEREOF.sub("", text, count=1)
        if inner != text and normalise(inner):
            found = self.match(inner, fuzzy)
            if found:
                return Match(found.entries, FUZZY if found.quality == FUZZY else VARIANT, text)
        if fuzzy:
            return self._fuzzy_match(text, key)
        return None

    def _fuzzy_match(self, text: str, key: str) -> Match | None:
        if len(key) < FUZZY_MIN_LENGTH or len(key) > 120:
            return None
        number = numbering(text)
        scores: dict[str, float] = {}
        for label, label_number, _ in self._fuzzy:
            if number and label_number and number != label_number:
                continue   # 「2.…」 is never 「3.…」, however alike the rest
            if not 0.6 <= len(key) / max(len(label), 1) <= 1.6:
                continue
            matcher = SequenceMatcher(None, key, label, autojunk=False)
            if matcher.real_quick_ratio() < FUZZY_MIN_RATIO or matcher.quick_ratio() < FUZZY_MIN_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_MIN_RATIO:
                scores[label] = max(ratio, scores.get(label, 0.0))
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best_label, best = ranked[0]
        if len(ranked) > 1 and ranked[1][1] > best - FUZZY_MARGIN:
            labels = {best_label, ranked[1][0]}
        else:
            labels = {best_label}
        return Match(tuple(e for label, _, e in self._fuzzy if label in labels), FUZZY, text)

    def resolve(self, match: Match, context: set[str]) -> list[Entry]:
        """The entries of a match that best agree with the group keys around the text."""
        if len(match.entries) == 1:
            return list(match.entries)
        scored = [(len(set(e.ancestors) & context), e) for e in match.entries]
        best = max(s for s, _ in scored)
        return [e for s, e in scored if s == best]


def _add(index: dict, key: str, entry: Entry) -> None:
    if key:
        bucket = index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)


def _variants(entry: Entry, by_key: dict[str, Entry]):
    """Short forms a clerk writes for a label: without numbering, without the long note in
    brackets, or joined with its group (「三、本年度办理结果（一）予以公开」 in one cell)."""
    label = entry.label
    short = _TRAILING_NOTE.sub("", label)
    yield without_numbering(label)
    if short != label:
        yield short
        yield without_numbering(short)
    path = [by_key[k].label for k in entry.ancestors if k in by_key] + [label]
    for i in range(len(path) - 1):
        yield "".join(path[i:])


# ------------------------------------------------------------------ axes of a table

def _tree_entries(table: Table, nodes, axis: str, prefix: tuple[str, ...] = ()) -> list[Entry]:
    out, stack = [], []
    for node in nodes:
        del stack[node.level:]
        forms = (f"{node.label}（单位：{node.unit}）",) if node.unit and axis == "col" else ()
        out.append(Entry(key=node.key, label=node.label, ancestors=prefix + tuple(stack),
                         is_value=node.is_value, node=node,
                         published_key=f"{table.id}:{axis}:{node.key}", exact_forms=forms))
        stack.append(node.key)
    return out


def row_axis(table: Table) -> Axis:
    if table.layout != "blocks":
        return Axis(_tree_entries(table, table.rows, "row"))
    entries = []
    for i, block in enumerate(table.blocks):
        bkey = f"block{i}"
        entries.append(Entry(key=bkey, label=block.label, ancestors=(), is_value=False))
        entries.extend(_tree_entries(table, block.rows, "row", (bkey,)))
    return Axis(entries)


def column_axes(table: Table) -> list[Axis]:
    """One axis for a matrix or list table; one per block for a 表二-like table."""
    if table.layout == "blocks":
        return [Axis(_tree_entries(table, block.columns, "col")) for block in table.blocks]
    return [Axis(_tree_entries(table, table.columns, "col"))]
