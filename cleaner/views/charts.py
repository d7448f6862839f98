"""Bar charts as geometry for an SVG template: drawn on the server, so pages need no script and no network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MAX_BARS = 60


@dataclass
class Bar:
    label: str  # what the bar counts: a day, a month, a language
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    maximum: int
    unit: str = ""  # time charts: day, month or year
    first: str = ""
    last: str = ""


def time_chart(counts: list[tuple[str, int]], width: int = 560, height: int = 140) -> Chart | None:
    """Counts per day (YYYY-MM-DD) as bars over time, by day, month or year so no more than MAX_BARS
    are drawn; days with nothing get an empty slot, so the gaps show."""
    days = [(date.fromisoformat(d), n) for d, n in counts if _is_day(d)]
    if not days:
        return None
    for unit, key in (("day", lambda d: d.isoformat()), ("month", lambda d: d.isoformat()[:7]),
                      ("year", lambda d: d.isoformat()[:4])):
        slots = _slots(days[0][0], days[-1][0], unit, key)
        if len(slots) <= MAX_BARS or unit == "year":
            break
    totals = dict.fromkeys(slots, 0)
    for day, n in days:
        totals[key(day)] += n
    if len(totals) > MAX_BARS:  # centuries apart: keep the latest years
        totals = dict(list(totals.items())[-MAX_BARS:])
    return _columns(list(totals.items()), width, height, unit)


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _slots(first: date, last: date, unit: str, key) -> list[str]:
    if unit == "day":
        return [key(first + timedelta(days=i)) for i in range((last - first).days + 1)]
    if unit == "month":
        months = (last.year - first.year) * 12 + last.month - first.month
        return [f"{first.year + (first.month - 1 + i) // 12:04d}-{(first.month - 1 + i) % 12 + 1:02d}"
                for i in range(months + 1)]
    return [f"{y:04d}" for y in range(first.year, last.year + 1)]


def _columns(items: list[tuple[str, int]], width: int, height: int, unit: str) -> Chart:
    top = max(n for _, n in items) or 1
    step = width / len(items)
    gap = min(2.0, step * 0.2)
    bars = [Bar(label, n, i * step, height - n / top * height, step - gap, n / top * height)
            for i, (label, n) in enumerate(items)]
    return Chart(bars, width, height, top, unit, items[0][0], items[-1][0])


def category_chart(items: list[tuple[str, int]], width: int = 360, row: int = 20) -> Chart | None:
    """Counts per category as horizontal bars, largest first (the caller orders and cuts them)."""
    if not items:
        return None
    top = max(n for _, n in items) or 1
    bars = [Bar(label, n, 0, i * row, max(1.0, n / top * width), row - 4) for i, (label, n) in enumerate(items)]
    return Chart(bars, width, row * len(items), top)
