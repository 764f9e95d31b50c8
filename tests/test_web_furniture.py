"""Web-page furniture and bylines, on lines of our own: what a scraped news page puts around its article."""

from datetime import date

import pytest

from explore.boilerplate import Line, drop_pattern_lines
from explore.clean import clean_document
from explore.dates import UNDATED, byline_date, event_year, item_date, standalone_date
from explore.pipeline import process_paths
from explore.split import split_items
from explore.web_furniture import (
    drop_author_names,
    drop_byline_names_again,
    drop_contents_entries,
    drop_copies,
    drop_foreign_lines,
    drop_keyword_lists,
    drop_markup,
    drop_numbered_copies,
    drop_outline_runs,
    drop_repeated_summary,
    drop_stray_symbols,
    strip_markup,
    without_site_name,
)

PROSE = "某县推进数字乡村建设，全县已建成一百二十个村级服务站，带动农民增收致富，受到群众欢迎。"
LEAD = "5月6日，某县人民政府召开数字乡村推进会，部署下一阶段的网络建设和农产品上行工作。"


def lines_of(*texts):
    return tuple(Line(t) for t in texts)


def kept(lines):
    return [line.text for line in lines if line.kept]


def test_markup_and_code_lines_go_and_tags_inside_prose_are_stripped():
    lines = drop_markup(lines_of('<div id="a1"><span></span></div>', ".nav { color: red; }", PROSE + "<br/>"))
    assert kept(lines) == [PROSE + "<br/>"]
    assert strip_markup("农产品<br style='x'/>上行&nbsp;") == "农产品上行"
    placeholders = lines_of("${article.title}", "{{ page.date }}", "<%= title %>", "价格${price}元起，" + PROSE)
    assert kept(drop_markup(placeholders)) == ["价格${price}元起，" + PROSE]  # in prose: the text's own


def test_lines_in_another_language_go_when_chinese_is_the_page():
    english = "The county built one hundred and twenty service stations for villagers this year."
    lines = drop_foreign_lines(lines_of(english, PROSE, "5G网络覆盖率达到99%。"))
    assert kept(lines) == [PROSE, "5G网络覆盖率达到99%。"]


def test_stray_symbols_and_keyword_stuffing_go():
    stuffed = "免费电影，高清视频，在线观看，热门影视，最新综艺，精彩剧集，独家资源"
    assert kept(drop_stray_symbols(lines_of("x", "???", PROSE))) == [PROSE]
    assert kept(drop_stray_symbols(lines_of("1.1", "2.3.1", "-", PROSE))) == ["1.1", "2.3.1", PROSE]  # an outline
    assert kept(drop_keyword_lists(lines_of(stuffed, "标题在这里", PROSE))) == ["标题在这里", PROSE]


def test_author_names_above_the_text_go_but_not_a_heading():
    lines = drop_author_names(lines_of("王小明 李华", "数字惠农 智慧兴村", PROSE, "张伟 刘洋"))
    assert kept(lines) == ["数字惠农 智慧兴村", PROSE, "张伟 刘洋"]


def test_a_summary_that_repeats_the_lead_goes():
    lines = drop_repeated_summary(lines_of("摘要：" + LEAD[:30] + "...", LEAD, PROSE))
    assert kept(lines) == [LEAD, PROSE]
    other = "摘要：本文讨论县域电商与乡村治理的关系，提出三点建议。"
    assert kept(drop_repeated_summary(lines_of(other, LEAD))) == [other, LEAD]


def test_copies_of_a_label_go_but_a_title_keeps_its_first_copy():
    assert kept(drop_copies(lines_of("某县召开推进会", "某县召开推进会", PROSE))) == ["某县召开推进会", PROSE]
    caption = "村民在田间直播销售农产品"
    assert kept(drop_copies(lines_of(PROSE, caption, caption, PROSE))) == [PROSE, PROSE]
    said_twice = "好。"
    assert kept(drop_copies(lines_of(PROSE, said_twice, said_twice))) == [PROSE, said_twice, said_twice]


def test_a_dated_caption_printed_with_its_alt_text_goes_even_as_a_sentence():
    caption = "2019年4月23日，某省某村扶贫工作队队员进行入户走访，了解农户种植和销售情况。"
    assert kept(drop_copies(lines_of(PROSE, caption, "", caption, PROSE))) == [PROSE, PROSE]
    # a dated sentence said once is prose, and a long dated paragraph said twice is the writer's
    assert kept(drop_copies(lines_of(PROSE, caption, PROSE))) == [PROSE, caption, PROSE]
    paragraph = "2019年4月23日，" + PROSE * 4  # longer than any caption
    assert kept(drop_copies(lines_of(PROSE, paragraph, paragraph))) == [PROSE, paragraph, paragraph]


