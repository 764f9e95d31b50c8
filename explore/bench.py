"""``explore bench``: one JSON object of figures, all measured in one run on one machine.

Ratios are what to read (this machine is shared and noisy): the pipeline
against OpenCC alone on the same text (the floor), against JioNLP's two
extractors on the same text (the nearest peer), cost per document at 10³
versus the full size, Dask with two workers versus one, the share of the
build's CPU time that finding syndicated copies takes (``copies_figures``).
"""

from __future__ import annotations

import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from explore.build import build_corpus
from explore.script import to_simplified
from explore.synth import write_synthetic

# JioNLP is slow (extract_time read 0.28 MB/s on the 2-core development machine):
# it is measured on a sample of the same text.
_JIONLP_SAMPLE_BYTES = 1 << 20
_DASK_DOCS = 10_000
_WIDGET_UPDATES = 20
# Keywords a reader types: common, rare, absent, and one across a line break's place.
_SEARCHES = ("直播", "京东", "数字乡村", "合作社", "电商平台", "培训", "农产品上行", "没有这个词", "乡村 振兴", "5G")


def _texts(folder: Path) -> list[str]:
    from explore.encoding import decode_bytes

    return [decode_bytes(p.read_bytes()).text for p in sorted(folder.rglob("*.txt"))]


def _mb_s(n_bytes: int, seconds: float) -> float:
    return round(n_bytes / 2**20 / seconds, 3) if seconds > 0 else float("inf")


@dataclass(frozen=True)
class Timing:
    """One measurement in this process: CPU seconds (what a busy machine cannot fake) and wall seconds."""

    cpu_s: float
    wall_s: float


def _timed(call) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall)


def _opencc(texts: list[str]) -> Timing:
    def convert() -> None:
        for text in texts:
            to_simplified(text)

    return _timed(convert)


def _jionlp_timing(texts: list[str]) -> tuple[Timing | None, int, str | None]:
    """JioNLP's money and time extractors on a sample of ``texts`` (about ``_JIONLP_SAMPLE_BYTES``)."""
    import contextlib
    import io
    import logging

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import jionlp as jio
    except Exception as error:  # not installed, or broken in this environment
        return None, 0, f"jionlp unavailable: {error.__class__.__name__}"
    logging.getLogger("jionlp").setLevel(logging.CRITICAL)
    sample, size = [], 0
    for text in texts:
        if size >= _JIONLP_SAMPLE_BYTES:
            break
        sample.append(text)
        size += len(text.encode("utf-8"))

    def extract() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for text in sample:
                jio.ner.extract_money(text)
                jio.ner.extract_time(text)

    return _timed(extract), size, None


# Files are read through the pipeline this many at a time, their tables dropped: memory stays flat.
_THROUGHPUT_BATCH = 200


def throughput(folder: Path) -> dict:
    """Per-core throughput of the per-file pipeline (decode, clean, split, extract, typed tables) on the files of
    ``folder``, in this process, against OpenCC's conversion and JioNLP's two extractors on the same text: every
    figure as CPU and wall seconds, the ratios from CPU time."""
    from explore.pipeline import discover_files, process_paths

    paths = discover_files(folder)
    n_bytes = sum(p.stat().st_size for p in paths)
    process_paths(paths[:20], folder)  # vocabularies and patterns loaded before the clock starts

    def pipeline() -> None:
        for first in range(0, len(paths), _THROUGHPUT_BATCH):
            process_paths(paths[first : first + _THROUGHPUT_BATCH], folder)

    ours = _timed(pipeline)
    texts = _texts(folder)
    opencc = _opencc(texts)
    jionlp, jionlp_bytes, jionlp_note = _jionlp_timing(texts)
    # Ratios from the unrounded seconds: MB/s per core of ours over JioNLP's is its CPU time per byte over ours.
    speedup = (jionlp.cpu_s / jionlp_bytes) / (ours.cpu_s / n_bytes) if jionlp else None
    figures = {
        "files": len(paths),
        "mb": round(n_bytes / 2**20, 2),
        "cpu_s": round(ours.cpu_s, 2),
        "wall_s": round(ours.wall_s, 2),
        "mb_s_per_core": _mb_s(n_bytes, ours.cpu_s),
        "opencc_cpu_s": round(opencc.cpu_s, 3),
        "opencc_wall_s": round(opencc.wall_s, 3),
        "opencc_mb_s": _mb_s(n_bytes, opencc.cpu_s),
        "ratio_to_opencc": round(opencc.cpu_s / ours.cpu_s, 4),
        "jionlp_cpu_s": round(jionlp.cpu_s, 2) if jionlp else None,
        "jionlp_wall_s": round(jionlp.wall_s, 2) if jionlp else None,
        "jionlp_mb": round(jionlp_bytes / 2**20, 2),
        "jionlp_mb_s": _mb_s(jionlp_bytes, jionlp.cpu_s) if jionlp else None,
        "speedup_vs_jionlp": round(speedup, 2) if speedup else None,
    }
    return figures | ({"jionlp_note": jionlp_note} if jionlp_note else {})


