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
        "bad/invalid.txt": ARTICLE.encode("utf-8")[:40] + b"\xff\xfe\xfd\x80" + ARTICLE.encode("utf-8")[40:],
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
    "bad/invalid.txt": ("error", "not valid UTF-8 (byte 0xff at offset 40)", None),
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
    for name in ("good/utf8.txt", "good/utf8_bom.txt", "good/utf16.txt", "good/gb18030.txt"):
        assert docs.loc[name, "text"] == ARTICLE.strip(), name
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
