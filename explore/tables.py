"""The seven tables of a corpus: their columns and types, and the :class:`Corpus` that holds them.

Every producer of rows (the pipeline, a build, the store) types its frames
here, so a table has the same columns and dtypes however it was made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

# A record of a file of records (JSON Lines, CSV, WARC …) is named after its file: ``news.csv#7``.
RECORD_SUFFIX = re.compile(r"#(\d+)$")


def record_name(source_file: str, number: int) -> str:
    """The ``source_file`` of record ``number`` of a file: ``news.csv#7``."""
    return f"{source_file}#{number}"


def split_record_name(name: str) -> tuple[str, int] | None:
    """A record's file and number (``news.csv#7`` → ``("news.csv", 7)``); None for a name with no number."""
    match = RECORD_SUFFIX.search(name)
    return (name[: match.start()], int(match.group(1))) if match else None


DOCUMENT_COLUMNS = {
    "doc_id": "string",
    "source_file": "string",
    "item_no": "Int64",
    "section": "string",
    "title": "string",
    "credit": "string",
    "publication": "string",
    "script": "string",
    "date": "datetime64[us]",
    "date_precision": "string",
    "date_text": "string",
    "date_source": "string",
    "format": "string",
    "url": "string",
    "site": "string",
    "text": "string",
    "n_chars": "Int64",
}
REPORT_COLUMNS = {
    "source_file": "string",
    "record_no": "Int64",
    "status": "string",
    "reason": "string",
    "encoding": "string",
    "size_bytes": "Int64",
    "n_items": "Int64",
    "n_chars": "Int64",
    "n_chars_clean": "Int64",
}
REMOVED_COLUMNS = {"source_file": "string", "reason": "string", "text": "string"}
MENTION_COLUMNS = {
    "doc_id": "string",
    "kind": "string",
    "name": "string",
    "surface": "string",
    "start": "Int64",
    "end": "Int64",
    "org_type": "string",
    "owner": "string",
    "province": "string",
    "city": "string",
    "county": "string",
}
METRIC_COLUMNS = {
    "doc_id": "string",
    "value": "float64",
    "unit": "string",
    "subject": "string",
    "qualifier": "string",
    "raw": "string",
    "org": "string",
    "category": "string",
    "measure": "string",
    "themes": "string",
    "theme_evidence": "string",
    "sentence": "string",
    "start": "Int64",
    "end": "Int64",
}
EVENT_COLUMNS = {
    "doc_id": "string",
    "date": "datetime64[us]",
    "date_precision": "string",
    "date_text": "string",
    "org": "string",
    "kind": "string",
    "text": "string",
}
THEME_COLUMNS = {"doc_id": "string", "theme": "string", "n_hits": "Int64", "evidence": "string"}
# Each document's MinHash signature (``explore.copies``): made with its file, so a build reuses it.
SIGNATURE_COLUMNS = {"doc_id": "string", "minhash": pd.ArrowDtype(pa.binary()), "n_shingles": "Int64"}
TABLES = {
    "documents": DOCUMENT_COLUMNS,
    "report": REPORT_COLUMNS,
    "removed": REMOVED_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "metrics": METRIC_COLUMNS,
    "events": EVENT_COLUMNS,
    "themes": THEME_COLUMNS,
    "signatures": SIGNATURE_COLUMNS,
}
# What ``explore.copies`` adds once every file is read: each document's story, and a flag on the rows of copies.
STORY_COLUMNS = {"story_id": "string", "duplicate_of": "string"}
FLAG_COLUMN = "is_copy"
# A build stores the stories as one more table.
STORED_TABLES = {**TABLES, "stories": {"doc_id": "string", **STORY_COLUMNS}}


TableSource = pd.DataFrame | Callable[[], pd.DataFrame]


