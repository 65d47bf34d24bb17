"""The review's plan as a table, and the words it uses: statuses, counts and paths as the repository spells them."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

ORDER = ("conflict", "merged", "changed", "new", "unchanged")  # files edited by hand first: they need a decision


class PlanTable(DataTable):
    """The plan's rows; Home and End go to the first and last file (a table of two columns never scrolls sideways)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


def shown_path(path, base) -> str:
    """The path as the user's repository spells it: relative to the base folder, never absolute when inside it."""
    path = Path(path)
    if path.is_absolute() and path.is_relative_to(base):
        path = path.relative_to(base)
    return path.as_posix()


def status_text(entry) -> str:
    """A plan row's status as words: any status string, plus its reason when the plan gives one."""
    state, reason = entry[1], (entry[2] if len(entry) > 2 else "")
    words = "conflict (edited by hand)" if state == "conflict" else str(state)
    return f"{words}: {reason}" if reason else words


def rank(state: str) -> int:
    return ORDER.index(state) if state in ORDER else len(ORDER)  # statuses this screen does not know go last


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def fit_path(path: str, width: int) -> str:
    """The path in `width` cells: whole folders elided from the middle first, keeping the folders nearest the
    name ("…/postgres-in-cluster/kustomization.yaml", then "deploy/…/…"), then the middle of the name, never
    its end."""
    if len(path) <= width or width < 8:
        return path
    parts = path.split("/")
    for tail in range(len(parts) - 1, 0, -1):  # how many trailing parts (the name included) stay
        for head in range(len(parts) - tail - 1, -1, -1):  # and how many leading folders
            shown = "/".join([*parts[:head], "…", *parts[len(parts) - tail :]])
            if len(shown) <= width:
                return shown
    name = parts[-1]
    keep = width - 1
    head = keep // 2
    return name[:head] + "…" + name[len(name) - (keep - head) :]
