"""Figures drawn honestly: open-ended qualifiers as arrows, log scale across magnitudes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explore.figures._style import LABELS, QUALIFIER_LABELS, QUALIFIER_SYMBOLS, VALUE_AXIS, safe, style, titled
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


def _traces(rows: pd.DataFrame, name: str) -> list[go.Scatter]:
    """One group's figures, a row each (``label``), a mark per qualifier and open-ended ones as arrows."""
    traces = []
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
        labels = [safe(label, width=0) for label in group["label"]]
        traces.append(
            go.Scatter(
                name=f"{safe(name, width=0)} · {QUALIFIER_LABELS.get(qualifier, qualifier)}",
                x=group["base_value"],
                y=labels,
                mode="markers",
                marker={"symbol": QUALIFIER_SYMBOLS.get(qualifier, "circle"), "size": 12},
                customdata=custom,
                hovertemplate=_HOVER,
            )
        )
        if qualifier in ("more_than", "at_least", "less_than"):
            factor = 1 / _REACH if qualifier == "less_than" else _REACH
            xs, ys = [], []
            for value, label in zip(group["base_value"], labels, strict=True):
                xs += [value, value * factor, None]
                ys += [label, label, None]
            traces.append(
                go.Scatter(
                    name=f"{safe(name, width=0)} · {QUALIFIER_LABELS[qualifier]} ↔",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"dash": "dot", "width": 2},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    return traces


def _groups(metrics: pd.DataFrame, group: str | None) -> tuple[list[str], str | None, dict[str, str]]:
    """The groups drawn (in ``group_rank`` order: measures as the data file lists them), the one shown, and each
    one's label."""
    groups = list(metrics.sort_values("group_rank", kind="stable")["group"].drop_duplicates())
    labels = dict(zip(metrics["group"], metrics["group_label"], strict=False))
    shown = group if group in groups else (groups[0] if groups else None)
    return groups, shown, labels


def _switch(
    fig: go.Figure, groups: list[str], shown: str, labels: dict[str, str], owner: list[str], axis: dict
) -> None:
    """A dropdown that shows one group's traces at a time, in the browser (an exported page has no kernel)."""
    buttons = [
        {
            "label": safe(labels[each], width=0),
            "method": "update",
            "args": [{"visible": [o == each for o in owner]}, axis[each]],
        }
        for each in groups
    ]
    fig.update_layout(
        updatemenus=[
            {
                "buttons": buttons,
                "x": 1,
                "y": 1.02,
                "xanchor": "right",
                "yanchor": "bottom",
                "active": groups.index(shown),
            }
        ]
    )


def metrics_figure(
    metrics: pd.DataFrame, *, group: str | None = None, title: str = "数字 Figures", controls: bool = True
) -> go.Figure:
    """The figures of one measure in one unit family, by organization: a row per figure (``腾讯 · 居民 10万多``).

    ``metrics`` as from :meth:`explore.select.MetricSelection.drawn`; with ``controls`` every group it holds
    is drawn and a dropdown switches between them.
    """
    groups, shown, labels = _groups(metrics, group)
    fig = go.Figure()
    owner, axis, heights = [], {}, {}
    for each in groups if controls else [shown] if shown else []:
        rows = metrics[metrics["group"] == each].sort_values(["org", "base_value"], ascending=[False, True])
        unit = rows["base_unit"].iloc[0]
        axis[each] = {
            "xaxis.type": "log" if use_log_scale(rows["base_value"]) else "linear",
            "xaxis.title.text": f"数值 value ({safe(unit, width=0)})",
        }
        heights[each] = len(rows)
        for trace in _traces(rows, labels[each]):
            trace.visible = each == shown
            fig.add_trace(trace)
            owner.append(each)
    fig.update_xaxes(**VALUE_AXIS)
    if shown:
        fig.update_xaxes(type=axis[shown]["xaxis.type"], title=axis[shown]["xaxis.title.text"])
    fig.update_layout(
        height=max(320, 26 * max(heights.values(), default=0) + 180), legend={"orientation": "h", "y": -0.15}
    )
    if controls and len(groups) > 1:
        _switch(fig, groups, shown, labels, owner, axis)
    if not shown:
        _say_empty(fig)
    heading = f"{title} · {labels[shown]}" if shown and not (controls and len(groups) > 1) else title
    return style(fig, title=titled(heading, metrics))


def _say_empty(fig: go.Figure) -> None:
    """An empty selection says so, rather than drawing bare axes."""
    fig.add_annotation(
        text="没有符合所选的数字 no figures for this selection",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


_TIME_SYMBOLS = {"more_than": "triangle-up-open", "at_least": "triangle-up", "less_than": "triangle-down-open"}


def metrics_over_time_figure(
    metrics: pd.DataFrame, *, group: str | None = None, title: str = "随时间 Over time", controls: bool = True
) -> go.Figure:
    """The figures of one measure over their documents' dates, one color per organization; a figure's mark says
    its qualifier (▲ more than, ▼ less than). Undated figures are not drawn, and the title says how many."""
    groups, shown, labels = _groups(metrics, group)
    fig = go.Figure()
    owner, axis = [], {}
    undated = 0
    for each in groups if controls else [shown] if shown else []:
        rows = metrics[metrics["group"] == each]
        undated += int(rows["date"].isna().sum()) if each == shown else 0
        rows = rows.dropna(subset=["date"]).sort_values("date")
        unit = rows["base_unit"].iloc[0] if len(rows) else ""
        axis[each] = {
            "yaxis.type": "log" if use_log_scale(rows["base_value"]) else "linear",
            "yaxis.title.text": f"数值 value ({safe(unit, width=0)})",
        }
        for org, by_org in rows.groupby(rows["org"].fillna(missing("org")), sort=True):
            fig.add_scatter(
                name=safe(org, width=0),
                legendgroup=safe(org, width=0),
                x=by_org["date"].dt.strftime("%Y-%m-%d").tolist(),
                y=by_org["base_value"],
                mode="markers",
                marker={"size": 11, "symbol": [_TIME_SYMBOLS.get(q, "circle") for q in by_org["qualifier"]]},
                customdata=[
                    [safe(r.raw, width=0), safe(r.label, width=0), safe(getattr(r, "sentence", None))]
                    for r in by_org.itertuples()
                ],
                hovertemplate="<b>%{customdata[0]}</b> · %{x}<br>%{customdata[1]}<br><i>%{customdata[2]}</i>"
                "<extra></extra>",
                visible=each == shown,
            )
            owner.append(each)
    fig.update_xaxes(type="date", title=LABELS["date"])
    fig.update_yaxes(**VALUE_AXIS)
    if shown and shown in axis:
        fig.update_yaxes(type=axis[shown]["yaxis.type"], title=axis[shown]["yaxis.title.text"])
    fig.update_layout(height=380, legend={"orientation": "h", "y": -0.2})
    if controls and len(groups) > 1:
        _switch(fig, groups, shown, labels, owner, axis)
    if not fig.data:
        _say_empty(fig)
    note = f"{undated:,} undated figures not drawn" if undated else None
    heading = f"{title} · {labels[shown]}" if shown and not (controls and len(groups) > 1) else title
    return style(fig, title=titled(heading + (f" ({note})" if note else ""), metrics))
