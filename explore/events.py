"""Dated happenings: which kind of event a sentence with a date reports."""

from __future__ import annotations

from explore.gazetteer import event_words


def event_kind(clause: str, role: str) -> str:
    """launch / meeting / release / agreement / achievement / target / other."""
    if role == "target":
        return "target"
    for kind, verbs in event_words().kinds.items():
        if any(v in clause for v in verbs):
            return kind
    return "other"
