"""What `org apply` says: per service what changed, or why it was skipped, and the command to run next."""

from __future__ import annotations

import textwrap

from advisor.org.apply import Outcome, Request
from advisor.org.impact import Impact
from advisor.org.listing import WIDTH, plain


def report(outcomes: list[Outcome], impacts: list[Impact], request: Request) -> tuple[str, bool]:
    """(the text, whether a service that needed the change did not get it)."""
    lines: list[str] = []
    done = [o for o in outcomes if o.skipped is None]
    for outcome in outcomes:
        service = outcome.service
        who = service.name if service.rel in (service.name, ".") else f"{service.name} ({service.rel})"
        if outcome.skipped:
            lines += _wrap(f"skipped {who}: {outcome.skipped}", 0)
            continue
        verb = "would re-decide" if request.dry_run else "re-decided"
        lines.append(plain(f"{who}: {verb} under {request.label}"))
        for line in outcome.lines:
            lines += _wrap(line, 2)
        if outcome.commit:
            lines += _wrap(f"committed {outcome.commit} on branch {request.branch}", 2)
        if outcome.next:
            lines.append(f"  next: {plain(outcome.next)}")  # never wrapped: it is copied into a shell
    touched = {id(o.impact) for o in outcomes}
    unchanged = sum(1 for item in impacts if not item.skipped and not item.changed and id(item) not in touched)
    if not outcomes:
        lines.append(f"nothing to apply: no service's decision changes under {request.label}")
    verb = "would apply" if request.dry_run else "applied"
    lines.append(
        f"{verb} to {len(done)} of {len(outcomes)} service(s); {unchanged} unchanged"
        + (", nothing pushed" if request.branch and not request.dry_run else "")
    )
    return "\n".join(lines) + "\n", len(done) < len(outcomes)


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(plain(text), WIDTH, initial_indent=pad, subsequent_indent=pad + "  ", break_on_hyphens=False,
                         break_long_words=False)  # fmt: skip
