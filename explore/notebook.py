"""Set-up shared by the notebooks: which corpus, and how figures are rendered.

Two modes, chosen by the environment so the notebooks' cells stay the same:

- live (default): figures are stored as plotly JSON (small, comparable by
  nbval) and views are ipywidgets driving ``FigureWidget``s;
- static (``EXPLORE_STATIC=1``, set by ``explore report``): figures are HTML
  divs that need plotly.js once per page, and views use plotly's own
  client-side controls, so the exported page works with no kernel.
"""

from __future__ import annotations

import os
from pathlib import Path

import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from explore.corpus import Corpus, load_corpus

CORPUS_ENV = "EXPLORE_CORPUS"
STATIC_ENV = "EXPLORE_STATIC"
STATIC_RENDERER = "explore_static_html"


class _StaticHtmlRenderer(MimetypeRenderer):
    """A figure as a bare HTML div: the page that holds it loads plotly.js once."""

    def to_mimebundle(self, fig_dict):
        html = pio.to_html(
            fig_dict, include_plotlyjs=False, full_html=False, validate=False, config={"responsive": True}
        )
        return {"text/html": html}


def is_static() -> bool:
    return os.environ.get(STATIC_ENV, "") == "1"


def setup(path: str | Path | None = None) -> Corpus:
    """Load the notebook's corpus (``EXPLORE_CORPUS`` or the seeds) and pick the renderer."""
    pio.renderers[STATIC_RENDERER] = _StaticHtmlRenderer()
    pio.renderers.default = STATIC_RENDERER if is_static() else "plotly_mimetype"
    return load_corpus(path or os.environ.get(CORPUS_ENV) or None)
