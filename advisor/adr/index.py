"""The ADR index: one Markdown table of every record with its status, date and links.

Deterministic (sorted by number, no timestamps), so running `advisor adr index` twice leaves the
file byte-identical and a CI diff shows only real changes. A marker line on top tells advisor the
file is generated; an index without it is someone's own file and is never replaced: the new version, in that
file's own table layout when it has one (advisor/adr/index_layout.py), goes beside it as FILE.new.
"""

from __future__ import annotations

from advisor.adr.index_layout import cell
from advisor.adr.log import INDEX_MARKER, AdrLog

MARKER = INDEX_MARKER + "; edit the records, not this file -->"


def index_text(log: AdrLog, title: str = "Architecture Decision Records", existing: str | None = None) -> str:
    """advisor's own table, or the table of the `existing` index in that file's own layout (index_layout.py)."""
    if existing is not None:
        from advisor.adr.index_layout import find_layout, rewrite

        layout = find_layout(existing, log)
        if layout is not None:
            return rewrite(layout, log)
    lines = [MARKER, "", f"# {title}", ""]
    if not log.records:
        return "\n".join([*lines, "No records yet.", ""])
    lines += ["| Number | Title | Status | Date | Links |", "| --- | --- | --- | --- | --- |"]
    prefixed = bool(log.name_pattern().prefix)
    for record in log.sorted():
        links = []
        for link in record.links:
            targets = log.resolve(link)
            name = ", ".join(f"[{t.id}]({t.file})" for t in targets) or f"{link.target} (missing)"
            links.append(f"{link.kind[:1].upper()}{link.kind[1:]} {name}")
        number = f"{record.number:04d}" if record.number is not None else "-"
        if record.number is not None and prefixed:
            number = record.id  # the log's own id, as its file names write it: `ADR012`, `ADR-0012`
        status = record.status or "(none)"
        cells = [number, f"[{cell(record.title or record.file)}]({cell(record.file)})", cell(status)]
        cells.append(cell(record.date or "-"))
        cells.append(cell("; ".join(links)) or "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
