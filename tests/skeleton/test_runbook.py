"""The RUNBOOK (and the README's commands) checked against what was rendered and what the tools document.

- Every object the RUNBOOK names exists in the render it belongs to (the prod overlay, with the restore component,
  after retiring the original, the restore drill), or is one CloudNativePG derives from a cluster (`-rw`, `-app`).
- Every `kubectl cnpg`, `mc` and `aws s3api` command is a documented subcommand with documented flags
  (tests/skeleton/tool_interfaces.py).
- Every `kubectl` command the deployers run is allowed by their Role, as RBAC evaluates it.
- The restore, walked step by step: the restored cluster exists, keeps the app's Secret, the app can reach it
  (flow model) before and after the original is retired, and nothing then declares a cluster bootstrapped by initdb.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from advisor.skeleton import flows, names
from advisor.skeleton.model import Target
from tests.conftest import EXAMPLES
from tests.flows.cluster import World
from tests.skeleton import tool_interfaces
from tests.skeleton.helm_support import Chart
from tests.skeleton.kustomize_support import example_decision, kustomize, needs_kubectl, render, variant
from tests.skeleton.renders import with_components

TOOLS = ("kubectl", "mc", "aws", "helm")
KINDS = {
    "deployment": ("apps", "deployments", "Deployment"),
    "cluster": ("postgresql.cnpg.io", "clusters", "Cluster"),
    "job": ("batch", "jobs", "Job"),
    "scheduledbackup": ("postgresql.cnpg.io", "scheduledbackups", "ScheduledBackup"),
    "networkpolicy": ("networking.k8s.io", "networkpolicies", "NetworkPolicy"),
}
RESOURCE_OF_KIND = {kind: (group, resource) for group, resource, kind in KINDS.values()}


def commands(text: str) -> list[list[str]]:
    """Every command line of a Markdown text: indented code (continuation lines joined) and inline code."""
    lines, pending = [], ""
    for line in text.splitlines():
        if not line.startswith("    "):
            continue
        code = (pending + " " + line.strip()) if pending else line.strip()
        pending = ""
        if code.endswith("\\"):
            pending = code[:-1].strip()
            continue
        lines.append(code)
    lines += re.findall(r"`([^`\n]+)`", text)
    out = []
    for line in lines:
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue
        if len(words) > 1 and words[0] in TOOLS:
            out.append(words)
    return out


@pytest.fixture(scope="module", params=["scenario-b.yaml", "scenario-b-c.yaml"])
def skeleton(request, tmp_path_factory) -> dict[str, Any]:
    decision = example_decision(EXAMPLES / request.param)
    out = tmp_path_factory.mktemp(Path(request.param).stem)
    files = render(decision, out)
    root = out / ("kustomize" if decision.choices["manifests"] == "both" else "")
    prod = "prod"
    renders = {
        "deployed": kustomize(root / "overlays" / prod),
        "restore": kustomize(with_components(root, prod, "postgres-recovery")),
        "retired": kustomize(with_components(root, prod, "postgres-recovery", "postgres-retire-original")),
        "drill": kustomize(root / "restore-drill"),
    }
    others = {env: kustomize(root / "overlays" / env) for env in decision.answers.environments if env != prod}
    return {"decision": decision, "files": files, "renders": renders, "others": others}


def test_every_documented_tool_command_is_in_the_tools_documentation(skeleton) -> None:
    texts = [skeleton["files"]["RUNBOOK.md"].decode(), skeleton["files"]["README.md"].decode()]
    found = [c for text in texts for c in commands(text)]
    assert sum(1 for c in found if c[:2] == ["kubectl", "cnpg"]) >= 4
    assert [problem for c in found if (problem := tool_interfaces.check(c))] == []


def test_the_interface_check_catches_an_invented_flag_or_subcommand() -> None:
    assert tool_interfaces.check(["mc", "ilm", "rule", "add", "--expire-all", "store/b"]) is not None
    assert tool_interfaces.check(["kubectl", "cnpg", "restore", "c"]) is not None
    assert tool_interfaces.check(["kubectl", "cnpg", "backup", "c", "--method", "plugin"]) is None


def test_every_object_the_runbook_names_exists(skeleton) -> None:
    decision, renders = skeleton["decision"], skeleton["renders"]
    a = decision.answers
    app = a.project.name
    objects = [o for render_ in [*renders.values(), *skeleton["others"].values()] for o in render_]
    known = {o["metadata"]["name"] for o in objects}
    clusters = {o["metadata"]["name"] for o in objects if o["kind"] == "Cluster"}
    known |= {f"{c}-{suffix}" for c in clusters for suffix in ("rw", "app")}  # CloudNativePG's own
    known |= {names.backup_bucket(a, env) for env in a.environments} | {names.bucket(a)}  # buckets, not objects
    known.add(names.backup_secret(a))  # with sops the Secret is an encrypted file the renders do not parse
    runbook = skeleton["files"]["RUNBOOK.md"].decode()
    named = {n for n in re.findall(r"`([a-z0-9][-a-z0-9]*)`", runbook) if n.startswith(f"{app}-")}
    assert named and named <= known, named - known
    # the key the app reads, in the Secret the restored cluster keeps
    assert f"key `uri` of Secret `{names.db_secret(a)}`" in runbook
    deployment = next(o for o in renders["deployed"] if o["kind"] == "Deployment")
    env = {
        e["name"]: e.get("valueFrom", {}).get("secretKeyRef")
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    assert env["DATABASE_URI"] == {"name": names.db_secret(a), "key": "uri"}
    assert "DATABASE_URI" in runbook


def _allowed(rules: list[dict[str, Any]], group: str, resource: str, verb: str, name: str | None) -> bool:
    return any(
        group in rule["apiGroups"]
        and resource in rule["resources"]
        and verb in rule["verbs"]
        and (not rule.get("resourceNames") or name in rule["resourceNames"])
        for rule in rules
    )


def _needs(words: list[str], renders: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, str, str | None]]:
    """The (group, resource, verb, name) a deployer's kubectl command needs."""
    values = {i + 1 for i, w in enumerate(words) if w in ("-n", "--namespace", "--timeout", "--tail", "-k")}
    args = [w for i, w in enumerate(words) if not w.startswith("-") and i not in values]
    if words[1] == "cnpg":
        sub, cluster = args[2], args[3]
        table = {
            "status": [("postgresql.cnpg.io", "clusters", "get", cluster), ("", "pods", "list", None)],
            "psql": [("", "pods", "list", None), ("", "pods/exec", "create", None)],
            "backup": [("postgresql.cnpg.io", "backups", "create", None)],
        }
        return table[sub]
    verb = args[1]
    if verb in ("apply", "delete") and "-k" in words:
        folder = words[words.index("-k") + 1]
        assert folder.endswith("restore-drill"), words
        action = ["create", "patch", "get"] if verb == "apply" else ["delete"]
        return [(*RESOURCE_OF_KIND[o["kind"]], v, o["metadata"]["name"]) for o in renders["drill"] for v in action]
    if verb == "get":
        resource, _, group = args[2].partition(".")
        return [(group, resource, "list", None)]
    kind, _, name = args[2].partition("/")
    group, resource, _ = KINDS[kind]
    table = {
        "scale": [(group, f"{resource}/scale", "patch", name)],
        "wait": [(group, resource, "get", name), (group, resource, "watch", name)],
        "logs": [(group, resource, "get", name), ("", "pods", "list", None), ("", "pods/log", "get", None)],
    }
    return table[verb]


