"""Hostile values cannot change the structure of the skeleton; the Compose tree and the checks hold their promises."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from advisor.answers import parse_answers
from advisor.errors import InputError
from advisor.skeleton import SkeletonContext, build_skeleton, names, yamlout
from advisor.skeleton.objects import env_objects
from advisor.skeleton.yamlout import dump, dump_all
from tests import k8s_checks
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import ADR_ID, example_decision, variant

HOSTILE = [
    "line one\nkind: Secret\nstringData: {password: x}",
    "---\napiVersion: v1\nkind: Secret",
    '{{ .Values.pwned }} {{- include "x" . }}',
    "'single' \"double\" `back` \\ # not a comment",
    "key: value",
    "- item",
    "&anchor *alias !!python/object:os.system",
    "  leading and trailing  ",
    "\u2028unicode line separator\u0085",
]


def _files(decision) -> dict[str, bytes]:
    context = SkeletonContext(Path("deploy"), ADR_ID, "../adr.md")
    return {f.path: f.data for f in build_skeleton(decision, context)}


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_scalar_stays_one_scalar(value: str):
    data = {"metadata": {"name": value, "annotations": {value: value}}, "list": [value]}
    text = dump(data)
    assert yaml.safe_load(text) == data
    docs = list(yaml.safe_load_all(dump_all([data, data], "# header\n").force()))
    assert docs == [data, data]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_description_changes_nothing_but_the_hash(value: str):
    decision = example_decision(EXAMPLES / "scenario-b.yaml")
    project = decision.answers.project.model_copy(update={"description": value})
    hostile = decision.model_copy(update={"answers": decision.answers.model_copy(update={"project": project})})
    plain, evil = _files(decision), _files(hostile)
    assert sorted(plain) == sorted(evil)
    old, new = decision.answers.sha256(), hostile.answers.sha256()
    assert old != new
    for path, data in evil.items():
        assert data.replace(new.encode(), old.encode()) == plain[path], path


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_domain_that_skipped_validation_stays_a_value(value: str):
    """Even if a hostname got past validation, it lands as one string in the same places, never as structure."""
    decision = example_decision(EXAMPLES / "scenario-a.yaml")
    delivery = decision.answers.delivery.model_copy(update={"domain": value})
    hostile = decision.model_copy(update={"answers": decision.answers.model_copy(update={"delivery": delivery})})
    plain, evil = _files(decision), _files(hostile)
    assert sorted(plain) == sorted(evil)
    for path in plain:
        if path.endswith(".yaml"):
            before = list(yaml.safe_load_all(plain[path]))
            after = list(yaml.safe_load_all(evil[path]))
            assert [d.get("kind") if isinstance(d, dict) else None for d in after] == [
                d.get("kind") if isinstance(d, dict) else None for d in before
            ], path
    gateway = yaml.safe_load(evil["overlays/prod/patches/gateway.yaml"])
    assert [listener["hostname"] for listener in gateway["spec"]["listeners"]] == [value, value]
    route = yaml.safe_load(evil["overlays/prod/patches/httproute.yaml"])
    assert route["spec"]["hostnames"] == [value]


@pytest.mark.parametrize(
    ("field", "value"),
    [("project.name", "x\nkind: Secret"), ("project.name", "{{ x }}"), ("delivery.domain", "a.com\n---\nkind: x")],
)
def test_hostile_names_are_rejected_before_any_file_is_built(field: str, value: str):
    text = (EXAMPLES / "scenario-a.yaml").read_text()
    section, key = field.split(".")
    data = yaml.safe_load(text)
    data[section][key] = value
    with pytest.raises(InputError):
        parse_answers(yaml.safe_dump(data))


def test_compose_tree_for_the_phase_2_example():
    decision = example_decision(EXAMPLES / "phase-2.yaml")
    files = _files(decision)
    assert sorted(files) == [".env.example", ".gitignore", "README.md", "compose.yaml", "initdb/01-vector.sql"]
    compose = yaml.safe_load(files["compose.yaml"])
    services = compose["services"]
    assert set(services) == {"app", "postgres", "postgres-backup", "minio", "minio-buckets"}
    for name in ("app", "postgres", "minio"):
        assert services[name]["healthcheck"]["test"], name
    assert services["postgres"]["image"] == names.COMPOSE_POSTGRES_IMAGE and "pgvector" in names.COMPOSE_POSTGRES_IMAGE
    for service in services.values():
        assert not service["image"].endswith((":latest", ":pg17")) and ":" in service["image"]
    assert set(compose["volumes"]) == {"pgdata", "pgdumps", "minio"}
    assert services["app"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    env_example = files[".env.example"].decode()
    values = [line.split("=", 1)[1] for line in env_example.splitlines() if "=" in line and not line.startswith("#")]
    assert values and all("REPLACE-ME" in v or v == "app" for v in values)
    assert "CREATE EXTENSION IF NOT EXISTS vector" in files["initdb/01-vector.sql"].decode()
    assert "Phase 4" in files["README.md"].decode()


def test_compose_without_object_storage_has_no_minio():
    decision = example_decision(EXAMPLES / "phase-2.yaml")
    data = decision.answers.data.model_copy(update={"object_storage": False})
    decision = decision.model_copy(update={"answers": decision.answers.model_copy(update={"data": data})})
    compose = yaml.safe_load(_files(decision)["compose.yaml"])
    assert set(compose["services"]) == {"app", "postgres", "postgres-backup"}
    assert set(compose["volumes"]) == {"pgdata", "pgdumps"}


# --- the property checks catch what they promise to catch ------------------------------------------------------
def _prod():
    decision = variant(example_decision(EXAMPLES / "scenario-b.yaml"))
    return env_objects(decision, ADR_ID, "prod")


def _deployment(objects):
    return next(o for o in objects if o["kind"] == "Deployment")


BREAKAGES = {
    "check_images": lambda objs: _deployment(objs)["spec"]["template"]["spec"]["containers"][0].update(
        image="x:latest"
    ),
    "check_security_context": lambda objs: _deployment(objs)["spec"]["template"]["spec"]["containers"][0][
        "securityContext"
    ].update(allowPrivilegeEscalation=True),
    "check_pod_identity": lambda objs: _deployment(objs)["spec"]["template"]["spec"].pop(
        "automountServiceAccountToken"
    ),
    "check_resources": lambda objs: _deployment(objs)["spec"]["template"]["spec"]["containers"][0]["resources"][
        "limits"
    ].pop("ephemeral-storage"),
    "check_probes": lambda objs: _deployment(objs)["spec"]["template"]["spec"]["containers"][0].pop("startupProbe"),
    "check_production": lambda objs: _deployment(objs)["spec"].update(replicas=1),
    "check_network_policies": lambda objs: objs.remove(
        next(o for o in objs if o["metadata"]["name"] == "default-deny")
    ),
    "check_service_and_ingress": lambda objs: next(o for o in objs if o["kind"] == "Service")["spec"].update(
        type="NodePort"
    ),
    "check_way_in": lambda objs: next(o for o in objs if o["kind"] == "Gateway")["spec"]["listeners"].pop(),
    "check_namespaces": lambda objs: objs[0]["metadata"].update(namespace="default"),
    "check_jobs": lambda objs: next(o for o in objs if o["kind"] == "Job")["spec"].pop("ttlSecondsAfterFinished"),
    "check_no_plain_secrets": lambda objs: objs.append(
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "n"}, "stringData": {"a": "b"}}
    ),
    "check_secret_delivery": lambda objs: next(o for o in objs if o["kind"] == "SealedSecret").update(
        apiVersion="bitnami.com/v1"
    ),
    "check_rbac": lambda objs: next(o for o in objs if o["kind"] == "Role")["rules"][0]["verbs"].append("*"),
}


def test_checks_pass_on_the_model():
    assert k8s_checks.all_violations(_prod(), prod=True) == []


@pytest.mark.parametrize("check", sorted(BREAKAGES))
def test_each_check_catches_its_breakage(check: str):
    objects = copy.deepcopy(_prod())
    BREAKAGES[check](objects)
    violations = getattr(k8s_checks, check)(objects)
    assert violations, f"{check} missed the breakage"
    assert all(re.match(r"^[\w ./:-]", v) for v in violations)


def test_secret_interface_check_catches_a_renamed_key():
    objects = copy.deepcopy(_prod())
    env = _deployment(objects)["spec"]["template"]["spec"]["containers"][0]["env"]
    env[0]["valueFrom"]["secretKeyRef"]["key"] = "url"
    assert k8s_checks.check_secret_interface(objects, "ledger", True) == [
        "Deployment/ledger: does not read ledger-db/uri"
    ]


def test_the_rbac_check_lets_the_on_call_read_its_quota_but_not_change_it() -> None:
    objects = copy.deepcopy(_prod())
    role = next(o for o in objects if o["kind"] == "Role" and o["metadata"]["name"].endswith("-deploy"))
    quota = next(r for r in role["rules"] if "resourcequotas" in r["resources"])
    assert k8s_checks.check_rbac(objects) == []
    quota["verbs"] = [*quota["verbs"], "patch"]
    assert k8s_checks.check_rbac(objects) == [
        f"Role/{role['metadata']['name']}: manages its own access or quota (an administrator's objects)"
    ]


@pytest.mark.parametrize("word", ["y", "Y", "n", "N", "yes", "off"])
def test_words_go_yaml_reads_as_booleans_stay_strings(word: str) -> None:
    """Helm and kubectl read YAML 1.1: a plain `y` is true there. A project named `y` broke the chart's values."""
    text = yamlout.dump({"partOf": word})
    assert text != f"partOf: {word}\n" and yaml.safe_load(text) == {"partOf": word}
