"""The measure of syndicated-copy detection: labelled documents, and precision and recall over their pairs.

A labelled set is built from two sources. Stories written for this project
(``tests/data/copies/stories.toml``): each with a copy under a portal's
furniture, a Traditional-script conversion, and for some a rewrite written by
hand with words swapped and clauses turned; stories that report the same event
differently are different stories. And the real pages of the development
corpus, each with the same kinds of copies made at run time (its furniture
swapped, its script converted, its words spun with ``spin.csv``, its body cut
short), every two different pages being different stories.

Every document is written to a folder and loaded with :func:`explore.load_corpus`
(cleaning, conversion and all); two documents are predicted to be copies when
they get the same ``story_id``. Precision and recall count pairs: a pair of
copies found, a pair of different stories merged, a pair of copies missed.
Scores are given by split: ``dev`` (the written stories and the development
pages: the settings were tuned on them) and ``test`` (the test pages: measured,
never tuned on).
"""

from __future__ import annotations

import csv
import io
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from math import comb
from pathlib import Path

from explore.errors import CorpusError
from explore.evaluate_pages import content, read_page_gold, split_of

VARIANTS = ("original", "furniture", "script", "spun", "cut")


@dataclass(frozen=True)
class LabelledDocument:
    name: str  # its file name in the folder the measure loads
    story: str  # documents with the same story are copies of each other
    event: str | None  # stories of one event (written stories only): different stories, alike
    split: str
    text: str


def _read_copies_folder(folder: Path) -> tuple[dict, list[dict], list[tuple[str, str]]]:
    try:
        stories = tomllib.loads((folder / "stories.toml").read_text(encoding="utf-8"))
        furniture = tomllib.loads((folder / "furniture.toml").read_text(encoding="utf-8"))["site"]
        lines = (folder / "spin.csv").read_text(encoding="utf-8").splitlines()
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        why = f"not a labelled copies folder (stories.toml, furniture.toml, spin.csv): {error}"
        raise CorpusError(str(folder), why) from error
    rows = csv.DictReader(io.StringIO("\n".join(x for x in lines if not x.startswith("#"))))
    swaps = [(row["word"], row["swap"]) for row in rows]
    return stories, furniture, swaps


def _converter(config: str):
    import opencc

    return opencc.OpenCC(config).convert


def _spun(text: str, swaps: list[tuple[str, str]], most: int = 8) -> str:
    """The text with the first occurrence of up to ``most`` of the words swapped."""
    done = 0
    for word, swap in swaps:
        if done == most:
            break
        if word in text:
            text = text.replace(word, swap, 1)
            done += 1
    return text


def _wrapped(body: str, site: dict) -> str:
    return "\n".join([*site["header"], body.strip(), *site["footer"]]) + "\n"


