"""The highlighted row of a list carries a ▶, so it shows without colour: the open dropdown of a choice, and the
command palette's results (the plan table and the sets of boxes mark their own rows the same way).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette
from textual.strip import Strip
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

MARK = "▶"


def mark_strip(strip: Strip) -> Strip:
    """`strip` with its first cell (the row's padding) replaced by the mark, in that cell's style."""
    segments = list(strip)
    for index, segment in enumerate(segments):
        if segment.text:
            segments[index] = Segment(MARK + segment.text[1:], segment.style)
            return Strip(segments, strip.cell_length)
    return strip


def marked_line(options: OptionList, strip: Strip, y: int) -> Strip:
    """Row `y` of an option list as drawn, with the mark if it is the first row of the highlighted option."""
    try:
        index, offset = options._lines[options.scroll_offset.y + y]
    except IndexError:
        return strip
    return mark_strip(strip) if index == options.highlighted and offset == 0 else strip


# Textual matches widgets by their class names along the first base class, so each subclass keeps Textual's own
# class first (queries for SelectOverlay or CommandList still find it).
class MarkedSelectOverlay(SelectOverlay):
    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y)


class MarkedSelect(Select):
    """Textual's Select, its dropdown marking the highlighted option."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield MarkedSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)


class MarkedCommandList(CommandList):
    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y)


class MarkedCommandPalette(CommandPalette):
    """The command palette, its results marking the highlighted command."""

    def on_mount(self) -> None:
        # The palette builds its result list itself; the list is given the marking class in place, which
        # changes only how its rows are drawn.
        results = self.query_one(CommandList)
        results.__class__ = MarkedCommandList
