from dataclasses import replace
from datetime import date

import pytest

from explore.dates import (
    YearEvidence,
    body_lower_bound,
    edition,
    find_dates,
    furniture_bound,
    resolve,
    title_year,
)


def one(text):
    (expr,) = find_dates(text)
    return expr


@pytest.mark.parametrize(
    ("text", "ymd", "precision", "role"),
    [
        ("2023年12月6日，大会召开。", (2023, 12, 6), "day", "happening"),
        ("2023 年 12 月 6 日".replace(" ", ""), (2023, 12, 6), "day", "happening"),
        ("发布于2023-01-09", (2023, 1, 9), "day", "happening"),
        ("9月27日，推进会召开。", (None, 9, 27), "month_day", "happening"),
        ("2021年12月底，发布白皮书。", (2021, 12, None), "month", "happening"),
        ("2023年8月，平台上线。", (2023, 8, None), "month", "happening"),
        ("截至2023年8月，平台已覆盖。", (2023, 8, None), "month", "as_of"),
        ("到2026年底，取得显著成效。", (2026, None, None), "year", "target"),
        ("自2018年设立以来", (2018, None, None), "year", "as_of"),
        ("今年9月，开展计划。", (None, 9, None), "month", "happening"),
        ("2022年两会期间提出", (2022, 3, None), "month", "happening"),
        ("印发《关于公布2023年优秀案例的通知》", (2023, None, None), "year", "in_title"),
    ],
)
def test_expressions(text, ymd, precision, role):
    expr = one(text)
    assert (expr.year, expr.month, expr.day) == ymd
    assert (expr.precision, expr.role) == (precision, role)


@pytest.mark.parametrize("text", ["2023年度示范基地", "《2023-2024年行动计划》发布", "第2期", "13:30开会"])
def test_not_dates(text):
    assert [e for e in find_dates(text) if e.role != "in_title"] == []


def test_recent_and_relative_words():
    assert [e.relative for e in find_dates("近日，去年，今年")] == ["近日", "去年", "今年"]


def test_edition_year_settles_a_bulletin():
    assert edition("数字乡村发展动态 （2024年第2期） 中国信息通信研究院") == (2024, "2024年第2期")
    # with no year in its number, the day of issue the masthead gives
    assert edition("数字乡村建设工作简报 （第5期） 某省领导小组办公室 2023年6月15日") == (2023, "2023年6月15日")
    evidence = YearEvidence(edition=2024)
    assert resolve(one("2月3日，意见发布。"), evidence, None).as_date() == date(2024, 2, 3)


def test_title_year():
    assert title_year("中国联通召开2023年助力乡村振兴推进会") == 2023
    assert title_year("到2026年底实现目标") is None
    assert title_year("2022年和2023年对比") is None


def test_bounds_settle_the_year_only_when_one_fits():
    lower, upper = date(2022, 3, 1), date(2023, 1, 9)
    expr = one("11月28日，论坛举行。")
    assert resolve(expr, YearEvidence(lower=lower, upper=upper), None).year == 2022
    assert resolve(expr, YearEvidence(lower=date(2021, 1, 1), upper=upper), None).year is None  # 2021 and 2022 fit
    assert resolve(expr, YearEvidence(upper=upper), None).year is None  # no lower bound: not settled
    assert resolve(one("1月5日，论坛举行。"), YearEvidence(lower=lower, upper=upper), None).year == 2023


def test_with_no_upper_bound_a_dateline_after_the_latest_happening_takes_its_year():
    """新华社某地5月12日电 over a text whose latest dated happening is in April 2023: written in 2023. A day
    before that happening is not settled (the next year fits as well), nor is a text that dates nothing."""
    latest = date(2023, 4, 30)
    assert resolve(one("5月12日，推进会召开。"), YearEvidence(latest=latest), None).as_date() == date(2023, 5, 12)
    assert resolve(one("3月5日，推进会召开。"), YearEvidence(latest=latest), None).year is None
    assert resolve(one("5月12日，推进会召开。"), YearEvidence(), None).year is None
    # Bare years say too little: 2016年 may be the year written in; 2017年2月 says the news came after it.
    exprs = find_dates("2016年全国网络零售额增长。2017年2月，农村网络零售额增长。")
    assert body_lower_bound(exprs, finest=True) == date(2017, 2, 1)
    assert body_lower_bound(find_dates("2016年全国网络零售额增长。"), finest=True) is None


def test_targets_are_not_given_a_year_by_evidence():
    expr = one("到6月底完成。")
    assert expr.role == "target"


def test_relative_years_follow_the_document_year():
    assert resolve(one("今年9月，开展计划。"), YearEvidence(), 2022).as_date() == date(2022, 9, 1)
    assert resolve(one("仅去年一年"), YearEvidence(), 2022).year == 2021
    assert resolve(one("今年9月"), YearEvidence(), None).year is None


