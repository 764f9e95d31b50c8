"""The stored notebooks: in step with their sources, small, and really compared by nbval."""

import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOURCES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


def code_of(notebook) -> list[str]:
    return [cell.source.strip() for cell in notebook.cells if cell.cell_type == "code"]


def test_five_notebooks():
    assert [s.stem for s in SOURCES] == ["01_overview", "02_timeline", "03_companies", "04_metrics", "05_search"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_stored_notebook_matches_its_source(source):
    stored = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    assert code_of(stored) == code_of(jupytext.read(source)), "run `make notebooks` after editing a source"
    assert all(cell.execution_count for cell in stored.cells if cell.cell_type == "code"), "stored unexecuted"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_stored_notebook_is_small_and_holds_no_plotly_js(source):
    stored = source.with_suffix(".ipynb")
    text = stored.read_text(encoding="utf-8")
    assert stored.stat().st_size < 300_000
    assert "plotly.js v" not in text and "widget-state" not in text


@pytest.mark.slow
def test_nbval_fails_when_a_number_moves(tmp_path):
    notebook = nbformat.read(NOTEBOOKS / "04_metrics.ipynb", as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    table = next(o for o in outputs if "3200亿    元" in o.get("data", {}).get("text/plain", ""))
    table["data"]["text/plain"] = table["data"]["text/plain"].replace("3200亿    元", "3201亿    元", 1)
    copy = tmp_path / "04_metrics.ipynb"
    nbformat.write(notebook, copy)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval", str(copy)],
        cwd=NOTEBOOKS,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stdout[-2000:]
    assert "3201亿" in run.stdout
