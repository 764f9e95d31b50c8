"""What a build promises under kill -9, a second build at once, a full disk, a damaged folder and a hash clash.

Kills are injected in-process: a forked child runs the build and ends itself
with ``os._exit`` at a named point of the commit (``explore.build._step``) or
in the middle of writing, the way kill -9 would; nothing depends on timing.
"""

import errno
import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import explore
import explore.pipeline
from explore.build import _Lock, build_corpus, local_engine
from explore.cli import main
from explore.corpus import TABLES
from explore.errors import CorpusError
from explore.store import committed_tables, read_manifest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHANGED = "001_8589567466004470.txt"
GONE = "003_e886e55935745e35.txt"


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    corpus = explore.load_corpus(folder)
    return {name: getattr(corpus, name) for name in TABLES}


def assert_same(a: dict, b: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name].reset_index(drop=True), b[name].reset_index(drop=True), obj=name)


def leftovers(out: Path) -> list[str]:
    keep = {".lock", "manifest.json", read_manifest(out)["tables_dir"]}
    return sorted(p.name for p in out.iterdir() if p.name not in keep)


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SEEDS, folder)
    return folder


def edit(source: Path) -> None:
    changed = source / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8").replace("25.5万", "26万"), encoding="utf-8")
    (source / GONE).unlink()
    (source / "new.txt").write_text("9月27日，中国联通召开推进会，覆盖25.5万行政村。", encoding="utf-8")


def _killed_build(source: str, out: str, at: str) -> None:
    """Child process: build, and die like kill -9 at ``at`` (a commit step, or "writing": after the first batch)."""
    import explore.build as build

    if at == "writing":

        def engine(paths, root, max_file_mb, progress):
            yield from local_engine(paths[:1], root, max_file_mb, progress)
            os._exit(9)

        build.build_corpus(source, out, engine=engine)
    else:
        build._step = lambda name: os._exit(9) if name == at else None
        build.build_corpus(source, out)
    os._exit(0)


def run_killed(source: Path, out: Path, at: str) -> int:
    child = multiprocessing.get_context("fork").Process(target=_killed_build, args=(str(source), str(out), at))
    child.start()
    child.join(120)
    return child.exitcode


@pytest.mark.parametrize("at", ["writing", "tables written", "version folder in place", "manifest committed"])
def test_a_build_killed_anywhere_leaves_a_whole_build_and_the_next_one_repairs(source, tmp_path, at):
    out = tmp_path / "out"
    build_corpus(source, out)
    before = tables(out)
    edit(source)
    assert run_killed(source, out, at) == 9

    after_kill = tables(out)  # opens without complaint, and is one whole build: the old one or the new one
    committed = at == "manifest committed"
    expected = tables(tmp_path / "fresh") if build_corpus(source, tmp_path / "fresh") and committed else before
    assert_same(after_kill, expected)
    ids = set(after_kill["documents"]["doc_id"])
    assert all(set(after_kill[name]["doc_id"]) <= ids for name in ("mentions", "metrics", "events", "themes"))

    again = build_corpus(source, out)
    assert (again.n_files, again.n_processed) == (5, 0 if committed else 2)
    assert_same(tables(out), tables(tmp_path / "fresh"))
    assert leftovers(out) == []  # the killed build's staging or version folder is gone


def test_a_second_build_into_the_same_folder_is_refused_clearly(source, tmp_path):
    out = tmp_path / "out"
    build_corpus(source, out)
    before = tables(out)
    holder = _Lock(out)  # a build running in another process holds this lock
    try:
        with pytest.raises(CorpusError, match=r"another build is writing here \(pid \d+"):
            build_corpus(source, out)
        assert main(["build", str(source), "--out", str(out)]) == 2
    finally:
        holder.release()
    assert_same(tables(out), before)
    assert build_corpus(source, out).n_reused == 5  # free again once the first one ends


def test_a_kill_during_a_build_does_not_keep_the_lock(source, tmp_path):
    out = tmp_path / "out"
    assert run_killed(source, out, "writing") == 9
    assert build_corpus(source, out).n_processed == 5


