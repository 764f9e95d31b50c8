"""Build a corpus once, explore it many times: every table as Parquet, with a manifest.

``build_corpus(src, out)`` runs load → clean → split → extract and writes
``documents``, ``mentions``, ``metrics``, ``events``, ``themes``, ``report`` and
``removed`` as Parquet plus ``manifest.json`` (package version, vocabulary
hash, each input's size, mtime and SHA-256). A second build of the same input
reuses the rows of every file whose content hash is unchanged, and says so; a
new package version or vocabulary rebuilds everything.

The per-file work is :func:`process_paths`, the same function for every
engine: the local engine maps it over the files in this process, the Dask
engine (``explore.engines``) over partitions of file paths on a cluster.
Engines yield rows in batches, in file order; each batch is written to the
Parquet files at once (with the reused rows of the unchanged files before
it), so memory stays flat however large the corpus. Tables are written in a
staging folder and moved into place when the whole build has succeeded.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from explore._version import __version__
from explore.errors import CorpusError
from explore.gazetteer import data_hash
from explore.load import DEFAULT_MAX_FILE_MB, source_name
from explore.pipeline import Frames, discover_files, process_paths
from explore.store import InputFile, read_manifest, table_path, write_manifest
from explore.tables import TABLES, empty_tables, typed_frame

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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


def _reusable(manifest: dict | None) -> tuple[dict, str | None]:
    if manifest is None:
        return {}, None
    if manifest.get("version") != __version__:
        return {}, f"package version {manifest.get('version')} → {__version__}"
    if manifest.get("data_hash") != data_hash():
        return {}, "the vocabulary files changed"
    return manifest.get("files", {}), None


def _hashed(file: InputFile, before: dict) -> InputFile:
    """The file with its SHA-256: the manifest's when size and mtime are unchanged, else read once."""
    previous = before.get(file.source_file)
    if previous is not None and previous["size"] == file.size and previous["mtime_ns"] == file.mtime_ns:
        return replace(file, sha256=previous["sha256"])
    try:
        return replace(file, sha256=_sha256(file.path))
    except OSError:
        return file  # unreadable: processed, and read_file reports why


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
Engine = Callable[[list[str], str, float, bool], Iterator[Frames]]
# Files per batch: rows are written to Parquet batch by batch, so a build's memory does not grow with the corpus.
BATCH_FILES = 500


def local_engine(paths: list[str], root: str, max_file_mb: float, progress: bool) -> Iterator[Frames]:
    """Map :func:`process_paths` over batches of files in this process, with a progress bar on a terminal."""
    from tqdm import tqdm

    with tqdm(total=len(paths), desc="files", unit="file", disable=not progress or None, file=sys.stderr) as bar:
        for first in range(0, len(paths), BATCH_FILES):
            batch = paths[first : first + BATCH_FILES]
            yield process_paths(batch, root, max_file_mb)
            bar.update(len(batch))


class _TableWriters:
    """One Parquet writer per table, in a staging folder moved into place when the build succeeds."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.staging = out / f".building-{os.getpid()}"
        self.staging.mkdir(parents=True, exist_ok=True)
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

    def commit(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for name in TABLES:
            os.replace(table_path(self.staging, name), table_path(self.out, name))
        self.staging.rmdir()

    def abandon(self) -> None:
        for writer in self._writers.values():
            writer.close()
        for name in TABLES:
            table_path(self.staging, name).unlink(missing_ok=True)
        self.staging.rmdir()


class _Reused:
    """The rows of unchanged files, read from the previous build's tables as they are asked for.

    Both builds list files in the same order (``load.discover``), so the
    unchanged files come in the previous tables in the order a build asks
    for them: each table is read once, front to back, a few thousand rows at
    a time, and never held whole.
    """

    def __init__(self, out: Path, unchanged: set[str], previous_order: list[str]) -> None:
        self._streams = None
        if unchanged:
            old_rank = {source_file: n for n, source_file in enumerate(previous_order)}
            ids = pd.read_parquet(table_path(out, "documents"), columns=["doc_id", "source_file"])
            rank_of_doc = dict(zip(ids["doc_id"], ids["source_file"].map(old_rank), strict=True))
            self._old_rank = old_rank
            self._streams = {
                name: _PreviousTable(table_path(out, name), name, old_rank if name in _BY_FILE else rank_of_doc)
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
        """Rows of the files ranked ``wanted``; rows of other files before the last of them are dropped."""
        last = wanted.max()
        pieces = []
        while True:
            stop = int(np.searchsorted(self._ranks, last, side="right"))
            pieces.append(self._buffer.iloc[:stop][np.isin(self._ranks[:stop], wanted)])
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
    progress: bool | None = None,
) -> BuildSummary:
    """Build (or update) the corpus of ``src`` in ``out``; see the module docstring."""
    started = time.perf_counter()
    root, out = Path(src).expanduser().resolve(), Path(out)
    files = _inputs(root, discover_files(root))
    manifest = read_manifest(out)
    before, reason = _reusable(manifest)
    files = [_hashed(f, before) for f in files]
    unchanged = {
        f.source_file for f in files if f.sha256 is not None and before.get(f.source_file, {}).get("sha256") == f.sha256
    }
    todo = [f for f in files if f.source_file not in unchanged]
    show = sys.stderr.isatty() if progress is None else progress
    rank = {f.source_file: n for n, f in enumerate(files)}
    reused = _Reused(out, unchanged, list((manifest or {}).get("files", {})))
    pending = [f.source_file for f in files if f.source_file in unchanged]  # reused files not yet written
    writers = _TableWriters(out)
    problems: list[str] = []
    try:
        batches = engine([str(f.path) for f in todo], str(root), max_file_mb, show)
        for fresh in itertools.chain(batches, [None]):
            # Each fresh batch goes out with the reused files that come before its last file.
            frames = fresh or empty_tables()  # in file order already
            last = max((rank[f] for f in frames["report"]["source_file"]), default=len(files))
            due = [f for f in pending if rank[f] < last] if fresh else pending
            pending = pending[len(due) :]
            if due:
                previous = reused.rows(due)
                frames = {name: pd.concat([previous[name], frames[name]], ignore_index=True) for name in TABLES}
                frames = _in_file_order(frames, rank)
            report = frames["report"]
            problems += [
                f"{r.status}: {r.source_file}: {r.reason}" for r in report[report["status"] != "loaded"].itertuples()
            ]
            writers.write(frames)
    except BaseException:
        writers.abandon()
        raise
    writers.commit()
    write_manifest(out, root, files, engine_name)
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
        rebuilt_because=reason,
        seconds=time.perf_counter() - started,
    )