def write_real_text(sources: list[Path], out: Path, min_mb: float) -> int:
    """Copies of the files of ``sources`` (real pages: the seeds, a folder of one's own) under ``out``, one
    folder per round of copies, until they hold at least ``min_mb``; the bytes written."""
    files = [p for source in sources for p in sorted(source.rglob("*")) if p.is_file()]
    if not files:
        raise ValueError("no file to replicate in " + ", ".join(map(str, sources)))
    written, round_no = 0, 0
    while written < min_mb * 2**20:
        folder = out / f"copy{round_no:04d}"
        folder.mkdir(parents=True)
        for n, path in enumerate(files):
            data = path.read_bytes()
            (folder / f"{n:05d}{path.suffix}").write_bytes(data)
            written += len(data)
        round_no += 1
    return written


def _speedup(source: Path, work: Path, name: str, engine_for) -> float:
    """Wall time of a build with one worker over that with two, each into a folder of its own (never an
    incremental build); ``engine_for(n)`` is the engine with ``n`` workers."""
    timings = {}
    for workers in (1, 2):
        start = time.perf_counter()
        build_corpus(source, work / f"{name}{workers}", engine=engine_for(workers), engine_name=name, progress=False)
        timings[workers] = time.perf_counter() - start
    return round(timings[1] / timings[2], 3)


def _dask_speedup(source: Path, work: Path) -> float:
    from explore.engines import dask_engine

    return _speedup(source, work, "dask", lambda workers: dask_engine(n_workers=workers))


def _pool_speedup(source: Path, work: Path) -> float:
    """The process pool on two cores (the local engine's default on a two-core machine) against one process."""
    from explore.engines import pool_engine

    return _speedup(source, work, "local", pool_engine)


