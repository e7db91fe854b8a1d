"""The one number parser: what a clerk types or pastes, what it refuses and why."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.numbers import (MAX_MAGNITUDE, NumberError, as_json_number, check_value, format_number,
                           parse_number)


@pytest.mark.parametrize("text", ["12", "１２", " 12 ", "\u300012\u3000", "+12", "12.", "12.0", "１２．００",
                                  "\t12\n", "\xa012"])
def test_accepts_twelve(text):
    assert parse_number(text, "count") == 12
    assert type(parse_number(text, "count")) is int


@pytest.mark.parametrize("text,value", [("1,234", 1234), ("１，２３４", 1234), ("1,234,567", 1234567),
                                        ("1 234", 1234), ("0", 0), ("-0", 0), ("007", 7)])
def test_accepts_grouped_and_padded(text, value):
    assert parse_number(text, "count") == value


@pytest.mark.parametrize("text,value", [("18651.06", Decimal("18651.06")), ("0.5", Decimal("0.5")),
                                        (".5", Decimal("0.5")), ("1,234.5", Decimal("1234.5")),
                                        ("１．２５", Decimal("1.25")), ("3", Decimal(3)), ("3.000", Decimal(3)),
                                        ("0.000001", Decimal("0.000001"))])
def test_money_takes_decimals(text, value):
    parsed = parse_number(text, "money")
    assert parsed == value and isinstance(parsed, Decimal)


@pytest.mark.parametrize("text,value", [("-5", -5), ("−5", -5), ("－５", -5), ("+3", 3), ("0", 0)])
def test_signed_takes_negatives(text, value):
    assert parse_number(text, "signed") == value


@pytest.mark.parametrize("text", ["", "   ", "\u3000", None])
def test_blank_is_none(text):
    assert parse_number(text, "count") is None
    assert parse_number(text, "money") is None


@pytest.mark.parametrize("text,kind,reason", [
    ("1.5", "count", "带有小数，此处只能填非负整数"),
    ("0.5", "signed", "带有小数，此处只能填整数（可为负数）"),
    ("-1", "count", "不能为负数"),
    ("−3", "count", "不能为负数"),
    ("-0.5", "money", "金额不能为负数"),
    ("1.1234567", "money", "最多保留 6 位小数"),
    ("abc", "count", "“abc”不是数字"),
    ("十二", "count", "不是数字"),
    ("12件", "count", "不是数字"),
    ("1e3", "count", "不是数字"),
    ("1,23", "count", "千位分隔符位置不对"),
    ("12,34,567", "count", "千位分隔符位置不对"),
    ("1 2", "count", "中间有空格"),
    ("/", "count", "没有发生的事项请填 0"),
    ("—", "count", "没有发生的事项请填 0"),
    ("-", "count", "没有发生的事项请填 0"),
    ("无", "count", "没有发生的事项请填 0"),
    ("1000000000", "count", "数值过大"),
    ("-1000000000", "signed", "数值过大"),
    ("1000000000", "money", "请核对单位"),
    ("1" * 41, "count", "内容过长"),
    ("١٢", "count", "不是数字"),
    ("NaN", "money", "不是数字"),
    ("Infinity", "count", "不是数字"),
    ("0x10", "count", "不是数字"),
    ("1_000", "count", "不是数字"),
])
def test_refusals_say_why(text, kind, reason):
    with pytest.raises(NumberError) as info:
        parse_number(text, kind)
    assert reason in str(info.value)


@pytest.mark.parametrize("value", [True, [1], {"a": 1}, object()])
def test_non_numbers_are_refused(value):
    with pytest.raises(NumberError, match="不是数字"):
        parse_number(value, "count")
    with pytest.raises(NumberError, match="不是数字"):
        check_value(value, "money")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_values_are_refused(value):
    for kind in ("count", "signed", "money"):
        with pytest.raises(NumberError):
            check_value(value, kind)


def test_numbers_already_parsed():
    assert check_value(3, "count") == 3
    assert check_value(3.0, "count") == 3 and type(check_value(3.0, "count")) is int
    assert check_value(Decimal("4"), "signed") == 4
    # a spreadsheet's float means its printed digits, not its binary expansion
    assert check_value(18651.06, "money") == Decimal("18651.06")
    assert check_value(0.1, "money") == Decimal("0.1")
    assert check_value(Decimal("2.50"), "money") == Decimal("2.5")
    assert check_value(2, "money") == Decimal(2) and isinstance(check_value(2, "money"), Decimal)
    with pytest.raises(NumberError):
        check_value(2.5, "count")
    with pytest.raises(NumberError):
        check_value(-1, "count")


def test_format_number():
    assert format_number(None, "count") == ""
    assert format_number(1234, "count") == "1234"
    assert format_number(1234, "count", grouping=True) == "1,234"
    assert format_number(-5, "signed") == "-5"
    assert format_number(Decimal("18651.06"), "money") == "18651.06"
    assert format_number(Decimal("18651.06"), "money", grouping=True) == "18,651.06"
    assert format_number(Decimal("1E+2"), "money") == "100"
    assert format_number(Decimal("0.000001"), "money") == "0.000001"


def test_as_json_number():
    assert as_json_number(5) == 5
    assert as_json_number(Decimal(5)) == 5 and type(as_json_number(Decimal(5))) is int
    assert as_json_number(Decimal("18651.06")) == 18651.06
    assert as_json_number(None) is None


counts = st.integers(min_value=0, max_value=MAX_MAGNITUDE - 1)
signed = st.integers(min_value=-(MAX_MAGNITUDE - 1), max_value=MAX_MAGNITUDE - 1)
money = st.decimals(min_value=0, max_value=MAX_MAGNITUDE - 1, places=6, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(value=counts, grouping=st.booleans())
def test_count_round_trip(value, grouping):
    assert parse_number(format_number(value, "count", grouping), "count") == value


@settings(max_examples=200, deadline=None)
@given(value=signed, grouping=st.booleans())
def test_signed_round_trip(value, grouping):
    assert parse_number(format_number(value, "signed", grouping), "signed") == value


@settings(max_examples=200, deadline=None)
@given(value=money, grouping=st.booleans())
def test_money_round_trip(value, grouping):
    normal = check_value(value, "money")
    assert parse_number(format_number(normal, "money", grouping), "money") == value
    # … and through JSON the way a file stores it
    stored = as_json_number(normal)
    back = Decimal(repr(stored)) if isinstance(stored, float) else Decimal(stored)
    assert back == value


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30), kind=st.sampled_from(["count", "signed", "money"]))
def test_any_text_is_a_number_or_a_reason(text, kind):
    try:
        value = parse_number(text, kind)
    except NumberError as exc:
        assert str(exc) and not str(exc).isascii()    # a Chinese reason, never an English one
        return
    if value is not None:
        assert check_value(value, kind) == value


def test_huge_exponents_are_refused_quickly():
    import time
    start = time.monotonic()
    for kind in ("count", "signed", "money"):
        with pytest.raises(NumberError):
            check_value(Decimal("1E+999999999"), kind)
    with pytest.raises(NumberError):
        check_value(Decimal("1E-999999999"), "money")
    assert time.monotonic() - start < 1
    with pytest.raises(NumberError, match="最多保留 6 位小数"):
        check_value(Decimal("1.0000000000000000000000000000000000000000001"), "money")
    with pytest.raises(NumberError):
        check_value(Decimal("3.0000000000000000000000000000000000000000001"), "count")
    assert check_value(Decimal("0E-999999999"), "count") == 0
    # … and the reason is the size, not 「只能填非负整数」 or 「最多保留 6 位小数」
    for kind in ("count", "money"):
        with pytest.raises(NumberError, match="数值过大"):
            check_value(Decimal("1E+999999999"), kind)
    assert check_value(Decimal("5.000000000000000000000000000000000000"), "count") == 5


def test_the_largest_value_a_cell_takes():
    # the limit is a billion: 999,999,999 件 or 万元 is taken, one more is not
    assert parse_number("999999999", "count") == 999_999_999
    assert parse_number("-999999999", "signed") == -999_999_999
    assert parse_number("999999999.999999", "money") == Decimal("999999999.999999")
    with pytest.raises(NumberError, match="请核对单位"):
        check_value(1_000_000_000, "money")     # a whole number of 万元 from a JSON file
    with pytest.raises(NumberError, match="请核对单位"):
        check_value(1_000_000_000.0, "money")


def test_a_long_paste_of_one_number_is_read():
    # a spreadsheet's money with its trailing zeros, forty characters in all
    text = "1." + "0" * 38
    assert len(text) == 40 and parse_number(text, "money") == Decimal(1)


def test_spreadsheet_cells_are_parsed_like_typed_text():
    # xlsx and JSON import hand over ints, floats and Decimals rather than text
    assert parse_number(12, "count") == 12
    assert parse_number(12.0, "count") == 12 and type(parse_number(12.0, "count")) is int
    assert parse_number(18651.06, "money") == Decimal("18651.06")
    assert parse_number(Decimal("2.50"), "money") == Decimal("2.5")
    with pytest.raises(NumberError, match="带有小数"):
        parse_number(2.5, "count")
    with pytest.raises(NumberError, match="不能为负数"):
        parse_number(-3, "count")
    # an empty or broken spreadsheet cell must not show the clerk 「nan」 or 「inf」
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(NumberError) as info:
            parse_number(value, "money")
        assert str(info.value) == "不是有效的数字"


def test_whole_sums_of_money_are_stored_without_exponent_or_type_change():
    assert str(parse_number("100", "money")) == "100"       # not 「1E+2」
    assert str(check_value(Decimal("1E+2"), "money")) == "100"
    assert type(check_value(Decimal("0"), "count")) is int
    assert type(check_value(Decimal("0.00"), "signed")) is int


def test_a_computed_sum_of_money_shows_no_trailing_zero():
    # 1.5 + 1.5 adds up to Decimal("3.0"); the total cell shows 「3」
    assert format_number(Decimal("1.5") + Decimal("1.5"), "money") == "3"
    assert format_number(Decimal("0.25") + Decimal("0.25"), "money") == "0.5"
