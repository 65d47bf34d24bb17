"""Assemble the site: every page rendered from the model, plus the search index, the stylesheet and the script.

`build_site()` returns the files as bytes keyed by their path in the site, and the broken links it met;
writing them is `advisor.site.output`'s job. Nothing here reads the clock or the environment, and every list
is sorted, so the same log gives the same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.linkcheck import LinkChecker, record_at
from advisor.adr.log import AdrLog
from advisor.site.assets import Assets
from advisor.site.facts import AdvisorFacts, Reasoner, lock_files
from advisor.site.graph import graph_svg
from advisor.site.history import histories
from advisor.site.markdown import Budget, render_body
from advisor.site.model import RecordPage, SiteModel, build_model
from advisor.site.tags import tag_pages, tags_of
from advisor.site.templates import render_page, static_files
from advisor.site.urls import MISSING, Links
from advisor.site.urls import page as page_url

_BAD_KEY = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class SiteOptions:
    out_dir: Path
    title: str = "Architecture decisions"
    base_url: str | None = None  # absolute URL the site is published at (for canonical links)
    root: Path = Path(".")  # the repository root: generated files and the skeleton's lock are read from here
    rules_dirs: tuple[Path, ...] = ()
    up: tuple[str, str] | None = None  # (label, href) of the page above this site: `advisor org site`'s home
    skeleton: str = "deploy"  # the skeleton folder under `root`, whose lock lists the generated files
    locked: dict[str, list[str]] | None = None  # the lock's files by ADR id, when the caller has read the lock


@dataclass
class Site:
    files: dict[str, bytes] = field(default_factory=dict)
    broken: list[tuple[str, int | None, str]] = field(default_factory=list)  # (record file, line, what)
    model: SiteModel | None = None  # what the pages were made from, for a site that gathers several logs
    facts: dict[str, AdvisorFacts] = field(default_factory=dict)
    histories: list[Any] = field(default_factory=list)
    index: list[dict[str, str]] = field(default_factory=list)  # the search index's entries


def build_site(log: AdrLog, options: SiteOptions) -> Site:
    model = build_model(log)
    site = Site()
    common = {"site_title": options.title, "base_url": options.base_url, "up": options.up}
    facts = _facts(model)
    keys = sorted({key for f in facts.values() for key in f.choices})
    decision_pages = {key: f"decision-{_BAD_KEY.sub('-', key.lower())}.html" for key in keys}
    links, budget = _links(log, model, options), Budget()
    reasoner = Reasoner(options.rules_dirs)
    locked = options.locked if options.locked is not None else lock_files(options.root, options.skeleton)
    index, diagrams, refused = [], False, []
    tagged = {page.page: tags_of(page.record) for page in model.pages}
    tags = tag_pages([tag for found in tagged.values() for tag in found])
    for page in model.pages:
        text = log.texts[page.record.file]
        body = render_body(_body(text), links, budget)
        refused += [
            (page.record.file, _line_of(text, href), f"{why}: {href}")
            for href, why in body.links
            if why.startswith(NOT_COPIED)
        ]
        context = _record_context(model, page, body.html)
        context["diagrams"] = body.diagrams > 0
        context["tags"] = [(tag, tags[tag]) for tag in tagged[page.page]]
        diagrams |= body.diagrams > 0
        if page.page in facts:
            written = locked.get(page.record.id, [])
            context["advisor"] = _advisor_context(facts[page.page], reasoner, links, written, decision_pages)
        site.files[page.page] = render_page("record.html.j2", page=page.page, **common, **context)
        index.append(_index_entry(page, body.text))
    # what `--check-links` reports is what `advisor check` reports: one checker (advisor/adr/linkcheck.py)
    site.broken = [(Path(p.file).name, p.line, p.message) for p in LinkChecker(log, options.root).check()]
    site.broken += refused  # files a body names that exist but are not published (advisor/site/assets.py)
    for broken in model.unreadable:
        site.files[broken.page] = render_page("unreadable.html.j2", page=broken.page, item=broken, **common)
    rows = [{**_row(model, p), "tags": [(t, tags[t]) for t in tagged[p.page]]} for p in model.pages]
    statuses = sorted({r["status"] for r in rows})
    site.files["index.html"] = render_page(
        "index.html.j2", page="index.html", rows=rows, statuses=statuses, unreadable=model.unreadable,
        tags=sorted(tags.items(), key=lambda item: item[1]), **common,
    )  # fmt: skip
    for tag, name in tags.items():
        chosen = [row for row in rows if (tag, name) in row["tags"]]
        site.files[name] = render_page("tag.html.j2", page=name, tag=tag, rows=chosen, **common)
    site.files["timeline.html"] = render_page("timeline.html.j2", page="timeline.html", years=_timeline(rows), **common)
    site.files["graph.html"] = render_page("graph.html.j2", page="graph.html", svg=graph_svg(model), **common)
    history = histories(model, facts)
    site.files["decisions.html"] = render_page(
        "decisions.html.j2", page="decisions.html", histories=history, pages=decision_pages, **common
    )
    for item in history:
        name = decision_pages[item.key]
        site.files[name] = render_page("decision.html.j2", page=name, history=item, **common)
    site.files["search-index.js"] = search_index_script(index)
    site.files.update(static_files(diagrams))
    site.files.update(links.assets.files if links.assets else {})
    site.model, site.facts, site.histories, site.index = model, facts, history, index
    return site


def _links(log: AdrLog, model: SiteModel, options: SiteOptions) -> Links:
    """The URL builder for this build: links may reach the repository (the ADR folder itself when it lies
    elsewhere), and are written relative to the site folder."""
    from advisor.confine import normal

    repository, folder = normal(options.root), normal(log.folder)
    if folder != repository and repository not in folder.parents:
        repository = folder

    def record_file(href: str) -> str | None:  # a site address (`/adr/23`) of a record of this log
        found = record_at(log, href)
        return found.file if found else None

    pages = {p.record.file: p.page for p in model.pages}
    return Links(repository, folder, normal(options.out_dir), pages, record_file, Assets())


def _file_link(links: Links, path: str) -> tuple[str | None, str | None]:
    """(URL, None) for a file a record or the lock lists, or (None, the note shown instead of a link)."""
    url, why = links.file(path)
    return (url, None) if url else (None, "not found" if why == MISSING else f"not linked: it {why}")


def search_index_script(entries: list[dict[str, str]]) -> bytes:
    """The index as a JSON literal in a script file: loads from `file://`, where fetch() is refused.

    Record text never becomes script source: json.dumps quotes it, and `<`, `>`, `&` (and every non-ASCII
    character, U+2028 included) are escaped, so not even `</script>` survives as such.
    """
    data = json.dumps(entries, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.adrSearchIndex = {data};\n".encode()


def _facts(model: SiteModel) -> dict[str, AdvisorFacts]:
    from advisor.site.facts import advisor_facts

    out = {}
    for page in model.pages:
        found = advisor_facts(page.record)
        if found is not None:
            out[page.page] = found
    return out


def _body(text: str) -> str:
    """The text after the front matter: the front matter is shown as a box of its own."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            return "".join(lines[end + 1 :])
    return text


