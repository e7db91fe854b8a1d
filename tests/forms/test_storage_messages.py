"""What the clerk is told about a hand-edited file whose numbers are text: Chinese, never Python."""

import json

import pytest

from forms.report import Report
from forms.storage import FileFormatError, dumps, loads


@pytest.mark.parametrize("value", ["abc", "12件", "", "1,000"])
def test_a_value_written_as_words_says_it_is_not_a_number(value):
    data = json.loads(dumps(Report.new("2021", 2025, "某县人民政府")))
    data["values"]["t3:new:natural"] = value
    with pytest.raises(FileFormatError) as info:
        loads(json.dumps(data, ensure_ascii=False))
    message = str(info.value)
    assert "表三 一、本年新收政府信息公开申请数量 / 自然人" in message and "不是数字" in message
    assert "class" not in message and "decimal" not in message
