import pytest

from explore.mentions import find_mentions


def named(text, kind="org"):
    return [(m.surface, m.name) for m in find_mentions(text) if m.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("京东集团、京东科技和京东云联合发布", [("京东集团", "京东"), ("京东科技", "京东"), ("京东云", "京东")]),
        ("腾讯公司副总裁介绍", [("腾讯公司", "腾讯")]),
        ("中国联通与信通院签署协议", [("中国联通", "中国联通"), ("信通院", "中国信息通信研究院")]),
        ("网信办部署工作", [("网信办", "中央网信办")]),
        ("山西省委网信办印发通知", [("山西省委网信办", "山西省委网信办")]),
        ("中国联通重庆市分公司举行签约", [("中国联通重庆市分公司", "中国联通")]),
        (
            "河北云供销数字城乡社区科技有限公司副总裁",
            [("河北云供销数字城乡社区科技有限公司", "河北云供销数字城乡社区科技有限公司")],
        ),
        ("浙江某某农业科技有限公司成立", [("浙江某某农业科技有限公司", "浙江某某农业科技有限公司")]),
    ],
)
def test_organizations_fold_to_one_name(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "各级农业农村部门加强指导",  # 部门: departments in general
        "政协委员、专家纷纷表示",  # 委员: members
        "发动返乡大学生直播",  # 大学生: students
        "大会由四川省人民政府主办",  # the org, not "…政府主办"
        "打通国家部委数据",
        "她以该公司为例",
    ],
)
def test_words_that_only_look_like_organizations(text):
    assert all(name not in text.replace(name, "") or True for _, name in named(text))
    for surface, _ in named(text):
        assert not surface.endswith(("部门", "委员", "大学生", "主办", "部委", "该公司"))
        assert surface != "该公司"


def test_products_link_to_their_owner():
    mentions = [m for m in find_mentions("“联通数村”平台和“腾讯为村”以及“耕耘者”振兴计划") if m.kind == "product"]
    assert [(m.name, m.owner) for m in mentions] == [
        ("联通数村", "中国联通"),
        ("腾讯为村", "腾讯"),
        ("耕耘者振兴计划", "腾讯"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在重庆巫溪，搭建平台", ("巫溪县", "重庆市", None, "巫溪县")),
        ("江西省高安市上湖乡辣椒产业园", ("高安市", "江西省", "宜春市", "高安市")),
        ("四川眉山的案例", ("眉山市", "四川省", "眉山市", None)),
    ],
)
def test_places_resolve_to_province_city_county(text, expected):
    place = [m for m in find_mentions(text) if m.kind == "place"][-1]
    assert (place.name, place.province, place.city, place.county) == expected


def test_county_short_name_needs_context():
    assert not [m for m in find_mentions("联手巫溪合作“巫咸版本”") if m.name == "合作市"]
    assert not [m for m in find_mentions("白水苹果很好吃") if m.kind == "place"]  # no province before it
    assert [m.name for m in find_mentions("陕西白水苹果") if m.kind == "place"] == ["陕西省", "白水县"]


