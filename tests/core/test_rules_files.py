"""Rule files: the bundled set validates, broken files are named with their rule, and --rules layers."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

ORG_RULES = EXAMPLES / "org-rules"


def _rule(rule_id: str, body: str) -> str:
    """One rule as a YAML list item; `body` holds when/set/add/priority lines, one per line."""
    lines = [f"- id: {rule_id}", "  title: A test rule"]
    lines += [f"  {line}" for line in body.strip().splitlines()]
    lines += ["  rationale: Because.", '  spec: "1.1"']
    return "\n".join(lines) + "\n"


def _folder(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


def _rules(*rules: str) -> str:
    return "rules:\n" + textwrap.indent("".join(rules), "  ")


BROKEN = [
    (
        "unknown fact",
        _rules(_rule("org.bad-fact", "when: {fact: team.sizes, ge: 3}\nset: {rancher: adopt}\npriority: 30")),
        ["org.bad-fact", "unknown fact 'team.sizes'", "did you mean 'team.size'?"],
    ),
    (
        "unknown option",
        _rules(_rule("org.bad-option", "set: {rancher: maybe}")),
        ["org.bad-option", "'maybe' is not an option of rancher"],
    ),
    (
        "unknown decision",
        _rules(_rule("org.bad-decision", "set: {ranchers: adopt}")),
        ["org.bad-decision", "unknown decision 'ranchers'"],
    ),
    (
        "unknown 'from' fact",
        _rules(_rule("org.bad-from", "set: {rancher: {from: organization.team}}")),
        ["org.bad-from", "unknown fact 'organization.team'"],
    ),
    (
        "unknown operator",
        _rules(_rule("org.bad-op", "when: {fact: phase, above: 3}\nset: {rancher: adopt}\npriority: 30")),
        ["org.bad-op", "exactly one operator"],
    ),
    (
        "missing field",
        "rules:\n  - id: org.no-rationale\n    title: t\n    set: {rancher: adopt}\n    spec: '1.1'\n",
        ["org.no-rationale", "rationale", "required but missing"],
    ),
    (
        "rule that does nothing",
        "rules:\n  - id: org.noop\n    title: t\n    rationale: r\n    spec: '1.1'\n",
        ["org.noop", "must `set` a decision or `add`"],
    ),
    (
        "unknown scenario",
        _rules(_rule("org.scenario-d", "add: {scenarios: [D]}")),
        ["org.scenario-d", "unknown scenario 'D'"],
    ),
    (
        "circular",
        _rules(
            _rule(
                "org.rancher-from-secrets",
                "when: {fact: decision.secrets, eq: sops}\nset: {rancher: adopt}\npriority: 30",
            ),
            _rule(
                "org.secrets-from-rancher",
                "when: {fact: decision.rancher, eq: adopt}\nset: {secrets: sops}\npriority: 30",
            ),
        ),
        ["circular rules", "org.rancher-from-secrets", "org.secrets-from-rancher"],
    ),
    (
        "contradictory",
        _rules(
            _rule("org.adopt", "when: {fact: organization.teams, ge: 2}\nset: {rancher: adopt}\npriority: 30"),
            _rule("org.defer", "when: {fact: organization.teams, ge: 2}\nset: {rancher: defer}\npriority: 30"),
        ),
        ["org.defer contradicts rule org.adopt", "priority 30"],
    ),
    (
        "no default",
        "decisions:\n  ingress:\n    title: Ingress controller\n    question: Which one?\n    options:\n"
        "      nginx: {summary: ingress-nginx}\n      traefik: {summary: Traefik}\n"
        + _rules(_rule("org.traefik", "when: {fact: hosting.provider, eq: on-premises}\nset: {ingress: traefik}")),
        ["decision 'ingress' has no default rule"],
    ),
    (
        "duplicate id in one file",
        _rules(_rule("org.same", "add: {warnings: [one]}"), _rule("org.same", "add: {warnings: [two]}")),
        ["org.same", "duplicate rule id"],
    ),
    (
        "unknown placeholder",
        _rules(_rule("org.typo", "add: {warnings: ['A team of ${team.sise} engineers']}")),
        ["org.typo", "placeholder ${team.sise} names an unknown fact"],
    ),
    (
        "unknown driver",
        _rules(_rule("org.why", "add: {warnings: [w]}\ndrivers: [goverance]")),
        ["unknown driver 'goverance'", "rules[0].drivers"],
    ),
    (
        "unknown quote",
        "drivers:\n  ours:\n    title: Our driver\n    quotes: [scenario-z]\n",
        ["unknown quote 'scenario-z'", "drivers.ours"],
    ),
    (
        "consequence on an unknown fact",
        "decisions:\n  rancher:\n    title: R\n    question: Q?\n    options:\n      adopt:\n        summary: s\n"
        "        consequences:\n          - {bad: 'with ${team.sise} people', when: {fact: team.size, gt: 3}}\n",
        ["placeholder ${team.sise} names an unknown fact"],
    ),
    ("malformed YAML", "rules:\n  - id: org.x\n    title: [\n", ["malformed YAML"]),
    ("not a mapping", "- id: org.x\n", ["must be a mapping"]),
]


@pytest.mark.parametrize(("name", "text", "fragments"), BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_rule_file_is_named_with_its_rule(tmp_path: Path, name: str, text: str, fragments: list[str]) -> None:
    folder = _folder(tmp_path, text)
    result = run_cli("rules", "validate", folder)
    assert result.code == 2, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert lines
    mentions_file = [line for line in lines if line.startswith(str(folder / "org.yaml"))]
    assert mentions_file, f"no line names the file: {result.err}"
    for fragment in fragments:
        assert fragment in result.err, result.err
    # decide refuses the same folder the same way, and writes nothing
    decided = run_cli(
        "decide", "--answers", EXAMPLES / "scenario-a.yaml", "--rules", folder, "--out", tmp_path / "o", cwd=tmp_path
    )
    assert decided.code == 2 and decided.out == ""
    assert not (tmp_path / "o").exists() and not (tmp_path / "docs").exists()


def test_bundled_rules_validate() -> None:
    result = run_cli("rules", "validate")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: ")
    assert "14 decisions" in result.out


def test_missing_rules_folder(tmp_path: Path) -> None:
    result = run_cli("rules", "validate", tmp_path / "nope")
    assert result.code == 2
    assert result.err == f"{tmp_path / 'nope'}: rules folder not found\n"


def test_org_rules_validate() -> None:
    result = run_cli("rules", "validate", ORG_RULES)
    assert result.code == 0, result.err
    assert result.out.startswith("ok: ")


def _json(*args: str | Path) -> dict:
    result = run_cli("decide", "--dry-run", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_org_rules_override_by_id_and_add() -> None:
    plain = _json("--answers", EXAMPLES / "scenario-b.yaml")
    layered = _json("--answers", EXAMPLES / "scenario-b.yaml", "--rules", ORG_RULES)
    assert (plain["rancher"], plain["secrets"], plain["secret_store"]) == ("defer", "sealed-secrets", "none")
    # rancher.borderline-defer is replaced (same id) and now adopts
    assert layered["rancher"] == "adopt"
    rancher = next(entry for entry in layered["trace"] if entry["decision"] == "rancher")
    assert rancher["rule"] == "rancher.borderline-defer"
    assert rancher["file"] == str(ORG_RULES / "platform.yaml")
    # an added rule sets secrets; the bundled store rule follows it to Vault
    assert (layered["secrets"], layered["secret_store"]) == ("external-secrets", "vault")
    assert "acme.vault-on-premises" in layered["rules"]
    assert any("Book the Acme security review for ledger" in text for text in layered["obligations"])
    assert str(ORG_RULES / "policy.yaml") in layered["ruleset"]["files"]
    assert layered["ruleset"]["version"] != plain["ruleset"]["version"]


def test_org_rules_add_a_warning() -> None:
    layered = _json("--answers", EXAMPLES / "scenario-a.yaml", "--rules", ORG_RULES)
    assert any(text.startswith("Acme policy runs production on a cluster of its own") for text in layered["warnings"])


def test_a_later_layer_may_add_a_decision_and_an_option(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        decisions:
          secret_store:
            title: Secret store behind External Secrets
            question: Which store does External Secrets read from?
            options:
              openbao: {summary: OpenBao run by the platform team}
          ingress:
            title: Ingress controller
            question: Which ingress controller serves the service?
            options:
              nginx: {summary: ingress-nginx}
              traefik: {summary: Traefik}
        rules:
          - id: org.ingress-default
            title: ingress-nginx by default
            set: {ingress: nginx}
            priority: 10
            rationale: The platform runs ingress-nginx.
            spec: "3.2"
          - id: org.openbao
            title: OpenBao on site
            when: {fact: decision.secret_store, eq: vault}
            add: {warnings: ["Use the platform's OpenBao"]}
            rationale: OpenBao is Acme's Vault.
            spec: "2.1"
        """
    )
    folder = _folder(tmp_path, text)
    data = _json("--answers", EXAMPLES / "scenario-a.yaml", "--rules", folder)
    assert data["ingress"] == "nginx"
    doc = run_cli("rules", "doc", "--rules", folder)
    assert "(`ingress`)" in doc.out and "`openbao`" in doc.out


def test_rules_that_disagree_at_the_same_priority_fail_when_both_hold(tmp_path: Path) -> None:
    """Different conditions pass validation; when both hold for some answers, decide names both rules."""
    folder = _folder(
        tmp_path,
        _rules(
            _rule("org.adopt-from-two", "when: {fact: organization.teams, ge: 2}\nset: {rancher: adopt}\npriority: 20")
        ),
    )
    assert run_cli("rules", "validate", folder).code == 0
    result = run_cli("decide", "--dry-run", "--answers", EXAMPLES / "scenario-b.yaml", "--rules", folder)
    assert result.code == 2
    assert "rancher.borderline-defer" in result.err and "org.adopt-from-two" in result.err
    assert "give one a higher priority" in result.err
