"""The site's page model: one page per record with its links both ways, and the supersession chains.

Built once from the `AdrLog`, so every template reads plain data and the link logic lives in one place.
A link written in one record shows on both pages: "supersedes" on the writer's, "superseded by" on the
target's (and any adr-tools kind, such as "Amends", as "amended by ... (reverse)"). Records from every layout
`advisor adr list` reads take part; a link to a record that is not in the log stays visible as dangling.

A pull request shapes this graph, so every walk over it is linear: what is in force and how deep a record
stands come from one pass over its strongly connected components (a loop of 5,000 records once took 40 s),
and a page names at most `SHOWN_IN_FORCE` records in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from advisor.adr.components import strongly_connected
from advisor.adr.log import AdrLog
from advisor.adr.records import Link, Record

SHOWN_IN_FORCE = 10

_PAIRS = (("supersedes", "superseded by"), ("amends", "amended by"), ("clarifies", "clarified by"),
          ("extends", "extended by"), ("depends on", "needed by"), ("relates to", "relates to"))  # fmt: skip
# Both directions of the pairs adr-tools users write, so a link written on both records shows once on each.
REVERSE = {**dict(_PAIRS), **{b: a for a, b in _PAIRS}, "supercedes": "superseded by"}


@dataclass
class Relation:
    kind: str  # as shown on this page: "supersedes", "superseded by", "amends", "amends (reverse)"
    target: RecordPage | None  # None: the link names no record in the log
    written: str  # the target as the record wrote it (shown for dangling links)
    line: int | None = None  # where the link is written, when it is written on this page's record


@dataclass
class RecordPage:
    record: Record
    page: str  # file name of the page inside the site
    relations: list[Relation] = field(default_factory=list)

    @property
    def superseded_by(self) -> list[RecordPage]:
        return [r.target for r in self.relations if r.kind == "superseded by" and r.target is not None]

    @property
    def supersedes(self) -> list[RecordPage]:
        return [r.target for r in self.relations if r.kind == "supersedes" and r.target is not None]


@dataclass
class Unreadable:
    file: str
    page: str
    why: str


@dataclass
class SiteModel:
    pages: list[RecordPage]  # in log order (number, then date-named)
    unreadable: list[Unreadable]

    def by_file(self, name: str) -> RecordPage | None:
        return next((p for p in self.pages if p.record.file == name), None)

    def in_force(self, page: RecordPage) -> list[RecordPage]:
        """The records that replace `page` at the ends of its supersession chains (in a loop with no way out: the
        records where the loop closes), by page name, at most SHOWN_IN_FORCE of them."""
        return self._in_force.get(page.page, [])

    @cached_property
    def _in_force(self) -> dict[str, list[RecordPage]]:
        by_page = {p.page: p for p in self.pages}
        successors = {p.page: sorted({t.page for t in p.superseded_by}) for p in self.pages}
        ends: dict[str, list[str]] = {}  # page -> what a chain entering it ends at (component by component)
        out: dict[str, list[str]] = {}
        for component in strongly_connected(successors):  # sinks first: what a component leads to is known
            members = set(component)
            leaving = {t for p in component for t in successors[p] if t not in members}
            looped = len(component) > 1 or component[0] in successors[component[0]]
            if leaving:
                reached = sorted({end for t in leaving for end in ends[t]})[:SHOWN_IN_FORCE]
                for p in component:
                    out[p] = reached
                    ends[p] = reached
            elif looped:  # a loop with no way out: each record is replaced by the ones that close the loop on it
                for p in component:
                    out[p] = sorted(q for q in component if p in successors[q] and q != p)[:SHOWN_IN_FORCE]
                    ends[p] = sorted(component)[:SHOWN_IN_FORCE]
            else:
                out[component[0]], ends[component[0]] = [], [component[0]]
        return {page: [by_page[name] for name in names] for page, names in out.items()}

    def chains(self) -> list[list[list[RecordPage]]]:
        """Linked records as columns: each group's records by supersession depth (oldest left), in log order.

        A group is every record reachable through any link; a record stands to the right of the records it
        supersedes or amends.
        """
        placed: set[str] = set()
        out = []
        for page in self.pages:
            if page.page in placed or not any(r.target for r in page.relations):
                continue
            component = _component(page)
            placed.update(p.page for p in component)
            depth = _depths(component)
            columns: list[list[RecordPage]] = [[] for _ in range(max(depth.values()) + 1)]
            for member in component:
                columns[depth[member.page]].append(member)
            out.append([column for column in columns if column])
        return out


def page_name(record: Record) -> str:
    return Path(record.file).stem + ".html"


def build_model(log: AdrLog) -> SiteModel:
    pages = [RecordPage(record, page_name(record)) for record in log.sorted()]
    by_path = {p.record.file: p for p in pages}
    seen: set[tuple[str, str, str]] = set()
    for page in pages:
        for link in page.record.links:
            targets = [by_path[r.file] for r in log.resolve(link) if r.file in by_path]
            kind = "supersedes" if link.kind == "supercedes" else link.kind
            if not targets:
                page.relations.append(Relation(kind, None, link.target, link.line))
            for target in targets:
                _relate(page, kind, target, link, seen)
    for page in pages:
        page.relations.sort(key=lambda r: (r.kind, r.target.page if r.target else r.written))
    unreadable = [Unreadable(Path(p.file).name, Path(p.file).stem + ".html", p.message) for p in log.unreadable]
    return SiteModel(pages, sorted(unreadable, key=lambda u: u.file))


def _relate(page: RecordPage, kind: str, target: RecordPage, link: Link, seen: set[tuple[str, str, str]]) -> None:
    """Add the link on both pages once: records written by adr-tools state both directions already."""
    reverse = REVERSE.get(kind, f"{kind} (reverse)")
    if (page.page, kind, target.page) not in seen:
        seen.add((page.page, kind, target.page))
        page.relations.append(Relation(kind, target, link.target, link.line))
    if (target.page, reverse, page.page) not in seen and target is not page:
        seen.add((target.page, reverse, page.page))
        target.relations.append(Relation(reverse, page, page.record.id))


def _component(start: RecordPage) -> list[RecordPage]:
    seen, stack = {start.page: start}, [start]
    while stack:
        current = stack.pop()
        for other in (r.target for r in current.relations if r.target is not None):
            if other.page not in seen:
                seen[other.page] = other
                stack.append(other)
    return sorted(seen.values(), key=lambda p: p.page)


def forward(kind: str) -> bool:
    """A link as its author wrote it ("supersedes", "amends"), not its mirror ("superseded by", "... (reverse)")."""
    return not kind.endswith((" by", "(reverse)")) and REVERSE.get(kind) != kind


def _depths(component: list[RecordPage]) -> dict[str, int]:
    """Longest path along forward links (a record stands right of what it supersedes or amends); the records of a
    loop share a column. One pass over the loops of the group, oldest first."""
    names = {p.page for p in component}
    older = {p.page: {r.target.page for r in p.relations if r.target is not None and forward(r.kind)} & names
             for p in component}  # fmt: skip
    depth: dict[str, int] = {}
    for loop in strongly_connected(older):  # what a record supersedes comes before it
        members = set(loop)
        column = max((depth[o] + 1 for p in loop for o in older[p] if o not in members), default=0)
        for p in loop:
            depth[p] = column
    return depth
