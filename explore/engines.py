"""Engines beyond this process: a pool of processes on this machine, and Dask.

Both map the build's per-file function over groups of file paths: nothing of
the pipeline is rewritten, each task calls :func:`explore.pipeline.process_paths`,
exactly what the in-process engine calls. The tasks hold file paths, not
documents; workers read the files themselves, so the Dask engine scales from a
``LocalCluster`` to a cluster of many machines that share the corpus's file
system. Rows come back in file order, a few tasks per worker in flight, so a
build writes them while the workers go on and memory stays flat.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from functools import partial

import pandas as pd

from explore.build import BATCH_FILES, Engine, local_engine
from explore.load import ReadOptions
from explore.pipeline import Frames, process_paths
from explore.tables import TABLES

# A LocalCluster made for one build has no dashboard, so none of what feeds one: the statistical profiler
# (a stack sample every 10 ms in each worker) and the GIL monitor (every 1 ms). Measured with
# benchmarks/engine_cpu.py; a cluster given by address keeps its own settings.
_LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
}
# Partitions in flight per worker: enough to balance uneven files and keep every worker busy,
# few enough that finished partitions waiting to be written stay small.
_IN_FLIGHT_PER_WORKER = 4


def _in_order(start: Callable[[int], Future], n_tasks: int, limit: int) -> Iterator[tuple[int, object]]:
    """Each task's result, in task order: tasks are started (``start(i)`` returns a future, concurrent or
    Dask's) while fewer than ``limit`` are in flight, so the workers stay busy and finished results waiting to
    be written stay few."""
    in_flight: deque = deque()
    submitted = 0
    while submitted < n_tasks or in_flight:
        while submitted < n_tasks and len(in_flight) < limit:
            in_flight.append((submitted, start(submitted)))
            submitted += 1
        task, future = in_flight.popleft()
        yield task, future.result()


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
        import dask
        import dask.bag as db
        from distributed import Client, LocalCluster
        from tqdm import tqdm

        workers = n_workers or os.cpu_count() or 1
        with contextlib.ExitStack() as stack:  # closed in reverse: the client, the cluster, then the settings
            cluster = None
            if scheduler is None:
                stack.enter_context(dask.config.set(_LOCAL_CLUSTER_CONFIG))
                cluster = stack.enter_context(
                    LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
                )
            client = stack.enter_context(Client(scheduler or cluster))
            if scheduler is not None:
                workers = max(1, len(client.scheduler_info()["workers"]))
            size = max(1, min(partition_files, -(-len(paths) // (workers * _IN_FLIGHT_PER_WORKER))))
            bag = db.from_sequence(paths, partition_size=size)
            parts = bag.map_partitions(partial(_partition, root=root, options=options)).to_delayed()
            with tqdm(total=len(paths), desc="files", unit="file", disable=not progress or None) as bar:
                results = _in_order(lambda i: client.compute(parts[i]), len(parts), workers * _IN_FLIGHT_PER_WORKER)
                for _task, (frames,) in results:
                    bar.update(len(frames["report"]))
                    yield frames

    return run


# Files per task of the process pool: a task's rows are pickled back whole, so tasks stay small; many tasks
# balance uneven files.
FILES_PER_TASK = 50


def available_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _concatenated(parts: list[Frames]) -> Frames:
    return {name: pd.concat([part[name] for part in parts], ignore_index=True) for name in TABLES}


def pool_engine(jobs: int | None = None, files_per_task: int = FILES_PER_TASK) -> Engine:
    """An engine running :func:`process_paths` in a pool of ``jobs`` processes (default: every available
    core); with one job, or fewer files than a task holds, in this process (:func:`explore.build.local_engine`).

    Tasks of ``files_per_task`` files go to the pool, at most two per process in flight; their rows come
    back in file order and are yielded in batches of about ``BATCH_FILES`` files.
    """

    def run(paths: list[str], root: str, options: ReadOptions, progress: bool) -> Iterator[Frames]:
        workers = jobs or available_cores()
        if workers <= 1 or len(paths) <= files_per_task:
            yield from local_engine(paths, root, options, progress)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from tqdm import tqdm

        tasks = [paths[first : first + files_per_task] for first in range(0, len(paths), files_per_task)]
        # forkserver: a worker starts from a clean process, never from a fork of one running threads (pyarrow's).
        context = multiprocessing.get_context("forkserver")
        with (
            ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context) as pool,
            tqdm(total=len(paths), desc="files", unit="file", disable=not progress or None) as bar,
        ):

            def start(task: int) -> Future:
                return pool.submit(process_paths, tasks[task], root, options.max_file_mb, columns=options.column_map())

            waiting: list[Frames] = []
            n_waiting = 0
            for task, frames in _in_order(start, len(tasks), 2 * workers):
                waiting.append(frames)
                n_waiting += len(tasks[task])
                bar.update(len(tasks[task]))
                if n_waiting >= BATCH_FILES:
                    yield _concatenated(waiting)
                    waiting, n_waiting = [], 0
            if waiting:
                yield _concatenated(waiting)

    return run
