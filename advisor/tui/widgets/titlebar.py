"""The one-row title at the top of every screen: the app, then where you are ("2/6 Team").

Textual's Header carries a clock and an icon and can fail when a screen is left the moment it appears (its
title callback outlives it); this is a plain row, cut with an ellipsis when the terminal is narrow.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 100%;
        background: $panel;
        color: $foreground;
        text-style: bold;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, where: str) -> None:
        super().__init__(f"advisor interview — {where}", markup=False, id="title-bar")
