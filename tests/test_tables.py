"""Typed frames from rows given as dicts or as tuples in the columns' order (explore.tables)."""

import pandas as pd
import pytest

from explore.tables import METRIC_COLUMNS, typed_array, typed_frame

ROW = {
    "doc_id": "d-01", "value": 25.5e4, "unit": None, "subject": "行政村", "qualifier": "exact", "raw": "25.5万",
    "org": "中国联通", "category": "coverage", "measure": "villages", "themes": None, "theme_evidence": None,
    "sentence": "覆盖25.5万行政村。", "start": 2, "end": 7,
}  # fmt: skip


def test_rows_as_tuples_make_the_same_frame_as_rows_as_dicts():
    as_dicts = typed_frame([ROW, ROW | {"start": 9}], "metrics")
    as_tuples = typed_frame([tuple(ROW.values()), tuple((ROW | {"start": 9}).values())], "metrics")
    assert list(ROW) == list(METRIC_COLUMNS)
    assert as_tuples.equals(as_dicts) and (as_tuples.dtypes == as_dicts.dtypes).all()


def test_a_tuple_row_of_the_wrong_length_is_refused_clearly():
    with pytest.raises(ValueError, match="not one for each"):
        typed_frame([tuple(ROW.values())[:-1]], "metrics")
    with pytest.raises(ValueError):  # rows of different lengths
        typed_frame([tuple(ROW.values()), tuple(ROW.values())[:-1]], "metrics")


@pytest.mark.parametrize(
    "values",
    [["行政村", None, float("nan")], ["行政村", 5, 2.5], [], [None, None]],
    ids=["text and missing", "numbers among text", "empty", "all missing"],
)
def test_a_text_column_is_what_pandas_makes_of_it(values):
    made, expected = typed_array(values, "string"), pd.array(values, dtype="string")
    assert made.dtype == expected.dtype
    assert pd.Series(made).equals(pd.Series(expected))


def test_a_column_that_is_not_text_goes_pandas_s_way():
    made = typed_array([1, None, 3], "Int64")
    assert made.dtype == pd.Int64Dtype() and made.isna().tolist() == [False, True, False]
