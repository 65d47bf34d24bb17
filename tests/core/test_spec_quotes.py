"""The table of what ADRs may say the spec says: every quote in rules/spec.yaml is SPEC-0006's own words, in the
section it is cited under, and every rule's `spec:` field names only sections its drivers quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.ruleset import load_ruleset

SPEC = Path(__file__).parents[1] / "fixtures" / "SPEC-0006.md"  # a copy of the shared spec, draft of 2026-01-28


def spec_sections() -> dict[str, str]:
    """Section id ("3.1", "4, Scenario B", "5") -> its text with whitespace and list markers folded."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in SPEC.read_text().splitlines():
        numbered = re.match(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", line)
        scenario = re.match(r"^### Scenario ([A-C]):", line)
        if scenario:
            current = f"4, Scenario {scenario.group(1)}"
        elif numbered:
            current = numbered.group(1)
        sections.setdefault(current, []).append(re.sub(r"^\s*[-*]\s+", "", line))
    return {key: " ".join(" ".join(lines).split()) for key, lines in sections.items()}


QUOTES = load_ruleset().quotes


@pytest.mark.parametrize("quote_id", sorted(QUOTES))
def test_every_quote_is_the_spec_word_for_word_in_its_section(quote_id):
    quote = QUOTES[quote_id]
    sections = spec_sections()
    assert quote.section in sections, f"{quote_id}: SPEC-0006 has no section {quote.section!r}"
    assert quote.text in sections[quote.section], f"{quote_id}: not in SPEC-0006 {quote.section}: {quote.text!r}"


def test_a_rule_cites_only_sections_its_drivers_quote():
    ruleset = load_ruleset()
    wrong = []
    for rule in ruleset.rules:
        quoted = {
            ruleset.quotes[q].section.replace(",", "")
            for driver in rule.spec.drivers
            for q in ruleset.drivers[driver].quotes
        }
        cited = {part.strip().replace(",", "") for part in rule.spec.spec.split(",") if part.strip()}
        cited = {re.sub(r"^4 Scenario", "4 Scenario", c) for c in cited}
        if not cited <= quoted:
            wrong.append(f"{rule.id}: cites {sorted(cited - quoted)} but its drivers quote {sorted(quoted)}")
    assert not wrong, "\n".join(wrong)