def test_doc_ids_have_64_bits_and_a_clash_is_detected(source, tmp_path, monkeypatch):
    corpus = explore.load_corpus(source)
    assert corpus.documents["doc_id"].str.fullmatch(r"[0-9a-f]{16}-\d{2}").all()
    out = tmp_path / "out"
    build_corpus(source, out)
    before = tables(out)
    (source / "new.txt").write_text("9月27日，中国联通召开推进会。", encoding="utf-8")
    real = explore.pipeline.doc_id_for
    clash = real("000_71a38551c698ccf2.txt", 1)

    def colliding(source_file, item_no):  # new.txt hashes as an unchanged file does
        return real("000_71a38551c698ccf2.txt" if source_file == "new.txt" else source_file, item_no)

    monkeypatch.setattr("explore.pipeline.doc_id_for", colliding)
    with pytest.raises(CorpusError, match=rf"doc_id {clash} is shared by 000_71a38551c698ccf2.txt and new.txt"):
        explore.load_corpus(source)
    with pytest.raises(CorpusError, match="hash collision"):
        build_corpus(source, out)
    assert_same(tables(out), before)
    assert leftovers(out) == []


def test_a_same_size_edit_with_its_mtime_restored_is_rebuilt(source, tmp_path):
    out = tmp_path / "out"
    build_corpus(source, out)
    path = source / CHANGED
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("25.5万", "26.5万"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    again = build_corpus(source, out)
    assert (again.n_processed, again.n_reused) == (1, 4)
    assert "26.5万" in " ".join(tables(out)["metrics"]["raw"])


def _flip_a_byte(out: Path) -> None:
    path = committed_tables(out, read_manifest(out))["metrics"].path
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(out: Path) -> None:
    path = committed_tables(out, read_manifest(out))["mentions"].path
    path.write_bytes(path.read_bytes()[:-200])


def _delete(out: Path) -> None:
    committed_tables(out, read_manifest(out))["events"].path.unlink()


def _manifest(change):
    def damage(out: Path) -> None:
        path = out / "manifest.json"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return damage


DAMAGE = {
    "manifest not JSON": _manifest(lambda text: text[: len(text) // 2]),
    "manifest missing": lambda out: (out / "manifest.json").unlink(),
    "no files": _manifest(lambda text: json.dumps(json.loads(text) | {"files": []})),
    "files empty": _manifest(lambda text: json.dumps(json.loads(text) | {"files": {}})),
    "table truncated": _truncate,
    "table deleted": _delete,
    "one flipped byte": _flip_a_byte,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_build_is_reported_and_rebuilt_past(source, tmp_path, damage):
    out = tmp_path / "out"
    build_corpus(source, out)
    DAMAGE[damage](out)
    with pytest.raises(CorpusError) as raised:
        tables(out)  # at open, or at the first use of the damaged table: never as a folder of raw texts
    assert str(out) in str(raised.value) and "rebuild it with `explore build" in str(raised.value)
    assert main(["corpus", str(out), "--out", str(tmp_path / "csv")]) == 2

    rebuilt = build_corpus(source, out)
    assert rebuilt.n_processed == 5 and "could not be reused" in rebuilt.rebuilt_because
    build_corpus(source, tmp_path / "fresh")
    assert_same(tables(out), tables(tmp_path / "fresh"))
    assert leftovers(out) == []


def test_a_build_of_an_older_format_is_named_and_rebuilt(source, tmp_path):
    out = tmp_path / "out"
    build_corpus(source, out)
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps(manifest | {"format": "explore-corpus/1"}))
    (out / "documents.parquet").write_bytes(b"PAR1")  # where format 1 kept its tables
    with pytest.raises(CorpusError, match="older format"):
        explore.load_corpus(out)
    assert build_corpus(source, out).n_processed == 5
    assert leftovers(out) == []


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_the_previous_build_and_no_staging(source, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    build_corpus(source, out)
    before = tables(out)
    (source / "new.txt").write_text("9月27日，中国联通召开推进会。", encoding="utf-8")
    monkeypatch.setattr("pyarrow.parquet.ParquetWriter.write_table", _disk_full)
    assert main(["build", str(source), "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("explore: no space left") and "\n" not in error
    assert leftovers(out) == []
    assert_same(tables(out), before)


def test_a_full_disk_leaves_no_partial_csv(source, tmp_path, monkeypatch, capsys):
    out = tmp_path / "csv"
    assert main(["corpus", str(source), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    original = pd.DataFrame.to_csv

    def fills_the_disk(frame, path, **kwargs):
        if "metrics" in str(path):
            Path(path).write_bytes(b"")
            _disk_full()
        return original(frame, path, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fills_the_disk)
    assert main(["corpus", str(source), "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith("explore: no space left")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no 0-byte file, no temporary left
