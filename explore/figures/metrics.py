"""Figures drawn honestly: open-ended qualifiers as arrows, log scale across magnitudes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import QUALIFIER_LABELS, QUALIFIER_SYMBOLS, safe, style, titled
from explore.labels import missing

# How far an open-ended figure's arrow reaches, as a factor of its value.
_REACH = 1.6
_HOVER = (
    "<b>%{customdata[0]}</b> = %{x:,.4~g}<br>%{customdata[1]}<br>%{customdata[2]}<br>"
    "<i>%{customdata[3]}</i><extra></extra>"
)


def use_log_scale(values: pd.Series) -> bool:
    positive = values[values > 0]
    return len(positive) > 1 and positive.max() / positive.min() >= 100


def _labels(rows: pd.DataFrame) -> list[str]:
    org = rows["org"].fillna(missing("org")).astype(str)
    subject = rows["subject"].fillna(rows["raw"]).astype(str)
    return [safe(f"{o} · {s} ({r})", width=0) for o, s, r in zip(org, subject, rows["raw"], strict=True)]


def _unit_traces(rows: pd.DataFrame, unit: str) -> list[go.Scatter]:
    traces = []
    labels = _labels(rows)
    rows = rows.assign(label=labels)
    for qualifier, group in rows.groupby("qualifier", sort=False):
        custom = [
            [
                safe(r.raw, width=0),
                QUALIFIER_LABELS.get(qualifier, qualifier),
                safe(r.org, width=0),
                safe(getattr(r, "sentence", None)),  # absent from a corpus opened with text=False
            ]
            for r in group.itertuples()
        ]
        traces.append(
            go.Scatter(
                name=f"{safe(unit, width=0)} · {QUALIFIER_LABELS.get(qualifier, qualifier)}",
                x=group["value"],
                y=group["label"],
                mode="markers",
                marker={"symbol": QUALIFIER_SYMBOLS.get(qualifier, "circle"), "size": 12},
                customdata=custom,
                hovertemplate=_HOVER,
            )
        )
        if qualifier in ("more_than", "at_least", "less_than"):
            factor = 1 / _REACH if qualifier == "less_than" else _REACH
            xs, ys = [], []
            for value, label in zip(group["value"], group["label"], strict=True):
                xs += [value, value * factor, None]
                ys += [label, label, None]
            traces.append(
                go.Scatter(
                    name=f"{safe(unit, width=0)} · {QUALIFIER_LABELS[qualifier]} ↔",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"dash": "dot", "width": 2},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    return traces


def metrics_figure(
    metrics: pd.DataFrame, *, unit: str | None = None, title: str = "数字 Figures", controls: bool = True
) -> go.Figure:
    """One unit at a time (values in 元 and 人 share no axis); a dropdown switches unit.

    ``metrics`` as from :meth:`explore.select.MetricSelection.drawn`: every figure has a unit or its missing label.
    """
    counts = metrics["unit"].value_counts()
    units = list(counts.index)
    shown = unit if unit in units else (units[0] if units else None)
    fig = go.Figure()
    owner, scales = [], {}
    for each in units:
        rows = metrics[metrics["unit"] == each].sort_values("value")
        scales[each] = "log" if use_log_scale(rows["value"]) else "linear"
        for trace in _unit_traces(rows, each):
            trace.visible = each == shown
            fig.add_trace(trace)
            owner.append(each)
    n_rows = int(counts.get(shown, 0)) if shown else 0
    fig.update_xaxes(type=scales.get(shown, "linear"), title=f"数值 value ({safe(shown, width=0)})" if shown else None)
    fig.update_layout(height=max(320, 26 * n_rows + 180), legend={"orientation": "h", "y": -0.15})
    if controls and len(units) > 1:
        buttons = [
            {
                "label": f"{safe(each, width=0)} ({counts[each]})",
                "method": "update",
                "args": [
                    {"visible": [o == each for o in owner]},
                    {"xaxis.type": scales[each], "xaxis.title.text": f"数值 value ({safe(each, width=0)})"},
                ],
            }
            for each in units
        ]
        fig.update_layout(
            updatemenus=[
                {
                    "buttons": buttons,
                    "x": 1,
                    "y": 1.02,
                    "xanchor": "right",
                    "yanchor": "bottom",
                    "active": units.index(shown),
                }
            ]
        )
    return style(fig, title=titled(title, metrics))
