"""Overview charts: files kept/removed, what cleaning removed, top terms."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style, titled


def files_bar(
    overview: pd.DataFrame, *, title: str = "每个文件保留/删除的字符 Characters kept and removed"
) -> go.Figure:
    """Characters kept and removed per file, for the files given (``summaries.files_to_draw`` caps them)."""
    names = [safe(n, width=0) for n in overview["source_file"]]
    fig = go.Figure(
        [
            go.Bar(name=LABELS[column], y=names, x=overview[column], orientation="h")
            for column in ("n_chars_clean", "n_chars_title", "n_chars_furniture", "n_chars_normalized")
        ]
    )
    fig.update_layout(barmode="stack", xaxis_title="字符 characters", yaxis_autorange="reversed")
    return style(fig, title=titled(title, overview))


def removed_bar(removed: pd.DataFrame, *, title: str = "清洗删除的内容 What cleaning removed") -> go.Figure:
    fig = go.Figure(go.Bar(x=removed["n_chars"], y=removed["reason"], orientation="h", text=removed["label"]))
    fig.update_traces(textposition="outside")
    fig.update_layout(xaxis_title="字符 characters", yaxis_autorange="reversed")
    return style(fig, title=title)


def terms_bar(terms: pd.DataFrame, *, title: str = "高频词 Top terms") -> go.Figure:
    fig = go.Figure(go.Bar(x=terms["count"], y=[safe(t, width=0) for t in terms["term"]], orientation="h"))
    fig.update_layout(xaxis_title=LABELS["count"], yaxis_autorange="reversed", height=max(300, 22 * len(terms)))
    return style(fig, title=titled(title, terms))