def test_numbered_page_lists_and_outline_runs_go():
    pages = [f"某某报告_第{n}页" for n in range(1, 5)]
    assert kept(drop_numbered_copies(lines_of(*pages, PROSE))) == [PROSE]
    outline = ["1.1项目背景", "1.1.1政策背景", "1.1.2问题与挑战", "1.2市场规模", "2.1区域差异"]
    assert kept(drop_outline_runs(lines_of(*outline, PROSE))) == [PROSE]
    headed = ["一、背景", PROSE, "二、做法", PROSE]
    assert kept(drop_outline_runs(lines_of(*headed))) == headed


@pytest.mark.parametrize(
    "line",
    [
        "发布时间：2022-08-09 09:53 来源：某某网",
        "2020-03-24 14:17",
        "来源：某某日报 作者：王小明",
        "【字体：大 中 小】",
        "首页 > 新闻 > 正文",
        "当前位置：首页 > 资讯",
        "分享到",
        "返回顶部",
        "(责编：王小明、李华)",
        "一审|王小明",
        "索引号：12345/2022-00001",
        "(据新华社电)",
        "《某某日报》（2021年11月17日 第13版）",
        "村民在田间直播销售农产品。 记者 王小明 摄",
        "图为村民在田间直播",
        "已阅读5页,还剩28页未读",
        "联系人：王小明",
        "附件：关于某某工作的通知",
        "图：某公司负责人王小明",
        "某县县长王小明（左一）在直播间推介农产品",
        "文章引用：王小明. 某某研究[J]. 某某学报, 2025, 14(6): 1-10.",
        "信息来源：某县融媒体中心",
        "来源 | 某某日报",
        "点击蓝字 关注我们",
        "收录于合集",
        "#数字乡村 12个",
        "#乡村振兴 #农村电商",
        "提问者：某网友 2022-05-16",
        "有用(12) 没用(1)",
        "其他回答(3)",
        "相关问题",
        "站内搜索",
        "某某指数 3,215.66 -0.12%",
        "某某股份 28.35 +3.20%",
        "2023-08-25 某某书屋 阅 1234 转 56",
        "关注：1,234贴子：5,678",
        "转藏到我的图书馆",
        "献花(0)",
        "只看楼主 收藏 回复",
        "楼主 某某网友",
        "2楼 某某网友",
        "扫二维码下载贴吧客户端",
        "微信",
        "看贴 图片 吧主推荐 视频 游戏",
        "本站是提供个人知识管理的网络存储空间，所有内容均由用户发布。",
        "在APP内打开",
        "去APP看更多",
        "长按二维码关注",
        "已关注",
        "2.3万阅读",
        "赞(56)",
        "猜你想看",
        "广告",
        "编辑于 2022-09-16",
        "IP属地：湖南",
        "图片来源于网络，如有侵权请联系删除",
        "视频/某某",
        "写留言",
        "合作请联系：abc@example.com",
        "欢迎分享到朋友圈",
        "初审：张三 复审：李四 终审：王五",
        "值班编辑：张三",
        "签发：李四",
        "海报设计：王五",
        "（作者单位：某某大学）",
        "打印本页 关闭窗口",
        "打印 | 关闭",
        "访问量：12345",
        "网站标识码：1234567890",
        "信息索引号：11330000002482315Q/2023-00015",
        "研报 | 公告 | 新闻",
        "24小时热闻",
        "扫一扫在手机上查看当前页面",
        "微信扫一扫关注该公众号",
        "评论",
        "点击查看",
        "本文系转载，版权归原作者所有",
        "本网站所有内容均为原创，转载需注明来源",
        "您当前的位置：首页 > 政务公开",
        "文字：大 中 小",
        "视力保护色：",
        "放大 缩小 默认",
        "手机版",
        "长者模式",
        "加入收藏",
        "设为首页",
        "百家号",
        "用户名：",
        "忘记密码？",
        "共3页 上一页 1 2 3 下一页",
        "第01版：要闻",
        "版面导航",
        "预览时标签不可点",
        "轻触阅读原文",
        "向上滑动看下一个",
        "视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看",
        "关键字：乡村振兴",
        "TAGS: 数字乡村",
        "本文链接：http://www.example.com/a/1.html",
        "新闻热线：0551-12345678",
        "互联网新闻信息服务许可证：12120170001",
        "马上注册入会，结交专家名流，享受贵宾待遇。",  # a site's call to sign up, even as a sentence
    ],
)
def test_web_vocabulary_lines_are_furniture(line):
    assert kept(drop_pattern_lines(lines_of(line))) == []


