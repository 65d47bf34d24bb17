"""The app verifies the database server: verify-full against the provider's CA bundle or CloudNativePG's CA.

Defect: nothing set sslmode or shipped a CA, so libpq's default (prefer) encrypted without verifying the server.
"""

from __future__ import annotations

import pytest

from advisor.skeleton import dbtls
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.skeleton.cloud_variants import decision_for
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import example_decision

CASES = {
    "scenario-a": example_decision(EXAMPLES / "scenario-a.yaml"),
    "scenario-b": example_decision(EXAMPLES / "scenario-b.yaml"),
    "scenario-c": example_decision(EXAMPLES / "scenario-c.yaml"),
    "scenario-b-c": example_decision(EXAMPLES / "scenario-b-c.yaml"),
    "azure-a": decision_for("a", "azure"),
}


def _verified(objects: list[dict], app: str) -> list[str]:
    """Problems: the app's pods must get verify-full and a mounted CA from an object that exists here."""
    out = []
    deployment = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == app)
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
    env = {}
    for source in container.get("envFrom", []):
        env |= maps[source["configMapRef"]["name"]]["data"]
    env |= {e["name"]: e.get("value") for e in container["env"] if "value" in e}
    if env.get("PGSSLMODE") != "verify-full":
        out.append(f"PGSSLMODE is {env.get('PGSSLMODE')!r}")
    root = env.get("PGSSLROOTCERT", "")
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    mount = mounts.get(root.rsplit("/", 1)[0])
    if mount is None:
        return [*out, f"PGSSLROOTCERT {root!r} is not mounted"]
    volume = next(v for v in pod["volumes"] if v["name"] == mount["name"])
    source = volume.get("secret") or volume.get("configMap")
    if [item["path"] for item in source.get("items", [])] != ["ca.crt"]:
        out.append(f"{mount['name']}: mounts more than ca.crt (a CA Secret also holds the CA's key)")
    if "configMap" in volume and volume["configMap"]["name"] not in maps:
        out.append(f"ConfigMap {volume['configMap']['name']} is not rendered")
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_app_verifies_the_database_server_in_both_trees(name: str, tmp_path) -> None:
    decision = CASES[name]
    app = decision.answers.project.name
    in_cluster = decision.choices["postgres"] == "in-cluster"
    renders = {f"kustomize-{env}": env_objects(decision, "ADR-0007", env) for env in decision.answers.environments}
    if decision.choices["manifests"] in ("helm", "both"):
        chart = write_chart(decision, tmp_path)
        renders |= {f"helm-{env}": chart.objects(env) for env in decision.answers.environments}
        renders["helm-bare"] = chart.objects(decision.answers.environments[0], {})
    for where, objects in renders.items():
        assert _verified(objects, app) == [], where
        volumes = next(o for o in objects if o["kind"] == "Deployment")["spec"]["template"]["spec"]["volumes"]
        ca = next(v for v in volumes if v["name"] == dbtls.VOLUME)
        if in_cluster:  # CloudNativePG's CA; its server certificate names <cluster>-rw
            assert ca["secret"]["secretName"] == f"{app}-db-ca", where
        else:
            assert ca["configMap"]["name"] == f"{app}-db-ca", where


def test_the_managed_bundle_is_a_file_the_readme_names_and_nothing_else_reaches_the_cluster(tmp_path) -> None:
    from advisor.skeleton import SkeletonContext, build_skeleton

    decision = CASES["scenario-a"]
    files = {f.path: f.data.decode() for f in build_skeleton(decision, SkeletonContext(tmp_path, "ADR-1", "x.md"))}
    assert "truststore.pki.rds.amazonaws.com/global/global-bundle.pem" in files["base/postgres-ca.crt"]
    assert "base/postgres-ca.crt" in files["README.md"] and "verify-full" in files["README.md"]
    chart = write_chart(CASES["scenario-c"], tmp_path / "c")
    configmap = next(o for o in chart.objects("dev") if o["metadata"]["name"] == "orbit-db-ca")
    assert configmap["data"]["ca.crt"] == ""  # comments only until the bundle is put in: the app cannot connect
    bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    (chart.dir / "files/postgres-ca.crt").write_text("# the team's note\n" + bundle)
    configmap = next(o for o in chart.objects("dev") if o["metadata"]["name"] == "orbit-db-ca")
    assert configmap["data"]["ca.crt"] == bundle
