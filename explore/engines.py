"""The Dask engine: the build's per-file function mapped over partitions of file paths.

Nothing of the pipeline is rewritten for Dask: each partition calls
:func:`explore.build.process_paths`, exactly what the local engine calls. The
graph holds file paths, not documents; workers read the files themselves, so
the same command scales from a ``LocalCluster`` to a cluster of many machines
that share the corpus's file system.
"""

from __future__ import annotations

import os
from functools import partial

from explore.build import Engine, Rows, process_paths
from explore.corpus import TABLES

# Partitions per worker: enough to balance uneven files, few enough to keep overhead low.
_PARTITIONS_PER_WORKER = 4


def _partition(paths, root: str, max_file_mb: float) -> list[Rows]:
    return [process_paths(list(paths), root, max_file_mb)]


def dask_engine(scheduler: str | None = None, n_workers: int | None = None) -> Engine:
    """An engine running on the Dask scheduler at ``scheduler``, or on a new ``LocalCluster``."""

    def run(paths: list[str], root: str, max_file_mb: float, progress: bool) -> Rows:
        rows: Rows = {name: [] for name in TABLES}
        if not paths:
            return rows
        import dask.bag as db
        from distributed import Client, LocalCluster

        workers = n_workers or os.cpu_count() or 1
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(scheduler or cluster) as client:
                if scheduler is not None:
                    workers = max(1, len(client.scheduler_info()["workers"]))
                partitions = max(1, min(len(paths), workers * _PARTITIONS_PER_WORKER))
                bag = db.from_sequence(paths, npartitions=partitions)
                results = bag.map_partitions(partial(_partition, root=root, max_file_mb=max_file_mb)).compute()
        finally:
            if cluster is not None:
                cluster.close()
        for result in results:  # in partition order, which is file order
            for table, table_rows in result.items():
                rows[table].extend(table_rows)
        return rows

    return run
