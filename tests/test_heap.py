"""While a file is read, the caller's objects are left out of garbage collections (explore.heap)."""

import gc

import explore.pipeline as pipeline
from explore.heap import older_objects_set_aside
from explore.pipeline import process_paths


def _one_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("中国联通投入帮扶资金超过12亿元。", encoding="utf-8")
    return path


def test_objects_held_before_a_file_is_read_are_set_aside_while_it_is_read(tmp_path, monkeypatch):
    held = [[n] for n in range(1000)]  # a caller's objects, tracked by the collector
    frozen_while_reading = []
    read = pipeline.process_file

    def reading(file):
        frozen_while_reading.append(gc.get_freeze_count())
        return read(file)

    monkeypatch.setattr(pipeline, "process_file", reading)
    tables = process_paths([_one_file(tmp_path)], tmp_path)
    assert len(tables["metrics"]) == 1
    assert frozen_while_reading and frozen_while_reading[0] >= len(held)
    assert gc.get_freeze_count() == 0  # given back to the collector afterwards


def test_a_freeze_made_by_the_caller_is_left_as_it_was(tmp_path):
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        process_paths([_one_file(tmp_path)], tmp_path)
        assert gc.get_freeze_count() >= before > 0  # not undone by the pipeline
    finally:
        gc.unfreeze()


def test_objects_are_given_back_when_reading_fails():
    try:
        with older_objects_set_aside():
            assert gc.get_freeze_count() > 0
            raise ValueError("a file failed")
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0
