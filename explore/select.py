"""Selections and aggregates the notebooks chart: pure pandas, one job each.

One vocabulary across functions: ``orgs`` (canonical names), ``themes``,
``kinds``, ``units``, ``categories``, ``date_range`` (a pair of dates, either
end may be ``None``). ``None`` for a filter means "no filter"; an empty list
means "nothing".
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from explore.corpus import Corpus

DateRange = tuple[date | pd.Timestamp | None, date | pd.Timestamp | None]

_SPAN_END = {
    "day": pd.DateOffset(days=1),
    "month": pd.DateOffset(months=1),
    "year": pd.DateOffset(years=1),
}


def _within(values: pd.Series, allowed: Sequence[str] | None) -> pd.Series:
    return pd.Series(True, index=values.index) if allowed is None else values.isin(list(allowed))


def _in_range(dates: pd.Series, date_range: DateRange | None) -> pd.Series:
    keep = pd.Series(True, index=dates.index)
    if date_range is None:
        return keep
    start, end = date_range
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    return keep


def documents_with_themes(corpus: Corpus, themes: Sequence[str] | None) -> set[str] | None:
    if themes is None:
        return None
    return set(corpus.themes.loc[corpus.themes["theme"].isin(list(themes)), "doc_id"])


def span_ends(starts: pd.Series, precisions: pd.Series) -> pd.Series:
    """Where each date's span ends: a day, month or year after it (a day for any other precision)."""
    ends = starts + pd.Timedelta(days=1)
    for precision, length in _SPAN_END.items():
        rows = precisions.eq(precision).fillna(False).to_numpy(dtype=bool)
        if precision != "day" and rows.any():
            ends[rows] = starts[rows] + length
    return ends


def dated_events(corpus: Corpus) -> pd.DataFrame:
    """Every dated event with its document's title and source file and the span its date covers.

    Each row represents one event: the ``events`` columns plus ``title``,
    ``source_file``, ``start`` and ``end`` (a day, month or year: a
    month-precise date is a month long, not a made-up day).
    """
    events = corpus.events.dropna(subset=["date"])
    dated = events.merge(corpus.documents[["doc_id", "title", "source_file"]], on="doc_id", how="left")
    return dated.assign(start=dated["date"], end=span_ends(dated["date"], dated["date_precision"]))


def select_events(
    corpus: Corpus,
    *,
    orgs: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    date_range: DateRange | None = None,
) -> pd.DataFrame:
    """Dated events matching every filter, with the span each date covers (see :func:`dated_events`)."""
    events = dated_events(corpus)
    keep = _within(events["org"], orgs) & _within(events["kind"], kinds) & _in_range(events["date"], date_range)
    docs = documents_with_themes(corpus, themes)
    if docs is not None:
        keep &= events["doc_id"].isin(docs)
    return events[keep].reset_index(drop=True)


class Selector:
    """One table prepared once for many selections: the columns to filter on, factorized.

    A selection is then integer comparisons on arrays (milliseconds on a
    million rows) instead of string comparisons, and :meth:`rows` gives
    positions, so a caller materializes only the rows it draws or shows.
    """

    def __init__(self, frame: pd.DataFrame, columns: Sequence[str], *, dates: str | None = None) -> None:
        self.frame = frame
        self._codes = {}
        for column in columns:
            codes, uniques = pd.factorize(frame[column])  # a missing value is code -1
            self._codes[column] = (codes, pd.Index(uniques))
        self._dates = frame[dates].to_numpy() if dates else None

    def among(self, column: str, values: Sequence) -> np.ndarray:
        """Rows whose ``column`` is one of ``values`` (``None`` among them matches a missing value)."""
        codes, uniques = self._codes[column]
        present = [v for v in values if not pd.isna(v)]
        wanted = uniques.get_indexer(present) if present else np.array([], dtype=np.intp)
        wanted = wanted[wanted >= 0]
        if len(present) < len(values):
            wanted = np.append(wanted, -1)
        return np.isin(codes, wanted)

    def codes(self, column: str) -> np.ndarray:
        """The column's integer codes (-1 for a missing value), to group selected rows by."""
        return self._codes[column][0]

    def between(self, date_range: DateRange | None) -> np.ndarray:
        keep = np.ones(len(self.frame), dtype=bool)
        if date_range is None or self._dates is None:
            return keep
        start, end = date_range
        if start is not None:
            keep &= self._dates >= pd.Timestamp(start).to_datetime64()
        if end is not None:
            keep &= self._dates <= pd.Timestamp(end).to_datetime64()
        return keep

    def everything(self) -> np.ndarray:
        return np.ones(len(self.frame), dtype=bool)


