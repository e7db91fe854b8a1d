"""R8 (numbers of the narrative against the tables) and R9 (the 信息处理费 statement of section 六)."""

import json
from decimal import Decimal

import pytest

from forms.checks import run_checks
from forms.demo import demo_report
from forms.edition import EditionError, get_edition, parse_edition
from forms.report import Report
from forms.textchecks import statements
from tests.forms.sample_reports import pingtan_report


def r8(report):
    return [f for f in run_checks(report) if f.rule == "R8"]


def r9(report):
    return [f for f in run_checks(report) if f.rule == "R9"]


def rule_of(report, rule_id="R8"):
    return next(r for r in report.edition.rules if r.id == rule_id)


def apply_fix(report, finding):
    text = report.text(finding.section)
    start, end = finding.position
    report.set_text_of(finding.section, text[:start] + finding.fix + text[end:])


def read(report, text, section="s1"):
    """(quantity key, value, approximation) of each number the checker reads in the text."""
    report.set_text_of(section, text)
    return [(s.quantity.key, s.stated.value, s.stated.approx) for s in statements(rule_of(report), report, section)]


def on_pingtan(text, section="s1"):
    """The real 2024 tables (218 received, 71 予以公开 …) with the text: (report, R8 findings)."""
    report = pingtan_report()
    report.set_text_of(section, text)
    return report, r8(report)


def typed_source(report, cell_id):
    """A typed cell that feeds the given cell (itself if typed)."""
    spec = report.edition.cells[cell_id]
    while spec.computed:
        spec = report.edition.cells[spec.terms[0]]
    return spec.id


def zeroed(edition, year):
    report = Report.new(edition, year, "测试区人民政府")
    report.fill_blanks_with_zero()
    return report


def with_quantity(edition, key, value, year=2024):
    """A report whose tables are all 0 except the given quantity, which is ``value``."""
    report = zeroed(edition, year)
    q = next(q for q in rule_of(report).quantities if q.key == key)
    cell = report.edition.cells[typed_source(report, q.cells[0])]
    report.set_value(cell.id, Decimal(str(value)) if cell.kind == "money" else value)
    return report, q


# --------------------------------------------------------------------------- the demo

def test_demo_finds_exactly_the_two_known_contradictions():
    report = demo_report()
    found = r8(report)
    assert sorted((f.cells, f.actual, f.expected, f.fix) for f in found) == [
        (("t1:reading_points:v",), 6, 1, "1"),
        (("t1:staff:v",), 70, 3, "3"),
    ]
    for f in found:
        assert f.section == "s5" and f.severity == "warning"
        text = report.text("s5")
        assert text[f.position[0]:f.position[1]] == str(f.actual)   # the number itself
        assert f.quote in text and text[f.position[0]:f.position[1]] in f.quote
        assert "查阅点" in f.message or "工作人员" in f.message


def test_demo_reads_the_agreeing_sentences_and_nothing_unrelated():
    # 3287余条, 受理0件, 10000元 (= 1 万元), 2次会议 are read and agree, and so are 「没有发生有关政府
    # 信息公开收费情况」 (0) and 「没有因政府信息公开申请行政复议…的情况发生」 (0); 1800余篇 news, 109件
    # 留言, 400余个 热线, 80人 at a meeting, years, dates, phone numbers and 〔2017〕15号 are not read.
    report = demo_report()
    rule = rule_of(report)
    read_all = {(sid, s.quantity.key, s.stated.value) for sid in ("opening", "s1", "s2", "s3", "s4", "s5", "s6")
                for s in statements(rule, report, sid)}
    assert read_all == {("s2", "pub", 3287), ("s2", "received", 0), ("s5", "reading_points", 6),
                        ("s5", "staff", 70), ("s5", "budget", 10000), ("s5", "meetings", 2),
                        ("s3", "fees", 0), ("s4", "review", 0)}


def test_demo_fixes_applied_leave_a_text_that_passes():
    report = demo_report()
    for f in sorted(r8(report), key=lambda f: -f.position[0]):   # from the end: positions stay valid
        apply_fix(report, f)
    assert "查阅点1个" in report.text("s5") and "工作人员3人" in report.text("s5")
    assert r8(report) == []


# --------------------------------------------------------------------------- how numbers are written

@pytest.mark.parametrize("text, agrees", [
    ("共收到政府信息公开申请218件。", True),
    ("共收到政府信息公开申请２１８件。", True),                # full-width digits
    ("共收到政府信息公开申请217件。", False),
    ("共收到政府信息公开申请二百一十八件。", True),            # Chinese numerals
    ("共收到政府信息公开申请二百一十七件。", False),
    ("共收到政府信息公开申请两百余件。", True),                # 两, 余: at least 200
    ("共收到政府信息公开申请三百余件。", False),               # 余: more than 300 is wrong
    ("共收到政府信息公开申请200多件。", True),
    ("共收到政府信息公开申请近300件。", True),                 # 近: a little under
    ("共收到政府信息公开申请近200件。", False),
    ("共收到政府信息公开申请约220件。", True),
    ("共收到政府信息公开申请218余件。", True),                 # 「3287余条」 agrees with 3287
])
def test_numbers_as_written(text, agrees):
    report = pingtan_report()
    report.set_text_of("s1", text)
    assert (r8(report) == []) is agrees


def test_readings_of_unchanged_text_are_reused_and_follow_text_and_year():
    """statements() keeps the reading of a text; a new text or a new year is read afresh."""
    report = pingtan_report()
    text = "2024年收到政府信息公开申请218件。"
    assert [v for _k, v, _a in read(report, text)] == [218]
    first = statements(rule_of(report), report, "s1")
    assert statements(rule_of(report), report, "s1") == first
    assert read(report, "收到政府信息公开申请217件。")[0][1] == 217      # the text changed
    report.set_text_of("s1", text)
    report.meta.year = 2023                    # 「2024年」 is now another year: nothing is compared
    assert statements(rule_of(report), report, "s1") == []
    report.meta.year = 2024
    assert statements(rule_of(report), report, "s1") == first


