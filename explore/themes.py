"""Themes of the digital-village policy, found by their keywords (``data/themes.toml``)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from explore.gazetteer import read_toml


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    n_hits: int
    evidence: tuple[str, ...]  # the keywords found, most frequent first


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, tuple[str, ...]]:
    return {theme: tuple(spec["keywords"]) for theme, spec in read_toml("themes.toml").items()}


@lru_cache(maxsize=1)
def _keyword_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    keywords = {k for words in taxonomy().values() for k in words}
    # At each position the lookahead captures the longest keyword; the shorter
    # ones it starts with (培训 in 培训班) are counted with it.
    prefixes = {k: tuple(p for p in keywords if p != k and k.startswith(p)) for k in keywords}
    alternation = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(f"(?=({alternation}))"), prefixes


def find_themes(text: str) -> list[ThemeHit]:
    pattern, prefixes = _keyword_pattern()
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text):
        keyword = match.group(1)
        counts[keyword] += 1
        counts.update(prefixes[keyword])
    hits = []
    for theme, keywords in taxonomy().items():
        found = sorted((k for k in keywords if counts[k]), key=lambda k: -counts[k])
        if found:
            hits.append(ThemeHit(theme, sum(counts[k] for k in found), tuple(found)))
    return hits
