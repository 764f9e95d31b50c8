"""Load a folder of raw texts into tidy tables: the package's front door."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from explore.clean import clean_document
from explore.errors import CorpusError
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


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus.

    ``documents``
        Each row represents one news item (a plain article is one item; a
        bulletin is one row per item). Columns: ``doc_id`` (str, stable and
        unique), ``source_file`` (str, path relative to the corpus root),
        ``item_no`` (int, from 1 within the file), ``section`` (str or null,
        e.g. ``工作动态 / 部委动态``), ``title`` (str or null), ``credit`` (str or
        null: the item's 信息来源 or the publisher), ``publication`` (str or
        null: a bulletin's name and edition), ``script`` (``simplified`` /
        ``traditional`` / ``mixed``: the script of the source file), ``date``
        and ``date_precision`` (null until extraction fills them), ``text``
        (str: clean, Simplified, one paragraph a line), ``n_chars`` (int).
    ``report``
        Each row represents one file found under the root: ``source_file``,
        ``status`` (``loaded`` / ``skipped`` / ``error``), ``reason`` (null when
        loaded), ``encoding``, ``size_bytes``, ``n_items``, ``n_chars`` (decoded
        characters), ``n_chars_clean`` (characters kept by cleaning).
    ``removed``
        Each row represents one piece of page furniture cleaning removed:
        ``source_file``, ``reason``, ``text``.
    """

    root: Path
    documents: pd.DataFrame
    report: pd.DataFrame
    removed: pd.DataFrame

    def summary(self) -> str:
        counts = self.report["status"].value_counts()
        parts = [f"{len(self.report)} files", f"{counts.get('loaded', 0)} loaded"]
        parts += [f"{counts[s]} {s}" for s in ("skipped", "error") if counts.get(s, 0)]
        return f"{', '.join(parts)}; {len(self.documents)} items, {int(self.documents['n_chars'].sum())} characters"


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


@dataclass(frozen=True)
class _FileResult:
    report: dict
    documents: list[dict]
    removed: list[dict]


def process_file(file: FileText) -> _FileResult:
    """Clean and split one read file into rows of the three tables."""
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
    if file.text is None:
        return _FileResult(report, [], [])
    cleaned = clean_document(file.text)
    publisher = publisher_from_furniture((r.text for r in cleaned.removed), file.text)
    split = split_items(cleaned.text, publisher=publisher)
    script = detect_script(file.text)
    documents = [
        {
            "doc_id": doc_id_for(file.source_file, item.item_no),
            "source_file": file.source_file,
            "item_no": item.item_no,
            "section": item.section,
            "title": item.title,
            "credit": item.credit,
            "publication": split.publication,
            "script": script,
            "date": None,
            "date_precision": None,
            "text": item.text,
            "n_chars": len(item.text),
        }
        for item in split.items
    ]
    removed = [{"source_file": file.source_file, "reason": r.reason, "text": r.text} for r in cleaned.removed]
    if not documents:
        report |= {
            "status": "skipped",
            "reason": f"no text left after cleaning ({len(removed)} furniture lines removed)",
        }
    report |= {"n_items": len(documents), "n_chars_clean": sum(d["n_chars"] for d in documents)}
    return _FileResult(report, documents, removed)


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns)).astype(columns)


def load_corpus(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
) -> Corpus:
    """Load, clean and split every file under ``path`` (a folder, read recursively, or one file).

    With no ``path``, the embedded seed corpus. Files that cannot be used are
    listed in ``corpus.report`` with the reason; with ``strict=True`` the first
    such file raises :class:`explore.CorpusError` instead.
    """
    root = Path(path).expanduser() if path is not None else default_corpus_path()
    if not root.exists():
        raise CorpusError(str(root), "no such file or folder")
    try:
        paths = list(discover(root))
    except OSError as error:
        raise CorpusError(str(root), f"cannot list: {error.strerror or error}") from error
    if not paths:
        raise CorpusError(str(root), "no files found")
    results = []
    for file_path in paths:
        result = process_file(read_file(file_path, root, max_file_mb=max_file_mb))
        if strict and result.report["status"] != "loaded":
            raise CorpusError(result.report["source_file"], result.report["reason"])
        results.append(result)
    return Corpus(
        root=root,
        documents=_frame([d for r in results for d in r.documents], DOCUMENT_COLUMNS),
        report=_frame([r.report for r in results], REPORT_COLUMNS),
        removed=_frame([x for r in results for x in r.removed], REMOVED_COLUMNS),
    )