def test_an_edited_text_reads_as_a_text_read_afresh():
    """Sentences an edit did not touch keep their reading (moved to where they now stand): the
    statements and findings are those of the same text read from scratch."""
    import forms.textchecks as textchecks
    report = pingtan_report()
    sentences = ["全年新收政府信息公开申请300件。", "制发行政规范性文件99件，", "现行有效行政规范性文件12件。",
                 "2023年收到申请5件。", "本年度行政复议案件40件。"]
    text = "\n".join(sentences * 3)
    report.set_text_of("s1", text)
    run_checks(report)
    edits = [lambda t: "新增一句。" + t, lambda t: t[:40] + "，另" + t[40:], lambda t: t.replace("\n", "", 1),
             lambda t: t[:len(t) // 2], lambda t: t + "\n收到申请218件。"]
    for edit in edits:
        text = edit(text)
        report.set_text_of("s1", text)
        kept = statements(rule_of(report), report, "s1"), r8(report)
        textchecks._READINGS.clear()
        textchecks._SENTENCES.clear()
        textchecks._VERDICTS.clear()
        assert (statements(rule_of(report), report, "s1"), r8(report)) == kept
        for f in kept[1]:
            assert text[f.position[0]:f.position[1]] == str(f.actual)


def test_a_finding_follows_the_table_and_the_heading_of_its_unchanged_sentence():
    report = demo_report()                   # 2014: the unit writes its own headings
    report.set_text_of("s1", "本年度共受理政府信息公开申请300件。")
    assert [(f.expected, f.message[:4]) for f in r8(report) if f.section == "s1"] == [(0, "一、20")]
    report.set_heading("s1", "一、概述")
    report.set_value("t1:rc_net:v", 12)      # （一）收到申请数 is the sum of the ways of applying
    assert [(f.expected, f.message[:7]) for f in r8(report) if f.section == "s1"] == [(12, "一、概述写“本")]
    report.set_value("t1:rc_net:v", 300)
    assert [f for f in r8(report) if f.section == "s1"] == []


@pytest.mark.parametrize("text, fix", [
    ("共收到政府信息公开申请217件。", "218"),
    ("共收到政府信息公开申请２１７件。", "２１８"),
    ("共收到政府信息公开申请二百一十七件。", "二百一十八"),
    ("共收到政府信息公开申请三百余件。", "二百"),                  # floor to the digit written
    ("共收到政府信息公开申请1,217件。", "218"),
])
def test_the_fix_keeps_the_style_and_then_passes(text, fix):
    report = pingtan_report()
    report.set_text_of("s1", text)
    [finding] = r8(report)
    assert finding.fix == fix
    apply_fix(report, finding)
    assert r8(report) == []


def test_thousands_separators_and_chinese_ten_thousands():
    report, _ = with_quantity("2021", "permit", 3287)
    for text in ("本年作出行政许可决定3,287件。", "本年作出行政许可决定３,２８７件。", "本年作出行政许可决定三千二百八十七件。"):
        report.set_text_of("s1", text)
        assert r8(report) == [], text
    report.set_text_of("s1", "本年作出行政许可决定3,278件。")
    [f] = r8(report)
    assert (f.fix, f.expected, f.actual) == ("3,287", 3287, 3278)
    report, _ = with_quantity("2021", "permit", 12345)
    for text, agrees in (("作出行政许可1.2万件。", True), ("作出行政许可1.2万余件。", True), ("作出行政许可一万余件。", True),
                         ("作出行政许可1.3万件。", False), ("作出行政许可两万余件。", False)):
        report.set_text_of("s1", text)
        assert (r8(report) == []) is agrees, text


@pytest.mark.parametrize("text, number", [
    ("收到政府信息公开申请 200 件。", "200"),          # typed spaces, or Word's, around the number
    ("收到政府信息公开申请　200件。", "200"),
    ("收到政府信息公开申请200 件。", "200"),
    ("作出行政许可决定1.2 万件。", "1.2 万"),
])
def test_numbers_with_spaces_around_them_are_read(text, number):
    report, _ = with_quantity("2021", "new", 218)
    report.set_value("t2:permit:decisions", 15000 if "万" in number else 0)
    report.set_text_of("s1", text)
    [f] = r8(report)
    assert report.text("s1")[f.position[0]:f.position[1]] == number
    apply_fix(report, f)
    assert r8(report) == [], report.text("s1")


@pytest.mark.parametrize("text", ["收到申请数量为200件。", "本年度收到政府信息公开申请总数200件。", "收到申请数200件。"])
def test_a_count_named_as_the_number_of_applications_is_read(text):
    _, [f] = on_pingtan(text)        # 218 received
    assert f.actual == 200 and f.expected == 218


@pytest.mark.parametrize("amount, text, agrees", [
    ("1", "年度专项经费10000元。", True),            # 元 in the text, 万元 in the table
    ("1", "年度专项经费1万元。", True),
    ("1", "年度专项经费一万元。", True),
    ("1", "年度专项经费9000元。", False),
    ("1.2345", "年度专项经费12345元。", True),
    ("1.2345", "年度专项经费1.23万元。", True),        # rounded to the digit written
    ("1.2345", "年度专项经费1.3万元。", False),
    ("0.5", "年度专项经费5000元。", True),
    ("0.5", "年度专项经费0.5万元。", True),
    ("0.5", "年度专项经费0.6万元。", False),
])
def test_money_in_yuan_and_wan(amount, text, agrees):
    report = zeroed("2014", 2017)
    report.set_value("t1:budget:v", Decimal(amount))
    report.set_text_of("s5", text)
    found = r8(report)
    assert (found == []) is agrees
    if not agrees:
        apply_fix(report, found[0])
        assert r8(report) == [], report.text("s5")


def test_money_decimals_table_two_2021():
    report = pingtan_report()            # 行政事业性收费 18651.06 万元
    for text, agrees in (("本年行政事业性收费18651.06万元。", True), ("本年行政事业性收费186510600元。", True),
                         ("本年行政事业性收费1.87亿元。", True), ("本年行政事业性收费18615.06万元。", False)):
        report.set_text_of("s1", text)
        assert (r8(report) == []) is agrees, text
    [f] = r8(report)
    assert f.fix == "18651.06"


# --------------------------------------------------------------------------- every quantity

COVERAGE_2021 = {
    "received": "本年度共收到政府信息公开申请{n}件。",
    "new": "其中本年新收申请{n}件。",
    "new_natural": "其中自然人申请{n}件。",
    "new_org": "法人或其他组织申请{n}件。",
    "carry": "上年结转申请{n}件。",
    "open": "予以公开{n}件。",
    "partial": "部分公开{n}件。",
    "deny": "不予公开{n}件。",
    "deny_1": "属于国家秘密的{n}件。",
    "deny_4": "因保护第三方合法权益不予公开的{n}件。",
    "unable": "无法提供{n}件。",
    "unable_1": "本机关不掌握相关政府信息的{n}件。",
    "ignore": "不予处理{n}件。",
    "ignore_2": "属于重复申请的{n}件。",
    "other": "其他处理{n}件。",
    "results": "全年办结申请{n}件。",
    "next": "结转下年度继续办理{n}件。",
    "review": "本年度发生政府信息公开行政复议{n}件。",
    "suits": "发生政府信息公开行政诉讼{n}件。",
    "direct": "未经复议直接起诉{n}件。",
    "after": "复议后起诉{n}件。",
    "norms_issued": "本年制发行政规范性文件{n}件。",
    "norms_valid": "现行有效的行政规范性文件{n}件。",
    "rules_issued": "制发规章{n}件。",
    "permit": "作出行政许可决定{n}件。",
    "penalty": "作出行政处罚决定{n}件。",
    "coercion": "行政强制{n}件。",
    "fee_amount": "行政事业性收费{n}万元。",
    "rules_repealed": "废止规章{n}件。",
    "rules_valid": "现行有效规章{n}件。",
    "norms_repealed": "废止行政规范性文件{n}件。",
    "handled": "全年办理政府信息公开申请{n}件。",
    "deny_2": "属于其他法律行政法规禁止公开的{n}件。",
    "deny_3": "危及“三安全一稳定”的{n}件。",
    "deny_5": "属于三类内部事务信息的{n}件。",
    "deny_6": "属于四类过程性信息的{n}件。",
    "deny_7": "属于行政执法案卷的{n}件。",
    "deny_8": "属于行政查询事项的{n}件。",
    "unable_2": "没有现成信息需要另行制作的{n}件。",
    "unable_3": "补正后申请内容仍不明确的{n}件。",
    "ignore_1": "信访举报投诉类申请{n}件。",
    "ignore_3": "要求提供公开出版物的{n}件。",
    "ignore_4": "无正当理由大量反复申请的{n}件。",
    "ignore_5": "要求行政机关确认或重新出具已获取信息的{n}件。",
    "other_1": "申请人无正当理由逾期不补正的{n}件。",
    "other_2": "申请人逾期未按收费通知要求缴纳费用的{n}件。",
}
COVERAGE_2019 = {k: v for k, v in COVERAGE_2021.items()
                  if not k.startswith(("rules_", "norms_", "fee_", "other_"))}
COVERAGE_2019.update({
    "norms_made": COVERAGE_2021["norms_issued"],
    "norms_published": "本年新公开规范性文件{n}件。",
    "rules_made": "本年制定规章{n}件。",
    "rules_published": "新公开规章{n}件。",
    "procurement_items": "政府集中采购项目{n}个。",
    "procurement_amount": "政府集中采购总金额{n}万元。",
})
COVERAGE_2014 = {
    "pub": "全年主动公开政府信息{n}条。",
    "pub_norm": "主动公开规范性文件{n}条。",
    "norm_issued": "制发规范性文件{n}件。",
    "ch_web": "通过政府网站公开政府信息{n}条。",
    "hot": "回应公众关注热点{n}次。",
    "press": "举办新闻发布会{n}次。",
    "press_lead": "主要负责同志参加新闻发布会{n}次。",
    "interview": "开展在线访谈{n}次。",
    "explain": "发布政策解读稿件{n}篇。",
    "received": "共受理政府信息公开申请{n}件。",
    "rc_net": "网络申请{n}件。",
    "done": "办结申请{n}件。",
    "answered": "答复申请{n}件。",
    "ans_agree": "同意公开{n}件。",
    "ans_refuse": "不同意公开{n}件。",
    "review": "发生行政复议{n}件。",
    "suit": "发生行政诉讼{n}件。",
    "complaints": "收到举报投诉{n}件。",
    "fees": "依申请公开收取费用{n}万元。",
    "agencies": "设立政府信息公开专门机构{n}个。",
    "reading_points": "设置政府信息公开查阅点{n}个。",
    "staff": "从事政府信息公开工作人员{n}人。",
    "staff_full": "其中专职{n}人。",
    "staff_part": "兼职{n}人。",
    "budget": "专项经费{n}万元。",
    "meetings": "召开{n}次政府信息公开工作会议。",
    "trainings": "举办培训班{n}期。",
    "trainees": "培训{n}人次。",
    "ch_gazette": "通过政府公报公开政府信息{n}条。",
    "ch_weibo": "通过政务微博发布信息{n}条。",
    "ch_wechat": "通过政务微信发布信息{n}条。",
    "interview_lead": "主要负责同志参加在线访谈{n}次。",
    "resp_social": "微博微信回应事件{n}次。",
    "resp_other": "其他方式回应事件{n}次。",
    "rc_person": "当面申请{n}件。",
    "rc_fax": "传真申请{n}件。",
    "rc_mail": "信函申请{n}件。",
    "done_ontime": "按时办结{n}件。",
    "done_late": "延期办结{n}件。",
    "ans_published": "属于已主动公开范围的{n}件。",
    "ans_partial": "同意部分公开{n}件。",
    "ref_secret": "涉及国家秘密{n}件。",
    "ref_commercial": "涉及商业秘密{n}件。",
    "ref_privacy": "涉及个人隐私{n}件。",
    "ref_security": "危及国家安全、公共安全、经济安全和社会稳定的{n}件。",
    "ref_not_info": "不是《条例》所指政府信息的{n}件。",
    "ans_not_ours": "不属于本行政机关公开的{n}件。",
    "ans_not_exist": "申请信息不存在的{n}件。",
    "ans_amend": "告知作出更改补充的{n}件。",
    "ans_elsewhere": "告知通过其他途径办理的{n}件。",
    "review_keep": "行政复议维持具体行政行为{n}件。",
    "review_fix": "行政复议被依法纠错{n}件。",
    "suit_keep": "行政诉讼维持具体行政行为{n}件。",
    "suit_fix": "行政诉讼被依法纠错{n}件。",
}


def _coverage_cases():
    for edition, cases, year in (("2021", COVERAGE_2021, 2024), ("2019", COVERAGE_2019, 2020),
                                 ("2014", COVERAGE_2014, 2017)):
        for key, sentence in cases.items():
            yield pytest.param(edition, key, sentence, year, id=f"{edition}-{key}")


@pytest.mark.parametrize("edition, key, sentence, year", list(_coverage_cases()))
def test_each_quantity_agrees_and_disagrees(edition, key, sentence, year):
    report, q = with_quantity(edition, key, 7, year)
    section = "s1"
    assert read(report, sentence.format(n=7), section) == [(key, 7, "")]
    assert r8(report) == []
    report.set_text_of(section, sentence.format(n=9))
    [f] = r8(report)
    assert f.cells == q.cells and (f.expected, f.actual, f.fix) == (7, 9, "7")


def test_every_quantity_of_every_edition_has_a_sentence_in_a_test():
    # The lists above are the coverage of R8: a quantity added to an edition needs its sentence.
    required = {"2021": set(COVERAGE_2021), "2019": set(COVERAGE_2019), "2014": set(COVERAGE_2014)}
    for edition, keys in required.items():
        declared = {q.key for q in rule_of(Report.new(edition, 2024)).quantities}
        assert keys == declared


def test_received_is_new_or_new_plus_carried_and_says_which():
    report, _ = with_quantity("2021", "new", 20)
    report.set_value("t3:carry:natural", 3)
    for n in (20, 23):      # 一 alone, or 一 + 二: both readings are honest
        report.set_text_of("s1", f"本年度共收到政府信息公开申请{n}件。")
        assert r8(report) == [], n
    report.set_text_of("s1", "本年度共收到政府信息公开申请21件。")
    [f] = r8(report)
    assert f.expected == 20 and "本年新收" in f.message and "或 23" in f.message


def test_a_real_fault_text_two_table_three():
    report, _ = with_quantity("2021", "new", 3)
    report.set_text_of("s3", "依申请公开方面，本年度共受理申请2件，均已按时答复。")
    [f] = r8(report)
    assert (f.expected, f.actual, f.fix, f.section) == (3, 2, "3", "s3")
    assert f.cells == ("t3:new:total",)


def test_pingtan_sentence_agrees():
    report = pingtan_report()
    report.set_text_of("s3", "全年办理政府信息公开申请218件，均在法定期限内答复。")
    assert read(report, report.text("s3"), "s3") == [("handled", 218, "")]
    assert r8(report) == []


# --------------------------------------------------------------------------- sub-items and others

@pytest.mark.parametrize("text", [
    "不予公开39件，其中属于国家秘密4件。",
    "因涉及国家秘密不予公开4件。",                       # a 理由 quoted with the total's words
    "不予公开中属于国家秘密4件。",
    "不予公开39件（涉及国家秘密4件）。",
    "共收到政府信息公开申请218件，其中自然人申请217件，商业企业1件。",
    "共收到自然人提出的政府信息公开申请217件。",          # one column
    "本年度被申请行政复议7件，其中结果维持2件，结果纠正1件。",
    "行政复议结果纠正1件。",
    "行政诉讼中未经复议直接起诉0件。",
])
def test_sub_items_are_not_taken_for_the_total(text):
    report = pingtan_report()
    report.set_text_of("s1", text)
    assert r8(report) == []


@pytest.mark.parametrize("text", [
    "区本级共收到申请218件，各乡镇共收到申请30件。",         # an aggregated report's parts
    "区本级收到申请30件，各乡镇收到申请188件，全区共收到申请218件。",
])
def test_a_quantity_stated_twice_in_a_sentence_is_its_whole_and_a_part(text):
    report = pingtan_report()        # 218 received
    report.set_text_of("s1", text)
    assert read(report, text) == [("received", 218, "")]
    assert r8(report) == []
    report.set_text_of("s1", text.replace("218", "210"))
    [f] = r8(report)
    assert f.actual == 210


def test_a_sub_item_that_disagrees_is_found_as_the_sub_item():
    report = pingtan_report()
    report.set_text_of("s1", "不予公开39件，其中属于国家秘密5件。")
    [f] = r8(report)
    assert f.cells == ("t3:deny_1:total",) and (f.expected, f.actual) == (4, 5)


@pytest.mark.parametrize("text", [
    "本年度收到申请比上年增加12件。",                      # a change
    "2023年收到政府信息公开申请200件。",                   # another year
    "上年收到政府信息公开申请200件。",
    "1-11月份共收到政府信息公开申请200件。",               # part of the year
    "行政复议、行政诉讼共26件。",                          # two things together
    "行政复议和行政诉讼各1件。",
    "累计报道新闻1800余篇，处理网民留言109件，接听热线400余个。",
    "参加会议200余次，参加人数为80人。",
    "电话：0591-12345678，邮编350400。",
    "印发《关于做好政务公开工作的通知》（岚政办〔2024〕15号）。",
    "共有12名工作人员。",
    "实行一次性告知制，推行一件事一次办。",
    "第一次会议于3月召开。",
    "每件申请平均用时5件。",
    "全年办结群众来信来访300件。",                         # other matters than the tables count
    "此外，收到咨询类申请12件，已转为咨询答复。",
    "12345热线受理群众诉求5万余件，办结4.8万件。",          # 办结 of the previous clause's 诉求
    "予以公开（含部分公开）100件。",                        # 71 + 29: an aside, not 部分公开 alone
    "全年受理行政许可申请5000件，作出行政许可决定4529件。",  # applications, not decisions …
    "全年共收到政府信息公开申请218件，涉及行政许可事项的申请30件。",  # … nor for information
    "全年收到复议申请7件。",                                 # 表四's, not 表三's
    "全年受理投诉举报100件，办结95件。",                    # … whatever the previous clause counted
    "全年共收到政府信息公开申请218件，其中当面申请5件，办结5件。",
])
def test_unrelated_or_guarded_numbers_are_left_alone(text):
    report = pingtan_report()
    report.set_text_of("s1", text)
    assert r8(report) == []


@pytest.mark.parametrize("text, quoted", [
    ("发生政府信息公开行政复议案件7件、行政诉讼案件20件。", "行政诉讼案件20件"),
    ("作出行政许可决定4529件、行政处罚1000件、行政强制65件。", "行政处罚1000件"),
    ("本年度制发行政规范性文件60件，废止33件。", "本年度制发行政规范性文件60件"),
])
def test_a_finding_quotes_the_words_of_its_own_number(text, quoted):
    # The quote ran from the start of the clause, so the clerk read the agreeing number first.
    _, [f] = on_pingtan(text)
    assert f"写“{quoted}”" in f.message


@pytest.mark.parametrize("edition, year, text", [
    ("2021", 2024, "发生政府信息公开行政复议案件9起、行政诉讼案件19宗。"),
    ("2019", 2020, "发生政府信息公开行政复议案件9起、行政诉讼案件19宗。"),
    ("2014", 2017, "发生政府信息公开行政复议案件9起、行政诉讼案件19宗。"),
])
def test_cases_counted_in_qi_and_zong_are_read(edition, year, text):
    # Reports count 行政复议 and 行政诉讼 cases in 起 and 宗 as often as in 件.
    report = zeroed(edition, year)
    report.set_text_of("s1", text)
    found = r8(report)
    assert sorted(f.actual for f in found) == [9, 19]
    assert any("为 0 起" in f.message for f in found)


def test_the_year_named_last_before_a_number_is_its_year():
    report = pingtan_report()        # 2024, 218 received
    report.set_text_of("s1", "与2023年相比，2024年共收到申请200件。")
    [f] = r8(report)
    assert f.actual == 200
    report.set_text_of("s1", "2023年收到申请190件，2024年收到申请200件。")
    [f] = r8(report)
    assert f.actual == 200
    report.set_text_of("s1", "2023年收到申请190件，2024年收到申请218件。")
    assert r8(report) == []


@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020), ("2014", 2017)])
def test_the_number_before_the_applications_it_counts(edition, year):
    # 「共收到95件政府信息公开申请」 says what 「共收到政府信息公开申请95件」 says.
    report = pingtan_report(edition, year) if edition != "2014" else demo_report()
    expected = report.value("t3:new:total" if edition != "2014" else "t1:received:v")
    section = "s1"
    report.set_text_of(section, f"全年共受理{expected + 95}件政府信息公开申请，均按时答复。")
    [f] = [f for f in r8(report) if f.section == section]
    assert (f.actual, f.expected) == (expected + 95, expected)
    report.set_text_of(section, f"全年共收到{expected}件政府信息公开申请。")
    assert [f for f in r8(report) if f.section == section] == []


