"""The vocabulary of extraction, read once from ``explore/data``.

Organizations, products and programs, places, units, themes, event kinds and
person titles live in data files documented in their own headers; this module
only reads them into immutable lookups.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from explore.resources import read_data_text

DATA_FILES = (
    "boilerplate.toml",
    "orgs.csv",
    "org_rules.toml",
    "products.csv",
    "places.csv",
    "people.toml",
    "units.toml",
    "themes.toml",
    "events.toml",
)


@dataclass(frozen=True)
class Org:
    canonical: str
    org_type: str


@dataclass(frozen=True)
class Product:
    name: str
    owner: str
    kind: str


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province / city / county
    province: str | None
    city: str | None


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in read_data_text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@cache
def read_toml(name: str) -> dict:
    """A TOML data file, parsed once; callers treat it as read-only."""
    return tomllib.loads(read_data_text(name))


def _aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]


@lru_cache(maxsize=1)
def org_aliases() -> dict[str, Org]:
    """Every surface form of a listed organization → the organization."""
    table: dict[str, Org] = {}
    for row in _csv_rows("orgs.csv"):
        org = Org(row["canonical"], row["org_type"])
        for surface in [org.canonical, *_aliases(row)]:
            table[surface] = org
    return table


@lru_cache(maxsize=1)
def product_aliases() -> dict[str, Product]:
    table: dict[str, Product] = {}
    for row in _csv_rows("products.csv"):
        product = Product(row["name"], row["owner"], row["kind"])
        for surface in [product.name, *_aliases(row)]:
            table[surface] = product
    return table


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[Place, ...]]:
    """Full names (巫溪县) and short names (巫溪) → the places they may mean."""
    table: dict[str, list[Place]] = {}
    for row in _csv_rows("places.csv"):
        place = Place(row["name"], row["level"], row["province"] or None, row["city"] or None)
        for surface in {place.name, short_place_name(place.name)}:
            if len(surface) >= 2:
                table.setdefault(surface, []).append(place)
    return {name: tuple(found) for name, found in table.items()}


_PLACE_SUFFIX = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|"
    r"(?:[\u4e00-\u9fff]{1,8}族)+自治州|(?:[\u4e00-\u9fff]{1,8}族)+自治县|自治州|自治县|地区|省|市|县|区|盟|旗)$"
)


def short_place_name(name: str) -> str:
    """巫溪县 → 巫溪, 大理白族自治州 → 大理, 内蒙古自治区 → 内蒙古; keeps 2+ characters."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


@lru_cache(maxsize=1)
def data_hash() -> str:
    """A hash of every vocabulary file: it changes when any of them does."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(read_data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]
