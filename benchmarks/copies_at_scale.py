"""What finding syndicated copies costs a build, at scale: CPU seconds and memory, in one process.

    python benchmarks/copies_at_scale.py --docs 100000 [--workdir /tmp]

Writes ``--docs`` synthetic documents (``explore synth``, seed 0: one in twenty a
repost of an earlier one), builds them with the local engine, and prints one
JSON object: the build's CPU seconds, and from ``explore.bench.copies_figures``
the CPU seconds of signing every item (``sign_s``, part of the per-file step)
and of the global step (``dedup_s``), the global step's traced memory peak,
their share of the build, and the copies found. ``explore bench`` reports the
same figures beside the others.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from explore.bench import copies_figures
from explore.build import build_corpus
from explore.synth import write_synthetic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        n_bytes = write_synthetic(args.docs, work / "corpus")
        start = time.process_time()
        summary = build_corpus(work / "corpus", work / "built", progress=False)
        build_cpu = time.process_time() - start
        result = {
            "docs": args.docs,
            "items": summary.n_items,
            "mb": round(n_bytes / 2**20, 1),
            "build_cpu_s": round(build_cpu, 1),
            **copies_figures(work / "built", build_cpu),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
