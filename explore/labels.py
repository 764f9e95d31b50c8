"""One vocabulary of labels for every table, chart and control, like plotly express's one ``_doc`` dictionary.

Column labels, qualifier labels, and how a missing value is spelt: a figure
without a unit, an event or figure no organization is named for, an item
without a credit. Compute steps fill missing values with :data:`MISSING`
labels where a reader will see them; figure builders draw what they are given.
"""

from __future__ import annotations

import numpy as np
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
    "n_chars_clean": "保留正文 text kept",
    "n_chars_title": "标题 titles (kept)",
    "n_chars_furniture": "删除的页面杂项 furniture removed",
    "n_chars_normalized": "规范化删除 normalized away",
    "source_file": "文件 file",
    "measure": "测量 measure",
    "measure_label": "测量 measure",
    "raw": "原文 as written",
    "qualifier": "限定 qualifier",
    "subject": "对象 counted",
    "sentence": "句子 sentence",
    "title": "标题 title",
    "text": "句子 sentence",
    "kind": "类型 kind",
    "date_text": "原文日期 date as written",
    "date_precision": "精度 precision",
    "n_figures": "同类数字 figures of it",
    "base_value": "换算值 value in base unit",
    "base_unit": "基本单位 base unit",
}
QUALIFIER_LABELS = {
    "exact": "确数 exact",
    "approx": "约 approx.",
    "more_than": "超过 more than",
    "at_least": "至少 at least",
    "less_than": "近/不足 less than",
}
# How a missing value of a column reads wherever a reader sees it.
MISSING = {
    "unit": "（无单位 no unit）",
    "org": "（未归属 unattributed）",
    "credit": "（无来源 no credit）",
}


def missing(column: str) -> str:
    """The label of a missing value of ``column``."""
    return MISSING[column]


def limited(template: str, shown: int, total: int) -> str:
    """What a capped chart says of itself: ``"the {n} largest of {total} files"`` → the 30 largest of 1,234 files."""
    return template.format(n=f"{shown:,}", total=f"{total:,}")


_SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def readable_number(value: object) -> str:
    """A number as a Chinese reader writes it: 25.5万, 12亿, 2.05万亿; below 万 with thousands separators
    (1,207; 0.35); never scientific notation. A missing value is empty."""
    if value is None or value is pd.NA or not isinstance(value, int | float | np.number) or np.isnan(value):
        return ""
    value = float(value)
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{_digits(value / scale)}{word}"
    return _digits(value, separators=True)


def _digits(value: float, *, separators: bool = False) -> str:
    """At most four significant decimals, no trailing zeros: 25.5, 1,207, 0.1234."""
    if value == int(value):
        return f"{int(value):,}" if separators else str(int(value))
    text = f"{value:,.4f}" if separators else f"{value:.4f}"
    return text.rstrip("0").rstrip(".")
