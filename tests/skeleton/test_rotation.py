"""A rotated credential reaches the app: Reloader restarts it on change, or the app re-reads mounted files; the ADR
and the README say which.

Defect: credentials were environment variables refreshed hourly by External Secrets with nothing that restarted or
re-read, so the first rotation left every pod on the old password while the ADR promised rotation.
"""

from __future__ import annotations

import pytest

from advisor.pipeline import evaluate
from advisor.skeleton import rotation
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.skeleton.cloud_variants import answers_for
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import example_decision, variant

KUBERNETES = ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml", "scenario-b-c.yaml"]


def _app(objects: list[dict], app: str) -> dict:
    return next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == app)


def _secrets_read(deployment: dict) -> set[str]:
    pod = deployment["spec"]["template"]["spec"]
    refs = {
        e["valueFrom"]["secretKeyRef"]["name"] for c in pod["containers"] for e in c.get("env", []) if "valueFrom" in e
    }
    # credential files; the database CA is re-read by libpq on every connection, so it needs no restart
    return refs | {v["secret"]["secretName"] for v in pod.get("volumes", []) if v["name"].startswith("secret-")}


@pytest.mark.parametrize("example", KUBERNETES)
def test_every_secret_the_app_reads_restarts_it_when_it_changes(example: str, tmp_path) -> None:
    decision = example_decision(EXAMPLES / example)
    assert decision.choices["secret_rotation"] == "restart-on-change"
    app = decision.answers.project.name
    env = decision.answers.environments[0]
    renders = [env_objects(decision, "ADR-0007", env)]
    if decision.choices["manifests"] in ("helm", "both"):
        renders.append(write_chart(decision, tmp_path).objects(env))
    for objects in renders:
        deployment = _app(objects, app)
        reloads = set(deployment["metadata"]["annotations"][rotation.RELOAD].split(","))
        assert reloads == _secrets_read(deployment) and f"{app}-db" in reloads


def test_an_app_that_rereads_files_gets_mounted_secrets_and_no_variables(tmp_path) -> None:
    decision = evaluate(answers_for("c", "aws", delivery={"credentials": "files"}))[0]
    assert decision.choices["secret_rotation"] == "reread-files"
    kustomize = env_objects(decision, "ADR-0007", "prod")
    helm = write_chart(decision, tmp_path).objects("prod")
    for objects in (kustomize, helm):
        deployment = _app(objects, "orbit")
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        assert not any("valueFrom" in e for e in container["env"])
        files = {e["name"]: e["value"] for e in container["env"]}
        assert files["DATABASE_PASSWORD_FILE"] == "/var/run/secrets/app/db/password"
        assert files["S3_BUCKET_FILE"] == "/var/run/secrets/app/s3/bucket"
        mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["volumes"]}
        for path in files.values():
            folder = path.rsplit("/", 1)[0]
            mount = mounts[folder]  # a whole-Secret mount (never subPath, which the kubelet does not refresh)
            assert mount["readOnly"] is True and "subPath" not in mount
            assert volumes[mount["name"]]["secret"]["defaultMode"] == 0o440
        assert rotation.RELOAD not in deployment["metadata"].get("annotations", {})
        skips = [v for k, v in deployment["metadata"].get("annotations", {}).items() if k.startswith("checkov.io/")]
        assert not any(s.startswith("CKV_K8S_35") for s in skips)  # no secret in the environment to excuse


def test_the_adr_and_the_readme_say_what_happens_on_rotation(tmp_path) -> None:
    from advisor.answers import load_answers
    from advisor.content import force
    from advisor.pipeline import run
    from tests.adr.test_render_roundtrip import _options

    result = run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path))
    files = {item.path: force(item.data).decode() for item in result.plan.files}
    adr = next(force(i.data).decode() for i in result.plan.files if i.root.name == "adr")
    assert "**Rotation: Restart on change (Reloader)**, because of **How the app reads credentials**" in adr
    assert "Bad, because the cluster runs Stakater Reloader" in adr
    readme = files["README.md"]
    assert "## Rotation" in readme and "secret.reloader.stakater.com/reload: atlas-db,atlas-s3" in readme
    assert "Stakater Reloader (chart `stakater/reloader`" in readme  # the cluster needs it
    files_decision = variant(example_decision(EXAMPLES / "scenario-a.yaml"), secret_rotation="reread-files")
    from advisor.skeleton.readme_rotation import rotation_section

    assert "No pod restarts" in "\n".join(rotation_section(files_decision))
