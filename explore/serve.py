"""Start JupyterLab on the notebooks, or serve them as Voilà dashboards.

Both bind to 127.0.0.1 unless a host is asked for (and then warn: plain HTTP),
require a token, check their prerequisites first (the corpus exists, the port
is free, the tools are installed) and say what is missing in one line.

The token reaches the server through its environment (``JUPYTER_TOKEN``),
never its command line, which every local user can read in ``ps``. Voilà
culls a dashboard's kernel once it has been idle and unwatched for
:data:`KERNEL_IDLE_S` and holds at most :data:`MAX_KERNELS`
(``explore.kernel_limits``); its pages use a template that needs no network.
``run_server`` stops the server's whole process group on TERM, INT and HUP.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from explore.errors import PrerequisiteError
from explore.notebook import CORPUS_ENV, FIGURES_ENV
from explore.report import notebook_sources

LOOPBACK = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_ENV = "JUPYTER_TOKEN"
# A dashboard's kernel is shut down after this long idle with no page connected to it.
KERNEL_IDLE_S = 600
KERNEL_CULL_EVERY_S = 60
# Kernels Voilà holds at once (each ~300 MB): the oldest unwatched one makes room for a new page.
MAX_KERNELS = 8
# Voilà's templates of this package (``explore``: the "lab" page without its CDN stylesheets).
JUPYTER_DATA = Path(__file__).parent / "data" / "jupyter"
# Beside the working notebooks (hidden from the tree): the plotly.js a dashboard page loads once, from the
# server (the template's static folder), never from a CDN.
DASHBOARD_ASSETS = ".explore-jupyter"


@dataclass(frozen=True)
class ServerPlan:
    """What to run: the command line, its environment additions and the URL to open."""

    command: list[str]
    env: dict[str, str]
    url: str
    root: Path
    notes: tuple[str, ...] = ()  # what was done to the working notebooks, to tell the user


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


NOTEBOOKS_ENV = "EXPLORE_NOTEBOOKS"


def notebooks_home() -> Path:
    """Where ``explore lab`` and ``explore serve`` keep the user's working notebooks (``$EXPLORE_NOTEBOOKS``)."""
    return Path(os.environ.get(NOTEBOOKS_ENV) or Path.home() / "explore-notebooks").expanduser()


@dataclass(frozen=True)
class WorkingCopy:
    """The user's notebooks folder, and what this start did to it."""

    folder: Path
    written: tuple[str, ...]  # notebooks copied from this version now
    differing: tuple[str, ...]  # the user's copy differs from this version's: left as it is

    def notes(self) -> list[str]:
        notes = [f"copied into {self.folder}: {', '.join(self.written)}"] if self.written else []
        if self.differing:
            notes.append(
                f"{', '.join(self.differing)} in {self.folder} differ from this version's and were left as they are; "
                "--refresh-notebooks replaces them (keeping yours as .bak)"
            )
        return notes


def working_copy(target: Path | None = None, *, refresh: bool = False) -> WorkingCopy:
    """The notebooks the clients open: a copy in a user folder, never the package's own.

    Created on first run; a notebook already there is never overwritten
    unless ``refresh`` (then kept beside as ``.bak-<time>``). The package's
    notebooks are only read, so JupyterLab's autosave and checkpoints land in
    the user's folder and the stored outputs that nbval compares stay as shipped.
    """
    sources = notebook_sources()
    if not sources:
        raise PrerequisiteError("the notebooks are missing from this installation")
    folder = target or notebooks_home()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PrerequisiteError(f"cannot create the notebooks folder {folder}: {error.strerror or error}") from None
    written, differing = [], []
    for source in sources:
        shipped = _shipped_notebook(source)
        mine = folder / source.with_suffix(".ipynb").name
        if mine.exists() and _cells(nbformat.read(mine, as_version=4)) == _cells(shipped):
            continue
        if mine.exists() and not refresh:
            differing.append(mine.name)
            continue
        if mine.exists():
            mine.rename(mine.with_name(f"{mine.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}"))
        nbformat.write(shipped, mine)
        written.append(mine.name)
    return WorkingCopy(folder, tuple(written), tuple(differing))