def typed_frame(rows: list[dict] | list[tuple], name: str) -> pd.DataFrame:
    """Rows of table ``name`` as a frame with its columns, in order, typed.

    The rows are dicts holding each of the table's columns, or tuples of its
    values in the columns' order (``metrics``: a table flattened into one line
    makes tens of thousands, and a tuple is a third of a dict's cost).
    """
    columns = TABLES[name]
    if rows and isinstance(rows[0], tuple):
        by_column = [list(column) for column in zip(*rows, strict=True)]
        if len(by_column) != len(columns):
            raise ValueError(f"{name} rows hold {len(by_column)} values, not one for each of {list(columns)}")
        values = dict(zip(columns, by_column, strict=True))
    else:
        values = {c: [row[c] for row in rows] for c in columns}
    # Column by column, each made in its type at once: faster than letting pandas read the records, or than
    # making the frame and converting it (and the same frame).
    return pd.DataFrame({c: typed_array(values[c], t) for c, t in columns.items()}, columns=list(columns))


def typed_array(values: list, dtype: object) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype=dtype)``; a column of text made by Arrow directly when pandas would store it in
    Arrow anyway (pandas checks and converts each value first: twenty times the cost, and a table flattened into
    one line holds tens of thousands of figures). Anything but text and missing values goes pandas's way."""
    resolved = pd.api.types.pandas_dtype(dtype)
    if isinstance(resolved, pd.StringDtype) and resolved.storage == "pyarrow" and resolved.na_value is pd.NA:
        try:
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string(), from_pandas=True))
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            pass  # a number or other value among the text: pandas converts it
    return pd.array(values, dtype=dtype)


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: typed_frame([], name) for name in TABLES}


def duplicate_doc_ids(documents: pd.DataFrame) -> str | None:
    """What is wrong when two files' items share a ``doc_id`` (a hash collision), or ``None``.

    Joins on ``doc_id`` would double rows and an incremental build would keep
    stale figures, so a collision is detected, never assumed away.
    """
    clashing = documents[documents["doc_id"].duplicated(keep=False)]
    if clashing.empty:
        return None
    first = clashing.iloc[0]["doc_id"]
    files = sorted(set(clashing.loc[clashing["doc_id"] == first, "source_file"]))
    return f"doc_id {first} is shared by {' and '.join(files)} (a hash collision); rename one of the files"


