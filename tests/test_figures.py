"""Large tables are capped in the compute step, and the figure's title says which part it draws."""

import pytest

import explore
from explore import figures, summaries, terms


@pytest.fixture(scope="module")
def corpus():
    return explore.load_corpus()


def test_files_bar_draws_the_largest_files(corpus):
    table = summaries.file_overview(corpus)
    fig = figures.files_bar(summaries.files_to_draw(corpus, limit=2))
    largest = set(table.nlargest(2, "n_chars")["source_file"])
    assert {str(y) for y in fig.data[0].y} == largest
    assert "the 2 largest of 5 files" in fig.layout.title.text
    assert "largest" not in figures.files_bar(summaries.files_to_draw(corpus)).layout.title.text


def test_themes_heatmap_draws_the_rows_with_most_hits(corpus):
    table = summaries.themes_by_document(corpus)
    fig = figures.themes_heatmap(summaries.themes_to_draw(corpus, limit=3))
    assert len(fig.data[0].y) == 3 and f"of {len(table):,}" in fig.layout.title.text
    assert sorted(row.sum() for row in fig.data[0].z) == sorted(table.sum(axis=1).nlargest(3))
    assert fig.layout.height < 400


def test_top_terms_read_an_even_sample_of_a_large_corpus(corpus):
    every = terms.top_terms(corpus.documents["text"], n=10)
    sampled = terms.top_terms(corpus.documents["text"], n=10, max_documents=4)
    assert "limited" not in every.attrs and sampled.attrs["limited"] == "in 4 of 16 documents, evenly spaced"
    assert sampled["n_documents"].max() <= 4 < every["n_documents"].max()
    assert "in 4 of 16 documents" in figures.terms_bar(sampled).layout.title.text


def test_what_cleaning_removed_agrees_with_the_files_chart(corpus):
    files = summaries.file_overview(corpus)
    removed = summaries.removed_by_reason(corpus)
    parts = ["n_chars_clean", "n_chars_title", "n_chars_furniture", "n_chars_normalized"]
    assert (files[parts].sum(axis=1) == files["n_chars"]).all()  # every character read is accounted for
    assert int(removed["n_chars"].sum()) == int(files[["n_chars_furniture", "n_chars_normalized"]].sum().sum())
    assert summaries.NORMALIZED in set(removed["reason"])  # 002's pinyin ruby, not a line but still removed
    labels = dict(zip(removed["reason"], removed["label"], strict=True))
    assert labels["footer"] == "1 piece" and labels["related links"].endswith(" pieces")
    fig = figures.removed_bar(removed)
    assert list(fig.data[0].text) == list(removed["label"])
    assert [trace.name for trace in figures.files_bar(summaries.files_to_draw(corpus)).data][1] == "标题 titles (kept)"
