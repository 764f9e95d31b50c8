"""Widget views: controls wired to the figure builders. Thin by design.

Each view computes with ``explore.select`` and draws with ``explore.figures``;
its ``update(**selection)`` is the callback, an ordinary method a test can
call. In JupyterLab a view shows labelled ipywidgets controls over
``FigureWidget``s that are updated in place; in an exported page
(``explore.notebook.is_static()``) it shows the same figures with plotly's own
client-side controls (dropdowns, range slider), which need no kernel.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from explore import figures, select
from explore.corpus import Corpus
from explore.notebook import is_static

_TABLE_ROWS = 50
# Aggregate before drawing: no chart gets more than this many marks.
MAX_EVENTS_DRAWN = 2000
MAX_FIGURES_DRAWN = 300
MAX_DOCUMENTS_DRAWN = 30
_WIDE = widgets.Layout(width="32%")
NO_UNIT = "(无单位)"


def table_html(frame: pd.DataFrame, *, max_rows: int = _TABLE_ROWS) -> str:
    """A DataFrame as an HTML table, saying how many rows it leaves out; corpus text is escaped by pandas."""
    shown = frame.head(max_rows)
    html = shown.to_html(index=False, escape=True, na_rep="", classes="explore-table", border=0)
    total = frame.attrs.get("n_rows", len(frame))
    if total > len(shown):
        note = f"前 {len(shown):,} 行，共 {total:,} 行 (first {len(shown):,} of {total:,} rows)"
        html = f'<p class="explore-table-note">{note}</p>' + html
    return html


def _present(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The columns a table shows, less the text columns a corpus opened with ``text=False`` leaves on disk."""
    return frame[[c for c in columns if c in frame.columns]]


def _first_rows(frame: pd.DataFrame, n_rows: int) -> pd.DataFrame:
    """The first rows of a selection, remembering how many it has."""
    frame = frame.reset_index(drop=True)
    frame.attrs["n_rows"] = n_rows
    return frame


