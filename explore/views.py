"""Widget views: controls wired to the compute step and the figure builders. Wiring only.

Each view asks ``explore.select`` (or ``summaries``) for what to draw — every
selection, cap and label is decided there — and hands it to
``explore.figures``. Its ``update(**selection)`` is the callback, an ordinary
method a test can call. In JupyterLab a view shows labelled ipywidgets
controls over its figures (:attr:`View.shown`), each put anew in its slot at
every change (``_put``) as an output, and a table (:attr:`View.table_widget`).
No ``FigureWidget``: its front end (anywidget) has two seconds to start and,
on a busy machine, one that missed them kept showing the previous selection
while its neighbours changed. In an exported page
(``explore.notebook.is_static()``) it shows the same figures with plotly's own
client-side controls (dropdowns, range slider), which need no kernel.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, display

from explore import compare, copies, figures, limits, select
from explore.labels import LABELS, QUALIFIER_LABELS, readable_number
from explore.notebook import figure_html, figures_as_html, is_static
from explore.tables import Corpus

_WIDE = widgets.Layout(width="32%")


# Columns of running text get room to read (the events table squeezed its titles into a sliver).
_WIDE_COLUMNS = {
    "sentence": "24em",
    "text": "24em",
    "title": "14em",
    "context": "24em",
    "left": "10em",
    "right": "10em",
}


# Text reads from the left and from the top (JupyterLab right-aligns table cells, for numbers).
_TABLE_STYLE = (
    "<style>.explore-table td, .explore-table th {text-align: left; vertical-align: top; padding: 2px 8px}</style>"
)


def table_html(frame: pd.DataFrame) -> str:
    """A table as HTML for a reader: numbers as Chinese readers write them (25.5万, 12亿, 1,207; never 2.0000e+05),
    dates as days, headings from ``labels.LABELS``, text columns wide enough to read; saying how many rows it
    leaves out (``attrs["n_rows"]``). Corpus text is escaped by pandas."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(readable_number).astype(object)
        elif pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    if "qualifier" in shown.columns:
        shown["qualifier"] = shown["qualifier"].map(lambda q: QUALIFIER_LABELS.get(q, q))
    widths = {LABELS.get(c, c): width for c, width in _WIDE_COLUMNS.items() if c in shown.columns}
    shown = shown.rename(columns=LABELS)
    html = shown.to_html(
        index=False, escape=True, na_rep="", classes="explore-table", border=0, col_space=widths, justify="left"
    )
    html = _TABLE_STYLE + html
    total = frame.attrs.get("n_rows", len(frame))
    if total > len(frame):
        note = f"前 {len(frame):,} 行，共 {total:,} 行 (first {len(frame):,} of {total:,} rows)"
        html = f'<p class="explore-table-note">{note}</p>' + html
    return html


class View:
    """Controls → ``update`` → a new figure in each slot, and a table below them."""

    def __init__(self) -> None:
        self.shown: list[go.Figure] = []  # the figures on show, one per slot
        self._slots: list[widgets.Output] = []
        self.table_widget = widgets.HTML()

    # What a view supplies ------------------------------------------------
    def controls(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def selection(self) -> dict:
        raise NotImplementedError

    def readouts(self) -> list[widgets.Widget]:
        """Widgets shown beside the controls that say what is chosen (not controls: nothing observes them)."""
        return []

    def figures(self, controls: bool = False, **selection) -> list[go.Figure]:
        raise NotImplementedError

    def table(self, **selection) -> pd.DataFrame:
        raise NotImplementedError

    # The wiring -------------------------------------------------------------
    def update(self, **selection) -> None:
        """The callback: recompute for ``selection`` and put the new figures in their slots."""
        selection = selection or self.selection()
        self.shown = self.figures(**selection)
        for slot, figure in zip(self._slots, self.shown, strict=True):
            _put(slot, figure)
        self.table_widget.value = table_html(self.table(**selection))

    def widget(self) -> widgets.Widget:
        controls = self.controls()
        for control in controls:
            control.observe(lambda _change: self.update(), names="value")
        self.shown = self.figures(**self.selection())
        self._slots = [widgets.Output() for _ in self.shown]
        for slot, figure in zip(self._slots, self.shown, strict=True):
            _put(slot, figure)
        self.table_widget.value = table_html(self.table(**self.selection()))
        return widgets.VBox(
            [
                widgets.HBox([*controls, *self.readouts()], layout=widgets.Layout(flex_flow="row wrap")),
                *self._slots,
                self.table_widget,
            ]
        )

    def static_html(self) -> str:
        selection = self.selection()
        parts = [figure_html(f) for f in self.figures(**selection, controls=True)]
        return "\n".join(parts) + table_html(self.table(**selection))

    def _ipython_display_(self) -> None:
        display(HTML(self.static_html()) if is_static() else self.widget())


_PLOTLY_JSON = "application/vnd.plotly.v1+json"


def _put(slot: widgets.Output, figure: go.Figure) -> None:
    """Show ``figure`` in ``slot``, replacing what was there: one output, drawn by what the page already has.

    In JupyterLab plotly JSON, drawn by JupyterLab's plotly renderer; in a
    dashboard HTML drawn by the plotly.js its page loads (Voilà's front end
    cannot run that renderer). Nothing has to start per figure, so a busy
    machine makes a chart late, never stale.
    """
    if figures_as_html():
        data = {"text/html": figure_html(figure)}
    else:
        data = {_PLOTLY_JSON: json.loads(pio.to_json(figure, validate=False))}
    slot.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)


