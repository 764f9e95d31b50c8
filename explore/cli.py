"""The ``explore`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explore.corpus import Corpus, load_corpus
from explore.errors import CorpusError


def write_tables(corpus: Corpus, out: Path) -> list[Path]:
    """Write the corpus tables as UTF-8 CSV (with BOM, so Excel reads Chinese)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("documents", "report", "removed"):
        path = out / f"{name}.csv"
        getattr(corpus, name).to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    return written


def _corpus_command(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.path, strict=args.strict, max_file_mb=args.max_file_mb)
    written = write_tables(corpus, Path(args.out))
    print(f"corpus: {corpus.root}")
    print(corpus.summary())
    problems = corpus.report[corpus.report["status"] != "loaded"]
    for row in problems.itertuples():
        print(f"  {row.status}: {row.source_file}: {row.reason}")
    print("tables written:")
    for path in written:
        print(f"  {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explore", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="load, clean and split a folder of texts; write its tables as CSV")
    corpus.add_argument("path", nargs="?", help="folder (read recursively) or file; default: the embedded seeds")
    corpus.add_argument("--out", default="out/corpus", help="folder for documents.csv, report.csv, removed.csv")
    corpus.add_argument("--strict", action="store_true", help="stop at the first file that cannot be used")
    corpus.add_argument("--max-file-mb", type=float, default=50.0, help="skip files larger than this")
    corpus.set_defaults(run=_corpus_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CorpusError as error:
        print(f"explore: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
