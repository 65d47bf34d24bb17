"""The generated values and schema: what they refuse, what they carry per environment, and that they stay data."""

from __future__ import annotations

import copy
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from advisor.answers import load_answers, parse_answers
from advisor.content import force
from advisor.skeleton import names
from advisor.skeleton.helm import build_helm, static_files
from tests.conftest import EXAMPLES, ROOT
from tests.skeleton.helm_support import context, decide, helm_python, lint_problems, with_choices, write_chart

SCENARIO_C = EXAMPLES / "scenario-c.yaml"


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    return write_chart(decide(load_answers(SCENARIO_C)), tmp_path_factory.mktemp("chart"))


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("image.tag", "latest", "/image/tag"),
        ("postgres.image.tag", "", "/postgres/image/tag"),
        ("securityContext.runAsUser", 0, "/securityContext/runAsUser"),
        ("replicaCont", 2, "replicaCont"),
        ("resources.limits.ephemeral-storage", None, "ephemeral-storage"),  # null deletes a default in Helm
        ("secrets.strategy", "plain", "/secrets/strategy"),
        ("wayIn.host", "Not A Host", "/wayIn/host"),
        ("postgres.backup.schedule", "0 2 * * *", "/postgres/backup/schedule"),
    ],
    ids=["latest", "empty-tag", "root-uid", "typo", "no-ephemeral-limit", "strategy", "host", "5-field-cron"],
)
def test_schema_refuses_unsafe_values(chart, path: str, value, message: str) -> None:
    values = copy.deepcopy(chart.values("prod"))
    *parents, leaf = path.split(".")
    node = values
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
    problems = lint_problems(chart.lint("prod", values))
    assert any(message in problem for problem in problems), problems
    with pytest.raises(helm_python.HelmValuesError):
        chart.render("prod", values)


@pytest.mark.parametrize("repository", ["registry.example.com/a--0", "registry.example.com/team__x/app", "app"])
def test_schema_takes_every_repository_a_registry_takes(chart, repository: str) -> None:
    # a project named a--0 gave the image registry.example.com/a--0, which the schema refused though any registry
    # takes it: a path component may be separated by ".", "_", "__" or any run of "-"
    values = copy.deepcopy(chart.values("prod"))
    values.setdefault("image", {})["repository"] = repository
    assert lint_problems(chart.lint("prod", values)) == []


def test_generated_values_pass_the_schema_unchanged(chart) -> None:
    assert lint_problems(chart.lint("prod")) == []
    assert chart.render("prod")


def chart_defaults(chart) -> dict:
    import yaml

    return yaml.safe_load((chart.dir / "values.yaml").read_text())


def test_values_are_never_evaluated_as_templates(chart) -> None:
    """A value holding template syntax or YAML structure comes out as the same string, not as markup."""
    hostile = '{{ fail "boom" }}\n---\nkind: Secret'
    values = copy.deepcopy(chart.values("dev"))
    values["config"] = {**chart_defaults(chart)["config"], "LOG_LEVEL": hostile}
    config_map = next(o for o in chart.objects("dev", values) if o["kind"] == "ConfigMap")
    assert config_map["data"]["LOG_LEVEL"] == hostile


def test_hostile_free_text_never_reaches_the_chart(tmp_path: Path) -> None:
    """The one free-text answer (the description) is not used by the chart; every name comes from validated labels."""
    text = SCENARIO_C.read_text().replace(
        "description: Shared retrieval service used by five product teams",
        'description: "{{ .Release.Name }}\\n---\\nkind: Secret\\nstringData: {token: hunter2}"',
    )
    hostile = decide(parse_answers(text))
    assert "hunter2" in hostile.answers.project.description
    files = {p: force(d) for p, d in build_helm(hostile, context(hostile, tmp_path))}
    assert not any(b"hunter2" in data or b"stringData" in data for data in files.values())
    plain = decide(load_answers(SCENARIO_C))
    templates = {p: force(d) for p, d in build_helm(plain, context(plain, tmp_path)) if "/templates/" in p}
    assert {p: d for p, d in files.items() if "/templates/" in p} == templates