def test_the_masthead_above_a_title_and_its_byline_goes_and_the_title_stays():
    page = "\n".join(
        ["某某新闻网", "新闻 财经 科技", "某县召开数字乡村推进会", "2023-05-06 10:20 来源：某某网", LEAD, PROSE]
    )
    cleaned = clean_document(page)
    assert cleaned.title == "某县召开数字乡村推进会"
    assert cleaned.text.split("\n")[0] == "某县召开数字乡村推进会"
    assert "某某新闻网" not in cleaned.text and "新闻 财经 科技" not in cleaned.text
    split = split_items(cleaned.text, title_hint=cleaned.title)
    assert split.items[0].title == "某县召开数字乡村推进会"


@pytest.mark.parametrize(
    "header",
    [
        ["新闻中心"],
        ["某某网", "扫一扫"],
        ["扫一扫", "某某新闻"],
        ["首页", "本地"],
        ["某某百科", "秒懂百科", "特色百科", "知识专题", "加入百科", "百科团队", "个人中心", "帮助"],  # a whole menu
    ],
)
def test_with_no_byline_short_labels_above_the_title_are_the_masthead(header):
    title = "某县推进数字乡村建设 电商带动农产品销售"
    cleaned = clean_document("\n".join([*header, title, LEAD, PROSE]))
    assert cleaned.text.split("\n") == [title, LEAD, PROSE]
    assert split_items(cleaned.text, title_hint=cleaned.title).items[0].title == title


def test_an_authors_card_above_the_text_is_no_masthead_and_no_title():
    """A name with the offices it holds: the labels rule does not take the last office for a title."""
    cleaned = clean_document("\n".join(["王小明", "人大代表", "某某协会荣誉会长", LEAD, PROSE]))
    assert cleaned.text.split("\n")[:3] == ["王小明", "人大代表", "某某协会荣誉会长"]


def test_a_widget_label_between_the_title_and_its_byline_is_no_title():
    title = "某县推进数字乡村建设 电商带动农产品销售"
    cleaned = clean_document("\n".join([title, "扫一扫", "2023-06-18 来源：某某网", LEAD, PROSE]))
    assert cleaned.title == title and cleaned.text.split("\n") == [title, LEAD, PROSE]
    assert byline_date([(r.reason, r.text) for r in cleaned.removed]).when == date(2023, 6, 18)


HEADLINES = ["某地举办农民丰收节活动", "数字赋能乡村治理的新探索", "某市电商直播基地正式启用"]


@pytest.mark.parametrize("label", [[], ["更多>"], ["更多>>"]])
def test_other_headlines_listed_after_the_last_paragraph_go(label):
    cleaned = clean_document("\n".join([LEAD, PROSE, *label, *HEADLINES]))
    assert cleaned.text.split("\n") == [LEAD, PROSE]


@pytest.mark.parametrize(
    "tail",
    [
        HEADLINES[:2],  # two lines: too few to be a list of links
        ["一、加强网络基础设施建设", "二、发展农村电子商务", "三、推进乡村治理数字化"],  # the article's headed list
        ["某县农业农村局", "2023年6月18日", "某县数字乡村建设领导小组"],  # a signature
    ],
)
def test_the_articles_own_closing_lines_stay(tail):
    cleaned = clean_document("\n".join([LEAD, PROSE, *tail]))
    assert cleaned.text.split("\n")[2:] == tail


def test_an_announced_list_after_the_last_paragraph_stays():
    intro = "经过评审，以下单位入选数字乡村建设典型案例名单如下："
    items = ["某县数字乡村综合服务平台建设项目", "某县农村电商公共服务体系建设项目", "某县智慧农业物联网示范基地项目"]
    cleaned = clean_document("\n".join([LEAD, PROSE, intro, *items]))
    assert cleaned.text.split("\n")[-3:] == items


def test_the_title_printed_again_with_its_subtitle_above_the_byline_goes():
    page = "\n".join(["首页 > 新闻", "直播成新农活", "直播成新农活 ——某县电商助农纪实", "记者王小明", LEAD, PROSE])
    cleaned = clean_document(page)
    assert cleaned.title == "直播成新农活"
    assert cleaned.text.split("\n")[:2] == ["直播成新农活", LEAD]


def test_a_document_title_or_a_signature_is_no_caption():
    from explore.boilerplate import drop_captions

    lines = lines_of(
        "近日，某县印发《某县数字乡村建设实施方案》，部署全县数字乡村建设工作。", "某县数字乡村建设实施方案", PROSE
    )
    assert kept(drop_captions(lines)) == [line.text for line in lines]


def test_a_title_may_end_in_a_question_or_quotation_but_not_be_a_section_number():
    assert split_items("乡村振兴，究竟靠什么？\n" + LEAD).items[0].title == "乡村振兴，究竟靠什么？"
    assert split_items("（一）\n" + LEAD).items[0].title is None
    assert split_items("“咱们的菜真新鲜，快下单！”\n" + LEAD).items[0].title is None


