"""Search charts: where a keyword occurs, and when."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style, titled


def hits_per_document_bar(per_document: pd.DataFrame, *, title: str = "每篇命中 Hits per document") -> go.Figure:
    """Hits of the documents given (``select.top_documents`` caps them)."""
    names = [
        safe(t if isinstance(t, str) else f, width=24)
        for t, f in zip(per_document["title"], per_document["source_file"], strict=True)
    ]
    fig = go.Figure(go.Bar(x=per_document["n_hits"], y=names, orientation="h"))
    fig.update_layout(xaxis_title=LABELS["n_hits"], yaxis_autorange="reversed", height=max(300, 40 * len(per_document)))
    return style(fig, title=titled(title, per_document))


def hits_over_time_bar(over_time: pd.DataFrame, *, title: str = "按月命中 Hits over time") -> go.Figure:
    fig = go.Figure(go.Bar(x=over_time["period"], y=over_time["n_hits"]))
    fig.update_layout(xaxis_title=LABELS["period"], yaxis_title=LABELS["n_hits"])
    return style(fig, title=titled(title, over_time))