def _front_matter(record) -> list[tuple[str, str]]:
    """Top-level `key: value` pairs of the front matter, the advisor block left out (it has a section)."""
    if not record.front_matter:
        return []
    pairs, current = [], None
    for line in record.front_matter.splitlines():
        match = re.match(r"^([A-Za-z][\w-]*):[ \t]*(.*)$", line)
        if match:
            current = match.group(1)
            if current != "advisor":  # a `|` or `>` block's indicator is not its value: its lines follow
                value = match.group(2).strip()
                pairs.append((current, "" if re.fullmatch(r"[|>][-+0-9]*", value) else value))
        elif current != "advisor" and pairs and line.strip():
            pairs[-1] = (pairs[-1][0], (pairs[-1][1] + " " + line.strip()).strip())
    return pairs


def _record_context(model: SiteModel, page: RecordPage, body_html: str) -> dict[str, Any]:
    record = page.record
    in_force = model.in_force(page) if (record.status == "superseded" or page.superseded_by) else []
    return {
        "record": record,
        "status": record.status or ("unknown" if record.status_text.strip() else "none"),  # raw text beside it
        "relations": page.relations,
        "in_force": in_force,
        "superseded": record.status == "superseded" or bool(page.superseded_by),
        "front_matter": _front_matter(record),
        "body": body_html,
        "problems": record.problems,
    }


def _advisor_context(
    facts: AdvisorFacts, reasoner: Reasoner, links: Links, locked: list[str], pages: dict[str, str]
) -> dict[str, Any]:
    reasoning = reasoner.reasoning(facts)
    paths = sorted(set(facts.generated) | set(locked))
    # (path, URL or None, why not linked): a file that is not there (the site built away from the repository root,
    # or deleted) gets no dead link, and one outside the repository is not even looked for
    generated = [(path, *_file_link(links, path)) for path in paths]
    answers = reasoner.answers_yaml(facts)
    return {"facts": facts, "reasoning": reasoning, "answers_yaml": answers, "generated": generated, "pages": pages}


def _index_entry(page: RecordPage, text: str) -> dict[str, str]:
    record = page.record
    words = sorted({w for w in re.findall(r"\w{2,}", text.lower())})
    return {"p": page_url(page.page), "i": record.id, "t": record.title, "s": record.status or "none", "d": record.date,
            "x": " ".join(words)}  # fmt: skip


def _row(model: SiteModel, page: RecordPage) -> dict[str, Any]:
    r = page.record
    return {"page": page.page, "id": r.id, "title": r.title or r.file, "status": r.status or "none", "date": r.date,
            "sort_date": r.date_iso, "number": r.number,
            "in_force": model.in_force(page) if page.superseded_by else []}  # fmt: skip


def _timeline(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Rows by date, newest year first; records without a readable date last."""
    years: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        year = row["sort_date"][:4] or "undated"  # the ISO reading (advisor/adr/dates.py); shown as written
        years.setdefault(year, []).append(row)
    order = sorted((y for y in years if y != "undated"), reverse=True) + (["undated"] if "undated" in years else [])
    return [(y, sorted(years[y], key=lambda r: (r["sort_date"], r["id"]), reverse=True)) for y in order]


NOT_COPIED = "link not copied"


def _line_of(text: str, href: str) -> int | None:
    """The first line that names `href`, for `--check-links` (a refused file is found by the renderer, not the
    link checker, which reads no file's contents)."""
    at = text.find(href)
    return text.count("\n", 0, at) + 1 if at >= 0 else None
