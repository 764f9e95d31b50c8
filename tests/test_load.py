"""A corpus of bad files, made by the tests themselves: every file accounted for."""

import codecs
import os
import zipfile

import pandas as pd
import pytest

import explore
from explore import CorpusError

ARTICLE = (
    "9月27日，中国联通2023年助力乡村振兴推进会在重庆召开，分享数字乡村建设成果。"
    "中国联通投入帮扶资金超过12亿元，“联通数村”平台已覆盖25.5万行政村。\n"
)
TRADITIONAL = "中央網信辦等十一部門部署開展第二批國家數字鄉村試點工作，探索形成數字鄉村可持續發展模式。\n" * 2


@pytest.fixture
def bad_corpus(tmp_path):
    files = {
        "good/utf8.txt": ARTICLE.encode("utf-8"),
        "good/utf8_bom.txt": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        "good/utf16.txt": ARTICLE.encode("utf-16"),  # Python writes the BOM
        "good/gb18030.txt": ARTICLE.encode("gb18030"),
        "good/big5.txt": TRADITIONAL.encode("big5"),
        "bad/empty.txt": b"",
        "bad/blank.txt": b"  \n\t\n",
        "bad/image.png": b"\x89PNG\r\n\x1a\n" + os.urandom(200),
        "bad/report.pdf": b"%PDF-1.7\n" + os.urandom(200),
        "bad/nul.bin": b"abc\x00\x01\x02" * 50,
        "good/utf16_no_bom.txt": ARTICLE.encode("utf-16-le"),
        "good/utf8_damaged.txt": ARTICLE.encode("utf-8")[:40] + b"\xff\xfe\xfd\x80" + ARTICLE.encode("utf-8")[40:],
        # one character's two bytes damaged (振), and the file cut in the middle of its last character
        "good/gbk_damaged.txt": ARTICLE.encode("gb18030")[:31] + b"\xff\xff" + ARTICLE.encode("gb18030")[33:] + b"\x81",
        "bad/invalid.txt": bytes(0xFF if n % 3 == 0 else b for n, b in enumerate(ARTICLE.encode("utf-8") * 2)),
        "bad/punctuation.txt": "。。。——……\n！！！\n".encode(),
        "bad/furniture_only.txt": "免责声明：市场有风险，投资需谨慎。\n关注我们的微信公众号\n".encode(),
        ".hidden/notes.txt": ARTICLE.encode("utf-8"),
        "big/large.txt": ARTICLE.encode("utf-8") * 20_000,  # ~4 MB, over a 1 MB limit
    }
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with zipfile.ZipFile(tmp_path / "bad" / "archive.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return tmp_path


EXPECTED = {
    "good/utf8.txt": ("loaded", None, "utf-8"),
    "good/utf8_bom.txt": ("loaded", None, "utf-8-sig"),
    "good/utf16.txt": ("loaded", None, "utf-16"),
    "good/gb18030.txt": ("loaded", None, "gb18030"),
    "good/big5.txt": ("loaded", None, "big5"),
    "bad/empty.txt": ("skipped", "empty file", None),
    "bad/blank.txt": ("skipped", "no text", "ascii"),
    "bad/image.png": ("skipped", "PNG image", None),
    "bad/report.pdf": ("skipped", "PDF document", None),
    "bad/nul.bin": ("skipped", "NUL bytes", None),
    "bad/archive.docx": ("skipped", "Office document", None),
    "good/utf16_no_bom.txt": ("loaded", None, "utf-16-le"),
    "good/utf8_damaged.txt": ("loaded", "4 undecodable byte sequences replaced with U+FFFD", "utf-8"),
    "good/gbk_damaged.txt": ("loaded", "3 undecodable byte sequences replaced with U+FFFD", "gb18030"),
    "bad/invalid.txt": ("error", "not valid UTF-8 (byte 0x", None),
    "bad/punctuation.txt": ("skipped", "no text (punctuation and symbols only)", "utf-8"),
    "bad/furniture_only.txt": ("skipped", "no text left after cleaning", "utf-8"),
    ".hidden/notes.txt": ("skipped", "hidden file", None),
    "big/large.txt": ("skipped", "file too large", None),
}


def test_every_file_is_accounted_for(bad_corpus):
    corpus = explore.load_corpus(bad_corpus, max_file_mb=1)
    report = corpus.report.set_index("source_file")
    assert sorted(report.index) == sorted(EXPECTED)
    for name, (status, reason, encoding) in EXPECTED.items():
        row = report.loc[name]
        assert row["status"] == status, name
        if reason is None:
            assert row["reason"] is pd.NA, name
        else:
            assert reason in row["reason"], (name, row["reason"])
        if encoding is not None:
            assert row["encoding"] == encoding, name


def test_loaded_files_become_documents_with_the_same_text(bad_corpus):
    corpus = explore.load_corpus(bad_corpus, max_file_mb=1)
    docs = corpus.documents.set_index("source_file")
    loaded = [name for name, (status, _, _) in EXPECTED.items() if status == "loaded"]
    assert sorted(docs.index) == sorted(loaded)
    for name in ("good/utf8.txt", "good/utf8_bom.txt", "good/utf16.txt", "good/utf16_no_bom.txt", "good/gb18030.txt"):
        assert docs.loc[name, "text"] == ARTICLE.strip(), name
    for name in ("good/utf8_damaged.txt", "good/gbk_damaged.txt"):
        assert "\ufffd" in docs.loc[name, "text"] and "25.5万行政村" in docs.loc[name, "text"], name
    assert docs.loc["good/big5.txt", "script"] == "traditional"
    assert docs.loc["good/big5.txt", "text"].startswith("中央网信办等十一部门")
    report = corpus.report.set_index("source_file")
    assert report.loc["good/utf8.txt", "n_items"] == 1
    assert report.loc["good/utf8.txt", "n_chars_clean"] == len(ARTICLE.strip())


def test_strict_raises_on_the_first_problem(bad_corpus):
    with pytest.raises(CorpusError) as raised:
        explore.load_corpus(bad_corpus, strict=True, max_file_mb=1)
    assert raised.value.path == ".hidden/notes.txt"  # walked in sorted order
    assert raised.value.reason == "hidden file"


def test_strict_passes_on_a_clean_folder(bad_corpus):
    corpus = explore.load_corpus(bad_corpus / "good", strict=True)
    assert (corpus.report["status"] == "loaded").all()


def test_one_file_as_the_corpus(bad_corpus):
    corpus = explore.load_corpus(bad_corpus / "good" / "gb18030.txt")
    assert corpus.report["source_file"].tolist() == ["gb18030.txt"]
    assert corpus.documents["text"].tolist() == [ARTICLE.strip()]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    report = explore.load_corpus(tmp_path).report
    assert report["status"].tolist() == ["error"]
    assert "cannot read" in report["reason"].iloc[0]


def test_read_error_is_recorded(monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pathlib.Path.read_bytes", refuse)
    report = explore.load_corpus(tmp_path).report
    assert report["status"].tolist() == ["error"]
    assert report["reason"].tolist() == ["cannot read: Permission denied"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: p, "no files found"),
    ],
)
def test_unusable_path_is_a_clear_error(tmp_path, make, reason):
    with pytest.raises(CorpusError, match=reason):
        explore.load_corpus(make(tmp_path))


