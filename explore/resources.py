"""Where the files shipped with the package are: vocabulary, seeds, notebooks.

In an installed wheel the seeds and notebooks are packed inside the package
(``explore/_seeds``, ``explore/_notebooks``); in a checkout they sit beside it.
Parsing the vocabulary into lookups is :mod:`explore.gazetteer`'s job.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def read_data_text(name: str) -> str:
    """A file of ``explore/data`` as text."""
    return resources.files("explore").joinpath("data", name).read_text(encoding="utf-8")


def bundled_folder(name: str) -> Path | None:
    """The shipped folder ``name`` (``seeds``, ``notebooks``): packed in the wheel, else in the checkout."""
    packaged = resources.files("explore").joinpath(f"_{name}")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / name
    return checkout if checkout.is_dir() else None
