from pathlib import Path

import pandas as pd

from explore.cli import main


def test_corpus_command_writes_the_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["corpus", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "5 files, 5 loaded; 16 items" in printed
    for table in ("documents", "report", "removed", "mentions", "metrics", "events", "themes"):
        assert str(out / f"{table}.csv") in printed
    documents = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert len(documents) == 16
    assert set(pd.read_csv(out / "report.csv", encoding="utf-8-sig")["status"]) == {"loaded"}


def test_corpus_command_lists_problem_files(tmp_path, capsys):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("数字乡村建设取得显著成效。", encoding="utf-8")
    (tmp_path / "src" / "b.txt").write_bytes(b"")
    assert main(["corpus", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 0
    assert "skipped: b.txt: empty file" in capsys.readouterr().out


def test_missing_path_is_one_clear_line(tmp_path, capsys):
    assert main(["corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"explore: {tmp_path / 'nope'}: no such file or folder"


def test_strict_stops_at_the_first_problem(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"")
    assert main(["corpus", str(tmp_path), "--strict", "--out", str(tmp_path / "out")]) == 2
    assert "a.txt: empty file" in capsys.readouterr().err


def test_evaluate_command_prints_the_scores(capsys):
    data = Path(__file__).parent / "data"
    assert main(["evaluate", "--metrics", str(data / "seed_metrics.csv"), "--dates", str(data / "seed_dates.csv")]) == 0
    printed = capsys.readouterr().out
    assert "recall 1.000  precision 1.000" in printed
    assert "0 with a wrong year" in printed


def test_evaluate_needs_an_annotation(capsys):
    assert main(["evaluate"]) == 2


def test_report_says_what_it_read(tmp_path, monkeypatch, capsys):
    """explore report prints the corpus summary as explore corpus does, with every file not loaded and why."""
    import shutil

    from explore.corpus import default_corpus_path

    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_path(), corpus)
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n....")
    monkeypatch.setattr("explore.report.write_report", lambda out, corpus=None: out / "index.html")
    assert main(["report", "--out", str(tmp_path / "out"), "--corpus", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "6 files, 5 loaded, 1 skipped; 16 items" in printed and "67 figures, 26 events" in printed
    assert "  skipped: picture.png: binary file: PNG image" in printed and "report written" in printed