def test_the_byline_dates_a_page():
    furniture = [("related links", "- 另一条新闻 2023-01-07"), ("byline", "发布时间：2022年08月09日09:53")]
    assert byline_date(furniture).when == date(2022, 8, 9)
    assert byline_date([("byline", "2022 09/ 16 18:01:56")]).when == date(2022, 9, 16)
    assert byline_date([("byline", "2022-1-4 9:27")]).when == date(2022, 1, 4)


@pytest.mark.parametrize(
    "text",
    ["2026年11月25日 星期三", "发布时间：2024-11-015", "发布时间：2023-02-30", "发布时间：2099-01-01"],
)
def test_clocks_garbled_impossible_and_future_dates_are_no_byline(text):
    assert byline_date([("byline", text)], today=date(2026, 11, 25)) == UNDATED


def test_a_byline_naming_its_source_beside_a_weekday_is_no_site_clock():
    assert byline_date([("byline", "2023-05-12 08:30 星期五 来源：某某网")]).when == date(2023, 5, 12)
    assert byline_date([("byline", "2023年5月12日 星期五")], today=date(2023, 5, 12)) == UNDATED
    assert byline_date([("byline", "日期：2023年5月12日 星期五")]).when == date(2023, 5, 12)  # labelled: the page's
    assert byline_date([("byline", "今天是2023年5月12日 星期五")], today=date(2023, 5, 12)) == UNDATED


def test_a_signature_date_in_numerals_dates_a_notice():
    assert standalone_date("通知如下。\n某县农业农村局\n二〇二三年五月十二日").when == date(2023, 5, 12)
    assert standalone_date("通知如下。\n二〇一七年十二月三十一日").when == date(2017, 12, 31)
    assert standalone_date("二〇二三年二月三十日") == UNDATED  # not a day
    assert standalone_date("二〇二三年五月十二日召开会议。") == UNDATED  # a sentence, not a signature


def test_the_byline_beats_the_lead_and_a_lead_year_is_history():
    byline = byline_date([("byline", "2023-05-07 08:00")])
    assert item_date([], None, byline=byline).when == date(2023, 5, 7)
    assert item_date([], None).when is None
    assert standalone_date("通知如下。\n2017年2月3日").when == date(2017, 2, 3)
    assert event_year("5月14日，某公司召开2024年乡村振兴工作会议，部署任务。") == 2024
    assert event_year("2016年，全国农村网络零售额增长。") is None


def test_a_lead_dates_the_news_only_by_a_day():
    from explore.extract import ItemContext, extract_item

    history = extract_item(
        "2003年6月，某地开始整治村庄环境。如今村容村貌焕然一新。", ItemContext("d", None, None, None), bulletin=False
    )
    assert history.date.when is None
    news = extract_item("5月6日，某县召开推进会。会议部署了工作。", ItemContext("d", None, None, None), bulletin=False)
    assert news.date.precision == "month_day"


def test_a_title_under_a_list_of_links_stays_the_title():
    page = "热门文章\n某市召开会议 2019-01-02\n另一条新闻 2019-01-03\n某县数字乡村建设取得新进展\n"
    cleaned = clean_document(page + "2021-03-05 08:00 来源：某某网\n" + PROSE)
    assert cleaned.title == "某县数字乡村建设取得新进展"
    assert {r.text for r in cleaned.removed if r.reason == "related links"} == {
        "热门文章",
        "某市召开会议 2019-01-02",
        "另一条新闻 2019-01-03",
    }


def test_a_label_carrying_its_items_lists_nothing_below_it():
    page = "站内搜索\n热门搜索：乡村振兴 数字农业\n数字乡村建设有哪些好的做法？\n" + PROSE
    cleaned = clean_document(page)
    assert cleaned.text.splitlines() == ["数字乡村建设有哪些好的做法？", PROSE]
    # A label alone lists the short lines under it.
    listed = clean_document("相关阅读：\n某县召开推进会\n某镇举办培训班\n" + PROSE)
    assert listed.text.splitlines() == [PROSE]


def test_a_bulletins_contents_distribution_list_and_print_run_go():
    page = [
        "某某工作简报",
        "本期要目",
        "● 某市推进农村电商提质增效",
        "● 某县建成益农信息社全覆盖",
        "某市推进农村电商提质增效",
        PROSE,
        "报：省委、省政府领导",
        "送：省直有关单位",
        "（共印50份）",
    ]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.splitlines()[-2:] == ["某市推进农村电商提质增效", PROSE]
    gone = {(r.reason, r.text) for r in cleaned.removed}
    assert {("table of contents", page[2]), ("table of contents", page[3])} <= gone
    assert {("document metadata", line) for line in page[-3:]} <= gone
    # Outside a contents block a bulleted line is the article's.
    assert clean_document("\n".join(["● 某市推进农村电商提质增效", PROSE])).text.splitlines()[0].endswith("增效")


