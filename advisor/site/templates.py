"""The Jinja2 environment of the site and the static files shipped beside the templates.

Autoescape is on for every template: titles, statuses, dates and front matter come from files people
edit, and only the record body (already cleaned by nh3) and the graph (built with escaped text) are
marked safe. StrictUndefined turns a template typo into an error in the tests rather than a blank.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from advisor.site.urls import page as page_url

HERE = Path(__file__).resolve().parent
STATIC = ("site.css", "site.js")
# Only in a site with a diagram: Mermaid's browser build (pinned, vendored: scripts/update-mermaid.sh) and its licence
DIAGRAMS = {"diagrams.js": "diagrams.js", "mermaid.min.js": "vendor/mermaid.min.js",
            "mermaid-LICENSE.txt": "vendor/mermaid-LICENSE"}  # fmt: skip


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the package: no stat() of each template for each of 20,000 pages
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css"] = css_class
    env.filters["url"] = page_url  # every href of the site's own pages comes from the one URL builder
    return env


@lru_cache(maxsize=256)
def css_class(value: object) -> str:
    """A status as a class name (`status-on-hold`): letters, digits and dashes; a log uses a handful of statuses."""
    return "".join(c for c in str(value).lower() if c.isalnum() or c == "-") or "none"


def render_page(template: str, **context: Any) -> bytes:
    return environment().get_template(template).render(**context).encode("utf-8")


def static_files(diagrams: bool = False) -> dict[str, bytes]:
    files = {name: (HERE / "static" / name).read_bytes() for name in STATIC}
    if diagrams:
        files.update({name: (HERE / "static" / source).read_bytes() for name, source in DIAGRAMS.items()})
    return files
