"""Load a folder of raw texts, or a built corpus, into tidy tables: the package's front door."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from explore.copies import find_stories, with_stories
from explore.errors import CorpusError
from explore.load import DEFAULT_MAX_FILE_MB
from explore.pipeline import discover_files, process_paths
from explore.records import ColumnsError, parse_columns
from explore.resources import bundled_folder
from explore.store import is_built, open_built
from explore.tables import TABLES, Corpus, duplicate_doc_ids

__all__ = ["TABLES", "Corpus", "default_corpus_path", "load_corpus"]


def default_corpus_path() -> Path:
    """The embedded seed corpus: inside an installed wheel, or in a checkout."""
    folder = bundled_folder("seeds")
    if folder is not None:
        return folder
    raise CorpusError("seeds", "the embedded seed corpus is missing from this installation")


def load_corpus(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    text: bool = True,
    columns: str | Mapping[str, str] | None = None,
) -> Corpus:
    """Load, clean and split every file under ``path`` (a folder, read recursively, or one file).

    With no ``path``, the embedded seed corpus. A folder written by ``explore
    build`` is opened as it is, without re-parsing (``text=False`` leaves its
    long text columns on disk). Files that cannot be used are listed in
    ``corpus.report`` with the reason; with ``strict=True`` the first such file
    raises :class:`explore.CorpusError` instead.

    Besides text files, a folder may hold, in any mix, HTML pages, JSON Lines
    or JSON arrays, CSV or TSV, Parquet and WARC files: one document per
    record (``explore.records``). Their fields are found under common column
    names; ``columns`` names them explicitly (``"text=content,date=pub_time"``
    or a mapping).

    Copies of one story (reposts, Traditional-script conversions, rewrites with
    a few words swapped) are found (``explore.copies``): each document has a
    ``story_id`` and, for a copy, ``duplicate_of``; figures and events of
    copies are flagged ``is_copy``. ``explore.copies.one_per_story`` counts each
    story once.
    """
    root = Path(path).expanduser() if path is not None else default_corpus_path()
    if is_built(root):
        return open_built(root, text=text)
    try:
        fields = parse_columns(columns)
    except ColumnsError as error:
        raise CorpusError(str(root), str(error)) from error
    tables = process_paths(discover_files(root), root, max_file_mb, strict=strict, columns=fields)
    if clash := duplicate_doc_ids(tables["documents"]):
        raise CorpusError(str(root), clash)
    stories = find_stories(tables["documents"], tables["signatures"])
    return Corpus(root=root, **with_stories(tables, stories))