def notebook_probe(built: str) -> dict:
    """What a notebook does with a built corpus: open it, show both views, then move their controls.

    Run in a fresh process (:func:`_notebook_figures`), as a notebook kernel is:
    the peak memory is read from VmHWM after the views are shown (``ru_maxrss``
    would carry over the benchmark's own peak through fork and exec), and the
    callbacks are timed without the benchmark's heap and threads around them.
    """
    import explore
    from explore import views

    corpus = explore.load_corpus(built)
    timeline, metrics = views.TimelineView(corpus), views.MetricsView(corpus)
    timeline.widget()
    metrics.widget()
    with open("/proc/self/status", encoding="ascii") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    rng = random.Random(0)
    timings = []
    orgs = list(timeline.org.options)
    groups = [group for _label, group in metrics.group.options]
    for _ in range(_WIDGET_UPDATES):
        chosen = rng.sample(orgs, k=min(len(orgs), rng.randint(1, 5)))
        timings.append(_seconds(lambda c=chosen: timeline.update(**(timeline.selection() | {"orgs": c}))))
        timings.append(_seconds(lambda: metrics.update(**(metrics.selection() | {"group": rng.choice(groups)}))))
    companies = views.CompaniesView(corpus)
    companies.widget()
    choices = list(companies.org.options)
    companies_timings = [
        _seconds(lambda: companies.update(orgs=rng.sample(choices, k=min(len(choices), rng.randint(2, 4)))))
        for _ in range(_WIDGET_UPDATES // 2)
    ]
    search = views.SearchView(corpus)
    search.widget()
    search_timings = [_seconds(lambda k=keyword: search.update(keyword=k, width=20)) for keyword in _SEARCHES]
    return {
        "widget_update_ms_p95": _p95_ms(timings),
        "open_peak_rss_mb": round(peak_kb / 1024, 1),
        "companies_update_ms_p95": _p95_ms(companies_timings),
        "search_update_ms_p95": _p95_ms(search_timings),
    }


def _seconds(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _p95_ms(timings: list[float]) -> float:
    return round(statistics.quantiles(timings, n=20)[-1] * 1000, 1)


def _notebook_figures(built: Path) -> dict:
    probe = f"import json; from explore.bench import notebook_probe; print(json.dumps(notebook_probe({str(built)!r})))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def copies_figures(built: Path, build_cpu_s: float) -> dict:
    """The cost of finding syndicated copies in a built corpus, in CPU time: signing every item's clean text
    (part of the per-file step) and the global step over the stored signatures (``dedup_s``), with the global
    step's peak of traced memory, and both as a share of the build's CPU time."""
    import tracemalloc

    from explore.copies import find_stories, signature
    from explore.store import open_built

    corpus = open_built(built)
    documents, signatures = corpus.documents, corpus.signatures
    start = time.process_time()
    for text in documents["text"]:
        signature(text)
    signing = time.process_time() - start
    start = time.process_time()
    stories = find_stories(documents[["doc_id", "date", "n_chars"]], signatures)
    dedup = time.process_time() - start
    tracemalloc.start()  # a second run for memory: tracing slows the first one's allocations several times
    find_stories(documents[["doc_id", "date", "n_chars"]], signatures)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    copies = stories["duplicate_of"].notna()
    return {
        "sign_s": round(signing, 2),
        "dedup_s": round(dedup, 2),
        "dedup_peak_mb": round(peak / 2**20, 1),
        "copies_share_of_build": round((signing + dedup) / build_cpu_s, 3),
        "copies_found": int(copies.sum()),
        "stories_with_copies": int(stories.loc[copies, "story_id"].nunique()),
    }


def run_bench(
    docs: int,
    *,
    seed: int = 0,
    workdir: Path | None = None,
    dask: bool = True,
    real: list[Path] | None = None,
    real_mb: float = 20.0,
) -> dict:
    """Every figure, in one run. ``real``: folders of real pages replicated to ``real_mb`` for the throughput
    on real text (default: the embedded seeds)."""
    from explore.resources import bundled_folder

    real_sources = real or [bundled_folder("seeds")]
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        work = Path(tmp)
        source, small = work / "corpus", work / "corpus-1k"
        n_bytes = write_synthetic(docs, source, seed=seed)
        write_synthetic(min(docs, 1000), small, seed=seed)
        write_real_text([Path(s) for s in real_sources], work / "real", real_mb)
        per_core = {"synthetic": throughput(source), "real": throughput(work / "real")}
        per_core["real"]["sources"] = [str(s) for s in real_sources]

        start, cpu = time.perf_counter(), time.process_time()
        summary = build_corpus(source, work / "built", progress=False)
        pipeline, build_cpu = time.perf_counter() - start, time.process_time() - cpu
        build_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # synthesis and the build so far
        start = time.perf_counter()
        build_corpus(small, work / "built-1k", progress=False)
        pipeline_1k = time.perf_counter() - start

        synthetic = per_core["synthetic"]
        pipeline_mb_s = _mb_s(n_bytes, pipeline)

        dask_source = source
        if docs > _DASK_DOCS:  # two workers against one on a corpus large enough to show it
            dask_source = work / "corpus-dask"
            write_synthetic(_DASK_DOCS, dask_source, seed=seed)
        result = {
            "docs": docs,
            "items": summary.n_items,
            "figures": summary.n_metrics,
            "events": summary.n_events,
            "mb": round(n_bytes / 2**20, 2),
            "pipeline_mb_s": pipeline_mb_s,  # the build, one process, wall time, Parquet written
            # OpenCC and JioNLP against the per-file pipeline on the same synthetic text, CPU time in this process
            "opencc_mb_s": synthetic["opencc_mb_s"],
            "ratio_to_opencc": synthetic["ratio_to_opencc"],
            "jionlp_mb_s": synthetic["jionlp_mb_s"],
            "speedup_vs_jionlp": synthetic["speedup_vs_jionlp"],
            "jionlp_note": synthetic.get("jionlp_note") or f"measured on a {synthetic['jionlp_mb']:.2f} MB sample",
            "per_doc_ms_1k": round(pipeline_1k / min(docs, 1000) * 1000, 3),
            "per_doc_ms_n": round(pipeline / docs * 1000, 3),
            "per_doc_ms_100k": round(pipeline / docs * 1000, 3) if docs >= 100_000 else None,
            "dask_speedup_2": _dask_speedup(dask_source, work) if dask else None,
            "pool_speedup_2": _pool_speedup(dask_source, work),
            "dask_docs": min(docs, _DASK_DOCS) if dask else None,
            **_notebook_figures(work / "built"),
            "build_cpu_s": round(build_cpu, 1),
            **copies_figures(work / "built", build_cpu),
            "build_peak_rss_mb": round(build_peak, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "per_core": per_core,
            "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        }
    return result
