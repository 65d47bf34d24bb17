"""The interview's own help (F1 or ?): what the screen below is for, and every key that works there.

The keys come from the screen's live bindings (what the footer would show, and the hidden ones), plus the
keys that work without a binding (tab, enter in a field, the arrows in a list), the keys that work everywhere
and the dialogs' letters: one place that is always one key away, instead of Textual's generic widget help.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, Static

EVERYWHERE = (
    ("F1, ?", "this help (? only outside a text field)"),
    ("tab, shift+tab", "next or previous field or button"),
    ("ctrl+s", "save the answers (a draft beside them while some are invalid)"),
    ("ctrl+p", "command palette: go to any screen or question (type its label or path, e.g. rpo), save, help"),
    ("ctrl+q, ctrl+c", "quit; with unsaved answers: save and quit (s), discard and quit (d), stay (n, escape)"),
)
KEY_WIDTH = 14


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """The keys the screen binds, with what they do as the footer names them, then the ones it lists itself."""
    rows: dict[str, str] = {}
    own = [cls.__dict__.get("BINDINGS", []) for cls in type(screen).__mro__ if cls.__module__.startswith("advisor.")]
    for binding in (item for bindings in own for item in bindings if isinstance(item, Binding)):
        if binding.description:
            shown = binding.key_display or binding.key  # in words (ctrl+n), where the footer has room only for ^n
            rows[shown] = f"{rows[shown]}; {binding.description}" if shown in rows else binding.description
    extra: tuple[tuple[str, str], ...] = getattr(screen, "HELP_KEYS", ())
    return [*rows.items(), *extra]


def help_text(screen: Screen) -> Group:
    """What the screen is for, then its keys, the keys that work everywhere and the dialogs' letters; the key
    column keeps its width and each description wraps under itself."""
    from advisor.tui.screens.dialogs import KEYS

    parts: list[RenderableType] = []
    about = getattr(screen, "HELP_ABOUT", "")
    if about:
        parts.append(Text(" ".join(about.split()) + "\n"))
    for title, rows in (
        ("Keys here", key_rows(screen)),
        ("Everywhere", list(EVERYWHERE)),
        ("In a dialog (each button names its key)", list(KEYS.items())),
    ):
        parts.append(Text(title, style="bold underline"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold", min_width=KEY_WIDTH)
        table.add_column(overflow="fold")
        for key, what in rows:
            table.add_row(key, what)
        parts += [table, Text()]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Help for the screen it was opened over; escape, F1, ? or q close it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", priority=True),
        Binding("f1,question_mark,q", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, over: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = f"Help: {getattr(over, 'HELP_TITLE', 'advisor interview')}"
        self.text = help_text(over)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(self.text, id="help-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#help-body"))

    def action_close(self) -> None:
        self.dismiss(None)
