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

from advisor.adr.checks import Finding
from advisor.org.listing import decision_keys, row
from advisor.org.service import Service
from advisor.org.state import State
from advisor.site.build import SiteOptions, build_site, search_index_script
from advisor.site.facts import files_of
from advisor.site.model import page_name
from advisor.site.output import write_files
from advisor.site.templates import HERE, render_page, static_files

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class ServiceView:
    """What the site shows of one service: made (and its pages written) where the service is read."""

    service: Service
    slug: str
    findings: list[Finding] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)
    in_force: str | None = None  # the page of its record in force, from the site's root
    records: list[dict[str, Any]] = field(default_factory=list)
    evolution: dict[str, list[list[dict[str, Any]]]] = field(default_factory=dict)  # key -> chains of steps
    written: list[str] = field(default_factory=list)  # its log's pages, by their path in the site
    entries: list[dict[str, str]] = field(default_factory=list)  # its records in the search index

    @property
    def folder(self) -> str:
        return f"services/{self.slug}/"  # where its log's pages are

    @property
    def page(self) -> str:
        return f"service-{self.slug}.html"


def build_org_site(
    services: list[Service], out_dir: Path, title: str, into: Path, jobs: int = 1
) -> tuple[list[ServiceView], list[str]]:
    """Read every service and write the site into `into` (the staging folder `out_dir` is swapped for); the views
    and the files' names.

    A service is read, named and its pages written in one go, in a worker with `jobs` above one, so neither its
    log nor its pages travel between processes: only the small view comes back, for the organisation's pages."""
    from advisor.org.read import flag_duplicates
    from advisor.org.workers import map_in_workers

    views = map_in_workers(lambda item: _view(*item, out_dir, title, into), list(zip(services, _slugs(services),
                           strict=True)), jobs)  # fmt: skip
    flag_duplicates(views)
    for view in views:
        errors = sum(1 for f in view.findings if f.severity == "error")
        view.row["findings"] = {"errors": errors, "warnings": len(view.findings) - errors}
    written = [name for view in views for name in view.written]
    files: dict[str, bytes] = {}
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
    write_files(into, files)
    return views, sorted([*written, *files])


def _view(service: Service, slug: str, out_dir: Path, title: str, into: Path) -> ServiceView:
    from advisor.org.read import name_of
    from advisor.org.state import read_state

    state = read_state(service)
    name_of(state)
    view = ServiceView(service, slug, state.findings, row(state))
    if state.log is not None:
        files = _service_site(view, state, out_dir, title)
        write_files(into, files)
        view.written = list(files)
    service.lock, service.config.line_of = None, None  # read; what stays is sent back small (and picklable)
    return view


def decision_page(key: str) -> str:
    return f"decision-{_SLUG.sub('-', key.lower()).strip('-')}.html"


def _slugs(services: list[Service]) -> list[str]:
    """A folder name per service from its path under ROOT (its ROOT's name when it is ROOT), unique in order."""
    seen: dict[str, int] = {}
    out = []
    for service in services:
        base = _SLUG.sub("-", (service.rel if service.rel != "." else service.root.name).lower()).strip("-") or "root"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _service_site(view: ServiceView, state: State, out_dir: Path, title: str) -> dict[str, bytes]:
    """The service's log as `adr site` builds it, moved under its folder (returned); its search entries, named for
    the organisation's search; how each of its decisions evolved, as plain data."""
    import os

    service = state.service
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
    return {view.folder + name: data for name, data in site.files.items()}


def _split(views: list[ServiceView], key: str) -> list[tuple[str, list[ServiceView]]]:
    """(value, the services that hold it) for one decision, most common value first."""
    by_value: dict[str, list[ServiceView]] = {}
    for view in views:
        value = view.row["decisions"].get(key)
        if value is not None:
            by_value.setdefault(value, []).append(view)
    return sorted(by_value.items(), key=lambda item: (-len(item[1]), item[0]))
