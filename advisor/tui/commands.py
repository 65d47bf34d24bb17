"""Command palette entries (ctrl+p): jump to any section, the review, save, or switch theme."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class InterviewCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        welcome = ("Go to: Welcome", partial(app.goto_section, "welcome"), "The first screen")
        out: list[tuple[str, object, str]] = [welcome]
        for section in app.sections:
            out.append((f"Go to: {section.title}", partial(app.goto_section, section.key), section.intro))
        out += [
            ("Go to: Review and write", partial(app.goto_section, "review"), "The plan, the ADR and the diff"),
            ("Save answers", app.action_save, "Write the answers file (ctrl+s)"),
            ("Toggle light/dark theme", app.action_toggle_dark, "Switch between the light and dark theme"),
        ]
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