def test_people_after_a_title_and_later_bare():
    text = "京东集团副总裁王楠介绍了成果。王楠表示，要加快建设。专家和企业代表齐聚一堂。"
    people = [m.name for m in find_mentions(text) if m.kind == "person"]
    assert people == ["王楠", "王楠"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖南省城步县委常委、副县长到场", [("湖南省城步县委", "湖南省城步县委")]),  # 常委 is a title
        ("该镇引进中国科学院的技术", [("中国科学院", "中国科学院")]),  # a listed name, not 镇引进…
        ("结合贵州省农村信用社实际", [("贵州省农村信用社", "贵州省农村信用社")]),  # starts at the place
        ("广东移动与当地合作", [("广东移动", "中国移动")]),  # a regional brand
        ("财政部办公厅印发通知", [("财政部办公厅", "财政部办公厅")]),  # a ministry's unit is named for itself
        ("世界银行发布报告", [("世界银行", "世界银行")]),  # from the dictionary of named organizations
        ("农业农村部市场与信息化司发布报告", [("农业农村部市场与信息化司", "农业农村部市场与信息化司")]),
        ("农业农村部农村合作经济指导司签署协议", [("农业农村部农村合作经济指导司", "农业农村部农村合作经济指导司")]),
        (
            "中共浙江省委办公厅浙江省人民政府办公厅印发",  # two names, one right after the other
            [("中共浙江省委办公厅", "中共浙江省委办公厅"), ("浙江省人民政府办公厅", "浙江省人民政府办公厅")],
        ),
        ("青义镇人民政府参加签约", [("青义镇人民政府", "青义镇人民政府")]),  # a town too small for the gazetteer
        ("通城县委、县政府决定", [("通城县委", "通城县委"), ("县政府", "通城县政府")]),  # the place they share
        ("在CNNIC发布的报告中", [("CNNIC", "中国互联网络信息中心")]),
        # A company's unit in a place after its full name is the company's, like 中国联通重庆市分公司.
        ("中国电信股份有限公司云南分公司推进建设", [("中国电信股份有限公司云南分公司", "中国电信")]),
        ("中国移动通信集团四川有限公司推进建设", [("中国移动通信集团四川有限公司", "中国移动")]),
        (
            "阿里巴巴集团浙江某某公司成立",
            [("阿里巴巴集团", "阿里巴巴"), ("浙江某某公司", "浙江某某公司")],
        ),  # not a place
        ("新希望集团与中兴通讯签约", [("新希望集团", "新希望集团"), ("中兴通讯", "中兴通讯")]),  # listed companies
        ("杨凌示范区管委会与企业合作", [("杨凌示范区管委会", "杨凌示范区管委会")]),
        ("北京市朝阳区人民法院审理此案", [("北京市朝阳区人民法院", "北京市朝阳区人民法院")]),  # not 人民法院 alone
        ("奉节县召开会议，县融媒体中心报道", [("县融媒体中心", "奉节县融媒体中心")]),  # the county's
    ],
)
def test_organizations_named_by_structure(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    ["感谢电商协会的帮助", "一家互联网公司表示", "全部完成任务", "打开新局面", "坐在办公室里", "乡镇人民政府，研究院"],
)
def test_descriptions_and_common_words_are_no_organizations(text):
    assert named(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("杨某告诉上游新闻记者，直播持续了13个小时。", [("上游新闻", "上游新闻")]),
        ("他在接受人民日报记者采访时说。", [("人民日报", "人民日报")]),  # a listed medium, from the verb on
        ("互联网记者节活动举行。", []),  # a word, not a site
        # a medium saying what it learned, after a question too
        ("此次签约有多重要呢？某某财经网试图揭秘。", [("某某财经网", "某某财经网")]),
        ("据某某新闻获悉，该县已建成站点120个。", [("某某新闻", "某某新闻")]),
        ("记者获悉，该县已建成站点120个。", []),
    ],
)
def test_a_medium_whose_reporter_the_text_names(text, expected):
    assert named(text) == expected


def test_a_dateline_names_its_publisher():
    assert ("中国江西网", "中国江西网") in named("中国江西网讯 3月4日，某县开展直播活动。")


