"""The Kustomize tree: `base/`, `components/<part>/`, `overlays/<env>/` and a `restore-drill/` overlay.

Switching a decision is adding or removing a component; overlays only set what differs per environment
(namespace, labels, pinned image tag, replicas, host, sizes) and hold what must be per namespace (the Namespace,
group bindings, credentials). Only current fields are used: no commonLabels, patchesStrategicMerge, vars, bases.
"""

from __future__ import annotations

from typing import Any

from advisor.content import Content
from advisor.skeleton import (
    dbtls,
    identity,
    images,
    minio,
    names,
    network,
    objectstore,
    postgres,
    secrets,
    traffic,
    workload,
)
from advisor.skeleton.model import ENV_LABEL, Target
from advisor.skeleton.objects import base_objects, component_objects, overlay_objects
from advisor.skeleton.yamlout import dump_all, dump_one

KUSTOMIZATION = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization"}
COMPONENT = {"apiVersion": "kustomize.config.k8s.io/v1alpha1", "kind": "Component"}
Files = list[tuple[str, Content]]


def _file_name(obj: dict[str, Any]) -> str:
    return {"NetworkPolicy": "networkpolicies", "Role": "rbac", "RoleBinding": "rbac"}.get(
        obj["kind"], obj["kind"].lower()
    )