# A control's label shown whole (ipywidgets cuts a description at 80 px: 关键词 Key…).
_FULL_LABEL = {"description_width": "initial"}


def _multi(description: str, options: Sequence[str], value: Sequence[str] | None = None, rows: int = 6):
    return widgets.SelectMultiple(
        description=description,
        options=list(options),
        value=list(value if value is not None else options),
        rows=rows,
        layout=_WIDE,
        style=_FULL_LABEL,
    )


def _every_copy(corpus: Corpus) -> widgets.Checkbox:
    """The control that counts every copy of a story (``explore.copies``); off: each story once."""
    n = copies.n_copies(corpus)
    found = f"{n:,} 份转载 copies" if n else "无转载 no copies found"
    return widgets.Checkbox(
        value=False, description=f"每份转载都计 Count every copy ({found})", disabled=not n, style=_FULL_LABEL
    )


class TimelineView(View):
    """Events on a time axis; filter by organization, theme, kind and date range (``select.EventSelection``)."""

    COLUMNS = ("date", "date_precision", "date_text", "org", "kind", "text", "title")

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.events = select.EventSelection(corpus)
        options = self.events.options()
        self.org = _multi("机构 Organizations", options["orgs"])
        self.theme = _multi("主题 Themes", options["themes"])
        self.kind = _multi("类型 Kinds", options["kinds"])
        dates = options["dates"]
        # A range slider needs at least one date; a corpus may have none. Its own readout is cut at about 150 px
        # (2018-01-01-2026-01-0): the chosen range is said in full beside it instead.
        self.date_readout = widgets.HTML()
        self.dates = (
            widgets.SelectionRangeSlider(
                description="日期 Dates",
                options=[(d.isoformat(), d) for d in dates],
                index=(0, len(dates) - 1),
                readout=False,
                layout=widgets.Layout(width="70%"),
                style=_FULL_LABEL,
            )
            if dates
            else widgets.HTML("日期 Dates: 没有带日期的事件 no dated events")
        )
        if dates:
            self.dates.observe(lambda _change: self._say_dates(), names="value")
            self._say_dates()
        self.every_copy = _every_copy(corpus)

    def _say_dates(self) -> None:
        start, end = self.dates.value
        self.date_readout.value = f"{start.isoformat()} – {end.isoformat()}"

    def readouts(self):
        return [self.date_readout]

    def controls(self):
        return [self.org, self.theme, self.kind, self.dates, self.every_copy]

    def selection(self) -> dict:
        return {
            "orgs": list(self.org.value),
            "themes": list(self.theme.value),
            "kinds": list(self.kind.value),
            "date_range": self.dates.value if isinstance(self.dates, widgets.SelectionRangeSlider) else None,
            "every_copy": self.every_copy.value,
        }

    def figures(self, controls: bool = False, **selection):
        return [figures.timeline_figure(self.events.drawn(**selection), controls=controls)]

    def table(self, **selection):
        return self.events.table(self.COLUMNS, **selection)


class MetricsView(View):
    """The figures of one measure in one unit family, by organization and over time (``select.MetricSelection``).

    A measure, not a raw unit: under 个 a corpus counts villages, departments and directions, which share no axis.
    """

    COLUMNS = ("org", "measure_label", "raw", "value", "unit", "qualifier", "subject", "date", "sentence")

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.metrics = select.MetricSelection(corpus)
        options = self.metrics.options()
        self.group = widgets.Dropdown(
            description="测量 Measure", options=options["groups"], style=_FULL_LABEL, layout=_WIDE
        )
        self.org = _multi("机构 Organizations", options["orgs"])
        self.every_copy = _every_copy(corpus)

    def controls(self):
        return [self.group, self.org, self.every_copy]

    def selection(self) -> dict:
        return {"group": self.group.value, "orgs": list(self.org.value), "every_copy": self.every_copy.value}

    @staticmethod
    def filters(group=None, orgs=None, every_copy=False) -> dict:
        """The view's selection as ``MetricSelection`` filters: one group (``None``: every group)."""
        return {"groups": None if group is None else [group], "orgs": orgs, "every_copy": every_copy}

    def figures(self, controls: bool = False, group=None, orgs=None, every_copy=False):
        # An exported page draws every group and switches between them in the browser.
        drawn = self.metrics.drawn(**self.filters(None if controls else group, orgs, every_copy))
        return [
            figures.metrics_figure(drawn, group=group, controls=controls),
            figures.metrics_over_time_figure(drawn, group=group, controls=controls),
        ]

    def table(self, **selection):
        return self.metrics.table(self.COLUMNS, **self.filters(**selection))


