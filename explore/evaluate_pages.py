"""Score the pipeline on real pages against a hand annotation of each page (a "page gold").

A page gold is a folder holding ``gold.toml`` (one ``[[page]]`` per file: the
stated date and its line, the title line, the furniture lines, the
organizations named) and ``figures.csv`` (every figure of the pages marked
``figures = true``); ``tests/data/devpages/`` is the project's, and its header
documents the format. The pages themselves are read from another folder, so a
gold never copies their text.

Every kind is scored per page and summed over a split (file numbers ending in
7, 8 or 9 are the test split, the rest dev), overall and per ``kind`` when a
``sources.json`` beside the pages gives one:

- ``date``: the first item's date is right at the stated precision (a day, a
  month, a month and day with the year unstated); a page that states none is
  right only when nothing dates it. ``date_stated``: the same over the pages
  that state a date.
- ``title``: the first item's title is the title line (or part of it, at least
  half); a page without a title line is right only with no title.
- ``body_recall``: body lines whose content survives cleaning;
  ``furniture_precision`` / ``furniture_recall``: of the lines cleaning
  removed, how many were furniture, and of the furniture lines, how many were
  removed. A line survives when its characters (Chinese, letters, digits,
  after the pipeline's own character steps) are found in the clean output:
  a short line as a whole output line (or the start or end of one), a longer
  one by at least 70 % of its overlapping 8-character pieces.
- ``org_recall`` / ``org_precision``: organizations named, by canonical name or
  surface; a name with its place before it is the same name (湖南省城步县委 is
  城步县委).
- ``figure_recall`` / ``figure_precision`` / ``qualifier``: figures matched by
  raw span, or by value with one span inside the other.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from explore.chars import CJK
from explore.clean import TEXT_STEPS, make_pipeline
from explore.errors import CorpusError
from explore.gazetteer import org_rules, places
from explore.pipeline import process_paths

SCORES = (
    "date",
    "date_stated",
    "title",
    "body_recall",
    "furniture_precision",
    "furniture_recall",
    "org_recall",
    "org_precision",
    "figure_recall",
    "figure_precision",
    "qualifier",
    "measure",
)
TEST_DIGITS = ("7", "8", "9")
_SHORT_LINE = 12
_PIECE = 8
_KEPT_SHARE = 0.7
_CONTENT = re.compile(rf"[{CJK}A-Za-z0-9]+")
_character_steps = make_pipeline(*TEXT_STEPS)


def split_of(file: str) -> str:
    """``test`` for file numbers ending in 7, 8 or 9, else ``dev``."""
    digits = re.sub(r"\D", "", Path(file).stem)
    return "test" if digits and digits[-1] in TEST_DIGITS else "dev"


def content(text: str | None) -> str:
    """What a line says: Chinese, letters and digits after the pipeline's character steps, nothing else."""
    return "".join(_CONTENT.findall(_character_steps(text or "")))


@dataclass(frozen=True)
class PageGold:
    file: str
    date: str  # "2020-05-06", "2020-05", "2020", "--03-04" or ""
    date_line: int
    title_line: int
    furniture: frozenset[int]
    orgs: tuple[tuple[str, ...], ...]  # each organization with its equally right names
    figures: tuple[dict, ...] | None  # None: the page's figures are not annotated


def read_page_gold(folder: str | Path) -> list[PageGold]:
    folder = Path(folder)
    try:
        pages = tomllib.loads((folder / "gold.toml").read_text(encoding="utf-8"))["page"]
        lines = (folder / "figures.csv").read_text(encoding="utf-8").splitlines()
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise CorpusError(str(folder), f"not a page gold (gold.toml with [[page]] and figures.csv): {error}") from error
    figures: dict[str, list[dict]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO("\n".join(x for x in lines if not x.startswith("#")))):
        figures[row["file"]].append(row)
    return [
        PageGold(
            file=p["file"],
            date=p.get("date", ""),
            date_line=int(p.get("date_line", 0)),
            title_line=int(p.get("title_line", 0)),
            furniture=frozenset(p.get("furniture", ())),
            orgs=tuple(tuple(name.split("|")) for name in p.get("orgs", ())),
            figures=tuple(figures.get(p["file"], ())) if p.get("figures") else None,
        )
        for p in pages
    ]


