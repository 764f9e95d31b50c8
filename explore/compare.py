"""Figures compared like with like: by measure within one unit family, per organization and over time.

A figure's ``measure`` says what it counts (``explore.measures``); its unit's
family says which figures share an axis (斤 and 吨 do, after conversion; 人
and 人次 do not). :func:`measured` adds both to the figures, once per corpus;
:func:`scorecard` picks each organization's headline figure per measure and
:func:`measure_series` the figures a small chart per measure draws over time.
Pure pandas: nothing here draws.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from explore import limits
from explore.labels import missing
from explore.measures import OTHER, measure_rules, measures, unit_family
from explore.tables import Corpus

_MEASURED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PUNCTUATION = "、，。；：“”‘’「」《》（）() "
SCORECARD_COLUMNS = (
    "measure", "measure_label", "org", "raw", "value", "unit", "qualifier", "date", "sentence", "title", "n_figures"
)  # fmt: skip


def _families(units: pd.Series, measure: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each figure's unit family and the factor to the family's base unit, looked up once per distinct unit.

    A count of a measure whose unit has a family joins it: 10万多居民 (个) are people, like 3864名.
    """
    lookup = {unit: unit_family(unit) for unit in units.dropna().unique()}
    family = units.map({u: f for u, (f, _) in lookup.items()}).fillna("count").astype("string")  # dict maps: no
    factor = units.map({u: x for u, (_, x) in lookup.items()}).fillna(1.0).astype(float)  # Python call per row
    declared = {key: unit_family(m.unit)[0] for key, m in measures().items()}
    joins = (family == "count") & measure.map(declared).fillna("count").ne("count")
    return family.mask(joins, measure.map(declared)), factor


def _base_units(measure: pd.Series, family: pd.Series, unit: pd.Series) -> pd.Series:
    """The unit a figure's value is shown in, once brought into its family: 公斤 for 斤, the measure's for counts."""
    first_of: dict[str, str] = {}
    for unit_name, (family_name, factor) in measure_rules().families.items():
        if factor == 1.0:
            first_of.setdefault(family_name, unit_name)
    declared = {key: m.unit for key, m in measures().items()}
    counted = measure.map(declared).where(measure != OTHER, unit)
    return family.map(first_of).where(family != "count", counted).fillna(unit).astype("string")


def measured(corpus: Corpus) -> pd.DataFrame:
    """The corpus's figures with what compares them, computed once per corpus.

    Each row represents one figure: the ``metrics`` columns plus ``family``
    (the unit's family: money, weight, people, person_times, percent …, or
    count), ``base_value`` and ``base_unit`` (the value in the family's base
    unit: 2万斤 → 10,000 公斤), ``group`` (``measure:family``, or ``other:unit``:
    the figures one axis may hold), ``measure_label``, and ``date`` and
    ``title`` of its document.
    """
    if corpus not in _MEASURED:
        metrics = corpus.metrics
        measure = metrics["measure"].fillna(OTHER).astype("string")
        family, factor = _families(metrics["unit"], measure)
        base_unit = _base_units(measure, family, metrics["unit"])
        group = measure + ":" + family.where(measure != OTHER, metrics["unit"].fillna(missing("unit")))
        labels = {key: m.label for key, m in measures().items()}
        documents = corpus.documents.set_index("doc_id")
        frame = metrics.assign(
            measure=measure,
            family=family,
            base_value=metrics["value"].to_numpy(dtype=float) * factor.to_numpy(),
            base_unit=base_unit,
            group=group.astype("string"),
            measure_label=measure.map(labels).fillna(measure).astype("string"),
            date=documents["date"].reindex(metrics["doc_id"]).to_numpy(),
            title=documents["title"].reindex(metrics["doc_id"]).to_numpy(),
        )
        _MEASURED[corpus] = frame
    return _MEASURED[corpus]


def group_options(figures: pd.DataFrame) -> pd.DataFrame:
    """Each row represents one group of comparable figures: ``group``, ``label`` (measure · unit) and ``n``.

    Measures in the data file's order, ``other`` last; within a measure, the family with most figures first.
    """
    if figures.empty:
        return pd.DataFrame({"group": pd.Series(dtype="string"), "label": [], "n": pd.Series(dtype="int64")})
    order = {key: i for i, key in enumerate(measures())}
    table = figures.groupby(["group", "measure", "measure_label", "base_unit"], observed=True).size().rename("n")
    table = table.reset_index()
    table["rank"] = table["measure"].map(order).fillna(len(order))
    table = table.sort_values(["rank", "n", "group"], ascending=[True, False, True], kind="stable")
    table["label"] = table["measure_label"] + " · " + table["base_unit"].fillna("")
    return table[["group", "label", "n"]].reset_index(drop=True)