@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020), ("2014", 2017)])
def test_applications_called_依申请公开(edition, year):
    report = pingtan_report(edition, year) if edition != "2014" else demo_report()
    expected = report.value("t3:new:total" if edition != "2014" else "t1:received:v")
    report.set_text_of("s1", f"全年共受理依申请公开事项{expected + 95}件。")
    [f] = [f for f in r8(report) if f.section == "s1"]
    assert (f.actual, f.expected) == (expected + 95, expected)
    report.set_text_of("s1", f"全年共受理依申请公开事项{expected}件。")
    assert [f for f in r8(report) if f.section == "s1"] == []
    if edition != "2014":           # 办理: new and carried over, as 「办理申请」
        report.set_text_of("s1", f"全年共办理依申请公开{expected + 95}件。")
        [f] = r8(report)
        assert f.actual == expected + 95 and f.cells == ("t3:new:total", "t3:carry:total")


@pytest.mark.parametrize("edition, year, cell", [("2021", 2024, "t2:norms:issued"), ("2019", 2020, "t2:norms:made"),
                                               ("2014", 2017, "t1:norm_issued:v")])
def test_the_documents_named_before_what_was_done_with_them(edition, year, cell):
    # 「行政规范性文件制发60件」 says what 「制发行政规范性文件60件」 says.
    report = pingtan_report(edition, year) if edition != "2014" else demo_report()
    made = report.value(cell)
    report.set_text_of("s1", f"本年度行政规范性文件制发{made + 2}件。")
    [f] = [f for f in r8(report) if f.section == "s1"]
    assert (f.actual, f.expected, f.cells) == (made + 2, made, (cell,))
    report.set_text_of("s1", f"本年度行政规范性文件制发{made}件。")
    assert [f for f in r8(report) if f.section == "s1"] == []


