"""explore synth and explore bench at a small size: they run and print every figure.

Speed targets are read from the printed figures (benchmarks/README.md), not asserted here:
this machine is shared and noisy.
"""

import json

import pytest

import explore
from explore.cli import main
from explore.synth import document, write_synthetic

KEYS = {
    "docs", "mb", "pipeline_mb_s", "opencc_mb_s", "ratio_to_opencc", "jionlp_mb_s", "speedup_vs_jionlp",
    "per_doc_ms_1k", "per_doc_ms_100k", "dask_speedup_2", "widget_update_ms_p95", "peak_rss_mb",
    "open_peak_rss_mb", "build_peak_rss_mb", "companies_update_ms_p95", "search_update_ms_p95",
    "pool_speedup_2", "build_cpu_s", "sign_s", "dedup_s", "dedup_peak_mb", "copies_share_of_build", "copies_found",
}  # fmt: skip


def test_synthetic_corpus_is_deterministic_and_realistic(tmp_path):
    assert document(7, seed=3) == document(7, seed=3)
    assert document(7, seed=3) != document(7, seed=4)
    n_bytes = write_synthetic(300, tmp_path / "a", seed=1)
    write_synthetic(100, tmp_path / "b", seed=1)
    assert (tmp_path / "a" / "0000" / "doc_0000042.txt").read_bytes() == (
        tmp_path / "b" / "0000" / "doc_0000042.txt"
    ).read_bytes()
    corpus = explore.load_corpus(tmp_path / "a")
    assert n_bytes == sum(p.stat().st_size for p in (tmp_path / "a").rglob("*.txt"))
    assert (corpus.report["status"] == "loaded").all()
    assert {"utf-8", "gb18030"} <= set(corpus.report["encoding"])
    assert {"simplified", "traditional"} <= set(corpus.documents["script"])
    assert corpus.documents["section"].notna().any()  # some bulletins
    assert (corpus.removed["reason"] == "related links").any()
    assert len(corpus.metrics) > 300


def test_synth_command(tmp_path, capsys):
    assert main(["synth", "--docs", "20", "--out", str(tmp_path / "s"), "--seed", "2"]) == 0
    assert "20 documents" in capsys.readouterr().out
    assert len(list((tmp_path / "s").rglob("*.txt"))) == 20


def test_real_text_is_replicated_and_read_per_core(tmp_path):
    from explore.bench import throughput, write_real_text
    from explore.resources import bundled_folder

    written = write_real_text([bundled_folder("seeds")], tmp_path / "real", 0.2)
    assert written >= 0.2 * 2**20
    assert sum(p.stat().st_size for p in (tmp_path / "real").rglob("*") if p.is_file()) == written
    figures = throughput(tmp_path / "real")
    assert figures["files"] == len(list((tmp_path / "real").rglob("*.txt")))
    assert figures["cpu_s"] > 0 and figures["wall_s"] > 0 and figures["opencc_cpu_s"] > 0
    assert figures["mb_s_per_core"] > 0 and 0 < figures["ratio_to_opencc"] < 1
    with pytest.raises(ValueError, match="no file"):
        write_real_text([tmp_path / "empty"], tmp_path / "none", 1)


@pytest.mark.slow
def test_bench_prints_one_json_object(capsys):
    assert main(["bench", "--docs", "2000", "--json", "--real-mb", "2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= KEYS
    for text in ("synthetic", "real"):
        per_core = result["per_core"][text]
        assert per_core["cpu_s"] > 0 and per_core["wall_s"] > 0 and per_core["mb_s_per_core"] > 0
        assert 0 < per_core["ratio_to_opencc"] < 1
    assert result["per_core"]["real"]["mb"] >= 2
    assert result["docs"] == 2000 and result["mb"] > 1
    assert result["pipeline_mb_s"] > 0 and result["opencc_mb_s"] > result["pipeline_mb_s"]
    assert result["dask_speedup_2"] > 0 and result["pool_speedup_2"] > 0 and result["widget_update_ms_p95"] > 0
    assert result["dedup_s"] > 0 and 0 < result["copies_share_of_build"] < 1
    print("\nbench at 2,000 documents:", json.dumps(result, ensure_ascii=False))