def main_groups(figures: pd.DataFrame) -> pd.Series:
    """For each measure (``other`` left out), the group holding most of its figures: one family per measure row."""
    known = figures[figures["measure"] != OTHER]
    if known.empty:
        return pd.Series(dtype="string")
    counts = known.groupby(["measure", "group"], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values(["measure", "n", "group"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("measure").set_index("measure")["group"]


def headline(figures: pd.DataFrame) -> pd.DataFrame:
    """One figure per organization and measure: the latest dated (ties: the largest), else the largest.

    ``figures`` are of one group per measure; each row kept carries ``n_figures``, how many it stands for.
    """
    if figures.empty:
        return figures.assign(n_figures=pd.Series(dtype="int64"))
    dated = figures["date"].notna()  # NaT reads as the smallest int64 below
    ranked = figures.assign(
        _dated=dated.astype(int),
        _when=figures["date"].to_numpy(dtype="datetime64[us]").view("int64"),
        _size=figures["base_value"],
    )
    ranked = ranked.sort_values(["_dated", "_when", "_size"], ascending=False, kind="stable")
    n_figures = figures.groupby(["measure", "org"], observed=True).size().rename("n_figures")
    best = ranked.drop_duplicates(["measure", "org"]).drop(columns=["_dated", "_when", "_size"])
    return best.join(n_figures, on=["measure", "org"])


def _compared(corpus: Corpus, orgs: Sequence[str]) -> tuple[pd.DataFrame, pd.Series]:
    """The figures of ``orgs`` that have a measure, and each measure's main group (:func:`main_groups`)."""
    figures = measured(corpus)
    chosen = figures[figures["org"].isin(list(orgs)) & (figures["measure"] != OTHER)]
    return chosen, main_groups(chosen)


def scorecard(corpus: Corpus, orgs: Sequence[str]) -> pd.DataFrame:
    """Each row represents one organization's headline figure for one measure (see :func:`headline`).

    Measures in the data file's order, organizations in the order given; a
    measure is read in its main family only (:func:`main_groups`: 人次 of
    training are not set beside 人), and what that leaves out is said in
    ``attrs["limited"]``.
    """
    return _scorecard(*_compared(corpus, orgs), list(orgs))


def _scorecard(chosen: pd.DataFrame, groups: pd.Series, orgs: list[str]) -> pd.DataFrame:
    in_main = chosen["group"].to_numpy() == chosen["measure"].map(groups).to_numpy()
    kept = chosen[in_main]
    card = headline(kept)
    order = {key: i for i, key in enumerate(measures())}
    place = {org: i for i, org in enumerate(orgs)}
    card = card.assign(_m=card["measure"].map(order), _o=card["org"].map(place))
    columns = [c for c in SCORECARD_COLUMNS if c in card.columns]  # no sentence in a corpus opened with text=False
    card = card.sort_values(["_m", "_o"], kind="stable")[columns].reset_index(drop=True)
    left = int((~in_main).sum())
    note = f"{left:,} figures in another unit than their measure's main one, not compared" if left else None
    return limits.with_note(card, note)


def measure_series(corpus: Corpus, orgs: Sequence[str], measure_groups: Sequence[str]) -> pd.DataFrame:
    """The dated figures of ``orgs`` in each of ``measure_groups``, for a small chart per measure over time.

    Each row represents one figure, with ``base_value`` and ``date``; undated
    figures are left out and counted in ``attrs["limited"]``.
    """
    figures = measured(corpus)
    chosen = figures[figures["org"].isin(list(orgs)) & figures["group"].isin(list(measure_groups))]
    undated = int(chosen["date"].isna().sum())
    series = chosen.dropna(subset=["date"]).sort_values("date", kind="stable")
    note = f"{undated:,} undated figures not drawn" if undated else None
    return limits.with_note(series.reset_index(drop=True), note)


def figure_labels(rows: pd.DataFrame) -> list[str]:
    """What a chart says a figure is: ``腾讯 · 居民 10万多`` (organization · what is counted and how many), the raw
    text never twice: a subject the raw text ends with is said once, before the number."""
    labels = []
    orgs = rows["org"].fillna(missing("org")).astype(str)
    for org, subject, raw in zip(orgs, rows["subject"], rows["raw"], strict=True):
        subject = subject.strip(_PUNCTUATION) if isinstance(subject, str) else None
        if subject and raw.endswith(subject) and len(raw) > len(subject):
            labels.append(f"{org} · {subject} {raw[: -len(subject)]}")
        elif subject and subject not in raw:
            labels.append(f"{org} · {subject} {raw}")
        else:
            labels.append(f"{org} · {raw}")
    return labels


@dataclass(frozen=True)
class Comparison:
    """What a company comparison draws: the scorecard, and the dated figures of its measures for a chart each."""

    orgs: tuple[str, ...]
    card: pd.DataFrame  # :func:`scorecard`
    series: pd.DataFrame  # :func:`measure_series` of the card's groups
    panels: tuple[tuple[str, str], ...]  # (group, label) of each measure with dated figures, in the card's order


def comparison(corpus: Corpus, orgs: Sequence[str]) -> Comparison:
    """The scorecard of ``orgs`` and, for each of its measures, the dated figures in the same unit family."""
    orgs = tuple(orgs)
    chosen, groups = _compared(corpus, orgs)
    card = _scorecard(chosen, groups, list(orgs))
    in_card = list(dict.fromkeys(card["measure"]))
    series = measure_series(corpus, orgs, [groups[m] for m in in_card if m in groups])
    dated = set(series["group"])
    labels = dict(zip(card["measure"], card["measure_label"], strict=False))
    panels = tuple((groups[m], labels[m]) for m in in_card if m in groups and groups[m] in dated)
    return Comparison(orgs, card, series, panels)
