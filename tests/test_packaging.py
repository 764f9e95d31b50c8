"""The wheel carries the seed corpus and the data files, and loads from them."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_loads_its_embedded_seeds(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("explore-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for seed in (ROOT / "seeds").iterdir():
        assert f"explore/_seeds/{seed.name}" in names
    assert "explore/data/boilerplate.toml" in names
    assert "explore/data/jupyter/voila/templates/explore/index.html.j2" in names  # the offline dashboard page

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import json, explore; c = explore.load_corpus();"
        "print(json.dumps([explore.__file__, str(c.root), len(c.documents), c.report['status'].tolist()]))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    module, root, n_documents, statuses = json.loads(run.stdout)
    assert module.startswith(str(site))
    assert root == str(site / "explore" / "_seeds")
    assert n_documents == 16
    assert statuses == ["loaded"] * 5