def test_a_date_before_a_suffix_is_no_organization():
    from explore.mentions import find_mentions

    assert find_mentions("2023年公司实现营收增长。") == []
    assert find_mentions("2023年3月公司成立。") == []
    assert [m.name for m in find_mentions("360公司发布新产品。")] == ["360公司"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county named in full before a body, with nothing else in the name
        ("标题：泾县人民政府关于印发方案的通知", [("泾县人民政府", "泾县人民政府")]),
        # a town or village too small for the gazetteer holds a one-character-suffix body
        ("龙潭镇党委书记介绍", [("龙潭镇党委", "龙潭镇党委")]),
        ("由阿尔木乡党委承办", [("阿尔木乡党委", "阿尔木乡党委")]),
        # … but a kind of village, or a verb before one, is no name
        ("贫困村党委书记介绍", []),
        ("加强村委班子建设", []),
        # a level alone is the body of the place of that level named before it
        (
            "来凤县召开大会，县委、县政府负责同志出席",
            [("县委", "来凤县委"), ("县政府", "来凤县政府")],
        ),
        ("青海省出台方案，落实省委、省政府要求", [("省委", "青海省委"), ("省政府", "青海省政府")]),
        (
            "在重庆市璧山区，中国联通璧山分公司与区政府签约",
            [("中国联通璧山分公司", "中国联通"), ("区政府", "璧山区政府")],
        ),
        # a member's title names the body (县委常委: a member of the county's 县委)
        ("湖南省新化县有茶园。当地县委常委介绍", [("县委", "新化县委")]),
        # a department named from its level alone, its standard name holding 和
        ("清远市召开会议，市工业和信息化局参加", [("市工业和信息化局", "清远市工业和信息化局")]),
        ("湖南省住房和城乡建设厅发布通知", [("湖南省住房和城乡建设厅", "湖南省住房和城乡建设厅")]),
        # … and a 和 after an adverb still joins two names
        (
            "中国联通还与人力资源和社会保障部合作",
            [("中国联通", "中国联通"), ("人力资源和社会保障部", "人力资源和社会保障部")],
        ),
        # a listed unit after the level is that place's, not the national one
        ("韶关市成立小组，市网信办牵头", [("市网信办", "韶关市网信办")]),
        # mass organizations named by their level; 团县委 is the county's youth league, not its 县委
        ("保靖县召开会议，县妇联、县科协参加", [("县妇联", "保靖县妇联"), ("县科协", "保靖县科协")]),
        ("保靖县召开会议。团县委举办青年电商大赛", [("团县委", "共青团保靖县委")]),
    ],
)
def test_bodies_of_small_and_implied_places(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全国10强县电商公司开展合作",
        "百强县企业和十佳合作社参加",
        "运营商省公司加大投入",
        "广东省数字政府建设取得成效",  # a kind of government a policy builds
        "推进智慧政府和服务型政府建设",
    ],
)
def test_rankings_and_kinds_of_actor_name_no_one(text):
    assert named(text) == []


def test_a_data_bureau_is_one_name_though_据_ends_names_elsewhere():
    assert named("长沙市数据资源管理局建设平台") == [("长沙市数据资源管理局", "长沙市数据资源管理局")]
    assert named("据报道，湖南省数据局发布通知") == [("湖南省数据局", "湖南省数据局")]


def test_small_letters_between_chinese_characters_start_a_name_after_them():
    # the residue of a wrong decoding before a name; a brand's letters at a name's start stay its own
    assert ("下姜村党总支", "下姜村党总支") in named("日子越过越红火焙贾菔写景部h下姜村党总支书记说")
    assert named("TCL集团和vivo公司参加") == [("TCL集团", "TCL集团"), ("vivo公司", "vivo公司")]


