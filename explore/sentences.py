"""Sentences with their offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at 。！？ (with any closing quotes after it) or at a line end.
_SENTENCE = re.compile(r"[^\n。！？]*(?:[。！？]+[”’」』）)]*|\n|$)")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    paragraph = 0
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        body = raw[:-1] if raw.endswith("\n") else raw
        if body.strip():
            sentences.append(Sentence(body, match.start(), match.start() + len(body), paragraph))
        if raw.endswith("\n"):
            paragraph += 1
    return sentences
