"""Themes of the digital-village policy, found by their keywords (``data/themes.toml``)."""

from __future__ import annotations

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


def find_themes(text: str) -> list[ThemeHit]:
    hits = []
    for theme, keywords in taxonomy().items():
        counts = {k: text.count(k) for k in keywords}
        found = sorted((k for k, n in counts.items() if n), key=lambda k: -counts[k])
        if found:
            hits.append(ThemeHit(theme, sum(counts[k] for k in found), tuple(found)))
    return hits
