"""The Helm chart's values as data: `values.yaml` (shared) and one `values-<env>.yaml` per environment.

The chart's templates are static; everything that follows from the answers and the decision is a value here,
taken from `names` (and the secret store provider from `secrets`) so the chart and the Kustomize tree describe the
same objects. Nothing the user typed is pasted into a template: values are data, dumped by a YAML dumper.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.decision import Decision
from advisor.skeleton import (
    dbtls,
    drill,
    helm_observability,
    identity,
    linter_exceptions,
    names,
    network,
    objects,
    objects_copy,
    objectstore,
    observability,
    quota,
    rbac,
    workload,
)
from advisor.skeleton import minio as minio_objects
from advisor.skeleton import postgres as postgres_objects
from advisor.skeleton import secrets as secret_objects
from advisor.skeleton.model import Target

SEALED_PLACEHOLDER = "REPLACE-ME-with-kubeseal-output-for-{namespace}"


def _image(ref: str) -> dict[str, str]:
    repository, _, tag = ref.rpartition(":")
    return {"repository": repository, "tag": tag}


def shared_values(decision: Decision, adr_id: str) -> dict[str, Any]:
    """What every environment has in common; `values-<env>.yaml` overrides the rest."""
    answers = decision.answers
    app = names.app(answers)
    postgres = decision.choices.get("postgres", "managed")
    object_storage = decision.choices.get("object_storage", "managed")
    return {
        "nameOverride": "",
        "fullnameOverride": "",
        "partOf": app,
        "environment": "",
        "advisor": {"adr": adr_id},  # the one place the chart names its ADR
        "image": {
            "repository": names.image(answers),
            "tag": answers.delivery.image_tag,
            # Tags are immutable and pinned per environment; the README explains the imagePullPolicy stance.
            "pullPolicy": "IfNotPresent",
        },
        # Every third-party image (Postgres, MinIO, mc, the test Pod's curl) is pulled from here when set.
        "imageRegistry": answers.delivery.registry or "",
        "deploymentAnnotations": workload.deployment(Target(decision, adr_id))["metadata"]["annotations"],
        "rotation": {"strategy": decision.choices.get("secret_rotation", "restart-on-change")},
        "linterExceptions": linter_exceptions.chart_values(),
        "replicaCount": 1,
        "containerPorts": {"http": names.HTTP_PORT, "metrics": names.METRICS_PORT},
        "service": {"port": names.SERVICE_PORT, "metricsPort": names.METRICS_PORT},
        "securityContext": {"runAsUser": names.RUN_AS, "runAsGroup": names.RUN_AS, "fsGroup": names.RUN_AS},
        "serviceAccount": {"name": "", "annotations": {}},  # values-<env>.yaml names the environment's identity
        "podLabels": identity.app_pod_labels(Target(decision, adr_id)),
        "resources": names.resources(),
        "tmpSizeLimit": "64Mi",
        "topologySpread": {"keys": list(workload.SPREAD_KEYS), "required": []},
        "config": {**observability.app_config(decision), **dbtls.config(Target(decision, adr_id))},
        "namespace": {"create": False, "rancherProjectId": ""},
        "wayIn": {
            "kind": decision.choices.get("way_in", "gateway-api"),
            "className": answers.gateway_class,
            "host": names.host(answers, "dev"),
            "clusterIssuer": answers.delivery.tls_issuer,
        },
        "podDisruptionBudget": {"enabled": False, "minAvailable": 1},
        "quota": {"enabled": True, "hard": _quota(decision, adr_id, answers.environments[0])},
        "limitRange": {
            "enabled": True,
            "default": names.resources()["limits"],
            "defaultRequest": names.resources()["requests"],
        },
        "networkPolicy": {
            "enabled": True,
            "controllerNamespace": answers.controller_namespace,
            "controllerCidrs": list(answers.network.controller_cidrs),
            "databaseCidrs": answers.database_cidrs,
            "cnpgNamespace": names.CNPG_NAMESPACE,
            "apiServerCidrs": network.api_server_cidrs(Target(decision, adr_id)),
            "credentialEndpoints": [
                {"cidr": cidr, "port": port} for cidr, port in identity.credential_endpoints(Target(decision, adr_id))
            ],
        },
        # Safe defaults so `helm lint` with no -f passes; every values-<env>.yaml names its own groups.
        "rbac": {
            "create": True,
            "viewersGroup": f"{app}-viewers",
            "deployersGroup": f"{app}-deployers",
            "readOnlyRules": rbac.READ_ONLY_RULES,
            "deployRules": rbac.deploy_rules(Target(decision, adr_id)),
        },
        "secrets": {
            "strategy": decision.choices.get("secrets", "external-secrets"),
            "externalSecrets": {"refreshInterval": "1h", **_external_secrets(decision, adr_id)},
            "sealed": {},
        },
        "postgres": {
            "mode": postgres,
            "instances": 1,
            "podAntiAffinityType": "preferred",
            "image": _image(names.POSTGRES_IMAGE),
            "storage": {"size": names.db_storage("dev"), "storageClass": ""},
            "resources": names.resources("250m", "512Mi", "1", "1Gi"),
            "backup": _backup_values(Target(decision, adr_id, "dev")),
            "recovery": {
                "enabled": False,
                "clusterName": names.restored_cluster(answers),
                "targetTime": "",
                "retireOriginal": False,
            },
            "restoreDrill": _drill_values(Target(decision, adr_id, "staging")),
        },
        "objectStorage": {
            "mode": object_storage,
            **_object_access(Target(decision, adr_id)),
            "gateway": {
                "image": _image(names.S3PROXY_IMAGE),
                "resources": names.resources("100m", "384Mi", "1", "768Mi"),
                "serviceAccount": {"annotations": {}},
            },
            "minio": {
                "image": _image(names.MINIO_IMAGE),
                "mcImage": _image(names.MC_IMAGE),
                "storage": {"size": names.minio_storage("dev"), "storageClass": ""},
                **_bucket_job_values(Target(decision, adr_id, "dev")),
                "resources": names.resources("250m", "512Mi", "1", "1Gi"),
                "jobResources": names.resources("50m", "64Mi", "200m", "128Mi"),
            },
            "copy": _copy_values(Target(decision, adr_id, "dev")),
        },
        "observability": helm_observability.shared(decision, adr_id),
        "tests": {"image": _image(names.TEST_IMAGE), "resources": names.resources("10m", "16Mi", "100m", "64Mi")},
    }


def _object_access(target: Target) -> dict[str, Any]:
    """How the app reaches its objects: the Secrets to deliver and the variables the app reads from them."""
    suffix = len(target.app) + 1
    return {
        "access": objectstore.access(target),
        "secrets": [{"id": name[suffix:], "keys": list(keys)} for name, keys in objectstore.secrets(target)],
        "appEnv": [{"name": var, "id": name[suffix:], "key": key} for var, name, key in objectstore.app_env(target)],
    }


def _copy_values(target: Target) -> dict[str, Any]:
    """The off-cluster copy of MinIO's objects: the CronJob and the drill's read-back, as the Kustomize tree has them
    (its environment's backup bucket comes from the pod's environment label, `environment` here)."""
    job = objects_copy.cron_job(target)
    container = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    return {
        "enabled": objects_copy.applies(target),
        "schedule": job["spec"]["schedule"],
        "startingDeadlineSeconds": job["spec"]["startingDeadlineSeconds"],
        "activeDeadlineSeconds": job["spec"]["jobTemplate"]["spec"]["activeDeadlineSeconds"],
        "script": objects_copy.script(target),
        "drillScript": objects_copy.drill_script(target),
        "env": objects_copy.env(target),
        "storeCaSecret": target.answers.backup.ca_bundle_secret or "",
        "resources": container["resources"],
    }


def _drill_values(target: Target) -> dict[str, Any]:
    job = postgres_objects.drill_job(target, names.drill_cluster(target.answers))
    return {
        "enabled": False,
        "script": drill.SCRIPT,
        "rtoMinutes": target.answers.data.rto_minutes,
        "rpoMinutes": target.answers.data.rpo_minutes,
        "activeDeadlineSeconds": job["spec"]["activeDeadlineSeconds"],
    }


def _bucket_job_values(target: Target) -> dict[str, Any]:
    """The same script and credentials as the Kustomize bucket Job (root credentials are in the template)."""
    env = [entry for entry in minio_objects.bucket_job(target)["spec"]["template"]["spec"]["containers"][0]["env"]]
    users = [entry for entry in env if entry["name"] not in ("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MC_CONFIG_DIR")]
    tls = names.minio_tls_secret(target.answers) if minio_objects.serves_tls(target) else ""
    return {"setupScript": minio_objects.setup_script(target), "jobEnv": users, "tlsSecret": tls}


def _backup_values(target: Target) -> dict[str, Any]:
    """The ObjectStore and schedule as the Kustomize tree renders them, so both trees back up the same way."""
    store = postgres_objects.object_store(target)["spec"]
    config = store["configuration"]
    plan = backup_plan.plan(target.answers, target.prod)
    return {
        "destinationPath": config["destinationPath"],
        "endpointURL": config["endpointURL"],
        "endpointCA": config.get("endpointCA", {}),
        "encryption": config["data"].get("encryption", ""),
        "regionFromSecret": "region" in config["s3Credentials"],
        "storeInCluster": network.same_cluster_backups(target),
        "storeCidrs": [] if network.same_cluster_backups(target) else network.backup_cidrs(target),
        "storePort": backup_plan.endpoint_port(target.answers),
        "archiveTimeout": plan.archive_timeout,
        "schedule": plan.schedule,
        "sidecarResources": store["instanceSidecarConfiguration"]["resources"],
    }


def env_values(decision: Decision, adr_id: str, env: str) -> dict[str, Any]:
    """Only what differs per environment, so a diff between two values files shows the real differences."""
    answers = decision.answers
    target = Target(decision, adr_id, env)
    prod = names.is_prod(env)
    namespace = names.namespace(answers, env)
    values: dict[str, Any] = {
        "environment": env,
        "replicaCount": names.replicas(env),
        "wayIn": {"host": names.host(answers, env)},
        "podDisruptionBudget": {"enabled": prod},
        "topologySpread": {"required": list(workload.required_spread(target))},
        "quota": {"hard": _quota(decision, adr_id, env)},
        "rbac": {
            "viewersGroup": names.viewers_group(answers, env),
            "deployersGroup": names.deployers_group(answers, env),
        },
    }
    app_identity = identity.app(target)
    values["serviceAccount"] = {"annotations": dict(app_identity.annotations) if app_identity else {}}
    strategy = decision.choices.get("secrets")
    if strategy == "external-secrets":
        values["secrets"] = {"externalSecrets": _external_secrets(decision, adr_id, env)}
    elif strategy == "sealed-secrets":
        placeholder = SEALED_PLACEHOLDER.format(namespace=namespace)
        values["secrets"] = {
            "sealed": {
                _secret_id(answers, name): dict.fromkeys(keys, placeholder)
                for name, keys in secret_objects.secrets(target)
            }
        }
    if target.in_cluster_db:
        store = postgres_objects.object_store(target)["spec"]
        values["postgres"] = {
            "instances": names.db_instances(env),
            "podAntiAffinityType": postgres_objects.availability(target)["affinity"]["podAntiAffinityType"],
            "storage": {"size": names.db_storage(env)},
            "backup": {"destinationPath": store["configuration"]["destinationPath"]},
        }
    if target.object_storage == "in-cluster":
        minio = {"storage": {"size": names.minio_storage(env)}, "setupScript": minio_objects.setup_script(target)}
        values["objectStorage"] = {"minio": minio}
    if observability.operator(decision):
        values["observability"] = helm_observability.per_env(decision, adr_id, env)
    gateway = identity.gateway(target)
    if gateway is not None:
        values["objectStorage"] = {"gateway": {"serviceAccount": {"annotations": dict(gateway.annotations)}}}
    return values


def _quota(decision: Decision, adr_id: str, env: str) -> dict[str, str]:
    """The environment's ResourceQuota, sized from the same workloads the Kustomize overlay runs."""
    return quota.hard(objects.env_situations(Target(decision, adr_id, env)))


def _external_secrets(decision: Decision, adr_id: str, env: str | None = None) -> dict[str, Any]:
    """The store provider and remote key prefix of `env`; the shared defaults use the first environment's, so a
    bare `helm template` renders a SecretStore the operator accepts."""
    if decision.choices.get("secrets") != "external-secrets":
        return {"provider": {}, "remoteKeyPrefix": "", "serviceAccount": {"name": "", "annotations": {}}}
    target = Target(decision, adr_id, env or decision.answers.environments[0])
    store = secret_objects.external_secrets(target)[0]
    prefix = secret_objects.remote_key(target, "")  # "APP/ENV/" or "APP-ENV-", by what the store allows
    reader = identity.secret_reader(target) if env else None
    account = {"annotations": dict(reader.annotations) if reader else {}}
    if env is None:
        account["name"] = ""
    return {"provider": store["spec"]["provider"], "remoteKeyPrefix": prefix, "serviceAccount": account}


def _secret_id(answers: Any, secret_name: str) -> str:
    """`atlas-backup-s3` -> `backup-s3`: the key under secrets.sealed and the last part of a remote key."""
    return secret_name.removeprefix(names.app(answers) + "-")