class _View:
    """Controls → ``update`` → figures replaced in place, and a table below them."""

    def __init__(self) -> None:
        self._figure_widgets: list[go.FigureWidget] = []
        self._table = widgets.HTML()
        self._memo: tuple[str, object] | None = None

    def _once(self, selection: dict, compute):
        """The selection's data, computed once per update for the figures and the table."""
        key = repr(sorted(selection.items()))
        if self._memo is None or self._memo[0] != key:
            self._memo = (key, compute())
        return self._memo[1]

    # What a view supplies ------------------------------------------------
    def controls(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def selection(self) -> dict:
        raise NotImplementedError

    def figures(self, **selection) -> list[go.Figure]:
        raise NotImplementedError

    def table(self, **selection) -> pd.DataFrame:
        raise NotImplementedError

    # The wiring -------------------------------------------------------------
    def update(self, **selection) -> None:
        """The callback: recompute for ``selection`` and redraw in place."""
        selection = selection or self.selection()
        for widget, figure in zip(self._figure_widgets, self.figures(**selection), strict=True):
            with widget.batch_update():
                widget.data = ()
                widget.add_traces(list(figure.data))
                widget.layout = figure.layout
        self._table.value = table_html(self.table(**selection))

    def widget(self) -> widgets.Widget:
        controls = self.controls()
        for control in controls:
            control.observe(lambda _change: self.update(), names="value")
        self._figure_widgets = [go.FigureWidget(f) for f in self.figures(**self.selection())]
        self._table.value = table_html(self.table(**self.selection()))
        return widgets.VBox(
            [widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")), *self._figure_widgets, self._table]
        )

    def static_html(self) -> str:
        selection = self.selection()
        parts = [f.to_html(include_plotlyjs=False, full_html=False) for f in self.figures(**selection, controls=True)]
        return "\n".join(parts) + table_html(self.table(**selection))

    def _ipython_display_(self) -> None:
        display(HTML(self.static_html()) if is_static() else self.widget())


def _multi(description: str, options: Sequence[str], value: Sequence[str] | None = None, rows: int = 6):
    return widgets.SelectMultiple(
        description=description,
        options=list(options),
        value=list(value if value is not None else options),
        rows=rows,
        layout=_WIDE,
        style={"description_width": "initial"},
    )


class TimelineView(_View):
    """Events on a time axis; filter by organization, theme, kind and date range.

    The dated events are prepared once (titles joined, spans computed, filter
    columns factorized); a callback selects positions and materializes only
    what it draws: monthly counts beyond ``MAX_EVENTS_DRAWN`` events, and the
    first rows of the table.
    """

    _COLUMNS = ("date", "date_precision", "date_text", "org", "kind", "text", "title")

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self._dated = select.dated_events(corpus)
        self._selector = select.Selector(self._dated, ["org", "kind", "doc_id"], dates="date")
        self._org_months = self._dated[["org", "start"]]
        self._theme_rows: dict[str, np.ndarray] = {}
        self.org = _multi("机构 Organizations", sorted(self._dated["org"].dropna().unique()))
        self.theme = _multi("主题 Themes", sorted(corpus.themes["theme"].unique()))
        self.kind = _multi("类型 Kinds", sorted(self._dated["kind"].unique()))
        dates = sorted(self._dated["date"].dt.date.unique())
        # A range slider needs at least one date; a corpus may have none.
        self.dates = (
            widgets.SelectionRangeSlider(
                description="日期 Dates",
                options=[(d.isoformat(), d) for d in dates],
                index=(0, len(dates) - 1),
                layout=widgets.Layout(width="90%"),
                style={"description_width": "initial"},
            )
            if dates
            else widgets.HTML("日期 Dates: 没有带日期的事件 no dated events")
        )

    def controls(self):
        return [self.org, self.theme, self.kind, self.dates]

    def selection(self) -> dict:
        return {
            "orgs": list(self.org.value),
            "themes": list(self.theme.value),
            "kinds": list(self.kind.value),
            "date_range": self.dates.value if isinstance(self.dates, widgets.SelectionRangeSlider) else None,
        }

    def _with_theme(self, theme: str) -> np.ndarray:
        if theme not in self._theme_rows:
            docs = self.corpus.themes.loc[self.corpus.themes["theme"] == theme, "doc_id"]
            self._theme_rows[theme] = self._selector.among("doc_id", docs.tolist())
        return self._theme_rows[theme]

    def _rows(self, orgs=None, themes=None, kinds=None, date_range=None) -> np.ndarray:
        """Positions of the selected events (the same filters as :func:`explore.select.select_events`)."""

        def compute():
            keep = self._selector.between(date_range)
            if orgs is not None and set(orgs) != set(self.org.options):  # all chosen: unattributed events too
                keep &= self._selector.among("org", orgs)
            if kinds is not None:
                keep &= self._selector.among("kind", kinds)
            if themes is not None and set(themes) != set(self.theme.options):
                in_themes = np.zeros(len(keep), dtype=bool)  # no theme chosen: no event
                for theme in themes:
                    in_themes |= self._with_theme(theme)
                keep &= in_themes
            return np.flatnonzero(keep)

        return self._once({"orgs": orgs, "themes": themes, "kinds": kinds, "date_range": date_range}, compute)

    def _events(self, **selection) -> pd.DataFrame:
        return self._dated.iloc[self._rows(**selection)]

    def figures(self, controls: bool = False, **selection):
        rows = self._rows(**selection)
        if len(rows) > MAX_EVENTS_DRAWN:
            title = f"事件时间线 Timeline: {len(rows):,} events, drawn as monthly counts"
            counts = select.monthly_event_counts(self._org_months.iloc[rows])
            return [figures.timeline_figure(counts, title=title, controls=controls)]
        return [figures.timeline_figure(self._dated.iloc[rows], controls=controls)]

    def table(self, **selection):
        rows = self._rows(**selection)
        first = rows[np.argsort(self._dated["date"].to_numpy()[rows], kind="stable")[:_TABLE_ROWS]]
        return _first_rows(_present(self._dated.iloc[first], self._COLUMNS), len(rows))


class MetricsView(_View):
    """Every figure, by unit; filter by category and organization.

    Figures are selected by position on factorized columns; only the figures
    drawn (at most ``MAX_FIGURES_DRAWN`` per unit) and the rows shown are
    materialized, and only those are joined with their document's date.
    """

    _COLUMNS = ("raw", "value", "unit", "qualifier", "subject", "org", "category", "date", "sentence")

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        metrics = corpus.metrics
        self._selector = select.Selector(metrics, ["unit", "category", "org"])
        self._values = metrics["value"].to_numpy(dtype=float)
        self._document_dates = corpus.documents.set_index("doc_id")["date"]
        units = metrics["unit"].fillna(NO_UNIT).value_counts().index.tolist()
        self.unit = widgets.Dropdown(description="单位 Unit", options=units, style={"description_width": "initial"})
        self.category = _multi("类别 Categories", sorted(metrics["category"].unique()))
        self.org = _multi("机构 Organizations", sorted(metrics["org"].dropna().unique()))

    def controls(self):
        return [self.unit, self.category, self.org]

    def selection(self) -> dict:
        return {"unit": self.unit.value, "categories": list(self.category.value), "orgs": list(self.org.value)}

    def _rows(self, unit=None, categories=None, orgs=None, *, all_units: bool = False) -> np.ndarray:
        def compute():
            keep = self._selector.everything()
            if categories is not None:
                keep &= self._selector.among("category", categories)
            if orgs is not None and set(orgs) != set(self.org.options):
                keep &= self._selector.among("org", orgs)
            if not all_units and unit is not None:
                keep &= self._selector.among("unit", [None if unit == NO_UNIT else unit])
            return np.flatnonzero(keep)

        return self._once({"unit": unit, "categories": categories, "orgs": orgs, "all_units": all_units}, compute)

    def _metrics(self, unit=None, categories=None, orgs=None, *, all_units: bool = False) -> pd.DataFrame:
        return self.corpus.metrics.iloc[self._rows(unit, categories, orgs, all_units=all_units)]

    def figures(self, controls: bool = False, **selection):
        rows = self._rows(**selection, all_units=controls)
        units = self._selector.codes("unit")[rows]
        title = "数字 Figures"
        drawn = [rows[units == unit] for unit in pd.unique(units)]
        if any(len(each) > MAX_FIGURES_DRAWN for each in drawn):  # cap each unit's marks
            title = f"数字 Figures: at most the {MAX_FIGURES_DRAWN} largest of each unit ({len(rows):,} in all)"
            drawn = [select.largest(each, self._values, MAX_FIGURES_DRAWN) for each in drawn]
        picked = np.sort(np.concatenate(drawn)) if drawn else rows
        frame = self.corpus.metrics.iloc[picked]
        return [figures.metrics_figure(frame, unit=selection.get("unit"), title=title, controls=controls)]

    def table(self, **selection):
        rows = self._rows(**selection)
        shown = self.corpus.metrics.iloc[select.largest(rows, self._values, _TABLE_ROWS)]
        table = _present(shown.assign(date=self._document_dates.reindex(shown["doc_id"]).to_numpy()), self._COLUMNS)
        return _first_rows(table.sort_values("value", ascending=False, kind="stable"), len(rows))


class CompaniesView(_View):
    """Two to four organizations side by side."""

    def __init__(self, corpus: Corpus, orgs: Sequence[str] | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        ranking = select.organizations(corpus)
        options = ranking["org"].tolist()
        default = list(orgs) if orgs else options[:3]
        self.org = _multi("机构 (2–4) Organizations", options, default, rows=8)

    def controls(self):
        return [self.org]

    def selection(self) -> dict:
        return {"orgs": list(self.org.value)[:4]}

    def figures(self, controls: bool = False, orgs=()):
        return [
            figures.metrics_by_category_bar(select.metrics_by_category(self.corpus, orgs)),
            figures.themes_heatmap(select.themes_by_org(self.corpus, orgs)),
            figures.mentions_over_time_line(select.mentions_over_time(self.corpus, orgs)),
        ]

    def table(self, orgs=()):
        metrics = self.corpus.metrics
        columns = ("org", "raw", "subject", "category", "qualifier", "sentence")
        chosen = _present(metrics.loc[metrics["org"].isin(list(orgs))], columns)
        shown = chosen.sort_values(["org", "category"], kind="stable").head(_TABLE_ROWS)
        return _first_rows(shown, len(chosen))


class SearchView(_View):
    """Keyword in context over the clean corpus, with hits per document and over time."""

    def __init__(self, corpus: Corpus, keyword: str = "直播") -> None:
        super().__init__()
        self.corpus = corpus
        self.keyword = widgets.Text(description="关键词 Keyword", value=keyword, continuous_update=False)
        self.width = widgets.IntSlider(description="上下文 Context", value=20, min=5, max=60, continuous_update=False)
        self._text_search: select.TextSearch | None = None  # built on the first search

    def controls(self):
        return [self.keyword, self.width]

    def selection(self) -> dict:
        return {"keyword": self.keyword.value, "width": self.width.value}

    def _search(self) -> select.TextSearch:
        if self._text_search is None:
            self._text_search = select.TextSearch(self.corpus)
        return self._text_search

    def _counts(self, keyword: str) -> pd.DataFrame:
        return self._once({"keyword": keyword}, lambda: self._search().counts(keyword))

    def figures(self, controls: bool = False, keyword="", width=20):
        counts = self._counts(keyword)
        title = None
        if len(counts) > MAX_DOCUMENTS_DRAWN:
            title = f"每篇命中 Hits per document: the {MAX_DOCUMENTS_DRAWN} with most hits of {len(counts):,}"
        return [
            figures.hits_per_document_bar(counts.head(MAX_DOCUMENTS_DRAWN), title=title),
            figures.hits_over_time_bar(select.hits_over_time(counts)),
        ]

    def table(self, keyword="", width=20):
        shown = self._search().kwic(keyword, width=width, limit=_TABLE_ROWS)
        return _first_rows(
            shown[["title", "date", "left", "match", "right"]], int(self._counts(keyword)["n_hits"].sum())
        )
