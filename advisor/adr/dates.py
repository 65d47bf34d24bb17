"""Dates as logs write them: kept as written for display, read as an ISO date for sorting and for JSON.

Real logs write `2019-05-13`, `2019/05/13`, `09/04/2018`, `13.05.2019`, `13 May 2019`, `May 13, 2019`,
`2022-04-21T00:00:00Z` and `2019-05-13, updated 2023-02-05` (the first date counts). `09/04/2018` is the 9th of
April or the 4th of September: a log settles it by the dates only one reading allows (`25/04/2018` is day first),
or the config says (`date-order: day-first | month-first`). A date that still reads both ways, or not at all,
has no ISO date and `check` says what it found (ADR009).

Every pattern here has bounded repetitions only and is searched, never matched from every position with a
backtracking tail: linear in the length of the line.
"""

from __future__ import annotations

import datetime as dt
import re

ORDERS = ("day-first", "month-first")
_ISO = re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s{1,3}([A-Za-z]{3,9})\.?,?\s{1,3}(\d{4})(?!\d)")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(\d{4})(?!\d)")


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def slashed(text: str) -> tuple[int, int] | None:
    """The first two numbers of the first `a/b/yyyy` (or `a.b.yyyy`, `a-b-yyyy`) in `text`: what settles a log."""
    match = _SLASHED.search(text)
    return (int(match.group(1)), int(match.group(3))) if match else None


def settle(texts: list[str], configured: str | None = None) -> str | None:
    """`day-first`, `month-first`, or None when the log's `a/b/yyyy` dates allow both readings (or conflict)."""
    if configured in ORDERS:
        return configured
    day_first = month_first = False
    for text in texts:
        pair = slashed(text)
        if pair is None:
            continue
        day_first |= pair[0] > 12 >= pair[1]
        month_first |= pair[1] > 12 >= pair[0]
    return "day-first" if day_first and not month_first else "month-first" if month_first and not day_first else None


def iso(text: str, order: str | None = None) -> tuple[str | None, str]:
    """(ISO date, why not): the first date in `text`, read with the log's day/month `order` where it matters."""
    text = text.strip()[:200]  # a date is short; what follows (`, updated ...`) is not read
    compact = _COMPACT.match(text)
    if compact:
        found = _date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
        return (found, "") if found else (None, "no such day")
    candidates = []
    for pattern in (_ISO, _SLASHED, _DAY_MONTH, _MONTH_DAY):
        match = pattern.search(text)
        if match:
            candidates.append((match.start(), pattern, match))
    if not candidates:
        return None, "not a full date (year, month and day)"
    _, pattern, match = min(candidates, key=lambda item: item[0])
    if pattern is _ISO:
        found = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif pattern is _SLASHED:
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if first <= 12 and second <= 12 and first != second:
            if order is None:
                return None, "reads as day/month and as month/day; set `date-order` in the config"
            if order == "month-first":
                first, second = second, first
        elif second > 12:  # only month/day reads
            first, second = second, first
        found = _date(year, second, first)
    else:
        day_group, month_group = (1, 2) if pattern is _DAY_MONTH else (2, 1)
        month = _MONTHS.get(match.group(month_group).lower())
        if month is None:
            return None, "not a full date (year, month and day)"
        found = _date(int(match.group(3)), month, int(match.group(day_group)))
    return (found, "") if found else (None, "no such day")
