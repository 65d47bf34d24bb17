"""Command palette entries (ctrl+p): every screen, every question by its label or answer path, and the app's actions.

Typing "rpo" finds "RPO (minutes) · data.rpo_minutes"; "help" finds the help; "save", "write", "quit" their
actions. A question not asked with the current answers (frameworks while the data is not regulated) says so.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from advisor.tui.questions import SECTIONS


class InterviewCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        out: list[tuple[str, object, str]] = [
            ("Help: keys and what this screen is for", app.action_help, "F1 or ? (outside a text field)"),
            ("Go to: Welcome", partial(app.goto_section, "welcome"), "The first screen: folders, answers, date"),
        ]
        for section in SECTIONS:
            out.append((f"Go to: {section.title}", partial(app.goto_section, section.key), section.intro))
        out += [
            ("Go to: Review and write", partial(app.goto_section, "review"), "The plan, the decision, the ADR, a diff"),
            ("Save answers", app.action_save, "Write the answers file (ctrl+s)"),
            ("Write the files", app.action_write, "On the review: write the ADR, the skeleton and the answers (w)"),
            ("Quit", app.action_quit, "Asks first when answers are not saved (ctrl+q)"),
            ("Toggle light/dark theme", app.action_toggle_dark, "Switch between the light and dark theme"),
        ]
        for section in SECTIONS:
            for question in section.questions:
                where = section.title if app.state.asked(question) else f"{section.title}; not asked now"
                name = f"Question: {question.label} · {question.path}"
                out.append((name, partial(app.goto_question, question.path), f"{where}. {question.help}"))
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            if not name.startswith("Question: "):  # the list before typing: actions and screens
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
