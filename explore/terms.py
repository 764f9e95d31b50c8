"""Top terms of a set of texts, segmented with jieba (imported on first use)."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from explore import limits
from explore.chars import CJK
from explore.gazetteer import stopwords
from explore.labels import limited

_WORD = re.compile(rf"^[{CJK}A-Za-z][{CJK}A-Za-z0-9]+$")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its start-up banner is not output anyone asked for
    return jieba


def top_terms(texts: Iterable[str], *, n: int = 30, max_documents: int | None = None) -> pd.DataFrame:
    """The ``n`` most frequent words of two or more characters, stop words left out.

    Each row represents one term: ``term``, ``count``, ``n_documents``. With
    more than ``max_documents`` texts, every k-th is read (the same ones each
    time) and ``attrs["limited"]`` says how many of how many.
    """
    max_documents = limits.MAX_DOCUMENTS_SEGMENTED if max_documents is None else max_documents
    jieba = _jieba()
    stop = stopwords()
    texts = [t for t in texts if isinstance(t, str)]
    sample = None
    if len(texts) > max_documents:
        sample = (max_documents, len(texts))
        texts = [texts[i * len(texts) // max_documents] for i in range(max_documents)]
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for text in texts:
        words = [w for w in jieba.lcut(text) if _WORD.match(w) and w not in stop]
        counts.update(words)
        documents.update(set(words))
    rows = [(term, count, documents[term]) for term, count in counts.most_common(n)]
    table = pd.DataFrame(rows, columns=["term", "count", "n_documents"]).astype({"term": "string"})
    if sample is not None:
        table.attrs["limited"] = limited("in {n} of {total} documents, evenly spaced", *sample)
    return table
