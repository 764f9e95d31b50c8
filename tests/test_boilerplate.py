import pytest

from explore.boilerplate import (
    Line,
    drop_captions,
    drop_link_lists,
    drop_pattern_lines,
    drop_running_headers,
    drop_table_of_contents,
    drop_trailing_signature,
    trim_glued_tail,
)

PROSE = "中国联通加快数字信息基础设施建设，全力打造覆盖城乡、品质优良的通信信息大动脉，推动农村基础设施数字化改造。"


def lines_of(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(t) for t in texts)


def kept(lines) -> list[str]:
    return [line.text for line in lines if line.kept]


def reasons(lines) -> dict[str, str]:
    return {line.text: line.removed for line in lines if line.removed}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("关注济源网微信", "follow-us line"),
        ("扫码关注我们的微信公众号", "follow-us line"),
        ("免责声明:市场有风险,选择需谨慎!此文仅供参考,不作买卖依据。", "disclaimer"),
        ("版权所有 © 2023 某某网", "copyright notice"),
        ("未经本网授权不得转载、摘编", "copyright notice"),
        ("京ICP备12345678号", "copyright notice"),
        ("联系电话: 18536356372/15810512984", "contact details"),
        ("电子邮箱: liu@example.cn", "contact details"),
        ("/zhangjing3@caict.ac.cn", "contact details"),
        ("责任编辑：张三", "editor credit"),
        ("图1 第七届中国农村电子商务大会现场", "image credit"),
        ("图片来源：新华社", "image credit"),
        ("相关阅读", "related links"),
        ("标签:最近更新", "related links"),
        ("本期导读", "table of contents"),
        ("- 3 -", "page number"),
        ("第 2 页 共 8 页", "page number"),
        ("网友评论", "page controls"),
        ("已有12条评论", "page controls"),
        ("【纠错】", "page controls"),
        ("【打印本页】【关闭窗口】", "page controls"),
        ("举报/反馈", "page controls"),
        ("阅读(256) | 评论(3) | 收藏(0) | 转载(1) | 喜欢▼ | 打印 | 举报", "page controls"),
        ("转载▼", "page controls"),
        ("后一篇：某村电商服务站开业", "related links"),
        ("点击“阅读原文”了解更多", "page controls"),
        ("2021-03-05T10:00:00+08:00 来源：某某网", "byline"),
        ("03-05 10:20 来源：某某网", "byline"),
        ("3小时前 来源：某某网", "byline"),
        ("5分钟前 | 某某网", "byline"),
        ("点击上方蓝字关注我们", "follow-us line"),
        ("主办：某某县人民政府办公室 承办：某某县大数据中心", "page controls"),
        ("某某县人民政府门户网站", "navigation"),
        ("郑重声明：本文版权归原作者所有，转载仅为传播信息。", "disclaimer"),
        ("本文来自【某某新闻】，仅代表作者观点。", "disclaimer"),
        ("版权归某某日报社所有", "copyright notice"),
        ("手机扫码阅读", "page controls"),
        ("点赞 23", "page controls"),
        ("上一页 1 2 3 下一页", "page controls"),
        ("关于我们 | 联系我们 | 网站地图", "page controls"),
        ("阅读 1.2万", "byline"),
        ("3562人阅读", "byline"),
        ("阅读全文约需5分钟", "byline"),
        ('某某公司负责人在田间察看长势src="http://img.example.cn/1.jpg"', "image caption"),
        ("某某社「一手新闻」 app", "navigation"),
        ("点击排行", "related links"),
        ("24小时热榜", "related links"),
        ("0条评论", "page controls"),
        ("展开全文", "page controls"),
        ("点击加载更多", "page controls"),
        ("- END -", "wire or print credit"),
        ("——完——", "wire or print credit"),
        ("违法和不良信息举报电话：12377", "site notice"),
        ("网上有害信息举报专区", "site notice"),
        ("文字：某某", "editor credit"),
        ("往期回顾", "related links"),
        ("喜欢此内容的人还喜欢", "related links"),
        ("相关股票：", "related links"),
        ("热门搜索", "related links"),
        ("分享 收藏 点赞 在看", "page controls"),
        ("A- A+", "navigation"),
        ("风险提示：本文观点仅代表个人意见，据此买卖，风险自负。", "disclaimer"),
        ("平台声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务。", "disclaimer"),
        ("本文为某某号作者上传发布，仅代表该作者观点。", "disclaimer"),
        ("看全文", "document-site furniture"),
        ("想了解更多精彩内容，快来关注某某财经", "follow-us line"),
        ("关注我们：", "follow-us line"),
        ("某某微博", "follow-us line"),
        ("关注", "page controls"),
        ("我要反馈", "page controls"),
        ("请登录 注册 后发表评论", "page controls"),
        ("【我要打印】 【关闭窗口】", "page controls"),
        ("返回某某，查看更多", "navigation"),
        ("打开某某新闻 查看精彩图片", "navigation"),
        ("网站支持IPv6", "navigation"),
        ("技术支持：某某信息技术有限公司", "navigation"),
        ("建议使用1920*1080分辨率 IE9以上版本浏览器", "navigation"),
        ("阅读 (1234)", "byline"),
        ("相关附件：", "attachment list"),
        ("转载自合作媒体", "byline"),
        ("2023-06-18 来源：某某网", "byline"),
        ("2023-06-18 某某日报", "byline"),
        ("【来源：某某日报】", "byline"),
        ("生成日期：2023-06-18", "byline"),
        ("字級：小 中 大".replace("級", "级"), "byline"),
        ("文号：某农发〔2023〕12号", "document metadata"),
        ("附件下载：", "attachment list"),
        ("列印", "navigation"),
        ("海量资讯、精准解读，尽在某某财经APP", "follow-us line"),
        ("APP专享直播", "navigation"),
        ("股吧", "related links"),
        ("热门股票", "related links"),
        ("相关稿件", "related links"),
        ("为您推荐", "related links"),
        ("说点什么...", "page controls"),
        ("全部评论", "page controls"),
        ("暂无评论，快来抢沙发吧", "page controls"),
        ("发布", "page controls"),
        ("本网站所刊载信息，不代表本站观点。", "disclaimer"),
        ("新闻 | 体育 | 娱乐 | 财经 | 科技", "navigation"),
        ("网站简介 - 广告服务 - 联系方式 - 招聘信息", "navigation"),
        ("点击进入专题：", "navigation"),
        ("00:00 / 02:35", "byline"),
        ("播放", "page controls"),
        ("更多>>", "related links"),
        ("本文摘自《某某日报》", "byline"),
        # an encyclopedia's entry: its controls, references and counters
        ("数字乡村发展战略纲要 ．中国政府网[引用日期2019-05-16]", "citation"),
        ("参考资料", "citation"),
        ("编辑次数：45次历史版本", "byline"),
        ("上传视频", "page controls"),
        ("新浪财经APP", "navigation"),
        ("资讯", "navigation"),
        ("继续滑动看下一个", "page controls"),
        ("关注某某财经（ths518），获取更多机会", "follow-us line"),
        ("股友a1b2c3：说得好", "page controls"),
        ("（图片由某县委宣传部提供）", "image credit"),
        ("：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看", "page controls"),
        ("公安机关备案号：12345678901234", "copyright notice"),
    ],
)
def test_pattern_lines(line, reason):
    assert reasons(drop_pattern_lines(lines_of(line))) == {line: reason}


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        # Prose that quotes furniture vocabulary is longer than furniture can be.
        "记者了解到，" + PROSE,
        "图表显示，" + PROSE,
        "电话会议上，" + PROSE * 3 + "未经授权不得转载的规定也被提及。",
        "2023年",  # a short line of digits and a unit is not a page number
        # Prose about reading, liking and scanning is no page control.
        "直播间累计点赞超过300万次，网友纷纷留言。",
        "村民用手机扫码就能查到每一箱苹果的产地和采摘时间，" + PROSE,
        "这本书阅读量超过10万人次，" + PROSE,
        "大会由某某县人民政府主办，承办单位为县电商协会，" + PROSE,
        "3小时前发布的视频引发关注，网友纷纷点赞。",
        "今天上午，县里召开推进会。",
        "他喜欢阅读，也喜欢评论时事。",
        # Prose about rankings, endings and reports names them in a sentence.
        "该县电商销售额在全省排行第三，" + PROSE,
        "活动圆满结束。",
        "村民可通过热线举报违规行为，" + PROSE,
        "全文共分五个部分。",
        "村民关注的是收购价格。",
        "他建议使用新品种，" + PROSE,
        "技术支持来自省农科院，" + PROSE,
        "摘自去年的报告，数据显示增长明显。",
        "2023年6月18日",  # a signature's date stays: it dates the notice
        "发布会上，" + PROSE,
    ],
)
def test_prose_is_not_furniture(line):
    assert kept(drop_pattern_lines(lines_of(line))) == [line]


