"""Statutory holidays and make-up working days of CN/HK/MO/TW, from the bundled snapshot or the
``holidays`` package (a mutable, lazily filled dict, wrapped here behind immutable facts).

The package's China data is taken from each year's State Council notice (放假调休安排); the class
docstring of ``holidays.countries.china`` links every notice since 2001. A year counts as
*official* when the package records that year's arrangement (its substituted days), and is
*estimated* otherwise (the package then applies the statutory rule and marks names as estimated).
Nothing here hard-codes a year: coverage is read from the package's own data.

A calendar reads the snapshot of that data bundled with servstd (:mod:`._holiday_snapshot`) for
the years it holds, so an upgrade of the package changes no answer there; the package is imported
only for the years outside it. ``package_year_facts`` and ``package_official_years`` always ask the
package (the snapshot is written from them and checked against them).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from typing import Any

import attrs

from servstd.sla.calendar._holiday_snapshot import FIRST_YEAR, Snapshot, YearFacts, bundled

__all__ = ["HolidaySource", "YearFacts", "package_official_years", "package_snapshot", "package_year_facts"]

_MODULES = {"CN": "china", "HK": "hongkong", "MO": "macau", "TW": "taiwan"}

_LANGUAGES = {
    # region: (Chinese, English) locale of the holidays package
    "CN": ("zh_CN", "en_US"),
    "HK": ("zh_HK", "en_HK"),
    "MO": ("zh_MO", "en_MO"),
    "TW": ("zh_TW", "en_US"),
}


def _static_years(cls: type) -> list[int]:
    """Years for which the package records an official arrangement (substituted days)."""
    import inspect  # noqa: PLC0415 - 10 ms, only when the package itself is read

    module = inspect.getmodule(cls)
    years: set[int] = set()
    for obj in vars(module).values():
        if inspect.isclass(obj) and obj.__name__.endswith("StaticHolidays"):
            special = getattr(obj, "special_public_holidays", {})
            years.update(y for y, entries in special.items() if any(len(e) >= 4 for e in _entries(entries)))
    return sorted(years)


def _entries(entries: Any) -> list[tuple[Any, ...]]:
    if entries and isinstance(entries[0], tuple):
        return list(entries)
    return [entries]


@attrs.frozen
class HolidaySource:
    """Statutory holidays and make-up working days of one region, read once per year."""

    region: str

    @staticmethod
    def regions() -> tuple[str, ...]:
        """The region codes with data."""
        return tuple(_LANGUAGES)

    def official_years(self) -> tuple[int, int]:
        """First and last year whose official arrangement the data records (the snapshot's)."""
        snap = bundled(self.region)
        return snap.official if snap is not None else package_official_years(self.region)

    def year(self, year: int) -> YearFacts:
        """The facts of ``year`` (make-up days listed in next year's notice included): the
        snapshot's for the years it holds, else the package's."""
        snap = bundled(self.region)
        return (
            snap.facts(year) if snap is not None and year in snap else package_year_facts(self.region, year)
        )


@functools.cache
def _country(region: str) -> Any:
    """The ``holidays`` class of ``region``, loading only its own module.

    ``holidays.country_holidays`` imports the package's every country (some 250 modules, half the
    run time of a one-date command) to return one; the regions here live in their own modules,
    which import only the package's core. The module is loaded under a private name, so the
    package's own namespace is untouched. Falls back to the registry if a module moved.
    """
    # a private name: the package's own ``holidays.countries`` namespace is left untouched
    name = f"{__name__}.{_MODULES[region]}"
    module = sys.modules.get(name)
    if module is None:
        package = importlib.util.find_spec("holidays")
        origin = package.submodule_search_locations if package else None
        spec = (
            importlib.util.spec_from_file_location(name, f"{origin[0]}/countries/{_MODULES[region]}.py")
            if origin
            else None
        )
        if spec is None or spec.loader is None:  # pragma: no cover - a future layout of the package
            return _from_registry(region)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except (ImportError, OSError):  # pragma: no cover - a future layout of the package
            del sys.modules[name]
            return _from_registry(region)
    return getattr(module, {"CN": "China", "HK": "HongKong", "MO": "Macau", "TW": "Taiwan"}[region])


def _from_registry(region: str) -> Any:  # pragma: no cover - a future layout of the package
    import holidays  # noqa: PLC0415 - the whole package (0.1 s), only if a module moved

    return type(holidays.country_holidays(region))


@functools.cache
def package_official_years(region: str) -> tuple[int, int]:
    """First and last year whose official arrangement the installed package records."""
    cls = _country(region)
    years = _static_years(cls)
    start = int(getattr(cls, "start_year", 1950))
    end = int(getattr(cls, "end_year", 2100))
    if region in ("CN", "TW"):
        # These regions move days every year by notice: only noticed years are official.
        return (max(years[0], start), years[-1])
    # HK and MO holidays follow statute (no make-up days): every supported year is by rule.
    return (start, end)


@functools.lru_cache(maxsize=512)
def package_year_facts(region: str, year: int) -> YearFacts:
    """The facts of ``year`` as the installed package gives them."""
    zh, en = _LANGUAGES[region]
    years = [y for y in (year, year + 1) if y <= 9999]
    h_zh = _country(region)(years=years, language=zh)
    h_en = _country(region)(years=years, language=en)
    rest_zh = {d: name for d, name in sorted(h_zh.items()) if d.year == year}
    rest_en = {d: name for d, name in sorted(h_en.items()) if d.year == year}
    # weekend_workdays holds the make-up days found while filling the requested years; next
    # year's notice may list a late-December day of this year, hence years=(year, year + 1).
    work = frozenset(d for d in getattr(h_zh, "weekend_workdays", ()) if d.year == year)
    return YearFacts(rest_zh=rest_zh, rest_en=rest_en, weekend_workdays=work)


def package_snapshot(region: str) -> Snapshot:
    """A snapshot of ``region`` written from the installed package: the years 2000 to the year
    after the last covered one."""
    from importlib.metadata import version  # noqa: PLC0415 - 30 ms, only when writing a snapshot

    official = package_official_years(region)
    years = (FIRST_YEAR, official[1] + 1)
    by_year = {y: package_year_facts(region, y) for y in range(years[0], years[1] + 1)}
    kept = {y: f for y, f in by_year.items() if f.rest_zh or f.weekend_workdays}
    return Snapshot(region, version("holidays"), official, years, kept)
