"""The exported pages in a real browser: Debian's chromium driven by playwright.

No ``playwright install``: the system chromium is launched directly. Under
CI (``CI=true``) a missing chromium fails the run; elsewhere these tests skip.
"""

import re

import pytest
from chromium import require_chromium

from explore.report import write_report

PLOTS_PER_PAGE = {"01_overview": 4, "02_timeline": 1, "03_companies": 4, "04_metrics": 2, "05_search": 2}

pytestmark = pytest.mark.slow

require_chromium()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write_report(out)
    return out


class PageWatch:
    """A page with every request and console error it produced."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 1000})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def plots(self) -> int:
        self.page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0", timeout=15_000)
        return self.page.evaluate("document.querySelectorAll('.js-plotly-plot').length")

    def visible_traces(self, index: int = 0):
        return self.page.evaluate(
            f"Array.from(document.querySelectorAll('.js-plotly-plot')[{index}].data).filter(t => t.visible !== false)"
            ".map(t => (t.x || []).length)"
        )


@pytest.mark.parametrize("name", sorted(PLOTS_PER_PAGE))
def test_each_page_renders_offline(browser, seeds_report, name):
    watch = PageWatch(browser, (seeds_report / f"{name}.html").as_uri())
    assert watch.plots() == PLOTS_PER_PAGE[name]
    assert [u for u in watch.requests if not u.startswith(("file://", "data:"))] == []
    assert watch.errors == []
    text = watch.page.inner_text("body")
    assert "Loading widget" not in text and "Error displaying widget" not in text
    assert "¶" not in text and "e+0" not in text and "e+1" not in text  # no heading anchors, no 2.0000e+05
    assert "['" not in text  # nothing prints a raw Python list
    watch.page.close()


def test_index_links_every_page(browser, seeds_report):
    watch = PageWatch(browser, (seeds_report / "index.html").as_uri())
    links = watch.page.eval_on_selector_all("ul a", "els => els.map(e => e.getAttribute('href'))")
    assert links == [f"{name}.html" for name in sorted(PLOTS_PER_PAGE)]
    watch.page.close()


def _choose(watch: PageWatch, button: int | str) -> None:
    """Open the first chart's dropdown and click a button: its position, or its label."""
    plot = watch.page.locator(".js-plotly-plot").first
    plot.locator(".updatemenu-header-group").first.click()
    buttons = plot.locator(".updatemenu-dropdown-button")
    exact = re.compile(f"^{re.escape(button)}$") if isinstance(button, str) else None
    (buttons.filter(has_text=exact).first if exact else buttons.nth(button)).click()
    watch.page.wait_for_timeout(300)


def test_timeline_dropdown_filters_organizations(browser, seeds_report):
    watch = PageWatch(browser, (seeds_report / "02_timeline.html").as_uri())
    watch.plots()
    every = watch.visible_traces()
    _choose(watch, 1)  # the first organization
    one = watch.visible_traces()
    assert len(one) == 2 < len(every)  # its spans and its days
    assert watch.errors == []
    watch.page.close()


def test_metrics_dropdown_switches_measure(browser, seeds_report):
    watch = PageWatch(browser, (seeds_report / "04_metrics.html").as_uri())
    watch.plots()
    first = watch.visible_traces()
    labels = (
        "Array.from(document.querySelector('.js-plotly-plot').data).filter(t => t.visible !== false)"
        ".flatMap(t => t.y || []).filter(y => y)"
    )
    before = watch.page.evaluate(labels)
    assert any(label.startswith("中国联通 · 行政村") for label in before)  # the first measure: villages
    _choose(watch, "人数 people reached · 人")
    assert watch.visible_traces() != first
    after = watch.page.evaluate(labels)
    assert "腾讯 · 居民 10万多" in after and not set(after) & set(before)
    watch.page.close()


def test_companies_scorecard_shows_a_hidden_organization_from_its_legend(browser, seeds_report):
    watch = PageWatch(browser, (seeds_report / "03_companies.html").as_uri())
    watch.plots()
    columns = (
        "Array.from(document.querySelector('.js-plotly-plot').data).filter(t => t.visible === true).map(t => t.name)"
    )
    shown = watch.page.evaluate(columns)
    assert len(shown) == 3
    watch.page.locator(".js-plotly-plot").first.locator(".legend .traces .legendtoggle").nth(3).click()
    # plotly waits out its double-click delay (300 ms) before it acts on a single click
    watch.page.wait_for_function(f"({columns}).length === 4", timeout=5_000)
    assert watch.page.locator(".js-plotly-plot").first.locator("text", has_text="25.5万行政村").count() >= 1
    assert watch.errors == []
    watch.page.close()


# Cleaning strips well-formed tags a scraper leaves (<div …>); markup a browser still runs but cleaning does
# not recognise as a tag (<svg/onload=…>, <img/src=…>) reaches the tables and must be shown as text.
HOSTILE = (
    "联通数村发布<svg/onload=window.__pwned=1>数字乡村平台全面升级\n"
    '中国联通投入帮扶资金超过12亿元。<img/src=x onerror="window.__pwned = 2">平台覆盖25.5万行政村。\n'
    '2023年9月27日，中国联通召开推进会。<b/onmouseover="window.__pwned = 3">直播带货销售额超1.8亿元。\n'
)


def test_corpus_text_is_escaped_everywhere(browser, tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report"
    write_report(out, corpus=corpus)
    for name in PLOTS_PER_PAGE:
        watch = PageWatch(browser, (out / f"{name}.html").as_uri())
        watch.plots()
        for plot in range(watch.page.evaluate("document.querySelectorAll('.js-plotly-plot').length")):
            watch.page.hover(f".js-plotly-plot >> nth={plot}")
        assert watch.page.evaluate("window.__pwned") is None, name
        assert watch.page.evaluate("document.querySelectorAll('body img, body b[onmouseover]').length") == 0, name
        shown = watch.page.inner_text("body")
        assert any(f in shown for f in ("<svg/onload", "<img/src=x", "<b/onmouseover")), name
        watch.page.close()
