"""Attribution, document dates and events of one item (explore.extract)."""

from datetime import date

from explore.dates import DatedAs, furniture_bound
from explore.extract import ItemContext, extract_item
from explore.tables import METRIC_COLUMNS
from explore.themes import find_themes


def run(text, *, title=None, publication=None, furniture=(), bulletin=False):
    context = ItemContext("d-01", title, publication, furniture_bound(list(furniture)))
    return extract_item(text, context, bulletin=bulletin)


def figures(result):
    """The figure rows of an extraction by column name (they are made as tuples in the table's column order)."""
    return [dict(zip(METRIC_COLUMNS, row, strict=True)) for row in result.metrics]


def orgs_of_figures(result):
    return [(m["raw"], m["org"]) for m in figures(result)]


def test_a_figure_belongs_to_the_actor_of_its_sentence():
    text = "中国联通投入帮扶资金超过12亿元。京东带动农村实现3200亿元产值。"
    assert orgs_of_figures(run(text)) == [("超过12亿元", "中国联通"), ("3200亿元", "京东")]


def test_a_sentence_without_an_actor_continues_the_previous_one():
    text = "中国农业银行创新设立三个基金。基金目前已救助1690户2710人。"
    assert orgs_of_figures(run(text)) == [("1690户", "中国农业银行"), ("2710人", "中国农业银行")]


def test_a_national_clause_has_no_organization():
    text = "腾讯介绍了经验。过去十年，我国农村网络零售额增加了18倍多。"
    assert orgs_of_figures(run(text)) == [("18倍多", None)]


def test_a_product_stands_for_its_owner_only_when_the_owner_is_named():
    named = "腾讯搭建平台。当地利用企业微信发布通知6000余次。"
    assert orgs_of_figures(run(named)) == [("6000余次", "腾讯")]
    unnamed = "合作社在抖音等平台直播，每月销售2万元。"
    assert orgs_of_figures(run(unnamed)) == [("2万元", None)]


def test_a_person_stands_for_the_organization_in_their_title():
    text = "全国人大代表、腾讯董事会主席兼首席执行官马化腾曾在2022年两会期间提出建议。"
    (event,) = run(text).events
    assert event["org"] == "腾讯"
    assert event["date"] == date(2022, 3, 1)


def test_a_media_dateline_is_not_the_actor():
    text = "中新网3月13日电 中央网信办等11部门联合印发通知。"
    result = run(text)
    assert result.events[0]["org"] == "中央网信办"
    assert result.date == DatedAs(None, "month_day", "3月13日")


def test_bulletin_items_take_the_edition_year():
    publication = "数字乡村发展动态 （2024年第2期） 中国信息通信研究院"
    dated = run("2月3日，意见发布。", publication=publication, bulletin=True)
    assert (dated.date.when, dated.date.precision) == (date(2024, 2, 3), "day")
    undated = run(
        "中国证券业协会设立基金。基金自2018年设立以来产生收益315万元。", publication=publication, bulletin=True
    )
    assert undated.date == DatedAs(date(2024, 1, 1), "year", "2024年第2期")


def test_furniture_dates_bound_an_article_without_a_year():
    text = "数字乡村是方向。11月28日，腾讯分享了经验。马化腾曾在2022年两会期间提出建议。今年9月，腾讯开展新农具计划。"
    result = run(text, furniture=["- 某条新闻2023-01-09", "- 另一条2023-01-07"])
    assert result.date.when == date(2022, 11, 28)
    assert [e["date"] for e in result.events] == [date(2022, 11, 28), date(2022, 3, 1), date(2022, 9, 1)]


def test_without_evidence_the_year_stays_unknown():
    result = run("11月28日，腾讯分享了经验。")
    assert (result.date.when, result.date.precision) == (None, "month_day")


def test_event_kinds():
    text = (
        "2020年10月，京东启动奔富计划。2021年12月底，京东科技发布白皮书。"
        "到2026年底，试点取得成效。2021年，中国联通召开推进会。"
    )
    assert [e["kind"] for e in run(text).events] == ["launch", "release", "target", "meeting"]


def test_themes_keep_their_evidence():
    hits = {h.theme: h.evidence for h in find_themes("开展直播带货和农村电商，培训三农主播，提升乡村治理水平。")}
    assert hits["乡村数字富民产业"] == ("农村电商", "电商", "直播带货")
    assert "主播" in hits["人才与培训"]
    assert "乡村治理" in hits["乡村数字治理"]


def test_figures_carry_their_themes_with_evidence():
    (metric,) = figures(run("中国联通累计培训三农主播超4万人。"))
    assert metric["themes"] == "人才与培训"
    assert metric["theme_evidence"] == "人才与培训：培训、主播"
