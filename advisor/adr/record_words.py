"""The sections of advisor's record around the decisions: drivers, confirmation, obligations, facts, links.

Kept apart from render.py so each list has one place that says where its words come from: the drivers from the
rules that decided (rules/drivers.yaml), the checks and obligations from the skeleton's claims
(advisor/adr/confirmation.py), outside facts from rules/facts.yaml with their source and date.
"""

from __future__ import annotations

import functools
import posixpath
from typing import Any

from advisor.adr import confirmation
from advisor.adr.weigh import Weighed, driver_line, only_a_choice, quote
from advisor.decision import Decision
from advisor.ruleset import Ruleset


def sections(decision: Decision, ruleset: Ruleset, weighed: list[Weighed], adr: Any) -> dict[str, Any]:
    claims = adr.claims
    cite = functools.partial(quote, ruleset=ruleset)  # the confirmation cites the spec through its own words
    checklist = confirmation.checklist(decision, claims, cite) if claims is not None else []
    obligations = confirmation.obligations(decision, claims) if claims is not None else list(decision.obligations)
    return {
        "drivers": drivers(decision, ruleset, weighed),
        "open": [w for w in weighed if w.kind == "weighed"],
        "settled": [w for w in weighed if w.kind != "weighed"],
        "deferred": [
            confirmation.deferred_line(decision, w.key, w.defers, w.verdict, ruleset) for w in weighed if w.defers
        ],
        "checklist": checklist,
        "obligations": obligations,
        "assumptions": confirmation.assumptions(decision),
        "facts": outside_facts(decision, ruleset),
        "what_if": [f"{w.title}: {w.verdict}" for w in weighed],
        "links": links(adr),
        "compose": decision.choices.get("runtime") == "docker-compose",
    }


def drivers(decision: Decision, ruleset: Ruleset, weighed: list[Weighed]) -> list[str]:
    """Every driver a decision below names (as a reason or a compared row), once, in the order first named."""
    facts = {**decision.answers.facts(), **{f"decision.{k}": v for k, v in decision.choices.items()}}
    seen: dict[str, None] = {}
    for w in weighed:
        seen.update(dict.fromkeys([*w.drivers, *w.row_drivers]))
    return [driver_line(d, ruleset, facts) for d in seen if not only_a_choice(d, ruleset)]


def outside_facts(decision: Decision, ruleset: Ruleset) -> list[str]:
    """The outside facts the rules that decided or added something rely on, with source and the date it was read.

    A rule outranked by another said nothing in this record, so the facts it relies on are not this record's."""
    winners = {entry.rule for entry in decision.trace}
    ids: dict[str, None] = {}
    for rule in ruleset.rules:
        adds = rule.spec.add.warnings or rule.spec.add.obligations
        if rule.id in winners or (adds and rule.id in decision.rules):
            ids.update(dict.fromkeys(rule.spec.facts))
    out = []
    for fact_id in ids:
        fact = ruleset.facts[fact_id]
        out.append(f"{fact.text[0].upper()}{fact.text[1:]} (source: <{fact.source}>, as of {fact.as_of})")
    return out


def links(adr: Any) -> list[tuple[str, str]]:
    """(what, relative link) to the skeleton's README, RUNBOOK and lock, from the record's own folder."""
    if not adr.generated or adr.path is None:
        return []
    here = posixpath.dirname(adr.path) or "."
    wanted = {
        "README.md": "the skeleton's README: what was generated, how to fill it in, and how each backup number follows",
        "RUNBOOK.md": "the restore runbook, the drill and what to do for each alert"
        if any(path.endswith("recovery/cluster.yaml") for path in adr.generated)
        else "what to do for each alert",
        "compose.yaml": "the Compose file",
    }
    root = posixpath.commonpath(adr.generated) if len(adr.generated) > 1 else posixpath.dirname(adr.generated[0])
    out = []
    for name, what in wanted.items():
        target = posixpath.join(root, name) if root else name
        if target in adr.generated:
            out.append((what, posixpath.relpath(target, here)))
    return out