@dataclass
class Tally:
    """Counts behind each score: right over asked, summed over pages."""

    right: Counter = field(default_factory=Counter)
    asked: Counter = field(default_factory=Counter)

    def add(self, name: str, right: int, asked: int) -> None:
        self.right[name] += right
        self.asked[name] += asked

    def __iadd__(self, other: Tally) -> Tally:
        self.right.update(other.right)
        self.asked.update(other.asked)
        return self

    def score(self, name: str) -> float | None:
        return self.right[name] / self.asked[name] if self.asked[name] else None


@dataclass(frozen=True)
class PageResult:
    file: str
    tally: Tally
    misses: tuple[str, ...]  # what went wrong, for a reader


def _date_right(gold: str, documents: pd.DataFrame) -> tuple[bool, str]:
    if documents.empty:
        return gold == "", "no item"
    first = documents.iloc[0]
    when = None if pd.isna(first["date"]) else first["date"].date()
    precision = None if pd.isna(first["date_precision"]) else first["date_precision"]
    text = None if pd.isna(first["date_text"]) else first["date_text"]
    got = f"{when} {precision} ({text})"
    if gold == "":
        return when is None and precision not in ("month_day", "month_only"), got
    if gold.startswith("--"):
        month, day = int(gold[2:4]), int(gold[5:7])
        if when is not None:
            return (when.month, when.day) == (month, day) and precision == "day", got
        numbers = [int(n) for n in re.findall(r"\d+", text or "")]
        return precision == "month_day" and numbers[-2:] == [month, day], got
    parts = [int(n) for n in gold.split("-")]
    wanted = {1: "year", 2: "month", 3: "day"}[len(parts)]
    return when is not None and precision == wanted and [when.year, when.month, when.day][: len(parts)] == parts, got


def _title_right(title_line: str | None, title: str | None) -> bool:
    got = content(title)
    if title_line is None:
        return not got
    line = content(title_line)
    return bool(got) and got in line and len(got) >= len(line) / 2


