"""Find the files of a corpus and read each one into text, or say why not.

Every file found gets a :class:`FileText` with a status — ``loaded``,
``skipped`` (empty, binary, hidden, too large, punctuation only, a symbolic
link leaving the corpus folder or to a folder) or ``error`` (unreadable,
undecodable, a folder that cannot be listed) — and a reason. Nothing is
dropped without a record. A file's name is shown as it is when it is valid
and printable, else with escapes (a GBK name from a Windows zip, a newline).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from explore.encoding import UndecodableError, decode_bytes, utf16_without_bom
from explore.records import Records, input_format, read_records

Status = Literal["loaded", "skipped", "error"]

DEFAULT_MAX_FILE_MB = 50.0

# Leading bytes of formats that are certainly not plain text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"%PDF", "PDF document (extract its text first)"),
    (b"PK\x03\x04", "ZIP archive or Office document (docx/xlsx/pptx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (doc/xls)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class ReadOptions:
    """How files are read, the same for every file of a load or a build: the size limit, and where files of
    records keep each field (``columns``: ``(field, column)`` pairs, sorted)."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    columns: tuple[tuple[str, str], ...] = ()

    def column_map(self) -> dict[str, str]:
        return dict(self.columns)


@dataclass(frozen=True)
class FileText:
    """A file found under the corpus root, read or not."""

    source_file: str  # path relative to the corpus root, with forward slashes
    status: Status
    reason: str | None
    encoding: str | None
    size_bytes: int
    text: str | None
    format: str = "text"  # or one of records.RECORD_FORMATS
    records: Records | None = None  # a file of records (HTML, JSON Lines, CSV, Parquet, WARC): its documents


def discover(root: Path) -> Iterator[Path]:
    """Every entry under ``root`` (or ``root`` itself) that :func:`read_file` must account for, in a stable order.

    A folder's files come first, by name, then its subfolders, by name.
    Symbolic links are listed, never followed into; a subfolder that cannot
    be listed is listed itself (``read_file`` reports it). ``root`` that
    cannot be listed raises :class:`OSError`.
    """
    if root.is_file():
        yield root
        return
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            if folder == root:
                raise
            yield folder
            continue
        folders = []
        for entry in entries:
            if _is_real_folder(entry):
                folders.append(Path(entry.path))
            else:
                yield Path(entry.path)
        stack.extend(reversed(folders))


def _is_real_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def printable_name(name: str) -> str:
    """``name`` shown and stored: a part that is not UTF-8 as ``\\xd6\\xd0``, control characters escaped."""
    if name.isprintable():
        return name
    parts = []
    for part in name.split("/"):
        if any("\udc80" <= char <= "\udcff" for char in part):  # bytes the file system's encoding could not decode
            part = os.fsencode(part).decode("ascii", errors="backslashreplace")
        parts.append("".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in part))
    return "/".join(parts)


def binary_kind(head: bytes) -> str | None:
    """Name the binary format ``head`` starts with, or ``None`` for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head and utf16_without_bom(head, complete=False) is None:
        return "binary data (NUL bytes)"
    return None


def source_name(path: Path, root: Path) -> str:
    """How a file is named in the tables: its path relative to the corpus root, with forward slashes."""
    return printable_name(path.name if root.is_file() else path.relative_to(root).as_posix())


def _outside(path: Path, root: Path) -> str | None:
    """Why the link ``path`` is not read, or ``None`` when it leads to a file inside ``root``."""
    target = Path(os.path.realpath(path))
    if target.is_dir():
        return "symbolic link to a folder (not followed)"
    if not target.is_relative_to(os.path.realpath(root)):
        return f"symbolic link to a file outside the corpus folder ({printable_name(str(target))})"
    return None


def read_file(
    path: Path, root: Path, *, max_file_mb: float = DEFAULT_MAX_FILE_MB, columns: Mapping[str, str] | None = None
) -> FileText:
    """Read and decode one file, and a file of records into its records (``columns`` names their fields);
    never raises for a problem with the file itself."""
    relative = source_name(path, root)

    def record(
        status: Status, reason: str | None, size: int = 0, encoding: str | None = None, text: str | None = None
    ) -> FileText:
        return FileText(relative, status, reason, encoding, size, text)

    if any(part.startswith(".") for part in Path(relative).parts):
        return record("skipped", "hidden file")
    try:
        if path != root and path.is_symlink() and (why := _outside(path, root)):
            return record("skipped", why)
        if path.is_dir():
            with os.scandir(path):
                pass
            return record("skipped", "folder not read")  # listed by discover only when it could not be listed
        size = path.stat().st_size
        if size == 0:
            return record("skipped", "empty file")
        if size > max_file_mb * 2**20:
            return record("skipped", f"file too large ({size / 2**20:.1f} MB > {max_file_mb:g} MB limit)", size)
        data = path.read_bytes()
    except OSError as error:
        what = "cannot list folder" if path.is_dir() else "cannot read"
        return record("error", f"{what}: {error.strerror or error}")
    fmt = input_format(path, data[:4096])
    if fmt in ("parquet", "warc"):  # binary formats of records
        return _with_records(record("loaded", None, size), fmt, data, None, columns)
    if kind := binary_kind(data[:4096]):
        return record("skipped", f"binary file: {kind}", size)
    try:
        decoded = decode_bytes(data)
    except UndecodableError as error:
        return record("error", f"cannot decode: {error}", size)
    if fmt != "text":
        return _with_records(record("loaded", None, size, decoded.encoding), fmt, data, decoded.text, columns)
    if not decoded.text.strip():
        return record("skipped", "no text (whitespace only)", size, decoded.encoding)
    if not any(char.isalnum() for char in decoded.text):
        return record("skipped", "no text (punctuation and symbols only)", size, decoded.encoding)
    repaired = f"{decoded.replaced} undecodable byte sequences replaced with U+FFFD" if decoded.replaced else None
    return record("loaded", repaired, size, decoded.encoding, decoded.text)


def _with_records(file: FileText, fmt: str, data: bytes, text: str | None, columns) -> FileText:
    """``file`` holding its records; a file none of whose records can be used is skipped, saying why."""
    found = read_records(fmt, data, text, columns)
    file = replace(file, format=fmt, records=found)
    if not found.records:
        why = found.rejected[0].reason if found.rejected else "no records"
        return replace(file, status="skipped", reason=f"no usable record ({fmt}): {why}")
    return file
