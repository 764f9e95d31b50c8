"""Widget views: callbacks are plain methods, each figure is put anew in its slot; tested through their surface."""

import itertools
import json

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import pytest

import explore
from explore import copies, limits, notebook, select, views


@pytest.fixture(scope="module")
def corpus():
    return explore.load_corpus()


def test_a_slot_shows_the_new_figure_as_one_output(corpus, monkeypatch):
    """In JupyterLab an output area holding the figure's plotly JSON; in a dashboard the same area holding HTML
    that draws the figure with the page's plotly.js (no FigureWidget: nothing has to start per figure)."""
    view = views.TimelineView(corpus)
    view.widget()
    (slot,) = view._slots
    assert isinstance(slot, widgets.Output) and "application/vnd.plotly.v1+json" in slot.outputs[0]["data"]
    json.dumps(slot.outputs)  # the widget's state goes to the browser as JSON
    monkeypatch.setenv("EXPLORE_FIGURES", "html")
    view = views.TimelineView(corpus)
    view.widget()
    (slot,) = view._slots
    view.org.value = ["腾讯"]
    (output,) = slot.outputs
    assert list(output["data"]) == ["text/html"]
    html = output["data"]["text/html"]
    shown = {t.name for t in view.shown[0].data if len(t.x)}
    assert shown and all(json.dumps(name).strip('"') in html for name in shown)
    assert "FigureWidget" not in html and "Plotly.newPlot" in html


def test_figure_html_keeps_corpus_text_inside_its_script():
    """A title holding </script> or markup stays data: the spec escapes <, > and &."""
    figure = go.Figure(go.Bar(x=["</script><script>alert(1)</script>"], y=[1], name="<b>&"))
    html = notebook.figure_html(figure)
    script = html[html.index("<script") : html.rindex("</script>")]
    assert "</script" not in script[8:] and "<b>" not in script and "alert(1)" in script
    spec = script[script.index("var figure = ") + 13 : script.index(";\n  var div")]
    assert json.loads(spec)["data"][0]["x"] == ["</script><script>alert(1)</script>"]


def trace_lengths(view):
    return [sum(len(t.x) for t in widget.data) for widget in view.shown]


def test_timeline_update_puts_a_new_figure_in_its_slot(corpus):
    view = views.TimelineView(corpus)
    view.widget()
    every = trace_lengths(view)[0]
    view.org.value = ["腾讯"]  # the observer calls update()
    assert 0 < trace_lengths(view)[0] < every
    assert "腾讯" in view.table_widget.value and "京东" not in view.table_widget.value


def test_callback_called_directly(corpus):
    view = views.MetricsView(corpus)
    view.widget()
    view.update(group="invested:money", orgs=["中国农业银行"])
    by_org, over_time = view.shown
    values = [v for t in by_org.data if t.mode == "markers" for v in t.x]
    assert sorted(set(values)) == [21000000.0, 41900000.0]  # 贷款4190万元, 资金超2100万元 and a 2100万元 fund
    assert sorted(v for t in over_time.data for v in t.y) == sorted(values)  # the same figures, over time


def test_companies_and_search(corpus):
    companies = views.CompaniesView(corpus, ["中国联通", "腾讯"])
    companies.widget()
    assert companies.selection() == {"orgs": ["中国联通", "腾讯"], "every_copy": False}
    search = views.SearchView(corpus, "直播")
    search.widget()
    search.keyword.value = "奔富计划"
    assert search.table_widget.value.count("奔富计划") == 1


def test_static_html_has_client_side_controls(corpus):
    html = views.TimelineView(corpus).static_html()
    assert "updatemenus" in html and "rangeslider" in html