def test_furniture_bound_is_the_newest_full_date():
    furniture = ["- 某新闻2023-01-09", "- 另一条2023-01-07", "标签：最近更新"]
    assert furniture_bound(furniture) == date(2023, 1, 9)
    assert furniture_bound(["版权所有"]) is None


def test_a_day_the_calendar_does_not_have_is_no_date():
    assert find_dates("2023年2月30日，中国联通召开推进会。") == []
    assert [e.text for e in find_dates("2024年2月29日召开")] == ["2024年2月29日"]
    assert find_dates("2023年2月29日召开") == [] and find_dates("4月31日召开") == []
    assert [e.precision for e in find_dates("2月29日召开")] == ["month_day"]  # a leap year may be meant


def test_as_of_now_takes_the_items_date_not_its_whole_year():
    from explore.dates import DatedAs, event_date

    (expr,) = find_dates("截至目前，京东已覆盖1000个村。")
    item = DatedAs(date(2023, 9, 27), "day", "2023年9月27日")
    resolved = resolve(expr, YearEvidence(), 2023)
    assert event_date([resolved], item)[1] == DatedAs(date(2023, 9, 27), "day", "截至目前")


@pytest.mark.parametrize(
    ("text", "year", "precision"),
    [
        ("6月15日，省农业农村厅召开推进会。", 2023, "day"),  # before the item's date: its year
        ("6月上旬，市里举办培训班。", 2023, "month"),
        ("11月28日，论坛举行。", 2022, "day"),  # after it in the year: the year before
    ],
)
def test_with_no_other_evidence_a_partial_date_is_the_last_such_day_before_the_item(text, year, precision):
    evidence = YearEvidence(latest=date(2023, 6, 20), published=date(2023, 6, 20))
    resolved = resolve(one(text), evidence, 2023)
    assert (resolved.year, resolved.precision) == (year, precision)


def test_without_the_item_s_date_a_day_before_the_latest_happening_stays_unknown():
    assert resolve(one("6月15日，省农业农村厅召开推进会。"), YearEvidence(latest=date(2023, 6, 20)), 2023).year is None


def test_a_target_is_never_dated_by_the_item_s_date():
    evidence = YearEvidence(published=date(2023, 6, 20))
    assert resolve(one("力争到12月底前全部建成。"), evidence, 2023).year is None


@pytest.mark.parametrize("text", ["京东将在2023年底前帮助农民销售农产品。", "该镇争取在2022年3月底增加用户200户。"])
def test_a_date_after_a_word_of_intent_is_a_target(text):
    assert one(text).role == "target"


def test_when_several_years_fit_the_bounds_the_last_before_the_item_is_taken():
    bounds = YearEvidence(lower=date(2019, 1, 1), upper=date(2022, 11, 8))
    assert resolve(one("11月7日，报告发布。"), bounds, None).year is None  # 2019 to 2022 all fit
    assert resolve(one("11月7日，报告发布。"), replace(bounds, published=date(2022, 11, 8)), 2022).year == 2022


def test_a_deadline_asked_of_the_reader_is_a_target():
    assert one("请于2023年3月31日前将申报材料报送省农业农村厅。").role == "target"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("昨天，县里召开推进会。", (2023, 2, 28, "day")),
        ("前天上午，活动启动。", (2023, 2, 27, "day")),
        ("今天，培训班开班。", (2023, 3, 1, "day")),
        ("上月底，项目签约。", (2023, 2, None, "month")),
        ("本月初，平台上线。", (2023, 3, None, "month")),
    ],
)
def test_a_day_or_month_named_from_the_item_s_date_is_counted_from_it(text, expected):
    resolved = resolve(one(text), YearEvidence(published=date(2023, 3, 1)), 2023)
    assert (resolved.year, resolved.month, resolved.day, resolved.precision) == expected
    assert resolve(one(text), YearEvidence(), 2023).precision == "recent"  # no item date: the item's speaks for it


@pytest.mark.parametrize("text", ["今日头条发布报告。", "在数字化浪潮席卷全球的今天，乡村迎来机遇。", "时至今日。"])
def test_nowadays_and_a_platform_s_name_are_no_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "ymd", "precision"),
    [
        ("二〇二三年八月二十五日", (2023, 8, 25), "day"),
        ("二○二三年十月三十一日印发", (2023, 10, 31), "day"),  # the round ○ some documents print
        ("于二〇二三年十二月启动", (2023, 12, None), "month"),
    ],
)
def test_a_date_in_numerals(text, ymd, precision):
    (found,) = find_dates(text)
    assert (found.year, found.month, found.day) == ymd and found.precision == precision


@pytest.mark.parametrize("text", ["二〇二三年二月三十日", "三四五六年一月"])
def test_numerals_that_are_no_date(text):
    assert find_dates(text) == []
