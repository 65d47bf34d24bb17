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


# `kubectl describe` reads the object (get, or list without a name) and the events that name it
DESCRIBED = {
    "pod": ("", "pods"),
    "deployment": ("apps", "deployments"),
    "resourcequota": ("", "resourcequotas"),
    "pvc": ("", "persistentvolumeclaims"),
}
VALUED = ("-n", "--namespace", "--timeout", "--tail", "-k", "-l", "-c", "--method", "--plugin-name")


def _resource(word: str) -> tuple[str, str]:
    """`backups.postgresql.cnpg.io`, `pod`, `deployment`: the (group, resource) kubectl resolves it to."""
    if word in DESCRIBED:
        return DESCRIBED[word]
    if word in KINDS:
        return KINDS[word][:2]
    resource, _, group = word.partition(".")
    return group, resource


def _args(words: list[str]) -> list[str]:
    """The words of a command that are not options or their values: `kubectl`, the verb, the objects."""
    values = {i + 1 for i, w in enumerate(words) if w in VALUED}
    return [w for i, w in enumerate(words) if not w.startswith("-") and i not in values]


def _needs(words: list[str], renders: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, str, str | None]]:
    """The (group, resource, verb, name) a deployer's kubectl command needs."""
    args = _args(words)
    if words[1] == "cnpg":
        sub, cluster = args[2], args[3]
        table = {
            # the instances' status comes from each instance manager through the API server's pod proxy
            "status": [
                ("postgresql.cnpg.io", "clusters", "get", cluster),
                ("", "pods", "list", None),
                ("", "pods/proxy", "get", None),
            ],
            "psql": [("", "pods", "list", None), ("", "pods/exec", "create", None)],
            "backup": [
                ("postgresql.cnpg.io", "clusters", "get", cluster),
                ("postgresql.cnpg.io", "backups", "create", None),
            ],
        }
        return table[sub]
    verb = args[1]
    if verb in ("apply", "delete") and "-k" in words:
        folder = words[words.index("-k") + 1]
        assert folder.endswith("restore-drill"), words
        action = ["create", "patch", "get"] if verb == "apply" else ["delete"]
        return [(*RESOURCE_OF_KIND[o["kind"]], v, o["metadata"]["name"]) for o in renders["drill"] for v in action]
    if verb == "get":
        return [(*_resource(word), "list", None) for word in args[2].split(",")]
    if verb == "describe":
        kind, _, name = args[2].partition("/")
        name = name or (args[3] if len(args) > 3 else "")
        group, resource = _resource(kind)
        read = [(group, resource, "get", name)] if name else [(group, resource, "list", None)]
        return [*read, ("", "events", "list", None)]
    if verb == "logs" and "/" not in args[2]:  # a pod by name
        return [("", "pods", "get", args[2]), ("", "pods/log", "get", args[2])]
    if verb == "edit":
        group, resource = _resource(args[2])
        return [(group, resource, "get", args[3]), (group, resource, "patch", args[3])]
    if verb == "rollout":
        kind, _, name = args[3].partition("/")
        group, resource, _ = KINDS[kind]
        table = {
            "status": [(group, resource, "get", name), (group, resource, "watch", name)],
            "undo": [
                (group, resource, "get", name),
                (group, resource, "patch", name),
                ("apps", "replicasets", "list", None),
            ],
        }
        return table[args[2]]
    kind, _, name = args[2].partition("/")
    group, resource, _ = KINDS[kind]
    table = {
        "scale": [(group, f"{resource}/scale", "patch", name)],
        "wait": [(group, resource, "get", name), (group, resource, "watch", name)],
        "logs": [(group, resource, "get", name), ("", "pods", "list", None), ("", "pods/log", "get", None)],
    }
    return table[verb]


def _deploy_role(objects: list[dict[str, Any]]) -> dict[str, Any]:
    return next(o for o in objects if o["kind"] == "Role" and o["metadata"]["name"].endswith("-deploy"))


def _platform_admins(words: list[str]) -> bool:
    """Commands the RUNBOOK gives to someone other than the deployers (applying an overlay, retiring the original)."""
    overlay = "-k" in words and "overlays/" in words[words.index("-k") + 1]
    return overlay or (len(words) > 3 and words[3] == "delete" and "-k" not in words)


def test_the_deployers_role_allows_every_command_they_run(skeleton) -> None:
    # the restore and the drill: the deployers of prod (the restore) and of staging (the drill)
    runbook = skeleton["files"]["RUNBOOK.md"].decode().split("\n## Alerts\n", 1)[0]
    renders = skeleton["renders"]
    role, staging_role = _deploy_role(renders["deployed"]), _deploy_role(skeleton["others"]["staging"])
    theirs = [c for c in commands(runbook) if c[0] == "kubectl" and not _platform_admins(c)]
    assert len(theirs) >= 10
    missing = []
    for words in theirs:
        drill = "restore-drill" in " ".join(words) or "staging" in " ".join(words)
        rules = (staging_role if drill else role)["rules"]
        missing += [(" ".join(words), need) for need in _needs(words, renders) if not _allowed(rules, *need)]
    assert missing == []


def _alert_commands(runbook: str) -> list[list[str]]:
    """The kubectl commands of the Alerts sections, but for lines that give the step to a platform admin."""
    alerts = "\n## Alerts\n" + runbook.split("\n## Alerts\n", 1)[1]
    lines = [line for line in alerts.splitlines() if "platform admin" not in line]
    return [c for c in commands("\n".join(lines)) if c[0] == "kubectl"]


def test_whoever_is_on_call_may_run_every_alerts_command(skeleton) -> None:
    """The on-call of an environment is its deployers group: its deploy Role allows each alert's commands."""
    renders = skeleton["renders"]
    theirs = _alert_commands(skeleton["files"]["RUNBOOK.md"].decode())
    assert len(theirs) >= 10
    assert {"describe", "logs", "rollout", "get", "edit", "cnpg"} <= {_args(c)[1] for c in theirs}
    claims = {
        f"{template['metadata']['name']}-{o['metadata']['name']}-{i}"
        for o in renders["deployed"]
        if o["kind"] == "StatefulSet"
        for template in o["spec"].get("volumeClaimTemplates", [])
        for i in range(o["spec"].get("replicas", 1))
    }
    edited = {_args(c)[3] for c in theirs if _args(c)[1:3] == ["edit", "pvc"]}
    assert edited <= claims, edited - claims  # the claim it grows is one the StatefulSet creates
    missing = []
    for env, objects in {"prod": renders["deployed"], **skeleton["others"]}.items():
        rules = _deploy_role(objects)["rules"]
        missing += [
            (env, " ".join(w), need) for w in theirs for need in _needs(w, renders) if not _allowed(rules, *need)
        ]
    assert missing == []


@needs_kubectl
def test_the_on_call_of_a_managed_database_may_run_the_app_alerts_commands(tmp_path) -> None:
    """Without in-cluster Postgres the RUNBOOK holds the app's alerts alone; the deploy Role still reads pods."""
    decision = variant(example_decision(EXAMPLES / "scenario-b.yaml"), postgres="managed")
    files = render(decision, tmp_path)
    prod = kustomize(tmp_path / "overlays" / "prod")
    theirs = _alert_commands(files["RUNBOOK.md"].decode())
    assert any("describe" in c for c in theirs) and any("logs" in c for c in theirs)
    rules = _deploy_role(prod)["rules"]
    missing = [(" ".join(w), need) for w in theirs for need in _needs(w, {}) if not _allowed(rules, *need)]
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