def largest(rows: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """The positions among ``rows`` of the ``n`` largest ``values``, ties in row order, in row order."""
    if len(rows) <= n:
        return rows
    chosen = values[rows]
    threshold = np.partition(chosen, len(chosen) - n)[len(chosen) - n]  # the n-th largest, in linear time
    above = chosen > threshold
    tied = np.flatnonzero(chosen == threshold)[: n - int(above.sum())]
    return rows[np.sort(np.concatenate([np.flatnonzero(above), tied]))]


def select_metrics(
    corpus: Corpus,
    *,
    orgs: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Figures matching every filter, with their document's title and date."""
    metrics = corpus.metrics
    keep = _within(metrics["org"], orgs) & _within(metrics["unit"], units) & _within(metrics["category"], categories)
    docs = corpus.documents[["doc_id", "title", "source_file", "date"]]
    return metrics[keep].merge(docs, on="doc_id", how="left").reset_index(drop=True)


def organizations(corpus: Corpus, *, min_mentions: int = 1) -> pd.DataFrame:
    """Each row represents one organization: type and how often it is named, as actor of figures and events."""
    orgs = corpus.mentions[corpus.mentions["kind"] == "org"]
    table = orgs.groupby("name").agg(
        org_type=("org_type", "first"), n_mentions=("doc_id", "size"), n_documents=("doc_id", "nunique")
    )
    table["n_metrics"] = corpus.metrics["org"].value_counts().reindex(table.index, fill_value=0)
    table["n_events"] = corpus.events["org"].value_counts().reindex(table.index, fill_value=0)
    table = table[table["n_mentions"] >= min_mentions]
    return table.sort_values(["n_metrics", "n_events", "n_mentions"], ascending=False).rename_axis("org").reset_index()


def programs_of(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """Each row represents one product or program an organization runs, with its mentions."""
    products = corpus.mentions[(corpus.mentions["kind"] == "product") & corpus.mentions["owner"].isin(list(orgs))]
    table = products.groupby(["owner", "name"]).agg(n_mentions=("doc_id", "size"), n_documents=("doc_id", "nunique"))
    return table.reset_index().rename(columns={"owner": "org", "name": "program"})


def metrics_by_category(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """Each row represents one organization and category: how many figures it has."""
    metrics = corpus.metrics[corpus.metrics["org"].isin(list(orgs))]
    table = metrics.groupby(["org", "category"]).size().rename("n_metrics").reset_index()
    return table.astype({"org": "string", "category": "string"})


_ORG_DOCUMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def org_documents(corpus: Corpus) -> pd.DataFrame:
    """Each row represents one organization named in one document: ``doc_id``, ``org``, ``n_mentions``, ``date``.

    Computed once per corpus (a few hundred thousand rows where ``mentions``
    has millions), for the comparisons that ask it again and again.
    """
    if corpus not in _ORG_DOCUMENTS:
        orgs = corpus.mentions.loc[corpus.mentions["kind"] == "org", ["doc_id", "name"]]
        pairs = orgs.groupby(["doc_id", "name"], sort=False).size().rename("n_mentions").reset_index()
        dated = pairs.merge(corpus.documents[["doc_id", "date"]], on="doc_id", how="left")
        _ORG_DOCUMENTS[corpus] = dated.rename(columns={"name": "org"})
    return _ORG_DOCUMENTS[corpus]


def themes_by_org(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """An organization × theme table: theme hits of the documents naming each organization."""
    named = org_documents(corpus)
    pairs = named.loc[named["org"].isin(list(orgs)), ["doc_id", "org"]].merge(corpus.themes, on="doc_id")
    table = pairs.groupby(["org", "theme"])["n_hits"].sum().unstack(fill_value=0)
    return table.reindex([o for o in orgs if o in table.index]).rename_axis("name").astype(int)


def mentions_over_time(corpus: Corpus, orgs: Sequence[str], *, freq: str = "MS") -> pd.DataFrame:
    """Each row represents one organization and period: mentions in documents dated then."""
    named = org_documents(corpus)
    dated = named[named["org"].isin(list(orgs))].dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame(
            {
                "org": pd.Series(dtype="string"),
                "period": pd.Series(dtype="datetime64[us]"),
                "n_mentions": pd.Series(dtype="int64"),
            }
        )
    grouped = dated.groupby(["org", pd.Grouper(key="date", freq=freq)])["n_mentions"].sum()
    return grouped.rename("n_mentions").reset_index().rename(columns={"date": "period"})


class TextSearch:
    """The documents' texts held once as Python strings, for one search after another.

    Line breaks read as spaces (a keyword may span a paragraph break's place).
    A plain keyword is counted with ``str.count`` (about 0.1 s over 10⁵
    documents, five times Arrow's ``count_substring``); a regular expression
    with ``re``. Contexts are read only from documents that hold a hit.
    """

    def __init__(self, corpus: Corpus) -> None:
        documents = corpus.documents
        if "text" not in documents.columns:
            raise ValueError("this corpus was opened with text=False: open it with text=True to search its texts")
        self.documents = documents[["doc_id", "title", "source_file", "date"]].reset_index(drop=True)
        self.texts = [t.replace("\n", " ") if isinstance(t, str) else "" for t in documents["text"]]
        self._last: tuple[tuple[str, bool], np.ndarray] | None = None

    def _counts(self, keyword: str, regex: bool) -> np.ndarray:
        """Hits in each document; the last keyword's are kept (a view counts, then reads contexts)."""
        if self._last is None or self._last[0] != (keyword, regex):
            self._last = ((keyword, regex), self._count(keyword, regex))
        return self._last[1]

    def _count(self, keyword: str, regex: bool) -> np.ndarray:
        if regex:
            pattern = re.compile(keyword)
            return np.fromiter((len(pattern.findall(t)) for t in self.texts), dtype=np.int64, count=len(self.texts))
        return np.fromiter((t.count(keyword) for t in self.texts), dtype=np.int64, count=len(self.texts))

    def counts(self, keyword: str, *, regex: bool = False) -> pd.DataFrame:
        """Each row represents one document the keyword occurs in: ``doc_id``, ``title``,
        ``source_file``, ``date``, ``n_hits``; most hits first (ties in document order)."""
        if not keyword:
            return self.documents.iloc[:0].assign(n_hits=pd.Series(dtype="int64"))
        counts = self._counts(keyword, regex)
        rows = np.flatnonzero(counts)
        found = self.documents.iloc[rows].assign(n_hits=counts[rows])
        return found.sort_values("n_hits", ascending=False, kind="stable").reset_index(drop=True)

    def kwic(self, keyword: str, *, width: int = 20, regex: bool = False, limit: int | None = None) -> pd.DataFrame:
        """Keyword in context: each row represents one hit, with ``width`` characters each side.

        Hits come in document order; ``limit`` stops after that many.
        """
        columns = ["doc_id", "title", "date", "left", "match", "right", "start"]
        rows: list[tuple] = []
        if not keyword or limit == 0:
            return pd.DataFrame(rows, columns=columns)
        pattern = re.compile(keyword if regex else re.escape(keyword))
        with_hits = np.flatnonzero(self._counts(keyword, regex))
        ids, titles, dates = (self.documents[c].iloc[with_hits].tolist() for c in ("doc_id", "title", "date"))
        for n, doc_id, title, when in zip(with_hits, ids, titles, dates, strict=True):
            text = self.texts[n]
            for match in pattern.finditer(text):
                left = text[max(0, match.start() - width) : match.start()]
                right = text[match.end() : match.end() + width]
                rows.append((doc_id, title, when, left, match.group(), right, match.start()))
                if limit is not None and len(rows) >= limit:
                    return pd.DataFrame(rows, columns=columns)
        return pd.DataFrame(rows, columns=columns)


def hit_counts(corpus: Corpus, keyword: str, *, regex: bool = False) -> pd.DataFrame:
    """Hits per document (see :meth:`TextSearch.counts`); for many searches keep one :class:`TextSearch`."""
    return TextSearch(corpus).counts(keyword, regex=regex)


def kwic(
    corpus: Corpus, keyword: str, *, width: int = 20, regex: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """Keyword in context (see :meth:`TextSearch.kwic`)."""
    return TextSearch(corpus).kwic(keyword, width=width, regex=regex, limit=limit)


def hits_over_time(hits: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """Hits per period, from :func:`kwic` rows (one per hit) or :func:`hit_counts` rows (``n_hits`` each)."""
    dated = hits.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[us]"), "n_hits": pd.Series(dtype="int64")})
    grouped = dated.groupby(pd.Grouper(key="date", freq=freq))
    totals = grouped["n_hits"].sum() if "n_hits" in dated else grouped.size()
    return totals.rename("n_hits").reset_index().rename(columns={"date": "period"})


def monthly_event_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events folded to one month-long span per organization and month, labelled with the count.

    For drawing a selection too large to draw event by event; same columns as
    :func:`select_events`.
    """
    months = events["start"].dt.to_period("M").dt.to_timestamp()
    grouped = events.assign(month=months, org=events["org"]).groupby(["org", "month"], dropna=False).size()
    frame = grouped.rename("n").reset_index()
    labels = [f"{n} events" for n in frame["n"]]
    return pd.DataFrame(
        {
            "doc_id": pd.NA,
            "date": frame["month"],
            "date_precision": "month",
            "date_text": labels,
            "org": frame["org"],
            "kind": "(monthly count)",
            "text": labels,
            "title": pd.NA,
            "source_file": pd.NA,
            "start": frame["month"],
            "end": frame["month"] + pd.DateOffset(months=1),
        }
    )