@pytest.mark.parametrize(
    "text",
    [
        "大家响应县委号召",  # no county named: whose 县委 is unknown (and 应县 is inside 响应)
        "宁夏出资，市县政府跟进",  # 市县: every city and county, no one body
        "在各级镇党委领导下",
    ],
)
def test_levels_that_name_no_one_body(text):
    assert [name for _, name in named(text) if name.endswith(("委", "政府"))] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a function character that opens a place's name, after another boundary, is the name's first
        ("由和田某某果品有限公司收购", [("和田某某果品有限公司", "和田某某果品有限公司")]),
        # … but after a name it still joins two names
        ("中国联通和县政府签约", [("中国联通", "中国联通")]),
        # a unit of a listed body is named with it
        ("国务院扶贫办综合司发文", [("国务院扶贫办综合司", "国务院扶贫办综合司")]),
        # 国家 said before a ministry that is not named with it
        ("国家农业农村部信息中心发布报告", [("国家农业农村部信息中心", "农业农村部信息中心")]),
        ("国家乡村振兴局综合司发文", [("国家乡村振兴局综合司", "国家乡村振兴局综合司")]),
        # a province's short name before a generic dictionary name (农业大学) names one body
        ("湖南农业大学的专家来到田间", [("湖南农业大学", "湖南农业大学")]),
        # a county's short name that is also a word (资源) does not start a new name after a body
        ("四川农业大学资源学院教授", [("四川农业大学资源学院", "四川农业大学资源学院")]),
        ("湖北省供销合作社联合社召开会议", [("湖北省供销合作社联合社", "湖北省供销合作社联合社")]),
    ],
)
def test_names_across_function_characters_and_honorifics(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "参观县里的小杂粮文化展厅",  # a hall, not a department
        "加强党组织建设",  # a dictionary word that names no one
        "当地农村信用社放贷",  # a kind of bank
        "全球市值第一大商业银行",  # described, not named
        "越来越多农业产业园落地",
    ],
)
def test_kinds_and_descriptions_name_no_one(text):
    assert named(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names listed beside an organization are organizations too
        (
            "板块方面，甲乙股份、东方集团、丙丁科技、戊己农业等股价上涨",
            ["甲乙股份", "东方集团", "丙丁科技", "戊己农业"],
        ),
        # the last member as far as the organization starting there reaches
        ("领涨的有，庚辛高科、壬癸果蔬、东方集团涨停", ["庚辛高科", "壬癸果蔬", "东方集团"]),
        # kinds of actors listed beside one are not names
        ("京东、农户、合作社和龙头企业", ["京东"]),
        # a list with no organization in it names none
        ("，甲乙股份、丙丁科技涨停", []),
        # a city's short name before a suffix
        ("东莞证券分析师表示", ["东莞证券"]),
        # the organization that ends the words before the list is its first member
        ("建议关注大北农、甲乙高科、丙丁种业等龙头", ["大北农", "甲乙高科", "丙丁种业"]),
        # topics listed beside a company are terms: common words, or two of them
        ("农业银行、普惠金融、乡村振兴等话题", ["中国农业银行"]),
        ("由中国联通、智慧农业、数字治理等组成", ["中国联通"]),
        # a stock's short name in an announcement's header is no 证券 of its own
        ("证券代码：000713 证券简称：丰乐种业", []),
    ],
)
def test_names_coordinated_with_an_organization(text, expected):
    assert [name for _, name in named(text)] == expected


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("巫溪县", "巫溪"),
        ("大理白族自治州", "大理"),
        ("西双版纳傣族自治州", "西双版纳"),
        ("江华瑶族自治县", "江华"),
        ("恩施土家族苗族自治州", "恩施"),
        ("积石山保安族东乡族撒拉族自治县", "积石山"),
        ("新疆维吾尔自治区", "新疆"),
        ("内蒙古自治区", "内蒙古"),
    ],
)
def test_short_names_of_autonomous_places(name, short):
    from explore.gazetteer import places, short_place_name

    assert short_place_name(name) == short
    if name.endswith(("自治县", "自治州")):
        assert any(p.name == name for p in places()[short + name[-1]])  # written 江华县, 大理州


def test_an_autonomous_county_written_short_and_its_bodies():
    text = "湖南省永州市江华县也在其中。当地县委常委介绍"
    found = [(m.kind, m.name, m.surface) for m in find_mentions(text)]
    assert ("place", "江华瑶族自治县", "江华县") in found
    assert ("org", "江华县委", "县委") in found


@pytest.mark.parametrize(
    "text, absent",
    [
        ("共青团中央发起青年助农行动。", "中国农业银行"),  # the 行 of 农行 opens 行动
        ("乡村惠农行动启动。", "中国农业银行"),
        ("京东物流在县里建设仓储中心。", "县里建设仓储中心"),  # 县里: a place spoken of, no name's start
        ("合作社在村里建起电商服务中心。", "村里建起电商服务中心"),
    ],
)
def test_words_that_hold_a_short_form_or_a_place_spoken_of_name_no_one(text, absent):
    assert absent not in {m.name for m in find_mentions(text)}


