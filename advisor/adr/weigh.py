"""Each decision weighed, not asserted: what decided it, which options were really open, how they compare.

For every decision the ADR shows (in the order rules/decisions.yaml defines them, so a decision an organisation
or a later release adds needs no template change) this works out, from the rule files alone:
- `decided_by`: the drivers of the rule that decided it (each labelled by its source in the Decision Drivers:
  the answers, with their values; SPEC-0006's own words; advisor's policy, named as such), plus the rule's policy;
- `ruled_out`: options the answers exclude, each named once with what excludes it;
- `kind`: "team" (copied from an answer), "forced" (nothing else is open) or "weighed" (real alternatives);
- `rows`: for a weighed decision, each driver with how the chosen option and every open one fare on it;
- `consequences`: those of the chosen option that hold under these answers, with the answers filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.conditions import compile_condition, leaves
from advisor.decision import Decision
from advisor.engine import fill, short_file
from advisor.labels import option_label
from advisor.ruleset import Ruleset
from advisor.values import show_value
from advisor.verdict import Verdict

TABLE_MIN = 3  # options and drivers a comparison needs before it becomes a table


@dataclass
class Weighed:
    key: str
    title: str
    value: str
    label: str
    kind: str  # team | forced | weighed
    action: str
    rule: str
    name: str = ""  # the decision's short label ("Postgres")
    drivers: list[str] = field(default_factory=list)  # ids of the drivers that decided it
    decided_by: list[str] = field(default_factory=list)  # their titles
    policy: str | None = None  # advisor's policy behind the rule, when it is one
    rule_text: str | None = None  # an organisation's rule: its rationale, named as its own
    ruled_out: list[str] = field(
        default_factory=list
    )  # "Managed Postgres, ruled out by hosting.managed_postgres: false"
    open: list[str] = field(default_factory=list)  # labels of the alternatives that were really open
    header: list[str] = field(default_factory=list)  # comparison columns: the chosen option, then the open ones
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # (driver title, one cell per column)
    row_drivers: list[str] = field(default_factory=list)  # ids of the compared drivers
    consequences: list[tuple[str, str]] = field(default_factory=list)  # ("good" | "bad", text)
    defers: str | None = None
    verdict: str = ""

    @property
    def single(self) -> bool:
        """The comparison fits in the Considered Options line: a table earns its lines only as a real matrix,
        three or more options compared on three or more drivers."""
        return bool(self.rows) and (len(self.rows) < TABLE_MIN or len(self.header) < TABLE_MIN)

    @property
    def inline(self) -> str:
        """The comparison as one line: `on governance and cost: A (cell; cell); B (cell; cell)`."""
        drivers = _and([title[0].lower() + title[1:] for title, _ in self.rows])
        sides = [f"{name} ({'; '.join(cells[i] for _, cells in self.rows)})" for i, name in enumerate(self.header)]
        return f"on {drivers}: " + "; ".join(sides)

    @property
    def weighed(self) -> str:
        """The comparison in one English sentence, for records without tables (Nygard)."""
        if not self.rows:
            return ""
        sides = [f"{name} ({'; '.join(cells[i] for _, cells in self.rows)})" for i, name in enumerate(self.header)]
        return f"We weighed {sides[0]} against {_and(sides[1:])}."

    @property
    def because(self) -> str:
        """Why, in one clause: the drivers by name (the Decision Drivers section says where each comes from), and an
        earlier decision this one follows from as that decision."""
        named = _and(self.decided_by)
        parts = {
            "team": [f"the team chose it ({named})" if named else "the team chose it"],
            "forced": [f"of {named}, and no other option is open" if named else "no other option is open"],
            "weighed": [f"of {named}"] if named else [],
        }[self.kind]
        if self.policy:
            parts.append(f"advisor's policy: {self.policy}")
        if self.rule_text:
            parts.append(self.rule_text)
        return "; ".join(parts)


def weigh(decision: Decision, ruleset: Ruleset, keys: list[str], verdicts: dict[str, Verdict]) -> list[Weighed]:
    facts = {**decision.answers.facts(), **{f"decision.{k}": v for k, v in decision.choices.items()}}
    return [_one(decision, ruleset, key, facts, verdicts.get(key)) for key in keys]


def _one(decision: Decision, ruleset: Ruleset, key: str, facts: dict[str, Any], verdict: Verdict | None) -> Weighed:
    entry = decision.entry(key)
    definition = ruleset.decisions.get(key)
    options = definition.options if definition else {}
    chosen = options.get(entry.value)
    rule = ruleset.rule(entry.rule)
    out = Weighed(
        key=key,
        title=definition.title if definition else key,
        value=entry.value,
        label=option_label(key, entry.value, ruleset),
        kind="weighed",
        action=(chosen.action if chosen and chosen.action else f"choose {option_label(key, entry.value, ruleset)}"),
        rule=entry.rule,
        defers=chosen.defers if chosen else None,
        verdict=verdict.sentence() if verdict else "",
    )
    out.name = (definition.label or definition.title) if definition else key
    if rule is not None:
        out.drivers = [d for d in rule.spec.drivers if _holds(ruleset.drivers[d].when, facts)] or rule.spec.drivers
        out.decided_by = [_cited(d, ruleset, facts) for d in out.drivers]
        out.policy = rule.spec.policy
    if rule is None or not _bundled(rule) or not (out.drivers or out.policy):
        where = (
            f"rule `{entry.rule}` ({_shown_file(entry.file)})"
            if rule is None or not _bundled(rule)
            else "advisor's rule"
        )
        out.rule_text = f"{where}: {entry.rationale.rstrip('.')}"
    open_options = []
    for name, option in options.items():
        if name == entry.value or not _holds(option.only_when, facts):
            continue
        excluded = [r for r in option.ruled_out if _holds(r.when, facts)]
        if excluded:
            why = ", and by ".join(_by(r.when, r.quote, facts, ruleset) for r in excluded)
            out.ruled_out.append(f"{option_label(key, name, ruleset)}, ruled out by {why}")
        else:
            open_options.append(name)
    out.open = [option_label(key, name, ruleset) for name in open_options]
    raw = rule.spec.set.get(key) if rule else None
    out.kind = "team" if isinstance(raw, dict) else ("weighed" if open_options else "forced")
    if out.kind == "weighed" and definition is not None:
        columns = [entry.value, *open_options]
        out.header = [option_label(key, name, ruleset) for name in columns]
        for driver_id in definition.drivers:
            driver = ruleset.drivers[driver_id]
            cells = [options[name].compare.get(driver_id, "") for name in columns]
            if _holds(driver.when, facts) and any(cells):
                out.rows.append((driver.title, [cell.replace("|", "\\|") or "-" for cell in cells]))
                out.row_drivers.append(driver_id)
    for item in chosen.consequences if chosen else []:
        if _holds(item.when, facts):
            out.consequences.append(("good" if item.good else "bad", fill(item.good or item.bad or "", facts)))
    return out


def only_a_choice(driver_id: str, ruleset: Ruleset) -> bool:
    """A driver that only names an earlier decision ("How Postgres is run") adds nothing that decision's own line
    does not say, so it is cited as that decision and not listed among the Decision Drivers."""
    driver = ruleset.drivers[driver_id]
    return bool(driver.choices) and not (driver.answers or driver.quotes or driver.policy)


def _cited(driver_id: str, ruleset: Ruleset, facts: dict[str, Any]) -> str:
    """`**Regulated data**`, or `the Postgres decision (Managed Postgres)` for a driver that only names one."""
    driver = ruleset.drivers[driver_id]
    if not only_a_choice(driver_id, ruleset):
        return f"**{driver.title}**"
    return _and(
        [
            f"the {_decision_title(key, ruleset)} decision ({option_label(key, facts[f'decision.{key}'], ruleset)})"
            for key in driver.choices
        ]
    )


def driver_line(driver_id: str, ruleset: Ruleset, facts: dict[str, Any]) -> str:
    """`**Where the data may live**: regulation.data_residency on-premises, ... (answers); SPEC-0006 4, ...`"""
    driver = ruleset.drivers[driver_id]
    parts = []
    if driver.answers:
        parts.append(", ".join(f"{f} {show_value(facts.get(f))}" for f in driver.answers) + " (answers)")
    for choice in driver.choices:
        parts.append(
            f"{_decision_title(choice, ruleset)}: {option_label(choice, facts[f'decision.{choice}'], ruleset)}"
        )
    parts += [quote(q, ruleset) for q in driver.quotes]
    if driver.policy:
        parts.append(f"advisor's policy: {driver.policy}")
    return f"**{driver.title}**: " + "; ".join(parts)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def quote(quote_id: str, ruleset: Ruleset) -> str:
    """SPEC-0006 cited only through its own words: `SPEC-0006 3.1: "Phase 4+: Kubernetes (service mode)"`."""
    q = ruleset.quotes[quote_id]
    return f'SPEC-0006 {q.section}: "{q.text}"'


def _by(when: Any, quote_id: str | None, facts: dict[str, Any], ruleset: Ruleset) -> str:
    shown = []
    for leaf in leaves(when):
        if leaf.fact.startswith("decision."):
            key = leaf.fact.removeprefix("decision.")
            shown.append(f"the choice of {option_label(key, facts[leaf.fact], ruleset)}")
        else:
            shown.append(f"{leaf.fact}: {show_value(facts.get(leaf.fact))}")
    text = " with ".join(dict.fromkeys(shown))
    return f"{text} ({quote(quote_id, ruleset)})" if quote_id else text


def _decision_title(key: str, ruleset: Ruleset) -> str:
    definition = ruleset.decisions.get(key)
    return definition.label or definition.title if definition else key


def _holds(raw: Any, facts: dict[str, Any]) -> bool:
    return raw is None or compile_condition(raw, set(facts), "when")(facts)


def _shown_file(file: str) -> str:
    """An organisation's rule file by its folder and name, never an absolute path of the machine that decided."""
    from pathlib import PurePath

    path = PurePath(file)
    return "/".join(path.parts[-2:])


def _bundled(rule) -> bool:
    return short_file(rule.file).startswith("rules/")
