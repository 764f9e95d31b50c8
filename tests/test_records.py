"""What scrapers produce: HTML, JSON Lines, CSV, Parquet and WARC read as documents (issue 11, inputs).

Every fixture here is written for these tests: the sentences are our own.
"""

import html
import io
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import explore
from explore.errors import CorpusError

ARTICLE = (
    "2023年5月6日，某县供销社与一家物流企业签约，共建农村寄递服务站120个。",
    "该县今年计划培训农村电商带头人500人次，带动农产品线上销售额超过3000万元。",
    "县里表示，服务站将覆盖全县80%的行政村。",
)
PORTAL = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>某县共建农村寄递服务站_新闻中心_某某网</title>
<meta property="article:published_time" content="2023-05-06T09:30:00+08:00">
<link rel="canonical" href="https://news.example.cn/2023/0506/a1.html">
<style>.nav{{color:red}} body{{font-size:14px}}</style>
<script>var tracker = "统计代码"; function go(){{}}</script></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/about">关于我们</a></div>
<div class="article"><h1>某县共建农村寄递服务站</h1>
<p class="info">2023-05-06 09:30 来源：某某网</p>
{paragraphs}
</div>
<div class="footer">版权所有 某某网 备案号 京ICP备00000000号 <a href="/contact">联系我们</a></div>
</body></html>"""


def _page() -> bytes:
    paragraphs = "\n".join(f"<p>{sentence}</p>" for sentence in ARTICLE)
    return PORTAL.format(paragraphs=paragraphs).encode("gbk")


def test_a_saved_portal_page_loads_as_its_article(tmp_path):
    (tmp_path / "a1.shtml").write_bytes(_page())
    corpus = explore.load_corpus(tmp_path)
    (document,) = corpus.documents.to_dict("records")
    assert document["format"] == "html" and document["source_file"] == "a1.shtml#1"
    assert "寄递服务站120个" in document["text"] and "80%的行政村" in document["text"]
    for junk in ("<", "tracker", "color:red", "版权所有", "联系我们", "首页"):
        assert junk not in document["text"], junk
    assert document["title"].startswith("某县共建农村寄递服务站")
    assert str(document["date"].date()) == "2023-05-06" and document["date_source"] == "given"
    assert corpus.report.iloc[0]["status"] == "loaded" and corpus.report.iloc[0]["encoding"]
    assert set(corpus.metrics["raw"]) >= {"120个", "500人次", "超过3000万元", "80%"}


def test_a_jsonl_export_is_one_document_per_record_and_a_bad_line_is_reported(tmp_path):
    lines = [
        json.dumps({"title": "某县共建寄递服务站", "content": ARTICLE[0], "pub_date": "2023-05-06", "url": "u1"}),
        '{"title": "坏的一行", "content": ',
        json.dumps({"title": "培训电商带头人", "content": ARTICLE[1], "pub_date": "2023年6月1日", "source": "某某网"}),
        json.dumps({"title": "没有正文", "content": ""}),
    ]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    documents = corpus.documents.set_index("source_file")
    assert list(documents.index) == ["articles.jsonl#1", "articles.jsonl#3"]
    assert documents.loc["articles.jsonl#1", "url"] == "u1" and documents.loc["articles.jsonl#3", "site"] == "某某网"
    assert str(documents.loc["articles.jsonl#3", "date"].date()) == "2023-06-01"
    assert set(documents["date_source"]) == {"given"} and set(documents["format"]) == {"jsonl"}
    report = corpus.report.set_index("source_file")
    assert report.loc["articles.jsonl", "status"] == "loaded" and report.loc["articles.jsonl", "n_items"] == 2
    assert (
        report.loc["articles.jsonl#2", "status"] == "rejected" and "line 2" in report.loc["articles.jsonl#2", "reason"]
    )
    assert (
        report.loc["articles.jsonl#4", "status"] == "rejected" and "no text" in report.loc["articles.jsonl#4", "reason"]
    )


def test_a_record_with_no_date_but_a_dated_address_is_dated_by_it(tmp_path):
    """News and government sites file a page under its day: …/2023-06/18/…, …/t20230618_…, …/2023/0618/…."""
    urls = [
        "https://news.example.cn/2023-06/18/c_1129700000.htm",
        "http://www.example.gov.cn/xxgk/202306/t20230618_123456.html",
        "http://www.example.cn/2023/0618/123.shtml",
        "https://www.example.cn/news/1129700000.html",  # an id, not a day
        "https://news.example.cn/2099/01/02/a.html",  # after today: no publication date
    ]
    rows = [{"title": f"标题{i}", "content": ARTICLE[1], "url": url} for i, url in enumerate(urls)]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    documents = explore.load_corpus(tmp_path).documents.set_index("source_file")
    dates = [str(d.date()) if pd.notna(d) else None for d in documents["date"]]
    assert dates[:3] == ["2023-06-18"] * 3 and list(documents["date_source"][:3]) == ["url"] * 3
    assert dates[3:] == [None, None]


def test_a_csv_with_a_broken_quote_loads_every_other_row(tmp_path):
    rows = ["title,content,pub_date,url"]
    rows += [f"标题{i},{ARTICLE[i % 3]},2023-05-0{i},https://example.cn/{i}" for i in range(1, 6)]
    rows.append('标题6,"某县"建成服务站,2023-05-06,https://example.cn/6')  # line 7: a quote that breaks the row
    rows.append(f"标题7,{ARTICLE[0]},不是日期,https://example.cn/7")
    (tmp_path / "news.csv").write_text("\n".join(rows), encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    assert len(corpus.documents) == 6
    report = corpus.report.set_index("source_file")
    assert report.loc["news.csv#6", "status"] == "rejected" and "line 7" in report.loc["news.csv#6", "reason"]
    assert report.loc["news.csv#7", "status"] == "warning" and "不是日期" in report.loc["news.csv#7", "reason"]
    dated = corpus.documents.set_index("source_file")
    assert dated.loc["news.csv#7", "date_source"] != "given"  # the text dates it instead
    assert str(dated.loc["news.csv#2", "date"].date()) == "2023-05-02"


def test_parquet_records_with_chinese_column_names_and_columns_named_explicitly(tmp_path):
    table = pa.table(
        {
            "标题": ["某县共建服务站", "培训带头人"],
            "正文": [ARTICLE[0], ARTICLE[1]],
            "发布时间": ["2023-05-06", "2023-06-01"],
        }
    )
    pq.write_table(table, tmp_path / "export.parquet")
    corpus = explore.load_corpus(tmp_path)
    assert list(corpus.documents["source_file"]) == ["export.parquet#1", "export.parquet#2"]
    assert list(corpus.documents["format"]) == ["parquet", "parquet"]

    other = tmp_path / "other"
    other.mkdir()
    (other / "x.tsv").write_text(
        f"headline_x\tbody_x\twhen\n某县共建服务站\t{ARTICLE[0]}\t2023-05-06\n", encoding="utf-8"
    )
    corpus = explore.load_corpus(other, columns="text=body_x,title=headline_x,date=when")
    (document,) = corpus.documents.to_dict("records")
    assert document["title"] == "某县共建服务站" and document["date_source"] == "given"
    with pytest.raises(CorpusError, match="unknown field body"):
        explore.load_corpus(other, columns="body=body_x")
    with pytest.raises(CorpusError, match="'text' in columns is not field=column"):
        explore.load_corpus(other, columns="title=headline_x,text")
    with pytest.raises(CorpusError, match="no column named for date"):
        explore.load_corpus(other, columns="text=body_x,date=")


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=gbk")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def test_a_warc_gives_a_document_per_html_response_and_a_truncated_record_is_reported(tmp_path):
    data = _warc([("https://news.example.cn/a1.html", _page()), ("https://news.example.cn/a2.html", _page())])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    corpus = explore.load_corpus(tmp_path)
    assert list(corpus.documents["source_file"]) == ["crawl.warc.gz#1", "crawl.warc.gz#2"]
    assert set(corpus.documents["url"]) == {"https://news.example.cn/a1.html", "https://news.example.cn/a2.html"}
    assert set(corpus.documents["format"]) == {"warc"}

    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "crawl.warc.gz").write_bytes(data[: len(data) - 300])
    corpus = explore.load_corpus(cut)
    assert len(corpus.documents) == 1
    rejected = corpus.report[corpus.report["status"] == "rejected"]
    assert len(rejected) == 1 and "truncated" in rejected.iloc[0]["reason"]


def test_a_folder_mixing_every_format_loads_into_the_same_tables(tmp_path):
    (tmp_path / "plain.txt").write_text("某县共建农村寄递服务站\n" + "\n".join(ARTICLE), encoding="utf-8")
    (tmp_path / "page.html").write_bytes(_page())
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "标题", "text": ARTICLE[1]}), encoding="utf-8")
    (tmp_path / "b.csv").write_text(f"title,content\n标题,{ARTICLE[2]}\n", encoding="utf-8")
    corpus = explore.load_corpus(tmp_path)
    assert sorted(corpus.documents["format"]) == ["csv", "html", "jsonl", "text"]
    assert corpus.report["status"].eq("loaded").all()
    assert corpus.documents.loc[corpus.documents["format"] == "text", "date_source"].iloc[0] in ("inferred", "byline")


def test_the_cli_names_columns_and_refuses_an_unknown_field_in_one_line(tmp_path, capsys):
    from explore.cli import main

    (tmp_path / "x.csv").write_text(f"headline_x,body_x\n某县共建服务站,{ARTICLE[0]}\n", encoding="utf-8")
    assert main(["corpus", str(tmp_path), "--out", str(tmp_path / "out"), "--columns", "text=body_x"]) == 0
    assert "x.csv#1" in (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8")
    assert main(["corpus", str(tmp_path), "--out", str(tmp_path / "out2"), "--columns", "words=body_x"]) == 2
    error = capsys.readouterr().err.strip()
    assert "unknown field words" in error and len(error.splitlines()) == 1


def test_a_built_corpus_of_records_holds_the_same_rows_and_the_overview_counts_files(tmp_path):
    from explore import summaries
    from explore.build import build_corpus

    src = tmp_path / "src"
    src.mkdir()
    (src / "page.html").write_bytes(_page())
    lines = [json.dumps({"title": "标题", "content": ARTICLE[1]}), "{not json"]
    (src / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    live = explore.load_corpus(src)
    build_corpus(src, tmp_path / "built")
    built = explore.load_corpus(tmp_path / "built")
    columns = ["source_file", "format", "title", "date", "date_source", "url", "site", "text"]
    key = ["source_file"]
    assert (
        built.documents[columns]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(live.documents[columns].sort_values(key).reset_index(drop=True))
    )
    assert len(built.report) == len(live.report) == 3  # two files and one rejected record
    n_metrics = len(built.metrics)
    (src / "z.txt").write_text("某县共建农村寄递服务站\n" + ARTICLE[2], encoding="utf-8")
    build_corpus(src, tmp_path / "built")  # the two files of records reused, their records' rows with them
    again = explore.load_corpus(tmp_path / "built")
    assert sorted(again.documents["source_file"]) == sorted([*live.documents["source_file"], "z.txt"])
    assert len(again.report) == 4 and len(again.metrics) > n_metrics
    overview = summaries.file_overview(live)
    assert sorted(overview["source_file"]) == ["a.jsonl", "page.html"] and (overview["kept_share"] <= 1).all()
    assert "1 records rejected" in live.summary()


def test_a_build_names_columns_and_rebuilds_when_they_change(tmp_path):
    from explore.build import build_corpus

    src = tmp_path / "src"
    src.mkdir()
    (src / "x.csv").write_text(f"headline_x,body_x\n某县共建服务站,{ARTICLE[0]}\n", encoding="utf-8")
    first = build_corpus(src, tmp_path / "built", columns="text=body_x,title=headline_x")
    assert first.n_items == 1
    assert explore.load_corpus(tmp_path / "built").documents["title"].tolist() == ["某县共建服务站"]
    same = build_corpus(src, tmp_path / "built", columns={"title": "headline_x", "text": "body_x"})
    assert same.n_reused == 1 and same.rebuilt_because is None
    changed = build_corpus(src, tmp_path / "built")  # no column named text: the record is rejected, and said
    assert changed.rebuilt_because == "the columns of files of records changed" and changed.n_items == 0
    with pytest.raises(CorpusError, match="unknown field"):
        build_corpus(src, tmp_path / "built", columns="words=body_x")


PAGES = Path(__file__).resolve().parents[2] / "shared" / "devpages"


def _as_saved_page(text: str) -> str:
    """A real page's text as a portal serves it: each line a paragraph of the article, inside navigation, a
    script, a style and a footer (the markup is ours; the text is read from ../shared/devpages at run time)."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻频道</title>'
        "<style>.nav{color:red}</style><script>var _hmt = _hmt || [];</script></head><body>"
        '<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/about">关于我们</a></div>'
        f"<article>{paragraphs}</article>"
        "<footer><p>版权所有 未经授权禁止转载</p><p>备案号：某ICP备00000000号</p></footer></body></html>"
    )


