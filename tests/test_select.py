"""Selections: the prepared selector agrees with plain pandas filtering."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import explore
from explore import select


@pytest.fixture(scope="module")
def corpus():
    return explore.load_corpus()


def test_selector_matches_isin_and_missing_values():
    frame = pd.DataFrame({"org": pd.Series(["京东", None, "腾讯", "京东", None], dtype="string")})
    selector = select.Selector(frame, ["org"])
    assert selector.among("org", ["京东"]).tolist() == [True, False, False, True, False]
    assert selector.among("org", [None]).tolist() == [False, True, False, False, True]
    assert selector.among("org", ["腾讯", "没有这个"]).tolist() == [False, False, True, False, False]
    assert not selector.among("org", []).any()


def test_selector_dates_between(corpus):
    events = select.dated_events(corpus)
    selector = select.Selector(events, ["org"], dates="date")
    window = (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"))
    expected = (events["date"] >= window[0]) & (events["date"] <= window[1])
    assert selector.between(window).tolist() == expected.tolist()
    assert 0 < expected.sum() < len(events)


def test_select_events_is_dated_events_filtered(corpus):
    chosen = select.select_events(corpus, orgs=["腾讯"], kinds=None)
    every = select.dated_events(corpus)
    assert len(chosen) == (every["org"] == "腾讯").sum() > 0
    assert list(chosen.index) == list(range(len(chosen)))


def test_spans_are_a_day_a_month_or_a_year():
    starts = pd.Series(pd.to_datetime(["2023-01-31", "2023-01-01", "2023-01-01", "2023-05-06", None]))
    precisions = pd.Series(["day", "month", "year", "month_day", None], dtype="string")
    ends = select.span_ends(starts, precisions)
    assert ends.tolist()[:4] == [pd.Timestamp(d) for d in ("2023-02-01", "2023-02-01", "2024-01-01", "2023-05-07")]
    assert pd.isna(ends.iloc[4])


@given(
    values=st.lists(st.integers(0, 6), max_size=60),
    n=st.integers(1, 10),
    data=st.data(),
)
def test_largest_is_a_stable_top_n(values, n, data):
    array = np.array(values, dtype=float)
    rows = np.array(sorted(data.draw(st.sets(st.integers(0, max(len(values) - 1, 0)))) if values else []), dtype=int)
    expected = rows if len(rows) <= n else np.sort(rows[np.argsort(-array[rows], kind="stable")[:n]])
    assert select.largest(rows, array, n).tolist() == expected.tolist()