@pytest.mark.parametrize("text", ["农行为农户发放贷款。", "近日，农行动员全行支持春耕。", "农行业务覆盖全县。"])
def test_a_bank_s_short_form_opening_a_clause_is_still_the_bank(text):
    assert "中国农业银行" in {m.name for m in find_mentions(text)}


@pytest.mark.parametrize(
    "name, canonical",
    [("国家电网", "国家电网"), ("南方电网", "南方电网"), ("太平洋保险", "中国太平洋保险"), ("澎湃新闻", "澎湃新闻")],
)
def test_more_of_the_field_s_companies_and_media_are_listed(name, canonical):
    assert canonical in {m.name for m in find_mentions(f"近日，{name}与当地政府签署合作协议。")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("秭归县召开会议，县委网信办开展培训。", ["秭归县委网信办"]),  # one office, not the 委 and the nation's
        ("县委网信办开展培训。", []),  # some county's office, not the national one
        ("省委网信办开展培训。", []),
        ("网信办开展培训。", ["中央网信办"]),  # bare, it is the national one
    ],
)
def test_a_listed_office_after_a_level_and_its_committee_is_that_place_s(text, expected):
    assert [m.name for m in find_mentions(text) if m.kind == "org"] == expected


@pytest.mark.parametrize("text", ["恩施州农村信用合作联社推出新产品。", "秭归县农村信用联社发放贷款。"])
def test_rural_credit_unions_are_banks(text):
    (org,) = [m for m in find_mentions(text) if m.kind == "org"]
    assert org.org_type == "bank" and org.name == text[: text.index("社") + 1]


def test_a_credit_union_named_by_its_kind_alone_is_no_one():
    assert [m for m in find_mentions("当地农村信用合作联社放贷。") if m.kind == "org"] == []


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("秭归县建成县级电商公共服务中心1个。", "成县"),  # 县级: county-level
        ("在2025年底前建成数字乡村示范县。", "范县"),  # 示范县: a demonstration county
    ],
)
def test_a_two_character_place_inside_other_words_is_no_place(text, not_a_place):
    names = {m.name for m in find_mentions(text)}
    assert not_a_place not in names and not any(n.startswith(not_a_place[0] + "县级") for n in names)


@pytest.mark.parametrize("text, place", [("成县召开数字乡村推进会。", "成县"), ("范县位于河南省。", "范县")])
def test_a_two_character_place_standing_as_a_name_is_a_place(text, place):
    assert place in {m.name for m in find_mentions(text) if m.kind == "place"}


def test_what_was_built_opens_no_name():
    assert "甘肃省成县建成电商中心" not in {m.name for m in find_mentions("甘肃省成县建成电商中心。")}


def test_a_notice_s_salutation_names_no_organization():
    text = "各市（州）农业农村局、网信办：\n请于3月31日前将材料报送秭归县农业农村局。"
    orgs = [(m.name, m.start) for m in find_mentions(text) if m.kind == "org"]
    assert all(start > text.index("\n") for _, start in orgs) and "中央网信办" not in {n for n, _ in orgs}
    assert any(name == "秭归县农业农村局" for name, _ in orgs)  # the body line still names its bodies