def test_a_column_of_表三_stated_in_the_text():
    # 平潭 2024: 217 自然人 and 1 法人或其他组织 of 218 new applications
    report, [f] = on_pingtan("全年共收到政府信息公开申请218件，其中自然人申请200件。")
    assert (f.actual, f.expected, f.cells) == (200, 217, ("t3:new:natural",))
    report, found = on_pingtan("全年共收到政府信息公开申请218件，其中自然人申请217件，法人或其他组织申请1件。")
    assert found == []
    report, [f] = on_pingtan("其中法人或其他组织申请5件。")
    assert (f.actual, f.expected) == (5, 1) and len(f.cells) == 5


def test_in_force_and_repealed_named_after_the_documents():
    report, found = on_pingtan("本年度行政规范性文件现行有效400件。")        # 440
    assert [(f.actual, f.cells) for f in found] == [(400, ("t2:norms:valid",))]
    report, found = on_pingtan("本年度行政规范性文件废止30件。")             # 33
    assert [(f.actual, f.cells) for f in found] == [(30, ("t2:norms:repealed",))]


@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020), ("2014", 2017)])
def test_applications_counted_in_宗(edition, year):
    # Reports of Guangdong count applications in 宗 (「共受理政府信息公开申请95宗」).
    report = pingtan_report(edition, year) if edition != "2014" else demo_report()
    expected = report.value("t3:new:total" if edition != "2014" else "t1:received:v")
    report.set_text_of("s1", f"全年共受理政府信息公开申请{expected + 95}宗。")
    [f] = [f for f in r8(report) if f.section == "s1"]
    assert (f.actual, f.expected) == (expected + 95, expected) and f"为 {expected} 宗" in f.message
    report.set_text_of("s1", f"全年共受理政府信息公开申请{expected}宗。")
    assert [f for f in r8(report) if f.section == "s1"] == []


