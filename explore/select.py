"""Selections and aggregates the notebooks chart: pure pandas and numpy, one job each.

One vocabulary across functions: ``orgs`` (canonical names), ``themes``,
``kinds``, ``units``, ``categories``, ``date_range`` (a pair of dates, either
end may be ``None``).

What a filter means, everywhere (the one implementation is :class:`Selector`):

- ``None`` means no filter: every row, *including* rows where the value is
  missing (an event no organization is named for, a document with no theme).
- A list that names every value the table has is "all", and means the same
  as ``None``: choosing everything in a control never hides a row.
- Any other list keeps the rows whose value is in it; ``[]`` keeps nothing.

A story is counted once: the events and figures of copies of a story
(``explore.copies``: reposts, script conversions, rewrites) are left out
unless ``every_copy=True``; functions that take a corpus count from the one
:func:`explore.copies.counted` gives.

:class:`EventSelection` and :class:`MetricSelection` prepare a table once for
many selections (filter columns factorized, so a selection is integer
comparisons) and apply the caps of :mod:`explore.limits` before anything is
drawn; :func:`select_events` and :func:`select_metrics` are one-off wrappers.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from explore import compare, limits
from explore.labels import limited, missing
from explore.tables import FLAG_COLUMN, Corpus
from explore.themes import find_themes

DateRange = tuple[date | pd.Timestamp | None, date | pd.Timestamp | None]

_SPAN_END = {
    "day": pd.DateOffset(days=1),
    "month": pd.DateOffset(months=1),
    "year": pd.DateOffset(years=1),
}


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

    def options(self, column: str) -> list:
        """The values ``column`` has (missing left out), sorted."""
        return sorted(self._codes[column][1])

    def is_everything(self, column: str, values: Sequence | None) -> bool:
        """Whether ``values`` is no filter on ``column``: ``None``, or every value the column has."""
        return values is None or set(self._codes[column][1]).issubset(values)

    def keep(self, column: str, values: Sequence | None) -> np.ndarray:
        """Rows kept by the filter ``values`` on ``column``, with the module's meaning of ``None`` and "all"."""
        return self.everything() if self.is_everything(column, values) else self.among(column, values)

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


def _copy_rows(frame: pd.DataFrame) -> np.ndarray:
    """Which rows come from a copy of a story counted elsewhere (``explore.copies``): left out unless asked for."""
    if FLAG_COLUMN not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame[FLAG_COLUMN].to_numpy(dtype=bool, na_value=False)


class EventSelection:
    """The dated events of a corpus, prepared once for many selections (a timeline's callbacks).

    Titles are joined and spans computed once (:func:`dated_events`), filter
    columns factorized; :meth:`rows` gives the positions of a selection,
    and the others materialize only what they return.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.events = dated_events(corpus)
        self._selector = Selector(self.events, ["org", "kind", "doc_id"], dates="date")
        self._copies = _copy_rows(self.events)
        self._themes = corpus.themes[["doc_id", "theme"]]
        self._theme_options = sorted(self._themes["theme"].dropna().unique())
        self._with_theme: dict[str, np.ndarray] = {}
        self._last = _LastSelection()

    def options(self) -> dict[str, list]:
        """What each filter can choose: ``orgs``, ``themes``, ``kinds`` and the events' ``dates`` (days), sorted."""
        return {
            "orgs": self._selector.options("org"),
            "themes": list(self._theme_options),
            "kinds": self._selector.options("kind"),
            "dates": sorted(self.events["date"].dt.date.unique()),
        }

    def _theme_rows(self, theme: str) -> np.ndarray:
        if theme not in self._with_theme:
            docs = self._themes.loc[self._themes["theme"] == theme, "doc_id"]
            self._with_theme[theme] = self._selector.among("doc_id", docs.tolist())
        return self._with_theme[theme]

    def rows(
        self,
        orgs: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        date_range: DateRange | None = None,
        every_copy: bool = False,
    ) -> np.ndarray:
        """Positions in :attr:`events` of the events matching every filter (the last selection is kept); the
        events of copies of a story (``explore.copies``) only with ``every_copy``."""

        def keep() -> np.ndarray:
            kept = self._selector.between(date_range) & self._selector.keep("org", orgs)
            kept &= self._selector.keep("kind", kinds)
            if not every_copy:
                kept &= ~self._copies
            if themes is not None and not set(self._theme_options).issubset(themes):
                in_themes = np.zeros(len(kept), dtype=bool)
                for theme in themes:
                    in_themes |= self._theme_rows(theme)
                kept &= in_themes
            return kept

        return self._last.rows((orgs, themes, kinds, date_range, (every_copy,)), keep)

    def select(self, **filters) -> pd.DataFrame:
        """The events matching every filter, in :attr:`events` order, with a fresh index."""
        return self.events.iloc[self.rows(**filters)].reset_index(drop=True)

    def drawn(self, *, limit: int | None = None, **filters) -> pd.DataFrame:
        """What a timeline draws: the events, or beyond ``limit`` (``limits.MAX_EVENTS_DRAWN``) monthly counts."""
        limit = limits.MAX_EVENTS_DRAWN if limit is None else limit
        rows = self.rows(**filters)
        if len(rows) <= limit:
            return self.events.iloc[rows]
        counts = monthly_event_counts(self.events[["org", "start"]].iloc[rows])
        counts.attrs["limited"] = f"{len(rows):,} events, drawn as monthly counts"
        return counts

    def table(self, columns: Sequence[str], *, n: int | None = None, **filters) -> pd.DataFrame:
        """The first ``n`` selected events by date, with ``columns`` (those present), saying how many there are."""
        n = limits.TABLE_ROWS if n is None else n
        rows = self.rows(**filters)
        first = rows[np.argsort(self.events["date"].to_numpy()[rows], kind="stable")[:n]]
        shown = self.events.iloc[first]
        return limits.first_rows(shown[[c for c in columns if c in shown.columns]], len(rows), n)


