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
_WIDE = widgets.Layout(width="32%")


def table_html(frame: pd.DataFrame, *, max_rows: int = _TABLE_ROWS) -> str:
    """A DataFrame as an HTML table; corpus text is escaped by pandas."""
    return frame.head(max_rows).to_html(index=False, escape=True, na_rep="", classes="explore-table", border=0)


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
    """Events on a time axis; filter by organization, theme, kind and date range."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        events = corpus.events.dropna(subset=["date"])
        self.org = _multi("机构 Organizations", sorted(events["org"].dropna().unique()))
        self.theme = _multi("主题 Themes", sorted(corpus.themes["theme"].unique()))
        self.kind = _multi("类型 Kinds", sorted(events["kind"].unique()))
        dates = sorted(events["date"].dt.date.unique())
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

    def _events(self, orgs=None, themes=None, kinds=None, date_range=None) -> pd.DataFrame:
        themes = None if themes is not None and set(themes) == set(self.theme.options) else themes
        selection = {"orgs": orgs, "themes": themes, "kinds": kinds, "date_range": date_range}
        return self._once(selection, lambda: select.select_events(self.corpus, **selection))

    def figures(self, controls: bool = False, **selection):
        events = self._events(**selection)
        if len(events) > MAX_EVENTS_DRAWN:
            title = f"事件时间线 Timeline: {len(events):,} events, drawn as monthly counts"
            return [figures.timeline_figure(select.monthly_event_counts(events), title=title, controls=controls)]
        return [figures.timeline_figure(events, controls=controls)]

    def table(self, **selection):
        events = self._events(**selection)
        return events[["date", "date_precision", "date_text", "org", "kind", "text", "title"]].sort_values("date")


class MetricsView(_View):
    """Every figure, by unit; filter by category and organization."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        units = corpus.metrics["unit"].fillna("(无单位)").value_counts().index.tolist()
        self.unit = widgets.Dropdown(description="单位 Unit", options=units, style={"description_width": "initial"})
        self.category = _multi("类别 Categories", sorted(corpus.metrics["category"].unique()))
        self.org = _multi("机构 Organizations", sorted(corpus.metrics["org"].dropna().unique()))

    def controls(self):
        return [self.unit, self.category, self.org]

    def selection(self) -> dict:
        return {"unit": self.unit.value, "categories": list(self.category.value), "orgs": list(self.org.value)}

    def _metrics(self, unit=None, categories=None, orgs=None, *, all_units: bool = False) -> pd.DataFrame:
        key = {"categories": categories}
        chosen = self._once(key, lambda: select.select_metrics(self.corpus, categories=categories))
        if orgs is not None and set(orgs) != set(self.org.options):
            chosen = chosen[chosen["org"].isin(orgs)]
        if not all_units and unit is not None:
            chosen = chosen[chosen["unit"].fillna("(无单位)") == unit]
        return chosen

    def figures(self, controls: bool = False, **selection):
        frame = self._metrics(**selection, all_units=controls)
        title = "数字 Figures"
        units = frame["unit"].fillna("(无单位)")
        if len(frame) and units.value_counts().max() > MAX_FIGURES_DRAWN:  # cap each unit's marks
            title = f"数字 Figures: at most the {MAX_FIGURES_DRAWN} largest of each unit ({len(frame):,} in all)"
            ranks = frame.groupby(units)["value"].rank(method="first", ascending=False)
            frame = frame[ranks <= MAX_FIGURES_DRAWN]
        return [figures.metrics_figure(frame, unit=selection.get("unit"), title=title, controls=controls)]

    def table(self, **selection):
        columns = ["raw", "value", "unit", "qualifier", "subject", "org", "category", "date", "sentence"]
        return self._metrics(**selection)[columns].sort_values("value", ascending=False)


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
        metrics = select.select_metrics(self.corpus, orgs=orgs)
        return metrics[["org", "raw", "subject", "category", "qualifier", "sentence"]].sort_values(["org", "category"])


class SearchView(_View):
    """Keyword in context over the clean corpus, with hits per document and over time."""

    def __init__(self, corpus: Corpus, keyword: str = "直播") -> None:
        super().__init__()
        self.corpus = corpus
        self.keyword = widgets.Text(description="关键词 Keyword", value=keyword, continuous_update=False)
        self.width = widgets.IntSlider(description="上下文 Context", value=20, min=5, max=60, continuous_update=False)

    def controls(self):
        return [self.keyword, self.width]

    def selection(self) -> dict:
        return {"keyword": self.keyword.value, "width": self.width.value}

    def figures(self, controls: bool = False, keyword="", width=20):
        hits = select.kwic(self.corpus, keyword, width=width)
        return [
            figures.hits_per_document_bar(select.hits_per_document(hits, self.corpus)),
            figures.hits_over_time_bar(select.hits_over_time(hits)),
        ]

    def table(self, keyword="", width=20):
        return select.kwic(self.corpus, keyword, width=width)[["title", "date", "left", "match", "right"]]
