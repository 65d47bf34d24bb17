"""The review's plan as a table, and the words it uses: statuses, counts and paths as the repository spells them.

A row is the status and the path; the path keeps its file name and the folders nearest it when the terminal is
narrow, and the reason a file changes goes into the row only when it fits whole; the detail line under the
table always gives the whole path and reason of the row under the cursor. The cursor row starts with `▶`, so it
shows without colour too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

ORDER = ("conflict", "merged", "changed", "new", "unchanged")  # files edited by hand first: they need a decision
MARK = "▶"
PADDING = 2  # DataTable's cell padding: one column each side


class PlanTable(DataTable):
    """The plan's rows; Home and End go to the first and last file (a table of two columns never scrolls sideways)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.entries: list[Any] = []
        self._marked: int | None = None

    def on_mount(self) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_column("Status", key="status")
        self.add_column("File", key="file")

    def fill(self, entries: list[Any], base: Path, reasons: dict[str, str] | None = None) -> None:
        """One row per (file, status) entry; the reason in the row only where it fits whole."""
        reasons = reasons or {}
        row = self.cursor_row
        self.clear()
        self._marked = None
        self.entries = list(entries)
        words = [status_text(entry) for entry in entries]
        # The width left for the file: the mark and status columns, every column's padding and the scroll bar.
        status = max(len("Status"), *map(len, words)) if words else len("Status")
        width = self.size.width or self.app.size.width
        room = max(width - 1 - status - 3 * PADDING - self.styles.scrollbar_size_vertical, 12)
        for entry, word in zip(entries, words, strict=True):
            path = shown_path(entry[0].target, base)
            reason = reason_for(entry, reasons)
            text = f"{path}  ({reason})" if reason and len(path) + len(reason) + 4 <= room else fit_path(path, room)
            self.add_row(" ", word, text, key=str(entry[0].target))
        if entries:
            self.move_cursor(row=min(row, len(entries) - 1))
        self.mark()

    def current_entry(self) -> Any | None:
        if not self.entries or not 0 <= self.cursor_row < len(self.entries):
            return None
        return self.entries[self.cursor_row]

    def watch_cursor_coordinate(self, old: Any, new: Any) -> None:
        super().watch_cursor_coordinate(old, new)
        self.mark()

    def mark(self) -> None:
        """Move the ▶ to the cursor row."""
        if not self.row_count:
            return
        if self._marked is not None and self._marked < self.row_count:
            self.update_cell_at((self._marked, 0), " ")
        self._marked = self.cursor_row
        self.update_cell_at((self.cursor_row, 0), MARK)


def reason_for(entry: Any, reasons: dict[str, str]) -> str | None:
    """Why a changed, merged or conflicting file changes (what `decide --dry-run` prints in brackets)."""
    if entry[1] in ("new", "unchanged"):
        return None
    return reasons.get(str(entry[0].target.resolve()))


def detail_text(entry: Any, base: Path, reasons: dict[str, str]) -> str:
    """The whole path and the reason of one plan row, wrapped by the screen where it must."""
    path = shown_path(entry[0].target, base)
    reason = reason_for(entry, reasons)
    lines = [f"{status_text(entry)}: {path}"]
    if reason:
        lines.append(f"  because {reason}")
    return "\n".join(lines)


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
