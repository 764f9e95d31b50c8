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


# A sentence stored with a figure or an event is cut to this many characters around it: real sentences are
# mostly shorter (three in four of the development pages' figure sentences have under 100), and a run with no
# sentence end (a flattened table) must not be stored whole once per figure it holds.
MAX_STORED_CHARS = 300


def stored_text(sentence: Sentence, start: int, end: int) -> str:
    """The sentence as a row stores it: whole, or the ``MAX_STORED_CHARS`` around ``start``–``end`` with ``…``."""
    text = sentence.text
    if len(text) <= MAX_STORED_CHARS:
        return text
    middle = (start + end) // 2 - sentence.start
    first = min(max(0, middle - MAX_STORED_CHARS // 2), len(text) - MAX_STORED_CHARS)
    last = first + MAX_STORED_CHARS
    return f"{'…' if first else ''}{text[first:last]}{'…' if last < len(text) else ''}"


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
