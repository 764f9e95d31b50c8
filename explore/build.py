"""Build a corpus once, explore it many times: every table as Parquet, with a manifest.

``build_corpus(src, out)`` runs load → clean → split → extract and writes
``documents``, ``mentions``, ``metrics``, ``events``, ``themes``, ``report``,
``removed`` and ``signatures`` as Parquet, then the global step — the
``stories`` of syndicated copies over every document (``explore.copies``, linear
in the corpus, recomputed at each build from the stored signatures) — plus
``manifest.json`` (package version, vocabulary
hash, each input's size, mtime and SHA-256). A second build of the same input
reuses the rows of every file whose content hash is unchanged, and says so; a
new package version or vocabulary rebuilds everything.

The per-file work is :func:`process_paths`, the same function for every
engine: the local engine maps it over the files in this process, the Dask
engine (``explore.engines``) over partitions of file paths on a cluster.
Engines yield rows in batches, in file order; each batch is written to the
Parquet files at once (with the reused rows of the unchanged files before
it), so memory stays flat however large the corpus.

What a build promises (``store`` has the layout): tables are written in a
staging folder, renamed to a new version folder when the whole build has
succeeded, and committed by one rename of ``manifest.json``; killed at any
point before that rename, the folder still opens as the previous build, and
the next build removes what the killed one left. One build at a time writes
into a folder (a lock; a second one is refused with a clear message). A
previous build that is damaged is rebuilt from scratch, and says so.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from explore._version import __version__
from explore.copies import find_stories
from explore.errors import CorpusError
from explore.gazetteer import data_hash
from explore.load import DEFAULT_MAX_FILE_MB, ReadOptions, source_name
from explore.pipeline import Frames, discover_files, process_paths
from explore.records import ColumnsError, parse_columns
from explore.store import (
    MANIFEST,
    VERSION_PREFIX,
    InputFile,
    TableFile,
    check_bytes,
    check_tables,
    file_sha256,
    looks_built,
    read_manifest,
    table_path,
    write_manifest,
)
from explore.tables import STORED_TABLES, TABLES, duplicate_doc_ids, empty_tables, split_record_name, typed_frame

# Tables whose rows belong to a file through ``source_file``; the others through ``doc_id``.
_BY_FILE = ("documents", "report", "removed")


@dataclass
class BuildSummary:
    out: Path
    engine: str
    n_files: int = 0
    n_processed: int = 0
    n_reused: int = 0
    n_items: int = 0
    n_metrics: int = 0
    n_events: int = 0
    problems: list[str] = field(default_factory=list)
    rebuilt_because: str | None = None
    seconds: float = 0.0

    def lines(self) -> list[str]:
        lines = [
            f"built {self.out} with the {self.engine} engine in {self.seconds:.1f}s",
            f"{self.n_files} files: {self.n_processed} processed, {self.n_reused} reused unchanged",
            f"{self.n_items} items, {self.n_metrics} figures, {self.n_events} events",
        ]
        if self.rebuilt_because:
            lines.insert(1, f"full rebuild: {self.rebuilt_because}")
        lines += [f"  {p}" for p in self.problems]
        return lines


def _inputs(root: Path, paths: list[Path]) -> list[InputFile]:
    inputs = []
    for path in paths:
        relative = source_name(path, root)
        try:
            stat = path.stat()
            inputs.append(InputFile(path, relative, stat.st_size, stat.st_mtime_ns, None))
        except OSError:
            inputs.append(InputFile(path, relative, -1, -1, None))  # read_file will report why
    return inputs


@dataclass(frozen=True)
class _Previous:
    """What the previous build in ``out`` offers: its manifest and tables, or why nothing of it is reused."""

    manifest: dict | None
    tables: dict[str, TableFile] | None  # None when nothing of it is reused
    reason: str | None

    @property
    def files(self) -> dict:
        """The inputs whose rows can be reused, by source file (none when the tables cannot be)."""
        return self.manifest["files"] if self.tables is not None else {}


def _previous(out: Path, options: ReadOptions) -> _Previous:
    """The previous build, checked whole (every table's bytes) before any of its rows are reused."""
    try:
        manifest = read_manifest(out)
        if manifest is None:
            missing = f"{out}: {MANIFEST} is missing" if looks_built(out) else None
            return _Previous(None, None, missing and f"the previous build could not be reused ({missing})")
        tables = check_tables(out, manifest)
        for table in tables.values():
            check_bytes(out, table)
    except (CorpusError, OSError) as error:
        return _Previous(None, None, f"the previous build could not be reused ({error})")
    if manifest["version"] != __version__:
        return _Previous(manifest, None, f"package version {manifest['version']} → {__version__}")
    if manifest.get("data_hash") != data_hash():
        return _Previous(manifest, None, "the vocabulary files changed")
    if manifest.get("columns", {}) != options.column_map():
        return _Previous(manifest, None, "the columns of files of records changed")
    return _Previous(manifest, tables, None)


def _hashed(file: InputFile) -> InputFile:
    """The file with the SHA-256 of its bytes, read every build: a same-size edit with its mtime restored is seen."""
    try:
        return replace(file, sha256=file_sha256(file.path))
    except OSError:
        return file  # unreadable: processed, and read_file reports why


class _FileRank(dict):
    """Each file's rank in a build; a record's (``news.csv#7``) is its file's plus its number in ten-millionths,
    so that a file's records keep their order and fall between it and the next file."""

    def __missing__(self, name: str) -> float:
        record = split_record_name(name)
        if record is None or record[0] not in self:
            raise KeyError(name)
        file, number = record
        return self[file] + number / 1e7


def _in_file_order(frames: dict[str, pd.DataFrame], rank: dict[str, int]) -> dict[str, pd.DataFrame]:
    """Rows in the order the files were found, so every engine writes the same tables."""
    documents = frames["documents"]
    documents = documents.iloc[
        sorted(
            range(len(documents)), key=lambda i: (rank[documents["source_file"].iat[i]], documents["item_no"].iat[i])
        )
    ]
    doc_rank = {doc_id: n for n, doc_id in enumerate(documents["doc_id"])}
    ordered = {}
    for name, frame in frames.items():
        if name == "documents":
            ordered[name] = documents
            continue
        key = frame["source_file"].map(rank) if name in _BY_FILE else frame["doc_id"].map(doc_rank)
        ordered[name] = frame.assign(_order=key.to_numpy()).sort_values("_order", kind="stable").drop(columns="_order")
    return {name: frame.reset_index(drop=True) for name, frame in ordered.items()}


# An engine maps process_paths over the files and yields their rows in batches, in file order.
Engine = Callable[[list[str], str, ReadOptions, bool], Iterator[Frames]]
# Files per batch: rows are written to Parquet batch by batch, so a build's memory does not grow with the corpus.
BATCH_FILES = 500


def local_engine(paths: list[str], root: str, options: ReadOptions, progress: bool) -> Iterator[Frames]:
    """Map :func:`process_paths` over batches of files in this process, with a progress bar on a terminal."""
    from tqdm import tqdm

    with tqdm(total=len(paths), desc="files", unit="file", disable=not progress or None, file=sys.stderr) as bar:
        for first in range(0, len(paths), BATCH_FILES):
            batch = paths[first : first + BATCH_FILES]
            yield process_paths(batch, root, options.max_file_mb, columns=options.column_map())
            bar.update(len(batch))


def _step(name: str) -> None:
    """A point of the commit where a kill must leave a readable folder (tests stop the process here)."""


class _TableWriters:
    """One Parquet writer per table, in a staging folder that becomes a version folder when the build succeeds."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.token = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
        self.staging = out / f"{_STAGING_PREFIX}{self.token}"
        self.staging.mkdir(parents=True)
        self.n_rows = dict.fromkeys(TABLES, 0)
        self._writers = {}
        for name in TABLES:
            schema = pa.Schema.from_pandas(typed_frame([], name), preserve_index=False)
            self._writers[name] = pq.ParquetWriter(table_path(self.staging, name), schema)

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        for name, frame in frames.items():
            if len(frame):
                writer = self._writers[name]
                writer.write_table(pa.Table.from_pandas(frame, schema=writer.schema, preserve_index=False))
                self.n_rows[name] += len(frame)

    def close(self) -> dict[str, dict]:
        """Finish every table, then the global step (the stories of copies); what the manifest records of each."""
        for writer in self._writers.values():
            writer.close()
        documents = pq.read_table(
            table_path(self.staging, "documents"), columns=["doc_id", "source_file", "date", "n_chars"]
        ).to_pandas()
        if clash := duplicate_doc_ids(documents):
            raise CorpusError(str(self.out), clash)
        signatures = pq.read_table(table_path(self.staging, "signatures")).to_pandas()
        stories = find_stories(documents, signatures.astype(TABLES["signatures"]))
        stories.to_parquet(table_path(self.staging, "stories"), index=False)
        self.n_rows["stories"] = len(stories)
        return {
            name: {
                "rows": self.n_rows[name],
                "size": table_path(self.staging, name).stat().st_size,
                "sha256": file_sha256(table_path(self.staging, name)),
            }
            for name in STORED_TABLES
        }

    def into_version(self) -> str:
        """The finished tables as a version folder, not yet committed (the manifest does that)."""
        version = f"{VERSION_PREFIX}{self.token}"
        for name in STORED_TABLES:
            _fsync(table_path(self.staging, name))
        self.staging.rename(self.out / version)
        return version

    def abandon(self) -> None:
        """Remove the staging folder, even when closing the writers fails (a full disk)."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):  # the build has already failed; only cleaning up here
                writer.close()
        shutil.rmtree(self.staging, ignore_errors=True)


_STAGING_PREFIX = ".building-"
_LOCK = ".lock"


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


class _Lock:
    """One build at a time in a folder: an exclusive lock on ``.lock``, released when the process ends."""

    def __init__(self, out: Path) -> None:
        import fcntl

        out.mkdir(parents=True, exist_ok=True)
        self._file = (out / _LOCK).open("a+", encoding="utf-8")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            self._file.seek(0)
            holder = self._file.read().strip() or "another process"
            self._file.close()
            if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise CorpusError(
                    str(out), f"another build is writing here ({holder}); wait for it or build into another folder"
                ) from None
            raise
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        self._file.flush()

    def release(self) -> None:
        self._file.close()


def _remove_leftovers(out: Path, keep: str | None) -> None:
    """Staging and version folders no committed manifest names (a killed build, a full disk); old-format tables."""
    for child in out.iterdir():
        stale = child.name.startswith(_STAGING_PREFIX) or (child.name.startswith(VERSION_PREFIX) and child.name != keep)
        old_format = keep is not None and child.suffix == ".parquet" and child.stem in STORED_TABLES
        leftover_manifest = child.name.startswith(f".{MANIFEST}.")
        if stale and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        elif old_format or leftover_manifest:
            child.unlink(missing_ok=True)


class _Reused:
    """The rows of unchanged files, read from the previous build's tables as they are asked for.

    Both builds list files in the same order (``load.discover``), so the
    unchanged files come in the previous tables in the order a build asks
    for them: each table is read once, front to back, a few thousand rows at
    a time, and never held whole.
    """

    def __init__(self, tables: dict[str, TableFile] | None, unchanged: set[str], previous_order: list[str]) -> None:
        self._streams = None
        if unchanged and tables is not None:
            old_rank = _FileRank({source_file: n for n, source_file in enumerate(previous_order)})
            ids = pd.read_parquet(tables["documents"].path, columns=["doc_id", "source_file"])
            rank_of_doc = dict(zip(ids["doc_id"], ids["source_file"].map(old_rank), strict=True))
            self._old_rank = old_rank
            self._streams = {
                name: _PreviousTable(tables[name].path, name, old_rank if name in _BY_FILE else rank_of_doc)
                for name in TABLES
            }

    def rows(self, files: list[str]) -> Frames:
        if self._streams is None or not files:
            return empty_tables()
        wanted = np.array([self._old_rank[f] for f in files], dtype=float)
        return {name: stream.take(wanted) for name, stream in self._streams.items()}


class _PreviousTable:
    """One table of the previous build, read in order; rows come with their file's rank in that build."""

    _READ_ROWS = 65_536

    def __init__(self, path: Path, name: str, rank_of_key: dict[str, int]) -> None:
        self._name, self._path = name, path
        self._key = "source_file" if name in _BY_FILE else "doc_id"
        self._rank_of_key = rank_of_key
        self._batches = pq.ParquetFile(path).iter_batches(batch_size=self._READ_ROWS)
        self._buffer = typed_frame([], name)
        self._ranks = np.empty(0, dtype=float)

    def _read_more(self) -> bool:
        batch = next(self._batches, None)
        if batch is None:
            return False
        frame = batch.to_pandas().astype(TABLES[self._name])
        ranks = frame[self._key].map(self._rank_of_key).to_numpy(dtype=float, na_value=np.nan)
        self._buffer = pd.concat([self._buffer, frame], ignore_index=True)
        self._ranks = np.concatenate([self._ranks, ranks])
        if np.any(np.diff(self._ranks) < 0):
            raise CorpusError(
                str(self._path), "the previous build's rows are not in file order; build into a new folder"
            )
        return True

    def take(self, wanted: np.ndarray) -> pd.DataFrame:
        """Rows of the files ranked ``wanted`` (with their records' rows); rows of other files before the last of
        them are dropped."""
        last = wanted.max()
        pieces = []
        while True:
            stop = int(np.searchsorted(self._ranks, last + 1, side="left"))  # the last file's records too
            pieces.append(self._buffer.iloc[:stop][np.isin(np.floor(self._ranks[:stop]), wanted)])
            self._buffer, self._ranks = self._buffer.iloc[stop:].reset_index(drop=True), self._ranks[stop:]
            if len(self._buffer) or not self._read_more():
                break
        return pd.concat(pieces, ignore_index=True)


def build_corpus(
    src: str | Path,
    out: str | Path,
    *,
    engine: Engine = local_engine,
    engine_name: str = "local",
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    columns: str | Mapping[str, str] | None = None,
    progress: bool | None = None,
) -> BuildSummary:
    """Build (or update) the corpus of ``src`` in ``out``; see the module docstring. ``columns`` names the
    fields of files of records (as in :func:`explore.load_corpus`); changing them rebuilds everything."""
    started = time.perf_counter()
    root, out = Path(src).expanduser().resolve(), Path(out)
    try:
        fields = parse_columns(columns)
    except ColumnsError as error:
        raise CorpusError(str(root), str(error)) from error
    options = ReadOptions(max_file_mb, tuple(sorted(fields.items())))
    files = _inputs(root, discover_files(root))
    lock = _Lock(out)
    try:
        previous = _previous(out, options)
        _remove_leftovers(out, keep=previous.manifest.get("tables_dir") if previous.manifest else None)
        return _build_locked(root, out, files, previous, engine, engine_name, options, progress, started)
    finally:
        lock.release()


def _build_locked(root, out, files, previous, engine, engine_name, options, progress, started) -> BuildSummary:
    files = [_hashed(f) for f in files]
    before = previous.files
    unchanged = {
        f.source_file for f in files if f.sha256 is not None and before.get(f.source_file, {}).get("sha256") == f.sha256
    }
    todo = [f for f in files if f.source_file not in unchanged]
    show = sys.stderr.isatty() if progress is None else progress
    rank = _FileRank({f.source_file: n for n, f in enumerate(files)})
    reused = _Reused(previous.tables, unchanged, list(before))
    pending = [f.source_file for f in files if f.source_file in unchanged]  # reused files not yet written
    writers = _TableWriters(out)
    problems: list[str] = []
    try:
        batches = engine([str(f.path) for f in todo], str(root), options, show)
        for fresh in itertools.chain(batches, [None]):
            # Each fresh batch goes out with the reused files that come before its last file.
            frames = fresh or empty_tables()  # in file order already
            last = max((rank[f] for f in frames["report"]["source_file"]), default=len(files))
            due = [f for f in pending if rank[f] < last] if fresh else pending
            pending = pending[len(due) :]
            if due:
                old = reused.rows(due)
                frames = {name: pd.concat([old[name], frames[name]], ignore_index=True) for name in TABLES}
                frames = _in_file_order(frames, rank)
            report = frames["report"]
            problems += [
                f"{r.status}: {r.source_file}: {r.reason}" for r in report[report["reason"].notna()].itertuples()
            ]
            writers.write(frames)
        tables = writers.close()
        _step("tables written")
        version = writers.into_version()
    except BaseException:
        writers.abandon()
        raise
    _step("version folder in place")
    try:
        write_manifest(out, root, files, engine_name, version, tables, columns=options.column_map())
    except BaseException:
        shutil.rmtree(out / version, ignore_errors=True)
        raise
    _step("manifest committed")
    _remove_leftovers(out, keep=version)
    return BuildSummary(
        out=out,
        engine=engine_name,
        n_files=len(files),
        n_processed=len(todo),
        n_reused=len(unchanged),
        n_items=writers.n_rows["documents"],
        n_metrics=writers.n_rows["metrics"],
        n_events=writers.n_rows["events"],
        problems=problems,
        rebuilt_because=previous.reason,
        seconds=time.perf_counter() - started,
    )