@pytest.mark.parametrize("text", [
    "上年共收到政府信息公开申请200件，办结200件。",        # both last year's
    "去年收到申请200件，办结190件。",
    "上年共收到政府信息公开申请200件，其中予以公开70件。",
    "二〇二三年共收到政府信息公开申请200件。",           # a year in Chinese numerals
    # several years, or one number for each of several
    "近三年分别收到政府信息公开申请150件、197件、218件。",
    "近三年共收到政府信息公开申请565件。",
    "三年来共收到政府信息公开申请565件。",
    "2022年至2024年共收到政府信息公开申请565件。",
    "区本级和乡镇分别收到政府信息公开申请30件、188件。",
])
def test_last_years_numbers_stay_last_years_to_the_end_of_the_sentence(text):
    report, found = on_pingtan(text)        # 2024: 218 received and handled, 71 予以公开
    assert found == []


def test_last_year_named_before_this_year_leaves_this_years_numbers_compared():
    report, [f] = on_pingtan("与上年相比，本年共收到政府信息公开申请200件。")
    assert f.actual == 200
    report, [f] = on_pingtan("与二〇二三年相比，二〇二四年共收到政府信息公开申请200件。")
    assert f.actual == 200
    report, [f] = on_pingtan("近三年申请量持续增长，2024年共收到政府信息公开申请200件。")
    assert f.actual == 200
    report, [f] = on_pingtan("2024年以来共收到政府信息公开申请200件。")
    assert f.actual == 200
    report, [f] = on_pingtan("部分公开（区分处理的）30件。")          # an aside naming nothing else
    assert (f.actual, f.cells) == (30, ("t3:partial:total",))
    # 「上年结转」 is a row of this year's 表三, not last year
    report, found = on_pingtan("本年新收政府信息公开申请218件，上年结转3件，办结200件。")
    assert sorted((f.actual, f.cells) for f in found) == [(3, ("t3:carry:total",)), (200, ("t3:total:total",))]


