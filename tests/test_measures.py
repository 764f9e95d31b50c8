"""What a figure counts: measures from data/measures.toml (issue 15)."""

import pytest

from explore.measures import OTHER, measure_rules, measures, unit_family
from explore.metrics import find_metrics
from explore.sentences import split_sentences


def measured(text: str) -> list[tuple[str, str]]:
    return [(m.raw, m.measure) for s in split_sentences(text) for m in find_metrics(s)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平台已覆盖25.5万行政村。", [("25.5万行政村", "villages")]),
        ("平台覆盖全国30个省、1.7万个村庄和社区。", [("30个", "places"), ("1.7万个", "villages")]),
        ("投入帮扶资金超过12亿元。", [("超过12亿元", "invested")]),
        ("直播助农销售额超1.8亿元。", [("超1.8亿元", "sales")]),
        ("带动农户人均增收3000元。", [("3000元", "income")]),
        ("组织专题培训覆盖近300万人次。", [("近300万人次", "trained")]),
        ("吸引近万名消费者在线认养。", [("近万名", "people")]),
        ("惠及1690户。", [("1690户", "households")]),
        ("5G用户突破5亿户。", [("突破5亿户", "people")]),
        ("卖出2万多斤百香果。", [("2万多斤", "goods")]),
        ("一小时成交400多单。", [("400多单", "orders")]),
        ("种植50多亩蔬菜。", [("50多亩", "land")]),
        ("打造超150款标准化应用。", [("超150款", "products")]),
        ("与177家行业合作伙伴成立联盟。", [("177家", "organizations")]),
        ("建成1200个村级电商服务站点。", [("1200个", "facilities")]),  # 村级 qualifies the noun
        ("开设了187个直播间。", [("187个", "facilities")]),
        ("全县建成益农信息社1200余个。", [("1200余个", "facilities")]),
        ("建成村级快递服务点300个。", [("300个", "facilities")]),  # a point, not the parcels it handles
        ("建成电商产业园3个。", [("3个", "facilities")]),
        ("活跃网店超过20万家。", [("超过20万家", "organizations")]),  # 网店, not 店
        ("开展培训活动5万多场。", [("5万多场", "events")]),
        ("零售额同比增长11.3%。", [("11.3%", "growth")]),
        ("行政村覆盖率提升至99%。", [("99%", "coverage_rate")]),  # 提升至: a level, not a growth
        ("98%的乡镇实现快递直通。", [("98%", "coverage_rate")]),  # the words after the figure count too
        ("占全国网络零售额的17.4%。", [("17.4%", "share")]),
        ("规模扩大8.4倍。", [("8.4倍", "growth")]),
        ("淘宝村数量达780个。", [("780个", "villages")]),  # the noun before the figure
        ("共发布两委日记2391篇。", [("2391篇", OTHER)]),  # fits no measure: never forced
        ("全国的国家级贫困县就有536个。", [("536个", "places")]),  # 就有 links the noun to its number
        ("网店数量达到当地家庭户数的10%以上。", [("10%以上", "share")]),  # …的10%: a part of a whole
        ("直播间观看人次超过100万。", [("超过100万", "people")]),  # visits: people, counted with the number bare
    ],
)
def test_a_figure_gets_the_measure_a_reader_would_give(text, expected):
    assert measured(text) == expected


def test_the_data_file_defines_every_measure_a_rule_gives_and_labels_each():
    known = measures()
    assert OTHER in known and list(known)[-1] == OTHER
    assert {rule.measure for rule in measure_rules().rules} <= set(known)
    assert all(m.label and m.label.split(" ")[0] for m in known.values())


def test_units_of_one_family_convert_to_its_base_unit():
    assert unit_family("斤") == ("weight", 0.5)
    assert unit_family("吨") == ("weight", 1000.0)
    assert unit_family("元") == ("money", 1.0)
    assert unit_family("人次") != unit_family("人")  # person-times are not people
    assert unit_family("个") == ("count", 1.0)
    assert unit_family(None) == ("count", 1.0)


def test_measured_figures_share_an_axis_only_within_their_measure_and_family(tmp_path):
    import explore
    from explore import compare

    (tmp_path / "a.txt").write_text(
        "2023年5月6日，某公司卖出2万斤苹果，又卖出10吨梨。培训农民300人次，培训学员120人。平台覆盖10万多居民。",
        encoding="utf-8",
    )
    figures = compare.measured(explore.load_corpus(tmp_path)).set_index("raw")
    assert figures.loc["2万斤", "base_value"] == 10_000 and figures.loc["10吨", "base_value"] == 10_000
    assert figures.loc["2万斤", "group"] == figures.loc["10吨", "group"] == "goods:weight"
    assert figures.loc["300人次", "group"] == "trained:person_times" != figures.loc["120人", "group"]
    assert figures.loc["10万多居民", "group"] == "people:people"  # a count of residents is a count of people
    options = compare.group_options(compare.measured(explore.load_corpus(tmp_path)))
    assert options["label"].tolist().index("人数 people reached · 人") < options["label"].tolist().index(
        "农产品 produce (weight) · 公斤"
    )  # measures in the data file's order


def test_a_figure_whose_noun_is_left_out_takes_the_measure_of_the_one_before_it():
    assert measured("新建电商服务站点1098个，累计达到8248个。") == [("1098个", "facilities"), ("8248个", "facilities")]
    assert measured("选择至少3个方向，包括2个方向。") == [("至少3个", OTHER), ("2个", OTHER)]  # named: 方向
