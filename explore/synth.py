"""A realistic synthetic corpus for scale work, deterministic for a seed.

Seed paragraphs are recombined with varied dates, organizations, places and
figures; some files are Traditional script or GB18030, some are bulletins of
several items with credits, and most carry page furniture (disclaimers,
related-link lists, contact lines). Articles are drawn clause by clause,
so two share little text; one in twenty reposts an earlier document under
other furniture (some in Traditional script), as portals syndicate a story. Document ``i`` depends only on the seed
and ``i``, so the first 1,000 documents of a 100,000-document corpus are the
1,000-document corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from explore.corpus import load_corpus
from explore.gazetteer import org_aliases, places
from explore.script import to_traditional

_FILES_PER_FOLDER = 1000
_UNITS = [
    ("亿元", "帮扶资金"), ("万元", "销售额"), ("万人次", "培训"), ("个", "行政村"),
    ("场", "直播"), ("家", "合作企业"), ("万公斤", "销量"), ("名", "学员"),
]  # fmt: skip
_QUALIFIERS = ["超过", "近", "", "", "约", "累计"]
_VERBS = ["召开", "启动", "发布", "举办", "签署"]
_TOPICS = ["数字乡村建设推进会", "乡村振兴合作计划", "智慧农业示范项目", "农村电商直播活动", "数字治理平台"]
_FURNITURE = [
    "免责声明：本文仅供参考，不构成投资建议。",
    "关注我们的微信公众号",
    "联系电话：010-12345678",
    "版权所有 © 某某网 未经授权不得转载",
]


@lru_cache(maxsize=1)
def _material() -> tuple[list[str], list[str], list[str]]:
    """Clauses of the seeds (each kept whole, so it still holds its figures and names), organizations and
    places. Sentences are drawn clause by clause: two documents share little text, as two stories do, unless
    one is a repost of the other."""
    corpus = load_corpus()
    paragraphs = [
        clause
        for text in corpus.documents["text"]
        for paragraph in text.split("\n")
        for clause in re.split("[，。；]", paragraph)
        if len(clause) >= 6
    ]
    orgs = sorted(
        {org.canonical for org in org_aliases().values() if org.org_type in ("company", "bank", "government")}
    )
    place_names = sorted(
        name for name, found in places().items() if found[0].level in ("province", "city") and name == found[0].name
    )
    return paragraphs, orgs, place_names


def _figure(rng: random.Random, org: str) -> str:
    unit, subject = rng.choice(_UNITS)
    value = rng.choice([rng.randint(2, 999), round(rng.uniform(1, 99), 1)])
    return f"{org}{subject}{rng.choice(_QUALIFIERS)}{value}{unit}。"


def _article(
    rng: random.Random, paragraphs: list[str], orgs: list[str], place_names: list[str]
) -> tuple[str, str, str]:
    org, place = rng.choice(orgs), rng.choice(place_names)
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    title = f"{org}{rng.choice(_VERBS)}{year}年{rng.choice(_TOPICS)}"
    lead = f"{month}月{day}日，{org}在{place}{rng.choice(_VERBS)}{rng.choice(_TOPICS)}。"
    body = [lead] + [
        "".join("，".join(rng.sample(paragraphs, rng.randint(2, 4))) + "。" for _ in range(rng.randint(1, 3)))
        + _figure(rng, org)
        for _ in range(rng.randint(2, 6))
    ]
    return title, "\n".join(body), org


def prose_paragraphs(seed: int = 0) -> Iterator[str]:
    """Paragraphs of synthetic articles, title first, one article after another, without end."""
    rng = random.Random(f"prose:{seed}")
    paragraphs, orgs, place_names = _material()
    while True:
        title, body, _ = _article(rng, paragraphs, orgs, place_names)
        yield title
        yield from body.split("\n")


@dataclass(frozen=True)
class SyntheticDocument:
    path: str  # relative to the corpus folder
    text: str
    encoding: str  # how its bytes are written


# A share of documents repost an earlier one (syndication): its text under other furniture, some converted.
_REPOST_SHARE = 0.05
_REPOST_HEADERS = ["首页 > 新闻中心 > 正文", "来源：综合报道", "转载自合作媒体", "分享到：微信 微博"]


def document(index: int, *, seed: int = 0) -> SyntheticDocument:
    """Document ``index`` of the synthetic corpus drawn with ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    paragraphs, orgs, place_names = _material()
    if index >= 20 and rng.random() < _REPOST_SHARE:
        original = document(rng.randrange(max(0, index - 2000), index - 10), seed=seed)
        if original.encoding == "utf-8" and not original.text.startswith(tuple(_REPOST_HEADERS)):
            text = "\n".join([*rng.sample(_REPOST_HEADERS, 2), original.text])
            text = to_traditional(text) if rng.random() < 0.3 else text
            return SyntheticDocument(f"{index // _FILES_PER_FOLDER:04d}/doc_{index:07d}.txt", text, "utf-8")
    if rng.random() < 0.1:  # a bulletin of several items with credits
        lines = ["数字乡村发展动态", f"（{rng.randint(2020, 2025)}年第{rng.randint(1, 12)}期）", "一、工作动态"]
        for item in range(1, rng.randint(3, 7)):
            title, body, _ = _article(rng, paragraphs, orgs, place_names)
            lines += [f"{item}.{title}", body, f"（信息来源：{rng.choice(orgs)}）"]
        text = "\n\n".join(lines)
    else:
        title, body, _ = _article(rng, paragraphs, orgs, place_names)
        text = f"{title}\n{body}"
    if rng.random() < 0.7:
        links = [
            f"- {rng.choice(_TOPICS)}{i}2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            for i in range(rng.randint(3, 8))
        ]
        text += "\n" + "\n".join(rng.sample(_FURNITURE, 2) + links)
    encoding = "utf-8"
    roll = rng.random()
    if roll < 0.1:
        text = to_traditional(text)
    elif roll < 0.15:
        encoding = "gb18030"
    return SyntheticDocument(f"{index // _FILES_PER_FOLDER:04d}/doc_{index:07d}.txt", text, encoding)


def write_synthetic(n_docs: int, out: Path, *, seed: int = 0) -> int:
    """Write ``n_docs`` documents under ``out``; returns the bytes written."""
    total = 0
    for index in range(n_docs):
        made = document(index, seed=seed)
        data = made.text.encode(made.encoding)
        path = out / made.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total
