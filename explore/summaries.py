"""The corpus at a glance: what was read, what cleaning removed, themes per document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from explore import limits
from explore.clean import clean_document
from explore.labels import missing
from explore.load import read_file
from explore.tables import RECORD_SUFFIX, Corpus


def file_overview(corpus: Corpus) -> pd.DataFrame:
    """Each row represents one file: status, encoding, script, items, and where its characters went.

    ``n_chars`` as read = ``n_chars_clean`` (the items' text) + ``n_chars_title`` (titles, kept in their own
    column) + ``n_chars_furniture`` (lines removed as furniture: ``corpus.removed``) + ``n_chars_normalized``
    (pinyin ruby, spaces, repeated punctuation and line breaks that cleaning dropped or joined).
    """
    files = corpus.report[corpus.report["record_no"].isna()]  # a file's own row, not its records' rows
    file_of_document = _file_of(corpus.documents["source_file"], files["source_file"])
    scripts = corpus.documents.groupby(file_of_document)["script"].first()
    report = files.set_index("source_file")
    table = report[["status", "reason", "encoding", "n_items", "n_chars", "n_chars_clean"]].copy()
    table.insert(3, "script", scripts.reindex(table.index).astype("string"))
    titles = corpus.documents["title"].fillna("").str.len().groupby(file_of_document).sum()
    furniture = (
        corpus.removed["text"].str.len().groupby(_file_of(corpus.removed["source_file"], files["source_file"])).sum()
    )
    table["n_chars_title"] = titles.reindex(table.index, fill_value=0).astype("Int64")
    table["n_chars_furniture"] = furniture.reindex(table.index, fill_value=0).astype("Int64")
    loaded = table["status"] == "loaded"
    normalized = table["n_chars"] - table["n_chars_clean"] - table["n_chars_title"] - table["n_chars_furniture"]
    table["n_chars_normalized"] = normalized.where(loaded, 0).clip(lower=0)
    table["kept_share"] = (
        (table["n_chars_clean"] + table["n_chars_title"]) / table["n_chars"].where(table["n_chars"] > 0)
    ).round(3)
    return table.reset_index()


def _file_of(names: pd.Series, files: pd.Series) -> pd.Series:
    """The file each name belongs to: a record's document (``news.csv#7``) to its file, a file's to itself."""
    known = set(files)
    stripped = names.str.replace(RECORD_SUFFIX.pattern, "", regex=True)
    return names.where(names.isin(known), stripped)


def stories_with_copies(corpus: Corpus, *, limit: int | None = None) -> pd.DataFrame:
    """Each row represents one story found more than once (``explore.copies``): its canonical copy's title,
    date and file, how many copies it has, and where they are. Most copies first; beyond ``limit``
    (``limits.TABLE_ROWS``) the table says how many stories it leaves out."""
    limit = limits.TABLE_ROWS if limit is None else limit
    documents = corpus.documents
    columns = ["story_id", "title", "date", "source_file", "n_copies", "copies"]
    if "story_id" not in documents:
        return limits.first_rows(pd.DataFrame(columns=columns), 0, limit)
    copies = documents[documents["duplicate_of"].notna()]
    where = copies.groupby("story_id")["source_file"].agg(lambda files: "; ".join(files))
    canonical = documents[documents["doc_id"].isin(where.index)].set_index("doc_id")
    table = canonical[["title", "date", "source_file"]].assign(
        n_copies=copies["story_id"].value_counts().reindex(canonical.index).astype("Int64"),
        copies=where.reindex(canonical.index),
    )
    table = table.rename_axis("story_id").reset_index().sort_values("n_copies", ascending=False, kind="stable")
    return limits.first_rows(table[columns], len(table), limit)


def files_to_draw(corpus: Corpus, *, limit: int | None = None) -> pd.DataFrame:
    """:func:`file_overview`'s rows for a chart: beyond ``limit`` (``limits.MAX_FILES_DRAWN``), the largest files."""
    limit = limits.MAX_FILES_DRAWN if limit is None else limit
    overview = file_overview(corpus)
    return limits.top_rows(overview, overview["n_chars"], limit, "the {n} largest of {total} files")


def credits(corpus: Corpus) -> pd.DataFrame:
    """Each row represents one credit (信息来源 or publisher) and how many items carry it."""
    counts = corpus.documents["credit"].fillna(missing("credit")).value_counts()
    return counts.rename_axis("credit").reset_index(name="n_items")


def date_span(corpus: Corpus) -> tuple[date | None, date | None]:
    """The first and last item dates, as dates (a timestamp prints a meaningless 00:00:00)."""
    dates = corpus.documents["date"].dropna()
    return (dates.min().date(), dates.max().date()) if len(dates) else (None, None)


# What cleaning drops inside lines rather than as whole lines: counted per file, not piece by piece.
NORMALIZED = "normalization (pinyin ruby, spaces, punctuation)"


def removed_by_reason(corpus: Corpus) -> pd.DataFrame:
    """Each row represents one reason cleaning removed text for: pieces and characters, with a label to print.

    Furniture lines by their reason, and what normalization dropped inside lines in one row, so the total is
    what :func:`file_overview` counts as removed (titles are kept, in their own column).
    """
    removed = corpus.removed.assign(n_chars=corpus.removed["text"].str.len())
    table = removed.groupby("reason").agg(n_pieces=("text", "size"), n_chars=("n_chars", "sum")).reset_index()
    normalized = int(file_overview(corpus)["n_chars_normalized"].sum())
    if normalized:
        table.loc[len(table)] = [NORMALIZED, pd.NA, normalized]
    table = table.astype({"reason": "string", "n_pieces": "Int64", "n_chars": "int64"})
    table["label"] = ["" if pd.isna(n) else f"{n:,} piece" if n == 1 else f"{n:,} pieces" for n in table["n_pieces"]]
    return table.sort_values("n_chars", ascending=False, kind="stable").reset_index(drop=True)


def themes_by_document(corpus: Corpus) -> pd.DataFrame:
    """A document × theme table of keyword hits (0 where a theme is absent)."""
    titles = corpus.documents.set_index("doc_id")["title"].fillna(corpus.documents.set_index("doc_id")["source_file"])
    table = corpus.themes.pivot_table(index="doc_id", columns="theme", values="n_hits", aggfunc="sum", fill_value=0)
    table = table.reindex([d for d in corpus.documents["doc_id"] if d in table.index])  # document order, not the ids'
    table.index = [f"{titles[d]}" for d in table.index]
    return table.astype(int)


def themes_to_draw(corpus: Corpus, *, limit: int | None = None) -> pd.DataFrame:
    """:func:`themes_by_document` for a heat map: beyond ``limit`` (``limits.MAX_HEATMAP_ROWS``) documents,
    those with most hits, in document order."""
    limit = limits.MAX_HEATMAP_ROWS if limit is None else limit
    table = themes_by_document(corpus)
    return limits.top_rows(table, table.to_numpy().sum(axis=1), limit, "the {n} with most hits of {total}")


@dataclass(frozen=True)
class BeforeAfter:
    source_file: str
    raw: str
    clean: str
    removed: pd.DataFrame


def before_after(corpus: Corpus, source_file: str) -> BeforeAfter:
    """One file as it was read and as cleaning left it, with what was removed."""
    path = corpus.root if corpus.root.is_file() else corpus.root / source_file
    file = read_file(path, corpus.root)
    if file.text is None:
        raise ValueError(f"{source_file}: {file.reason}")
    removed = corpus.removed[corpus.removed["source_file"] == source_file].reset_index(drop=True)
    return BeforeAfter(source_file, file.text, clean_document(file.text).text, removed)
