"""One vocabulary of labels, colors and escaping for every figure."""

from __future__ import annotations

import html
import textwrap

import pandas as pd

LABELS = {
    "org": "机构 organization",
    "date": "日期 date",
    "value": "数值 value",
    "unit": "单位 unit",
    "category": "类别 category",
    "n_metrics": "数字条数 figures",
    "n_mentions": "提及次数 mentions",
    "n_hits": "命中 hits",
    "period": "月份 month",
    "term": "词 term",
    "count": "频次 count",
    "theme": "主题 theme",
    "n_chars_clean": "保留字符 kept",
    "n_chars_removed": "删除字符 removed",
    "source_file": "文件 file",
}
QUALIFIER_LABELS = {
    "exact": "确数 exact",
    "approx": "约 approx.",
    "more_than": "超过 more than",
    "at_least": "至少 at least",
    "less_than": "近/不足 less than",
}
QUALIFIER_SYMBOLS = {
    "exact": "circle",
    "approx": "diamond-open",
    "more_than": "triangle-right-open",
    "at_least": "triangle-right",
    "less_than": "triangle-left-open",
}
TEMPLATE = "plotly_white"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


def safe(text: object, *, width: int = 36) -> str:
    """Corpus text made safe for a plotly label: escaped, then wrapped with <br>."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    escaped = html.escape(str(text))
    return "<br>".join(textwrap.wrap(escaped, width)) if width else escaped


def style(fig, *, title: str | None = None):
    fig.update_layout(template=TEMPLATE, font_family=FONT, title=title, margin={"l": 10, "r": 10, "t": 90, "b": 10})
    return fig
