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
from advisor.site.facts import files_of
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
    evolution: dict[str, list[list[dict[str, Any]]]] = field(default_factory=dict)  # key -> chains of steps
    files: dict[str, bytes] = field(default_factory=dict)  # its log's pages, by their path in the site
    entries: list[dict[str, str]] = field(default_factory=list)  # its records in the search index


def build_org_site(states: list[State], out_dir: Path, title: str, jobs: int = 1) -> dict[str, bytes]:
    from advisor.org.workers import map_in_workers

    def view_of(item: tuple[State, str]) -> ServiceView:
        state, slug = item
        view = ServiceView(state, slug, row(state), f"services/{slug}/", f"service-{slug}.html")
        if state.log is not None:
            _service_site(view, out_dir, title)
        if jobs > 1:
            state.service.config.line_of = None  # not picklable, and not needed once read
        return view

    views = map_in_workers(view_of, list(zip(states, _slugs(states), strict=True)), jobs)
    files: dict[str, bytes] = {}
    for view in views:
        files.update(view.files)
        view.files = {}
    entries = [entry for view in views for entry in view.entries]
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
        evolution = [(view, view.evolution[key]) for view in views if view.evolution.get(key)]
        files[name] = render_page("org_decision.html.j2", page=name, key=key, split=splits[key],
                                  evolution=evolution, **common)  # fmt: skip
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


def _service_site(view: ServiceView, out_dir: Path, title: str) -> None:
    """The service's log as `adr site` builds it, moved under its folder; its search entries, named for the
    organisation's search; how each of its decisions evolved, as plain data."""
    import os

    state, service = view.state, view.state.service
    skeleton = service.out_dir or service.base / "deploy"
    relative = os.path.relpath(skeleton, service.base)
    options = SiteOptions(
        out_dir / view.folder,
        f"{service.name}: architecture decisions",
        None,
        service.base,
        state.rules_dirs if state.rules_ok else (),
        (title, "../../index.html"),
        relative,
        files_of(service.lock, relative) if service.lock is not None else None,
    )
    assert state.log is not None
    site = build_site(state.log, options)
    view.files = {view.folder + name: data for name, data in site.files.items()}
    if state.record is not None:
        view.in_force = view.folder + page_name(state.record)
    view.records = [
        {"page": view.folder + p.page, "id": p.record.id, "title": p.record.title or p.record.file,
         "status": p.record.status or "none", "date": p.record.date}
        for p in (site.model.pages if site.model else [])
    ]  # fmt: skip
    for history in site.histories:
        view.evolution[history.key] = [
            [{"value": step.value, "href": view.folder + step.page.page, "id": step.page.record.id,
              "date": step.page.record.date} for step in chain if step.value]
            for chain in history.chains
        ]  # fmt: skip
    view.entries = [{**e, "p": view.folder + e["p"], "i": f"{service.name} {e['i']}"} for e in site.index]


def _split(views: list[ServiceView], key: str) -> list[tuple[str, list[ServiceView]]]:
    """(value, the services that hold it) for one decision, most common value first."""
    by_value: dict[str, list[ServiceView]] = {}
    for view in views:
        value = view.row["decisions"].get(key)
        if value is not None:
            by_value.setdefault(value, []).append(view)
    return sorted(by_value.items(), key=lambda item: (-len(item[1]), item[0]))
