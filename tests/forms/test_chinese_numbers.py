"""Chinese numerals as a narrative writes them, read and written back."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.chinese_numbers import arabic_digits, decimals_of, fullwidth_digits, parse_chinese, to_chinese


@pytest.mark.parametrize("text, value", [
    ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("十", 10), ("十七", 17), ("一十七", 17), ("二十", 20),
    ("九十五", 95), ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("两千", 2000),
    ("一千零五十", 1050), ("一万", 10000), ("三万五千", 35000), ("十万", 100000), ("二十万零三", 200003),
    ("一百零一万", 1010000), ("三亿零五万", 300050000),
])
def test_reads_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "一二", "百", "十百", "千千", "万", "一万万", "两千余", "abc", "零零",
                                  "二十三百", "五十五十", "一百零十", "三万五万", "一万一亿", "一亿万"])
def test_refuses_what_is_not_one_number(text):
    # 「一二月」 lists two months; 「万」 alone is a word (万一); none is a count.  Units out of
    # order or repeated (「二十三百」「三万五万」) and a unit after 零 are slips, not 320 or 80000.
    assert parse_chinese(text) is None


@pytest.mark.parametrize("value, plain, liang", [
    (0, "零", "零"), (2, "二", "两"), (10, "十", "十"), (17, "十七", "十七"), (22, "二十二", "二十二"),
    (105, "一百零五", "一百零五"), (1200, "一千二百", "一千二百"), (2000, "二千", "两千"),
    (2200, "二千二百", "两千二百"), (10005, "一万零五", "一万零五"), (20000, "二万", "两万"),
    (100000, "十万", "十万"), (1010000, "一百零一万", "一百零一万"), (200, "二百", "两百"),
    (1011, "一千零一十一", "一千零一十一"), (11000, "一万一千", "一万一千"),
    (10999, "一万零九百九十九", "一万零九百九十九"), (100001000, "一亿零一千", "一亿零一千"),
])
def test_writes_chinese_numerals(value, plain, liang):
    assert to_chinese(value) == plain
    assert to_chinese(value, liang=True) == liang


@given(st.integers(min_value=0, max_value=10 ** 11))
def test_writing_then_reading_gives_the_value(value):
    assert parse_chinese(to_chinese(value)) == value
    assert parse_chinese(to_chinese(value, liang=True)) == value


def test_full_width_digits_convert_one_for_one():
    assert arabic_digits("２０２４年收到３２８７件") == "2024年收到3287件"
    assert fullwidth_digits("2024年收到3287件") == "２０２４年收到３２８７件"


@pytest.mark.parametrize("value, places", [
    (Decimal("18651.06"), 2), (Decimal("1.50"), 1), (Decimal("3"), 0), (Decimal("3.000"), 0),
    (Decimal("1E+2"), 0), (Decimal("0.000001"), 6),
])
def test_decimals_of_a_sum_of_money(value, places):
    # how precisely a narrative states 万元 (「1.5万元」 is rounded to one place)
    assert decimals_of(value) == places
