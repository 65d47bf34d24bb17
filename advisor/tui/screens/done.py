"""The last screen: what was written where, and what to do next."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from advisor.tui.widgets.plan_table import count
from advisor.tui.widgets.titlebar import TitleBar
from advisor.writer import Report

CONTINUATION = "    "


def wrap_on_slashes(text: str, width: int) -> str:
    """Wrap long lines between words or after a `/`, so a path breaks between its folders, never mid-name."""
    out: list[str] = []
    for line in text.splitlines():
        while len(line) > width > 20:
            cut = max(line.rfind(" ", 0, width), line.rfind("/", 0, width - 1) + 1)
            if cut <= len(CONTINUATION):
                break  # one name longer than the line: let it run past rather than cut it
            out.append(line[:cut].rstrip())
            line = CONTINUATION + line[cut:].lstrip()
        out.append(line)
    return "\n".join(out)


def done_text(
    saved: Report, report: Report, save_path: Path, out_dir: Path, date: str, adr_dir: Path | None = None
) -> str:
    lines = [f"Answers saved to {save_path}" + (" (unchanged)" if saved.unchanged else "")]
    parts = [f"Wrote {count(len(report.written), 'file')}", f"{len(report.unchanged)} already up to date"]
    if report.conflicts:
        parts.append(f"{len(report.conflicts)} edited by hand kept (the new version beside each as FILE.new)")
    lines.append("; ".join(parts) + ".")
    lines += [
        "",
        "Next steps:",
        f"  advisor decide --answers {save_path} --out {out_dir}" + (f" --adr-dir {adr_dir}" if adr_dir else ""),
        f"      --date {date}",
        "      reproduces exactly these files (commit the answers with them);",
        f"  advisor explain --answers {save_path} --what-if",
        "      shows the reasoning and what would change it;",
        "  review the ADR with the team, then commit it with the skeleton.",
        "",
        "Files:",
    ]
    lines += report.lines() or ["  nothing to write: every file already holds these bytes."]
    return "\n".join(lines)


class DoneScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", priority=True),
        Binding("escape", "back", "Back to review", priority=True),
    ]

    HELP_TITLE = "Done"
    HELP_ABOUT = (
        "What was written where, and the command that writes the same files again from the saved answers "
        "(printed again when the interview closes, so it can be copied whole)."
    )

    def __init__(self, text: str) -> None:
        super().__init__(name="done")
        self.text = text

    def compose(self) -> ComposeResult:
        yield TitleBar("Done")
        with VerticalScroll(id="done"):
            yield Static("Written", classes="section-title")
            yield Static(self.text, id="done-text", markup=False, classes="nowrap")
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self) -> None:
        width = self.query_one("#done", VerticalScroll).scrollable_content_region.width
        self.query_one("#done-text", Static).update(wrap_on_slashes(self.text, width))

    def action_back(self) -> None:
        self.app.goto_section("review")
