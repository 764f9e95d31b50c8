"""Adversarial inputs, sized down: nothing breaks, output stays bounded, text is not thrown away.

Their cost is measured by ``benchmarks/adversarial.py`` (figures in
``benchmarks/README.md``), not here: unit tests never time.
"""

import math

import pytest

from explore.adversarial import GENERATORS, prose
from explore.clean import clean_document
from explore.pipeline import process_paths
from explore.sentences import MAX_STORED_CHARS

SIZE = 6_000


@pytest.mark.parametrize("name", list(GENERATORS))
def test_every_adversarial_input_is_processed_with_bounded_output(tmp_path, name):
    text = GENERATORS[name](SIZE)
    (tmp_path / "input.txt").write_text(text, encoding="utf-8")
    tables = process_paths([tmp_path / "input.txt"], tmp_path)
    (report,) = tables["report"].itertuples()
    # Loaded, or every line of it judged furniture (a page list, a run of separators), and said so.
    assert report.status == "loaded" or (report.status == "skipped" and report.reason.startswith("no text"))
    metrics, events = tables["metrics"], tables["events"]
    assert metrics["value"].map(math.isfinite).all()
    # A figure stores the sentence around it, cut: 16 KB of 5万 once wrote a 64 MB metrics.csv.
    assert metrics["sentence"].str.len().max() <= MAX_STORED_CHARS + 2 if len(metrics) else True
    assert events["text"].str.len().max() <= MAX_STORED_CHARS + 2 if len(events) else True
    assert metrics["sentence"].str.len().sum() <= (MAX_STORED_CHARS + 2) * len(metrics)


def test_a_long_sentence_is_stored_around_its_figure():
    from explore.sentences import Sentence, stored_text

    text = "甲" * 1000 + "覆盖25.5万行政村" + "乙" * 1000
    sentence = Sentence(text, 100, 100 + len(text), 0)
    start = 100 + 1000
    stored = stored_text(sentence, start, start + 10)
    assert len(stored) == MAX_STORED_CHARS + 2 and stored.startswith("…") and stored.endswith("…")
    assert "覆盖25.5万行政村" in stored
    # Figures near one another share one cut (a flattened table holds thousands), each well inside it.
    from explore.sentences import StoredSentence

    row = "".join(f"覆盖{n}万户、" for n in range(1000, 1400))
    stored_row = StoredSentence(Sentence(row, 0, len(row), 0))
    figures = [(row.index(f"{n}万户"), row.index(f"{n}万户") + 6) for n in range(1000, 1400)]
    cuts = [stored_row.around(start, end) for start, end in figures]
    assert len({id(cut) for cut in cuts}) <= len(row) // (MAX_STORED_CHARS // 2) + 1
    for (start, end), cut in zip(figures, cuts, strict=True):
        assert len(cut) <= MAX_STORED_CHARS + 2
        assert f"覆盖{row[start:end]}、" in cut  # whole, with the words around it
    short = Sentence("覆盖25.5万行政村。", 0, 11, 0)
    assert stored_text(short, 2, 9) == short.text


def test_short_lines_before_a_closing_block_are_not_all_taken_for_a_signature():
    words = ["光纤入户", "益农信息社", "电商服务站", "冷链仓储", "直播基地", "智慧农场", "数字学堂", "普惠金融"]
    lines = [f"{a}{b}" for a in words for b in words]  # 64 short lines, no digits, no punctuation
    cleaned = clean_document("\n".join(lines) + "\n版权所有")
    assert len(cleaned.text.splitlines()) >= len(lines) - 4  # a signature is a few lines at most
    assert any(r.reason == "copyright notice" for r in cleaned.removed)


def test_prose_is_realistic_and_differs_at_every_size():
    text = prose(20_000)
    assert 20_000 <= len(text.encode("utf-8")) < 22_000 and text.count("。") > 50
    assert prose(40_000).startswith(text[:1000])
