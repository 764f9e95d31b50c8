"""Colors, symbols, fonts and escaping for every figure; the words of labels come from ``explore.labels``."""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from explore.labels import LABELS, QUALIFIER_LABELS

__all__ = [
    "FONT",
    "LABELS",
    "QUALIFIER_LABELS",
    "QUALIFIER_SYMBOLS",
    "TEMPLATE",
    "VALUE_AXIS",
    "safe",
    "style",
    "titled",
]

QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "approx": "diamond-open",
    "more_than": "triangle-right-open",
    "at_least": "triangle-right",
    "less_than": "triangle-left-open",
}
TEMPLATE = "plotly_white"
# A value axis as a Chinese reader reads numbers: 1,200,000,000, never 1.2B (an SI "B" or "G" is no 亿).
VALUE_AXIS = {"exponentformat": "none", "separatethousands": True}
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


def safe(text: object, *, width: int = 36) -> str:
    """Corpus text made safe for a plotly label: escaped, then wrapped with <br>."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    escaped = html.escape(str(text))
    return "<br>".join(textwrap.wrap(escaped, width)) if width else escaped


def titled(title: str, frame: pd.DataFrame) -> str:
    """The title, saying what the compute step left out of ``frame`` (``attrs["limited"]``), if anything."""
    note = frame.attrs.get("limited")
    return f"{title}: {note}" if note else title


def style(fig, *, title: str | None = None):
    fig.update_layout(template=TEMPLATE, font_family=FONT, title=title, margin={"l": 10, "r": 10, "t": 90, "b": 10})
    return fig
