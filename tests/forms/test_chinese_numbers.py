"""Chinese numerals as a narrative writes them, read and written back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.chinese_numbers import parse_chinese, to_chinese


@pytest.mark.parametrize("text, value", [
    ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("十", 10), ("十七", 17), ("一十七", 17), ("二十", 20),
    ("九十五", 95), ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("两千", 2000),
    ("一千零五十", 1050), ("一万", 10000), ("三万五千", 35000), ("十万", 100000), ("二十万零三", 200003),
    ("一百零一万", 1010000), ("三亿零五万", 300050000),
])
def test_reads_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["", "一二", "百", "十百", "千千", "万", "一万万", "两千余", "abc", "零零"])
def test_refuses_what_is_not_one_number(text):
    # 「一二月」 lists two months; 「万」 alone is a word (万一); none is a count.
    assert parse_chinese(text) is None


@pytest.mark.parametrize("value, plain, liang", [
    (0, "零", "零"), (2, "二", "两"), (10, "十", "十"), (17, "十七", "十七"), (22, "二十二", "二十二"),
    (105, "一百零五", "一百零五"), (1200, "一千二百", "一千二百"), (2000, "二千", "两千"),
    (2200, "二千二百", "两千二百"), (10005, "一万零五", "一万零五"), (20000, "二万", "两万"),
    (100000, "十万", "十万"), (1010000, "一百零一万", "一百零一万"),
])
def test_writes_chinese_numerals(value, plain, liang):
    assert to_chinese(value) == plain
    assert to_chinese(value, liang=True) == liang


@given(st.integers(min_value=0, max_value=10 ** 11))
def test_writing_then_reading_gives_the_value(value):
    assert parse_chinese(to_chinese(value)) == value
    assert parse_chinese(to_chinese(value, liang=True)) == value