def _grouped(objects: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Objects by file, in first-seen order: one file per kind (related policies and roles together)."""
    files: dict[str, list[dict[str, Any]]] = {}
    for item in objects:
        files.setdefault(f"{_file_name(item)}.yaml", []).append(item)
    return files


def _folder(folder: str, head: dict[str, Any], objects: list[dict[str, Any]], header: str, **extra: Any) -> Files:
    grouped = _grouped(objects)
    kustomization = {**head, "resources": list(grouped), **extra}
    if not kustomization["resources"]:
        del kustomization["resources"]
    out = [(f"{folder}/kustomization.yaml", dump_one(kustomization, header))]
    out += [(f"{folder}/{name}", dump_all(items, header)) for name, items in grouped.items()]
    return out


def _patch(kind: str, api: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": api, "kind": kind, "metadata": {"name": name}, "spec": spec}


def cluster_patch_target(t: Target) -> dict[str, str]:
    """The overlay sizes every serving cluster of the app: the live one, and a restored one once the
    `postgres-recovery` component is added (a name regex; a target that matches nothing is no error)."""
    group, version = postgres.CNPG_API.split("/")
    clusters = "|".join(network.app_databases(t))
    return {"group": group, "version": version, "kind": "Cluster", "name": f"^({clusters})$"}


def _patches(t: Target) -> list[tuple[str, dict[str, Any]]]:
    env = t.env or "base"
    out = traffic.patches(t, _patch)
    if t.in_cluster_db:
        store = postgres.object_store(t)["spec"]
        cluster = {**postgres.availability(t), "storage": {"size": names.db_storage(env)}}
        out.append(("cluster", _patch("Cluster", postgres.CNPG_API, names.db_cluster(t.answers), cluster)))
        store_patch = {"configuration": {"destinationPath": store["configuration"]["destinationPath"]}}
        out.append(
            ("objectstore", _patch("ObjectStore", postgres.BARMAN_API, names.backup_store(t.answers), store_patch))
        )
    if t.object_storage == "in-cluster":
        claim = {
            "metadata": {"name": "data"},
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": names.minio_storage(env)}},
            },
        }
        out.append(
            ("minio", _patch("StatefulSet", "apps/v1", names.minio(t.answers), {"volumeClaimTemplates": [claim]}))
        )
        out.append(("minio-buckets", minio.bucket_job_patch(t)))
    return out


def _patch_entry(t: Target, name: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": f"patches/{name}.yaml"}
    if name == "cluster":
        entry["target"] = cluster_patch_target(t)
    return entry


def _overlay(t: Target, prefix: str, header: str, components: list[str]) -> Files:
    assert t.env is not None
    folder = f"{prefix}overlays/{t.env}"
    patches = _patches(t)
    own = _grouped(overlay_objects(t))
    kustomization = {
        **KUSTOMIZATION,
        "namespace": t.namespace,
        "resources": ["../../base", *own],
        "components": [f"../../components/{name}" for name in components],
        "labels": [{"pairs": {ENV_LABEL: t.env}, "includeSelectors": False, "includeTemplates": True}],
        "commonAnnotations": names.advisor_annotations(t.adr_id),
        "images": images.kustomize_images(t.decision),
        "replicas": [{"name": deployment, "count": names.replicas(t.env)} for deployment in _deployments(t)],
        "patches": [_patch_entry(t, name) for name, _ in patches],
    }
    image_fields = _image_fields(t, folder, kustomization, header)  # may add `configurations` first
    files = [(f"{folder}/kustomization.yaml", dump_one(kustomization, header)), *image_fields]
    files += [(f"{folder}/{name}", dump_all(items, header)) for name, items in own.items()]
    files += [(f"{folder}/patches/{name}.yaml", dump_one(body, header)) for name, body in patches]
    if t.decision.choices.get("secrets") == "sops":  # built apart: KSOPS needs alpha plugins, the overlay must not
        generator = {**KUSTOMIZATION, "namespace": t.namespace, "generators": ["ksops.yaml"]}
        files.append((f"{folder}/secrets/kustomization.yaml", dump_one(generator, header)))
        files.append((f"{folder}/secrets/ksops.yaml", dump_one(secrets.ksops_generator(t), header)))
    return files


def _deployments(t: Target) -> list[str]:
    """Deployments whose replica count the overlay sets: the app, and the S3 gateway beside it."""
    return [t.app] + ([identity.gateway_account(t)] if objectstore.gateway(t) else [])


def _image_fields(t: Target, folder: str, kustomization: dict[str, Any], header: str) -> Files:
    """With a registry, `images:` must also reach CloudNativePG's `spec.imageName`: a local configuration says so.
    Adds `configurations` to `kustomization`, so call it before dumping that."""
    if not (t.answers.delivery.registry and t.in_cluster_db):
        return []
    kustomization["configurations"] = ["kustomizeconfig.yaml"]
    return [(f"{folder}/kustomizeconfig.yaml", dump_one(images.KUSTOMIZE_IMAGE_FIELDS, header))]


def _retire_component(t: Target, prefix: str, header: str) -> Files:
    """After a restore has taken over: the overlay stops declaring the original cluster, so neither a later
    `apply -k` nor a Fleet sync can recreate it empty with initdb (`$patch: delete` drops it from the build)."""
    folder = f"{prefix}components/postgres-retire-original"
    # one deletion per file: kustomize 5.5 fails on several `$patch: delete` documents in one patch file
    deletions = {
        f"{kind.lower()}.yaml": {"$patch": "delete", "apiVersion": api, "kind": kind, "metadata": {"name": name}}
        for api, kind, name in postgres.original_objects(t)
    }
    kustomization = {**COMPONENT, "patches": [{"path": path} for path in deletions]}
    files = [(f"{folder}/kustomization.yaml", dump_one(kustomization, header))]
    return files + [(f"{folder}/{path}", dump_one(body, header)) for path, body in deletions.items()]


def _base(base: Target, prefix: str, header: str) -> Files:
    """base/: the objects, with a managed database's CA built from the file the team fills in (`postgres-ca.crt`)."""
    if base.in_cluster_db:
        return _folder(f"{prefix}base", KUSTOMIZATION, base_objects(base), header)
    ca = dbtls.ca_configmap(base)
    objects = [o for o in base_objects(base) if not (o["kind"] == "ConfigMap" and o["metadata"]["name"] == ca)]
    files = _folder(f"{prefix}base", KUSTOMIZATION, objects, header, configMapGenerator=[dbtls.ca_generator(base)])
    return [*files, (f"{prefix}base/{dbtls.CA_FILE}", dbtls.ca_file(base).encode())]


def build(t: Target, envs: list[str], prefix: str, header: str) -> Files:
    base = t.with_env(None)
    files = _base(base, prefix, header)
    all_components = component_objects(base)
    for name, objects in all_components.items():
        extra: dict[str, Any] = {}
        if name == "high-availability":  # production: replicas on different nodes, as a requirement
            extra["patches"] = [{"path": "spread.yaml", "target": {"kind": "Deployment", "name": t.app}}]
            spread = dump_one(workload.spread_patch(), header)  # type: ignore[arg-type]
            files.append((f"{prefix}components/{name}/spread.yaml", spread))
        files += _folder(f"{prefix}components/{name}", COMPONENT, objects, header, **extra)
    if t.in_cluster_db:
        files += _folder(f"{prefix}components/restore-drill", COMPONENT, postgres.drill_objects(base), header)
        files += _folder(f"{prefix}components/postgres-recovery", COMPONENT, postgres.recovery_objects(base), header)
        files += _retire_component(t, prefix, header)
    for env in envs:
        et = t.with_env(env)
        parts = list(component_objects(et))
        files += _overlay(et, prefix, header, parts)
    if t.in_cluster_db:
        env = names.drill_env(envs)
        drill = {
            **KUSTOMIZATION,
            "namespace": names.namespace(t.answers, env),
            "components": ["../components/restore-drill"],
            "labels": [{"pairs": {ENV_LABEL: env}, "includeSelectors": False, "includeTemplates": True}],
        }
        if t.answers.delivery.registry:
            drill["images"] = images.kustomize_images(t.decision)[1:]  # the third-party ones, not the app
        image_fields = _image_fields(t, f"{prefix}restore-drill", drill, header)
        files += [(f"{prefix}restore-drill/kustomization.yaml", dump_one(drill, header)), *image_fields]
    return files
