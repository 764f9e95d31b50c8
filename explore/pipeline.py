"""The pipeline: one file → rows of every table, and many files → typed tables.

``load_corpus`` and every build engine run the same two functions, so a
corpus loaded in memory and one built to Parquet hold the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from explore.clean import clean_document
from explore.dates import UNDATED, byline_date, furniture_bound
from explore.errors import CorpusError
from explore.extract import ItemContext, extract_item
from explore.load import DEFAULT_MAX_FILE_MB, FileText, discover, read_file
from explore.script import detect_script
from explore.split import publisher_from_furniture, split_items
from explore.tables import TABLES, typed_frame

Rows = dict[str, list[dict]]
Frames = dict[str, pd.DataFrame]


def doc_id_for(source_file: str, item_no: int) -> str:
    """64 bits of the file's name and the item's number: a collision is one in 10⁷ at 10⁶ files, and detected."""
    digest = hashlib.blake2b(source_file.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return f"{digest}-{item_no:02d}"


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


def process_file(file: FileText) -> Rows:
    """Clean, split and extract one read file into rows of every table."""
    rows: Rows = {name: [] for name in TABLES}
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
    split = split_items(
        cleaned.text, publisher=publisher_from_furniture(furniture, file.text), title_hint=cleaned.title
    )
    script = detect_script(file.text)
    furniture_date = furniture_bound(furniture)
    byline = byline_date((r.reason, r.text) for r in cleaned.removed)
    for item in split.items:
        doc_id = doc_id_for(file.source_file, item.item_no)
        context = ItemContext(
            doc_id, item.title, split.publication, furniture_date, byline if not split.bulletin else UNDATED
        )
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
                "date": found.date.when,
                "date_precision": found.date.precision,
                "date_text": found.date.text,
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


def process_paths(
    paths: Sequence[str | Path],
    root: str | Path,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    *,
    strict: bool = False,
) -> Frames:
    """Every table's rows for some files, in file order, typed (``tables.TABLES``).

    The unit of work of :func:`explore.load_corpus` and of every build engine;
    an engine's workers return these compact Arrow-backed frames rather than
    lists of dicts. With ``strict=True`` the first file that is not loaded
    raises :class:`CorpusError`.
    """
    rows: Rows = {name: [] for name in TABLES}
    for path in paths:
        result = process_file(read_file(Path(path), Path(root), max_file_mb=max_file_mb))
        report = result["report"][0]
        if strict and report["status"] != "loaded":
            raise CorpusError(report["source_file"], report["reason"])
        for table, table_rows in result.items():
            rows[table].extend(table_rows)
    return {name: typed_frame(rows[name], name) for name in TABLES}