@pytest.mark.parametrize("text, key", [
    ("本年度未收到政府信息公开申请。", "received"),
    ("全年没有收到政府信息公开申请的情况。", "received"),
    ("本年度未发生因政府信息公开引起的行政复议和行政诉讼案件。", "review"),
    ("本年度没有因政府信息公开申请行政复议、诉讼和申诉的情况发生。", "review"),
    ("未出现不予公开的情况。", "deny"),
    ("本年度未制发行政规范性文件。", "norms_issued"),
    ("本年度没有收到重复申请。", "ignore_2"),           # a kind of application, not all of them
])
def test_a_sentence_saying_there_were_none_is_a_zero(text, key):
    # 「本年度未收到政府信息公开申请」 over a 表三 of 218 is as wrong as 「收到申请0件」.
    report, [f] = on_pingtan(text)
    q = next(q for q in rule_of(report).quantities if q.key == key)
    assert f.cells == q.cells and f.actual == 0 and f.fix is None
    assert text[f.position[0]:f.position[1]] in f.message and text[f.position[0]] in "未没无"
    zero = zeroed("2021", 2024)
    zero.set_text_of("s1", text)
    assert r8(zero) == []


@pytest.mark.parametrize("text", [
    "对未收到答复的申请人及时回复。",                  # not the clause's object
    "本年度未收到法人或其他组织的申请。",              # a part
    "上年未收到政府信息公开申请。",                    # another year
    "2023年未收到政府信息公开申请。",
    "二〇二三年未收到政府信息公开申请。",               # years are read as for a number (_another_year)
    "近三年未收到政府信息公开申请。",
    "上年共收到政府信息公开申请200件，未收到行政复议。",   # 上年 to the sentence's end
    "没有属于国家秘密而不予公开的申请。",
    "无论是否提起行政复议，均依法答复。",
    "行政诉讼19件，其中复议后起诉的案件，法院均予维持。",
    "行政诉讼19件，其中未经复议直接起诉的案件，法院均予维持。",   # 未经: a kind, not a negation
    "本年度有2件申请尚未办结。",                                    # not yet: some, not none
    "本年度没有结转下年度继续办理的申请。",       # none carried over, not none handled
    "无结转下年度办理的申请。",
    "未出现因不予公开引发的行政复议。",           # reviews of one kind only
])
def test_negations_that_do_not_say_the_year_had_none(text):
    report, found = on_pingtan(text)
    assert found == []
    assert not any(value == 0 for _key, value, _approx in read(report, text))