def test_environment_values_follow_the_conventions(chart) -> None:
    answers = chart.decision.answers
    for env in answers.environments:
        values = chart.values(env)
        assert values["environment"] == env
        assert values["wayIn"]["host"] == names.host(answers, env)
        assert values["replicaCount"] == names.replicas(env)
        assert values["podDisruptionBudget"]["enabled"] is names.is_prod(env)
        assert values["rbac"] == {
            "viewersGroup": f"orbit-{env}-viewers",
            "deployersGroup": f"orbit-{env}-deployers",
        }
        # the project id differs per cluster: Fleet sets it (helm/fleet/<env>.yaml), or `kubectl annotate` does
        assert "namespace" not in values
        # Google Secret Manager names allow no "/", so the remote keys are APP-ENV-<id> there
        assert values["secrets"]["externalSecrets"]["remoteKeyPrefix"] == f"orbit-{env}-"
        assert "gcpsm" in values["secrets"]["externalSecrets"]["provider"]


def test_sealed_placeholders_are_per_namespace(tmp_path: Path) -> None:
    decision = with_choices(decide(load_answers(SCENARIO_C)), secrets="sealed-secrets", secret_store="none")
    sealed = write_chart(decision, tmp_path)
    for env in decision.answers.environments:
        placeholders = sealed.values(env)["secrets"]["sealed"]
        assert set(placeholders) == {"db", "s3"}
        assert set(placeholders["db"]) == set(names.DB_KEYS)
        assert {v for keys in placeholders.values() for v in keys.values()} == {
            f"REPLACE-ME-with-kubeseal-output-for-orbit-{env}"
        }


def test_no_chart_without_helm(tmp_path: Path) -> None:
    kustomize_only = with_choices(decide(load_answers(SCENARIO_C)), manifests="kustomize")
    assert build_helm(kustomize_only, context(kustomize_only, tmp_path)) == []
    compose = decide(load_answers(EXAMPLES / "phase-2.yaml"))
    assert build_helm(compose, context(compose, tmp_path)) == []


def test_static_files_are_copied_unchanged_after_the_header(chart) -> None:
    for relpath, data in static_files():
        generated = chart.files[f"helm/{relpath}"]
        assert generated.endswith(data) and generated.count(b"\n") == data.count(b"\n") + 1, relpath


@pytest.mark.slow
def test_wheel_ships_the_chart(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"advisor/skeleton/chart/{relpath}" for relpath, _ in static_files()}
    assert expected <= shipped
    assert "advisor/skeleton/chart/.helmignore" in shipped


def test_optional_parts_render_valid_objects(tmp_path: Path) -> None:
    """Recovery, restore drill and the Namespace: off by default, valid and hardened when on."""
    from tests.skeleton.helm_checks import checklist_problems
    from tests.skeleton.helm_support import validate_object

    chart = write_chart(decide(load_answers(EXAMPLES / "scenario-b-c.yaml")), tmp_path)
    values = chart.values("staging")
    values["postgres"].update(
        recovery={"enabled": True, "targetTime": "2026-01-01T00:00:00Z"}, restoreDrill={"enabled": True}
    )
    values.update(namespace={"create": True, "rancherProjectId": "c-abc12:p-xyz34"})
    assert lint_problems(chart.lint("staging", values)) == []
    objects = chart.objects("staging", values)
    kinds = {(o["kind"], o["metadata"]["name"]) for o in objects}
    optional = {
        ("Cluster", "bastion-db-restored"),
        ("ScheduledBackup", "bastion-db-restored-base-backup"),
        ("NetworkPolicy", "bastion-db-restored"),
        ("Cluster", "bastion-db-drill"),
        ("NetworkPolicy", "bastion-db-drill"),
        ("NetworkPolicy", "bastion-restore-drill-check"),
        ("Job", "bastion-restore-drill-check"),
        ("Namespace", "bastion-staging"),
    }
    assert optional <= kinds
    assert not optional & {(o["kind"], o["metadata"]["name"]) for o in chart.objects("staging")}
    problems = [p for o in objects for p in validate_object(o)]
    assert problems + checklist_problems(objects, "bastion", prod=False, object_storage=True) == []
    restore = next(o for o in objects if o["kind"] == "Cluster" and o["metadata"]["name"] == "bastion-db-restored")
    assert restore["spec"]["bootstrap"]["recovery"]["recoveryTarget"] == {"targetTime": "2026-01-01T00:00:00Z"}
    assert restore["spec"]["bootstrap"]["recovery"]["secret"] == {"name": "bastion-db"}
    assert restore["spec"]["externalClusters"][0]["plugin"]["parameters"]["serverName"] == "bastion-db"
    assert restore["spec"]["plugins"][0]["parameters"]["serverName"] == "bastion-db-restored"
    namespace = next(o for o in objects if o["kind"] == "Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    assert namespace["metadata"]["annotations"]["field.cattle.io/projectId"] == "c-abc12:p-xyz34"
