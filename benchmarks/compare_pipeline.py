"""CPU seconds of the pipeline on a folder, for two checkouts measured in one run, alternating.

    python benchmarks/compare_pipeline.py OLD_CHECKOUT NEW_CHECKOUT FOLDER [FOLDER ...] [--runs 3]

Each checkout runs in its own process (``PYTHONPATH`` set to it), processes the
folder once to warm its vocabulary, then again under ``time.process_time``;
the runs alternate so that a busy machine slows both alike. Prints each
measurement and, per folder, the medians and the new/old throughput ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

_PROBE = """
import sys, time
from pathlib import Path
from explore.pipeline import discover_files, process_paths
root = Path(sys.argv[1]); paths = discover_files(root)
process_paths(paths[:20], root)
started = time.process_time(); process_paths(paths, root)
print(time.process_time() - started, sum(p.stat().st_size for p in paths) / 2**20)
"""


def cpu_seconds(checkout: str, folder: str) -> tuple[float, float]:
    env = os.environ | {"PYTHONPATH": checkout}
    out = subprocess.run([sys.executable, "-c", _PROBE, folder], env=env, capture_output=True, text=True, check=True)
    seconds, megabytes = map(float, out.stdout.split())
    return seconds, megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for folder in args.folders:
        times: dict[str, list[float]] = {"old": [], "new": []}
        megabytes = 0.0
        for _ in range(args.runs):
            for name in ("old", "new"):
                seconds, megabytes = cpu_seconds(getattr(args, name), folder)
                times[name].append(seconds)
                print(f"{folder} {name}: {seconds:.2f} s CPU, {megabytes / seconds:.3f} MB/s")
        old, new = statistics.median(times["old"]), statistics.median(times["new"])
        print(f"{folder}: {megabytes:.1f} MB, median {old:.2f} s → {new:.2f} s, throughput ×{old / new:.2f}")


if __name__ == "__main__":
    main()