def test_table_of_contents_after_a_header():
    lines = drop_pattern_lines(
        lines_of(
            "本期导读",
            "一、中央精神.....\t1",
            "（一）部委动态.....\t1",
            "1. “伙伴计划”在大理启动\t7",
            "",
            "一、中央精神",
        )
    )
    assert kept(drop_table_of_contents(lines)) == ["一、中央精神"]


def test_table_of_contents_without_header_needs_a_run_of_leaders():
    toc = lines_of("第一章 总则......1", "第二章 分则......5", "第三章 附则......9", PROSE)
    assert kept(drop_table_of_contents(toc)) == [PROSE]
    single = lines_of("见附件......1", PROSE)
    assert kept(drop_table_of_contents(single)) == ["见附件......1", PROSE]


def test_running_header_repeated_on_pages():
    lines = lines_of("CAICT 中国信通院", PROSE, "CAICT 中国信通院", PROSE + "又一段。")
    assert kept(drop_running_headers(lines)) == [PROSE, PROSE + "又一段。"]


def test_the_copy_of_a_title_just_above_the_byline_is_the_title():
    # A portal prints the headline in a sidebar, above the byline and again under it: the copy the byline
    # follows is the article's title, the other two are copies.
    title = "县长直播带火了山里的年桔"
    lines = (
        Line("另一篇文章的标题"),
        Line(title),
        Line(""),
        Line(title),
        Line("2020-05-06 15:19 来源：某某网", removed="byline"),
        Line(title),
        Line(PROSE),
    )
    out = drop_running_headers(lines)
    assert [i for i, line in enumerate(out) if line.text == title and line.kept] == [3]
    assert out[1].removed == out[5].removed == "running header"


