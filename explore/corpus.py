"""Load a folder of raw texts into tidy tables: the package's front door."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pandas as pd

from explore.clean import clean_document
from explore.dates import furniture_bound
from explore.errors import CorpusError
from explore.extract import ItemContext, extract_item
from explore.load import DEFAULT_MAX_FILE_MB, FileText, discover, read_file
from explore.script import detect_script
from explore.split import publisher_from_furniture, split_items

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
    "text": "string",
    "n_chars": "Int64",
}
REPORT_COLUMNS = {
    "source_file": "string",
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
TABLES = {
    "documents": DOCUMENT_COLUMNS,
    "report": REPORT_COLUMNS,
    "removed": REMOVED_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "metrics": METRIC_COLUMNS,
    "events": EVENT_COLUMNS,
    "themes": THEME_COLUMNS,
}


TableSource = pd.DataFrame | Callable[[], pd.DataFrame]


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
        ``date_text`` (the expression the date was read from), ``text`` (str:
        clean, Simplified, one paragraph a line), ``n_chars`` (int).
    ``report``
        Each row represents one file found under the root: ``source_file``,
        ``status`` (``loaded`` / ``skipped`` / ``error``), ``reason`` (null when
        loaded), ``encoding``, ``size_bytes``, ``n_items``, ``n_chars`` (decoded
        characters), ``n_chars_clean`` (characters kept by cleaning).
    ``removed``
        Each row represents one piece of page furniture cleaning removed:
        ``source_file``, ``reason``, ``text``.
    ``mentions``
        Each row represents one name in a document's text: ``doc_id``, ``kind``
        (``org`` / ``product`` / ``place`` / ``person``), ``name`` (canonical),
        ``surface`` (as written), ``start``/``end`` (offsets in ``text``),
        ``org_type`` (orgs), ``owner`` (products: the org running it),
        ``province``/``city``/``county`` (places).
    ``metrics``
        Each row represents one figure: ``doc_id``, ``value`` (float, 万 and 亿
        applied), ``unit``, ``subject`` (what is counted), ``qualifier``
        (``exact`` / ``approx`` / ``more_than`` / ``at_least`` / ``less_than``),
        ``raw`` (the span as written), ``org`` (the actor the figure is about),
        ``category``, ``themes`` (``; ``-separated), ``theme_evidence`` (each
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
        counts = self.report["status"].value_counts()
        parts = [f"{len(self.report)} files", f"{counts.get('loaded', 0)} loaded"]
        parts += [f"{counts[s]} {s}" for s in ("skipped", "error") if counts.get(s, 0)]
        return (
            f"{', '.join(parts)}; {len(self.documents)} items, {int(self.documents['n_chars'].sum())} characters, "
            f"{len(self.metrics)} figures, {len(self.events)} events, {len(self.mentions)} mentions"
        )


def default_corpus_path() -> Path:
    """The embedded seed corpus: inside an installed wheel, or in a checkout."""
    packaged = resources.files("explore").joinpath("_seeds")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    raise CorpusError("seeds", "the embedded seed corpus is missing from this installation")


def doc_id_for(source_file: str, item_no: int) -> str:
    digest = hashlib.blake2b(source_file.encode("utf-8"), digest_size=5).hexdigest()
    return f"{digest}-{item_no:02d}"


def _empty_rows() -> dict[str, list[dict]]:
    return {name: [] for name in TABLES}


def process_file(file: FileText) -> dict[str, list[dict]]:
    """Clean, split and extract one read file into rows of every table."""
    rows = _empty_rows()
    report = {
        "source_file": file.source_file,
        "status": file.status,
        "reason": file.reason,
        "encoding": file.encoding,
        "size_bytes": file.size_bytes,
        "n_items": 0,
        "n_chars": len(file.text) if file.text is not None else 0,
        "n_chars_clean": 0,
    }
    rows["report"].append(report)
    if file.text is None:
        return rows
    cleaned = clean_document(file.text)
    furniture = tuple(r.text for r in cleaned.removed)
    split = split_items(cleaned.text, publisher=publisher_from_furniture(furniture, file.text))
    script = detect_script(file.text)
    furniture_date = furniture_bound(furniture)
    for item in split.items:
        doc_id = doc_id_for(file.source_file, item.item_no)
        context = ItemContext(doc_id, item.title, split.publication, furniture_date)
        found = extract_item(item.text, context, bulletin=split.bulletin)
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "source_file": file.source_file,
                "item_no": item.item_no,
                "section": item.section,
                "title": item.title,
                "credit": item.credit,
                "publication": split.publication,
                "script": script,
                "date": found.date,
                "date_precision": found.date_precision,
                "date_text": found.date_text,
                "text": item.text,
                "n_chars": len(item.text),
            }
        )
        for table in ("mentions", "metrics", "events", "themes"):
            rows[table].extend(getattr(found, table))
    rows["removed"] = [{"source_file": file.source_file, "reason": r.reason, "text": r.text} for r in cleaned.removed]
    if not rows["documents"]:
        report |= {
            "status": "skipped",
            "reason": f"no text left after cleaning ({len(cleaned.removed)} furniture lines removed)",
        }
    report |= {"n_items": len(rows["documents"]), "n_chars_clean": sum(d["n_chars"] for d in rows["documents"])}
    return rows


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def discover_files(root: Path) -> list[Path]:
    """Every file under ``root`` in a stable order; a clear error when there is nothing to read."""
    if not root.exists():
        raise CorpusError(str(root), "no such file or folder")
    try:
        paths = list(discover(root))
    except OSError as error:
        raise CorpusError(str(root), f"cannot list: {error.strerror or error}") from error
    if not paths:
        raise CorpusError(str(root), "no files found")
    return paths


def load_corpus(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    text: bool = True,
) -> Corpus:
    """Load, clean and split every file under ``path`` (a folder, read recursively, or one file).

    With no ``path``, the embedded seed corpus. A folder written by ``explore
    build`` is opened as it is, without re-parsing (``text=False`` leaves its
    long text columns on disk). Files that cannot be used are listed in
    ``corpus.report`` with the reason; with ``strict=True`` the first such file
    raises :class:`explore.CorpusError` instead.
    """
    from explore.build import is_built, open_built  # build imports this module

    root = Path(path).expanduser() if path is not None else default_corpus_path()
    if is_built(root):
        return open_built(root, text=text)
    rows = _empty_rows()
    for file_path in discover_files(root):
        result = process_file(read_file(file_path, root, max_file_mb=max_file_mb))
        report = result["report"][0]
        if strict and report["status"] != "loaded":
            raise CorpusError(report["source_file"], report["reason"])
        for table, table_rows in result.items():
            rows[table].extend(table_rows)
    return Corpus(root=root, **{name: _frame(rows[name], columns) for name, columns in TABLES.items()})
