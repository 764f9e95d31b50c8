"""Company comparison charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style, titled


def themes_heatmap(
    table: pd.DataFrame, *, title: str = "主题（机构自己的句子）Themes of their own sentences"
) -> go.Figure:
    """Rows × themes, as given (a compute step caps the rows: ``limits.MAX_HEATMAP_ROWS``)."""
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=[safe(c, width=0) for c in table.columns],
            y=[safe(i, width=0) for i in table.index],
            colorscale="Blues",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        )
    )
    fig.update_layout(yaxis_autorange="reversed", height=max(260, 40 * len(table) + 140))
    return style(fig, title=titled(title, table))


def mentions_over_time_bar(table: pd.DataFrame, *, title: str = "提及随时间 Mentions over time") -> go.Figure:
    """Mentions per period, a bar per organization side by side: a few dated documents read as bars, not as dots
    lost on an empty axis."""
    fig = go.Figure()
    for org, rows in table.groupby("org", sort=False):
        fig.add_bar(name=safe(org, width=0), x=rows["period"], y=rows["n_mentions"])
    fig.update_xaxes(type="date", title=LABELS["period"])
    if len(table):  # a month either side: one period is not drawn at millisecond scale
        pad = pd.DateOffset(months=1)
        fig.update_xaxes(range=[(table["period"].min() - pad).isoformat(), (table["period"].max() + pad).isoformat()])
    fig.update_layout(barmode="group", yaxis_title=LABELS["n_mentions"], height=360)
    return style(fig, title=titled(title, table))
