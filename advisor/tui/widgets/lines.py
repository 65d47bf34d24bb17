"""Rows rendered ahead of time (in a worker), drawn only where they are in view.

The ADR is several hundred rows of Markdown: laying it out as widgets took seconds on the UI thread. Here a
worker renders it once, at the width it will be shown, into strips of plain segments (bold, italic and
underline kept, colours dropped so both themes read it), and the widget draws just the rows on screen.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def render_strips(renderable: RenderableType, width: int) -> list[Strip]:
    """`renderable` as rows of `width` cells; safe to call from a thread (it touches no widget)."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    rows = console.render_lines(renderable, console.options.update(width=width), pad=False, new_lines=False)
    return [Strip([Segment(s.text, _plain(s.style)) for s in row if s.text]) for row in rows]


def text_strips(text: str) -> list[Strip]:
    """Plain text, one strip per line, never wrapped (the widget scrolls sideways)."""
    return [Strip([Segment(line)]) if line else Strip.blank(0) for line in text.expandtabs(4).splitlines()]


def _plain(style: Style | None) -> Style | None:
    """The style's emphasis without its colours: the theme gives the colours."""
    if style is None:
        return None
    return Style(bold=style.bold, italic=style.italic, underline=style.underline, strike=style.strike)


class Lines(ScrollView, can_focus=True):
    """Scrollable rows set with `show(strips)`; `rendered_for` is the width they were rendered at."""

    DEFAULT_CSS = """
    Lines {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strips: list[Strip] = []
        self.rendered_for = 0

    def show(self, strips: list[Strip], width: int = 0) -> None:
        self.strips = strips
        self.rendered_for = width
        self.virtual_size = Size(max((strip.cell_length for strip in strips), default=0), len(strips))
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    @property
    def plain(self) -> str:
        return "\n".join(strip.text for strip in self.strips)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self.strips):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        return self.strips[index].apply_style(style).crop_extend(scroll_x, scroll_x + width, style)
