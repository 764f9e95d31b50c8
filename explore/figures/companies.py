"""Company comparison charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style, titled


def metrics_by_category_bar(table: pd.DataFrame, *, title: str = "各类数字 Figures by category") -> go.Figure:
    fig = go.Figure()
    for org, rows in table.groupby("org", sort=False):
        fig.add_bar(name=safe(org, width=0), x=rows["category"], y=rows["n_metrics"])
    fig.update_layout(barmode="group", xaxis_title=LABELS["category"], yaxis_title=LABELS["n_metrics"])
    return style(fig, title=titled(title, table))


def themes_heatmap(table: pd.DataFrame, *, title: str = "主题 Themes") -> go.Figure:
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


def mentions_over_time_line(table: pd.DataFrame, *, title: str = "提及随时间 Mentions over time") -> go.Figure:
    fig = go.Figure()
    for org, rows in table.groupby("org", sort=False):
        fig.add_scatter(name=safe(org, width=0), x=rows["period"], y=rows["n_mentions"], mode="lines+markers")
    fig.update_layout(xaxis_title=LABELS["period"], yaxis_title=LABELS["n_mentions"])
    return style(fig, title=titled(title, table))
