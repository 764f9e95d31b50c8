"""How much a chart or table shows: every cap in one place, applied in the compute step.

A chart never gets more marks than a reader can see, and a table shows its
first rows; whatever is capped says so (``attrs["limited"]`` on the frame a
figure builder receives, which it adds to its title; ``attrs["n_rows"]`` on a
table). Figure builders never cap, they draw what they are given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from explore.labels import limited

TABLE_ROWS = 50
# Beyond this many events the timeline draws monthly counts per organization.
MAX_EVENTS_DRAWN = 2000
# The largest figures of each unit drawn at most.
MAX_FIGURES_DRAWN = 300
# Documents with most hits drawn in the search chart.
MAX_DOCUMENTS_DRAWN = 30
# Largest files drawn in the overview.
MAX_FILES_DRAWN = 30
# Rows of a heat map (documents × themes): those with most hits.
MAX_HEATMAP_ROWS = 40
# Organizations compared side by side at most (more crowd the charts); the first ones chosen are kept.
MAX_ORGS_COMPARED = 4
# jieba segments about 1 MB/s: beyond this many documents top terms read an evenly spaced sample.
MAX_DOCUMENTS_SEGMENTED = 2000


def largest(rows: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """The positions among ``rows`` of the ``n`` largest ``values``, ties in row order, in row order."""
    if len(rows) <= n:
        return rows
    chosen = values[rows]
    threshold = np.partition(chosen, len(chosen) - n)[len(chosen) - n]  # the n-th largest, in linear time
    above = chosen > threshold
    tied = np.flatnonzero(chosen == threshold)[: n - int(above.sum())]
    return rows[np.sort(np.concatenate([np.flatnonzero(above), tied]))]


def top_rows(frame: pd.DataFrame, size: pd.Series | np.ndarray, n: int, template: str) -> pd.DataFrame:
    """The ``n`` rows of largest ``size``, in their order, saying so in ``attrs["limited"]`` when rows were left out.

    ``template`` says what is kept, with ``{n}`` and ``{total}``: ``"the {n} largest of {total} files"``.
    """
    if len(frame) <= n:
        return frame
    positions = largest(np.arange(len(frame)), np.asarray(size, dtype=float), n)
    kept = frame.iloc[positions].copy()
    kept.attrs["limited"] = limited(template, n, len(frame))
    return kept


def first_chosen(chosen: list[str], n: int, what: str) -> tuple[list[str], str | None]:
    """The first ``n`` of the values a reader chose, and what to say when some were left out."""
    if len(chosen) <= n:
        return chosen, None
    return chosen[:n], limited(f"the first {{n}} of {{total}} {what} chosen", n, len(chosen))


def with_note(frame: pd.DataFrame, note: str | None) -> pd.DataFrame:
    """``frame`` saying what was left out of it (``attrs["limited"]``), when something was."""
    if note:
        frame.attrs["limited"] = note
    return frame


def first_rows(frame: pd.DataFrame, n_rows: int, n: int) -> pd.DataFrame:
    """The first ``n`` rows of a table of ``n_rows`` rows in all, remembering how many it has (``attrs["n_rows"]``)."""
    frame = frame.head(n).reset_index(drop=True)
    frame.attrs["n_rows"] = n_rows
    return frame
