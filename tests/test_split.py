import pytest

from explore.split import is_bulletin, publisher_from_furniture, split_items

BULLETIN = """数字乡村发展动态
（2024年第2期）
中国信息通信研究院
一、中央精神
1.《关于推进乡村全面振兴的意见》发布
2月3日，《意见》发布，全文共包括六个部分。
（信息来源：新华社）
二、工作动态
（一）部委动态
1.中央网信办等11部门联合印发《通知》
近日，中央网信办等部门印发《通知》。
《通知》明确了工作目标。
（信息来源：网信中国）
（二）地方动态
1. 山西省开展数字乡村试点
1月16日，山西省委网信办印发通知。
（信息来源：山西网信网）"""


def test_bulletin_items():
    split = split_items(BULLETIN)
    assert split.bulletin
    assert split.publication == "数字乡村发展动态 （2024年第2期） 中国信息通信研究院"
    assert [(i.item_no, i.section, i.title, i.credit) for i in split.items] == [
        (1, "中央精神", "《关于推进乡村全面振兴的意见》发布", "新华社"),
        (2, "工作动态 / 部委动态", "中央网信办等11部门联合印发《通知》", "网信中国"),
        (3, "工作动态 / 地方动态", "山西省开展数字乡村试点", "山西网信网"),
    ]
    assert split.items[1].text == "近日，中央网信办等部门印发《通知》。\n《通知》明确了工作目标。"


def test_an_article_with_numbered_points_is_not_a_bulletin():
    article = "文章标题\n1.加强领导。\n2.统筹推进，建立机制。\n正文第三段。"
    lines = article.split("\n")
    assert not is_bulletin(lines)
    split = split_items(article)
    assert not split.bulletin
    assert len(split.items) == 1
    assert split.items[0].title == "文章标题"
    assert split.items[0].text == "1.加强领导。\n2.统筹推进，建立机制。\n正文第三段。"


@pytest.mark.parametrize(
    ("text", "title", "credit"),
    [
        (
            "中央网信办部署试点工作\n中新网3月13日电 据中国网信网消息，中央网信办印发通知。",
            "中央网信办部署试点工作",
            "中新网",
        ),
        ("农业农村部发布名单\n新华社北京12月6日电 农业农村部公布名单。", "农业农村部发布名单", "新华社"),
        ("数字乡村是乡村振兴的战略方向。11月28日，腾讯分享经验。\n第二段。", None, None),
        ("文章标题\n正文一段。\n（来源：人民网）", "文章标题", "人民网"),
        # a label or a name of two or three characters is no headline
        ("资讯\n正文一段，说明情况。", None, None),
        ("某某某\n人大代表，说明情况。", None, None),
        # nor the heading of a part of the text
        ("引言：乡村建设的时代背景\n正文一段，说明情况。", None, None),
    ],
)
def test_article_title_and_credit(text, title, credit):
    (item,) = split_items(text).items
    assert (item.title, item.credit) == (title, credit)
    assert "来源" not in item.text


def test_publisher_is_used_when_the_article_names_none():
    (item,) = split_items("标题\n正文。", publisher="中国网").items
    assert item.credit == "中国网"


def test_empty_text_has_no_items():
    assert split_items("").items == ()


def test_publisher_from_furniture_takes_the_repeated_name():
    raw = "正文（注：文中图片由京东授权中国网使用）区块链行业峰会中国网是国务院新闻办公室领导的网站。"
    furniture = ["（注：文中图片由京东授权中国网使用）区块链行业峰会中国网是国务院新闻办公室领导的网站。"]
    assert publisher_from_furniture(furniture, raw) == "中国网"
    assert publisher_from_furniture(["没有站名"], raw) is None


def test_a_bulletin_named_by_its_masthead_splits_without_credit_lines():
    text = "\n".join(
        [
            "数字乡村建设工作简报",
            "（第5期）",
            "1.省委网信办召开全省数字乡村建设推进会",
            "6月12日，省委网信办召开全省数字乡村建设推进会，部署下一阶段任务。",
            "2.某市数字乡村一张图上线运行",
            "近日，某市数字乡村一张图正式上线运行。",
        ]
    )
    split = split_items(text)
    assert split.bulletin and [item.title for item in split.items] == [
        "省委网信办召开全省数字乡村建设推进会",
        "某市数字乡村一张图上线运行",
    ]
    # the same points under an article's title are its own
    article = text.replace("数字乡村建设工作简报\n（第5期）", "某省部署数字乡村建设")
    assert not split_items(article).bulletin
