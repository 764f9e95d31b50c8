import pytest

from explore.metrics import find_metrics
from explore.numbers import parse_chinese_integer, parse_number
from explore.sentences import split_sentences


def figures(text: str) -> list[tuple[str, float, str | None, str]]:
    return [(m.raw, m.value, m.unit, m.qualifier) for s in split_sentences(text) for m in find_metrics(s)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平台已覆盖25.5万行政村。", [("25.5万行政村", 255000, "个", "exact")]),
        ("投入帮扶资金超过12亿元。", [("超过12亿元", 1.2e9, "元", "more_than")]),
        ("开展培训活动5万多场。", [("5万多场", 50000, "场", "more_than")]),
        ("培训覆盖近300万人次。", [("近300万人次", 3e6, "人次", "less_than")]),
        ("发布通知6000余次。", [("6000余次", 6000, "次", "more_than")]),
        ("零售额增加了18倍多。", [("18倍多", 18, "倍", "more_than")]),
        ("吸引近万名消费者。", [("近万名", 10000, "名", "less_than")]),
        ("销售破60万元。", [("破60万元", 600000, "元", "more_than")]),
        ("选择至少3个方向。", [("至少3个", 3, "个", "at_least")]),
        ("帮助1.3万名脱贫人口。", [("1.3万名", 13000, "名", "exact")]),
        ("在全国数十个地方落地。", [("数十个", 10, "个", "more_than")]),
        ("吸引两千多名游客。", [("两千多名", 2000, "名", "more_than")]),
        ("数百家企业参与。", [("数百家", 100, "家", "more_than")]),
        ("带动农户增收20%。", [("20%", 20, "%", "exact")]),
        ("约3000人参加。", [("约3000人", 3000, "人", "approx")]),
        ("销售额约为3000万元。", [("约为3000万元", 3e7, "元", "approx")]),
        ("全县约有200家网店。", [("约有200家", 200, "家", "approx")]),
        ("每场不超过50人。", [("不超过50人", 50, "人", "less_than")]),  # not 超过: more than
        ("建成1,200个服务站。", [("1,200个", 1200, "个", "exact")]),
        # a currency named between the qualifier and the figure, or the figure and its qualifier
        ("投资1000万元人民币以上。", [("1000万元人民币以上", 1e7, "元", "at_least")]),
        ("奖励超过人民币2万元。", [("超过人民币2万元", 20000, "元", "more_than")]),
        ("约合新台币8.7万元。", [("约合新台币8.7万元", 87000, "元", "approx")]),
        ("收入1000万元人民币，同比增长。", [("1000万元", 1e7, "元", "exact")]),
        ("建成10个或以上示范点。", [("10个或以上", 10, "个", "at_least")]),
        ("评选3个及以上项目。", [("3个及以上", 3, "个", "at_least")]),
        # 成 is tens of percent
        ("逾七成的农户参与。", [("逾七成", 70, "%", "more_than")]),
        ("收入九成以上来自电商。", [("九成以上", 90, "%", "at_least")]),
        ("举办157对新人集体婚礼。", [("157对", 157, "对", "exact")]),
        # a scale word with 余/多 is a count; a noun counted after a Chinese numeral is too
        ("吸引万余人参加。", [("万余人", 10000, "人", "more_than")]),
        ("百余家企业入驻。", [("百余家", 100, "家", "more_than")]),
        ("覆盖数十万农户。", [("数十万农户", 1e5, "个", "more_than")]),
        ("十余区县参加。", [("十余区县", 10, "个", "more_than")]),
        # … but scale words before a noun are prose
        ("走进千家万户，服务万千农户。", []),
        ("全国十县入选。", []),
        # a unit that is half of another word is none
        ("他们一成不变地坚持。", []),
        ("618期间销量增长。", []),
        ("其中3成为骨干。", []),
        ("交易额突破5000万元。", [("突破5000万元", 5e7, "元", "more_than")]),
        ("每天不足10吨。", [("不足10吨", 10, "吨", "less_than")]),
        ("招募100人以上。", [("100人以上", 100, "人", "at_least")]),
        ("共带动上万人就业。", [("上万人", 10000, "人", "at_least")]),
        ("产值达到3.5亿。", [("3.5亿", 3.5e8, "元", "exact")]),
    ],
)
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年12月6日，大会召开。",
        "到2026年底，取得显著成效。",
        "第七届中国农村电子商务大会召开。",
        "发布“联通数村3.0”解决方案。",
        "实现乡镇5G连续覆盖。",
        "iPhone 15曝光。",
        "联系电话：18536356372。",
        "改革开放40多年来，农业发展迅速。",
        "连续5年获得好评。",
        "30小时内吸引消费者。",
        "陈忠岳从三个方面分享成效。",
        "构建五大关键要素循环。",
        "2023农村直播电商案例成果发布会召开。",
        "国办发〔2023〕5号文件印发。",
        "截至2023年8月，平台上线。",
    ],
)
def test_not_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("中国联通投入帮扶资金超过12亿元。", "帮扶资金"),
        ("累计培训三农主播超4万人。", "三农主播"),
        ("带动农村实现3200亿元产值。", "产值"),
        ("支持3864名困难家庭子女上学。", "困难家庭子女"),
        ("覆盖全国30个省（区、市）。", "省"),
        ("包括城乡融合发展、东西部协作2个方向。", "方向"),
        # a one-character stop inside a word that holds it cuts nothing (从 of 从业, 有 of 有限)
        ("全县农村电商从业人员2.3万人。", "全县农村电商从业人员"),
        ("引进物流有限公司12家。", "引进物流有限公司"),
        ("上线内容创作者300名。", "上线内容创作者"),
        ("培育电商达人500名。", "培育电商达人"),
    ],
)
def test_subjects(text, subject):
    (metric,) = find_metrics(split_sentences(text)[0])
    assert metric.subject == subject