class Corpus:
    """A loaded corpus: seven tidy tables, each read on first use.

    A corpus parsed from raw files holds its tables in memory; a built corpus
    (``explore build``) reads each table from Parquet the first time it is
    used, so a view that needs only ``events`` never pays for ``mentions``.

    ``documents``
        Each row represents one news item (a plain article is one item; a
        bulletin is one row per item). Columns: ``doc_id`` (str, stable and
        unique), ``source_file`` (str, path relative to the corpus root),
        ``item_no`` (int, from 1 within the file), ``section`` (str or null,
        e.g. ``工作动态 / 部委动态``), ``title`` (str or null), ``credit`` (str or
        null: the item's 信息来源 or the publisher), ``publication`` (str or
        null: a bulletin's name and edition), ``script`` (``simplified`` /
        ``traditional`` / ``mixed``: the script of the source file), ``date``
        (datetime or null), ``date_precision`` (``day`` / ``month`` / ``year``,
        or ``month_day`` when the year is unknown; null when undated),
        ``date_text`` (the expression the date was read from), ``date_source``
        (``given`` by a record, read from the page's ``byline``, the day in
        a record's ``url``, or ``inferred`` from the text), ``format`` (``text``, ``html``, ``jsonl``,
        ``json``, ``csv``, ``tsv``, ``parquet``, ``warc``), ``url`` and
        ``site`` (what a record says of its page), ``text`` (str:
        clean, Simplified, one paragraph a line), ``n_chars`` (int).
    ``report``
        Each row represents one file found under the root: ``source_file``,
        ``record_no`` (null), ``status`` (``loaded`` / ``skipped`` / ``error``),
        ``reason`` (null when loaded), ``encoding``, ``size_bytes``,
        ``n_items``, ``n_chars`` (decoded characters), ``n_chars_clean``
        (characters kept by cleaning); or one record of a file of records that
        could not be used (``rejected``), left no text (``skipped``) or gave a
        date that does not parse (``warning``): ``source_file`` ``file#n`` and
        ``record_no`` n.
    ``removed``
        Each row represents one piece of page furniture cleaning removed:
        ``source_file``, ``reason``, ``text``.
    ``mentions``
        Each row represents one name in a document's text: ``doc_id``, ``kind``
        (``org`` / ``product`` / ``place`` / ``person``), ``name`` (canonical),
        ``surface`` (as written), ``start``/``end`` (offsets in ``text``; null for a name in the title),
        ``org_type`` (orgs), ``owner`` (products: the org running it),
        ``province``/``city``/``county`` (places).
    ``metrics``
        Each row represents one figure: ``doc_id``, ``value`` (float, 万 and 亿
        applied), ``unit``, ``subject`` (what is counted), ``qualifier``
        (``exact`` / ``approx`` / ``more_than`` / ``at_least`` / ``less_than``),
        ``raw`` (the span as written), ``org`` (the actor the figure is about),
        ``category``, ``measure`` (what it counts: villages, people trained,
        money put in …, ``explore.measures``; ``other`` when none fits),
        ``themes`` (``; ``-separated), ``theme_evidence`` (each
        theme with the words of the sentence that gave it), ``sentence``,
        ``start``/``end``.
    ``events``
        Each row represents one dated sentence: ``doc_id``, ``date``,
        ``date_precision``, ``date_text``, ``org`` (the actor), ``kind``
        (launch / meeting / release / agreement / achievement / target /
        other), ``text`` (the sentence).
    ``themes``
        Each row represents one theme of one document: ``doc_id``, ``theme``,
        ``n_hits``, ``evidence`` (the keywords found, ``、``-separated).
    ``signatures``
        Each row represents one document's MinHash signature: ``doc_id``,
        ``minhash`` (bytes), ``n_shingles``.

    Once every file is read, ``explore.copies`` adds each document's story:
    ``documents`` gains ``story_id`` (its canonical copy's ``doc_id``) and
    ``duplicate_of`` (null unless it is a copy of another: a repost, a
    script conversion, a rewrite), and ``metrics`` and ``events`` gain
    ``is_copy`` (the row restates one of the canonical copy).
    """

    documents: pd.DataFrame
    report: pd.DataFrame
    removed: pd.DataFrame
    mentions: pd.DataFrame
    metrics: pd.DataFrame
    events: pd.DataFrame
    themes: pd.DataFrame

    def __init__(self, root: Path, **tables: TableSource) -> None:
        if set(tables) != set(TABLES):
            raise TypeError(f"a corpus has exactly the tables {sorted(TABLES)}, not {sorted(tables)}")
        self.root = root
        self._sources = dict(tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        sources = self.__dict__.get("_sources")
        if sources is None or name not in sources:
            raise AttributeError(name)
        table = sources[name]
        if callable(table):
            table = sources[name] = table()
        return table

    def loaded_tables(self) -> list[str]:
        """The tables read so far (all of them, for a corpus parsed from raw files)."""
        return [name for name, table in self._sources.items() if isinstance(table, pd.DataFrame)]

    def summary(self) -> str:
        files = self.report[self.report["record_no"].isna()] if "record_no" in self.report else self.report
        counts = files["status"].value_counts()
        parts = [f"{len(files)} files", f"{counts.get('loaded', 0)} loaded"]
        parts += [f"{counts[s]} {s}" for s in ("skipped", "error") if counts.get(s, 0)]
        records = self.report["status"].value_counts() - counts.reindex(self.report["status"].unique(), fill_value=0)
        parts += [f"{int(records[s])} records {s}" for s in ("rejected", "skipped", "warning") if records.get(s, 0)]
        documents = self.documents
        copies = int(documents["duplicate_of"].notna().sum()) if "duplicate_of" in documents else 0
        said = f"{copies} of them {'a copy' if copies == 1 else 'copies'} of another item"
        items = f"{len(documents)} items" + (f" ({said})" if copies else "")
        return (
            f"{', '.join(parts)}; {items}, {int(documents['n_chars'].sum())} characters, "
            f"{len(self.metrics)} figures, {len(self.events)} events, {len(self.mentions)} mentions"
        )
