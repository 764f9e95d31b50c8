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
# A cut starts on a multiple of this, so that the figures of one stretch share one stored string (a table
# flattened into one line holds thousands): each stands at least a quarter of the cut from either end of it.
_CUT_STEP = MAX_STORED_CHARS // 2


class StoredSentence:
    """A sentence as the rows of its figures and dates store it: whole, or cut to the ``MAX_STORED_CHARS`` around
    each with ``…``; the figures near one another share one cut, made once."""

    def __init__(self, sentence: Sentence) -> None:
        self._sentence = sentence
        self._whole = sentence.text if len(sentence.text) <= MAX_STORED_CHARS else None  # stored as it is
        self._cuts: dict[int, str] = {}  # where a cut begins in the sentence → the cut

    def around(self, start: int, end: int) -> str:
        """The stored text for what spans ``start``–``end`` in the document."""
        if self._whole is not None:
            return self._whole
        text = self._sentence.text
        middle = (start + end) // 2 - self._sentence.start
        step = round((middle - MAX_STORED_CHARS / 2) / _CUT_STEP)
        first = min(max(0, step * _CUT_STEP), len(text) - MAX_STORED_CHARS)
        if first not in self._cuts:
            last = first + MAX_STORED_CHARS
            self._cuts[first] = f"{'…' if first else ''}{text[first:last]}{'…' if last < len(text) else ''}"
        return self._cuts[first]


def stored_text(sentence: Sentence, start: int, end: int) -> str:
    """The sentence as one row stores it (``StoredSentence.around``)."""
    return StoredSentence(sentence).around(start, end)


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
