"""What scrapers produce: HTML pages, JSON Lines / JSON arrays, CSV / TSV, Parquet and WARC, read as records.

A record is one document: its text and what the source says of it (title,
date, URL, site, author). :func:`input_format` tells a file's format by its
extension and, for text that is clearly HTML, by its content;
:func:`read_records` reads every record of a file, and reports a record it
cannot use (no text, not JSON, a broken quote, a truncated WARC record) with
its number and place — the rest of the file still loads. HTML, alone or in a
WARC response, goes through trafilatura (main text, title, site, URL) and
htmldate (the publication date); the project's own cleaning still runs on the
result.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from explore.gazetteer import read_toml

FIELDS = ("text", "title", "date", "url", "site", "author")
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".warc": "warc",
}  # fmt: skip
RECORD_FORMATS = frozenset({"html", "jsonl", "json", "csv", "tsv", "parquet", "warc"})
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Record:
    """One document of a file: its text and what its source says of it."""

    number: int  # 1, 2, … within the file
    text: str
    title: str | None = None
    date: str | None = None  # as given, parsed later
    url: str | None = None
    site: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Rejected:
    """A record that could not be used, with where it is and why."""

    number: int
    reason: str


@dataclass(frozen=True)
class Records:
    format: str
    records: tuple[Record, ...]
    rejected: tuple[Rejected, ...]


class ColumnsError(ValueError):
    """An explicit column mapping that names an unknown field."""


def parse_columns(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """``text=content,date=pub_time`` (or a mapping) as ``{field: column}``; an unknown field is an error."""
    if not spec:
        return {}
    if isinstance(spec, Mapping):
        items = list(spec.items())
    else:
        items = []
        for part in filter(str.strip, spec.split(",")):
            field, equals, column = part.partition("=")
            if not equals:
                raise ColumnsError(f"{part.strip()!r} in columns is not field=column (e.g. text=content,date=pub_time)")
            items.append((field, column))
    pairs = {str(k).strip(): str(v).strip() for k, v in items}
    empty = sorted(field for field, column in pairs.items() if not column)
    if empty:
        raise ColumnsError(f"no column named for {', '.join(empty)} in columns (e.g. text=content)")
    unknown = sorted(set(pairs) - set(FIELDS))
    if unknown:
        raise ColumnsError(f"unknown field {', '.join(unknown)} in columns (fields: {', '.join(FIELDS)})")
    return pairs


def input_format(path: Path, head: bytes) -> str:
    """``text`` or one of :data:`RECORD_FORMATS`, by extension, and HTML by content too."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    found = _EXTENSIONS.get(path.suffix.lower())
    if found:
        return found
    return "html" if _HTML_START.match(head[:4096]) else "text"