def test_the_deployers_role_allows_every_command_they_run(skeleton) -> None:
    # the restore and the drill; the Alerts sections are for whoever is on call, with the namespace's own access
    runbook = skeleton["files"]["RUNBOOK.md"].decode().split("\n## Alerts\n", 1)[0]
    renders = skeleton["renders"]
    role = next(o for o in renders["deployed"] if o["kind"] == "Role" and o["metadata"]["name"].endswith("-deploy"))
    staging_role = next(
        o for o in skeleton["others"]["staging"] if o["kind"] == "Role" and o["metadata"]["name"].endswith("-deploy")
    )
    theirs = [
        c
        for c in commands(runbook)
        if c[0] == "kubectl" and not ("-k" in c and "overlays/" in c[c.index("-k") + 1])
        and not (len(c) > 3 and c[3] == "delete" and "-k" not in c)  # retiring without Fleet: a platform admin
    ]  # fmt: skip
    assert len(theirs) >= 10
    missing = []
    for words in theirs:
        drill = "restore-drill" in " ".join(words) or "staging" in " ".join(words)
        rules = (staging_role if drill else role)["rules"]
        missing += [(" ".join(words), need) for need in _needs(words, renders) if not _allowed(rules, *need)]
    assert missing == []


@needs_kubectl
def test_walking_the_restore_keeps_the_app_connected(skeleton) -> None:
    decision, renders, others = skeleton["decision"], skeleton["renders"], skeleton["others"]
    a = decision.answers
    restored, original = names.restored_cluster(a), names.db_cluster(a)
    t = Target(decision, "ADR-0007", "prod")
    app_to = {f.target.name: f for f in flows.declared(t, "recovery") if f.kind == "app-to-restored"}
    flow = app_to[f"Cluster/{restored}"]
    everyone = [o for objects in others.values() for o in objects]
    for step in ("restore", "retired"):  # step 3, and step 8 once the original is retired
        objects = renders[step]
        clusters = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Cluster"}
        assert clusters[restored]["spec"]["bootstrap"]["recovery"]["secret"] == {"name": names.db_secret(a)}
        assert World(everyone + objects).verdict(flow), step
        assert ("initdb" in json.dumps(clusters.get(original, {}))) is (step == "restore")
    assert original not in {o["metadata"]["name"] for o in renders["retired"] if o["kind"] == "Cluster"}


def test_the_chart_alone_has_every_value_its_runbook_sets(tmp_path) -> None:
    decision = variant(example_decision(EXAMPLES / "scenario-b-c.yaml"), manifests="helm")
    files = render(decision, tmp_path)
    runbook = files["RUNBOOK.md"].decode()
    chart = Chart(decision, tmp_path, tmp_path / "helm", files)
    schema = json.loads((chart.dir / "values.schema.json").read_text())
    paths = set(re.findall(r"`(postgres\.[a-zA-Z.]+)(?::[^`]*)?`", runbook)) | set(
        re.findall(r"--set (postgres\.[a-zA-Z.]+)=", runbook)
    )
    assert {"postgres.recovery.enabled", "postgres.recovery.retireOriginal", "postgres.restoreDrill.enabled"} <= paths
    for path in paths:
        node = schema
        for part in path.split("."):
            node = node["properties"][part]