def test_views_survive_a_corpus_without_dates_or_figures(tmp_path):
    (tmp_path / "a.txt").write_text("9月27日，某地召开会议。会议讨论了乡村治理。", encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    for view in (
        views.TimelineView(corpus),
        views.MetricsView(corpus),
        views.CompaniesView(corpus),
        views.SearchView(corpus),
    ):
        view.widget()
        assert isinstance(view.static_html(), str)


def test_tables_escape_corpus_text():
    frame = pd.DataFrame({"title": ["<script>alert(1)</script>"]})
    assert "<script>" not in views.table_html(frame)
    assert "&lt;script&gt;" in views.table_html(frame)


def test_large_selections_are_aggregated_before_drawing(corpus, monkeypatch):
    monkeypatch.setattr(limits, "MAX_EVENTS_DRAWN", 5)
    monkeypatch.setattr(limits, "MAX_FIGURES_DRAWN", 3)
    timeline = views.TimelineView(corpus)
    (figure,) = timeline.figures(**timeline.selection())
    assert "monthly counts" in figure.layout.title.text
    hover = [row[0] for trace in figure.data for row in (trace.customdata or [])]
    assert hover and all(label.endswith("events") for label in hover)
    assert sum(int(label.split()[0]) for label in hover) == len(select.select_events(corpus, **timeline.selection()))

    metrics = views.MetricsView(corpus)
    chart, _over_time = metrics.figures(**metrics.selection())
    markers = [v for trace in chart.data if trace.mode == "markers" for v in trace.x]
    assert len(markers) == 3 and "largest" in chart.layout.title.text
    every = select.select_metrics(corpus, **views.MetricsView.filters(**metrics.selection()))
    assert len(every) > 3 and sorted(markers, reverse=True) == sorted(every["base_value"], reverse=True)[:3]


def test_tables_say_how_many_rows_they_leave_out(corpus, monkeypatch):
    monkeypatch.setattr(limits, "TABLE_ROWS", 3)
    timeline = views.TimelineView(corpus)
    table = timeline.table(**timeline.selection())
    every = select.select_events(corpus, **timeline.selection())
    assert len(table) == 3 and table.attrs["n_rows"] == len(every) > 3
    assert list(table["date"]) == sorted(every["date"])[:3]
    html = views.table_html(table)
    assert f"first 3 of {table.attrs['n_rows']} rows" in html
    metrics = views.MetricsView(corpus)
    shown = metrics.table(**metrics.selection())
    every = select.select_metrics(corpus, **views.MetricsView.filters(**metrics.selection()))
    assert list(shown["value"]) == sorted(every["base_value"], reverse=True)[:3]
    assert shown["date"].notna().all()


def test_timeline_shows_unattributed_events_until_organizations_are_chosen(tmp_path):
    (tmp_path / "a.txt").write_text("2023年9月27日，某地召开乡村振兴会议。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年9月28日，京东召开数字乡村推进会。", encoding="utf-8")
    (tmp_path / "c.txt").write_text("2023年9月29日，腾讯召开数字乡村推进会。", encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    view = views.TimelineView(corpus)
    every = select.select_events(corpus, **view.selection())
    assert sorted(every["org"].fillna("(none)")) == ["(none)", "京东", "腾讯"]
    assert list(select.select_events(corpus, **(view.selection() | {"orgs": ["京东"]}))["org"]) == ["京东"]
    view.widget()
    drawn = {trace.name for trace in view.shown[0].data if len(trace.x)}
    assert drawn == {"京东", "腾讯", "（未归属 unattributed）"}
    view.org.value = ["京东"]
    assert {trace.name for trace in view.shown[0].data if len(trace.x)} == {"京东"}


def test_search_draws_the_documents_with_most_hits_and_counts_every_hit(corpus, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENTS_DRAWN", 2)
    search = views.SearchView(corpus, "数字乡村")
    per_document, _over_time = search.figures(**search.selection())
    counts = select.hit_counts(copies.counted(corpus), "数字乡村")  # each story once: the seeds hold one copy
    assert len(counts) > 2 and list(per_document.data[0].x) == list(counts["n_hits"][:2])
    assert "most hits" in per_document.layout.title.text
    assert search.table(**search.selection()).attrs["n_rows"] == counts["n_hits"].sum()
    every = select.hit_counts(corpus, "数字乡村")
    assert search.table(**search.selection() | {"every_copy": True}).attrs["n_rows"] == every["n_hits"].sum()


def test_timeline_selection_agrees_with_select_events_in_every_combination(corpus):
    """The view draws what ``select_events`` selects, for none, some and all of every filter ("all" = no filter)."""
    view = views.TimelineView(corpus)
    orgs, themes, kinds = list(view.org.options), list(view.theme.options), list(view.kind.options)
    dates = sorted(select.dated_events(corpus)["date"])
    choices = {
        "orgs": [None, [], orgs[:2], orgs],
        "themes": [None, [], themes[:1], themes],
        "kinds": [None, [], kinds[:2], kinds],
        "date_range": [None, (dates[3], dates[-3])],
    }
    every = select.select_events(corpus)
    for combination in itertools.product(*choices.values()):
        selection = dict(zip(choices, combination, strict=True))
        chosen = select.select_events(corpus, **selection)
        table = view.table(**selection)
        assert table.attrs["n_rows"] == len(chosen), selection
        drawn = [row[0] for trace in view.figures(**selection)[0].data for row in (trace.customdata or [])]
        assert len(drawn) == len(chosen), selection
        for name, options in (("orgs", orgs), ("themes", themes), ("kinds", kinds)):
            if selection[name] is None or selection[name] == options:  # "all" is no filter: nothing left out
                narrower = {**selection, name: None}
                assert len(chosen) == len(select.select_events(corpus, **narrower)), selection
    assert len(select.select_events(corpus, orgs=orgs)) == len(every)


def test_choosing_every_organization_keeps_unattributed_events(tmp_path):
    (tmp_path / "a.txt").write_text("2023年9月27日，某地召开乡村振兴会议。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年9月28日，京东召开数字乡村推进会。", encoding="utf-8")
    (tmp_path / "c.txt").write_text("2023年9月29日，腾讯召开数字乡村推进会。", encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    assert len(select.select_events(corpus, orgs=["京东"])) == 1
    assert len(select.select_events(corpus, orgs=["京东", "腾讯"])) == 3  # every organization: no filter
    assert len(select.select_events(corpus, orgs=None)) == 3
    assert len(select.select_events(corpus, orgs=[])) == 0


def test_choosing_more_organizations_than_compared_says_so_on_every_chart(corpus):
    from explore import limits, select, views

    orgs = select.organizations(corpus)["org"].tolist()[: limits.MAX_ORGS_COMPARED + 1]
    view = views.CompaniesView(corpus, orgs=orgs)
    for figure in view.figures(**view.selection()):
        assert f"the first {limits.MAX_ORGS_COMPARED} of {len(orgs)} organizations chosen" in figure.layout.title.text
    table = view.table(**view.selection())
    assert set(table["org"]) <= set(orgs[: limits.MAX_ORGS_COMPARED])
    few = views.CompaniesView(corpus, orgs=orgs[:2])
    assert all("chosen" not in (f.layout.title.text or "") for f in few.figures(**few.selection()))


def test_undated_documents_are_counted_not_dropped_silently(corpus):
    from explore import select

    named = select.org_documents(corpus)
    undated = named[named["date"].isna()]
    org = undated["org"].iloc[0]
    table = select.mentions_over_time(corpus, [org])
    assert f"mentions in undated documents, not drawn: {org}" in table.attrs["limited"]
    hits = pd.DataFrame({"date": pd.to_datetime(["2023-01-05", None]), "n_hits": [2, 3]})
    assert select.hits_over_time(hits).attrs["limited"] == "3 hits in undated documents, not drawn"


def test_every_control_shows_its_whole_label_and_dates_print_as_dates(corpus):
    from explore import summaries, views

    for view in (
        views.TimelineView(corpus),
        views.MetricsView(corpus),
        views.CompaniesView(corpus),
        views.SearchView(corpus),
    ):
        for control in view.controls():
            if hasattr(control, "style") and hasattr(control, "description"):
                assert control.style.description_width == "initial", control.description
    first, last = summaries.date_span(corpus)
    assert "00:00:00" not in f"{first} {last}" and str(first) < str(last)


def test_the_scorecard_shows_each_organizations_headline_figure_per_measure(corpus):
    from explore import compare

    card = compare.scorecard(corpus, ["中国联通", "腾讯"])
    villages = card[card["measure"] == "villages"].set_index("org")
    assert villages.loc["中国联通", "raw"] == "25.5万行政村" and villages.loc["腾讯", "raw"] == "1.7万个"
    assert str(villages.loc["中国联通", "date"].date()) == "2023-09-27"
    trained = card[(card["measure"] == "trained") & (card["org"] == "腾讯")].iloc[0]
    assert trained["n_figures"] == 4 and trained["raw"] == "100万人"  # the largest of one date's four
    measures = list(dict.fromkeys(card["measure"]))
    assert measures.index("villages") < measures.index("invested") < measures.index("growth")  # the data file's order
    assert "other" not in measures

    view = views.CompaniesView(corpus, ["中国联通", "腾讯"])
    scorecard, panels, _themes, _mentions = view.figures(**view.selection())
    cells = {t.name: dict(zip(t.y, t.text, strict=True)) for t in scorecard.data}
    assert "25.5万行政村" in cells["中国联通"]["村庄 villages"] and "2023-09-27" in cells["中国联通"]["村庄 villages"]
    assert {t.name for t in panels.data} == {"中国联通", "腾讯"}


def test_an_exported_companies_page_compares_every_organization_with_figures(corpus):
    view = views.CompaniesView(corpus, ["中国联通", "腾讯"])
    scorecard, *_ = view.figures(controls=True, orgs=["中国联通", "腾讯"])
    names = [t.name for t in scorecard.data]
    assert names == select.orgs_with_figures(corpus, first=["中国联通", "腾讯"]) and len(names) > 4
    assert [t.visible for t in scorecard.data][:2] == [True, True]
    assert all(t.visible == "legendonly" for t in scorecard.data[2:]) and scorecard.layout.showlegend
    assert "['" not in view.static_html()  # no raw Python list printed


def test_metrics_labels_say_what_is_counted_never_the_raw_text_twice(corpus):
    view = views.MetricsView(corpus)
    labels = [y for t in view.figures(group="other:个", orgs=None)[0].data for y in (t.y or ()) if y]
    assert "中央网信办 · 至少3个" in labels and not any("(至少3个)" in label for label in labels)
    labels = [y for t in view.figures(group="people:people", orgs=None)[0].data for y in (t.y or ()) if y]
    assert "腾讯 · 居民 10万多" in labels


def test_tables_print_numbers_as_chinese_readers_write_them():
    frame = pd.DataFrame({"value": [200000.0, 1.2e9, 1207.0, 0.35], "date": pd.to_datetime(["2023-09-27"] * 4)})
    html = views.table_html(frame)
    assert all(text in html for text in ("20万", "12亿", "1,207", "0.35", "2023-09-27"))
    assert "e+" not in html and "00:00:00" not in html


def test_timeline_marks_events_and_draws_coarse_dates_as_thin_spans(corpus):
    view = views.TimelineView(corpus)
    (figure,) = view.figures(**view.selection())
    assert not [t for t in figure.data if t.type == "bar"]  # no year-long bars to fill a lane
    spans = [t for t in figure.data if t.mode == "lines"]
    assert spans and all(t.line.width <= 3 and t.opacity < 0.5 for t in spans)
    one = select.select_events(corpus).head(1)
    (figure,) = view.figures(orgs=[one["org"].iloc[0]], date_range=(one["date"].iloc[0], one["date"].iloc[0]))
    start, end = (pd.Timestamp(x) for x in figure.layout.xaxis.range)
    assert end - start >= pd.Timedelta(days=59)  # a month either side, never a millisecond axis
    assert view.date_readout.value.count("-") == 4  # both dates in full (the slider's own readout cut them)


def test_the_companies_heat_map_counts_themes_of_the_organizations_own_sentences(corpus):
    own = select.own_sentences(corpus, ["中国联通"])
    table = select.themes_by_org(corpus, ["中国联通"])
    whole = corpus.themes.merge(select.org_documents(corpus).query("org == '中国联通'"), on="doc_id")
    assert 0 < table.loc["中国联通"].sum() < whole["n_hits"].sum()  # not every sentence of the documents
    assert set(own["doc_id"]) <= set(whole["doc_id"]) and own["text"].is_unique