def test_both_ends_of_a_range_count_the_same_thing():
    sentences = split_sentences("果蔬的产后损失率为15%-20%，电商销售额增长3万至5万元。")
    loss_low, loss_high, low, high = [m for s in sentences for m in find_metrics(s)]
    assert loss_low.subject == loss_high.subject == "产后损失率"
    assert low.subject == high.subject and (low.unit, high.unit) == ("元", "元")
    # Two figures that follow each other in other units count their own things (1153户3173人次).
    households, people = find_metrics(split_sentences("救助特困群众1153户3173人次。")[0])
    assert (households.unit, people.unit) == ("户", "人次")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("覆盖25.5万行政村。", "coverage"),
        ("投入帮扶资金超过12亿元。", "money"),
        ("直播助农销售额超1.8亿元。", "sales"),
        ("累计培训三农主播超4万人。", "training"),
        ("新增10款硬核场景化应用。", "count"),
        ("游客增长12.4倍。", "growth"),
        ("救助1690户。", "people"),
    ],
)
def test_categories(text, category):
    (metric,) = find_metrics(split_sentences(text)[0])
    assert metric.category == category


def test_offsets_point_into_the_document():
    text = "第一段。\n联通数村平台已覆盖25.5万行政村。"
    (sentence,) = [s for s in split_sentences(text) if "覆盖" in s.text]
    (metric,) = find_metrics(sentence)
    assert text[metric.start : metric.end] == metric.raw


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25.5", 25.5),
        ("1,200", 1200),
        ("两千", 2000),
        ("十四", 14),
        ("一千二百", 1200),
        ("万", 10000),
        ("三万五千", 35000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_malformed_chinese_numerals():
    assert parse_chinese_integer("二三") is None
    assert parse_chinese_integer("abc") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("损失率为15%-20%。", [("15%", 15, "%", "exact"), ("20%", 20, "%", "exact")]),  # a range of two figures
        ("提供5万元以下的贷款。", [("5万元以下", 50000, "元", "less_than")]),
        ("走进千家万户。", []),  # a saying, not two counts
        ("每万人拥有基站数达到22.2个。", [("22.2个", 22.2, "个", "exact")]),
        ("上线扶贫832平台。", []),  # a platform's name
        (
            "种植上百万株幼苗，海拔4700米，共300余种。",
            [("上百万株", 1e6, "株", "at_least"), ("4700米", 4700, "米", "exact"), ("300余种", 300, "种", "more_than")],
        ),
    ],
)
def test_figures_on_real_page_forms(text, expected):
    assert figures(text) == expected


def test_a_number_too_long_for_a_float_is_no_figure():
    assert parse_number("9" * 400) is None and parse_number("9" * 300) == float("9" * 300)
    found = figures("覆盖" + "9" * 400 + "个行政村，投入" + "9" * 300 + "万亿元，带动12万人。")
    assert [f[0] for f in found] == ["12万人"]


def test_an_index_level_in_points_after_a_word_that_gives_one():
    found = figures("截至收盘，上证指数报3373点，下跌0.18%；深证成指报10983点。")
    assert [(raw, value, unit) for raw, value, unit, _ in found if unit == "点"] == [
        ("3373点", 3373.0, "点"),
        ("10983点", 10983.0, "点"),
    ]


@pytest.mark.parametrize("text", ["下午3点召开会议。", "会议提出3点要求。", "他讲了三点。"])
def test_points_that_are_a_time_or_points_made_are_no_figures(text):
    assert figures(text) == []


def test_a_network_generation_is_part_of_the_subject():
    """The 5 of 5G基站 starts no figure: the subject runs through it."""
    (metric,) = [m for s in split_sentences("全省已建成5G基站8.6万个。") for m in find_metrics(s)]
    assert metric.subject.endswith("5G基站")


@pytest.mark.parametrize("text", ["提供24小时在线服务。", "实现7×24小时不间断监测。", "连续直播13个小时。"])
def test_a_few_hours_are_a_duration_not_a_figure(text):
    assert figures(text) == []


def test_a_count_of_hours_is_a_figure():
    assert figures("志愿者累计服务1145小时。") == [("1145小时", 1145.0, "小时", "exact")]


def test_a_share_said_to_be_about_so_much_is_approximate():
    found = figures("零售额8945.4亿元，约占全国网络零售额的17.4%，增长5%。")
    assert [(raw, qualifier) for raw, _, _, qualifier in found] == [
        ("8945.4亿元", "exact"),
        ("17.4%", "approx"),
        ("5%", "exact"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年快递业务量过千亿件。", [("过千亿件", 100000000000.0, "件", "more_than")]),
        ("游客过万人。", [("过万人", 10000.0, "人", "more_than")]),
        ("通过100家企业带动。", [("100家", 100.0, "家", "exact")]),  # the 过 of 通过 says nothing of the number
    ],
)
def test_over_a_round_scale_is_more_than_it(text, expected):
    assert figures(text) == expected
