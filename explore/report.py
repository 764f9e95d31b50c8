"""Execute the notebooks and export them as self-contained HTML pages.

The notebooks live as jupytext ``py:percent`` sources (readable diffs) and as
``.ipynb`` files stored executed on the seeds (what nbval compares).
``store_notebooks`` refreshes the latter; ``write_report`` executes each
notebook in static mode on a corpus and writes one page per notebook plus an
index: plotly.js inlined once per page, no request to any network, code cells
hidden, controls that work without a kernel.
"""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

from explore.notebook import CORPUS_ENV, STATIC_ENV
from explore.resources import bundled_folder

_TIMEOUT_S = 600
_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; color: #222; }
table.dataframe, table.explore-table { border-collapse: collapse; font-size: 13px; margin: 1rem 0; }
table.dataframe th, table.dataframe td, table.explore-table th, table.explore-table td {
  border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: 0.5rem; }
nav a { margin-right: 1rem; }
"""


def notebook_sources() -> list[Path]:
    """The notebooks' ``py:percent`` sources: in a checkout, or packed in the wheel."""
    folder = bundled_folder("notebooks")
    return sorted(folder.glob("[0-9][0-9]_*.py")) if folder else []


@contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    """Environment variables set (``None``: unset) for the block, then put back as they were."""
    saved = {key: os.environ.get(key) for key in values}
    try:
        _set_environment(values)
        yield
    finally:
        _set_environment(saved)


def _set_environment(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def execute(source: Path, *, static: bool, corpus: str | None = None) -> nbformat.NotebookNode:
    """Run a notebook top to bottom; the kernel inherits the mode and corpus."""
    notebook = jupytext.read(source)
    with _environment(**{STATIC_ENV: "1" if static else None, CORPUS_ENV: corpus}):
        client = NotebookClient(
            notebook,
            timeout=_TIMEOUT_S,
            kernel_name="python3",
            resources={"metadata": {"path": str(source.parent)}},
            store_widget_state=False,  # the state would hold plotly.js, megabytes per figure
        )
        client.execute()
    return notebook


def store_notebooks(folder: Path | None = None) -> list[Path]:
    """Execute each notebook on the seeds (live mode) and store it beside its source."""
    written = []
    for source in notebook_sources() if folder is None else sorted(folder.glob("[0-9][0-9]_*.py")):
        notebook = _without_churn(execute(source, static=False))
        target = source.with_suffix(".ipynb")
        nbformat.write(notebook, target)
        written.append(target)
    return written


def _without_churn(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A stored notebook that changes only where an output does: cell ids from the cell's place and source
    (not random), no execution timestamps."""
    for number, cell in enumerate(notebook.cells):
        cell["id"] = hashlib.sha1(f"{number}:{cell.source}".encode()).hexdigest()[:8]
        cell.metadata.pop("execution", None)
    return notebook


def _title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _page(title: str, body: str, nav: str, *, plotly: bool = True) -> str:
    script = f'<script type="text/javascript">{get_plotlyjs()}</script>' if plotly else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style>{script}</head>"
        f"<body><nav>{nav}</nav>{body}</body></html>\n"
    )


def write_report(out: Path, *, corpus: str | Path | None = None) -> Path:
    """Execute every notebook in static mode on ``corpus`` and write the pages; returns the index."""
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,  # no ¶ after every heading of a page a reader shares
    )
    sources = notebook_sources()
    pages = []
    for source in sources:
        notebook = execute(source, static=True, corpus=str(corpus) if corpus else None)
        body, _ = exporter.from_notebook_node(notebook)
        pages.append((source.stem + ".html", _title(notebook, source.stem), body))
    nav = "".join(f'<a href="{name}">{html.escape(title)}</a>' for name, title, _ in pages)
    nav = f'<a href="index.html">索引 Index</a>{nav}'
    for name, title, body in pages:
        (out / name).write_text(_page(title, body, nav), encoding="utf-8")
    items = "".join(f'<li><a href="{name}">{html.escape(title)}</a></li>' for name, title, _ in pages)
    where = html.escape(str(corpus) if corpus else "the embedded seed corpus")
    index_body = f"<h1>explore</h1><p>Corpus: {where}</p><ul>{items}</ul>"
    index = out / "index.html"
    index.write_text(_page("explore", index_body, nav, plotly=False), encoding="utf-8")
    return index