def _survives(line: str, output_lines: Sequence[str], output: str) -> int:
    """How many times the line's content is found in the output (0 when lost)."""
    if len(line) <= _SHORT_LINE:
        return sum(o == line or o.startswith(line) or o.endswith(line) for o in output_lines)
    starts = sorted({*range(0, len(line) - _PIECE + 1, _PIECE // 2), len(line) - _PIECE})
    pieces = [line[i : i + _PIECE] for i in starts]
    found = sum(p in output for p in pieces)
    return 0 if found < _KEPT_SHARE * len(pieces) else max(1, output.count(line))


def _line_verdicts(
    raw_lines: Sequence[str], gold: PageGold, output_lines: Sequence[str], removed: Sequence[str] = ()
) -> dict[int, bool]:
    """Line number → kept, for every line with content.

    A line cleaning recorded as removed (its content is a removed piece's) is removed, even when its words
    also stand elsewhere on the page (a summary repeating the lead). Otherwise repeated lines share the
    output's copies, body lines first.
    """
    output = "\n".join(output_lines)
    gone = Counter(removed)
    by_content: dict[str, list[int]] = defaultdict(list)
    for number, raw in enumerate(raw_lines, 1):
        line = content(raw)
        if line:
            by_content[line].append(number)
    verdicts = {}
    for line, numbers in by_content.items():
        for number in sorted(numbers, key=lambda n: n not in gold.furniture):
            if gone[line] > 0:
                verdicts[number] = False  # recorded as removed
                gone[line] -= 1
        numbers = [n for n in numbers if n not in verdicts]
        copies = _survives(line, output_lines, output)
        for number in sorted(numbers, key=lambda n: n in gold.furniture):
            verdicts[number] = copies > 0
            copies -= 1
    return verdicts


def _org_names(mentions: pd.DataFrame) -> list[set[str]]:
    orgs = mentions[mentions["kind"] == "org"]
    found: dict[str, set[str]] = defaultdict(set)
    for name, surface in zip(orgs["name"], orgs["surface"], strict=True):
        found[name].update({name, surface})
    return list(found.values())


def _same_org(wanted: Sequence[str], got: set[str]) -> bool:
    """Whether an extracted organization (its names and surfaces) is one of the wanted names, or one with its place."""
    for name in got:
        for want in wanted:
            if name == want or (name.endswith(want) and _is_place_chain(name[: -len(want)])):
                return True
    return False


def _is_place_chain(prefix: str) -> bool:
    """湖南省, 湖南省邵阳市, 通城县五里镇: places written one after another (a town or village of two or three
    characters before 镇, 乡, 村 or 街道 too, as the gazetteer stops at counties)."""
    table = places()
    while prefix:
        size = next((n for n in range(min(len(prefix), 8), 1, -1) if prefix[:n] in table), 0)
        size = size or next((n for n in (3, 4, 5) if _small_place().fullmatch(prefix[:n])), 0)
        if not size:
            return False
        prefix = prefix[size:]
    return True


@lru_cache(maxsize=1)
def _small_place() -> re.Pattern[str]:
    """Two or three characters before an ending of a town or village (``small_place_endings`` in org_rules.toml)."""
    return re.compile(f"[{CJK}]{{2,3}}(?:{'|'.join(map(re.escape, org_rules().small_place_endings))})")


def _figure_matches(gold: Sequence[dict], metrics: pd.DataFrame) -> list[tuple[dict, dict]]:
    extracted = metrics.to_dict("records")
    pairs, left = [], list(range(len(extracted)))
    pending = []
    for want in gold:  # the same span first
        hit = next((i for i in left if extracted[i]["raw"] == want["raw"]), None)
        if hit is None:
            pending.append(want)
        else:
            pairs.append((want, extracted[hit]))
            left.remove(hit)
    for want in pending:  # then the same value, one span inside the other
        value = float(want["value"])
        hit = next(
            (
                i
                for i in left
                if abs(extracted[i]["value"] - value) <= 1e-6 * max(1.0, abs(value))
                and (extracted[i]["raw"] in want["raw"] or want["raw"] in extracted[i]["raw"])
            ),
            None,
        )
        if hit is not None:
            pairs.append((want, extracted[hit]))
            left.remove(hit)
    return pairs


def score_page(gold: PageGold, raw_text: str, tables: dict[str, pd.DataFrame]) -> PageResult:
    tally, misses = Tally(), []
    documents = tables["documents"].sort_values("item_no")
    raw_lines = raw_text.split("\n")

    right, got = _date_right(gold.date, documents)
    tally.add("date", right, 1)
    tally.add("date_stated", right and bool(gold.date), bool(gold.date))
    if not right:
        misses.append(f"date: want {gold.date or 'none'}, got {got}")

    title = None if documents.empty or pd.isna(documents.iloc[0]["title"]) else documents.iloc[0]["title"]
    title_line = raw_lines[gold.title_line - 1] if gold.title_line else None
    right = _title_right(title_line, title)
    tally.add("title", right, 1)
    if not right:
        misses.append(f"title: want line {gold.title_line or 'none'}, got {title!r}")

    output_lines = [content(t) for t in documents["title"].dropna()]
    for text in documents["text"].dropna():
        output_lines += [content(line) for line in text.split("\n")]
    removed = [content(t) for t in tables["removed"]["text"].dropna()]
    verdicts = _line_verdicts(raw_lines, gold, [o for o in output_lines if o], [r for r in removed if r])
    body = [n for n in verdicts if n not in gold.furniture]
    furniture = [n for n in verdicts if n in gold.furniture]
    removed = [n for n, kept in verdicts.items() if not kept]
    tally.add("body_recall", sum(verdicts[n] for n in body), len(body))
    tally.add("furniture_recall", sum(not verdicts[n] for n in furniture), len(furniture))
    tally.add("furniture_precision", sum(n in gold.furniture for n in removed), len(removed))
    misses += [f"body line {n} lost" for n in body if not verdicts[n]]
    misses += [f"furniture line {n} kept" for n in furniture if verdicts[n]]

    found = _org_names(tables["mentions"])
    recalled = [names for names in gold.orgs if any(_same_org(names, got) for got in found)]
    right = [got for got in found if any(_same_org(names, got) for names in gold.orgs)]
    tally.add("org_recall", len(recalled), len(gold.orgs))
    tally.add("org_precision", len(right), len(found))
    misses += [f"org missed: {names[0]}" for names in gold.orgs if names not in recalled]
    misses += [f"org extra: {sorted(got)[0]}" for got in found if got not in right]

    if gold.figures is not None:
        metrics = tables["metrics"]
        pairs = _figure_matches(gold.figures, metrics)
        tally.add("figure_recall", len(pairs), len(gold.figures))
        tally.add("figure_precision", len(pairs), len(metrics))
        tally.add("qualifier", sum(want["qualifier"] == got["qualifier"] for want, got in pairs), len(pairs))
        tally.add("measure", sum(want["measure"] == got["measure"] for want, got in pairs), len(pairs))
        matched_raw = Counter(want["raw"] for want, _ in pairs)
        missed = Counter(want["raw"] for want in gold.figures) - matched_raw
        extra = Counter(metrics["raw"]) - Counter(got["raw"] for _, got in pairs)
        misses += [f"figure missed: {raw}" for raw in sorted(missed.elements())]
        misses += [f"figure extra: {raw}" for raw in sorted(extra.elements())]
        misses += [
            f"qualifier: {want['raw']} want {want['qualifier']}, got {got['qualifier']}"
            for want, got in pairs
            if want["qualifier"] != got["qualifier"]
        ]
        misses += [
            f"measure: {want['raw']} want {want['measure']}, got {got['measure']} (subject {got['subject']})"
            for want, got in pairs
            if want["measure"] != got["measure"]
        ]
    return PageResult(gold.file, tally, tuple(misses))


@dataclass(frozen=True)
class PageScores:
    """Every page's result, with the kind of each page (from ``sources.json``)."""

    results: tuple[PageResult, ...]
    kinds: dict[str, str]

    def tally(self, split: str | None = None, kind: str | None = None) -> Tally:
        total = Tally()
        for result in self.results:
            if (split is None or split_of(result.file) == split) and (
                kind is None or self.kinds.get(result.file) == kind
            ):
                total += result.tally
        return total

    def summary(self) -> dict[str, dict[str, float | None]]:
        """Each split's scores (``dev``, ``test``, ``all``), for a baseline."""
        return {
            split: {name: _rounded(self.tally(None if split == "all" else split).score(name)) for name in SCORES}
            for split in ("dev", "test", "all")
        }

    def table(self, split: str) -> pd.DataFrame:
        """Scores of one split, overall and per kind of page: a row each, a column per score, and the page count."""
        kinds = sorted({self.kinds.get(r.file, "") for r in self.results if split_of(r.file) == split} - {""})
        rows = []
        for kind in [None, *kinds]:
            tally = self.tally(split, kind)
            pages = sum(
                split_of(r.file) == split and (kind is None or self.kinds.get(r.file) == kind) for r in self.results
            )
            rows.append({"kind": kind or "all", "pages": pages} | {n: _rounded(tally.score(n)) for n in SCORES})
        return pd.DataFrame(rows)

    def lines(self) -> list[str]:
        out = []
        with pd.option_context("display.width", 200, "display.max_columns", None):
            for split in ("dev", "test"):
                out += [f"{split} split:", self.table(split).to_string(index=False, na_rep="-"), ""]
        return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def score_pages(gold_folder: str | Path, pages_folder: str | Path) -> PageScores:
    """Run the pipeline on every page the gold names and score it."""
    pages_folder = Path(pages_folder)
    if not pages_folder.is_dir():
        raise CorpusError(str(pages_folder), "no such folder of pages")
    kinds = _kinds(pages_folder / "sources.json")
    results = []
    for gold in read_page_gold(gold_folder):
        path = pages_folder / gold.file
        if not path.is_file():
            raise CorpusError(str(path), "a page the gold names is missing")
        tables = process_paths([path], pages_folder)
        report = tables["report"].iloc[0]
        if report["status"] == "error":
            raise CorpusError(str(path), str(report["reason"]))
        results.append(score_page(gold, path.read_text(encoding="utf-8"), tables))
    return PageScores(tuple(results), kinds)


def _kinds(path: Path) -> dict[str, str]:
    try:
        return {row["file"]: row["kind"] for row in json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def below_baseline(summary: dict, baseline: dict, *, tolerance: float = 0.01) -> list[str]:
    """Every score more than ``tolerance`` below its pinned value, as ``split score: now < pinned``."""
    drops = []
    for split, pinned in baseline.items():
        for name, value in pinned.items():
            now = summary.get(split, {}).get(name)
            if value is not None and (now is None or now < value - tolerance):
                drops.append(f"{split} {name}: {now} < {value}")
    return drops


def misses_of(scores: PageScores, files: Iterable[str] | None = None) -> list[str]:
    wanted = set(files) if files is not None else None
    return [f"{r.file}: {m}" for r in scores.results if wanted is None or r.file in wanted for m in r.misses]
