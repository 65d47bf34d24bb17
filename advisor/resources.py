"""Where the bundled data lives, in a source checkout and in an installed wheel alike.

The wheel carries `rules/` and `adr_templates/` inside the package (see pyproject's force-include);
a source checkout or editable install keeps them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_rules_dir() -> Path:
    return _data_dir("rules")


def bundled_templates_dir() -> Path:
    return _data_dir("adr_templates")