def test_an_accounts_name_between_the_title_and_its_timestamp_is_no_title():
    page = ["数字乡村建设按下快进键，这个县做对了什么？", "乡村振兴观察者", "2023-08-25 10:30 来源：某某号", PROSE]
    cleaned = clean_document("\n".join(page))
    assert cleaned.title == page[0]
    # With no account between them, the line above the timestamp is the title, however short.
    assert clean_document("\n".join(["某县数字乡村建设取得新进展", *page[2:]])).title == "某县数字乡村建设取得新进展"


def test_a_signature_date_written_with_spaces_is_no_menu():
    spaced = ["2020 年 6 月 1 日", "(2024 年第 2 期)"]
    assert kept(drop_pattern_lines(lines_of(*spaced))) == spaced


def test_a_price_or_a_signed_change_in_prose_stays():
    sentence = "某某指数收于3215.66点，下跌0.12%，农业板块逆势上涨。"
    assert kept(drop_pattern_lines(lines_of(sentence))) == [sentence]


def test_authors_listed_with_half_width_commas_are_a_byline():
    cleaned = clean_document("某县数字乡村建设取得新进展\n李明,王芳,张伟\n" + PROSE)
    assert ("byline", "李明,王芳,张伟") in {(r.reason, r.text) for r in cleaned.removed}


def test_a_timestamp_with_a_space_for_its_first_separator_dates_the_page(tmp_path):
    import explore

    (tmp_path / "page.txt").write_text("某县数字乡村建设取得新进展\n2022 09/ 16 18:01:56 来源：某某网\n" + PROSE)
    (document,) = explore.load_corpus(tmp_path).documents.itertuples()
    assert (str(document.date.date()), document.date_precision) == ("2022-09-16", "day")
    assert "来源" not in document.text


@pytest.mark.parametrize(
    "byline",
    ["发布于 2022.09.16", "[2022-09-16]", "【发布时间：2022-09-16】", "某某日报 | 2022年09月16日"],
)
def test_more_byline_shapes_date_the_page_and_are_no_title(tmp_path, byline):
    from explore.pipeline import process_paths

    (tmp_path / "page.txt").write_text(f"某县数字乡村建设取得新进展\n{byline}\n{PROSE}", encoding="utf-8")
    (document,) = process_paths([tmp_path / "page.txt"], tmp_path)["documents"].itertuples()
    assert (str(document.date.date()), document.date_precision, document.date_source) == ("2022-09-16", "day", "byline")
    assert document.title == "某县数字乡村建设取得新进展" and document.text == PROSE


def test_a_date_beside_a_weekday_is_furniture_but_dates_nothing(tmp_path):
    from explore.pipeline import process_paths

    # Below a title or in a site's header bar alike: a site's clock says the day it was read, not written.
    page = f"某县数字乡村建设取得新进展\n2022 年 9 月 16 日 星期五\n{PROSE}"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    (document,) = process_paths([tmp_path / "page.txt"], tmp_path)["documents"].itertuples()
    assert document.title == "某县数字乡村建设取得新进展" and document.text == PROSE
    assert str(document.date_source) != "byline"


def test_a_bracketed_summary_label_repeating_the_lead_goes():
    lead = "数字乡村板块今日走强，截至收盘，板块整体上涨，多只个股涨停，成交额放大。"
    cleaned = clean_document("数字乡村概念股走强\n【摘要】数字乡村板块今日走强，多只个股涨停。\n" + lead + "\n" + PROSE)
    assert [r.reason for r in cleaned.removed] == ["summary repeating the text"]
    assert lead in cleaned.text.split("\n")


def test_a_full_width_timestamp_dates_the_page(tmp_path):
    import explore

    (tmp_path / "page.txt").write_text(
        "某县数字乡村建设取得新进展\n２０２１－０３－０５　１０：００　来源：某某网\n" + PROSE
    )
    (document,) = explore.load_corpus(tmp_path).documents.itertuples()
    assert (str(document.date.date()), document.date_precision) == ("2021-03-05", "day")
    assert "来源" not in document.text


def test_attachments_listed_after_the_first_go_with_it():
    notice = "关于组织申报试点项目的通知\n" + PROSE + "\n附件：1.申报表\n2.承诺书\n3.汇总表\n某某县农业农村局\n"
    cleaned = clean_document(notice)
    assert [r.text for r in cleaned.removed if r.reason == "attachment list"] == [
        "附件：1.申报表",
        "2.承诺书",
        "3.汇总表",
    ]
    assert "某某县农业农村局" in cleaned.text  # the signature after them stays


