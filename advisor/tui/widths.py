"""The widths at which the interview's layout changes, apart from the app so a screen can read them.

The app hands them to Textual (which sets the -narrow, -normal and -wide classes); the welcome screen's text says
where the recommendation is at the current width, and that must follow the same thresholds without importing
the app that shows the screen.
"""

from __future__ import annotations

# Below 70 columns the panel moves behind a key so the questions keep their width; from 110 it widens.
HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (70, "-normal"), (110, "-wide")]
