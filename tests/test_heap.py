"""While a file is read the garbage collector is paused, and resumes after (explore.heap)."""

import gc

import pytest

import explore.pipeline as pipeline
from explore.heap import collections_paused
from explore.pipeline import process_paths


def _one_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("中国联通投入帮扶资金超过12亿元。", encoding="utf-8")
    return path


def test_no_collection_runs_while_a_file_is_read_and_they_resume_after(tmp_path, monkeypatch):
    enabled_while_reading = []
    read = pipeline.process_file

    def reading(file):
        enabled_while_reading.append(gc.isenabled())
        return read(file)

    monkeypatch.setattr(pipeline, "process_file", reading)
    assert gc.isenabled()
    tables = process_paths([_one_file(tmp_path)], tmp_path)
    assert len(tables["metrics"]) == 1
    assert enabled_while_reading == [False]
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_keeps_it_paused(tmp_path):
    gc.disable()
    try:
        process_paths([_one_file(tmp_path)], tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collections_resume_when_reading_fails():
    with pytest.raises(ValueError), collections_paused():
        assert not gc.isenabled()
        raise ValueError("a file failed")
    assert gc.isenabled()


def test_reading_a_file_leaves_no_cycles_behind(tmp_path):
    from explore.adversarial import prose

    (tmp_path / "a.txt").write_text(prose(200_000), encoding="utf-8")
    gc.collect()
    process_paths([tmp_path / "a.txt"], tmp_path)
    assert gc.collect() < 100  # what pausing the collector could have let pile up
