"""The Dask engine: the build's per-file function mapped over partitions of file paths, as futures.

Nothing of the pipeline is rewritten for Dask: each partition calls
:func:`explore.pipeline.process_paths`, exactly what the local engine calls. The
tasks hold file paths, not documents; workers read the files themselves, so
the same command scales from a ``LocalCluster`` to a cluster of many machines
that share the corpus's file system.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from functools import partial

from explore.build import BATCH_FILES, Engine
from explore.load import ReadOptions
from explore.pipeline import Frames, process_paths

# Partitions in flight per worker: enough to balance uneven files and keep every worker busy,
# few enough that finished partitions waiting to be written stay small.
_IN_FLIGHT_PER_WORKER = 4


def _partition(paths, root: str, options: ReadOptions) -> list[Frames]:
    return [process_paths(list(paths), root, options.max_file_mb, columns=options.column_map())]


def dask_engine(
    scheduler: str | None = None, n_workers: int | None = None, partition_files: int = BATCH_FILES
) -> Engine:
    """An engine running on the Dask scheduler at ``scheduler``, or on a new ``LocalCluster``.

    The paths are a ``dask.bag`` of partitions of at most ``partition_files``;
    the partitions are computed a few per worker at a time, and their rows are yielded in partition order (which is
    file order) as each finishes, so the build writes them while the cluster
    works on the next ones.
    """

    def run(paths: list[str], root: str, options: ReadOptions, progress: bool) -> Iterator[Frames]:
        if not paths:
            return
        import dask.bag as db
        from distributed import Client, LocalCluster
        from tqdm import tqdm

        workers = n_workers or os.cpu_count() or 1
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(scheduler or cluster) as client:
                if scheduler is not None:
                    workers = max(1, len(client.scheduler_info()["workers"]))
                size = max(1, min(partition_files, -(-len(paths) // (workers * _IN_FLIGHT_PER_WORKER))))
                bag = db.from_sequence(paths, partition_size=size)
                parts = bag.map_partitions(partial(_partition, root=root, options=options)).to_delayed()
                in_flight: deque = deque()
                submitted = 0
                with tqdm(total=len(paths), desc="files", unit="file", disable=not progress or None) as bar:
                    while submitted < len(parts) or in_flight:
                        while submitted < len(parts) and len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
                            in_flight.append(client.compute(parts[submitted]))
                            submitted += 1
                        (frames,) = in_flight.popleft().result()
                        bar.update(len(frames["report"]))
                        yield frames
        finally:
            if cluster is not None:
                cluster.close()

    return run
