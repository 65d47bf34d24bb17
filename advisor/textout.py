"""Text for terminals and CI logs: what a repository holds is printed so that it cannot act on what shows it.

File names, titles, statuses and rule texts come from files anyone with write access could have written. Raw,
an ESC sequence retitles or clears a terminal, a newline starts a line of its own, and in a GitHub Actions log a
line that starts with `::` (or holds `##[`) is a workflow command: `::error::`, `::add-mask::`, and so on.

- `escape(field)` is for one value inside a line: every control character (newlines included), every Unicode
  line separator and bidirectional override, and `##[` are written as `\\uXXXX`, so the value stays on its line
  and reads the same in every viewer.
- `EscapingStream` wraps stdout and stderr for the whole command (advisor.cli): the same escapes for everything
  except the newlines and tabs advisor itself writes, and a `::` that would start a line. `\\uXXXX` is also a
  JSON escape, so JSON output keeps its exact data.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

# Bidirectional controls (Trojan Source) and separators that some viewers treat as line breaks.
_FORMAT = "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _table(keep: str) -> dict[int, str]:
    chars = [chr(c) for c in range(0x100) if unicodedata.category(chr(c)) == "Cc"] + list(_FORMAT)
    return {ord(c): f"\\u{ord(c):04x}" for c in chars if c not in keep}


FIELD = _table("")
STREAM = _table("\n\t")
COMMAND_V1 = "##["  # GitHub's older workflow-command syntax, recognised anywhere in a line


def escape(text: str) -> str:
    """One value, safe inside a line of text output: no control character, no line break, no `##[`."""
    return str(text).translate(FIELD).replace(COMMAND_V1, "#\\u0023[")


def one_line(text: str) -> str:
    """Prose that may span lines in its file (a rule's rationale), as one escaped line."""
    return escape(" ".join(str(text).split()))


class EscapingStream:
    """A text stream that escapes what advisor prints (see the module docstring); everything else is delegated."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._at_line_start = True

    def write(self, text: str) -> int:
        safe = text.translate(STREAM).replace(COMMAND_V1, "#\\u0023[")
        lines = safe.split("\n")
        for index, line in enumerate(lines):
            if index or self._at_line_start:
                body = line.lstrip(" \t")
                if body.startswith("::"):  # a workflow command (`::error ...::`) can only start a line
                    lines[index] = line[: len(line) - len(body)] + "\\u003a" + body[1:]
        if safe:
            self._at_line_start = safe.endswith("\n")
        self._stream.write("\n".join(lines))
        return len(text)

    def commands(self, text: str) -> None:
        """Workflow commands advisor means to write (`check --format github`, escaped there): not defused."""
        self._stream.write(text.translate(STREAM))
        self._at_line_start = not text or text.endswith("\n")

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
