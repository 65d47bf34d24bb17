"""The last screen: what was written where, and what to do next.

The command that writes the same files again is shown so it can be copied whole: it breaks only between
arguments (an option stays with its value), each broken line ends in ` \\` so a copied block still runs in a
shell, `c` copies it to the clipboard, and it is printed again when the interview closes.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from advisor.tui.widgets.hanging import HangingText
from advisor.tui.widgets.plan_table import count
from advisor.tui.widgets.titlebar import TitleBar
from advisor.writer import Report

INDENT = "  "


@dataclass
class Done:
    """What the last write did: a summary, the command that reproduces it, and the files."""

    summary: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)  # argv of `advisor decide …`
    files: list[str] = field(default_factory=list)

    @property
    def command_line(self) -> str:
        return shlex.join(self.command)

    def text(self) -> str:
        """All of it as plain lines (the command on one line)."""
        lines = [*self.summary, "", "Next steps:", f"{INDENT}{self.command_line}", *AFTER_COMMAND, "", "Files:"]
        return "\n".join([*lines, *self.files])


AFTER_COMMAND = (
    "    reproduces exactly these files (commit the answers with them);",
    "  advisor explain --answers ANSWERS --what-if",
    "    shows the reasoning and what would change it;",
    "  review the ADR with the team, then commit it with the skeleton.",
)


def reproduce(save_path: Path, out_dir: Path, date: str, adr_dir: Path | None = None) -> list[str]:
    command = ["advisor", "decide", "--answers", str(save_path), "--out", str(out_dir)]
    if adr_dir:
        command += ["--adr-dir", str(adr_dir)]
    return [*command, "--date", date]


def shell_lines(argv: list[str], width: int) -> list[str]:
    """`argv` as shell lines of at most `width` cells where it can: broken only before an option (which keeps
    its value), each line but the last ending in ` \\`, the next indented by two."""
    words: list[str] = []
    for word in map(shlex.quote, argv):
        if words and not word.startswith("-") and words[-1].startswith("--") and " " not in words[-1]:
            words[-1] += f" {word}"  # "--out deploy" is one unit
        else:
            words.append(word)
    lines: list[str] = []
    line = ""
    for word in words:
        room = width - 2 - (len(INDENT) if lines else 0)  # " \\" at the end
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [(INDENT if i else "") + text + (" \\" if i < len(lines) - 1 else "") for i, text in enumerate(lines)]


def done_report(
    saved: Report, report: Report, save_path: Path, out_dir: Path, date: str, adr_dir: Path | None = None
) -> Done:
    summary = [f"Answers saved to {save_path}" + (" (unchanged)" if saved.unchanged else "")]
    parts = [f"Wrote {count(len(report.written), 'file')}", f"{len(report.unchanged)} already up to date"]
    if report.conflicts:
        parts.append(f"{len(report.conflicts)} edited by hand kept (the new version beside each as FILE.new)")
    summary.append("; ".join(parts) + ".")
    files = report.lines() or ["  nothing to write: every file already holds these bytes."]
    return Done(summary, reproduce(save_path, out_dir, date, adr_dir), files)


def done_text(
    saved: Report, report: Report, save_path: Path, out_dir: Path, date: str, adr_dir: Path | None = None
) -> str:
    return done_report(saved, report, save_path, out_dir, date, adr_dir).text()


class DoneScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", priority=True),
        Binding("c", "copy_command", "Copy command", priority=True),
        Binding("escape", "back", "Review", priority=True),
    ]
    HELP_TITLE = "Done"
    HELP_ABOUT = (
        "What was written where, and the command that writes the same files again from the saved answers: c "
        "copies it (where the terminal allows), and it is printed again when the interview closes."
    )

    def __init__(self, done: Done) -> None:
        super().__init__(name="done")
        self.done = done

    def compose(self) -> ComposeResult:
        done = self.done
        yield TitleBar("Done")
        with VerticalScroll(id="done"):
            yield Static("Written", classes="section-title")
            yield Static(HangingText(Text("\n".join(done.summary))), id="done-summary")
            yield Static("\nNext steps:", markup=False)
            yield Static("", id="done-command", markup=False, classes="nowrap")
            explain = [line.replace("ANSWERS", str(done.command[3])) for line in AFTER_COMMAND]
            yield Static(HangingText(Text("\n".join(explain))), id="done-next")
            yield Static("\nFiles:", markup=False)
            yield Static(HangingText(Text("\n".join(done.files))), id="done-files")
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self) -> None:
        width = self.query_one("#done", VerticalScroll).scrollable_content_region.width
        lines = shell_lines(self.done.command, max(width - len(INDENT), 20))
        self.query_one("#done-command", Static).update("\n".join(INDENT + line for line in lines))

    def action_copy_command(self) -> None:
        self.app.copy_to_clipboard(self.done.command_line)
        self.notify("The command is on the clipboard (where the terminal allows it); it is also printed on exit.")

    def action_back(self) -> None:
        self.app.goto_section("review")
