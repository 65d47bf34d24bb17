"""Where an organisation's rule folder lives for a service, now and once `org apply --rules` has configured it.

A service's config may only name folders inside its own repository (nothing read from a repository may lead out
of it). A proposed folder that is already inside the repository (a monorepo's `platform/rules`) is named where it
is; one from elsewhere (the platform team's checkout) is copied into the repository, under
`.advisor/rules/PARENT-NAME/`, and the config names the copy. The copy is what the service's later runs, and its
CI, decide with.
"""

from __future__ import annotations

import re
from pathlib import Path

from advisor.org.service import Service, repository_of

VENDOR = Path(".advisor") / "rules"


def home_of(service: Service, folder: Path) -> Path:
    """Where `folder` is read from in the service's repository: itself when inside, else its copy."""
    repository, resolved = repository_of(service).resolve(), folder.resolve()
    if resolved.is_relative_to(repository):
        return resolved
    return repository / VENDOR / copy_name(resolved)


def copy_name(folder: Path) -> str:
    """The copy's folder name: the source's last two names (`platform/rules` -> `platform-rules`), so two rule
    folders both called `rules` do not land in one copy."""
    parts = [part for part in folder.parts[-2:] if part not in ("/", "")]
    return "-".join(re.sub(r"[^A-Za-z0-9_.]+", "-", part).strip("-.") for part in parts) or "rules"


def proposed_folders(service: Service, configured: tuple[Path, ...], proposed: tuple[Path, ...]) -> tuple[Path, ...]:
    """The service's configured folders with the proposed ones in: a folder (or its copy) already configured is
    replaced where it stands, so the proposal's version of it counts and a rule it dropped is gone; a new one is
    added after them."""
    out = [Path(f).resolve() for f in configured]
    for folder in proposed:
        source, home = folder.resolve(), home_of(service, folder)
        places = [i for i, existing in enumerate(out) if existing in (source, home)]
        if places:
            out[places[0]] = source
            out = [f for i, f in enumerate(out) if i not in places[1:]]
        else:
            out.append(source)
    return tuple(out)