def test_default_is_the_seed_corpus():
    corpus = explore.load_corpus()
    assert corpus.root == explore.default_corpus_path()
    assert len(corpus.report) == 5


def _write(path, data: bytes = ARTICLE.encode("utf-8")) -> None:
    with open(path, "wb") as handle:  # bytes paths: names that are not valid UTF-8
        handle.write(data)


def test_a_name_that_is_not_utf8_or_holds_a_newline_loads_with_escapes(tmp_path, capsys):
    from explore.build import build_corpus
    from explore.cli import main

    folder = tmp_path / "src"
    folder.mkdir()
    _write(os.fsencode(folder) + "/中国.txt".encode("gbk"))  # a GBK name from a Windows zip
    _write(folder / "two\nlines.txt")
    names = ["\\xd6\\xd0\\xb9\\xfa.txt", "two\\nlines.txt"]
    corpus = explore.load_corpus(folder, strict=True)
    assert sorted(corpus.documents["source_file"]) == names
    assert (corpus.documents["text"] == ARTICLE.strip()).all()
    assert main(["corpus", str(folder), "--out", str(tmp_path / "csv")]) == 0
    assert all("\n" not in line or line.startswith("corpus") for line in capsys.readouterr().out.splitlines())
    assert sorted(build_corpus(folder, tmp_path / "built").n_files for _ in range(1)) == [2]
    assert sorted(explore.load_corpus(tmp_path / "built").documents["source_file"]) == names


def test_links_leaving_the_root_are_skipped_with_a_reason(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "notes.txt").symlink_to(outside)
    (root / "inside.txt").symlink_to(root / "real.txt")
    (root / "folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "nothing.txt")
    report = explore.load_corpus(root).report.set_index("source_file")
    assert report.loc["notes.txt", "status"] == "skipped"
    assert "symbolic link to a file outside the corpus folder" in report.loc["notes.txt", "reason"]
    assert report.loc["folder", "reason"] == "symbolic link to a folder (not followed)"
    assert report.loc["inside.txt", "status"] == report.loc["real.txt", "status"] == "loaded"
    assert report.loc["broken.txt", "status"] in ("skipped", "error")
    assert explore.load_corpus(outside).report["status"].tolist() == ["loaded"]  # named directly: read


def test_an_unreadable_subfolder_is_reported_and_the_rest_loads(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "two.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "z.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr("os.scandir", scandir)
    report = explore.load_corpus(tmp_path).report
    assert report["source_file"].tolist() == ["z.txt", "a/one.txt", "locked"]
    assert report["reason"].tolist()[2] == "cannot list folder: Permission denied"
    assert report["status"].tolist() == ["loaded", "loaded", "error"]
    with pytest.raises(CorpusError, match="cannot list"):
        explore.load_corpus(tmp_path / "locked")
