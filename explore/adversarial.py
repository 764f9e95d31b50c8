"""Inputs an adversary (or a broken scraper) writes, sized to order: what must still cost linear time.

Each generator takes a size in bytes (UTF-8) and returns one document's text.
``benchmarks/adversarial.py`` times them against :func:`prose` of the same
size; ``tests/test_adversarial.py`` runs them sized down and checks what
comes out. Prose is drawn from the synthetic corpus (``explore.synth``), so
it is realistic news text, different at every size.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from explore.synth import prose_paragraphs


def _repeat(unit: str, n_bytes: int) -> str:
    return unit * max(1, n_bytes // len(unit.encode("utf-8")))


def prose(n_bytes: int, seed: int = 0) -> str:
    """Realistic news prose: synthetic articles one after another, as one long document."""
    parts, size = [], 0
    for paragraph in prose_paragraphs(seed):
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        if size >= n_bytes:
            break
    return "\n".join(parts)


def _random_figures(n_bytes: int) -> str:
    rng = random.Random(n_bytes)
    parts, size = [], 0
    while size < n_bytes:
        part = f"{rng.randint(1, 99999)}{rng.choice('万亿')}{rng.choice(['元', '户', '人次', ''])}"
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "".join(parts)


GENERATORS: dict[str, Callable[[int], str]] = {
    "5万 repeated": lambda n: _repeat("5万", n),
    "random figures, no separator": _random_figures,
    "ideographic space then spaces": lambda n: "中\u3000" + " " * n,
    "spaces inside a line": lambda n: "数字" + " " * n + "乡村",
    "short lines then 版权所有": lambda n: "".join(f"数字乡村第{i}段\n" for i in range(n // 20)) + "版权所有",
    "short lines then a contact block": lambda n: "".join(f"行{i}\n" for i in range(n // 8)) + "联系电话：010-12345678",
    "digits with 万": lambda n: _repeat("123456789万", n),
    "三千五百万元 repeated": lambda n: _repeat("三千五百万元", n),
    "percent ranges": lambda n: _repeat("5%-", n),
    "figures in one sentence": lambda n: _repeat("覆盖25.5万行政村、", n),
    "names in one sentence": lambda n: _repeat("中国联通和腾讯、", n),
    "dates in one sentence": lambda n: _repeat("2023年9月27日、", n),
    "one line of CJK, no punctuation": lambda n: _repeat("中国联通数字乡村覆盖行政村", n),
    "unclosed brackets": lambda n: _repeat("【（《“", n),
    "separator run": lambda n: "-" * n,
    "many link lines": lambda n: _repeat("更多>\n", n),
    "source lines": lambda n: _repeat("来源：新华网\n", n),
    "dotted digits": lambda n: _repeat("1.2.3.", n),
}