def _shipped_notebook(source: Path) -> nbformat.NotebookNode:
    """This version's notebook: the stored one, with its outputs on the seeds, else made from its source."""
    stored = source.with_suffix(".ipynb")
    return nbformat.read(stored, as_version=4) if stored.exists() else jupytext.read(source)


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def _check(*, corpus: str | None, port: int, host: str, module: str, tool: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise PrerequisiteError(f"{tool} is not installed: pip install 'explore[notebooks]'")
    if corpus is not None and not Path(corpus).exists():
        raise PrerequisiteError(f"corpus {corpus}: no such file or folder")
    if not port_is_free(port, host):
        raise PrerequisiteError(f"port {port} on {host} is in use: pass --port with another one")


@dataclass(frozen=True)
class _Setting:
    notebooks: WorkingCopy
    token: str
    env: dict[str, str]

    @property
    def folder(self) -> Path:
        return self.notebooks.folder


def _prepare(
    *, corpus: str | None, port: int, host: str, root: Path | None, refresh: bool, module: str, tool: str
) -> _Setting:
    """Check the prerequisites, then the working notebooks, a fresh token and the server's environment."""
    _check(corpus=corpus, port=port, host=host, module=module, tool=tool)
    token = secrets.token_hex(16)
    env = {TOKEN_ENV: token} | ({CORPUS_ENV: str(Path(corpus).resolve())} if corpus else {})
    return _Setting(working_copy(root, refresh=refresh), token, env)


def exposure_warning(host: str, port: int) -> str | None:
    """What to tell the user who serves beyond this machine: plain HTTP, and how to put it behind TLS."""
    if host in LOOPBACK_HOSTS:
        return None
    return (
        f"warning: serving plain HTTP on {host}:{port}: the token and every page cross the network unencrypted. "
        f"Keep the default 127.0.0.1 and reach it through `ssh -L {port}:127.0.0.1:{port} HOST`, or put a TLS "
        f"reverse proxy in front (e.g. `caddy reverse-proxy --from your.host --to 127.0.0.1:{port}`)."
    )


def plan_lab(
    *,
    corpus: str | None = None,
    port: int = 8888,
    host: str = LOOPBACK,
    root: Path | None = None,
    refresh: bool = False,
) -> ServerPlan:
    setting = _prepare(
        corpus=corpus, port=port, host=host, root=root, refresh=refresh, module="jupyterlab", tool="JupyterLab"
    )
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        f"--ServerApp.ip={host}", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={setting.folder}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        # There: overrides.json (no "Jupyter news" prompt greets a reader, news_url alone still asks; widget comms
        # over the kernel's main shell, not a subshell: on a busy machine the subshell's creation was cancelled
        # or late, and a view's widgets never rendered, with no error; every cell attached) and
        # page_config.json (no debugger: a reader has no use for it, and on a busy machine it logged
        # "Could not restore the debugger state" when a kernel was replaced)
        f"--LabApp.app_settings_dir={JUPYTER_DATA / 'lab' / 'settings'}",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    url = f"http://{host}:{port}/lab?token={setting.token}"
    return ServerPlan(command, setting.env, url, setting.folder, tuple(setting.notebooks.notes()))


def plan_serve(
    *,
    corpus: str | None = None,
    port: int = 8866,
    host: str = LOOPBACK,
    root: Path | None = None,
    refresh: bool = False,
) -> ServerPlan:
    setting = _prepare(corpus=corpus, port=port, host=host, root=root, refresh=refresh, module="voila", tool="Voilà")
    command = [
        sys.executable, "-m", "voila", str(setting.folder), "--no-browser",
        f"--Voila.ip={host}", f"--port={port}", "--Voila.auto_token=True",  # the token comes from JUPYTER_TOKEN
        "--strip_sources=True", "--show_tracebacks=False", "--template=explore",
        # These extensions need a later JupyterLab than Voilà's front end and throw there; no dashboard needs them
        # (figures are HTML drawn by the plotly.js the page loads: EXPLORE_FIGURES=html).
        "--VoilaConfiguration.extension_denylist=['jupyterlab-jupytext','jupyterlab-plotly']",
        "--VoilaConfiguration.multi_kernel_manager_class=explore.kernel_limits.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={MAX_KERNELS}",
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_S}",
        f"--MappingKernelManager.cull_interval={KERNEL_CULL_EVERY_S}",
    ]  # fmt: skip
    assets = dashboard_assets(setting.folder)
    paths = os.pathsep.join(p for p in (str(JUPYTER_DATA), str(assets), os.environ.get("JUPYTER_PATH")) if p)
    env = setting.env | {"JUPYTER_PATH": paths, FIGURES_ENV: "html"}
    url = f"http://{host}:{port}/?token={setting.token}"
    return ServerPlan(command, env, url, setting.folder, tuple(setting.notebooks.notes()))


def dashboard_assets(folder: Path) -> Path:
    """A Jupyter data folder holding this plotly's plotly.js as a static file of the ``explore`` template.

    Written beside the working notebooks (where the user can write), atomically, and again only when plotly
    changed; Voilà finds it through ``JUPYTER_PATH`` and serves it once per page (cached by the browser).
    """
    from plotly.offline import get_plotlyjs

    root = folder / DASHBOARD_ASSETS
    target = root / "voila" / "templates" / "explore" / "static" / "plotly.min.js"
    script = get_plotlyjs().encode("utf-8")
    with contextlib.suppress(OSError):
        if target.read_bytes() == script:
            return root
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        staging.write_bytes(script)
        staging.replace(target)
    except OSError as error:
        reason = error.strerror or error
        raise PrerequisiteError(f"cannot write the dashboards' plotly.js under {root}: {reason}") from None
    return root


def run_server(command: list[str], env: dict[str, str]) -> int:
    """Run a server in its own process group; TERM, INT or HUP here stops the whole group, then this returns.

    Without this, ``kill -TERM`` on ``explore serve`` left Voilà running under
    PID 1, still listening with its token.
    """
    import signal
    import subprocess

    process = subprocess.Popen(command, env=os.environ | env, start_new_session=True)
    received: list[int] = []

    def forward(signum, frame) -> None:
        received.append(signum)
        _signal_group(process.pid, signal.SIGTERM)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    try:
        while True:
            try:
                code = process.wait(timeout=None if not received else 15)
                break
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _signal_group(process.pid, signal.SIGTERM)  # kernels and helpers the server left behind
    return 0 if received else code


def _signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)
