"""Set-up shared by the notebooks: which corpus, and how figures are rendered.

Three modes, chosen by the environment so the notebooks' cells stay the same:

- live (default): figures are stored as plotly JSON (small, comparable by
  nbval), and a view's controls redraw its figures as plotly JSON in output
  areas (``explore.views``);
- dashboard (``EXPLORE_FIGURES=html``, set by ``explore serve``): figures are
  HTML (:func:`figure_html`) drawn by the plotly.js that the dashboard page
  loads once. Not the plotly mime renderer: Voilà's front end is older than
  its extension, which threw on every figure there. Not ``FigureWidget``s:
  each carries plotly.js as an anywidget module that has two seconds to start,
  and on a busy machine one that missed them left a chart blank or stale;
- static (``EXPLORE_STATIC=1``, set by ``explore report``): figures are the
  same HTML, the exported page holds plotly.js once, and views use plotly's
  own client-side controls, so the page works with no kernel.
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
HTML_RENDERER = "explore_figure_html"
FIGURES_ENV = "EXPLORE_FIGURES"


# JSON inside a <script>: corpus text can never close the element (</script>) or open markup.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

# Draws the figure once the page's plotly.js is loaded and the div is in the document. An output area may
# insert its HTML before either is true (a dashboard renders outputs as they arrive), so it waits for both —
# for two minutes at most: a figure replaced before it was ever shown stops waiting.
_DRAW = """<div class="explore-figure"></div>
<script type="text/javascript">
(function (script) {{
  var figure = {spec};
  var div = script.previousElementSibling;
  var config = {{responsive: true, displaylogo: false}};
  var tries = 2400;
  (function draw() {{
    if (window.Plotly && div.isConnected) {{ window.Plotly.newPlot(div, figure.data, figure.layout, config); }}
    else if (--tries > 0) {{ setTimeout(draw, 50); }}
  }})();
}})(document.currentScript);
</script>"""


def figure_html(figure) -> str:
    """A figure (``go.Figure`` or its dict) as a div and the script that draws it with the page's plotly.js."""
    spec = pio.to_json(figure, validate=False, pretty=False).translate(_SCRIPT_SAFE)
    return _DRAW.format(spec=spec)


class _HtmlRenderer(MimetypeRenderer):
    """A figure as HTML (:func:`figure_html`): for a page that loads plotly.js once."""

    def to_mimebundle(self, fig_dict):
        return {"text/html": figure_html(fig_dict)}


def figures_as_html() -> bool:
    """A live dashboard (``EXPLORE_FIGURES=html``): a view's figures are HTML in output areas, not plotly JSON."""
    return os.environ.get(FIGURES_ENV) == "html"


def is_static() -> bool:
    return os.environ.get(STATIC_ENV, "") == "1"


def setup(path: str | Path | None = None) -> Corpus:
    """Load the notebook's corpus (``EXPLORE_CORPUS`` or the seeds) and pick the renderer."""
    pd.set_option("display.float_format", readable_number)  # 25.5万, 1,207: never 2.0000e+05 in a table
    pio.renderers[HTML_RENDERER] = _HtmlRenderer()
    if is_static() or figures_as_html():
        pio.renderers.default = HTML_RENDERER
    else:
        pio.renderers.default = "plotly_mimetype"
    return load_corpus(path or os.environ.get(CORPUS_ENV) or None)
