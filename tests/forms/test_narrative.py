import pytest

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


# --------------------------------------------------------------------------- 整理格式

from forms.narrative import paragraphs, tidy  # noqa: E402


def test_tidy_makes_punctuation_full_width_in_chinese_text():
    assert tidy("共收到申请3件,其中予以公开2件;部分公开1件.") == "共收到申请3件，其中予以公开2件；部分公开1件。"
    assert tidy("是否公开?请核对!") == "是否公开？请核对！"
    assert tidy("本报告(以下简称《条例》)要求") == "本报告（以下简称《条例》）要求"
    assert tidy("联系电话:0591-12345678") == "联系电话：0591-12345678"


def test_tidy_keeps_numbers_latin_text_urls_and_addresses():
    assert tidy("金额1,234.5万元,时间12:30,比例1:2") == "金额1,234.5万元，时间12:30，比例1:2"
    assert tidy("Times New Roman (TNR) font, size 16") == "Times New Roman (TNR) font, size 16"
    assert tidy("访问http://www.x.gov.cn/a?b=1,c=(2) 查询, 或发邮件至gk@x.gov.cn.") == \
        "访问http://www.x.gov.cn/a?b=1,c=(2) 查询，或发邮件至gk@x.gov.cn。"


def test_tidy_normalises_heading_numbers_and_strips_stray_spaces():
    assert tidy("( 一 )  领导重视,强化制度建设。区政府 高度 重视。") == "（一）领导重视，强化制度建设。区政府高度重视。"
    assert tidy("　　共 3 件 ，全部办结。") == "共3件，全部办结。"
    assert heading_level(tidy("(二)依申请公开")) == 2


def test_tidy_joins_hard_wraps_but_not_headings():
    text = "一、总体情况\n本年度,区政府\n认真贯彻落实\n《条例》。\n\n（二）依申请公开\n共收到\n申请3件。"
    assert tidy(text) == "一、总体情况\n本年度，区政府认真贯彻落实《条例》。\n（二）依申请公开\n共收到申请3件。"
    assert tidy("关于\n1.主动公开") == "关于\n1.主动公开"      # a numbered line starts its own paragraph
    assert tidy("open\ndata") == "open data"
    assert paragraphs(tidy(text)) == tidy(text).split("\n")


def test_tidy_keeps_pasted_lists_and_table_rows_as_their_own_lines():
    # Word's plain text of a bulleted list and of a table: no item ends with 。, and 整理格式 ran
    # them all into one line with the bullets in the middle and the cells glued together.
    text = "（一）主动公开\n•\t坚持以公开为常态\n•\t规范办理流程\n项目\t数量\n予以公开\t71\nØ\t其他, 事项\n- 第二项\n本年度,区政府\n认真落实。"
    assert tidy(text) == ("（一）主动公开\n•\t坚持以公开为常态\n•\t规范办理流程\n项目\t数量\n予以公开\t71\n"
                          "Ø\t其他，事项\n- 第二项\n本年度，区政府认真落实。")
    assert tidy(tidy(text)) == tidy(text)


def test_tidy_drops_the_space_after_a_heading_number():
    # Word's automatic numbering pastes as 「1.<tab>」; clerks type 「2.  」.
    assert tidy("1.\t主动公开\n2.  依申请公开\n（一）\t主动公开\n一、 总体情况") == \
        "1.主动公开\n2.依申请公开\n（一）主动公开\n一、总体情况"
    assert tidy("2. 5万元") == "2. 5万元"      # not a heading number: left as typed


def test_tidy_is_idempotent_and_keeps_tidy_text():
    text = "一、总体情况\n（一）主动公开。本年度主动公开政府信息1,234条，比例为3.5%。"
    assert tidy(text) == text
    messy = "(一)主动公开.本年度,主动公开\n政府信息 1234 条."
    assert tidy(tidy(messy)) == tidy(messy)


@pytest.mark.parametrize("text, tidied", [
    # brackets split by a hard wrap (a PDF line) are seen whole once the lines are joined
    ("根据《条例》(以下简称\n《条例》)要求,编制本报告.", "根据《条例》（以下简称《条例》）要求，编制本报告。"),
    # a blank line ends an unpunctuated paragraph: kept, or the next tidy joined the two
    ("工作概况\n\n本年度,区政府认真落实.\n\n某区人民政府\n\n2025年1月20日\n\n",
     "工作概况\n\n本年度，区政府认真落实。\n某区人民政府\n\n2025年1月20日"),
    ("共收到申请(含上年结转),", "共收到申请（含上年结转），"),
])
def test_one_tidy_does_all_of_it(text, tidied):
    # Clicking 整理格式 a second time changed the text again.
    assert tidy(text) == tidied
    assert tidy(tidied) == tidied


def test_fee_sentence_both_forms():
    from decimal import Decimal

    from forms.narrative import FEE_SENTENCE, fee_sentence
    assert fee_sentence() == "本年度未收取信息处理费。"
    assert fee_sentence(Decimal("120.50"), 3) == "本年度共收取信息处理费120.5元，涉及申请3件。"
    assert fee_sentence(300, 2) == "本年度共收取信息处理费300元，涉及申请2件。"
    assert all(FEE_SENTENCE.fullmatch(s) for s in (fee_sentence(), fee_sentence(300, 2), fee_sentence(Decimal("0.5"), 1)))


def test_without_hard_wraps_keeps_positions_and_paragraphs():
    from forms.narrative import without_hard_wraps
    text = "一、总体情况\n本年度共收到政府信息公开\n申请3件。\n（一）主动公开\n•\t坚持\n第二段\n\n第三段"
    joined = without_hard_wraps(text)
    assert len(joined) == len(text)
    assert joined == "一、总体情况\n本年度共收到政府信息公开 申请3件。\n（一）主动公开\n•\t坚持\n第二段\n\n第三段"
