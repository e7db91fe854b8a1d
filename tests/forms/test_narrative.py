from forms.narrative import classify, heading_level


def test_levels_by_numbering():
    assert heading_level("一、总体情况") == 1
    assert heading_level("十一、其他") == 1
    assert heading_level("（一）主动公开") == 2
    assert heading_level("(二) 整合资源") == 2
    assert heading_level("1.主动公开") == 3
    assert heading_level("１．主动公开") == 3
    assert heading_level("2、重复申请") == 3
    assert heading_level("（1）规章") == 4
    assert heading_level("二是成立了区民情调查中心") == 0
    assert heading_level("2017年共处理区长信箱留言109件") == 0
    assert heading_level("1.5万元用于培训") == 0


def test_run_in_heading_is_split_at_the_first_full_stop():
    line = classify("（一）领导重视，强化制度与机构建设。区政府高度重视政府信息公开工作。")
    assert (line.level, line.heading, line.body) == (2, "（一）领导重视，强化制度与机构建设。", "区政府高度重视政府信息公开工作。")


def test_long_numbered_sentence_is_a_paragraph():
    text = "1." + "本机关持续推进政务公开标准化规范化建设，" * 4 + "取得明显成效"
    assert classify(text).level == 0