def test_a_sentence_wrapped_by_hard_line_breaks_is_read_whole():
    # Copied from last year's PDF: a line break at every line.  The editor wraps lines anyway, so
    # the clerk sees one sentence, and so does a reviewer; the check read two halves and nothing.
    text = "（二）依申请公开\n本年度共收到政府信息\n公开申请200件，均按时\n答复。\n予以公开71件。"
    report, [f] = on_pingtan(text)
    assert text[f.position[0]:f.position[1]] == "200" and f.quote == "本年度共收到政府信息\n公开申请200件，均按时\n答复"
    apply_fix(report, f)
    assert r8(report) == [] and "公开申请218件" in report.text("s1")


def test_the_year_s_applications_next_to_other_matters_are_still_read():
    report = pingtan_report()
    report.set_text_of("s1", "认真办理群众来信来访和政府信息公开申请，全年共收到申请200件。")
    [f] = r8(report)
    assert f.actual == 200
    report.set_text_of("s1", "收到申请218件，办结200件。")
    [f] = r8(report)
    assert f.actual == 200 and f.cells == ("t3:total:total",)


@pytest.mark.parametrize("text, whole_year", [
    ("1至12月，共收到政府信息公开申请200件。", True),        # the whole year, written as a range
    ("2024年1-12月，共受理政府信息公开申请200件。", True),
    ("一至十二月，共受理政府信息公开申请200件。", True),
    ("2024年1月1日至12月31日，共受理政府信息公开申请200件。", True),
    ("截至2024年12月31日，共收到申请200件。", True),
    ("1月至11月共收到政府信息公开申请200件。", False),       # part of it
    ("1月1日至11月30日共收到政府信息公开申请200件。", False),
    ("上半年共收到申请200件。", False),
    ("第一季度收到申请200件。", False),
    ("截至11月底，共收到申请200件。", False),
    ("截止到2024年11月30日，共收到申请200件。", False),
])
def test_a_range_of_months_is_part_of_the_year_unless_it_is_all_of_it(text, whole_year):
    assert bool(on_pingtan(text)[1]) is whole_year        # 218 received


def test_findings_of_r8_are_warnings_the_clerk_can_review():
    report = demo_report()
    first = r8(report)[0]
    report.reviews[first.key] = "文中数字为全区各部门合计"
    after = {f.key: f for f in r8(report)}
    assert after[first.key].reviewed == "文中数字为全区各部门合计"


# --------------------------------------------------------------------------- R9

@pytest.mark.parametrize("edition, year", [("2021", 2024), ("2019", 2020)])
def test_missing_fee_statement_offers_the_sentence(edition, year):
    report = zeroed(edition, year)
    report.set_text_of("s6", "本机关无其他需要报告的事项。")
    [f] = r9(report)
    assert f.severity == "error" and f.section == "s6"
    assert f.fix.strip() == "本年度未收取信息处理费。"
    apply_fix(report, f)
    assert report.text("s6") == "本机关无其他需要报告的事项。\n本年度未收取信息处理费。"
    assert r9(report) == []


def test_missing_fee_statement_in_an_empty_section():
    report = zeroed("2021", 2024)
    [f] = r9(report)
    assert f.position == (0, 0)
    apply_fix(report, f)
    assert report.text("s6") == "本年度未收取信息处理费。" and r9(report) == []


@pytest.mark.parametrize("text", [
    "严格执行《政府信息公开信息处理费管理办法》。",
    "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）做好相关工作。",
])
def test_the_fee_rules_named_are_no_fee_statement(text):
    # The title of the 办法 says nothing of what was charged this year.
    report = zeroed("2021", 2024)
    report.set_text_of("s6", text)
    [f] = r9(report)
    assert f.severity == "error" and "没有报告信息处理费的收取情况" in f.message
    report.set_text_of("s6", text + "本年度未收取信息处理费。")
    assert r9(report) == []


def test_fee_mentioned_only_elsewhere_says_where():
    report = zeroed("2021", 2024)
    report.set_text_of("s1", "本年度未收取信息处理费。")
    [f] = r9(report)
    assert "一、总体情况" in f.message


@pytest.mark.parametrize("text", [
    "本年度未收取信息处理费。", "2024年，无收取信息处理费情况。", "本机关没有收取信息处理费。",
    "本年度共收取信息处理费200元，涉及申请2件。",
    # the 2021 格式's own words, without the word 信息处理费
    "本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
    "本年度发出收费通知2件，总金额300元，实际收取300元。",
    "本机关2024年度没有发出收费通知，未收取费用。",
    # nothing charged, in the words clerks use for it
    "本年度未收取政府信息公开相关费用。", "本年度依申请公开未收费。", "本年度无政府信息公开收费情况。",
    "本机关未收取政府信息公开处理费。", "本机关依申请提供政府信息，不收取费用。",
])
def test_fee_statements_that_pass(text):
    report = pingtan_report()
    report.set_text_of("s6", text)
    assert r9(report) == []


def test_fee_charged_without_any_application_is_implausible():
    report = zeroed("2021", 2024)
    report.set_text_of("s6", "本年度共收取信息处理费200元，涉及申请2件。")
    [f] = r9(report)
    assert f.severity == "warning" and "办理结果总计为 0" in f.message


def test_fee_for_more_applications_than_handled():
    report = zeroed("2021", 2024)
    report.set_value("t3:new:natural", 1)
    report.set_value("t3:open:natural", 1)
    report.set_text_of("s6", "本年度共收取信息处理费200元，涉及申请3件。")
    [f] = r9(report)
    assert f.severity == "warning" and (f.expected, f.actual) == (1, 3)


def test_no_fee_while_fee_notices_went_unpaid_is_pointed_out_carefully():
    report = zeroed("2021", 2024)
    report.set_value("t3:new:natural", 2)
    report.set_value("t3:other_2:natural", 2)
    report.set_text_of("s6", "本年度未收取信息处理费。")
    [f] = r9(report)
    assert f.severity == "warning" and f.cells == ("t3:other_2:total",) and "收费通知" in f.message


