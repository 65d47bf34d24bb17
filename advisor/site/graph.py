"""The supersession graph as inline SVG, laid out at build time: each linked group a band, oldest on the left.

Nodes are links to record pages with their id and status as text, so the graph needs no script and reads
without colour. Other links between records drawn in the graph (amends, any adr-tools kind) are dashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from advisor.site.model import RecordPage, SiteModel, forward
from advisor.site.urls import page as page_url

NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 180, 44, 60, 18, 10


@dataclass
class Placed:
    page: RecordPage
    x: int
    y: int


def graph_svg(model: SiteModel) -> str:
    placed: dict[str, Placed] = {}
    top = PAD
    for columns in model.chains():
        height = max(len(column) for column in columns)
        for depth, column in enumerate(columns):
            for row, page in enumerate(column):
                placed[page.page] = Placed(page, PAD + depth * (NODE_W + GAP_X), top + row * (NODE_H + GAP_Y))
        top += height * (NODE_H + GAP_Y) + GAP_Y
    if not placed:
        return ""
    width = max(p.x for p in placed.values()) + NODE_W + PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width}" height="{top}" '
        f'viewBox="0 0 {width} {top}" role="img" aria-labelledby="graph-title">',
        '<title id="graph-title">Supersession chains: older records on the left, their successors to the right</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>',
    ]
    drawn: set[frozenset[str]] = set()  # one edge per pair: adr-tools writes a link on both records
    for source in sorted(placed.values(), key=lambda p: p.page.page):
        for relation in sorted(source.page.relations, key=lambda r: r.kind != "supersedes"):
            target = placed.get(relation.target.page) if relation.target else None
            pair = frozenset((source.page.page, target.page.page)) if target else frozenset()
            if target is None or not forward(relation.kind) or pair in drawn:
                continue
            drawn.add(pair)
            parts.append(_edge(target, source, relation.kind != "supersedes", relation.kind))
    for node in sorted(placed.values(), key=lambda p: p.page.page):
        parts.append(_node(node))
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(start: Placed, end: Placed, dashed: bool, kind: str) -> str:
    x1, y1 = start.x + NODE_W, start.y + NODE_H // 2
    x2, y2 = end.x, end.y + NODE_H // 2
    if x2 <= x1:  # same column (a link, not supersession): loop round the left side
        x1, x2 = start.x, end.x
        path = f"M {x1} {y1} C {x1 - 40} {y1} {x2 - 40} {y2} {x2} {y2}"
    else:
        middle = (x1 + x2) // 2
        path = f"M {x1} {y1} C {middle} {y1} {middle} {y2} {x2} {y2}"
    style = ' class="edge link"' if dashed else ' class="edge"'
    return f'<path d="{path}"{style} marker-end="url(#arrow)"><title>{escape(kind)}</title></path>'


def _node(node: Placed) -> str:
    record = node.page.record
    title = record.title if len(record.title) <= 26 else record.title[:25] + "…"
    status = record.status or "no status"
    return (
        f'<a href="{escape(page_url(node.page.page))}" class="node status-{escape(_css(status))}">'
        f'<rect x="{node.x}" y="{node.y}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
        f'<text x="{node.x + 8}" y="{node.y + 18}">{escape(record.id)} · {escape(status)}</text>'
        f'<text x="{node.x + 8}" y="{node.y + 36}" class="node-title">{escape(title)}</text>'
        f"<title>{escape(record.id)}: {escape(record.title)} ({escape(status)})</title></a>"
    )


def _css(status: str) -> str:
    return "".join(c for c in status.lower() if c.isalnum() or c == "-") or "none"