def test_repeated_numbered_heading_is_not_a_running_header():
    lines = lines_of("一、中央精神", PROSE, "一、中央精神")
    assert len(kept(drop_running_headers(lines))) == 3


def test_dated_link_list():
    lines = lines_of(
        PROSE,
        "- 最新:宁夏首条高铁5G网络全线开通2023-01-09",
        "- 5项数字化转型国家标准正式立项2023-01-09",
        "刚刚,蚂蚁集团发布重要公告!_环球快播2023-01-07",
    )
    assert kept(drop_link_lists(lines)) == [PROSE]


def test_one_dated_line_is_not_a_list():
    lines = lines_of(PROSE, "本文发布于2023-01-09")
    assert kept(drop_link_lists(lines)) == [PROSE, "本文发布于2023-01-09"]


def test_bulleted_sentences_are_not_links():
    items = [
        "- 实施数字基建共筑新工程，打造智能网络。",
        "- 实施数字治理共智新工程，新增10款应用。",
        "- 实施数字产业共创新工程。",
    ]
    assert kept(drop_link_lists(lines_of(*items))) == items


def test_glued_footer_and_flattened_nav_list_are_cut():
    last = (
        "推动实现农业更强、农村更美、农民更富。(注：文中图片由京东授权中国网使用)"
        "神舟十五号计划择机发射郑州机场北货运区试运营第一届区块链创新高峰论坛"
        "中国网是国务院新闻办公室领导，中国外文出版发行事业局管理的国家重点新闻网站。"
        "电话：0086-10-82081166传真：0086-10-82081900官方微信官方微博"
    )
    result = trim_glued_tail(lines_of(PROSE, last))
    assert kept(result) == [PROSE, "推动实现农业更强、农村更美、农民更富。"]
    assert "神舟十五号" in next(line.text for line in result if line.removed)


