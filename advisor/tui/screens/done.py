"""The last screen: what was written where, and what to do next."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from advisor.writer import Report


def done_text(
    saved: Report, report: Report, save_path: Path, out_dir: Path, date: str, adr_dir: Path | None = None
) -> str:
    lines = [f"Answers saved to {save_path}" + (" (unchanged)" if saved.unchanged else "")]
    lines.append(
        f"Wrote {len(report.written)} files; {len(report.unchanged)} already up to date; "
        f"{len(report.conflicts)} edited by hand kept (new version beside them as FILE.new)."
    )
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
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "back", "Back to review"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__(name="done")
        self.sub_title = "Done"
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="done"):
            yield Static("Written", classes="section-title")
            yield Static(self.text, id="done-text", markup=False)
        yield Footer()

    def action_back(self) -> None:
        self.app.goto(len(self.app.sections) + 1)
