"""The ``explore`` command line."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from pathlib import Path

from explore.corpus import TABLES, Corpus, load_corpus
from explore.errors import CorpusError, PrerequisiteError
from explore.evaluate import mismatches, read_annotation, score_dates, score_metrics
from explore.load import DEFAULT_MAX_FILE_MB


def write_tables(corpus: Corpus, out: Path) -> list[Path]:
    """Write the corpus tables as UTF-8 CSV (with BOM, so Excel reads Chinese).

    Each table is written beside its place and renamed into it once every
    table is written: a failure (a full disk) leaves the previous CSVs as they
    were and no partial file.
    """
    out.mkdir(parents=True, exist_ok=True)
    # The signatures are binary and mean nothing in a spreadsheet: each document's story is in documents.csv.
    staged = {name: out / f".{name}.csv.{os.getpid()}" for name in TABLES if name != "signatures"}
    try:
        for name, tmp in staged.items():
            getattr(corpus, name).to_csv(tmp, index=False, encoding="utf-8-sig")
        for name, tmp in staged.items():
            tmp.replace(out / f"{name}.csv")
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    return [out / f"{name}.csv" for name in staged]


_COLUMNS_HELP = (
    "where files of records (JSON Lines, CSV, Parquet) keep each field, e.g. text=content,date=pub_time "
    "(fields: text, title, date, url, site, author; default: common names, data/columns.toml)"
)


def _corpus_command(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.path, strict=args.strict, max_file_mb=args.max_file_mb, columns=args.columns)
    written = write_tables(corpus, Path(args.out))
    _print_corpus(corpus)
    print("tables written:")
    for path in written:
        print(f"  {path}")
    return 0


def _print_corpus(corpus: Corpus) -> None:
    """What was read: files loaded and not (with the reason), items, figures, events."""
    print(f"corpus: {corpus.root}")
    print(corpus.summary())
    problems = corpus.report[corpus.report["reason"].notna()]  # loaded files too, when repaired
    for row in problems.itertuples():
        print(f"  {row.status}: {row.source_file}: {row.reason}")


def _evaluate_command(args: argparse.Namespace) -> int:
    lines: list[str] = []
    summary: dict[str, dict] = {}
    if args.metrics or args.dates:
        corpus = load_corpus(args.path)
        seeds: dict[str, float] = {}
        if args.metrics:
            annotation = read_annotation(args.metrics)
            scores = score_metrics(corpus, annotation)
            lines += scores.lines()
            seeds |= scores.summary()
            if args.verbose:
                lines += [f"  {m}" for m in mismatches(corpus, annotation)]
        if args.dates:
            dates = score_dates(corpus, read_annotation(args.dates))
            lines += dates.lines()
            seeds |= dates.summary()
        summary["annotated"] = {"all": seeds}
    if args.pages:
        from explore.evaluate_pages import misses_of, score_pages

        pages = score_pages(*args.pages)
        lines += pages.lines()
        summary["pages"] = pages.summary()
        if args.verbose:
            lines += misses_of(pages)
    if args.copies:
        from explore.copy_pairs import copy_misses, labelled_documents, score_copies

        labelled = labelled_documents(args.copies, *(args.pages or ()))
        scores = score_copies(labelled)
        lines += [score.line() for score in scores]
        summary["copies"] = {score.split: score.summary() for score in scores}
        if args.verbose:
            lines += [f"  {miss}" for miss in copy_misses(labelled)]
    if not lines:
        print("explore evaluate: give --metrics and/or --dates, --pages GOLD PAGES or --copies", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return _against_baseline(summary, args)


def _against_baseline(summary: dict[str, dict], args: argparse.Namespace) -> int:
    """Compare with the pinned scores (exit 1 on a drop of more than 0.01), or pin these ones."""
    from explore.evaluate_pages import below_baseline

    if args.write_baseline:
        path = Path(args.write_baseline)
        pinned = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        path.write_text(json.dumps(pinned | summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"baseline written: {path}")
    if args.baseline:
        pinned = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
        drops = [
            f"{part} {d}" for part, scores in summary.items() for d in below_baseline(scores, pinned.get(part, {}))
        ]
        for drop in drops:
            print(f"below baseline: {drop}")
        if drops:
            return 1
        print(f"no score below the baseline in {args.baseline}")
    return 0


def _notebooks_command(args: argparse.Namespace) -> int:
    from explore.report import store_notebooks

    for path in store_notebooks():
        print(f"stored: {path}")
    return 0


def _report_command(args: argparse.Namespace) -> int:
    from explore.report import write_report

    if args.corpus and not Path(args.corpus).exists():
        raise CorpusError(args.corpus, "no such file or folder")
    index = write_report(Path(args.out), corpus=args.corpus)
    _print_corpus(load_corpus(args.corpus, text=False))
    print(f"report written; open {index.resolve()}")
    return 0


def _server_command(args: argparse.Namespace) -> int:
    from explore.serve import exposure_warning, plan_lab, plan_serve, run_server

    plan_for = plan_lab if args.command == "lab" else plan_serve
    notebooks = Path(args.notebooks) if args.notebooks else None
    plan = plan_for(corpus=args.corpus, port=args.port, host=args.host, root=notebooks, refresh=args.refresh_notebooks)
    if warning := exposure_warning(args.host, args.port):
        print(f"explore: {warning}", file=sys.stderr)
    for note in plan.notes:
        print(f"notebooks: {note}")
    print(f"notebooks: {plan.root}")
    print(f"open: {plan.url}", flush=True)
    return run_server(plan.command, plan.env)


def _build_command(args: argparse.Namespace) -> int:
    from explore.build import build_corpus
    from explore.engines import dask_engine, pool_engine

    if args.jobs is not None and args.jobs < 1:
        raise PrerequisiteError("--jobs needs a number of processes, 1 or more")
    if args.engine == "dask":
        engine = dask_engine(scheduler=args.scheduler, n_workers=args.workers)
    elif args.scheduler:
        raise PrerequisiteError("--scheduler needs --engine dask")
    else:
        engine = pool_engine(args.jobs)
    summary = build_corpus(
        args.src, args.out, engine=engine, engine_name=args.engine, max_file_mb=args.max_file_mb, columns=args.columns
    )
    print("\n".join(summary.lines()))
    return 0


def _synth_command(args: argparse.Namespace) -> int:
    from explore.synth import write_synthetic

    n_bytes = write_synthetic(args.docs, Path(args.out), seed=args.seed)
    print(f"{args.docs} documents, {n_bytes / 2**20:.1f} MB written under {args.out}")
    return 0


def _bench_command(args: argparse.Namespace) -> int:
    from explore.bench import run_bench

    result = run_bench(args.docs, seed=args.seed, dask=not args.no_dask, real=args.real, real_mb=args.real_mb)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:24} {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explore", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser(
        "corpus", help="load, clean, split and extract a folder of texts; write its tables as CSV"
    )
    corpus.add_argument("path", nargs="?", help="folder (read recursively) or file; default: the embedded seeds")
    corpus.add_argument("--out", default="out/corpus", help="folder for the tables, one CSV each")
    corpus.add_argument("--strict", action="store_true", help="stop at the first file that cannot be used")
    corpus.add_argument("--max-file-mb", type=float, default=DEFAULT_MAX_FILE_MB, help="skip files larger than this")
    corpus.add_argument("--columns", help=_COLUMNS_HELP)
    corpus.set_defaults(run=_corpus_command)
    build = commands.add_parser("build", help="build a corpus once: every table as Parquet, incremental")
    build.add_argument("src", help="folder (read recursively) or file")
    build.add_argument("--out", required=True, help="folder for the Parquet tables and manifest.json")
    build.add_argument("--engine", choices=("local", "dask"), default="local")
    build.add_argument(
        "--jobs", type=int, help="processes of the local engine (default: every available core; 1: this process)"
    )
    build.add_argument("--scheduler", help="address of a Dask scheduler (default: a LocalCluster here)")
    build.add_argument("--workers", type=int, help="LocalCluster workers (default: one per core)")
    build.add_argument("--max-file-mb", type=float, default=DEFAULT_MAX_FILE_MB, help="skip files larger than this")
    build.add_argument("--columns", help=_COLUMNS_HELP)
    build.set_defaults(run=_build_command)
    synth = commands.add_parser("synth", help="write a realistic synthetic corpus (deterministic for a seed)")
    synth.add_argument("--docs", type=int, required=True)
    synth.add_argument("--out", required=True)
    synth.add_argument("--seed", type=int, default=0)
    synth.set_defaults(run=_synth_command)
    bench = commands.add_parser("bench", help="build a synthetic corpus and print the speed and memory figures")
    bench.add_argument("--docs", type=int, default=10_000)
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--json", action="store_true", help="one JSON object on one line")
    bench.add_argument("--no-dask", action="store_true", help="skip the two-workers-versus-one measurement")
    bench.add_argument(
        "--real",
        type=Path,
        action="append",
        help="a folder of real pages for the per-core throughput on real text (repeatable; default: the seeds)",
    )
    bench.add_argument("--real-mb", type=float, default=20.0, help="replicate the real pages to this many MB")
    bench.set_defaults(run=_bench_command)
    evaluate = commands.add_parser("evaluate", help="score extraction against a hand annotation (CSV)")
    evaluate.add_argument("path", nargs="?", help="the annotated corpus; default: the embedded seeds")
    evaluate.add_argument("--metrics", help="CSV: source_file,item_no,raw,value,unit,qualifier,org,measure")
    evaluate.add_argument("--dates", help="CSV: source_file,item_no,date,precision")
    evaluate.add_argument(
        "--pages", nargs=2, metavar=("GOLD", "PAGES"), help="a page gold folder and the folder of its pages"
    )
    evaluate.add_argument(
        "--copies",
        metavar="LABELS",
        help="score syndicated-copy detection on labelled stories (tests/data/copies), and on copies of the pages "
        "of --pages",
    )
    evaluate.add_argument("--baseline", help="JSON of pinned scores: exit 1 when one drops by more than 0.01")
    evaluate.add_argument("--write-baseline", help="pin these scores in this JSON file (a deliberate change)")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list what was missed or added")
    evaluate.set_defaults(run=_evaluate_command)
    report = commands.add_parser("report", help="execute the notebooks on a corpus and export offline HTML pages")
    report.add_argument("--out", default="out/report", help="folder for the pages and their index")
    report.add_argument("--corpus", help="folder or file; default: the embedded seeds")
    report.set_defaults(run=_report_command)
    notebooks = commands.add_parser("notebooks", help="re-execute the stored notebooks on the seeds (for nbval)")
    notebooks.set_defaults(run=_notebooks_command)
    for name, port, text in (
        ("lab", 8888, "start JupyterLab on the notebooks (loopback, with a token)"),
        ("serve", 8866, "serve the notebooks as Voilà dashboards, code hidden (loopback by default)"),
    ):
        server = commands.add_parser(name, help=text)
        server.add_argument("--corpus", help="folder or file the notebooks explore; default: the embedded seeds")
        server.add_argument("--port", type=int, default=port)
        server.add_argument("--host", default="127.0.0.1", help="interface to listen on; only when asked")
        server.add_argument(
            "--notebooks",
            help="your working copy of the notebooks (default: $EXPLORE_NOTEBOOKS or ~/explore-notebooks)",
        )
        server.add_argument(
            "--refresh-notebooks", action="store_true", help="replace working notebooks that differ from this version's"
        )
        server.set_defaults(run=_server_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CorpusError, PrerequisiteError) as error:
        print(f"explore: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"explore: {_os_error(error)}", file=sys.stderr)
        return 1


def _os_error(error: OSError) -> str:
    """One line for a failure of the machine (a full disk, a folder that cannot be written), not a traceback."""
    where = f": {error.filename}" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device{where}; partial files were removed, earlier results are unchanged"
    return f"{error.strerror or error}{where}"


if __name__ == "__main__":
    sys.exit(main())
