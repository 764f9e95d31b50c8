"""Where the CPU of a build goes, engine by engine: the main process (the build, and for Dask its client,
scheduler and nannies) and the worker processes.

    python benchmarks/engine_cpu.py [--docs 2000] [--workers 2] [--runs 3]

Each build runs in a child process of its own, into a folder of its own, on the same synthetic corpus; the
child reports its own CPU time, and the CPU of everything it started (workers, Dask's nannies' processes,
the pool's forkserver, stopped and waited for at the end) is read once it has exited (``RUSAGE_CHILDREN``).
CPU is what the figures compare: the machine may be shared, and wall time moves with it (printed beside,
for reading only).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from explore.build import build_corpus, local_engine
from explore.engines import dask_engine, pool_engine
name, source, out, workers = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
engine = {"local": lambda: local_engine, "pool": lambda: pool_engine(workers),
          "dask": lambda: dask_engine(n_workers=workers)}[name]()
start = time.perf_counter()
build_corpus(source, out, engine=engine, engine_name=name if name == "dask" else "local", progress=False)
import multiprocessing.forkserver as forkserver  # stopped and waited for, so its workers' CPU is counted
if hasattr(forkserver._forkserver, "_stop"):
    forkserver._forkserver._stop()
own = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall_s": time.perf_counter() - start, "main_cpu_s": own.ru_utime + own.ru_stime}))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, source: Path, out: Path, workers: int) -> dict:
    before = _children_cpu()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, name, str(source), str(out), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    total = _children_cpu() - before  # the child, and everything it started and waited for
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures | {"total_cpu_s": total, "workers_cpu_s": total - figures["main_cpu_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from explore.synth import write_synthetic

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_synthetic(args.docs, work / "corpus", seed=0)
        rows = {}
        for name in ("local", "pool", "dask"):
            runs = [measure(name, work / "corpus", work / f"{name}{i}", args.workers) for i in range(args.runs)]
            rows[name] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        base = rows["local"]["total_cpu_s"]
        print(f"{args.docs} synthetic documents, {args.workers} workers, median of {args.runs} runs")
        print(f"{'engine':8} {'total CPU s':>12} {'× local':>8} {'main CPU s':>11} {'workers CPU s':>14} {'wall s':>8}")
        for name, row in rows.items():
            print(
                f"{name:8} {row['total_cpu_s']:12.2f} {row['total_cpu_s'] / base:8.2f} {row['main_cpu_s']:11.2f} "
                f"{row['workers_cpu_s']:14.2f} {row['wall_s']:8.2f}"
            )


if __name__ == "__main__":
    main()
