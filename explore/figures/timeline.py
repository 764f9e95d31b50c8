"""The events timeline: spans for month/year-precise dates, points for days."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from explore.figures._style import LABELS, safe, style, titled
from explore.labels import missing

_HOVER = (
    "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}<br>"
    "<i>%{customdata[3]}</i><extra>%{customdata[4]}</extra>"
)


def _customdata(rows: pd.DataFrame) -> list[list[str]]:
    return [
        [
            safe(r.date_text, width=0),
            safe(r.kind, width=0),
            safe(getattr(r, "text", None)),  # absent from a corpus opened with text=False
            safe(r.title, width=30),
            safe(r.org_label, width=0),
        ]
        for r in rows.itertuples()
    ]


def timeline_figure(events: pd.DataFrame, *, title: str = "事件时间线 Timeline", controls: bool = True) -> go.Figure:
    """``events`` as from :meth:`explore.select.EventSelection.drawn` (``start``/``end`` spans, or monthly counts)."""
    events = events.assign(org_label=events["org"].fillna(missing("org")).astype(str))
    orgs = list(dict.fromkeys(events.sort_values("start")["org_label"]))
    fig = go.Figure()
    owners = []
    palette = px.colors.qualitative.Plotly
    for number, org in enumerate(orgs):
        color = palette[number % len(palette)]
        rows = events[events["org_label"] == org]
        spans = rows[rows["date_precision"] != "day"]
        days = rows[rows["date_precision"] == "day"]
        label = safe(org, width=0)
        fig.add_bar(
            name=label,
            legendgroup=label,
            orientation="h",
            y=[label] * len(spans),
            base=spans["start"].dt.strftime("%Y-%m-%d").tolist(),
            x=((spans["end"] - spans["start"]).dt.total_seconds() * 1000).tolist(),
            customdata=_customdata(spans),
            hovertemplate=_HOVER,
            opacity=0.45,
            marker_color=color,
        )
        fig.add_scatter(
            name=label,
            legendgroup=label,
            showlegend=False,
            mode="markers",
            y=[label] * len(days),
            x=days["start"].dt.strftime("%Y-%m-%d").tolist(),
            customdata=_customdata(days),
            hovertemplate=_HOVER,
            marker={"size": 11, "symbol": "diamond", "color": color},
        )
        owners += [org, org]
    fig.update_xaxes(type="date", title=LABELS["date"], rangeslider={"visible": controls})
    if len(events):  # a month either side, so one day-precise event is not drawn at millisecond scale
        pad = pd.DateOffset(months=1)
        fig.update_xaxes(range=[(events["start"].min() - pad).isoformat(), (events["end"].max() + pad).isoformat()])
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_layout(height=max(320, 48 * len(orgs) + 200), bargap=0.35)
    if controls and len(orgs) > 1:
        buttons = [{"label": "全部 All", "method": "update", "args": [{"visible": [True] * len(owners)}]}]
        buttons += [
            {"label": safe(org, width=0), "method": "update", "args": [{"visible": [o == org for o in owners]}]}
            for org in orgs
        ]
        fig.update_layout(
            updatemenus=[{"buttons": buttons, "x": 1, "y": 1.02, "xanchor": "right", "yanchor": "bottom"}]
        )
    return style(fig, title=titled(title, events))
