"""CPU time of the pipeline on adversarial inputs against prose, and on prose as it grows; one run, one process.

    python benchmarks/adversarial.py [--kib 100] [--growth 100,1024,10240] [--runs 3]

Each input is one file written to a temporary folder and read through
``process_paths`` (decode, clean, split, extract, typed tables), timed with
``time.process_time`` after a warm-up; the median of ``--runs`` is kept. Each
generator's runs alternate with runs of prose of the same size, and its ratio
is taken against the prose runs beside it, so that a shared machine's load
changing during the benchmark weighs on both sides of each ratio alike. Prints,
per generator of ``explore.adversarial``, its seconds per MiB and the ratio to
prose of the same size (target ≤ 3), then prose's seconds at each size of
``--growth`` (KiB) with the ratio to the first (target: linear; 1 MiB ≤ 12× 100 KiB).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from explore.adversarial import GENERATORS, prose
from explore.pipeline import process_paths


def cpu_seconds(text: str, folder: Path, runs: int) -> tuple[float, float]:
    """Median CPU seconds of the pipeline on ``text`` as one file, and its size in MiB."""
    path = folder / "input.txt"
    path.write_text(text, encoding="utf-8")
    return statistics.median(_run(path) for _ in range(runs)), path.stat().st_size / 2**20


def _run(path: Path) -> float:
    started = time.process_time()
    process_paths([path], path.parent)
    return time.process_time() - started


def per_mib_beside(text: str, baseline: str, folder: Path, runs: int) -> tuple[float, float]:
    """Median CPU seconds per MiB of ``text`` and of ``baseline``, their runs alternating."""
    paths = []
    for name, content in (("input", text), ("baseline", baseline)):
        (folder / name).mkdir(exist_ok=True)
        path = folder / name / "input.txt"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    _run(paths[0])  # warm: the first run fills the caches of what this input repeats
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for path, kept in zip(paths, times, strict=True):
            kept.append(_run(path))
    text_mib, baseline_mib = (path.stat().st_size / 2**20 for path in paths)
    return statistics.median(times[0]) / text_mib, statistics.median(times[1]) / baseline_mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kib", type=int, default=100, help="size of each adversarial input")
    parser.add_argument("--growth", default="100,1024,10240", help="prose sizes in KiB, smallest first")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cpu_seconds(prose(20_000), folder, 1)  # warm the vocabulary
        size = args.kib * 1024
        base_text = prose(size)
        print(f"{'input (' + str(args.kib) + ' KiB)':34} {'s/MiB':>8} {'prose':>8} {'× prose':>8}")
        worst = 1.0
        for name, generate in GENERATORS.items():
            per_mb, prose_per_mb = per_mib_beside(generate(size), base_text, folder, args.runs)
            ratio = per_mb / prose_per_mb
            worst = max(worst, ratio)
            print(f"{name:34} {per_mb:8.3f} {prose_per_mb:8.3f} {ratio:8.2f}", flush=True)
        print(f"worst ratio to prose: {worst:.2f} (target ≤ 3)")
        print(f"\n{'prose size':>12} {'CPU s':>8} {'× first':>8} {'× size':>8}")
        sizes = [int(k) for k in args.growth.split(",")]
        first = None
        for kib in sizes:
            seconds, _ = cpu_seconds(prose(kib * 1024), folder, 1 if kib > 2048 else args.runs)
            first = first or seconds
            print(f"{kib:>9} KiB {seconds:8.2f} {seconds / first:8.2f} {kib / sizes[0]:8.1f}", flush=True)


if __name__ == "__main__":
    main()