@pytest.mark.parametrize(
    "text", ["全县共有农民专业合作社500家。", "该县现有电商服务中心12个。", "全市新增家庭农场30家。"]
)
def test_how_many_there_are_opens_no_name(text):
    assert not any(m.kind == "org" and m.name.startswith(("全县", "该县", "全市")) for m in find_mentions(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每经快讯，丰乐种业（SZ 000713，收盘价：9.87元）盘中涨停。", [("丰乐种业", "丰乐种业")]),
        ("公告显示，和邦生物(603077.SH)发布公告。", [("和邦生物", "和邦生物")]),  # 和 opening the name is its own
        ("据悉，龙头企业新希望（000876）旗下公司", [("新希望", "新希望集团")]),  # a listed name: its canonical
        ("美团-W（03690.HK）发布财报", [("美团", "美团")]),  # the board's class mark is no part of the name
        ("TCL科技（000100）公告", [("TCL科技", "TCL科技")]),
        ("我比较看好的公司，比如新开普（300248）。", [("新开普", "新开普")]),  # a word opening the run is cut
    ],
)
def test_a_name_before_its_stock_code_is_a_listed_company(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    "text", ["该公司（000713）发布公告", "本集团(000713)", "一家企业（000713）", "截至2023年（2023）"]
)
def test_a_stock_code_after_a_kind_of_body_names_no_one(text):
    assert named(text) == []


def test_a_generic_platform_name_is_no_one_s_product():
    """数字乡村平台 is what many run; only 中国联通's, named so, is 中国联通's platform."""
    products = [(m.name, m.owner) for m in find_mentions("农业银行“数字乡村”平台覆盖350个县。") if m.kind == "product"]
    assert products == []
    named_so = [m.owner for m in find_mentions("正式发布中国联通数字乡村平台。") if m.kind == "product"]
    assert named_so == ["中国联通"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19日，建瓯市东游镇甲乙茶场，3台无人机在作业。", ["建瓯市东游镇甲乙茶场"]),
        ("浙江省德清县某某家庭农场负责人说", ["浙江省德清县某某家庭农场"]),
        ("全县发展家庭农场120家", []),  # the kind of farm, no farm's name
        ("鼓励发展休闲农庄和家庭农场", []),
    ],
)
def test_a_farm_after_its_place_is_an_organization(text, expected):
    assert [name for _, name in named(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 从 of 从江县 opens a place after another place, not a name after a function character
        ("贵州省黔东南州从江县加榜乡党委书记李四介绍。", ["从江县加榜乡党委"]),
        ("企业从江苏省引进人才", []),
        ("中国乡村发展志愿服务促进会开展帮扶活动。", ["中国乡村发展志愿服务促进会"]),
        ("中国农村发展研究会举办论坛", ["中国农村发展研究会"]),
        ("会议要求认真研究会议精神。", []),
        # a village's committee and a county's co-op, after their place; not the kinds alone
        ("德清县莫干山镇仙潭村村委会主任介绍。", ["德清县莫干山镇仙潭村村委会"]),
        ("湖南省长沙县供销社主任介绍。", ["湖南省长沙县供销社"]),
        ("发挥村委会作用，各地供销社积极参与。", []),
        ("湖南省长沙县召开会议。县商务局、县供销社参加。", ["长沙县商务局", "长沙县供销社"]),  # by its level alone
    ],
)
def test_places_after_places_and_more_associations(text, expected):
    assert [name for _, name in named(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲乙农业科技总经理张三说，今年销量翻番。", ["甲乙农业科技"]),
        ("丙丁优选创始人李四表示", ["丙丁优选"]),
        ("阿里巴巴副总裁介绍", ["阿里巴巴"]),  # a listed name: its canonical
        ("他是公司董事长", []),  # a kind of body, pointed at
        ("电商企业创始人李四", []),
        ("而科创园总经理罗万里说", []),  # 而 opens no name; what is left is too short to be one
    ],
)
def test_a_name_before_a_title_only_an_organization_gives(text, expected):
    assert [name for _, name in named(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "对中国网络扶贫工作做出部署",
        "中国网民数达2.98亿",
        "农村地区和农业产业园区实现了5G覆盖",
        "全国供销合作社系统从贫困县购进农产品",  # the whole system, no one co-op
    ],
)
def test_a_name_inside_a_word_it_opens_is_no_name(text):
    assert named(text) == []


def test_a_site_s_name_standing_alone_is_the_site():
    assert named("据中国网报道，该县已建成站点120个。") == [("中国网", "中国网")]
