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


def _explore_imports(path) -> set[str]:
    """The explore modules a module imports, at its top or inside a function (a deferred import is still a need)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("explore"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("explore"))
    return found


def test_no_import_circle():
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "explore"
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {name: {m for m in _explore_imports(path) if m in modules and m != name} for name, path in modules.items()}
    # The package's __init__ re-exports; what matters is that no module needs one that needs it back.
    graph = {name: deps - {"explore"} for name, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(name, trail):
        state[name] = 1
        for dep in graph[name]:
            if state.get(dep) == 1:
                raise AssertionError("import circle: " + " → ".join([*trail[trail.index(dep) :], dep]))
            if dep not in state:
                visit(dep, [*trail, dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
