"""Selections: the prepared selector agrees with plain pandas filtering."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import explore
from explore import limits, select


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
    assert limits.largest(rows, array, n).tolist() == expected.tolist()


@pytest.mark.parametrize(
    ("keyword", "regex"), [("直播", False), ("数字乡村", False), ("京东", False), (r"\d+万", True)]
)
def test_hit_counts_count_what_kwic_finds(corpus, keyword, regex):
    hits = select.kwic(corpus, keyword, regex=regex)
    counts = select.hit_counts(corpus, keyword, regex=regex)
    assert len(hits) > 0
    assert dict(zip(counts["doc_id"], counts["n_hits"], strict=True)) == hits.groupby("doc_id").size().to_dict()
    assert list(counts["n_hits"]) == sorted(counts["n_hits"], reverse=True)
    assert select.hits_over_time(counts)["n_hits"].sum() == select.hits_over_time(hits)["n_hits"].sum()


def test_kwic_reads_line_breaks_as_spaces_and_stops_at_a_limit(tmp_path):
    (tmp_path / "a.txt").write_text("数字乡村建设。\n直播 带货，直播\n带货，直播带货。", encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    assert len(select.kwic(corpus, "直播 带货")) == 2
    assert select.hit_counts(corpus, "直播 带货")["n_hits"].tolist() == [2]
    assert select.hit_counts(corpus, "直播")["n_hits"].tolist() == [3]
    assert len(select.kwic(corpus, "直播", limit=2)) == 2
    assert select.hit_counts(corpus, "").empty and select.kwic(corpus, "").empty


def test_org_documents_count_every_org_mention_once(corpus):
    table = select.org_documents(corpus)
    orgs = corpus.mentions[corpus.mentions["kind"] == "org"]
    assert table["n_mentions"].sum() == len(orgs)
    assert not table.duplicated(["doc_id", "org"]).any()
    assert select.org_documents(corpus) is table  # computed once per corpus
    over_time = select.mentions_over_time(corpus, ["中国联通"])
    dated = orgs.merge(corpus.documents[["doc_id", "date"]], on="doc_id").dropna(subset=["date"])
    assert over_time["n_mentions"].sum() == (dated["name"] == "中国联通").sum() > 0