def test_nav_run_before_a_footer_is_cut_without_an_image_note():
    last = "农民更富。神舟十五号计划择机发射郑州机场北货运区试运营中国网是国务院新闻办公室领导的国家重点新闻网站。"
    assert kept(trim_glued_tail(lines_of(PROSE, last))) == [PROSE, "农民更富。"]


def test_furniture_words_early_in_a_document_stay():
    early = "会上强调，版权所有人的权益要保护。"
    lines = lines_of(early, PROSE, PROSE + "二", PROSE + "三", PROSE + "四")
    assert kept(trim_glued_tail(lines))[0] == early


def test_caption_restating_the_paragraph_above():
    para = "会上，中国联通与信通院签署合作协议，双方将在数字乡村领域深入合作，共同推进标准研究。"
    heading = "“五新工程”十大行动全面焕新升级"
    nxt = "他指出，中国联通对“五新工程”十大行动全面焕新升级，以数字乡村建设新实践助力乡村振兴。"
    lines = lines_of("标题", para, "中国联通与信通院签署合作协议", heading, nxt)
    assert reasons(drop_captions(lines)) == {"中国联通与信通院签署合作协议": "image caption"}


def test_a_heading_after_a_long_paragraph_on_its_subject_stays():
    """A long paragraph shares most words of any line on its subject; it does not make the heading under it a
    caption unless nearly all of the heading is in it."""
    long = "一直以来，中国移动开展消费帮扶活动，" + "在网络、产品和服务上持续发力，" * 17 + "亮点很多。"
    heading = "中国移动消费帮扶活动亮点纷呈"
    nxt = "今年是巩固拓展脱贫攻坚成果同乡村振兴有效衔接的关键一年，各地积极开展消费帮扶活动。"
    lines = lines_of("标题", long, heading, nxt)
    assert kept(drop_captions(lines)) == ["标题", long, heading, nxt]
    short = "中国移动深入实施数智乡村振兴计划，开展消费帮扶活动，亮点纷呈。"
    assert reasons(drop_captions(lines_of("标题", short, heading, nxt))) == {heading: "image caption"}


def test_heading_that_echoes_both_neighbours_stays():
    before = "政协委员、专家齐聚一堂，聚焦数智乡村建设实践等话题进行了深入交流和探讨，并为乡村振兴建言献策。"
    heading = "委员专家充分肯定数智乡村建设现实意义"
    after = "当前，数智技术飞速发展，正为乡村振兴战略实施注入力量，这是京东科技提出数智乡村的大背景。"
    assert kept(drop_captions(lines_of("标题", before, heading, after))) == ["标题", before, heading, after]


def test_signature_line_above_closing_contact_block():
    lines = drop_pattern_lines(
        lines_of(
            "（信息来源：新华社）",
            "产业与规划研究所 新基建与数字化发展研究部",
            "联系电话: 18536356372",
            "电子邮箱: a@b.cn",
        )
    )
    assert kept(drop_trailing_signature(lines)) == ["（信息来源：新华社）"]


def test_short_last_line_without_a_contact_block_stays():
    lines = lines_of(PROSE, "记者 张三 李四")
    assert kept(drop_trailing_signature(lines)) == [PROSE, "记者 张三 李四"]
