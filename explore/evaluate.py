"""Score extraction against a hand annotation.

A metrics annotation is a CSV with ``source_file, item_no, raw, value, unit,
qualifier, org`` (one row per figure, ``#`` lines are comments); a dates
annotation has ``source_file, item_no, date, precision``. Figures are matched
on (file, item, raw span), in order, so a figure repeated in one item counts
as often as it is written.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from explore.corpus import Corpus


@dataclass(frozen=True)
class MetricScores:
    n_annotated: int
    n_extracted: int
    n_matched: int
    value_correct: int
    qualifier_correct: int
    org_correct: int
    measure_correct: int

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_annotated if self.n_annotated else 1.0

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_extracted if self.n_extracted else 1.0

    def share(self, correct: int) -> float:
        return correct / self.n_matched if self.n_matched else 1.0

    def summary(self) -> dict[str, float]:
        """The scores, for a baseline."""
        return {
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "value_unit": round(self.share(self.value_correct), 3),
            "qualifier": round(self.share(self.qualifier_correct), 3),
            "attribution": round(self.share(self.org_correct), 3),
            "measure": round(self.share(self.measure_correct), 3),
        }

    def lines(self) -> list[str]:
        return [
            f"metrics: {self.n_annotated} annotated, {self.n_extracted} extracted, {self.n_matched} matched",
            f"  recall {self.recall:.3f}  precision {self.precision:.3f}",
            f"  value+unit {self.share(self.value_correct):.3f}  qualifier {self.share(self.qualifier_correct):.3f}"
            f"  attribution {self.share(self.org_correct):.3f}  measure {self.share(self.measure_correct):.3f}",
        ]


@dataclass(frozen=True)
class DateScores:
    n_items: int
    wrong_year: list[str]
    exact: int
    missing: list[str] = field(default_factory=list)  # annotated items the corpus does not hold (a split changed)

    def summary(self) -> dict[str, float]:
        """The scores, for a baseline (a wrong year is worse than no year: its own score)."""
        return {
            "dates_exact": round(self.exact / self.n_items, 3) if self.n_items else 1.0,
            "dates_no_wrong_year": round(1 - len(self.wrong_year) / self.n_items, 3) if self.n_items else 1.0,
        }

    def lines(self) -> list[str]:
        return [
            f"dates: {self.n_items} items, {self.exact} exactly right, {len(self.wrong_year)} with a wrong year",
            *(f"  wrong year: {item}" for item in self.wrong_year),
            *(f"  not in the corpus: {item}" for item in self.missing),
        ]


def read_annotation(path: str | Path) -> pd.DataFrame:
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def _keyed(frame: pd.DataFrame) -> dict[tuple[str, int, str], list[dict]]:
    keyed: dict[tuple[str, int, str], list[dict]] = {}
    for row in frame.to_dict("records"):
        keyed.setdefault((row["source_file"], int(row["item_no"]), row["raw"]), []).append(row)
    return keyed


def _extracted_for(corpus: Corpus, annotation: pd.DataFrame) -> pd.DataFrame:
    """The corpus's figures in the annotated files, with their file and item number."""
    docs = corpus.documents[["doc_id", "source_file", "item_no"]]
    extracted = corpus.metrics.merge(docs, on="doc_id")
    extracted = extracted[extracted["source_file"].isin(set(annotation["source_file"]))]
    return extracted.astype({"org": object, "item_no": int}).fillna({"org": ""})


def score_metrics(corpus: Corpus, annotation: pd.DataFrame) -> MetricScores:
    extracted = _extracted_for(corpus, annotation)
    truth, found = _keyed(annotation), _keyed(extracted)
    matched = value_ok = qualifier_ok = org_ok = measure_ok = 0
    for key, expected_rows in truth.items():
        for expected, got in zip(expected_rows, found.get(key, []), strict=False):
            matched += 1
            value_ok += abs(float(expected["value"]) - float(got["value"])) < 1e-6 and expected["unit"] == (
                got["unit"] or ""
            )
            qualifier_ok += expected["qualifier"] == got["qualifier"]
            org_ok += expected["org"] == (got["org"] or "")
            measure_ok += expected["measure"] == got["measure"]
    return MetricScores(len(annotation), len(extracted), matched, value_ok, qualifier_ok, org_ok, measure_ok)


def score_dates(corpus: Corpus, annotation: pd.DataFrame) -> DateScores:
    docs = corpus.documents.set_index(["source_file", "item_no"])
    wrong, missing, exact = [], [], 0
    for row in annotation.to_dict("records"):
        key = (row["source_file"], int(row["item_no"]))
        if key not in docs.index:
            missing.append(f"{key[0]} item {key[1]}")  # counted wrong: the item was not split out
            continue
        got = docs.loc[key]
        got_date = None if pd.isna(got["date"]) else got["date"].date().isoformat()
        got_precision = None if pd.isna(got["date_precision"]) else got["date_precision"]
        want_date, want_precision = row["date"] or None, row["precision"] or None
        if got_date and (not want_date or got_date[:4] != want_date[:4]):
            wrong.append(f"{key[0]} item {key[1]}: {got_date} (annotated {want_date or 'unknown'})")
        exact += (got_date, got_precision) == (want_date, want_precision)
    return DateScores(len(annotation), wrong, exact, missing)


def mismatches(corpus: Corpus, annotation: pd.DataFrame) -> list[str]:
    """Annotated figures not extracted, and extracted ones not annotated (for a reader to check)."""
    extracted = _extracted_for(corpus, annotation)
    want = Counter((r["source_file"], int(r["item_no"]), r["raw"]) for r in annotation.to_dict("records"))
    got = Counter((r["source_file"], r["item_no"], r["raw"]) for r in extracted.to_dict("records"))
    return [f"missed: {k}" for k in sorted(want - got)] + [f"extra: {k}" for k in sorted(got - want)]
