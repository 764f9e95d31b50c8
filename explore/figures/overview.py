"""Overview charts: files kept/removed, what cleaning removed, top terms."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style

MAX_FILES_DRAWN = 30


def files_bar(
    overview: pd.DataFrame, *, title: str = "每个文件保留/删除的字符 Characters kept and removed"
) -> go.Figure:
    """Characters kept and removed per file; beyond ``MAX_FILES_DRAWN`` files, the largest, in file order."""
    if len(overview) > MAX_FILES_DRAWN:
        title = f"{title}: the {MAX_FILES_DRAWN} largest of {len(overview):,} files"
        overview = overview.loc[sorted(overview["n_chars"].nlargest(MAX_FILES_DRAWN).index)]
    names = [safe(n, width=0) for n in overview["source_file"]]
    fig = go.Figure(
        [
            go.Bar(name=LABELS["n_chars_clean"], y=names, x=overview["n_chars_clean"], orientation="h"),
            go.Bar(name=LABELS["n_chars_removed"], y=names, x=overview["n_chars_removed"], orientation="h"),
        ]
    )
    fig.update_layout(barmode="stack", xaxis_title="字符 characters", yaxis_autorange="reversed")
    return style(fig, title=title)


def removed_bar(removed: pd.DataFrame, *, title: str = "清洗删除的内容 What cleaning removed") -> go.Figure:
    fig = go.Figure(go.Bar(x=removed["n_chars"], y=removed["reason"], orientation="h", text=removed["n_pieces"]))
    fig.update_traces(texttemplate="%{text} pieces", textposition="outside")
    fig.update_layout(xaxis_title="字符 characters", yaxis_autorange="reversed")
    return style(fig, title=title)


def terms_bar(terms: pd.DataFrame, *, title: str = "高频词 Top terms") -> go.Figure:
    if "sample" in terms.attrs:  # top_terms read a sample of a large corpus
        taken, total = terms.attrs["sample"]
        title = f"{title}: in {taken:,} of {total:,} documents, evenly spaced"
    fig = go.Figure(go.Bar(x=terms["count"], y=[safe(t, width=0) for t in terms["term"]], orientation="h"))
    fig.update_layout(xaxis_title=LABELS["count"], yaxis_autorange="reversed", height=max(300, 22 * len(terms)))
    return style(fig, title=title)
