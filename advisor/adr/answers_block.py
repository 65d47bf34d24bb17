"""The answers an advisor ADR was decided from, kept in its body as a collapsed, fenced YAML block.

GitHub and GitLab render `<details>` closed and the fence as highlighted YAML, so the record stays readable and the
answers stay one click away. The fence's info string (`yaml advisor-answers`) is how advisor finds the block again.
Each section is one flow-style line (`team: {size: 12, platform_engineers: 2, ...}`), so the whole answers file
costs about fifteen lines of the record; a flow line always starts with its key and keeps line breaks in a text as
`\n` escapes, so no answer can produce a line that closes the fence early.
"""

from __future__ import annotations

from typing import Any

FENCE = "```yaml advisor-answers"
SUMMARY = "The answers {project}'s decision was made from (YAML; advisor reads them back)"


def render(answers: dict[str, Any]) -> str:
    """The Markdown block for the normalised answers, ending with a newline."""
    import yaml

    lines = []
    for key, value in answers.items():
        if isinstance(value, dict | list):
            flow = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1 << 30)
            lines.append(f"{key}: {flow.rstrip()}")
        else:
            lines.append(yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=1 << 30).rstrip())
    body = "\n".join(lines) + "\n"
    summary = SUMMARY.format(project=(answers.get("project") or {}).get("name", "the service"))
    return f"<details>\n<summary>{summary}</summary>\n\n{FENCE}\n{body}```\n\n</details>\n"


def find(lines: list[str]) -> tuple[str | None, int | None]:
    """(YAML text, 1-based line of the fence) of the block in a record's lines, or (None, None)."""
    for index, line in enumerate(lines):
        if line.rstrip() == FENCE:
            end = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip() == "```"), None)
            if end is None:
                return None, index + 1
            return "\n".join(lines[index + 1 : end]) + "\n", index + 1
    return None, None
