"""Follow the generated README from an empty cluster, in order, as a new user would, for each provider: every step
names something the skeleton has (a file, a folder, a label, a chart template, a ServiceAccount, a Secret, a
Gateway listener), and the steps come in an order that works (controllers, identities, bootstrap, deploy).
"""

from __future__ import annotations

import re

import pytest
import yaml

from advisor.pipeline import evaluate
from advisor.skeleton import SkeletonContext, build_skeleton, rotation
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from tests.skeleton.cloud_variants import answers_for, decision_for

VARIANTS = {
    "aws-scenario-a": lambda: decision_for("a", "aws", answered=False),
    "gcp-scenario-c": lambda: decision_for("c", "gcp"),
    "azure-scenario-a": lambda: decision_for("a", "azure"),
    "azure-scenario-c-native": lambda: decision_for("c", "azure", object_api="native"),
    "regulated-aws": lambda: evaluate(
        answers_for("a", "aws", regulation={"regulated": True, "frameworks": ["hipaa"], "data_residency": "region"})
    )[0],
}
ORDER = ["## The cluster needs", "## What to fill in", "## Cloud identity", "## The way in", "## Apply", "## Roll back"]


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def skeleton(request, tmp_path_factory):
    decision = VARIANTS[request.param]()
    out = tmp_path_factory.mktemp(request.param)
    files = {f.path: f.data.decode() for f in build_skeleton(decision, SkeletonContext(out, "ADR-1", "adr.md"))}
    return decision, files


def test_the_steps_come_in_an_order_that_works(skeleton) -> None:
    _, files = skeleton
    readme = files["README.md"]
    positions = [readme.index(heading) for heading in ORDER if heading in readme]
    assert positions == sorted(positions) and len(positions) >= 5


def test_every_path_and_command_names_what_was_generated(skeleton) -> None:
    decision, files = skeleton
    readme = files["README.md"]
    envs = decision.answers.environments
    folders = {path.rsplit("/", 1)[0] for path in files} | {""}
    for path in re.findall(r"`((?:kustomize/|helm/)?(?:base|overlays|components|files|templates)/[^`\s]*)`", readme):
        for env in envs:
            concrete = path.replace("<env>", env).rstrip("/")
            assert concrete in files or concrete in folders, path
    for folder in re.findall(r"kubectl apply -k (\S+)", readme):
        assert f"{folder}/kustomization.yaml" in files, folder
    for template in re.findall(r"--show-only (templates/\S+)", readme):
        assert f"helm/{template}" in files, template
    for target in re.findall(r"curl -fsSL -o (\S+) ", readme):
        assert target in files, target  # the CA bundle lands where the tree reads it


def test_identities_secrets_and_listeners_the_readme_names_exist_in_every_environment(skeleton) -> None:
    decision, files = skeleton
    readme = files["README.md"]
    app = decision.answers.project.name
    rows = re.findall(r"^\| (\w[\w-]*) \| `([a-z0-9-]+)` \| `([^`]+)` \|", readme, re.M)
    assert rows, "no Cloud identity table"
    issuer = yaml.safe_load("\n".join(line[4:] for line in _block_after(readme, "## The way in")))
    (solver,) = issuer["spec"]["acme"]["solvers"]
    (parent,) = solver["http01"]["gatewayHTTPRoute"]["parentRefs"]
    listed = set(re.findall(r"^  - `([a-z0-9-]+)`: ", readme, re.M))
    for env in decision.answers.environments:
        objects = env_objects(decision, "ADR-1", env)
        accounts = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ServiceAccount"}
        for row_env, account, principal in rows:
            if row_env == env:
                annotations = accounts[account]["metadata"].get("annotations", {})
                assert principal in annotations.values(), (env, account)
        gateway = next(o for o in objects if o["kind"] == "Gateway")
        assert gateway["metadata"]["name"] == parent["name"]
        assert parent["sectionName"] in {li["name"] for li in gateway["spec"]["listeners"] if li["protocol"] == "HTTP"}
        synced = {o["spec"]["target"]["name"] for o in objects if o["kind"] == "ExternalSecret"}
        assert listed == synced, env
        deployment = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == app)
        reload = deployment["metadata"]["annotations"][rotation.RELOAD]
        assert f"{rotation.RELOAD}: {reload}" in readme


def test_every_placeholder_is_named_in_the_readme(skeleton) -> None:
    decision, files = skeleton
    readme = files["README.md"]
    placeholders = [p for p, text in files.items() if "REPLACE-ME" in text and p != "README.md"]
    if placeholders:
        assert "REPLACE-ME" in readme
    if decision.answers.hosting.account is None:
        assert "`hosting.account`" in readme
    t = Target(decision, "", decision.answers.environments[0])
    if t.in_cluster_db is False:
        assert "postgres-ca.crt" in readme


def _block_after(text: str, heading: str) -> list[str]:
    """The first indented block after a heading (a README code block)."""
    lines = text[text.index(heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("    "))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("    ")), len(lines))
    return lines[start:end]
