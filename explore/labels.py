"""One vocabulary of labels for every table, chart and control, like plotly express's one ``_doc`` dictionary.

Column labels, qualifier labels, and how a missing value is spelt: a figure
without a unit, an event or figure no organization is named for, an item
without a credit. Compute steps fill missing values with :data:`MISSING`
labels where a reader will see them; figure builders draw what they are given.
"""

from __future__ import annotations

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