@pytest.mark.parametrize(
    "line",
    [
        "政策解读",  # a section heading of an article
        "走基层·看变化·话发展",  # a headline in three parts
        "项目位置：某县城东工业园区",
        "该县今年评论员文章共发表十二篇，阅读量逐月上升。",
        "村里建起了电商服务站，村民扫码就能查看快递信息。",
        "记者在县融媒体中心看到，工作人员正在剪辑短视频。",  # opens like a reporter's credit
        "分享到朋友圈的助农海报吸引了不少网友下单。",
        "热门推荐的产品多为当地特色农产品。",
        "上一篇报道中提到的电商企业已经投产。",
        "版权所有人可以通过平台维护自己的权益。",
        "扫一扫二维码，就能看到农产品的溯源信息。",
        "村民下载APP就能在线办理业务。",
        "村民可以免费注册成为平台会员。",
        "登录平台后，农户可以查看自己的订单。",
        "更多精彩内容将在下一阶段陆续推出。",
        "打开手机查看天气，已经成为农民的习惯。",
        "时间：2023年5月6日，地点：县文化广场。",  # a notice's when and where, not a byline
    ],
)
def test_article_lines_that_share_furniture_words_stay(line):
    assert kept(drop_pattern_lines(lines_of(line))) == [line]


def test_short_labels_among_furniture_at_the_page_end_go():
    """A finance site's market list between its disclaimers: labels with no sentence, among furniture."""
    tail = ["本文不构成投资建议", "股市有风险，入市需谨慎", "上证指数", "深证成指", "微信号：caijing", "港股"]
    cleaned = clean_document("\n".join([LEAD, PROSE, *tail]))
    assert cleaned.text.split("\n") == [LEAD, PROSE]


def test_a_panel_label_naming_a_kind_of_body_goes_with_the_panel():
    """数据中心 is a finance site's panel, not a signature: a body's name that short, with no level in it."""
    tail = ["本文不构成投资建议", "股市有风险，入市需谨慎", "数据中心", "行业板块", "某某APP"]
    cleaned = clean_document("\n".join([LEAD, PROSE, *tail]))
    assert cleaned.text.split("\n") == [LEAD, PROSE]


@pytest.mark.parametrize(
    "tail",
    [
        ["联系人：王小明", "联系电话：0551-12345678", "某县农业农村局", "某县数字乡村建设领导小组"],  # a signature
        ["本文不构成投资建议", "微信号：caijing", "县委办", "实施方案"],  # a level's body, a document
        ["本文不构成投资建议", "微信号：caijing", "上证指数", "该县将继续推进数字乡村建设"],  # one line of the text
        ["本文不构成投资建议", "上证指数", "深证成指", "港股"],  # labels outnumber the furniture
    ],
)
def test_lines_at_the_page_end_stay_unless_they_are_labels_among_furniture(tail):
    kept_tail = [t for t in tail if "：" not in t and "投资建议" not in t]
    cleaned = clean_document("\n".join([LEAD, PROSE, *tail]))
    assert cleaned.text.split("\n")[2:] == kept_tail


def test_a_journal_article_s_record_and_references_are_furniture():
    page = [
        "数字乡村建设对农民收入的影响研究",
        "王小明1，李华1,2，张三*",  # authors with their affiliations' numbers
        "中图分类号：F323.8 文献标识码：A 文章编号：1002-8870（2023）05-0012-10",
        "DOI：10.12345/j.cnki.abcd.2023.05.002",
        "基金项目：国家社会科学基金重大项目（21ZDA012）",
        "作者简介：王小明（1985—），男，湖北武汉人，副教授，研究方向为农业经济。",
        LEAD,
        PROSE,
        "参考文献：",
        "[1]张三.数字经济与乡村振兴[J].农业经济问题,2021(3):4-15.",
        "[2]李四.乡村振兴战略研究[M].北京：人民出版社,2020.",
        "收稿日期：2023-01-10",
        "下载PDF",
        "在线阅读",
        "被引量(12)",
        "下载量(356)",
    ]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.split("\n") == [page[0], LEAD, PROSE]
    assert cleaned.title == page[0]


def test_a_shared_document_s_record_goes_and_its_file_name_stays_its_title():
    page = [
        "开通VIP",
        "数字乡村建设工作总结.docx",
        "VIP专享",
        "免费预览已结束，剩余5页可下载查看",
        "下载文档",
        "文档格式：docx",
        "页数：8",
        "大小：25.6KB",
        "上传时间：2023-06-12",
        "浏览次数：1,234",
        "下载次数：56",
        LEAD,
        PROSE,
        "内容提供方：张三",
        "相关文档",
        "数字乡村建设工作汇报.doc",
        "2023年乡村振兴工作总结.PDF",
    ]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.split("\n") == ["数字乡村建设工作总结.docx", LEAD, PROSE]
    assert cleaned.title == "数字乡村建设工作总结.docx"


