"""Start JupyterLab on the notebooks, or serve them as Voilà dashboards.

Both bind to 127.0.0.1 unless a host is asked for, require a token, check
their prerequisites first (the corpus exists, the port is free, the tools are
installed) and say what is missing in one line.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext

from explore.errors import PrerequisiteError
from explore.notebook import CORPUS_ENV
from explore.report import notebook_sources

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServerPlan:
    """What to run: the command line, its environment additions and the URL to open."""

    command: list[str]
    env: dict[str, str]
    url: str
    root: Path


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


def notebooks_folder(target: Path | None = None) -> Path:
    """The folder of ``.ipynb`` notebooks: the checkout's, or written from the packaged sources."""
    sources = notebook_sources()
    if not sources:
        raise PrerequisiteError("the notebooks are missing from this installation")
    folder = sources[0].parent
    if target is None and all(s.with_suffix(".ipynb").exists() for s in sources) and _can_write(folder):
        return folder
    target = target or Path.cwd() / "explore-notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        notebook = target / source.with_suffix(".ipynb").name
        if not notebook.exists():
            jupytext.write(jupytext.read(source), notebook)
    return target


def _can_write(folder: Path) -> bool:
    try:
        probe = folder / ".explore-write-probe"
        probe.touch()
        probe.unlink()
    except OSError:
        return False
    return True


def _check(*, corpus: str | None, port: int, host: str, module: str, tool: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise PrerequisiteError(f"{tool} is not installed: pip install 'explore[notebooks]'")
    if corpus is not None and not Path(corpus).exists():
        raise PrerequisiteError(f"corpus {corpus}: no such file or folder")
    if not port_is_free(port, host):
        raise PrerequisiteError(f"port {port} on {host} is in use: pass --port with another one")


@dataclass(frozen=True)
class _Setting:
    folder: Path
    token: str
    env: dict[str, str]


def _prepare(*, corpus: str | None, port: int, host: str, root: Path | None, module: str, tool: str) -> _Setting:
    """Check the prerequisites, then the notebooks folder, a fresh token and the kernel's environment."""
    _check(corpus=corpus, port=port, host=host, module=module, tool=tool)
    env = {CORPUS_ENV: str(Path(corpus).resolve())} if corpus else {}
    return _Setting(notebooks_folder(root), secrets.token_hex(16), env)


def plan_lab(
    *, corpus: str | None = None, port: int = 8888, host: str = LOOPBACK, root: Path | None = None
) -> ServerPlan:
    setting = _prepare(corpus=corpus, port=port, host=host, root=root, module="jupyterlab", tool="JupyterLab")
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        f"--ServerApp.ip={host}", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={setting.token}", f"--ServerApp.root_dir={setting.folder}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    return ServerPlan(command, setting.env, f"http://{host}:{port}/lab?token={setting.token}", setting.folder)


def plan_serve(
    *, corpus: str | None = None, port: int = 8866, host: str = LOOPBACK, root: Path | None = None
) -> ServerPlan:
    setting = _prepare(corpus=corpus, port=port, host=host, root=root, module="voila", tool="Voilà")
    command = [
        sys.executable, "-m", "voila", str(setting.folder), "--no-browser",
        f"--Voila.ip={host}", f"--port={port}", f"--token={setting.token}",
        "--strip_sources=True", "--show_tracebacks=False",
    ]  # fmt: skip
    return ServerPlan(command, setting.env, f"http://{host}:{port}/?token={setting.token}", setting.folder)