def test_no_fee_notice_while_fee_notices_went_unpaid_is_a_contradiction():
    report = zeroed("2021", 2024)
    report.set_value("t3:new:natural", 2)
    report.set_value("t3:other_2:natural", 2)
    report.set_text_of("s6", "本年度发出收费通知2件，总金额300元，申请人均未缴纳，实际收取0元。")
    assert r9(report) == []        # notices went out, nothing was paid: consistent
    for text, said in (("本机关2024年度没有发出收费通知，未收取费用。", "没有发出收费通知"),
                       ("本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
                        "发出收费通知的件数和总金额以及实际收取的总金额均为0"),
                       ("本年度发出收费通知0件。", "发出收费通知0件")):
        report.set_text_of("s6", text)
        [f] = r9(report)
        assert f.severity == "warning" and f.cells == ("t3:other_2:total",)
        assert text[f.position[0]:f.position[1]] == said and "矛盾" in f.message
    report.set_text_of("s6", "申请人逾期未按收费通知要求缴纳费用的2件，不再处理。本年度未收取信息处理费。")
    [f] = r9(report)
    assert "说明本年度发出过收费通知" in f.message      # not read as 「没有发出收费通知」
    report.set_text_of("s6", "本年度未收取政府信息公开相关费用。")
    [f] = r9(report)
    assert "说明本年度发出过收费通知" in f.message      # a 「未收取」 without the fee's name too
    report.set_value("t3:other_2:natural", 0)
    report.set_text_of("s6", "本机关2024年度没有发出收费通知，未收取费用。")
    assert r9(report) == []


# --------------------------------------------------------------------------- edition data

def _edition_with(rule):
    data = json.loads((get_edition("2021").source and open(get_edition("2021").source, encoding="utf-8").read()))
    data["rules"] = [r for r in data["rules"] if r["id"] != "R8"] + [rule]
    return data


@pytest.mark.parametrize("quantity, fault", [
    ({"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["收到申请"]}, "{n}"),
    ({"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["收到(申请{n}"]}, "正则"),
    ({"key": "a", "name": "x", "cells": ["t3:nope:total"], "unit": "件", "patterns": ["收到{n}"]}, "nope"),
    ({"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["…{n}"]}, "字词"),
    ({"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["收到{n}"], "within": "b"},
     "within"),
    ({"key": "a", "name": "x", "cells": ["prev:t3:new:total"], "unit": "件", "patterns": ["收到{n}"]}, "prev"),
])
def test_malformed_text_rules_are_refused(quantity, fault):
    rule = {"id": "R8", "severity": "warning", "type": "text_numbers", "quantities": [quantity]}
    with pytest.raises(EditionError, match=fault.replace("{", r"\{").replace("}", r"\}").replace("(", r"\(")):
        parse_edition(_edition_with(rule), "测试.json")


def test_words_anywhere_around_the_number_are_the_phrasing_s_own():
    """prefix_anywhere is compiled when first needed (start-up); it is the anchored prefix without
    its end, and suffix_anywhere is the suffix, for every phrasing of every official edition."""
    seen = 0
    for eid in ("2014", "2019", "2021"):
        for rule in get_edition(eid).rules:
            for p in (p for q in rule.quantities for p in q.patterns):
                prefix = p.source.split("{n}")[0]
                assert (p.prefix_anywhere is None) == (not prefix) == (p.prefix is None)
                if prefix:
                    assert p.prefix.pattern.startswith(p.prefix_anywhere.pattern + "(?P<link>")
                assert p.suffix_anywhere is p.suffix
                seen += 1
    assert seen > 100


def test_official_phrasings_compile_when_first_used_and_every_one_compiles():
    """Reading an official edition compiles none of R8's phrasings (start-up); all of them compile."""
    from forms.edition import BUILTIN_DIR, load_edition_file

    for eid in ("2014", "2019", "2021"):
        edition = load_edition_file(BUILTIN_DIR / f"{eid}.json", official=True)
        phrasings = [p for rule in edition.rules for q in rule.quantities for p in q.patterns]
        assert len(phrasings) > 30
        assert not any("prefix" in vars(p) or "suffix" in vars(p) for p in phrasings)
        for p in phrasings:
            prefix, suffix = p.prefix, p.suffix
            assert prefix is not None or suffix is not None, p.source
            assert (p.negated is None) is (prefix is None), p.source
        assert all("prefix" in vars(p) and "suffix" in vars(p) for p in phrasings)


def test_a_user_edition_s_phrasings_are_compiled_when_it_is_read(tmp_path):
    from forms.edition import load_edition_file

    quantity = {"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["收到{n}件"]}
    rule = {"id": "R8", "severity": "warning", "type": "text_numbers", "quantities": [quantity]}
    data = _edition_with(rule)
    path = tmp_path / f"{data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    edition = load_edition_file(path)
    (p,) = [p for r in edition.rules for q in r.quantities for p in q.patterns]
    assert "prefix" in vars(p) and "suffix" in vars(p)


def test_a_malformed_suffix_is_refused_when_the_edition_is_read():
    quantity = {"key": "a", "name": "x", "cells": ["t3:new:total"], "unit": "件", "patterns": ["收到{n}(件"]}
    rule = {"id": "R8", "severity": "warning", "type": "text_numbers", "quantities": [quantity]}
    with pytest.raises(EditionError, match="正则"):
        parse_edition(_edition_with(rule), "测试.json")


def test_check_json_carries_the_text_findings(tmp_path, capsys):
    from forms.cli import main
    path = tmp_path / "demo.nianbao"
    assert main(["demo", "-o", str(path)]) == 0
    capsys.readouterr()
    main(["check", str(path), "--json"])
    found = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "R8"]
    assert sorted((f["cells"], f["actual"], f["expected"], f["fix"], f["section"]) for f in found) == [
        (["t1:reading_points:v"], 6, 1, "1", "s5"), (["t1:staff:v"], 70, 3, "3", "s5")]
    assert all(f["quote"] and len(f["position"]) == 2 and f["severity"] == "warning" for f in found)
