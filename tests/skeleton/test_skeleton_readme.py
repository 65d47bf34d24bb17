"""The generated README speaks of the files that exist: overlays, chart, or both; and names every placeholder."""

from __future__ import annotations

import re

import pytest

from advisor.skeleton import SkeletonContext, build_skeleton
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import ADR_ID, ADR_RELPATH, example_decision, variant


def _files(decision, tmp_path) -> dict[str, str]:
    context = SkeletonContext(tmp_path, ADR_ID, ADR_RELPATH)
    return {f.path: f.data.decode() for f in build_skeleton(decision, context)}


@pytest.mark.parametrize("manifests", ["kustomize", "helm", "both"])
@pytest.mark.parametrize("secrets", ["external-secrets", "sealed-secrets", "sops"])
def test_readme_matches_the_layout(tmp_path, manifests: str, secrets: str):
    decision = variant(
        example_decision(EXAMPLES / "scenario-b.yaml"), manifests=manifests, secrets=secrets, rancher="adopt"
    )
    files = _files(decision, tmp_path)
    readme = files["README.md"]
    assert f"[{ADR_ID}]({ADR_RELPATH})" in readme
    assert ("kubectl apply -k" in readme) == (manifests != "helm")
    assert ("helm upgrade --install" in readme) == (manifests != "kustomize")
    for path in re.findall(r"`((?:kustomize/|helm/)?(?:overlays|components|recovery)/[^`<]*?\.yaml)`", readme):
        assert path in files, f"README names {path}, which was not generated"
    for needed in ("ledger-db", "ledger-s3", "ledger-backup-s3", "ledger-minio-root", "RUNBOOK.md"):
        assert needed in readme
    assert "REPLACE-ME" in readme.upper()  # Rancher ids are lowercase placeholders (`c-replace-me:p-replace-me`)
    assert "cert-manager" in readme and "CloudNativePG" in readme
    assert "rollback" in readme.lower() or "roll back" in readme.lower()
    runbook = files["RUNBOOK.md"]
    assert ("kubectl apply -k" in runbook) == (manifests != "helm")
    assert ("postgres.recovery.enabled: true" in runbook) == (manifests == "helm")
    assert ("postgres.restoreDrill.enabled=true" in runbook) == (manifests == "helm")


def test_every_checkov_skip_is_explained_in_the_readme(tmp_path):
    files = _files(example_decision(EXAMPLES / "scenario-a.yaml"), tmp_path)
    skips = re.findall(r"checkov\.io/skip\d+: '?(CKV_K8S_\d+)=", files["base/deployment.yaml"])
    assert skips
    assert all(f"`{skip}`" in files["README.md"] for skip in skips)


def test_a_latest_image_tag_is_refused(tmp_path):
    from advisor.errors import InputError

    decision = example_decision(EXAMPLES / "scenario-a.yaml")
    delivery = decision.answers.delivery.model_copy(update={"image_tag": "latest"})
    decision = decision.model_copy(update={"answers": decision.answers.model_copy(update={"delivery": delivery})})
    with pytest.raises(InputError, match=r"delivery\.image_tag"):
        _files(decision, tmp_path)


def test_choices_added_by_an_organisation_fall_back_to_what_deploys(tmp_path):
    decision = variant(example_decision(EXAMPLES / "scenario-a.yaml"), manifests="jsonnet", secrets="vault-agent")
    files = _files(decision, tmp_path)
    assert "overlays/prod/kustomization.yaml" in files and "overlays/prod/externalsecret.yaml" in files
    assert "kubectl apply -k overlays/dev" in files["README.md"]


def test_readme_operator_versions_are_the_ones_the_schemas_are_pinned_to(tmp_path):
    """The README's "tested" versions are the releases whose CRD schemas the tests validate against."""
    from pathlib import Path

    from advisor.skeleton import readme_platform

    provenance = (Path(__file__).parent / "crd_schemas" / "PROVENANCE.tsv").read_text()
    tags = {line.split("\t")[3].removeprefix("v") for line in provenance.splitlines() if not line.startswith("#")}
    readme = _files(example_decision(EXAMPLES / "scenario-b-c.yaml"), tmp_path)["README.md"]
    operators = readme_platform.operators(example_decision(EXAMPLES / "scenario-b-c.yaml"))
    assert {o.name for o in operators} >= {"CloudNativePG", "plugin-barman-cloud", "Rancher", "Fleet"}
    for operator in operators:
        # fleet.yaml's schema comes from Fleet's main branch after 0.16.1: no release ships one yet
        assert operator.tested in tags or operator.name == "Fleet", operator.name
        assert f"| {operator.name} | {operator.minimum} | {operator.tested} |" in readme
    assert "| CloudNativePG | 1.26 | 1.30.0 |" in readme
