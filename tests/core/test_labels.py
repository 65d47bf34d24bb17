"""Names and order of decisions come from the rule files, for the bundled rules and an organisation's alike."""

from __future__ import annotations

from types import SimpleNamespace

from advisor.adr.wording import decision_keys, label
from advisor.labels import decision_label, in_display_order, option_label
from advisor.rule_models import DecisionDef, OptionDef
from advisor.ruleset import load_ruleset


def test_bundled_labels_and_order_come_from_decisions_yaml():
    ruleset = load_ruleset()
    assert decision_label("object_storage") == "Object storage"
    assert option_label("object_storage", "in-cluster") == "In-cluster MinIO"
    assert in_display_order(["secrets", "runtime", "zeta", "alpha"]) == ["runtime", "secrets", "alpha", "zeta"]
    assert list(ruleset.decisions)[:2] == ["runtime", "manifests"]


def test_an_organisations_decision_gets_its_own_labels_in_the_adr_wording():
    backup = DecisionDef(
        title="Backup target",
        question="Where do backups go?",
        label="Backups",
        options={"s3": OptionDef(summary="An S3 bucket", label="Off-site S3 bucket"), "nfs": OptionDef(summary="NFS")},
    )
    ruleset = SimpleNamespace(decisions={**load_ruleset().decisions, "backup": backup})
    assert decision_label("backup", ruleset) == "Backups"
    assert label("backup", "s3", ruleset) == "Off-site S3 bucket"
    assert label("backup", "nfs", ruleset) == "Nfs"  # no label: the key, readable
    assert decision_keys({"backup": "s3", "runtime": "kubernetes"}, ruleset) == ["runtime", "backup"]
