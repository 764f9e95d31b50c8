"""Themes of the digital-village policy, found by their keywords (``data/themes.toml``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from explore.gazetteer import theme_vocabulary


@dataclass(frozen=True)
class ThemeHit:
    theme: str
    n_hits: int
    evidence: tuple[str, ...]  # the keywords found, most frequent first


def taxonomy() -> dict[str, tuple[str, ...]]:
    """Each theme's keywords, in the order of ``data/themes.toml``."""
    return theme_vocabulary().taxonomy


def find_themes(text: str) -> list[ThemeHit]:
    vocabulary = theme_vocabulary()
    matches = vocabulary.automaton.find_matches_as_indexes(text, overlapping=True)
    counts = Counter(vocabulary.keywords[i] for i, _start, _end in matches)
    if not counts:
        return []
    found: dict[str, list[str]] = {}
    for keyword in counts:
        for theme in vocabulary.themes_of[keyword]:
            found.setdefault(theme, []).append(keyword)
    hits = []
    for theme, theme_keywords in vocabulary.taxonomy.items():
        if theme in found:
            evidence = sorted(found[theme], key=lambda k: (-counts[k], theme_keywords.index(k)))  # ties: file order
            hits.append(ThemeHit(theme, sum(counts[k] for k in evidence), tuple(evidence)))
    return hits