def _tables_of(tables: dict, source_file: str) -> dict:
    """One file's rows of every table (its records' too: a saved page is record 1 of its file)."""

    def of_file(names: pd.Series) -> pd.Series:
        return (names == source_file) | names.str.startswith(f"{source_file}#")

    ids = set(tables["documents"].loc[of_file(tables["documents"]["source_file"]), "doc_id"])
    return {
        name: frame[of_file(frame["source_file"])] if "source_file" in frame else frame[frame["doc_id"].isin(ids)]
        for name, frame in tables.items()
    }


@pytest.mark.skipif(not PAGES.is_dir(), reason=f"the development pages are not here ({PAGES}); CI has them")
def test_real_pages_saved_as_html_keep_their_article(tmp_path):
    """The development pages wrapped in HTML at run time: trafilatura and the cleaning keep as much of each
    page's article as the plain text gives, and no markup, script or style reaches the text."""
    from explore.evaluate_pages import Tally, read_page_gold, score_page
    from explore.pipeline import process_paths

    gold = [g for g in read_page_gold(Path(__file__).parent / "data" / "devpages") if (PAGES / g.file).exists()]
    raw = {page.file: (PAGES / page.file).read_text(encoding="utf-8") for page in gold}
    saved = {page.file: tmp_path / f"{Path(page.file).stem}.html" for page in gold}
    for page in gold:
        saved[page.file].write_text(_as_saved_page(raw[page.file]), encoding="utf-8")
    from_html = process_paths(list(saved.values()), tmp_path)
    from_text = process_paths([PAGES / page.file for page in gold], PAGES)
    assert set(from_html["report"]["status"]) <= {"loaded", "skipped"}
    assert not from_html["documents"]["text"].str.contains("_hmt|<p>|</|\\.nav\\{", regex=True).any()
    as_text, as_html = Tally(), Tally()
    for page in gold:
        for tables, name, tally in ((from_html, saved[page.file].name, as_html), (from_text, page.file, as_text)):
            tally += score_page(page, raw[page.file], _tables_of(tables, name)).tally
    print(f"\nbody recall: text {as_text.score('body_recall'):.3f}, html {as_html.score('body_recall'):.3f}")
    assert as_html.score("body_recall") >= as_text.score("body_recall") - 0.05
