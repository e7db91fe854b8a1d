"""Text against tables: the numbers the narrative states for quantities of the tables (R8), and
the 信息处理费 statement of section 六 (R9).

The narrative is read clause by clause (a clause ends at ，。；：！？).  In each clause the numbers
followed by a unit are found — 「218件」「３２８７条」「3,287条」「1.2万元」「十七件」「两千余条」
「近300人次」 — and each is given to the quantity whose phrasing (edition data, forms/textrules.py)
ends nearest to it with the most words in common: 「不予公开中属于国家秘密1件」 speaks of 属于国家秘密,
not of 不予公开.  A number is compared only when nothing says it counts something else: a part
(「其中」, 「自然人」 and the rule's other qualifiers), a change (「比上年增加」), another year
(「2016年」, 「上年」), several things together (「行政复议、行政诉讼共5件」).  Precision matters
more than recall: a sentence the reader cannot tie to one quantity is left alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .checks import Finding, checker
from .chinese_numbers import (NUMERALS, arabic_digits, decimals_of, fullwidth_digits, parse_chinese, to_chinese,
                              year_value)
from .edition import Rule
from .narrative import without_hard_wraps
from .numbers import format_number
from .report import Report
from .textrules import MONEY_UNITS, Phrasing, Quantity

# Markers of an approximate number, before it (近300人次) or after it (300余人次, 300人次以上).
_BELOW = ("将近", "接近", "近")
_ABOUT = ("大约", "大概", "约")
_ABOVE = ("超过", "多于", "逾")
_UNITS = ("人次", "万元", "亿元", "元", "件", "个", "人", "名", "次", "条", "篇", "场", "期", "项",
          "起", "宗", "家", "处", "份", "批")
# Spaces a clerk typed (or Word left) around a number: 「申请 218 件」 states 218 as well.
SPACES = r"[ \t\u00a0\u3000]*"
_TOKEN = re.compile(
    rf"(?P<pre>将近|接近|近|大约|大概|约|超过|多于|逾)?{SPACES}"
    r"(?:(?P<arabic>(?<![0-9０-９.．,，\-－—~～/:：@A-Za-z〔第每])"
    rf"[0-9０-９]+(?:,[0-9０-９]{{3}})*(?:[.．][0-9０-９]+)?(?![0-9０-９])){SPACES}(?P<mult>万|亿|千)?"
    rf"|(?P<chinese>(?<![{NUMERALS}第每])[{NUMERALS}]+))"
    r"(?P<approx>余|多|来)?"
    rf"{SPACES}(?P<unit>{'|'.join(_UNITS)})"
    r"(?![性事])"                              # 一次性, 一件事: words, not counts
    r"(?P<post>以上|左右|上下|之多)?")
_CLAUSE_END = "，,：:；;。！？!?\n"
_SENTENCE_END = "；;。！？!?\n"
# Words between a phrase and its number that make the number speak of something else: a part,
# a change, several things together, a rate.
_STOP = re.compile(r"其中|比|较|增加|减少|增长|下降|上升|提高|降低|分别|各为|各有|各占|均为|和|与|或"
                   r"|(?<![涉危普企顾])及|平均|每")
_SPREAD = re.compile(r"分别|依次|各自")
_PAST = ("上年", "去年", "上一年", "前年", "往年", "历年")
# Matters a report also counts in 件 that are not 政府信息公开申请: 「办结群众来信来访300件」,
# 「收到咨询类申请12件」, 「办理人大代表建议30件」.
_OTHER_MATTERS = ("来信", "来访", "信访", "留言", "诉求", "咨询", "建议", "提案", "工单", "热线")
# … and applications that are not for information, when their kind stands between the words of a
# phrase: 「受理行政许可申请5000件」, 「收到复议申请7件」.
_OTHER_APPLICATIONS = ("行政许可", "复议")
# 「行政复议、」「规章和」 before a phrase join it to another thing; 「涉及」「危及」 do not.
_CONJUNCTION = re.compile(r"(?:、|和|与|或|(?<![涉危普企顾])及)\s*$")
# Part of the year: 「1-11月份」「1月至6月」「上半年」「第一季度」「截至11月底」 — but 「1至12月」 is all of it.
_MONTH = r"([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*"
_MONTH_RANGE = re.compile(rf"{_MONTH}(?:月(?:\s*[0-9０-９]{{1,2}}\s*日)?)?\s*[-－—至到~～]\s*"
                          rf"(?:[0-9０-９]{{4}}\s*年\s*)?{_MONTH}月")
_UNTIL_MONTH = re.compile(rf"截[至止]到?\s*(?:[0-9０-９]{{4}}\s*年\s*)?{_MONTH}月")
_PART_OF_YEAR = re.compile(r"上半年|下半年|前三季度|[一二三四1-4１-４]季度")
_ENDS_WITH_COUNT = re.compile(rf"[0-9０-９{NUMERALS}]+[余多]?\s*(?:{'|'.join(_UNITS)})\s*$")


# The words that say which year a number belongs to; 「上年结转」「上年未办结」 name a row of this
# year's 表三, not last year.
_WHEN = re.compile(r"(?P<span>[0-9０-９]{4}\s*年?\s*(?:至|到|—|-|－|～|~)\s*[0-9０-９]{4}\s*年)"   # 「2022年至2024年」
                   r"|(?P<year>[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年|(?P<past>上一?年|去年|前年|往年|历年)(?!度?(?:结转|未办结))"
                   r"|本年|今年"
                   # several years: 「近三年」「三年来」 (as 「往年」, not this year alone)
                   r"|(?P<years>近\s*[两二三四五六七八九十0-9０-９]+\s*年|[两二三四五六七八九十0-9０-９]+\s*年(?:来|间|以来))")


def _another_year(context: str, year: int) -> bool:
    """Whether the year named last before a number is not the report's: 「与2023年相比，2024年共收到
    申请200件」 states this year's, 「上年共收到申请200件，办结200件」 last year's both."""
    last = None
    for last in _WHEN.finditer(context):
        pass
    if last is None:
        return False
    if last.group("year"):      # 「2023年」「２０２３年」「二〇二三年」
        return year_value(last.group("year")) != year
    return any(last.group(k) is not None for k in ("past", "years", "span"))


def _month(text: str) -> int | None:
    return int(arabic_digits(text)) if text[0] not in NUMERALS else parse_chinese(text)


def _part_of_year(context: str) -> bool:
    """Whether the words before a number limit it to part of the year (1–11 months)."""
    if _PART_OF_YEAR.search(context):
        return True
    if any((_month(m.group(1)), _month(m.group(2))) != (1, 12) for m in _MONTH_RANGE.finditer(context)):
        return True
    return any(_month(m.group(1)) != 12 for m in _UNTIL_MONTH.finditer(context))


@dataclass(frozen=True)
class Stated:
    """A number the text states, with its unit and approximation, and where it stands."""
    value: Decimal            # in the unit written after it (元 for 1.2万元)
    unit: str
    approx: str               # "", "above", "below" or "about"
    start: int                # of the number itself (without 近/余/unit), in the section text
    end: int
    text: str                 # the number as written: 「3,287」「十七」「1.2万」
    step: Decimal             # the place of its last written digit: 1.2万 is 12000 give or take 1000


@dataclass(frozen=True)
class Statement:
    quantity: Quantity
    stated: Stated
    sentence: str
    phrase: str               # from the words that name the quantity to the unit: 「查阅点6个」


def _number(m: re.Match, offset: int) -> Stated | None:
    unit, mult_text = m.group("unit"), m.group("mult") or ""
    if unit == "元" and mult_text in ("万", "亿"):   # 1.2万元 is 1.2 of the table's 万元
        unit, mult_text = mult_text + "元", ""
    if m.group("arabic"):
        written = m.group("arabic")
        digits = arabic_digits(written).replace(",", "").replace("．", ".")
        value = Decimal(digits)
        mult = {"万": 10_000, "亿": 100_000_000, "千": 1000}.get(mult_text, 1)
        step = Decimal(1).scaleb(-decimals_of(value)) if "." in digits else Decimal(1)
        if mult > 1:
            value, step = value * mult, step * mult
        text, start = written + mult_text, m.start("arabic")
        end = m.end("mult") if mult_text else m.end("arabic")
    else:
        text = m.group("chinese")
        number = parse_chinese(text)
        if number is None:
            return None
        value = Decimal(number)
        step = Decimal(1)
        if number >= 10_000:   # 三万 is a round figure; 三万五千 is written to the thousand
            zeros = len(str(number)) - len(str(number).rstrip("0"))
            step = Decimal(10) ** zeros
        start, end = m.start("chinese"), m.end("chinese")
    pre, post = m.group("pre") or "", (m.group("approx") or "") + (m.group("post") or "")
    if pre in _BELOW:
        approx = "below"
    elif pre in _ABOVE or any(w in post for w in ("余", "多", "以上", "之多")):
        approx = "above"
    elif pre in _ABOUT or any(w in post for w in ("来", "左右", "上下")):
        approx = "about"
    else:
        approx = ""
    return Stated(value=value, unit=unit, approx=approx, start=offset + start,
                  end=offset + end, text=text, step=step)


_ENDS: dict[str, re.Pattern] = {}


def _spans(text: str, ends: str):
    start = 0
    if "," not in ends:
        # No thousands separator to tell from a comma: the ends are found at C speed (a section of
        # 20,000 characters went through one by one on every edit).
        ends_re = _ENDS.get(ends) or _ENDS.setdefault(ends, re.compile(f"[{re.escape(ends)}]"))
        for m in ends_re.finditer(text):
            if m.start() > start:
                yield start, m.start()
            start = m.end()
        if start < len(text):
            yield start, len(text)
        return
    for i, ch in enumerate(text):
        if ch == "," and text[i - 1:i].isdigit() and text[i + 1:i + 4].isdigit():
            continue      # 3,287: a thousands separator, not the end of a clause
        if ch in ends:
            if i > start:
                yield start, i
            start = i + 1
    if start < len(text):
        yield start, len(text)


def _phrase(p: Phrasing, clause: str, m: re.Match):
    """Where the phrasing stands around the number at ``m``: (start, end, gaps, literal length,
    gap length), or None when it does not fit the clause."""
    start, end, gaps, gap_len, literal = m.start(), m.end(), [], 0, 0
    if not (p.may_precede(clause, m.start()) and p.may_follow(clause, m.end())):
        return None
    for pattern, found in ((p.prefix, p.prefix and p.prefix.search(clause, 0, m.start())),
                           (p.suffix, p.suffix and p.suffix.match(clause, m.end()))):
        if pattern is None:
            continue
        if not found:
            return None
        parts = [v for k, v in found.groupdict().items() if k.startswith("gap") and v]
        skipped = sum(map(len, parts)) + len(found.groupdict().get("link") or "")
        gaps += parts
        gap_len += skipped
        literal += found.end() - found.start() - skipped
        if pattern is p.prefix:
            start = found.start()
        else:
            end = found.end()
    return start, end, gaps, literal, gap_len


def _best(rule: Rule, clause: str, m: re.Match, unit: str):
    """The quantity the number at ``m`` speaks of, with where the matched phrase starts and ends
    and its gaps; None if no phrasing ends at it or two quantities claim it equally."""
    candidates = []
    for q in rule.quantities:
        if unit not in q.units:
            continue
        for p in q.patterns:
            fit = _phrase(p, clause, m)
            if fit is not None:
                start, end, gaps, literal, gap_len = fit
                candidates.append(((literal, -gap_len), q, start, end, gaps))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0], reverse=True)
    score, q, start, end, gaps = candidates[0]
    rivals = {c[1].key for c in candidates if c[0] == score}
    if len(rivals) > 1:
        return None
    return q, start, end, gaps


def _parts(rule: Rule, whole: Quantity) -> list[Quantity]:
    cells = set(whole.cells)
    return [q for q in rule.quantities
            if q.within == whole.key or (q is not whole and set(q.cells) < cells)]


def _names_a_part(rule: Rule, whole: Quantity, clause: str, m: re.Match) -> bool:
    """Whether the clause also names a part of the quantity: 「因涉及国家秘密不予公开1件」 may count
    the 国家秘密 cases only, so it is not compared with the whole 不予公开."""
    for part in _parts(rule, whole):
        for p in part.patterns:
            if p.may_precede(clause, m.start()) and p.prefix_anywhere is not None \
                    and p.prefix_anywhere.search(clause, 0, m.start()):
                return True
            if p.may_follow(clause, m.end()) and p.suffix_anywhere is not None \
                    and p.suffix_anywhere.search(clause, m.end()):
                return True
    return False


# statements() runs for every section on every edit, but depends only on the rule, the text and the
# year: the reading of unchanged text is reused (it was two thirds of a check run, bench/edit.py).
# Keyed by the rule's identity — hashing a Rule by value costs ≈ 35 µs.
_READINGS: dict[tuple, tuple] = {}
_READINGS_MAX = 256
# … and a changed text is read again sentence by sentence, each sentence's reading kept: typing in a
# section of 20,000 characters re-read all of it at every pause (≈ 16 ms, bench/large.py).
_SENTENCES: dict[tuple, tuple] = {}
_SENTENCES_MAX = 8192


def statements(rule: Rule, report: Report, section_id: str) -> list[Statement]:
    """The numbers of a section's text that the rule's quantities can be compared with."""
    text, year = report.text(section_id), report.meta.year
    key = (id(rule), text, year)
    hit = _READINGS.get(key)
    if hit is None or hit[0] is not rule:
        if len(_READINGS) >= _READINGS_MAX:
            _READINGS.clear()
        hit = _READINGS[key] = (rule, tuple(_read_statements(rule, text, year)))
    return list(hit[1])


def _read_statements(rule: Rule, written: str, year: int) -> list[Statement]:
    out = []
    text = without_hard_wraps(written)      # the same length: positions are the written text's
    for s_start, s_end in _spans(text, _SENTENCE_END):
        sentence = text[s_start:s_end]
        quote = written[s_start:s_end].strip()
        # A sentence is read on its own (positions from its start), so its reading holds wherever it
        # stands: only the sentences an edit touched are read again.
        key = (id(rule), sentence, quote, year)
        hit = _SENTENCES.get(key)
        if hit is None or hit[0] is not rule:
            if len(_SENTENCES) >= _SENTENCES_MAX:
                _SENTENCES.clear()
            hit = _SENTENCES[key] = (rule, tuple(_read_sentence(rule, sentence, quote, year)))
        out.extend(hit[1] if not s_start else (_moved(st, s_start) for st in hit[1]))
    return out


def _moved(st: Statement, offset: int) -> Statement:
    stated = st.stated
    return replace(st, stated=replace(stated, start=stated.start + offset, end=stated.end + offset))


def _read_sentence(rule: Rule, sentence: str, quote: str, year: int) -> list[Statement]:
    """The statements of one sentence, their positions counted from its start."""
    wholes: set[str] = set()        # quantities stated before a 「其中」 of this sentence
    parts = False
    found: list[Statement] = []
    previous_clause = clause = ""
    # Whether the previous clause counted something none of whose numbers were read as a quantity
    # of the tables: 「受理投诉举报100件」, 「其中自然人申请217件」, 「上年收到申请200件」.
    unread_before = counted_here = False
    for c_start, c_end in _spans(sentence, _CLAUSE_END):
        previous_clause, clause = clause, sentence[c_start:c_end]
        unread_before, counted_here, read_before = counted_here, False, len(found)
        before_clause = sentence[:c_start]
        if "其中" in clause[:4]:
            parts = True
        for m in _TOKEN.finditer(clause):
            stated = _number(m, c_start)
            if stated is None:
                continue
            counted_here = True
            best = _best(rule, clause, m, stated.unit)
            if best is None:
                continue
            quantity, phrase_start, phrase_end, gaps = best
            lead = clause[:phrase_start]
            if any(_STOP.search(g) or any(w in g for w in rule.qualifiers) for g in gaps):
                continue
            if any(w in lead for w in rule.qualifiers) or _names_a_part(rule, quantity, clause, m):
                continue      # 「通过网络共收到申请」「因涉及国家秘密不予公开」: a part
            if any(w in g for g in gaps for w in _PAST):
                continue
            if _SPREAD.search(lead):
                continue      # 「分别收到申请150件、197件、218件」: one number for each of several
            if _aside(rule, quantity, clause[phrase_start:m.start()]):
                continue      # 「予以公开（含部分公开）100件」: neither one alone
            # A clause without a subject of its own (「…受理群众诉求5万余件，办结4.8万件」) speaks of
            # the previous clause's.
            own_subject = bool(lead.strip("共全部已均并"))
            subject = lead if own_subject else previous_clause + lead
            if any(w in subject or any(w in g for g in gaps) for w in _OTHER_MATTERS) \
                    or any(w in g for g in gaps for w in _OTHER_APPLICATIONS):
                continue      # another matter than the tables count
            if not own_subject and unread_before:
                continue      # 「受理投诉举报100件，办结95件」: the matter the previous clause counted
            if _CONJUNCTION.search(lead) and not _ENDS_WITH_COUNT.search(lead.rstrip()[:-1]):
                continue      # 「行政复议、行政诉讼5件」: two things counted together
            if "其中" in lead:
                parts = True
            context = before_clause + lead
            if _another_year(context, year) or _part_of_year(context):
                continue      # another year, or part of the year (1-11月份)
            if parts and quantity.key in wholes:
                continue      # 「共收到申请20件，其中…申请5件」: the part is not the whole
            if not parts:
                wholes.add(quantity.key)
            phrase = _quoted(clause, m, phrase_start, phrase_end)
            found.append(Statement(quantity, stated, quote, phrase))
        counted_here = counted_here and len(found) == read_before
        stated_here = {st.quantity.key for st in found}
        found += [st for st in _negations(rule, clause, before_clause, c_start, year, quote)
                  if st.quantity.key not in stated_here]
    return _largest_of_each(found)


def _negations(rule: Rule, clause: str, before: str, offset: int, year: int, quote: str):
    """The quantities a clause says there were none of (「本年度未收到政府信息公开申请」): a 0, unless
    the words make it a part, another matter, another year or part of the year."""
    if "未" not in clause and "没有" not in clause and "无" not in clause:
        return      # most clauses: no need to try every phrasing
    for q in rule.quantities:
        for p in q.patterns:
            m = p.negated.search(clause) if p.may_precede(clause) and p.negated is not None else None
            if m is None:
                continue
            lead, said = clause[:m.start()], m.group(0)
            if (any(w in lead + said for w in rule.qualifiers + _PAST + _OTHER_MATTERS)
                    or _STOP.search(m.group("gap")) or _names_another(rule, q, m.group("gap"))
                    or any(pp.may_precede(said) and pp.prefix_anywhere is not None and pp.prefix_anywhere.search(said)
                           for part in _parts(rule, q) for pp in part.patterns)):
                break
            if _another_year(before + lead, year) or _part_of_year(before + lead):
                break
            yield Statement(q, Stated(Decimal(0), q.units[0], "", offset + m.start(), offset + m.end(), "",
                                      Decimal(1)), quote, (lead + said).strip()[-30:])
            break


def _names_another(rule: Rule, quantity: Quantity, gap: str) -> bool:
    """Whether the words between a negation and a quantity's phrase name another quantity: in
    「没有结转下年度继续办理的申请」 the 申请 none of which there were are those 结转下年度, not all
    those 办理; in 「未出现因不予公开引发的行政复议」 the reviews are some of them.  A phrasing with
    words after its number (「收到{n}…信息公开申请」) names its quantity only with them."""
    return any(p.source.endswith("{n}") and p.may_precede(gap) and p.prefix_anywhere is not None
               and p.prefix_anywhere.search(gap)
               for other in rule.quantities if other is not quantity for p in other.patterns)


_PARENTHESES = re.compile(r"[（(]([^（）()]*)[）)]")


def _aside(rule: Rule, quantity: Quantity, words: str) -> bool:
    """Whether the words from a phrase to its number put the phrase or another quantity in
    parentheses: in 「予以公开（含部分公开）100件」 部分公开 is an aside, and the 100 counts both."""
    if words.count("）") + words.count(")") > words.count("（") + words.count("("):
        return True       # the phrase begins inside parentheses closed before the number
    return any(_names_another(rule, quantity, inside) for inside in _PARENTHESES.findall(words))


def _quoted(clause: str, m: re.Match, phrase_start: int, phrase_end: int) -> str:
    """The words a finding quotes: the clause up to the number (at most 30 characters of it), from
    after the count before it — 「行政诉讼案件20件」, not 「行政复议案件9件、行政诉讼案件20件」."""
    start = max([0, m.end() - 30] + [t.end() for t in _TOKEN.finditer(clause, 0, m.start())])
    return clause[min(start, phrase_start, m.start()):phrase_end].strip().lstrip("、和及与")


def _largest_of_each(found: list[Statement]) -> list[Statement]:
    """A quantity stated twice in one sentence without a 「其中」 (「区本级收到申请30件，各乡镇收到
    申请188件，全区共收到申请218件」): the largest number is the whole, the others are its parts."""
    largest: dict[str, tuple[Decimal, Statement]] = {}
    for st in found:
        value = st.stated.value * MONEY_UNITS.get(st.stated.unit, 1)
        if st.quantity.key not in largest or value > largest[st.quantity.key][0]:
            largest[st.quantity.key] = (value, st)
    keep = {id(st) for _value, st in largest.values()}
    return [st for st in found if id(st) in keep]


# --------------------------------------------------------------------------- comparing

def _sum(report: Report, cells: tuple[str, ...]):
    total = Decimal(0)
    for cid in cells:
        v = report.value(cid)
        if v is None:
            return None
        total += Decimal(v)
    return total


def quoted_sums(report: Report) -> list[tuple[Quantity, Decimal | None]]:
    """The sums a narrative states that no cell of the tables holds — 「不予公开X件」 is Σ（三）1–8,
    「行政诉讼X件」 direct plus after review — with their values (None while a part is blank)."""
    return [(q, _sum(report, q.cells)) for rule in report.edition.rules if rule.type == "text_numbers"
            for q in rule.quantities if len(q.cells) > 1]


def _in_text_unit(q: Quantity, table_value: Decimal, unit: str) -> Decimal:
    if q.money:
        return table_value * MONEY_UNITS[q.table_unit] / MONEY_UNITS[unit]
    return table_value


def agrees(stated: Stated, actual: Decimal) -> bool:
    """Whether the table value (in the text's unit) agrees with the number as the text states it.

    Exact numbers agree when the table value, rounded to the last digit written, is the number
    (「1.2万元」 agrees with 12 345 元).  「3287余条」 agrees with 3287 and up to twice it; 「近300」 with
    150 to 300; 「约300」 with 150 to 450 — only a clear contradiction is reported.
    """
    x = stated.value
    if stated.approx == "above":
        return x <= actual < max(2 * x, x + stated.step)
    if stated.approx == "below":
        return x / 2 <= actual <= x
    if stated.approx == "about":
        return x / 2 <= actual <= x * 3 / 2
    rounded = (actual / stated.step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * stated.step
    return rounded == x


def written_like(stated: Stated, value: Decimal) -> str | None:
    """The value written in the style of the stated number (for the one-click correction): the
    same numerals, grouping, 万 and number of decimals, so that 「1.8亿元」 becomes 「1.9亿元」."""
    rounding = {"above": ROUND_FLOOR, "below": ROUND_CEILING}.get(stated.approx, ROUND_HALF_UP)
    step = stated.step
    if stated.approx and stated.value == stated.value.to_integral_value() and stated.value:
        digits = str(int(stated.value))    # 「三百余件」 is written to the hundred: 「二百余件」
        step = max(step, Decimal(10) ** (len(digits) - len(digits.rstrip("0"))))
    rounded = (value / step).quantize(Decimal(1), rounding=rounding) * step
    exact = (rounded == 0 and value != 0) or not agrees(replace(stated, value=rounded), value)
    if not exact:       # 「1.2万余件」 for 218: rounding to 千 would say nothing; write 218
        value = rounded
    text = stated.text
    if stated.text and any(ch in NUMERALS for ch in text[:1]):
        if value != value.to_integral_value() or value < 0:
            return None
        return to_chinese(int(value), liang="两" in text)
    mult = {"万": 10_000, "亿": 100_000_000, "千": 1000}.get(text[-1], 1)
    if exact and mult > 1 and (value / mult).normalize().as_tuple().exponent < -2:
        text, mult = text[:-1], 1      # 0.0218万 reads worse than 218
    number = value / mult
    digits = format_number(number.normalize() if number != number.to_integral_value() else
                           Decimal(int(number)), "money", grouping="," in text)
    if mult > 1:
        digits += text[-1]
    if any("０" <= ch <= "９" for ch in text):
        digits = fullwidth_digits(digits).replace(".", "．")
    return digits


def _fmt(value: Decimal) -> str:
    return format_number(value.normalize() if value != value.to_integral_value() else int(value), "money")


def _describe(q: Quantity) -> str:
    return q.name + (f"（{q.note}）" if q.note else "")


# What a statement is found to say against the tables, kept per statement (by identity: statements
# of unchanged text are the same objects) and table values: with 200 findings a table edit built
# every one of them again (≈ 3 ms, bench/large.py), though it moves a few.
_VERDICTS: dict[tuple, tuple] = {}
_VERDICTS_MAX = 8192


@checker("text_numbers")
def _text_numbers(rule: Rule, report: Report, previous: Report | None):
    totals: dict[tuple[str, ...], Decimal | None] = {}
    for section in report.edition.sections:
        if not report.text(section.id):
            continue
        heading = report.heading(section.id)
        for st in statements(rule, report, section.id):
            q, stated = st.quantity, st.stated
            readings = []
            for cells in (q.cells,) + q.alternatives:
                total = totals[cells] if cells in totals else totals.setdefault(cells, _sum(report, cells))
                if total is None:
                    break
                readings.append(_in_text_unit(q, total, stated.unit))
            else:
                key = (id(st), tuple(readings), heading, section.id)
                hit = _VERDICTS.get(key)
                if hit is None or hit[0] is not st:
                    if len(_VERDICTS) >= _VERDICTS_MAX:
                        _VERDICTS.clear()
                    hit = _VERDICTS[key] = (st, _verdict(rule, st, readings, heading, section.id))
                if hit[1] is not None:
                    yield hit[1]


def _verdict(rule: Rule, st: Statement, readings: list[Decimal], heading: str,
             section_id: str) -> Finding | None:
    """The finding of a statement the table values (in its unit) contradict, or None."""
    q, stated = st.quantity, st.stated
    if any(agrees(stated, v) for v in readings):
        return None
    expected = readings[0]
    approx = {"above": "（文中为约数“余/多”）", "below": "（文中为约数“近”）",
              "about": "（文中为约数）"}.get(stated.approx, "")
    also = "".join(f"，或 {_fmt(v)}{stated.unit}" for v in readings[1:] if v != expected)
    return Finding(
        rule.id, rule.severity,
        f"{heading or '开头部分'}写“{st.phrase}”{approx}，"
        f"而{_describe(q)}为 {_fmt(expected)} {stated.unit}{also}，文字与表格不一致。",
        cells=q.cells, expected=_plain(expected), actual=_plain(stated.value),
        section=section_id, quote=st.sentence, position=(stated.start, stated.end),
        fix=written_like(stated, expected) if stated.text else None)


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else value.normalize()


# --------------------------------------------------------------------------- R9 信息处理费

_FEE = "信息处理费"
# The 2021 格式's own words for it (「发出收费通知的件数和总金额以及实际收取的总金额」) state it too.
_NO_NOTICE = re.compile(r"(?:未|没有)(?:发出|发送|下发|出具)[^。；;\n]{0,4}收费通知"
                        r"|发出收费通知的?件数[^。；;\n]{0,20}?(?:均为|为|是)\s*[0０零](?![0-9０-９.．])"
                        r"|发出收费通知\s*[0０零]\s*件")
# Saying that nothing was charged without naming the fee: 「未收取政府信息公开相关费用」,
# 「依申请公开未收费」, 「无政府信息公开收费情况」 — the 信息处理费 is the only fee a disclosure may cost.
_NONE_CHARGED = (r"(?:未|没有|无|不|免)予?收取[^。；;\n，,]{0,12}?费用|(?:未|没有)收费"
                 r"|无[^。；;\n，,]{0,10}收费情况|(?:未|没有)(?:发生|产生)[^。；;\n，,]{0,10}收费")
# 「政府信息公开处理费」 is the same fee.
_FEE_STATED = re.compile(rf"信息(?:公开)?处理费|收费通知|实际收取|{_NONE_CHARGED}")
_NO_FEE = re.compile(rf"(?:未|没有|无|不|免)[^。；;\n]{{0,8}}(?:收取|收|产生|发生)?[^。；;\n]{{0,6}}信息(?:公开)?处理费"
                     rf"|{_NONE_CHARGED}"
                     r"|信息处理费[^。；;\n]{0,8}(?:为零|为0|为０|0元|０元|零元)|无收取信息处理费")
_TITLES = re.compile(r"《[^《》\n]*》")
_AMOUNT = re.compile(r"信息(?:公开)?处理费[^。；;\n]{0,10}?(?P<num>[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?)\s*(?P<unit>万元|元)"
                     r"(?:[^。；;\n]{0,12}?(?:涉及|共)[^。；;\n]{0,6}?(?P<count>[0-9０-９]+)\s*件)?")


def _fee_context(rule: Rule, report: Report, key: str):
    q = next((q for q in rule.quantities if q.key == key), None)
    return None if q is None else _sum(report, q.cells)


@functools.lru_cache(maxsize=64)
def _states_fee(text: str) -> bool:
    """Whether a text speaks of the fee; kept per text: without a statement in its own section,
    every section is searched again on every edit (long sections: ≈ 0.5 ms a check run).
    The title of a document (「严格执行《政府信息公开信息处理费管理办法》」) states nothing charged."""
    return bool(_FEE_STATED.search(_TITLES.sub("《》", text)))


@checker("fee_statement")
def _fee_statement(rule: Rule, report: Report, previous: Report | None):
    from .narrative import NO_FEE_SENTENCE
    text = report.text(rule.section)
    heading = report.heading(rule.section)
    if not _states_fee(text):
        elsewhere = [s for s in report.edition.sections
                     if s.id != rule.section and _states_fee(report.text(s.id))]
        where = f"（文中在“{report.heading(elsewhere[0].id) or '正文'}”中提到了{_FEE}，应在本部分专门报告）" \
            if elsewhere else ""
        body = text.rstrip()
        lead = "\n" if body else ""
        yield Finding(rule.id, rule.severity,
                      f"{heading}没有报告{_FEE}的收取情况{where}。未收取的也应写明，如“{NO_FEE_SENTENCE}”；"
                      "收取的写明金额和涉及的申请件数。",
                      section=rule.section, position=(len(body), len(text)), fix=lead + NO_FEE_SENTENCE)
        return
    handled = _fee_context(rule, report, "handled")
    unpaid = _fee_context(rule, report, "unpaid")
    m = _AMOUNT.search(text)
    if m:
        amount = Decimal(arabic_digits(m.group("num")).replace(",", "").replace("．", "."))
        count = int(arabic_digits(m.group("count"))) if m.group("count") else None
        position = (m.start("num"), m.end("num"))
        if amount > 0 and handled == 0:
            yield Finding(rule.id, "warning",
                          f"{heading}写明收取{_FEE}{m.group('num')}{m.group('unit')}，而表三本年度办理结果总计为 0，"
                          "没有办理申请却收取了费用，请核实。",
                          section=rule.section, quote=m.group(0), position=position,
                          expected=0, actual=_plain(amount))
        elif count is not None and handled is not None and count > handled:
            yield Finding(rule.id, "warning",
                          f"{heading}写明收费涉及申请{count}件，多于表三本年度办理结果总计 {_fmt(handled)} 件，请核实。",
                          section=rule.section, quote=m.group(0),
                          position=(m.start("count"), m.end("count")), expected=_plain(handled), actual=count)
        return
    no_notice = _NO_NOTICE.search(text)
    if no_notice and unpaid:
        yield Finding(rule.id, "warning",
                      f"{heading}写明“{no_notice.group(0)}”，而表三（六）其他处理中有 {_fmt(unpaid)} 件因申请人逾期"
                      "未按收费通知要求缴纳费用而不再处理：发出过收费通知才会有这一项，二者矛盾，请核实。",
                      cells=next(q.cells for q in rule.quantities if q.key == "unpaid"),
                      section=rule.section, quote=no_notice.group(0), position=no_notice.span(),
                      expected=None, actual=_plain(unpaid))
        return
    if _NO_FEE.search(text) and unpaid:
        yield Finding(rule.id, "warning",
                      f"{heading}写明未收取{_FEE}，而表三（六）其他处理中有 {_fmt(unpaid)} 件因申请人逾期未按"
                      "收费通知要求缴纳费用而不再处理：说明本年度发出过收费通知。如确未收到任何费用，"
                      "可写明发出收费通知及未缴费的情况，以免读者误解。",
                      cells=next(q.cells for q in rule.quantities if q.key == "unpaid"),
                      section=rule.section, expected=None, actual=_plain(unpaid))
