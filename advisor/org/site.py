"""`advisor org site`: one offline site over every service's ADR log, built with the code of `advisor adr site`.

Each service's log becomes the site `adr site` would build for it, under `services/SLUG/` (record pages, timeline,
graph, decisions; every link between records stays inside its service). Above them: a home page with the
service x decision matrix (filters by owner, decision and value; each cell links to the record that decided it),
a page per service, a page per decision (how the organisation splits, how each service's value evolved) and one
search index over every record of every service. Same sanitising (autoescaped templates, nh3-cleaned bodies, an
escaped search index), no network, no clock: the same logs give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.org.listing import decision_keys, row
from advisor.org.state import State
from advisor.site.build import SiteOptions, build_site, search_index_script
from advisor.site.model import page_name
from advisor.site.templates import HERE, render_page, static_files

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class ServiceView:
    state: State
    slug: str
    row: dict[str, Any]
    folder: str  # "services/SLUG/": where its log's pages are
    page: str  # "service-SLUG.html"
    in_force: str | None = None  # the page of its record in force, from the site's root
    records: list[dict[str, Any]] = field(default_factory=list)
    histories: list[Any] = field(default_factory=list)


def build_org_site(states: list[State], out_dir: Path, title: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    views, entries = [], []
    for state, slug in zip(states, _slugs(states), strict=True):
        view = ServiceView(state, slug, row(state), f"services/{slug}/", f"service-{slug}.html")
        if state.log is not None:
            entries += _service_site(view, out_dir, title, files)
        views.append(view)
    rows = [view.row for view in views]
    keys = decision_keys(rows)
    common = {"site_title": title, "base_url": None, "up": None, "decision_page": decision_page}
    owners = sorted({view.row["owner"] for view in views if view.row["owner"]})
    files["index.html"] = render_page("org_index.html.j2", page="index.html", views=views, keys=keys,
                                      owners=owners, **common)  # fmt: skip
    for view in views:
        files[view.page] = render_page("org_service.html.j2", page=view.page, view=view, keys=keys, **common)
    splits = {key: _split(views, key) for key in keys}
    files["decisions.html"] = render_page("org_decisions.html.j2", page="decisions.html", splits=splits, **common)
    for key in keys:
        name = decision_page(key)
        evolution = [(view, _evolution(view, key)) for view in views]
        files[name] = render_page("org_decision.html.j2", page=name, key=key, split=splits[key],
                                  evolution=[item for item in evolution if item[1]], **common)  # fmt: skip
    files["search-index.js"] = search_index_script(sorted(entries, key=lambda e: e["p"]))
    files.update(static_files())
    files["org.js"] = (HERE / "static" / "org.js").read_bytes()
    return files


def decision_page(key: str) -> str:
    return f"decision-{_SLUG.sub('-', key.lower()).strip('-')}.html"


def _slugs(states: list[State]) -> list[str]:
    """A folder name per service from its path under ROOT (its ROOT's name when it is ROOT), unique in order."""
    seen: dict[str, int] = {}
    out = []
    for state in states:
        service = state.service
        base = _SLUG.sub("-", (service.rel if service.rel != "." else service.root.name).lower()).strip("-") or "root"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _service_site(view: ServiceView, out_dir: Path, title: str, files: dict[str, bytes]) -> list[dict[str, str]]:
    """The service's log as `adr site` builds it, moved under its folder; its search entries, named for the
    organisation's search."""
    import os

    state, service = view.state, view.state.service
    skeleton = service.out_dir or service.base / "deploy"
    options = SiteOptions(
        out_dir / view.folder,
        f"{service.name}: architecture decisions",
        None,
        service.base,
        state.rules_dirs if state.rules_ok else (),
        (title, "../../index.html"),
        os.path.relpath(skeleton, service.base),
    )
    assert state.log is not None
    site = build_site(state.log, options)
    files.update({view.folder + name: data for name, data in site.files.items()})
    if state.record is not None:
        view.in_force = view.folder + page_name(state.record)
    model = site.model
    view.records = [
        {"page": view.folder + p.page, "id": p.record.id, "title": p.record.title or p.record.file,
         "status": p.record.status or "none", "date": p.record.date}
        for p in (model.pages if model else [])
    ]  # fmt: skip
    view.histories = site.histories
    return [{**entry, "p": view.folder + entry["p"], "i": f"{service.name} {entry['i']}"} for entry in site.index]


def _split(views: list[ServiceView], key: str) -> list[tuple[str, list[ServiceView]]]:
    """(value, the services that hold it) for one decision, most common value first."""
    by_value: dict[str, list[ServiceView]] = {}
    for view in views:
        value = view.row["decisions"].get(key)
        if value is not None:
            by_value.setdefault(value, []).append(view)
    return sorted(by_value.items(), key=lambda item: (-len(item[1]), item[0]))


def _evolution(view: ServiceView, key: str) -> list[list[Any]]:
    """The service's chains of advisor records for `key` (from `adr site`'s histories), each step's page rebased."""
    for history in view.histories:
        if history.key == key:
            return [[(step, view.folder + step.page.page) for step in chain if step.value] for chain in history.chains]
    return []
