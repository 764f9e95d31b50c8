"""JupyterLab and the Voilà dashboard, driven in a real browser.

Servers run on 127.0.0.1 (started and stopped here, every wait bounded); the
browser is Debian's chromium through playwright. With
``EXPLORE_SCREENSHOTS=DIR`` each page's screenshot is saved there
(``make screenshots`` writes ``docs/screenshots``).
"""

import json
import numbers
import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from chromium import require_chromium
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from explore.serve import free_port, plan_lab, plan_serve

NOTEBOOKS = ["01_overview", "02_timeline", "03_companies", "04_metrics", "05_search"]
# The figures each notebook draws once run (plotly JSON in JupyterLab, HTML drawn by the page's plotly.js in Voilà).
PLOTS = {"01_overview": 4, "02_timeline": 1, "03_companies": 4, "04_metrics": 2, "05_search": 2}
# Nothing of a page may need the network: any request leaving 127.0.0.1 fails a test.
START_TIMEOUT_S = 90
RUN_TIMEOUT_MS = 180_000

pytestmark = pytest.mark.slow

require_chromium()


def _start(plan, log: Path):
    with log.open("w") as sink:
        process = subprocess.Popen(plan.command, env=os.environ | plan.env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(plan.url, timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"server did not answer in {START_TIMEOUT_S}s: {log.read_text()[-2000:]}")


def _stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def _running(plan, log: Path):
    """A server from ``plan``, stopped when the block ends."""
    process = _start(plan, log)
    try:
        yield plan
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-notebooks")
    log = tmp_path_factory.mktemp("lab-log") / "server.log"  # never among the notebooks a reader browses
    with _running(plan_lab(port=free_port(), root=root), log) as plan:
        yield plan


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    root = tmp_path_factory.mktemp("voila-notebooks")
    log = tmp_path_factory.mktemp("voila-log") / "server.log"
    with _running(plan_serve(port=free_port(), root=root), log) as plan:
        yield plan


class Session:
    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Console errors too: a front end that does not match its extensions logs them (RUNTIME-012, setData).
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text[:300]}"))
        self.page.on(
            "request",
            lambda r: (
                r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) or self.outside.append(r.url)
            ),
        )
        self.page.goto(url)

    POINTS = (
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(p => (p.data || []).reduce((n, t) => n + ((t.x || []).length || 0), 0))"
    )

    def choose_and_see_the_chart_change(self) -> None:
        """Pick one option in the first multiple-choice control; wait (bounded) until a chart's data changes."""
        before = self.page.evaluate(self.POINTS)
        self.page.locator(".widget-select-multiple select option").first.click()
        self.page.wait_for_function(f"JSON.stringify({before}) !== JSON.stringify({self.POINTS})", timeout=30_000)

    def wait_for_plots(self, count: int) -> None:
        drawn = "document.querySelectorAll('.js-plotly-plot .main-svg').length"
        try:
            self.page.wait_for_function(f"{drawn} >= {count}", timeout=RUN_TIMEOUT_MS)
        except PlaywrightTimeout:  # say what the page showed instead: the next session needs it
            shown = self.page.evaluate(drawn)
            text = self.page.inner_text("body")
            self.screenshot("timeout")
            pytest.fail(
                f"{shown} of {count} charts drawn in {RUN_TIMEOUT_MS / 1000:.0f} s; 'Loading widget' on the page: "
                f"{'Loading widget' in text}; output areas on the page: "
                f"{self.page.locator('.jp-OutputArea-output').count()}; errors: {self.errors}"
            )

    def no_widget_errors(self) -> None:
        self.page.wait_for_function(
            "!document.body.innerText.includes('Loading widget')", timeout=60_000
        )  # bounded: a widget that never renders fails here
        assert "Error displaying widget" not in self.page.inner_text("body")

    def screenshot(self, name: str) -> None:
        target = os.environ.get("EXPLORE_SCREENSHOTS")
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=False)


def _token(plan) -> str:
    return plan.url.split("token=")[1]


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


_PROMPTS = f"Array.from(document.querySelectorAll('{PANEL} .jp-CodeCell .jp-InputPrompt')).map(e => e.textContent)"
# How long Run All may show no cell running or run before it is asked again (a kernel not yet attached
# clears the cells and runs nothing); a cell still running is waited for, never asked again.
_NOTHING_RAN_MS = 30_000


