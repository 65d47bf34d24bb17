"""The table of hostile inputs: one row per file or folder under tests/inputs/bad/, plus a few made at run time.

Each row says what a user must read on stderr: the file named at the start of a
`FILE:LINE: field: message` line, the line and field where known, and a fragment of the message
that tells them what to fix. `requires` names a CLI command the row needs; rows for a command that
is not registered yet are skipped with that reason and run as soon as the command exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from .measure import ROOT

BAD = ROOT / "tests" / "inputs" / "bad"
SCENARIO_A = ROOT / "examples" / "scenario-a.yaml"


@dataclass(frozen=True)
class Case:
    kind: str  # answers | rules | adr | adr-list | check-config | lock
    input: str  # path under tests/inputs/bad, or "@name" for an input made at run time (see test_corpus)
    fragment: str | None  # part of the message that tells the user what to fix
    line: int | None = None
    field: str | None = None
    codes: tuple[int, ...] = (2,)
    names: str | None = None  # the file the message must name, if not the input itself (relative to the input)
    rule: str | None = None  # `advisor org`: the rule id of the finding the bad service gets

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.input}"

    @property
    def requires(self) -> tuple[str, ...]:
        return {"adr": ("check",), "adr-list": ("adr",), "check-config": ("check",)}.get(self.kind, ())


def _answers(name: str, line: int | None, field: str | None, fragment: str) -> Case:
    return Case("answers", f"answers/{name}", fragment, line, field)


def _rules(name: str, line: int | None, field: str | None, fragment: str, file: str = "org.yaml") -> Case:
    return Case("rules", f"rules/{name}", fragment, line, field, names=file)


def _adr(name: str, file: str, fragment: str | None = None, codes: tuple[int, ...] = (1, 2)) -> Case:
    # `advisor check` reports a broken record as a finding (1) or refuses the folder (2); both are fine.
    return Case("adr", name if name.startswith("@") else f"adr/{name}", fragment, codes=codes, names=file)


def _adr_warning(name: str, file: str, fragment: str | None = None) -> Case:
    # a matter of convention (a date spelling, a status word): a warning, so `check` still passes
    return _adr(name, file, fragment, codes=(0,))


def _config(name: str, line: int | None, field: str | None, fragment: str) -> Case:
    return Case("check-config", f"check-config/{name}", fragment, line, field)


DNS_NAME = "must be a DNS-1123 label"
ANSWERS = [
    _answers("billion-laughs.yaml", 1, None, "alias bomb"),
    _answers("binary-garbage.yaml", 1, None, "binary"),
    _answers("binary-no-nul.yaml", 1, None, "save the file as UTF-8"),
    _answers("bom-with-error.yaml", 5, "phase", "valid integer"),
    _answers("crlf-with-error.yaml", 7, "team.size", "valid integer"),
    _answers("deep-nesting-block.yaml", 66, None, "nested deeper than 64 levels"),
    _answers("deep-nesting-flow.yaml", 1, None, "nested deeper than 64 levels"),
    _answers("domain-template.yaml", 19, "delivery.domain", "lowercase DNS hostname"),
    _answers("domain-uppercase-lookalike.yaml", 19, "delivery.domain", "lowercase DNS hostname"),
    _answers("duplicate-key-case-bool.yaml", 12, "regulation.regulated", "duplicate key (first defined on line 11)"),
    _answers("duplicate-key-nested.yaml", 9, "team.size", "duplicate key (first defined on line 7)"),
    _answers("duplicate-key-top.yaml", 20, "phase", "duplicate key (first defined on line 5)"),
    _answers("empty.yaml", None, None, "answers file is empty; see examples/"),
    _answers("environment-traversal.yaml", 16, "environments[1]", "must be a DNS label"),
    _answers("environments-duplicate.yaml", 16, "environments", "prod appears more than once"),
    _answers("environments-empty.yaml", 16, "environments", "at least 1 item"),
    _answers("environments-too-many.yaml", 16, "environments", "at most 6 items"),
    _answers("image-injection.yaml", 19, "delivery.image", "image repository such as"),
    _answers("image-tag-latest-injection.yaml", 19, "delivery.image_tag", "image tag such as"),
    _answers("malformed-bad-indent.yaml", 8, None, "check the indentation"),
    _answers("malformed-tab-indent.yaml", 7, None, "indent with spaces, not tabs"),
    _answers("malformed-unclosed-flow.yaml", 17, None, "the [ list opened on line 16 is not closed"),
    _answers("malformed-unterminated-quote.yaml", 20, None, "starts on line 4 is not closed"),
    _answers("missing-required-section.yaml", 1, "organization", "required but missing"),
    _answers("multi-document.yaml", 20, None, "remove the second '---'"),
    _answers("name-path-traversal.yaml", 3, "project.name", DNS_NAME),
    _answers("name-template.yaml", 3, "project.name", DNS_NAME),
    _answers("name-too-long.yaml", 3, "project.name", "at most 40 chars"),
    _answers("name-unicode-lookalike.yaml", 3, "project.name", DNS_NAME),
    _answers("name-with-newline.yaml", 3, "project.name", DNS_NAME),
    _answers("name-with-quotes.yaml", 3, "project.name", DNS_NAME),
    _answers("non-utf8-latin1.yaml", 4, None, "(byte 0xe9); save the file as UTF-8"),
    _answers("only-comments.yaml", None, None, "answers file is empty"),
    _answers("out-of-range-huge-int.yaml", 7, "team.size", "less than or equal to 10000"),
    _answers("out-of-range-nan.yaml", 7, "team.size", "valid integer"),
    _answers("out-of-range-phase.yaml", 5, "phase", "less than or equal to 9"),
    _answers("out-of-range-rpo-negative.yaml", 21, "data.rpo_minutes", "greater than or equal to 0"),
    _answers("out-of-range-size-zero.yaml", 7, "team.size", "greater than or equal to 1"),
    _answers("person-with-newline.yaml", 21, "adr.decision_makers[0]", "one line of printable text"),
    _answers("person-with-control-character.yaml", 21, "adr.decision_makers[0]", "without control characters"),
    _answers("description-with-control-character.yaml", 4, "project.description", "remove control characters"),
    _answers("schema-version-2.yaml", 1, "schema_version", "unsupported schema version 2; only 1"),
    _answers("template-name-path.yaml", 21, "adr.template", "must be 'madr' or 'nygard'"),
    _answers("top-level-list.yaml", 1, None, "must be a YAML mapping, got list"),
    _answers("top-level-scalar.yaml", 1, None, "must be a YAML mapping, got str"),
    _answers("unknown-enum-provider.yaml", 15, "hosting.provider", "must be 'aws', 'gcp'"),
    _answers("unknown-framework.yaml", 12, "regulation.frameworks[1]", "got 'nist'"),
    _answers("unknown-key-nested.yaml", 15, "hosting.provder", "did you mean 'provider'?"),
    _answers("unknown-key-typo.yaml", 6, "teem", "did you mean 'team'?"),
    _answers("utf16-with-bom.yaml", 1, None, "UTF-16 encoded; save it as UTF-8"),
    _answers("wrong-type-description-date.yaml", 4, "project.description", "quote it to keep it as text"),
    _answers("wrong-type-regulated-word.yaml", 11, "regulation.regulated", "valid boolean"),
    _answers("wrong-type-section-list.yaml", 12, "organization", "must be a mapping"),
    _answers("wrong-type-section-null.yaml", 6, "team", "must be a mapping"),
    _answers("wrong-type-size-bool.yaml", 7, "team.size", "valid integer"),
    _answers("wrong-type-size-float.yaml", 7, "team.size", "valid integer"),
    _answers("wrong-type-size-quoted-number.yaml", 7, "team.size", "valid integer"),
    _answers("wrong-type-size-string.yaml", 7, "team.size", "valid integer"),
    _answers("yaml-complex-key.yaml", 20, None, "mapping keys must be plain text"),
    _answers("yaml-merge-key.yaml", 8, None, "merge keys (<<) are not supported"),
    _answers("yaml-python-tag.yaml", 4, "project.description", "unsupported YAML tag !!python/object/apply"),
    Case("answers", "@huge", "larger than the limit"),
    Case("answers", "@dev-zero", "larger than the limit"),
    Case("answers", "@missing", "answers file not found; check the path"),
    Case("answers", "@directory", "is a directory, expected a file"),
]

RULES = [
    _rules("alias-bomb", 1, None, "alias bomb"),
    _rules("bad-rule-id", 2, "rules[0].id", "must be a rule id"),
    _rules("binary", 1, None, "binary"),
    _rules("circular", 3, "when", "circular rules: rancher reads secrets (rule org.rancher-follows-secrets)"),
    _rules("circular-self", 2, "when", "circular rules: runtime reads runtime (rule org.runtime-reads-itself)"),
    _rules("combinator-extra-key", 2, "rules[0].when", "'all' must stand alone"),
    _rules("contradictory", 11, "set.postgres", "rule org.postgres-in-cluster-for-big-teams contradicts rule"),
    _rules("contradictory-at-runtime", 3, None, "give one a higher priority"),
    _rules("decision-without-default", 3, "decisions.backups", "add a rule without 'when' that sets it"),
    _rules("duplicate-key", 7, "rules[0].priority", "duplicate key (first defined on line 6)"),
    _rules("duplicate-rule-id", 10, "rules[1].id", "duplicate rule id"),
    _rules("empty-file", None, None, "rule file is empty"),
    _rules("from-unknown-fact", 2, "rules[0].set.secrets", "unknown fact 'delivery.secret'"),
    _rules("from-value-not-option", 3, None, "project.name = 'atlas' is not an option of secrets"),
    _rules("in-not-a-list", 2, "rules[0].when", "when.in: must be a list"),
    _rules("malformed-yaml", 4, None, "the { mapping opened on line 3 is not closed"),
    _rules("missing-rationale", 2, "rules[0].rationale", "required but missing"),
    _rules("non-utf8", 7, None, "save the file as UTF-8"),
    _rules("ordered-op-string", 2, "rules[0].when", "must be a number, got '4'"),
    _rules("priority-out-of-range", 6, "rules[0].priority", "less than or equal to 1000"),
    _rules("rule-does-nothing", 2, "rules[0]", "a rule must `set` a decision"),
    _rules("rule-file-is-list", 1, None, "a rule file must be a mapping"),
    _rules("unknown-decision", 2, "rules[0].set.runtme", "sets unknown decision 'runtme'"),
    _rules("unknown-fact", 2, "rules[0].when", "did you mean 'team.size'?"),
    _rules("unknown-operator", 2, "rules[0].when", "needs exactly one operator"),
    _rules("unknown-option", 2, "rules[0].set.runtime", "'nomad' is not an option of runtime"),
    _rules("unknown-scenario", 2, "rules[0].add.scenarios", "unknown scenario 'Z'"),
    _rules("unknown-top-key", 1, "rulez", "did you mean 'rules'?"),
    _rules("when-is-a-list", 4, "rules[0].when", "must be a mapping"),
    Case("rules", "@missing", "rules folder not found"),
]

ADRS = [
    _adr("advisor-block-wrong-shapes", "0001-deploy-atlas.md", "the advisor block is malformed"),
    _adr("binary", "0001-garbage.md", "binary"),
    _adr("broken-front-matter", "0001-use-postgres.md"),
    _adr_warning("date-not-a-date", "0001-use-postgres.md", "date"),
    _adr("deep-front-matter", "0001-use-postgres.md", "nested deeper than 64 levels"),
    _adr("duplicate-numbers", "0001-use-minio.md", "duplicate number 0001 (also 0001-use-postgres.md)"),
    _adr("front-matter-alias-bomb", "0001-use-postgres.md", "alias bomb"),
    _adr("front-matter-duplicate-key", "0001-use-postgres.md", "duplicate"),
    _adr("front-matter-not-a-mapping", "0001-use-postgres.md"),
    _adr("front-matter-not-closed", "0001-use-postgres.md"),
    _adr("front-matter-python-tag", "0001-use-postgres.md"),
    _adr("invalid-date", "0001-use-postgres.md", "date"),
    _adr_warning("missing-status", "0001-use-postgres.md", "status"),
    _adr_warning("missing-title", "0001-untitled.md", "title"),
    _adr("non-utf8", "0001-decision.md", "UTF-8"),
    _adr_warning("nygard-status-missing", "0001-record-architecture-decisions.md", "status"),
    _adr("nygard-supersedes-nothing", "0001-record-architecture-decisions.md", "0007"),
    _adr("superseded-by-nothing", "0001-use-postgres.md", "0009"),
    _adr_warning("title-with-template-and-newlines", "0001-evil.md", "status"),
    _adr_warning("unknown-status", "0001-use-postgres.md", "status"),
    _adr("utf16", "0001-decision.md", "UTF-8"),
    _adr_warning("@long-body", "0001-long.md", "status"),
    _adr("@huge", "0001-huge.md"),
    _adr("@five-mb", "0001-five-mb.md", "larger than 2 MiB"),
    _adr("@symlink-loop", "0002-loop.md", "a symlink; records are read only as regular files"),
    _adr("inline-ignore-unknown-rule", "0001-use-postgres.md", "names no rule"),
    # inputs that once hung or flooded (tests/hardening/adversarial.py), and paths out of the repository
    _adr_warning("@long-status-line", "0001-long-status.md", "is not one of"),
    _adr("@shared-number", "0001-record-0000.md", "0001-record-0003.md and 1996 more", codes=(1,)),
    _adr("@dangling-links", "0001-links.md", "points to no record", codes=(1,)),
    _adr("@huge-front-matter", "0001-front-matter.md", "larger than 64 KiB", codes=(1,)),
    _adr("@symlink-outside", "0002-secret.md", "a symlink; records are read only as regular files", codes=(1,)),
    _adr("@path-outside", "0001-deploy.md", "which leads outside the repository; it is not read", codes=(1,)),
]


def _lock(name: str, line: int | None, field: str | None, fragment: str) -> Case:
    # The folder is the skeleton (`--out`); its advisor.lock.yaml is refused before anything is written.
    return Case(
        "lock", name if name.startswith("@") else f"lock/{name}", fragment, line, field, names="advisor.lock.yaml"
    )


LOCKS = [
    _lock("blob-not-hex", 14, "files[0].blob", "lower-case hex digest"),
    _lock("duplicate-path", 16, "files[1].path", "not a unique path inside the skeleton folder"),
    _lock("malformed", 12, None, "malformed YAML"),
    _lock("newer-format", 1, "format", "written by a newer advisor"),
    _lock("not-a-mapping", 1, None, "the lock must be a mapping"),
    _lock("path-absolute", 12, "files[0].path", "not a unique path inside the skeleton folder"),
    _lock("path-traversal", 12, "files[0].path", "not a unique path inside the skeleton folder"),
    _lock("@lock-path-through-symlink", 12, "files[0].path", "through a symlink"),
]

CONFIGS = [
    _config("malformed.advisor.yaml", 4, None, "malformed YAML"),
    _config("unknown-key.advisor.yaml", 4, "statusses", "did you mean 'statuses'?"),
    _config("unknown-rule.advisor.yaml", 3, "rules.ADR999", "unknown rule"),
    _config("bad-severity.advisor.yaml", 2, "rules.date-format", "severity must be error, warning or off"),
    _config("not-a-mapping.advisor.yaml", 1, None, "must be a mapping"),
    _config("non-utf8.advisor.yaml", 2, None, "UTF-8"),
    _config("pyproject.toml", 6, "rulez", "did you mean 'rules'?"),
]


def _org(name: str, names: str, rule: str, fragment: str) -> Case:
    # An organisation ROOT holding one bad service (and, made at run time, a good one): `advisor org check ROOT`
    # reports the bad one with a rule id, paths relative to ROOT, exit 1, and still reads the good one.
    return Case("org", name if name.startswith("@") else f"org/{name}", fragment, codes=(1,), names=names, rule=rule)


ORGS = [
    _org("answers-invalid", "bad/answers.yaml", "ADR102", "answers file does not load"),
    _org("lock-malformed", "bad/deploy/advisor.lock.yaml", "ORG004", "malformed YAML"),
    _org("adr-alias-bomb", "bad/docs/adr/0001-use-postgres.md", "ADR005", "alias bomb"),
    _org("catalog-alias-bomb", "bad/catalog-info.yaml", "ORG003", "alias bomb"),
    _org("catalog-binary", "bad/catalog-info.yaml", "ORG003", "binary"),
    _org("catalog-adr-location-outside", "bad/catalog-info.yaml", "ORG003", "leads outside the repository"),
    _org("catalog-no-name", "bad/catalog-info.yaml", "ORG003", "no entity with metadata.name"),
    _org("duplicate-names", "bad/catalog-info.yaml", "ORG002", "two services are named 'payments'"),
    _org("config-rules-outside", "bad/.advisor.yaml", "ORG005", "leads outside the repository"),
    _org("config-malformed", "bad/.advisor.yaml", "ORG005", "malformed YAML"),
    _org("adr-dir-marker-outside", "bad/.adr-dir", "ORG005", "leads outside the repository"),
    _org("@catalog-huge", "bad/catalog-info.yaml", "ORG003", "larger than"),
    Case("org", "@missing", "ROOT not found or not a folder", codes=(2,)),
]

CASES: list[Case] = [*ANSWERS, *RULES, *ADRS, *CONFIGS, *LOCKS, *ORGS]