def _cut(body: str) -> str:
    """A repost cut short: its first two thirds of lines (at least two)."""
    lines = [line for line in body.splitlines() if line.strip()]
    return "\n".join(lines[: max(2, len(lines) * 2 // 3)]) + "\n"


def labelled_documents(
    copies_folder: str | Path,
    gold_folder: str | Path | None = None,
    pages_folder: str | Path | None = None,
    *,
    min_body_chars: int = 80,
) -> list[LabelledDocument]:
    """The labelled documents: written stories and their copies; with a page gold and its pages, the pages
    whose gold body holds at least ``min_body_chars`` characters and their copies."""
    stories, furniture, swaps = _read_copies_folder(Path(copies_folder))
    to_traditional, to_simplified = _converter("s2t"), _converter("t2s")
    documents = []
    for n, story in enumerate(stories["story"]):
        key, text = f"story-{story['id']}", story["text"].strip() + "\n"
        variants = {
            "original": text,
            "furniture": _wrapped(text, furniture[n % len(furniture)]),
            "script": to_traditional(text),
        }
        documents += [LabelledDocument(f"{key}-{v}.txt", key, story["event"], "dev", t) for v, t in variants.items()]
    for n, rewrite in enumerate(stories.get("rewrite", ())):
        key = f"story-{rewrite['of']}"
        event = next(s["event"] for s in stories["story"] if f"story-{s['id']}" == key)
        documents.append(LabelledDocument(f"{key}-rewrite{n}.txt", key, event, "dev", rewrite["text"].strip() + "\n"))
    if gold_folder is None or pages_folder is None:
        return documents
    for n, gold in enumerate(read_page_gold(gold_folder)):
        path = Path(pages_folder) / gold.file
        if not path.exists():
            continue
        raw = path.read_text(encoding="utf-8")
        lines = raw.splitlines()
        body = "\n".join(line for i, line in enumerate(lines, 1) if i not in gold.furniture)
        if len(content(body)) < min_body_chars:
            continue
        key, split = f"page-{Path(gold.file).stem}", split_of(gold.file)
        simplified = to_simplified(raw)
        variants = {
            "original": raw,
            "furniture": _wrapped(body, furniture[n % len(furniture)]),
            "script": to_traditional(raw) if simplified == raw else simplified,
            "spun": _spun(to_simplified(body), swaps),
            "cut": _cut(body),
        }
        documents += [LabelledDocument(f"{key}-{v}.txt", key, None, split, text) for v, text in variants.items()]
    return documents


@dataclass(frozen=True)
class CopyScores:
    split: str
    n_documents: int
    n_copy_pairs: int  # pairs of copies in the labels
    found: int  # of them, given one story
    merged: int  # pairs of different stories given one story
    merged_same_event: int  # of them, two reports of one event

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.merged) if self.found + self.merged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.n_copy_pairs if self.n_copy_pairs else 1.0

    def summary(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3)}

    def line(self) -> str:
        return (
            f"copies {self.split}: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"({self.n_documents} documents, {self.found} of {self.n_copy_pairs} pairs of copies found, "
            f"{self.merged} pairs of different stories merged, {self.merged_same_event} of them on one event)"
        )


def predicted_stories(documents: list[LabelledDocument]) -> dict[str, str]:
    """Each labelled document's ``story_id`` as the pipeline gives it (its longest item's, for a bulletin)."""
    from explore.corpus import load_corpus

    with tempfile.TemporaryDirectory() as folder:
        for document in documents:
            (Path(folder) / document.name).write_text(document.text, encoding="utf-8")
        found = load_corpus(folder).documents
    longest = found.sort_values("n_chars", ascending=False).drop_duplicates("source_file")
    return dict(zip(longest["source_file"], longest["story_id"], strict=True))


def score_copies(documents: list[LabelledDocument]) -> list[CopyScores]:
    """Pair counts and scores for each split (documents of different splits are loaded together, never paired)."""
    predicted = predicted_stories(documents)
    scores = []
    for split in sorted({d.split for d in documents}):
        members = [d for d in documents if d.split == split]
        story_of = {d.name: predicted.get(d.name, d.name) for d in members}  # a file with no text: its own
        together = Counter((d.story, story_of[d.name]) for d in members)
        found = sum(comb(n, 2) for n in together.values())
        predicted_pairs = sum(comb(n, 2) for n in Counter(story_of.values()).values())
        gold_pairs = sum(comb(n, 2) for n in Counter(d.story for d in members).values())
        same_event = sum(
            1
            for a, b in combinations([d for d in members if d.event], 2)
            if a.event == b.event and a.story != b.story and story_of[a.name] == story_of[b.name]
        )
        scores.append(CopyScores(split, len(members), gold_pairs, found, predicted_pairs - found, same_event))
    return scores


def copy_misses(documents: list[LabelledDocument]) -> list[str]:
    """What went wrong, for tuning on the dev split: copies given different stories, different stories merged."""
    predicted = predicted_stories(documents)
    misses = []
    for a, b in combinations(documents, 2):
        if a.split != b.split or a.split == "test":
            continue
        same = predicted.get(a.name, a.name) == predicted.get(b.name, b.name)
        if same != (a.story == b.story):
            misses.append(f"{'merged' if same else 'missed'}: {a.name} ~ {b.name}")
    return misses