def html_charset(data: bytes) -> str | None:
    """The encoding a page declares in ``<meta charset>``, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return io.TextIOWrapper(io.BytesIO(b""), encoding=name).encoding
    except LookupError:
        return None


def _value(row: Mapping, column: str | None) -> str | None:
    if column is None or column not in row:
        return None
    value = row[column]
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


@lru_cache(maxsize=1)
def column_names() -> dict[str, tuple[str, ...]]:
    """The column names each field is looked for under, in order (``data/columns.toml``)."""
    spec = read_toml("columns.toml")
    return {field: tuple(n.lower() for n in spec[field]) for field in FIELDS}


def _mapping(columns: list[str], explicit: Mapping[str, str]) -> dict[str, str | None]:
    lower = {str(c).lower().strip(): c for c in columns}
    found = {}
    for field in FIELDS:
        if field in explicit:
            found[field] = explicit[field]
        else:
            found[field] = next((lower[n] for n in column_names()[field] if n in lower), None)
    return found


def _from_rows(
    rows: Iterator[tuple[int, Mapping | None, str | None]], explicit: Mapping[str, str], fmt: str
) -> Records:
    """Records from ``(number, row or None, why not)`` triples; fields are mapped once per set of columns (a CSV's
    header, each JSON record's keys)."""
    records, rejected = [], []
    mappings: dict[tuple, dict[str, str | None]] = {}
    for number, row, problem in rows:
        if row is None:
            rejected.append(Rejected(number, problem or "unreadable"))
            continue
        if not isinstance(row, Mapping):
            rejected.append(Rejected(number, f"not a record with named fields: {type(row).__name__}"))
            continue
        keys = tuple(row)
        mapping = mappings.get(keys) or mappings.setdefault(keys, _mapping(list(keys), explicit))
        text = _value(row, mapping["text"])
        if not text:
            looked = mapping["text"] or "/".join(column_names()["text"])
            rejected.append(Rejected(number, f"no text (column {looked})"))
            continue
        records.append(Record(number, text, *(_value(row, mapping[f]) for f in FIELDS[1:])))
    return Records(fmt, tuple(records), tuple(rejected))


def _jsonl_rows(text: str) -> Iterator[tuple[int, Mapping | None, str | None]]:
    number = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        number += 1
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield number, None, f"line {line_no}: not JSON ({error.msg})"


def _json_rows(text: str) -> Iterator[tuple[int, Mapping | None, str | None]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield 1, None, f"line {error.lineno}: not JSON ({error.msg})"
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        yield number, item, None


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, Mapping | None, str | None]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    number = 0
    while True:
        line_no = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            number += header is not None
            yield number, None, f"line {line_no}: {error}"
            continue
        if header is None:
            header = values
            continue
        number += 1
        if len(values) != len(header):
            yield number, None, f"line {line_no}: {len(values)} fields where the header has {len(header)}"
            continue
        yield number, dict(zip(header, values, strict=True)), None


def _parquet_rows(data: bytes) -> Iterator[tuple[int, Mapping | None, str | None]]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as error:  # pyarrow raises its own kinds for a damaged file
        yield 1, None, f"not a readable Parquet file ({type(error).__name__}: {error})"
        return
    for number, row in enumerate(table.to_pylist(), start=1):
        yield number, row, None


def extract_html(html: str, *, url: str | None = None) -> Record | None:
    """Main text, title, date, site and canonical URL of one page (trafilatura, htmldate); None if no text."""
    import trafilatura

    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_recall=True)
    if found is None:
        return None
    get = found.get if isinstance(found, dict) else lambda key: getattr(found, key, None)
    text = (get("text") or "").strip()
    if not text:
        return None
    return Record(
        0, text, get("title"), get("date"), get("url") or url, get("sitename") or get("hostname"), get("author")
    )


def _warc_records(data: bytes) -> Records:
    from warcio.archiveiterator import ArchiveIterator

    records, rejected = [], []
    number = 0
    stream = ArchiveIterator(io.BytesIO(data))
    try:
        for entry in stream:
            if entry.rec_type != "response" or entry.http_headers is None:
                continue
            kind = (entry.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in kind:
                continue
            number += 1
            url = entry.rec_headers.get_header("WARC-Target-URI")
            payload = entry.content_stream().read()
            if getattr(entry.raw_stream, "limit", 0) > 0:  # the file ended before the record's Content-Length
                rejected.append(Rejected(number, f"{url}: a truncated WARC record"))
                continue
            page = _decode_html(payload)
            found = extract_html(page, url=url) if page else None
            if found is None:
                rejected.append(Rejected(number, f"{url}: no main text in the page"))
                continue
            crawled = entry.rec_headers.get_header("WARC-Date")
            # the URL crawled, not the page's canonical one (syndicated copies share that)
            records.append(replace(found, number=number, date=found.date or crawled, url=url or found.url))
    except Exception as error:  # warcio raises several kinds for a truncated or damaged record
        rejected.append(Rejected(number + 1, f"a damaged or truncated WARC record ({type(error).__name__}: {error})"))
    return Records("warc", tuple(records), tuple(rejected))


def _decode_html(data: bytes) -> str | None:
    from explore.encoding import UndecodableError, decode_bytes

    charset = html_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    try:
        return decode_bytes(data).text
    except UndecodableError:
        return None


def read_records(fmt: str, data: bytes, text: str | None, columns: Mapping[str, str] | None = None) -> Records:
    """Every record of one file of format ``fmt``: ``data`` its bytes, ``text`` them decoded (text formats)."""
    explicit = dict(columns or {})
    if fmt == "parquet":
        return _from_rows(_parquet_rows(data), explicit, fmt)
    if fmt == "warc":
        return _warc_records(data)
    if fmt == "html":
        page = _decode_html(data) if html_charset(data) else text
        found = extract_html(page or "")
        if found is None:
            return Records(fmt, (), (Rejected(1, "no main text in the page"),))
        return Records(fmt, (replace(found, number=1),), ())
    if text is None:
        return Records(fmt, (), (Rejected(1, "not decodable as text"),))
    if fmt == "jsonl":
        return _from_rows(_jsonl_rows(text), explicit, fmt)
    if fmt == "json":
        return _from_rows(_json_rows(text), explicit, fmt)
    if fmt in ("csv", "tsv"):
        return _from_rows(_csv_rows(text, "\t" if fmt == "tsv" else ","), explicit, fmt)
    raise ValueError(f"not a record format: {fmt}")
