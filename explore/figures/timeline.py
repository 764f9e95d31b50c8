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


_PRECISION_SYMBOLS = {"day": "diamond", "month": "circle-open", "year": "square-open"}
_PRECISION_NAMES = {"day": "日 day", "month": "月 month", "year": "年 year"}
_PAD = pd.DateOffset(months=1)


def _span_lines(spans: pd.DataFrame, label: str) -> tuple[list, list]:
    """Each span as a line from its start to its end, separated by gaps (one trace for many spans)."""
    xs, ys = [], []
    for start, end in zip(spans["start"], spans["end"], strict=True):
        xs += [start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d"), None]
        ys += [label, label, None]
    return xs, ys


def timeline_figure(events: pd.DataFrame, *, title: str = "事件时间线 Timeline", controls: bool = True) -> go.Figure:
    """A lane per organization, each event a mark at its date; a month- or year-precise date is also a thin line
    over the month or year it covers, behind the marks (overlapping year-long spans never fill a lane).

    ``events`` as from :meth:`explore.select.EventSelection.drawn` (``start``/``end`` spans, or monthly counts).
    """
    events = events.assign(org_label=events["org"].fillna(missing("org")).astype(str))
    orgs = list(dict.fromkeys(events.sort_values("start")["org_label"]))
    fig = go.Figure()
    owners = []
    palette = px.colors.qualitative.Plotly
    for number, org in enumerate(orgs):
        color = palette[number % len(palette)]
        rows = events[events["org_label"] == org]
        label = safe(org, width=0)
        xs, ys = _span_lines(rows[rows["date_precision"] != "day"], label)
        fig.add_scatter(
            name=label, legendgroup=label, showlegend=False, mode="lines", x=xs, y=ys,
            line={"width": 3, "color": color}, opacity=0.35, hoverinfo="skip",
        )  # fmt: skip
        precision = rows["date_precision"].fillna("day")
        fig.add_scatter(
            name=label,
            legendgroup=label,
            mode="markers",
            y=[label] * len(rows),
            x=rows["start"].dt.strftime("%Y-%m-%d").tolist(),
            customdata=_customdata(rows),
            hovertemplate=_HOVER,
            marker={
                "size": 11,
                "color": color,
                "symbol": [_PRECISION_SYMBOLS.get(p, "diamond") for p in precision],
                "line": {"width": 2, "color": color},
            },
        )
        owners += [org, org]
    fig.update_xaxes(type="date", title=LABELS["date"], rangeslider={"visible": controls})
    if len(events):  # a month either side: one event is not drawn at millisecond scale
        fig.update_xaxes(range=[(events["start"].min() - _PAD).isoformat(), (events["end"].max() + _PAD).isoformat()])
    fig.update_yaxes(autorange="reversed", title=None, type="category")
    key = " · ".join(
        f"{_PRECISION_NAMES[p]} {'◆' if p == 'day' else '○' if p == 'month' else '□'}" for p in _PRECISION_NAMES
    )
    fig.update_layout(height=max(320, 48 * len(orgs) + 200), legend={"title": {"text": key}})
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
