"""Dated happenings: which kind of event a sentence with a date reports."""

from __future__ import annotations

from functools import lru_cache

from explore.gazetteer import read_toml


@lru_cache(maxsize=1)
def _kinds() -> dict[str, tuple[str, ...]]:
    return {kind: tuple(verbs) for kind, verbs in read_toml("events.toml")["kinds"].items()}


def event_kind(clause: str, role: str) -> str:
    """launch / meeting / release / agreement / achievement / target / other."""
    if role == "target":
        return "target"
    for kind, verbs in _kinds().items():
        if any(v in clause for v in verbs):
            return kind
    return "other"
