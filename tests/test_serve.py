"""explore lab / explore serve: prerequisites said in one line, loopback and a token by default."""

import socket

import pytest

from explore.cli import main
from explore.errors import PrerequisiteError
from explore.serve import free_port, notebooks_folder, plan_lab, plan_serve


def test_plans_bind_loopback_with_a_token(tmp_path):
    for plan in (plan_lab(port=free_port(), root=tmp_path / "a"), plan_serve(port=free_port(), root=tmp_path / "b")):
        assert plan.url.startswith("http://127.0.0.1:")
        assert len(plan.url.split("token=")[1]) == 32
        assert any(arg.endswith("127.0.0.1") for arg in plan.command)


def test_corpus_is_passed_to_the_kernel(tmp_path):
    plan = plan_lab(port=free_port(), corpus=str(tmp_path), root=tmp_path / "nb")
    assert plan.env == {"EXPLORE_CORPUS": str(tmp_path.resolve())}


def test_notebooks_are_written_where_asked(tmp_path):
    folder = notebooks_folder(tmp_path / "nb")
    assert sorted(p.name for p in folder.glob("*.ipynb")) == [
        "01_overview.ipynb", "02_timeline.ipynb", "03_companies.ipynb", "04_metrics.ipynb", "05_search.ipynb",
    ]  # fmt: skip


def test_a_port_in_use_is_one_clear_line(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PrerequisiteError, match=f"port {port} on 127.0.0.1 is in use"):
            plan_serve(port=port)
        assert main(["lab", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "in use" in err


def test_a_missing_corpus_is_one_clear_line(tmp_path, capsys):
    assert main(["serve", "--corpus", str(tmp_path / "nope"), "--port", str(free_port())]) == 2
    assert capsys.readouterr().err.strip() == f"explore: corpus {tmp_path / 'nope'}: no such file or folder"
