"""Find the files of a corpus and read each one into text, or say why not.

Every file found gets a :class:`FileText` with a status — ``loaded``,
``skipped`` (empty, binary, hidden, too large) or ``error`` (unreadable,
undecodable) — and a reason. Nothing is dropped without a record.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from explore.encoding import UndecodableError, decode_bytes

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
class FileText:
    """A file found under the corpus root, read or not."""

    source_file: str  # path relative to the corpus root, with forward slashes
    status: Status
    reason: str | None
    encoding: str | None
    size_bytes: int
    text: str | None


def discover(root: Path) -> Iterator[Path]:
    """Every file under ``root`` (or ``root`` itself), in a stable order."""
    if root.is_file():
        yield root
        return
    for folder, subfolders, files in os.walk(root, onerror=_raise):
        subfolders.sort()
        for name in sorted(files):
            yield Path(folder) / name


def _raise(error: OSError) -> None:
    raise error


def binary_kind(head: bytes) -> str | None:
    """Name the binary format ``head`` starts with, or ``None`` for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_UTF16_BOMS):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def source_name(path: Path, root: Path) -> str:
    """How a file is named in the tables: its path relative to the corpus root, with forward slashes."""
    return path.name if root.is_file() else path.relative_to(root).as_posix()


def read_file(path: Path, root: Path, *, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> FileText:
    """Read and decode one file; never raises for a problem with the file itself."""
    relative = source_name(path, root)

    def record(
        status: Status, reason: str | None, size: int = 0, encoding: str | None = None, text: str | None = None
    ) -> FileText:
        return FileText(relative, status, reason, encoding, size, text)

    if any(part.startswith(".") for part in Path(relative).parts):
        return record("skipped", "hidden file")
    try:
        size = path.stat().st_size
        if size == 0:
            return record("skipped", "empty file")
        if size > max_file_mb * 2**20:
            return record("skipped", f"file too large ({size / 2**20:.1f} MB > {max_file_mb:g} MB limit)", size)
        data = path.read_bytes()
    except OSError as error:
        return record("error", f"cannot read: {error.strerror or error}")
    if kind := binary_kind(data[:4096]):
        return record("skipped", f"binary file: {kind}", size)
    try:
        decoded = decode_bytes(data)
    except UndecodableError as error:
        return record("error", f"cannot decode: {error}", size)
    if not decoded.text.strip():
        return record("skipped", "no text (whitespace only)", size, decoded.encoding)
    return record("loaded", None, size, decoded.encoding, decoded.text)