class CompaniesView(View):
    """Two to four organizations side by side: a scorecard of what each reports per measure, each measure over
    time, the themes of their own sentences and their mentions over time (``compare.comparison``).

    An exported page has no kernel to choose with: it compares every organization with figures, the first
    three shown and the others a click on the legend away.
    """

    COLUMNS = ("measure_label", "org", "raw", "value", "unit", "qualifier", "date", "n_figures", "sentence", "title")
    SHOWN_IN_PAGE = 3

    def __init__(self, corpus: Corpus, orgs: Sequence[str] | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        options = select.organizations(corpus)["org"].tolist()
        default = list(orgs) if orgs else options[: self.SHOWN_IN_PAGE]
        self.org = _multi("机构 (2–4) Organizations", options, default, rows=8)
        self.every_copy = _every_copy(corpus)
        # A change asks for the figures, then for the table: the comparison is kept for its selection.
        self._last: tuple[tuple, compare.Comparison] | None = None

    def _comparison(self, orgs: Sequence[str], every_copy: bool) -> compare.Comparison:
        key = (tuple(orgs), every_copy)
        if self._last is None or self._last[0] != key:
            self._last = key, compare.comparison(copies.counted(self.corpus, every_copy), orgs)
        return self._last[1]

    def controls(self):
        return [self.org, self.every_copy]

    def selection(self) -> dict:
        # The select step keeps the first MAX_ORGS_COMPARED, and says so.
        return {"orgs": list(self.org.value), "every_copy": self.every_copy.value}

    def figures(self, controls: bool = False, orgs=(), every_copy=False):
        corpus = copies.counted(self.corpus, every_copy)
        if controls:  # an exported page: every organization with figures, the chosen ones first
            compared, note, shown = select.orgs_with_figures(corpus, first=orgs), None, len(orgs)
        else:
            (compared, note), shown = select.compared_orgs(orgs), None
        found = self._comparison(compared, every_copy)
        # Copies: the comparison is kept for the table and the next change, and a note must not pile up on it.
        card = limits.with_note(found.card.copy(), "; ".join(filter(None, [note, found.card.attrs.get("limited")])))
        series = limits.with_note(
            found.series.copy(), "; ".join(filter(None, [note, found.series.attrs.get("limited")]))
        )
        return [
            figures.scorecard_figure(card, list(found.orgs), shown=shown),
            figures.measure_panels_figure(series, list(found.panels), list(found.orgs), shown=shown),
            figures.themes_heatmap(select.themes_by_org(corpus, orgs)),
            figures.mentions_over_time_bar(select.mentions_over_time(corpus, orgs)),
        ]

    def table(self, orgs=(), every_copy=False):
        compared, _ = select.compared_orgs(orgs)
        card = self._comparison(compared, every_copy).card
        return limits.first_rows(card[[c for c in self.COLUMNS if c in card.columns]], len(card), limits.TABLE_ROWS)


class SearchView(View):
    """Keyword in context over the clean corpus, with hits per document and over time (``select.TextSearch``);
    each story once unless every copy is asked for."""

    def __init__(self, corpus: Corpus, keyword: str = "直播") -> None:
        super().__init__()
        self.corpus = corpus
        self.keyword = widgets.Text(
            description="关键词 Keyword", value=keyword, continuous_update=False, style=_FULL_LABEL
        )
        self.width = widgets.IntSlider(
            description="上下文 Context", value=20, min=5, max=60, continuous_update=False, style=_FULL_LABEL
        )
        self.every_copy = _every_copy(corpus)
        self._text_search: dict[bool, select.TextSearch] = {}  # built on the first search of each kind

    def controls(self):
        return [self.keyword, self.width, self.every_copy]

    def selection(self) -> dict:
        return {"keyword": self.keyword.value, "width": self.width.value, "every_copy": self.every_copy.value}

    def search(self, every_copy: bool = False) -> select.TextSearch:
        if every_copy not in self._text_search:
            self._text_search[every_copy] = select.TextSearch(copies.counted(self.corpus, every_copy))
        return self._text_search[every_copy]

    def figures(self, controls: bool = False, keyword="", width=20, every_copy=False):
        counts = self.search(every_copy).counts(keyword)
        return [
            figures.hits_per_document_bar(select.top_documents(counts)),
            figures.hits_over_time_bar(select.hits_over_time(counts)),
        ]

    def table(self, keyword="", width=20, every_copy=False):
        return self.search(every_copy).kwic_table(keyword, width=width)
