"""explore lab / explore serve: prerequisites said in one line, loopback and a token by default."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explore.cli import main
from explore.errors import PrerequisiteError
from explore.serve import KERNEL_IDLE_S, exposure_warning, free_port, plan_lab, plan_serve, working_copy


@pytest.fixture(autouse=True)
def notebooks_home(tmp_path, monkeypatch):
    """No test writes the working notebooks into the real home folder."""
    monkeypatch.setenv("EXPLORE_NOTEBOOKS", str(tmp_path / "home-notebooks"))


def test_plans_bind_loopback_with_a_token_kept_off_the_command_line(tmp_path):
    for plan in (plan_lab(port=free_port(), root=tmp_path / "a"), plan_serve(port=free_port(), root=tmp_path / "b")):
        assert plan.url.startswith("http://127.0.0.1:")
        token = plan.url.split("token=")[1]
        assert len(token) == 32 and plan.env["JUPYTER_TOKEN"] == token
        assert not any(token in arg for arg in plan.command)  # ps shows the command line to every local user
        assert any(arg.endswith("127.0.0.1") for arg in plan.command)


def test_corpus_is_passed_to_the_kernel(tmp_path):
    plan = plan_lab(port=free_port(), corpus=str(tmp_path), root=tmp_path / "nb")
    assert plan.env["EXPLORE_CORPUS"] == str(tmp_path.resolve())


def test_voila_culls_idle_kernels_caps_them_and_uses_the_offline_template(tmp_path):
    plan = plan_serve(port=free_port(), root=tmp_path)
    assert "--template=explore" in plan.command
    assert f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_S}" in plan.command
    assert "--VoilaConfiguration.multi_kernel_manager_class=explore.kernel_limits.CappedKernelManager" in plan.command
    template = Path(plan.env["JUPYTER_PATH"].split(os.pathsep)[0]) / "voila/templates/explore/index.html.j2"
    assert "cdn" not in template.read_text(encoding="utf-8").split("-#}")[1]


def test_dashboards_load_plotly_js_once_from_the_server_and_draw_figures_as_html(tmp_path):
    """The template names plotly.min.js in its static folder; the file is this plotly's, beside the notebooks,
    hidden from the tree, and written again only when it differs (a second plan leaves it untouched)."""
    from plotly.offline import get_plotlyjs

    plan = plan_serve(port=free_port(), root=tmp_path)
    assert plan.env["EXPLORE_FIGURES"] == "html"
    roots = [Path(p) for p in plan.env["JUPYTER_PATH"].split(os.pathsep)]
    template = (roots[0] / "voila/templates/explore/index.html.j2").read_text(encoding="utf-8")
    assert 'include_js("static/plotly.min.js")' in template
    script = roots[1] / "voila/templates/explore/static/plotly.min.js"
    assert roots[1].parent == tmp_path and roots[1].name.startswith(".")
    assert script.read_text(encoding="utf-8") == get_plotlyjs()
    written = script.stat().st_mtime_ns
    script.chmod(0o444)  # a second start must not need to write it
    plan_serve(port=free_port(), root=tmp_path)
    assert script.stat().st_mtime_ns == written
    script.chmod(0o644)
    script.write_text("stale", encoding="utf-8")
    plan_serve(port=free_port(), root=tmp_path)
    assert script.read_text(encoding="utf-8") == get_plotlyjs()


def test_serving_beyond_this_machine_warns_and_says_how_to_use_tls(capsys, monkeypatch):
    assert exposure_warning("127.0.0.1", 8866) is None and exposure_warning("localhost", 8866) is None
    monkeypatch.setattr("explore.serve.run_server", lambda command, env: 0)
    assert main(["serve", "--host", "0.0.0.0", "--port", str(free_port("0.0.0.0"))]) == 0
    err = capsys.readouterr().err
    assert "plain HTTP on 0.0.0.0" in err and "TLS" in err and "ssh -L" in err


RUNNER = """
import sys
from explore.serve import run_server
sys.exit(run_server([sys.executable, "-c", {child!r}], {{}}))
"""
# A server that starts a helper of its own (as Voilà starts kernels) and ignores SIGTERM for a moment.
CHILD = """
import subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print(helper.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_to_explore_stops_the_whole_server_group(tmp_path, signum):
    runner = subprocess.Popen([sys.executable, "-c", RUNNER.format(child=CHILD)], stdout=subprocess.PIPE, text=True)
    helper = int(runner.stdout.readline())
    runner.send_signal(signum)
    assert runner.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(helper)  # nothing left under PID 1, still listening


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_kernel_cap_shuts_the_oldest_unwatched_kernel_and_refuses_when_all_are_watched():
    import asyncio

    from tornado import web

    from explore.kernel_limits import CappedKernelManager

    async def scenario():
        manager = CappedKernelManager(max_kernels=2)
        started = []

        async def fake_start(self, *, kernel_id=None, path=None, **kwargs):  # no real kernel: the cap is the unit
            kernel_id = f"k{len(started)}"
            started.append(kernel_id)
            self._kernels[kernel_id] = type("K", (), {"last_activity": None})()
            self._kernel_connections[kernel_id] = 0
            return kernel_id

        async def fake_shutdown(self, kernel_id, **kwargs):
            del self._kernels[kernel_id]

        base = CappedKernelManager.__mro__[1]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(base, "start_kernel", fake_start)
            patch.setattr(base, "shutdown_kernel", fake_shutdown)
            await manager.start_kernel()
            await manager.start_kernel()
            manager._kernel_connections["k1"] = 1  # a page is open on k1
            await manager.start_kernel()
            assert sorted(manager._kernels) == ["k1", "k2"]
            manager._kernel_connections["k2"] = 1
            with pytest.raises(web.HTTPError) as refused:
                await manager.start_kernel()
            assert refused.value.status_code == 503 and sorted(manager._kernels) == ["k1", "k2"]

    asyncio.run(scenario())


def test_notebooks_are_written_where_asked(tmp_path):
    folder = working_copy(tmp_path / "nb").folder
    assert sorted(p.name for p in folder.glob("*.ipynb")) == [
        "01_overview.ipynb", "02_timeline.ipynb", "03_companies.ipynb", "04_metrics.ipynb", "05_search.ipynb",
    ]  # fmt: skip


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_clients_open_a_working_copy_never_the_packages_notebooks(tmp_path, monkeypatch):
    import nbformat

    from explore.report import notebook_sources

    package = notebook_sources()[0].parent
    before = _tree(package)
    monkeypatch.setenv("EXPLORE_NOTEBOOKS", str(tmp_path / "mine"))  # where a user's would go
    lab, dashboards = plan_lab(port=free_port()), plan_serve(port=free_port())
    assert lab.root == dashboards.root == tmp_path / "mine" and package not in (lab.root, *lab.root.parents)
    assert any("copied into" in note for note in lab.notes) and dashboards.notes == ()
    assert f"--ServerApp.root_dir={tmp_path / 'mine'}" in lab.command

    # The user's edits and outputs stay; a start says the copy differs and leaves it.
    edited = tmp_path / "mine" / "04_metrics.ipynb"
    notebook = nbformat.read(edited, as_version=4)
    notebook.cells[0].source += "\n# my note"
    nbformat.write(notebook, edited)
    again = plan_lab(port=free_port())
    assert "my note" in edited.read_text(encoding="utf-8")
    assert any("04_metrics.ipynb" in note and "--refresh-notebooks" in note for note in again.notes)
    refreshed = plan_lab(port=free_port(), refresh=True)
    assert "my note" not in edited.read_text(encoding="utf-8") and refreshed.notes
    (backup,) = (tmp_path / "mine").glob("04_metrics.ipynb.bak-*")
    assert "my note" in backup.read_text(encoding="utf-8")
    assert _tree(package) == before  # the package's notebooks were only read


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


def test_jupyterlab_reads_the_packages_settings_no_news_no_debugger_no_comm_subshells(tmp_path):
    import json

    from explore.serve import JUPYTER_DATA, plan_lab

    plan = plan_lab(port=8999, root=tmp_path / "notebooks")
    settings = JUPYTER_DATA / "lab" / "settings"
    assert f"--LabApp.app_settings_dir={settings}" in plan.command
    overrides = json.loads((settings / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert overrides["@jupyterlab/apputils-extension:kernels-settings"]["commsOverSubshells"] == "disabled"
    assert overrides["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    page_config = json.loads((settings / "page_config.json").read_text(encoding="utf-8"))
    assert page_config["disabledExtensions"]["@jupyterlab/debugger-extension"] is True
