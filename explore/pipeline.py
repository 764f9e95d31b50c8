"""The pipeline: one file → rows of every table, and many files → typed tables.

``load_corpus`` and every build engine run the same two functions, so a
corpus loaded in memory and one built to Parquet hold the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from explore.clean import clean_document
from explore.copies import signature_row
from explore.dates import UNDATED, DatedAs, byline_date, furniture_bound, given_date, url_date
from explore.errors import CorpusError
from explore.extract import ItemContext, extract_item
from explore.heap import collections_paused
from explore.load import DEFAULT_MAX_FILE_MB, FileText, discover, read_file
from explore.records import Record
from explore.script import detect_script
from explore.split import publisher_from_furniture, split_items
from explore.tables import TABLES, record_name, typed_frame

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


def _record_text(record: Record) -> str:
    """A record's text as the pipeline reads it: its own title leading its text."""
    if record.title and not record.text.lstrip().startswith(record.title):
        return f"{record.title}\n{record.text}"
    return record.text


def _text_rows(
    rows: Rows, source_file: str, raw: str, *, fmt: str, record: Record | None = None, given: DatedAs = UNDATED
) -> str | None:
    """Clean, split and extract one text (a file's, or a record's) into ``rows``; what to report if it is empty.

    A record's own title is the title's hint; a date it gives (``given``) dates it before any other.
    """
    title_hint = record.title if record is not None else None
    cleaned = clean_document(raw)
    furniture = tuple(r.text for r in cleaned.removed)
    split = split_items(
        cleaned.text, publisher=publisher_from_furniture(furniture, raw), title_hint=cleaned.title or title_hint
    )
    script = detect_script(raw)
    furniture_date = furniture_bound(furniture)
    byline = given if given.when else byline_date((r.reason, r.text) for r in cleaned.removed)
    from_url = False
    if byline.when is None and record is not None:  # else the address a record gives, if it holds the day
        byline = url_date(record.url)
        from_url = byline.when is not None
    first = len(rows["documents"])
    for item in split.items:
        doc_id = doc_id_for(source_file, item.item_no)
        context = ItemContext(
            doc_id, item.title, split.publication, furniture_date, byline if not split.bulletin else UNDATED
        )
        found = extract_item(item.text, context, bulletin=split.bulletin)
        dated_by = None
        if found.date.when is not None:
            dated_by = (
                "given"
                if given.when and found.date == given
                else ("url" if from_url else "byline")
                if found.date == byline
                else "inferred"
            )
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "source_file": source_file,
                "item_no": item.item_no,
                "section": item.section,
                "title": item.title or title_hint,
                "credit": item.credit or (record.site if record is not None else None),
                "publication": split.publication,
                "script": script,
                "date": found.date.when,
                "date_precision": found.date.precision,
                "date_text": found.date.text,
                "date_source": dated_by,
                "format": fmt,
                "url": record.url if record is not None else None,
                "site": record.site if record is not None else None,
                "text": item.text,
                "n_chars": len(item.text),
            }
        )
        for table in ("mentions", "metrics", "events", "themes"):
            rows[table].extend(getattr(found, table))
        rows["signatures"].append(signature_row(doc_id, item.text))
    rows["removed"].extend({"source_file": source_file, "reason": r.reason, "text": r.text} for r in cleaned.removed)
    if len(rows["documents"]) == first:
        return f"no text left after cleaning ({len(cleaned.removed)} furniture lines removed)"
    return None


def _report_row(file: FileText, status: str, reason: str | None, record_no: int | None = None) -> dict:
    """A file's row of the report, or one of its records' (``file#n``) when ``record_no`` is given."""
    return {
        "source_file": file.source_file if record_no is None else record_name(file.source_file, record_no),
        "record_no": record_no,
        "status": status,
        "reason": reason,
        "encoding": file.encoding,
        "size_bytes": file.size_bytes if record_no is None else None,
        "n_items": 0,
        "n_chars": 0,
        "n_chars_clean": 0,
    }


def process_file(file: FileText) -> Rows:
    """Clean, split and extract one read file into rows of every table.

    A file of records gives a document per record, named ``file#number``, and a
    report row for itself and for each record it could not use or whose date
    did not parse.
    """
    rows: Rows = {name: [] for name in TABLES}
    report = _report_row(file, file.status, file.reason)
    report["n_chars"] = len(file.text) if file.text is not None else 0
    rows["report"].append(report)
    if file.records is not None:
        for rejected in file.records.rejected:
            rows["report"].append(_report_row(file, "rejected", rejected.reason, rejected.number))
        if file.status != "loaded":
            return rows
        for record in file.records.records:
            text = _record_text(record)
            report["n_chars"] += len(text)
            given = given_date(record.date)
            if given is None:
                why = f"date {record.date!r} does not parse: dated from the text instead"
                rows["report"].append(_report_row(file, "warning", why, record.number))
            name = record_name(file.source_file, record.number)
            if empty := _text_rows(rows, name, text, fmt=file.records.format, record=record, given=given or UNDATED):
                rows["report"].append(_report_row(file, "skipped", empty, record.number))
    elif file.text is not None:
        if empty := _text_rows(rows, file.source_file, file.text, fmt="text"):
            report |= {"status": "skipped", "reason": empty}
    else:
        return rows
    rows["report"] = [report, *sorted(rows["report"][1:], key=lambda row: row["record_no"])]  # records in order
    documents = rows["documents"]
    report |= {"n_items": len(documents), "n_chars_clean": sum(d["n_chars"] for d in documents)}
    if file.records is not None and not documents:
        report |= {"status": "skipped", "reason": "no record left any text after cleaning"}
    return rows


def process_paths(
    paths: Sequence[str | Path],
    root: str | Path,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    *,
    strict: bool = False,
    columns: Mapping[str, str] | None = None,
) -> Frames:
    """Every table's rows for some files, in file order, typed (``tables.TABLES``).

    The unit of work of :func:`explore.load_corpus` and of every build engine;
    an engine's workers return these compact Arrow-backed frames rather than
    lists of dicts. With ``strict=True`` the first file that is not loaded
    raises :class:`CorpusError`. ``columns`` names the fields of files of
    records (``{"text": "content", "date": "pub_time"}``).
    """
    rows: Rows = {name: [] for name in TABLES}
    for path in paths:
        with collections_paused():
            result = process_file(read_file(Path(path), Path(root), max_file_mb=max_file_mb, columns=columns))
        report = result["report"][0]
        if strict and report["status"] != "loaded":
            raise CorpusError(report["source_file"], report["reason"])
        for table, table_rows in result.items():
            rows[table].extend(table_rows)
    return {name: typed_frame(rows[name], name) for name in TABLES}