@pytest.mark.parametrize(
    "byline",
    [
        "某某日报 2023年08月25日 第03版",  # a newspaper's day and page
        "[ 2023-08-25 ] 来源：某某网",
        "发布：2023-08-25",
        "浏览次数：123 发布时间：2023-08-25",
        "二〇二三年八月二十五日",  # a date in numerals under the title
    ],
)
def test_more_bylines_date_the_page(byline, tmp_path):
    (tmp_path / "page.txt").write_text("\n".join(["某县召开数字乡村推进会", byline, LEAD, PROSE]), encoding="utf-8")
    documents = process_paths([tmp_path / "page.txt"], tmp_path)["documents"]
    assert str(documents.iloc[0]["date"])[:10] == "2023-08-25"
    assert documents.iloc[0]["title"] == "某县召开数字乡村推进会"


def test_a_listed_company_s_announcement_and_a_research_report_s_record():
    announcement = [
        "证券代码：000713 证券简称：丰乐种业 公告编号：2023-015",
        "关于签订数字农业战略合作协议的公告",
        LEAD,
        PROSE,
    ]
    cleaned = clean_document("\n".join(announcement))
    assert cleaned.text.split("\n") == announcement[1:]
    report = ["农林牧渔行业周报：数字乡村政策加码", "机构：某某证券", "研究员：张三", "日期：2023-02-20", "评级：增持"]
    cleaned = clean_document("\n".join([*report, LEAD, PROSE, "查看PDF原文"]))
    assert cleaned.text.split("\n") == [report[0], LEAD, PROSE]
    assert cleaned.title == report[0]


def test_a_site_s_footer_fields_go_with_its_copyright():
    tail = [
        "（供稿：某某镇 编辑：王五 审核：赵六）",
        "网站地图",
        "主办单位：某某县人民政府办公室",
        "承办单位：某某县融媒体中心",
        "地址：某某县人民路1号",
        "版权所有：某某县人民政府",
        "公安机关备案号：12345678901234",
    ]
    assert clean_document("\n".join([LEAD, PROSE, *tail])).text.split("\n") == [LEAD, PROSE]


def test_a_notice_s_closing_fields_stay_without_a_site_footer():
    tail = ["报名时间：6月1日至6月10日", "报名地点：县文化馆", "联系人：王五", "联系电话：0123-4567890"]
    assert clean_document("\n".join([LEAD, PROSE, *tail])).text.split("\n") == [LEAD, PROSE, *tail[:2]]


def test_a_title_under_its_timestamp_below_a_channel_s_name():
    page = ["某某融媒", "某某新闻", "2023-06-08 16:45", "某某县：数字赋能特色产业发展", "某某融媒记者 张三 通讯员 李四"]
    cleaned = clean_document("\n".join([*page, LEAD, PROSE]))
    assert cleaned.title == "某某县：数字赋能特色产业发展"
    # a title above its timestamp stays the title, whatever line follows the timestamp
    page = ["某县召开数字乡村推进会部署全年工作", "2023-06-08 16:45", "数字乡村建设再提速", "记者 张三"]
    assert clean_document("\n".join([*page, LEAD, PROSE])).title == page[0]


def test_a_page_s_contents_above_the_text_and_its_comment_form_go():
    headings = ["一、数字乡村建设现状", "二、面临的主要难题"]
    page = ["文章目录", *headings, LEAD, headings[0], PROSE, headings[1], PROSE + "下一步将继续推进。"]
    tail = ["微信扫一扫打赏", "昵称", "邮箱", "网址", "提交评论"]
    cleaned = clean_document("\n".join([*page, *tail]))
    assert cleaned.text.split("\n") == page[3:]


def test_a_bulletin_s_contents_whose_first_heading_stands_above_the_first_paragraph():
    headings = ["1.省委网信办召开全省数字乡村建设推进会", "2.某市数字乡村一张图上线运行"]
    page = ["本期要目", *headings, headings[0], LEAD, headings[1], PROSE]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.split("\n") == page[3:]


def test_one_line_printed_again_is_no_contents():
    """Contents are a run of entries: one line above the text printed again below is left to other rules."""
    heading = "一、数字乡村建设现状"
    lines = drop_contents_entries(lines_of("某县数字乡村建设纪实", heading, LEAD, heading, PROSE))
    assert kept(lines) == ["某县数字乡村建设纪实", heading, LEAD, heading, PROSE]


