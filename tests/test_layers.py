"""A lower layer never imports a higher one: the core runs without plotly or widgets."""

import subprocess
import sys

CORE = [
    "explore",
    "explore.corpus",
    "explore.extract",
    "explore.evaluate",
    "explore.cli",
    "explore.select",
    "explore.summaries",
]


def test_core_imports_no_drawing_library():
    probe = (
        f"import sys; import {', '.join(CORE)}; "
        "explore.load_corpus(); "
        "print(sorted(m for m in ('plotly', 'ipywidgets', 'IPython', 'nbconvert', 'jieba') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
