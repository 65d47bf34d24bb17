"""The organisation config: `org:` in the `.advisor.yaml` (or `[tool.advisor]`) at a ROOT that `advisor org` walks.

```yaml
org:
  discover: true              # also find services nobody listed (default); false: the listed ones only
  services:                   # override what discovery finds, or add what it cannot
    - path: payments/ledger   # relative to this file, inside ROOT
      name: ledger
      owner: team-payments
  exclude: [sandbox, "legacy/*"]   # folders (globs, relative to ROOT) never walked
```

It is the platform team's own file, so a mistake in it is a usage error (exit 2, `FILE:LINE: field: message`),
unlike a service's files, whose problems are findings for that service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.lint.config import CheckConfig, load_config
from advisor.errors import InputError

SERVICE_KEYS = ("path", "name", "owner")
KEYS = ("discover", "services", "exclude")


@dataclass(frozen=True)
class Listed:
    path: Path  # absolute
    written: str
    name: str = ""
    owner: str = ""
    line: int | None = None


@dataclass
class OrgConfig:
    config: CheckConfig = field(default_factory=CheckConfig)
    discover: bool = True
    services: list[Listed] = field(default_factory=list)
    exclude: tuple[str, ...] = ()


def org_config(root: Path) -> OrgConfig:
    """ROOT's own config (not one above it: ROOT is where the organisation is described)."""
    from advisor.adr.lint.config import CONFIG_FILE

    candidates = [root / CONFIG_FILE, root / "pyproject.toml"]
    path = next((p for p in candidates if p.is_file() and (p.name == CONFIG_FILE or _has_table(p))), None)
    if path is None:
        return OrgConfig()
    config = load_config(path)
    if config.org is None:
        return OrgConfig(config)
    return _parse(config, root)


def _has_table(pyproject: Path) -> bool:
    return "[tool.advisor" in pyproject.read_text(encoding="utf-8", errors="replace")


def _parse(config: CheckConfig, root: Path) -> OrgConfig:
    data: dict[str, Any] = config.org

    def fail(where: tuple, message: str) -> InputError:
        return InputError([config.problem(("org", *where), message)])

    out = OrgConfig(config)
    for key, value in data.items():
        if key not in KEYS:
            raise fail((key,), f"unknown key; use {', '.join(KEYS)}")
        if key == "discover":
            if not isinstance(value, bool):
                raise fail((key,), "must be true or false")
            out.discover = value
        elif key == "exclude":
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                raise fail((key,), "must be a list of folder globs, relative to ROOT")
            out.exclude = tuple(item.strip().strip("/") for item in value)
        else:
            if not isinstance(value, list):
                raise fail((key,), "must be a list of services (path, name, owner)")
            line_of = config.line_of or (lambda where: None)
            out.services = [
                _service(item, (key, i), root, fail, line_of(("org", key, i))) for i, item in enumerate(value)
            ]
    seen: dict[Path, str] = {}
    for index, item in enumerate(out.services):
        if item.path in seen:
            raise fail(("services", index, "path"), f"{item.written!r} is listed twice")
        seen[item.path] = item.written
    return out


def _service(item: Any, where: tuple, root: Path, fail, line: int | None) -> Listed:
    if not isinstance(item, dict):
        raise fail(where, "must be a mapping with path, name and owner")
    for key, value in item.items():
        if key not in SERVICE_KEYS:
            raise fail((*where, key), f"unknown key; use {', '.join(SERVICE_KEYS)}")
        if not isinstance(value, str) or not value.strip():
            raise fail((*where, key), "must be text")
    written = item.get("path")
    if written is None:
        raise fail(where, "path is required")
    path = (root / written).resolve()
    top = root.resolve()
    if path != top and not path.is_relative_to(top):
        raise fail((*where, "path"), f"{written!r} leads outside ROOT ({root}); list folders inside it")
    return Listed(path, written, item.get("name", "").strip(), item.get("owner", "").strip(), line)