def test_a_byline_label_alone_takes_the_value_below_it():
    page = [
        "数字乡村建设提速 农民搭上数字快车",
        "2023-05-20 08:15",
        "来源:",
        "某某日报",
        LEAD,
        PROSE,
        "责任编辑：",
        "张三",
    ]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.split("\n") == [page[0], LEAD, PROSE]
    # a label with its value on its own line leaves the next line alone
    cleaned = clean_document("\n".join(["来源：某某日报", "数字乡村建设提速", LEAD, PROSE]))
    assert cleaned.text.split("\n")[0] == "数字乡村建设提速"


def test_the_author_s_name_glued_to_the_day_and_printed_again_is_the_byline():
    page = ["乡村治理数字化转型的探索", "——以两个县为例", "2023-04-16杨园争", "杨园争", LEAD, PROSE]
    cleaned = clean_document("\n".join(page))
    assert cleaned.text.split("\n")[-2:] == [LEAD, PROSE] and "杨园争" not in cleaned.text
    # a name after a byline that does not end with it is left to the other rules
    byline = Line("2023-04-16 来源：某某网", removed="byline")
    assert "王小明" in kept(drop_byline_names_again((byline, Line("王小明"), Line(LEAD))))
    byline = Line("2023-04-16 王小明", removed="byline")
    assert "王小明" not in kept(drop_byline_names_again((byline, Line("王小明"), Line(LEAD))))


def test_a_channel_s_name_with_a_number_between_the_title_and_its_timestamp():
    page = ["数字乡村板块异动拉升 多股涨超5%", "某某7×24快讯", "2023-03-15 10:32:11", LEAD, PROSE]
    cleaned = clean_document("\n".join(page))
    assert cleaned.title == page[0]
    assert "某某7×24快讯" not in cleaned.text


def test_a_message_board_s_record():
    page = [
        "留言标题：关于我村网络信号差的问题",
        "留言人：张**",
        "留言时间：2023-05-06 10:12",
        "留言内容：我们村位于山区，手机信号很差，希望有关部门能帮助解决。",
        "办理状态：已办结",
        "回复内容：经与运营商对接，已将您村纳入今年5G基站建设计划。",
        "满意度：满意",
    ]
    cleaned = clean_document("\n".join(page))
    assert cleaned.title == page[0]
    assert cleaned.text.split("\n") == [page[0], page[3], page[5]]


def test_a_notice_s_publisher_line_and_its_attachment_s_title():
    page = [
        "关于公布2023年度县级数字乡村示范村名单的通知",
        "某县农业农村局  2023-11-20",
        "各乡镇人民政府：",
        "根据示范村创建工作方案，经乡镇申报、县级评审和公示，现将2023年度县级数字乡村示范村名单予以公布。",
        "附件：2023年度县级数字乡村示范村名单",
        "某县农业农村局",
        "2023年11月20日",
        "附件",
        "2023年度县级数字乡村示范村名单",
    ]
    cleaned = clean_document("\n".join(page))
    kept_lines = cleaned.text.split("\n")
    assert "某县农业农村局  2023-11-20" not in kept_lines and "某县农业农村局" in kept_lines  # the signature stays
    assert kept_lines[-1] == "2023年度县级数字乡村示范村名单"  # a list's title, no caption of the line above


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("某县召开数字乡村推进会_新闻中心_某某网", "某县召开数字乡村推进会"),
        ("某县召开数字乡村推进会 - 某某网", "某县召开数字乡村推进会"),
        ("某县召开数字乡村推进会|某某新闻网", "某县召开数字乡村推进会"),
        ("某县召开数字乡村推进会-某某网", "某县召开数字乡村推进会"),
        ("某县召开推进会——数字乡村新闻", "某县召开推进会——数字乡村新闻"),  # a dash of a subtitle
        ("乡村振兴｜数字赋能 让乡村更美好", "乡村振兴｜数字赋能 让乡村更美好"),  # a column's name before the headline
        ("数字乡村 - 新发展新格局", "数字乡村 - 新发展新格局"),  # a dash before no site's name
    ],
)
def test_a_page_title_s_channel_and_site_are_no_part_of_the_title(line, title):
    assert without_site_name(line) == title
    assert split_items("\n".join([line, LEAD, PROSE])).items[0].title == title


def test_the_headline_under_its_page_title_is_the_title():
    page = ["某县召开数字乡村推进会_新闻中心_某某网", "某县召开数字乡村推进会", "2023-05-06 来源：某某网", LEAD, PROSE]
    cleaned = clean_document("\n".join(page))
    assert cleaned.title == "某县召开数字乡村推进会"
    assert cleaned.text.split("\n") == [page[1], LEAD, PROSE]