class _LastSelection:
    """The positions of the last selection, kept: a view asks for them for its figures and again for its table."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._rows = np.empty(0, dtype=np.intp)

    def rows(self, filters: tuple, keep) -> np.ndarray:
        """The positions ``keep()`` selects for ``filters``, computed once while the filters stay the same."""
        key = tuple(None if f is None else tuple(None if v is None or v is pd.NA else v for v in f) for f in filters)
        if self._key != key:
            self._key, self._rows = key, np.flatnonzero(keep())
        return self._rows


def select_events(
    corpus: Corpus,
    *,
    orgs: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    date_range: DateRange | None = None,
    every_copy: bool = False,
) -> pd.DataFrame:
    """Dated events matching every filter, with the span each date covers (see :func:`dated_events`).

    Filters mean what the module docstring says; for many selections keep one :class:`EventSelection`.
    """
    return EventSelection(corpus).select(
        orgs=orgs, themes=themes, kinds=kinds, date_range=date_range, every_copy=every_copy
    )


class MetricSelection:
    """The figures of a corpus, prepared once for many selections (a metrics chart's callbacks).

    Figures are compared like with like: a chart draws one ``group`` at a
    time, the figures of one measure in one unit family
    (:func:`explore.compare.measured`: 村庄 · 个, 培训人数 · 人次, 农产品 · 公斤),
    never one raw unit that mixes villages with departments. A figure without
    a unit carries the label ``labels.missing("unit")`` as its unit.
    """

    def __init__(self, corpus: Corpus) -> None:
        metrics = compare.measured(corpus)
        self.metrics = metrics.assign(unit=metrics["unit"].fillna(missing("unit")))
        self._selector = Selector(self.metrics, ["unit", "category", "org", "group"])
        self._copies = _copy_rows(self.metrics)
        self._values = self.metrics["base_value"].to_numpy(dtype=float)
        self._groups = compare.group_options(self.metrics)
        self._last = _LastSelection()

    def options(self) -> dict[str, list]:
        """``groups`` (``(label, group)`` pairs, measures in the data file's order), ``units`` (most figures
        first), ``categories`` and ``orgs`` (sorted)."""
        return {
            "groups": [(f"{label} ({n:,})", group) for group, label, n in self._groups.itertuples(index=False)],
            "units": self.metrics["unit"].value_counts().index.tolist(),
            "categories": self._selector.options("category"),
            "orgs": self._selector.options("org"),
        }

    def rows(
        self,
        units: Sequence[str] | None = None,
        categories: Sequence[str] | None = None,
        orgs: Sequence[str] | None = None,
        groups: Sequence[str] | None = None,
        every_copy: bool = False,
    ) -> np.ndarray:
        """Positions in :attr:`metrics` of the figures matching every filter (the last selection is kept); the
        figures of copies of a story (``explore.copies``) only with ``every_copy``."""

        def keep() -> np.ndarray:
            kept = self._selector.keep("unit", units) & self._selector.keep("category", categories)
            kept &= self._selector.keep("org", orgs) & self._selector.keep("group", groups)
            return kept if every_copy else kept & ~self._copies

        return self._last.rows((units, categories, orgs, groups, (every_copy,)), keep)

    def select(self, **filters) -> pd.DataFrame:
        return self.metrics.iloc[self.rows(**filters)].reset_index(drop=True)

    def drawn(self, *, limit: int | None = None, **filters) -> pd.DataFrame:
        """What a metrics chart draws: the selected figures, at most the ``limit`` largest of each group, each
        with its ``label`` (:func:`explore.compare.figure_labels`), its group's ``group_label`` and ``group_rank``
        (the order a control lists the groups in: measures as in the data file)."""
        limit = limits.MAX_FIGURES_DRAWN if limit is None else limit
        rows = self.rows(**filters)
        groups = self._selector.codes("group")[rows]
        each_group = [rows[groups == group] for group in pd.unique(groups)]
        capped = any(len(each) > limit for each in each_group)
        if capped:
            each_group = [limits.largest(each, self._values, limit) for each in each_group]
        picked = np.sort(np.concatenate(each_group)) if each_group else rows
        frame = self.metrics.iloc[picked]
        labels = dict(zip(self._groups["group"], self._groups["label"], strict=True))
        rank = {group: i for i, group in enumerate(self._groups["group"])}
        frame = frame.assign(
            label=compare.figure_labels(frame),
            group_label=frame["group"].map(labels).fillna(frame["group"]),
            group_rank=frame["group"].map(rank).fillna(len(rank)).astype(int),
        )
        if capped:
            frame.attrs["limited"] = limited(
                "at most the {n} largest of each measure ({total} in all)", limit, len(rows)
            )
        return frame

    def table(self, columns: Sequence[str], *, n: int | None = None, **filters) -> pd.DataFrame:
        """The ``n`` largest selected figures with their document's date, saying how many there are."""
        n = limits.TABLE_ROWS if n is None else n
        rows = self.rows(**filters)
        shown = self.metrics.iloc[limits.largest(rows, self._values, n)]
        shown = shown.sort_values("base_value", ascending=False, kind="stable")
        return limits.first_rows(shown[[c for c in columns if c in shown.columns]], len(rows), n)


def select_metrics(
    corpus: Corpus,
    *,
    orgs: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    every_copy: bool = False,
) -> pd.DataFrame:
    """Figures matching every filter, with what compares them (:func:`explore.compare.measured`) and their
    document's title, date and file (a figure without a unit is labelled)."""
    chosen = MetricSelection(corpus).select(
        orgs=orgs, units=units, categories=categories, groups=groups, every_copy=every_copy
    )
    return chosen.merge(corpus.documents[["doc_id", "source_file"]], on="doc_id", how="left")


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


def compared_orgs(orgs: Sequence[str]) -> tuple[list[str], str | None]:
    """The organizations a comparison draws (``limits.MAX_ORGS_COMPARED``), and what to say of those left out."""
    return limits.first_chosen(list(orgs), limits.MAX_ORGS_COMPARED, "organizations")


def orgs_with_figures(corpus: Corpus, *, first: Sequence[str] = ()) -> list[str]:
    """Every organization figures are attributed to, most figures first; those in ``first`` lead, in their order."""
    counts = corpus.metrics["org"].dropna().value_counts(sort=False)
    ranked = sorted(counts.index, key=lambda org: (-counts[org], org))
    return list(dict.fromkeys([*first, *ranked]))


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


def own_sentences(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """Each row represents one sentence an organization is the actor of: ``org``, ``doc_id``, ``text``.

    The sentences a figure or a dated event is attributed to (``metrics.sentence``, ``events.text``), each once:
    what the organization itself is reported to do, not every sentence of a document that names it.
    """
    orgs = list(orgs)
    parts = []
    metrics = corpus.metrics
    if "sentence" in metrics.columns:
        chosen = metrics.loc[metrics["org"].isin(orgs), ["org", "doc_id", "sentence"]]
        parts.append(chosen.rename(columns={"sentence": "text"}))
    events = corpus.events
    if "text" in events.columns:
        parts.append(events.loc[events["org"].isin(orgs), ["org", "doc_id", "text"]])
    if not parts:
        return pd.DataFrame({"org": pd.Series(dtype="string"), "doc_id": pd.Series(dtype="string"), "text": []})
    sentences = pd.concat(parts, ignore_index=True).dropna(subset=["text"])
    return sentences.drop_duplicates(["org", "doc_id", "text"]).reset_index(drop=True)


def themes_by_org(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """An organization × theme table: theme keywords in each organization's own sentences (:func:`own_sentences`)."""
    orgs, note = compared_orgs(orgs)
    sentences = own_sentences(corpus, orgs)
    hits = [
        (org, hit.theme, hit.n_hits)
        for org, text in zip(sentences["org"], sentences["text"], strict=True)
        for hit in find_themes(text)
    ]
    pairs = pd.DataFrame(hits, columns=["org", "theme", "n_hits"])
    table = pairs.groupby(["org", "theme"])["n_hits"].sum().unstack(fill_value=0)
    table = table.reindex([o for o in orgs if o in table.index]).rename_axis("name").astype(int)
    return limits.with_note(table, note)


def mentions_over_time(corpus: Corpus, orgs: Sequence[str], *, freq: str = "MS") -> pd.DataFrame:
    """Each row represents one organization and period: mentions in documents dated then."""
    orgs, note = compared_orgs(orgs)
    named = org_documents(corpus)
    chosen = named[named["org"].isin(orgs)]
    dated = chosen.dropna(subset=["date"])
    undated = chosen[chosen["date"].isna()].groupby("org")["n_mentions"].sum()
    if len(undated):  # an organization named only in undated documents must not vanish without a word
        said = ", ".join(f"{org} {int(n):,}" for org, n in undated.items())
        note = "; ".join(filter(None, [note, f"mentions in undated documents, not drawn: {said}"]))
    if dated.empty:
        empty = pd.DataFrame(
            {
                "org": pd.Series(dtype="string"),
                "period": pd.Series(dtype="datetime64[us]"),
                "n_mentions": pd.Series(dtype="int64"),
            }
        )
        return limits.with_note(empty, note)
    grouped = dated.groupby(["org", pd.Grouper(key="date", freq=freq)])["n_mentions"].sum()
    return limits.with_note(grouped.rename("n_mentions").reset_index().rename(columns={"date": "period"}), note)


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

    def kwic_table(self, keyword: str, *, width: int = 20, n: int | None = None) -> pd.DataFrame:
        """The first ``n`` hits in context (title, date, left, match, right), saying how many hits there are."""
        n = limits.TABLE_ROWS if n is None else n
        shown = self.kwic(keyword, width=width, limit=n)[["title", "date", "left", "match", "right"]]
        return limits.first_rows(shown, int(self._counts(keyword, False).sum()) if keyword else 0, n)

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


def top_documents(counts: pd.DataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """The ``limit`` (``limits.MAX_DOCUMENTS_DRAWN``) documents with most hits, from :meth:`TextSearch.counts`."""
    limit = limits.MAX_DOCUMENTS_DRAWN if limit is None else limit
    if len(counts) <= limit:
        return counts
    shown = counts.head(limit)
    shown.attrs["limited"] = limited("the {n} with most hits of {total}", limit, len(counts))
    return shown


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
    undated = hits[hits["date"].isna()]
    n_undated = int(undated["n_hits"].sum()) if "n_hits" in undated else len(undated)
    note = f"{n_undated:,} hits in undated documents, not drawn" if n_undated else None
    if dated.empty:
        empty = pd.DataFrame({"period": pd.Series(dtype="datetime64[us]"), "n_hits": pd.Series(dtype="int64")})
        return limits.with_note(empty, note)
    grouped = dated.groupby(pd.Grouper(key="date", freq=freq))
    totals = grouped["n_hits"].sum() if "n_hits" in dated else grouped.size()
    return limits.with_note(totals.rename("n_hits").reset_index().rename(columns={"date": "period"}), note)


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
