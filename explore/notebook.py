"""Set-up shared by the notebooks: which corpus, and how figures are rendered.

Three modes, chosen by the environment so the notebooks' cells stay the same:

- live (default): figures are stored as plotly JSON (small, comparable by
  nbval), and a view's controls redraw its figures as plotly JSON in output
  areas (``explore.views``);
- dashboard (``EXPLORE_FIGURES=widget``, set by ``explore serve``): figures are
  ``FigureWidget``s, drawn by the widget's own plotly.js: Voilà's front end
  is older than the plotly mime renderer's extension, which threw on every
  figure there;
- static (``EXPLORE_STATIC=1``, set by ``explore report``): figures are HTML
  divs that need plotly.js once per page, and views use plotly's own
  client-side controls, so the exported page works with no kernel.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from explore.corpus import Corpus, load_corpus
from explore.labels import readable_number

CORPUS_ENV = "EXPLORE_CORPUS"
STATIC_ENV = "EXPLORE_STATIC"
STATIC_RENDERER = "explore_static_html"
FIGURES_ENV = "EXPLORE_FIGURES"
WIDGET_RENDERER = "explore_figure_widget"


class _StaticHtmlRenderer(MimetypeRenderer):
    """A figure as a bare HTML div: the page that holds it loads plotly.js once."""

    def to_mimebundle(self, fig_dict):
        html = pio.to_html(
            fig_dict, include_plotlyjs=False, full_html=False, validate=False, config={"responsive": True}
        )
        return {"text/html": html}


class _FigureWidgetRenderer(MimetypeRenderer):
    """A figure as a ``FigureWidget``: for a live dashboard whose front end draws widgets, not plotly JSON."""

    def to_mimebundle(self, fig_dict):
        import plotly.graph_objects as go

        widget = go.FigureWidget(fig_dict)
        _shown.append(widget)  # a widget shown must outlive this call
        return widget._repr_mimebundle_()


_shown: list = []


def figures_as_widgets() -> bool:
    """A live dashboard (``EXPLORE_FIGURES=widget``): figures are drawn as ``FigureWidget``s."""
    return os.environ.get(FIGURES_ENV) == "widget"


def is_static() -> bool:
    return os.environ.get(STATIC_ENV, "") == "1"


def setup(path: str | Path | None = None) -> Corpus:
    """Load the notebook's corpus (``EXPLORE_CORPUS`` or the seeds) and pick the renderer."""
    pd.set_option("display.float_format", readable_number)  # 25.5万, 1,207: never 2.0000e+05 in a table
    pio.renderers[STATIC_RENDERER] = _StaticHtmlRenderer()
    pio.renderers[WIDGET_RENDERER] = _FigureWidgetRenderer()
    if is_static():
        pio.renderers.default = STATIC_RENDERER
    elif figures_as_widgets():
        pio.renderers.default = WIDGET_RENDERER
    else:
        pio.renderers.default = "plotly_mimetype"
    return load_corpus(path or os.environ.get(CORPUS_ENV) or None)
