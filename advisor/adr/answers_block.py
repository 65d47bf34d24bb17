"""The answers an advisor ADR was decided from, kept in its body as a collapsed, fenced YAML block.

GitHub and GitLab render `<details>` closed and the fence as highlighted YAML, so the record stays readable and the
answers stay one click away. The fence's info string (`yaml advisor-answers`) is how advisor finds the block again;
YAML block scalars are indented, so no answer can produce a line that closes the fence early.
"""

from __future__ import annotations

from typing import Any

FENCE = "```yaml advisor-answers"
SUMMARY = "Answers this decision was made from (YAML; advisor reads them back)"


def render(answers: dict[str, Any]) -> str:
    """The Markdown block for the normalised answers, ending with a newline."""
    import yaml

    body = yaml.safe_dump(answers, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"<details>\n<summary>{SUMMARY}</summary>\n\n{FENCE}\n{body}```\n\n</details>\n"


def find(lines: list[str]) -> tuple[str | None, int | None]:
    """(YAML text, 1-based line of the fence) of the block in a record's lines, or (None, None)."""
    for index, line in enumerate(lines):
        if line.rstrip() == FENCE:
            end = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip() == "```"), None)
            if end is None:
                return None, index + 1
            return "\n".join(lines[index + 1 : end]) + "\n", index + 1
    return None, None
