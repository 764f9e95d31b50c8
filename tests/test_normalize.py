import pytest

from explore.normalize import (
    fullwidth_alnum_to_ascii,
    fullwidth_punctuation,
    normalize_newlines,
    normalize_spacing,
    paragraph_marks_to_breaks,
    remove_invisible,
    remove_pinyin_annotations,
    repair_punctuation,
    simplify_script,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("中央網(wǎng)信辦", "中央網信辦"),
        ("鄉(xiāng)村振興", "鄉村振興"),
        ("數(shù)字", "數字"),
        ("以學(xué)習", "以學習"),  # üe written ue after x
        ("綠(lǜ)色", "綠色"),
        ("網（wǎng）", "網"),  # full-width parentheses
        ("覆盖全国30个省(区、市)", "覆盖全国30个省(区、市)"),
        ("数字乡村发展动态(2024 年第 2 期)", "数字乡村发展动态(2024 年第 2 期)"),
        ("(信息来源: 新华社)", "(信息来源: 新华社)"),
        ("公司(ltd)", "公司(ltd)"),  # not a pinyin syllable
        ("方案(a)", "方案(a)"),  # toneless single letter in an unannotated text
        ("產品(iPhone)", "產品(iPhone)"),  # capitals: not ruby
        # the other shapes converters leave: spaced, square-bracketed, a tone's number
        ("數 (shù) 字鄉 (xiāng) 村", "數字鄉村"),
        ("互聯網 (wǎng) +行動", "互聯網+行動"),
        ("數[shù]字", "數字"),
        ("數(shu4)字鄉(xiang1)村", "數字鄉村"),
        ("網(w?ng)信辦", "網信辦"),  # a tone-marked vowel an encoding without it turned into ?
        ("他问(what?)", "他问(what?)"),
        ("参考文献[1]", "参考文献[1]"),
        ("数字乡村 (DV) 计划", "数字乡村 (DV) 计划"),
    ],
)
def test_remove_pinyin_annotations(raw, expected):
    assert remove_pinyin_annotations(raw) == expected


def test_toneless_syllables_go_only_in_an_annotated_text():
    annotated = "網(wǎng)鄉(xiāng)數(shù)的(de)"
    assert remove_pinyin_annotations(annotated) == "網鄉數的"
    assert remove_pinyin_annotations("这个的(de)") == "这个的(de)"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("中國聯通數字鄉村", "中国联通数字乡村"),
        ("已经是简体", "已经是简体"),
        ("", ""),
        ("吉林乾安縣建設數字鄉村", "吉林乾安县建设数字乡村"),  # a place's name OpenCC would break (乾 → 干) is kept
        ("乾安县的农产品", "乾安县的农产品"),  # in Simplified text too
        ("陝西乾縣", "陕西乾县"),
        ("天氣乾燥", "天气干燥"),  # 乾 as "dry" outside a name still converts
    ],
)
def test_simplify_script(raw, expected):
    assert simplify_script(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("据中国网信网消息,,中央网信办", "据中国网信网消息，中央网信办"),
        ("推进乡村全面振兴,、加快建设", "推进乡村全面振兴、加快建设"),
        ("内生动力,。", "内生动力。"),
        ("统筹推进,,建立", "统筹推进，建立"),
        ("而且，，还有", "而且，还有"),
        ("甲、，乙", "甲、乙"),
        ("真的吗？！", "真的吗？！"),  # the writer's emphasis stays
        ("，开头的逗号", "开头的逗号"),
        ("1,000元", "1,000元"),  # one comma is not a run
    ],
)
def test_repair_punctuation(raw, expected):
    assert repair_punctuation(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9月27日,中国联通", "9月27日，中国联通"),
        ("服务体系,2022年以来", "服务体系，2022年以来"),
        ("创新模式,30小时内", "创新模式，30小时内"),
        ("(信息来源: 新华社)", "（信息来源：新华社）"),
        ("(2024 年第 2 期)", "（2024 年第 2 期）"),
        ("覆盖25.5万行政村", "覆盖25.5万行政村"),
        ("发布于2023-01-09", "发布于2023-01-09"),
        ("网址:http://www.example.cn/a,b", "网址：http://www.example.cn/a,b"),
        ("邮箱:liu@caict.ac.cn", "邮箱：liu@caict.ac.cn"),
        ("时间10:30开始", "时间10:30开始"),
        ("共1,000人", "共1,000人"),
        ("the CEO (Ma) said", "the CEO (Ma) said"),
        ("免责声明:市场有风险!", "免责声明：市场有风险！"),
    ],
)
def test_fullwidth_punctuation(raw, expected):
    assert fullwidth_punctuation(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023 年 12 月 6 日", "2023年12月6日"),
        ("等 11 部门", "等11部门"),
        ("1690 户 2710 人", "1690户2710人"),
        ("中共中央 国务院", "中共中央 国务院"),
        ("近日, 农业农村部", "近日, 农业农村部"),
        ("近日， 农业农村部", "近日，农业农村部"),
        ("村民们的 “致富经”", "村民们的“致富经”"),
        ("（一） 部委动态", "（一）部委动态"),
        ("CAICT 中国信通院", "CAICT 中国信通院"),
        ("a  \t b   ", "a b"),
    ],
)
def test_normalize_spacing(raw, expected):
    assert normalize_spacing(raw) == expected


def test_paragraph_marks_become_breaks():
    raw = "　　第一段。　　第二段。"
    assert paragraph_marks_to_breaks(raw) == "第一段。\n第二段。"


def test_single_ideographic_space_is_not_a_paragraph():
    assert paragraph_marks_to_breaks("中文　词") == "中文　词"


def test_small_steps():
    assert normalize_newlines("a\r\nb\rc\fd") == "a\nb\nc\nd"
    assert remove_invisible("数\u200b字\ufeff乡\u00a0村\x07") == "数字乡 村"
    assert fullwidth_alnum_to_ascii("２０２３年ＡＩ，") == "2023年AI，"
    # a full-width date's and time's separators between digits, and no other full-width mark
    assert fullwidth_alnum_to_ascii("２０２１－０３－０５　１０：００，比例：３／４") == "2021-03-05　10:00，比例：3/4"


@pytest.mark.parametrize(
    "step",
    [
        remove_pinyin_annotations,
        simplify_script,
        repair_punctuation,
        fullwidth_punctuation,
        normalize_spacing,
        paragraph_marks_to_breaks,
    ],
)
@pytest.mark.parametrize("text", ["網(wǎng)信辦,,通知,、要求,。", "2023 年 ,a, (区、市)  x", "　　段落　　二"])
def test_each_step_is_idempotent(step, text):
    once = step(text)
    assert step(once) == once


def test_toneless_syllables_in_a_text_of_many_are_annotations():
    """Tone marks lost: five annotations or more, nearly all of them syllables, are a converter's residue."""
    text = "近年來(lai)，我國數(shu)字鄉(xiang)村建設取得積極進(jin)展，農(nong)村"
    assert remove_pinyin_annotations(text) == "近年來，我國數字鄉村建設取得積極進展，農村"
    assert (
        remove_pinyin_annotations("开发了一款应用(app)，还有(ai)和(an)方案")
        == "开发了一款应用(app)，还有(ai)和(an)方案"
    )
