"""explore build: Parquet tables, manifest, incremental rebuilds, and the Dask engine."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import explore
from explore.build import build_corpus
from explore.cli import main
from explore.corpus import TABLES
from explore.store import committed_tables, file_sha256, read_manifest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def table_files(folder: Path) -> dict[str, Path]:
    return {name: table.path for name, table in committed_tables(folder, read_manifest(folder)).items()}


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(path) for name, path in table_files(folder).items()}


def rewrite_table(folder: Path, name: str, frame: pd.DataFrame, **options) -> None:
    """Write a table as something other than a build would, and commit it in the manifest as a build would."""
    path = table_files(folder)[name]
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, **options)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"][name] |= {"rows": len(frame), "size": path.stat().st_size, "sha256": file_sha256(path)}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def assert_same(a: dict, b: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    return folder


def test_build_writes_every_table_and_a_manifest(source, tmp_path):
    summary = build_corpus(source, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["version"] == explore.__version__ and len(manifest["data_hash"]) == 16
    assert set(manifest["files"]) == {p.name for p in SEEDS.iterdir()}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"].values())
    assert (summary.n_files, summary.n_processed, summary.n_reused, summary.n_items) == (5, 5, 0, 16)
    direct = explore.load_corpus(source)
    built = explore.load_corpus(tmp_path / "out")
    assert_same({name: getattr(built, name) for name in TABLES}, {name: getattr(direct, name) for name in TABLES})
    stories = pd.read_parquet(table_files(tmp_path / "out")["stories"])
    pd.testing.assert_frame_equal(
        stories, direct.documents[["doc_id", "story_id", "duplicate_of"]].astype(object), check_dtype=False
    )


@pytest.mark.parametrize("batch_files", [500, 2, 1])
def test_a_second_build_reuses_what_has_not_changed(source, tmp_path, monkeypatch, batch_files):
    monkeypatch.setattr("explore.build.BATCH_FILES", batch_files)  # reused rows interleave with fresh batches
    monkeypatch.setattr("explore.build._PreviousTable._READ_ROWS", batch_files)  # and are read a few at a time
    out = tmp_path / "out"
    build_corpus(source, out)
    again = build_corpus(source, out)
    assert (again.n_processed, again.n_reused) == (0, 5)

    changed = source / "001_8589567466004470.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("25.5万", "26万"), encoding="utf-8")
    (source / "000_71a38551c698ccf2.txt").touch()  # a new mtime, the same content: still reused
    (source / "003_e886e55935745e35.txt").unlink()
    (source / "new.txt").write_text("9月27日，中国联通召开推进会，覆盖25.5万行政村。", encoding="utf-8")
    update = build_corpus(source, out)
    assert (update.n_files, update.n_processed, update.n_reused) == (5, 2, 3)
    fresh = tmp_path / "fresh"
    build_corpus(source, fresh)
    assert_same(tables(out), tables(fresh))
    assert "26万" in " ".join(tables(out)["metrics"]["raw"])


def test_a_failed_build_leaves_the_previous_tables(source, tmp_path):
    from explore.build import local_engine

    out = tmp_path / "out"
    build_corpus(source, out)
    before = tables(out)

    def failing(paths, root, max_file_mb, progress):
        yield from local_engine(paths[:1], root, max_file_mb, progress)
        raise KeyboardInterrupt

    (source / "new.txt").write_text("9月27日，中国联通召开推进会。", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build_corpus(source, out, engine=failing)
    assert_same(tables(out), before)
    kept = sorted(p.name for p in out.iterdir())
    assert kept == sorted([".lock", read_manifest(out)["tables_dir"], "manifest.json"])


def test_changed_vocabulary_rebuilds_everything(source, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build_corpus(source, out)
    monkeypatch.setattr("explore.build.data_hash", lambda: "0" * 16)
    rebuilt = build_corpus(source, out)
    assert (rebuilt.n_processed, rebuilt.rebuilt_because) == (5, "the vocabulary files changed")


def test_a_built_corpus_opens_without_reparsing(source, tmp_path, monkeypatch):
    build_corpus(source, tmp_path / "out")
    monkeypatch.setattr("explore.pipeline.process_file", lambda *_: pytest.fail("re-parsed"))
    corpus = explore.load_corpus(tmp_path / "out")
    assert len(corpus.documents) == 16 and corpus.root == source.resolve()
    light = explore.load_corpus(tmp_path / "out", text=False)
    assert "text" not in light.documents.columns and "sentence" not in light.metrics.columns


def test_a_built_corpus_reads_each_table_on_first_use(source, tmp_path):
    from explore import views

    build_corpus(source, tmp_path / "out")
    corpus = explore.load_corpus(tmp_path / "out")
    assert corpus.loaded_tables() == []
    views.TimelineView(corpus).widget()
    assert sorted(corpus.loaded_tables()) == ["documents", "events", "themes"]  # not mentions, not removed
    assert (
        len(corpus.mentions) == len(explore.load_corpus(source).mentions) > 0 and "mentions" in corpus.loaded_tables()
    )
    with pytest.raises(AttributeError):
        corpus.no_such_table  # noqa: B018


def test_tables_read_from_many_row_groups_are_one_chunk_per_column(source, tmp_path):
    build_corpus(source, tmp_path / "out")
    rewrite_table(tmp_path / "out", "metrics", tables(tmp_path / "out")["metrics"], row_group_size=10)
    assert pq.ParquetFile(table_files(tmp_path / "out")["metrics"]).num_row_groups == 7  # 67 figures
    metrics = explore.load_corpus(tmp_path / "out").metrics
    sentences = pa.array(metrics["sentence"].array)
    assert not isinstance(sentences, pa.ChunkedArray) or sentences.num_chunks == 1
    stored = tables(tmp_path / "out")["metrics"].astype(TABLES["metrics"])
    pd.testing.assert_frame_equal(metrics.drop(columns="is_copy"), stored)


def test_bad_files_are_accounted_for_in_a_build(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("中国联通覆盖25.5万行政村。", encoding="utf-8")
    (tmp_path / "src" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    summary = build_corpus(tmp_path / "src", tmp_path / "out")
    assert summary.problems == ["skipped: b.png: binary file: PNG image"]


@pytest.mark.slow
def test_dask_engine_writes_the_same_tables(source, tmp_path):
    from explore.engines import dask_engine

    build_corpus(source, tmp_path / "local")
    summary = build_corpus(source, tmp_path / "dask", engine=dask_engine(n_workers=2), engine_name="dask")
    assert summary.engine == "dask" and summary.n_processed == 5
    assert_same(tables(tmp_path / "local"), tables(tmp_path / "dask"))
    # The global step (each document's story) runs after either engine's map, on the same signatures.
    local, dask = (pd.read_parquet(table_files(tmp_path / name)["stories"]) for name in ("local", "dask"))
    pd.testing.assert_frame_equal(local, dask)
    assert local["duplicate_of"].notna().sum() == 1  # the seeds' one copy
    import dask

    assert dask.config.get("distributed.worker.profile.enabled") is True  # the build's settings did not leak


def test_a_local_cluster_turns_off_only_settings_dask_has():
    """The settings a build's own LocalCluster changes (its profiler, its GIL monitor) are names dask knows:
    a misspelt key would be set and read by no one."""
    import dask

    from explore.engines import _LOCAL_CLUSTER_CONFIG

    for key in _LOCAL_CLUSTER_CONFIG:
        assert dask.config.get(key) is True, key  # a known key, on by default


def test_the_process_pool_writes_the_same_tables(source, tmp_path):
    """Every core by default: tasks of two files in two processes give the rows the in-process engine gives,
    in file order, batch after batch (the five seeds and ten more files: eight tasks, two batches)."""
    from explore import engines

    for n in range(10):
        shutil.copy(SEEDS / sorted(p.name for p in SEEDS.iterdir())[n % 5], source / f"more_{n:02d}.txt")
    build_corpus(source, tmp_path / "local")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engines, "BATCH_FILES", 8)
        summary = build_corpus(source, tmp_path / "pool", engine=engines.pool_engine(jobs=2, files_per_task=2))
    assert summary.n_processed == 15
    assert_same(tables(tmp_path / "local"), tables(tmp_path / "pool"))
    stories = [pd.read_parquet(table_files(tmp_path / name)["stories"]) for name in ("local", "pool")]
    pd.testing.assert_frame_equal(*stories)
    assert stories[0]["story_id"].nunique() == 15  # 48 items, 16 in the seeds, one of them a copy
    assert engines.available_cores() >= 1


def test_build_command(source, tmp_path, capsys):
    assert main(["build", str(source), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "5 files: 5 processed, 0 reused unchanged" in printed and "16 items, 67 figures, 26 events" in printed
    assert main(["build", str(source), "--out", str(tmp_path / "out"), "--scheduler", "tcp://x:1"]) == 2
    assert main(["build", str(source), "--out", str(tmp_path / "out"), "--jobs", "0"]) == 2
    assert "--jobs needs a number of processes" in capsys.readouterr().err
    assert main(["build", str(source), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0


def test_views_work_on_a_corpus_opened_without_text(source, tmp_path):
    from explore import select, views

    build_corpus(source, tmp_path / "out")
    corpus = explore.load_corpus(tmp_path / "out", text=False)
    for view in (views.TimelineView(corpus), views.MetricsView(corpus), views.CompaniesView(corpus)):
        view.widget()
        assert "<table" in view.static_html()
    with pytest.raises(ValueError, match="text=False"):
        select.TextSearch(corpus)


def test_previous_tables_out_of_file_order_are_refused_clearly(source, tmp_path):
    from explore.errors import CorpusError

    out = tmp_path / "out"
    build_corpus(source, out)
    rewrite_table(out, "report", tables(out)["report"].iloc[::-1])  # not what a build writes
    (source / "new.txt").write_text("9月27日，中国联通召开推进会。", encoding="utf-8")
    with pytest.raises(CorpusError, match="not in file order"):
        build_corpus(source, out)
    assert not any(p.name.startswith(".building") for p in out.iterdir())
