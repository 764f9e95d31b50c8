"""Figure builders: each takes a DataFrame and returns a plotly figure.

A builder never shows, writes or changes its input. Text from the corpus is
HTML-escaped wherever it reaches a label (see ``_style.safe``).
"""

from explore.figures.companies import mentions_over_time_bar, themes_heatmap
from explore.figures.metrics import metrics_figure, metrics_over_time_figure
from explore.figures.overview import files_bar, removed_bar, terms_bar
from explore.figures.scorecard import measure_panels_figure, scorecard_figure
from explore.figures.search import hits_over_time_bar, hits_per_document_bar
from explore.figures.timeline import timeline_figure

__all__ = [
    "files_bar",
    "hits_over_time_bar",
    "hits_per_document_bar",
    "measure_panels_figure",
    "mentions_over_time_bar",
    "metrics_figure",
    "metrics_over_time_figure",
    "removed_bar",
    "scorecard_figure",
    "terms_bar",
    "themes_heatmap",
    "timeline_figure",
]
