"""Every check `advisor check` makes, with its id, name and default severity.

Errors are defects under any convention (a number used twice, a link to nothing, a supersession
cycle, a record that cannot be read, advisor drift). Warnings are matters of convention a team may
not share (date spelling, status words, one-sided links), so a log written with another tool passes
on day one; a config file (`advisor check --init`) turns any of them up, down or off.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "off")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    summary: str


RULES = {
    rule.id: rule
    for rule in (
        Rule("ADR001", "duplicate-number", "error", "two records share one number"),
        Rule("ADR002", "dangling-link", "error", "a link names a record or file that does not exist"),
        Rule("ADR003", "supersede-cycle", "error", "a record is superseded by itself or in a cycle"),
        Rule("ADR004", "unreadable-record", "error", "a record file is not UTF-8 text, too large or unreadable"),
        Rule("ADR005", "broken-metadata", "error", "the front matter is malformed (for example a key twice)"),
        Rule("ADR006", "missing-title", "warning", "no `# ` heading"),
        Rule("ADR007", "missing-status", "warning", "no status in any layout advisor reads"),
        Rule("ADR008", "unknown-status", "warning", "the status word is outside the configured vocabulary"),
        Rule(
            "ADR009",
            "date-format",
            "warning",
            "the date does not read as one day (`2020-05`; `09/04/2018` both ways)",
        ),
        Rule("ADR010", "one-sided-supersession", "warning", "a supersession written in one of the two records only"),
        Rule("ADR011", "no-successor", "warning", "the status is superseded but names no successor"),
        Rule("ADR012", "title-mismatch", "warning", "the title and the file name share no word"),
        Rule("ADR013", "unknown-ignore", "error", "an inline `advisor-check: ignore` names no rule"),
        Rule("ADR014", "stale-proposal", "warning", "a record has been proposed for longer than `proposed-max-days`"),
        Rule("ADR015", "unsigned-decision", "warning", "an accepted record names no decision-makers"),
        Rule("ADR016", "empty-link", "warning", "a link with an empty target (`[pipeline]()`)"),
        Rule(
            "ADR017", "stale-index", "warning", "the index file (README.md, index.md) misses records or lists gone ones"
        ),
        Rule("ADR018", "duplicate-title", "warning", "two records share one title"),
        Rule("ADR019", "review-overdue", "warning", "a record's `review-by` / `review-date` has passed"),
        Rule("ADR020", "branch-number-collision", "error", "another branch uses a record's number for another record"),
        Rule(
            "ADR101", "decision-drift", "error", "the advisor record in force no longer holds, or its block is broken"
        ),
        Rule("ADR102", "answers-drift", "error", "the answers file changed since the record was decided"),
        Rule("ADR103", "answers-file-missing", "warning", "the answers file a record names is gone"),
        Rule("ADR104", "generated-file-missing", "error", "a file the record lists as generated is missing"),
        Rule("ADR105", "generated-file-edited", "warning", "a generated file differs from what advisor wrote"),
        Rule("ADR106", "decision-added", "warning", "the current rules make a decision the record in force predates"),
        Rule("ADR107", "path-outside", "error", "a path a record names leads outside the repository or through a link"),
        Rule("ADR108", "rule-folders-changed", "warning", "an accepted advisor record names other rule folders"),
        # `advisor org`: what keeps a service from being read at all, found for that service while the others go on
        Rule("ORG001", "unreadable-folder", "error", "a service folder, or a folder under ROOT, cannot be read"),
        Rule("ORG002", "duplicate-service-name", "error", "two services share one name (told apart by path)"),
        Rule("ORG003", "bad-catalog-info", "error", "catalog-info.yaml does not read, or names no service"),
        Rule("ORG004", "bad-lock", "error", "the skeleton's advisor.lock.yaml does not read"),
        Rule("ORG005", "bad-config", "error", "the service's config, or a rule folder it names, does not load"),
        Rule("ORG006", "bad-answers", "error", "the answers a service's ADR in force was decided from do not load"),
    )
}
BY_NAME = {rule.name: rule for rule in RULES.values()}


def lookup(key: str) -> Rule | None:
    """A rule from its id (`ADR007`, any case) or its name (`missing-status`)."""
    return RULES.get(key.strip().upper()) or BY_NAME.get(key.strip().lower())
