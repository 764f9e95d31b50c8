"""Data files shipped with the package, loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class BoilerplateKind:
    """One kind of page furniture from ``data/boilerplate.toml``."""

    name: str
    reason: str
    max_chars: int
    line: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


def read_data_text(name: str) -> str:
    return resources.files("explore").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def boilerplate_kinds() -> tuple[BoilerplateKind, ...]:
    table = tomllib.loads(read_data_text("boilerplate.toml"))
    return tuple(
        BoilerplateKind(
            name=name,
            reason=spec["reason"],
            max_chars=int(spec["max_chars"]),
            # One alternation per kind: its leftmost match is the earliest any of its patterns gives.
            line=(re.compile("|".join(f"(?:{p})" for p in spec["line"]), re.IGNORECASE),) if spec.get("line") else (),
            inline=tuple(re.compile(p) for p in spec.get("inline", ())),
        )
        for name, spec in table.items()
    )