def _answer_dialogs(page) -> None:
    """Accept a dialog JupyterLab put up meanwhile (on a busy machine: choosing the notebook's kernel)."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            return
        print("JupyterLab dialog:", dialog.first.inner_text().replace("\n", " | "))
        buttons = page.locator(".jp-Dialog .jp-Dialog-button")
        accept = page.locator(".jp-Dialog .jp-mod-accept")
        (accept if accept.count() else buttons.last).first.click()
        page.wait_for_timeout(500)


_ALL_RAN = f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }}"
_NONE_RAN = f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => !/\\[\\d+\\]/.test(t)); }}"


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click(timeout=10_000)
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click(timeout=10_000)


def _run_all(session: Session) -> None:
    """Run every cell and wait until each has run: states, not time, decide (bounded by RUN_TIMEOUT_MS).

    The notebooks are stored executed, their prompts numbered ([1]: …): their outputs are cleared first, so a
    numbered prompt means a cell this kernel ran. (Once, a "Select Kernel" dialog came up and nothing ran, while
    the stored prompts read as a finished run and the stored widget had no model to draw.) A dialog is answered
    whenever it comes up while waiting.
    """
    page = session.page
    page.wait_for_selector(PANEL, timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while True:
        _answer_dialogs(page)
        try:
            if not page.evaluate(_NONE_RAN):
                _menu(page, "Edit", "Clear Outputs of All Cells")
                page.wait_for_function(_NONE_RAN, timeout=10_000)
            _menu(page, "Run", "Run All Cells")
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            continue  # a dialog came up meanwhile: answer it and ask again
        if _wait_until_ran(page, deadline):
            break
    page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)


def _wait_until_ran(page, deadline: float) -> bool:
    """Whether every cell ran; False when nothing ran or ran for ``_NOTHING_RAN_MS`` (Run All is asked again)."""
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if page.evaluate(_ALL_RAN):
            return True
        _answer_dialogs(page)
        if any("*" in p for p in page.evaluate(_PROMPTS)):
            quiet_since = time.monotonic()  # still working: wait for it, do not ask again
        elif time.monotonic() - quiet_since > _NOTHING_RAN_MS / 1000:
            return False
        page.wait_for_timeout(1_000)
    raise PlaywrightTimeout(f"the cells did not all run in {RUN_TIMEOUT_MS / 1000:.0f} s")


def _shut_down_kernels(plan) -> None:
    """Each JupyterLab test opens its notebook on a fresh kernel: the earlier test's kernel, still running for
    the same notebook, was reused by the next page, and requests it had pending were cancelled there
    (JupyterLab logged "Canceled future for create_subshell_request" and "Could not restore the debugger
    state", its own errors, not the page's)."""
    base = plan.url.split("/lab")[0]
    headers = {"Authorization": f"token {_token(plan)}"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions", headers=headers), timeout=10) as r:
        sessions = json.loads(r.read())
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}", headers=headers, method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


@pytest.fixture
def fresh_lab(lab):
    _shut_down_kernels(lab)
    yield lab
    _shut_down_kernels(lab)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_jupyterlab_runs_each_notebook(browser, fresh_lab, name):
    lab = fresh_lab
    # A workspace of its own, reset: JupyterLab would otherwise reopen earlier tabs.
    base = lab.url.split("/lab")[0]
    session = Session(browser, f"{base}/lab/workspaces/{name}/tree/{name}.ipynb?reset&token={_token(lab)}")
    _run_all(session)
    session.wait_for_plots(PLOTS[name])
    session.no_widget_errors()
    session.screenshot(f"lab-{name}")  # as a reader first sees it
    if name in ("02_timeline", "04_metrics"):
        session.choose_and_see_the_chart_change()
    assert session.errors == []
    assert session.outside == []
    session.page.close()


@pytest.mark.parametrize("name", ["01_overview", "05_search"])
def test_dashboard_renders_without_an_error(browser, dashboard, name):
    base = dashboard.url.split("/?")[0]
    session = Session(browser, f"{base}/voila/render/{name}.ipynb?token={_token(dashboard)}")
    session.wait_for_plots(PLOTS[name])
    session.no_widget_errors()
    # Every chart is HTML drawn by the page's one plotly.js: no FigureWidget, whose front end had 2 s to start.
    drawn = session.page.evaluate("document.querySelectorAll('.explore-figure.js-plotly-plot').length")
    assert drawn == PLOTS[name] and session.page.evaluate("typeof window.Plotly.newPlot") == "function"
    assert session.page.locator("[class*='anywidget'], .plotly-notifier").count() == 0
    assert session.errors == []
    assert session.outside == []
    session.page.close()


@pytest.mark.parametrize("name", ["02_timeline", "04_metrics", "03_companies"])
def test_dashboard_controls_change_the_chart(browser, dashboard, name):
    base = dashboard.url.split("/?")[0]
    session = Session(browser, f"{base}/voila/render/{name}.ipynb?token={_token(dashboard)}")
    session.wait_for_plots(PLOTS[name])
    session.no_widget_errors()
    assert "import" not in session.page.inner_text("body")  # code cells are hidden
    session.screenshot(f"dashboard-{name}")
    session.choose_and_see_the_chart_change()
    assert session.errors == []
    assert session.outside == []  # Voilà's CDN stylesheets are gone with the explore template
    session.page.close()


# --- Every chart of a view follows the current selection, with the machine busy -----------------------------

# What a chart shows, read the same way from the page (plotly's gd.data) and from the figure the view computes:
# per trace its type, name, number of points and the sum of its numeric values.
_CHART_SIGNATURES = """(scope) => {
  const typed = {f8: Float64Array, f4: Float32Array, i1: Int8Array, u1: Uint8Array, i2: Int16Array,
                 u2: Uint16Array, i4: Int32Array, u4: Uint32Array};
  const decode = v => {  // plotly JSON may carry numeric arrays as base64 ({dtype, bdata})
    if (!v || !v.bdata) return v;
    const bytes = Uint8Array.from(atob(v.bdata), c => c.charCodeAt(0));
    return Array.from(new typed[v.dtype](bytes.buffer));
  };
  return Array.from(document.querySelectorAll(scope + ' .js-plotly-plot')).map(p => (p.data || []).map(t => {
    const [x, y, z] = [decode(t.x), decode(t.y), decode(t.z)];
    const values = [x, y, z].find(v => v && v.length && typeof (v[0]?.length ? v[0][0] : v[0]) === 'number');
    const flat = values ? Array.from(values).flatMap(v => v?.length ? Array.from(v) : [v]) : [];
    return [t.type || 'scatter', t.name ?? null, (x || y || []).length, flat.reduce((a, b) => a + b, 0)];
  }));
}"""


def _signature(figure) -> list:
    traces = []
    for trace in figure.data:
        values = next(
            (v for v in (getattr(trace, "x", None), getattr(trace, "y", None), getattr(trace, "z", None))
             if v is not None and len(v) and isinstance(_first(v), numbers.Real) and not isinstance(_first(v), bool)),
            None,
        )  # fmt: skip
        total = float(sum(v for v in _flat(values) if v is not None)) if values is not None else 0.0  # gaps: None
        points = trace.x if getattr(trace, "x", None) is not None else getattr(trace, "y", None)
        traces.append([trace.type, trace.name, len(points) if points is not None else 0, total])
    return traces


def _first(values):
    first = values[0]
    return first[0] if hasattr(first, "__len__") and not isinstance(first, str) and len(first) else first


def _flat(values):
    for value in values:
        if hasattr(value, "__len__") and not isinstance(value, str):
            yield from value
        else:
            yield value


def _same(page_charts: list, expected: list) -> bool:
    if len(page_charts) != len(expected):
        return False
    for shown, wanted in zip(page_charts, expected, strict=True):
        if len(shown) != len(wanted):
            return False
        for (s_type, s_name, s_n, s_sum), (w_type, w_name, w_n, w_sum) in zip(shown, wanted, strict=True):
            if (s_type, s_name, s_n) != (w_type, w_name, w_n) or abs(s_sum - w_sum) > 1e-6 * max(1, abs(w_sum)):
                return False
    return True


@pytest.fixture
def busy_machine():
    """A CPU-burning process per core beside the browser and the servers."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(max(1, os.cpu_count() or 1))]
    yield
    for burner in burners:
        burner.kill()
        burner.wait()


def _choose_and_check_every_chart(session: Session, scope: str, view_name: str) -> None:
    """Make a selection in the view's controls, then wait until every chart shows what the view computes for it."""
    import explore
    from explore import select, views

    corpus = explore.load_corpus()
    page = session.page
    if view_name == "companies":
        options = select.organizations(corpus)["org"].tolist()
        chosen = [o for o in ("中央网信办", "京东") if o in options] or options[3:5]
        page.locator(f"{scope} .widget-select-multiple select").first.select_option(label=chosen)
        view = views.CompaniesView(corpus, orgs=chosen)
    elif view_name == "metrics":
        view = views.MetricsView(corpus)
        label, group = next((label, group) for label, group in view.group.options if group == "people:people")
        page.locator(f"{scope} .widget-dropdown select").first.select_option(label=label)
        view.group.value = group
    elif view_name == "timeline":
        view = views.TimelineView(corpus)
        page.locator(f"{scope} .widget-select-multiple select").first.select_option(label=["腾讯", "京东"])
        view.org.value = ["京东", "腾讯"]
    else:
        box = page.locator(f"{scope} .widget-text input").first
        box.fill("联通")
        box.press("Enter")
        view = views.SearchView(corpus, keyword="联通")
    expected = [_signature(f) for f in view.figures(**view.selection())]
    try:
        page.wait_for_function(
            f"(expected) => JSON.stringify(({_CHART_SIGNATURES})({scope!r})) !== 'null' && "
            f"({_SAME_JS})(({_CHART_SIGNATURES})({scope!r}), expected)",
            arg=expected,
            timeout=60_000,
        )
    except PlaywrightTimeout:
        shown = page.evaluate(_CHART_SIGNATURES, scope)
        pytest.fail(
            f"a chart does not show the current selection:\nshown    {shown}\nexpected {expected}\n"
            f"page errors {session.errors}"
        )
    assert _same(page.evaluate(_CHART_SIGNATURES, scope), expected)


_SAME_JS = """(shown, wanted) => shown.length === wanted.length && shown.every((traces, i) =>
  traces.length === wanted[i].length && traces.every((t, j) => {
    const w = wanted[i][j];
    const close = Math.abs(t[3] - w[3]) <= 1e-6 * Math.max(1, Math.abs(w[3]));
    return t[0] === w[0] && t[1] === w[1] && t[2] === w[2] && close;
  }))"""


VIEWS = [("02_timeline", "timeline"), ("03_companies", "companies"), ("04_metrics", "metrics"), ("05_search", "search")]


@pytest.mark.parametrize(("name", "view_name"), VIEWS)
def test_every_dashboard_chart_follows_the_selection_on_a_busy_machine(
    browser, dashboard, busy_machine, name, view_name
):
    base = dashboard.url.split("/?")[0]
    session = Session(browser, f"{base}/voila/render/{name}.ipynb?token={_token(dashboard)}")
    session.wait_for_plots(PLOTS[name])
    session.no_widget_errors()
    _choose_and_check_every_chart(session, "body", view_name)
    assert session.errors == []
    session.page.close()


@pytest.mark.parametrize(("name", "view_name"), VIEWS)
def test_every_jupyterlab_chart_follows_the_selection_on_a_busy_machine(
    browser, fresh_lab, busy_machine, name, view_name
):
    lab = fresh_lab
    base = lab.url.split("/lab")[0]
    session = Session(browser, f"{base}/lab/workspaces/{name}-busy/tree/{name}.ipynb?reset&token={_token(lab)}")
    _run_all(session)
    session.wait_for_plots(PLOTS[name])
    session.no_widget_errors()
    _choose_and_check_every_chart(session, PANEL, view_name)
    assert session.errors == []
    session.page.close()


def test_jupyterlab_greets_with_no_news_prompt_and_lists_only_notebooks(browser, lab):
    base = lab.url.split("/lab")[0]
    session = Session(browser, f"{base}/lab/workspaces/greeting/tree?reset&token={_token(lab)}")
    session.page.wait_for_selector(".jp-DirListing-item", timeout=RUN_TIMEOUT_MS)
    session.page.wait_for_timeout(5_000)  # the news prompt came a few seconds after the page
    body = session.page.inner_text("body")
    assert "news" not in body.lower(), body[-500:]
    names = session.page.eval_on_selector_all(".jp-DirListing-itemName", "els => els.map(e => e.innerText.trim())")
    assert names and all(name.endswith((".ipynb", ".py")) for name in names), names
    assert session.errors == []
    session.page.close()
