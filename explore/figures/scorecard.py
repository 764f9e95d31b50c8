"""The company scorecard: who did what, how much, when; and a small chart per measure over time."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explore.figures._style import LABELS, QUALIFIER_LABELS, VALUE_AXIS, safe, style, titled
from explore.figures.metrics import use_log_scale

_PALETTE = px.colors.qualitative.Plotly
_CELL_HOVER = (
    "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]} · %{customdata[3]}<br>"
    "<i>%{customdata[4]}</i><br>%{customdata[5]}<extra></extra>"
)
_LEGEND_NOTE = "点击图例显示或隐藏机构 click a name in the legend to show or hide it"


def _day(value) -> str:
    return "无日期 undated" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _colors(orgs: list[str]) -> dict[str, str]:
    return {org: _PALETTE[i % len(_PALETTE)] for i, org in enumerate(orgs)}


def scorecard_figure(
    card: pd.DataFrame,
    orgs: list[str],
    *,
    shown: int | None = None,
    title: str = "成绩单 Scorecard",
) -> go.Figure:
    """Rows are measures, columns organizations; each cell the headline figure as written (its qualifier in its
    words: 超过12亿元), its date, and on hover its sentence and document.

    ``card`` as from :func:`explore.compare.scorecard`. Every organization of ``orgs`` gets a column; beyond the
    first ``shown`` they start hidden, and the legend shows or hides each in the browser (an exported page).
    """
    measures = list(dict.fromkeys(card["measure_label"]))
    colors = _colors(orgs)
    fig = go.Figure()
    for number, org in enumerate(orgs):
        rows = card[card["org"] == org]
        more = [f"<br>{n} 条之一 · 1 of {n}" if n > 1 else "" for n in rows["n_figures"]]
        fig.add_scatter(
            name=safe(org, width=0),
            x=[safe(org, width=0)] * len(rows),
            y=[safe(m, width=0) for m in rows["measure_label"]],
            mode="text",
            cliponaxis=False,  # the outer columns' text runs past the plot area, not cut at its edge
            text=[
                f"<b>{safe(raw, width=0)}</b><br>{_day(date)}{extra}"
                for raw, date, extra in zip(rows["raw"], rows["date"], more, strict=True)
            ],
            textfont={"color": colors[org], "size": 13},
            customdata=[
                [
                    safe(r.raw, width=0),
                    QUALIFIER_LABELS.get(r.qualifier, r.qualifier),
                    safe(r.org, width=0),
                    _day(r.date),
                    safe(getattr(r, "sentence", None)),
                    safe(r.title, width=30),
                ]
                for r in rows.itertuples()
            ],
            hovertemplate=_CELL_HOVER,
            visible=True if shown is None or number < shown else "legendonly",
        )
    fig.update_xaxes(side="top", showgrid=False, zeroline=False, title=None, categoryorder="array",
                     categoryarray=[safe(o, width=0) for o in orgs])  # fmt: skip
    fig.update_yaxes(
        showgrid=True, gridcolor="#eee", autorange="reversed", title=None,
        categoryorder="array", categoryarray=[safe(m, width=0) for m in measures],
    )  # fmt: skip
    fig.update_layout(height=max(260, 64 * len(measures) + 170), showlegend=shown is not None)
    heading = titled(title, card)
    if shown is not None and len(orgs) > shown:
        heading += f"<br><sup>{_LEGEND_NOTE}</sup>"
    return style(fig, title=heading).update_layout(margin_r=70)  # the last column's text runs past the plot


def measure_panels_figure(
    series: pd.DataFrame,
    panels: list[tuple[str, str]],
    orgs: list[str],
    *,
    shown: int | None = None,
    title: str = "各项随时间 Each measure over time",
) -> go.Figure:
    """A small chart per measure: its figures over their documents' dates, one color per organization (the same
    in every panel). ``series`` as from :func:`explore.compare.measure_series`; ``panels`` are ``(group, label)``
    pairs, one chart each; beyond the first ``shown`` organizations start hidden (the legend shows them)."""
    colors = _colors(orgs)
    n = max(1, len(panels))
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.35 / n,
                        subplot_titles=[safe(label, width=0) for _, label in panels] or [""])  # fmt: skip
    in_legend: set[str] = set()
    for row, (group, _label) in enumerate(panels, start=1):
        rows = series[series["group"] == group]
        for number, org in enumerate(orgs):
            by_org = rows[rows["org"] == org]
            if by_org.empty:
                continue
            fig.add_scatter(
                row=row,
                col=1,
                name=safe(org, width=0),
                legendgroup=safe(org, width=0),
                showlegend=org not in in_legend,
                x=by_org["date"].dt.strftime("%Y-%m-%d").tolist(),
                y=by_org["base_value"],
                mode="markers",  # separate figures: no line joins them
                marker={"size": 9, "color": colors[org]},
                customdata=[[safe(r.raw, width=0), safe(getattr(r, "sentence", None))] for r in by_org.itertuples()],
                hovertemplate="<b>%{customdata[0]}</b> · %{x}<br><i>%{customdata[1]}</i><extra></extra>",
                visible=True if shown is None or number < shown else "legendonly",
            )
            in_legend.add(org)
        if use_log_scale(rows["base_value"]):
            fig.update_yaxes(type="log", row=row, col=1)
    fig.update_xaxes(type="date")
    fig.update_yaxes(**VALUE_AXIS)
    fig.update_xaxes(title=LABELS["date"], row=n, col=1)
    fig.update_layout(height=max(300, 170 * n + 140), legend={"orientation": "h", "y": -0.08})
    if not panels:
        fig.add_annotation(text="没有带日期的数字 no dated figures", showarrow=False, xref="paper", yref="paper")
    return style(fig, title=titled(title, series))
