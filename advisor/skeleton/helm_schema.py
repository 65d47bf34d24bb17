"""`values.schema.json`: Helm checks every `-f values-<env>.yaml` against it before rendering anything.

The schema is what makes the chart hard to misuse: image tags cannot be `latest`, the user id stays >= 10000,
every container keeps requests and limits, and a typo in a key is an error rather than a silently ignored value.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton.helm_observability import schema as observability_schema
from advisor.skeleton.helm_schema_parts import (
    ANNOTATIONS,
    BOOL,
    DNS_LABEL,
    HOSTNAME,
    PORT,
    QUANTITY,
    _enum,
    _obj,
    _str,
)

CIDR = r"^[0-9a-fA-F:.]+/[0-9]{1,3}$"
CIDRS = {"type": "array", "items": _str(CIDR), "minItems": 1, "description": "Address ranges (CIDR)."}
_RULE_LIST = {"type": "array", "items": {"type": "string", "not": {"const": "*"}}}


# a registry host (and port), then path components separated as the distribution reference grammar allows
REGISTRY_PATTERN = r"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*)?$"


def _rules(never: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "description": description,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["apiGroups", "resources", "verbs"],
            "properties": {
                "apiGroups": _RULE_LIST,
                "resources": {**_RULE_LIST, "items": {"type": "string", "not": {"enum": never}}},
                "verbs": _RULE_LIST,
                "resourceNames": _RULE_LIST,
            },
        },
    }


READ_RULES = _rules(["*", "secrets"], "Role rules (written by advisor): never a wildcard, never Secrets.")
# Helm keeps its release revisions in Secrets of the namespace, so the deployers' Role may name them.
DEPLOY_RULES = _rules(["*"], "Role rules (written by advisor): never a wildcard.")
IMAGE = _obj(
    {
        "repository": _str(r"^[a-z0-9]+(([._/:]|__|-+)[a-z0-9]+)*$"),  # the reference grammar's separators
        "tag": {"type": "string", "minLength": 1, "not": {"const": "latest"}, "description": "Pinned; never latest."},
    }
)
_AMOUNTS = _obj({"cpu": _str(QUANTITY), "memory": _str(QUANTITY), "ephemeral-storage": _str(QUANTITY)})
RESOURCES = _obj({"requests": _AMOUNTS, "limits": _AMOUNTS})
STORAGE = _obj({"size": _str(QUANTITY), "storageClass": _str()})
SERVICE_ACCOUNT = _obj(
    {
        "name": _str(r"^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)?$", description="'' for the chart's own name."),
        "annotations": {
            **ANNOTATIONS,
            "description": "The cloud identity: eks.amazonaws.com/role-arn, iam.gke.io/gcp-service-account, or "
            "azure.workload.identity/client-id and tenant-id.",
        },
    },
    required=["annotations"],
)


def values_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "global": {"type": "object"},
        "nameOverride": _str(),
        "fullnameOverride": _str(),
        "partOf": _str(DNS_LABEL),
        "environment": _str(r"^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$"),
        "advisor": _obj({"adr": _str(r"^ADR-[0-9]{4,}$")}),
        "image": _obj({**IMAGE["properties"], "pullPolicy": _enum("IfNotPresent", "Always")}),
        "imageRegistry": _str(REGISTRY_PATTERN),
        "deploymentAnnotations": {"type": "object", "additionalProperties": {"type": "string"}},
        "linterExceptions": _obj({key: ANNOTATIONS for key in ("withSecrets", "withoutSecrets", "testPod")}),
        "replicaCount": {"type": "integer", "minimum": 1},
        "rotation": _obj(
            {"strategy": {**_enum("restart-on-change", "reread-files"), "description": "What a rotation does."}}
        ),
        "quota": _obj({"enabled": BOOL, "hard": {"type": "object", "additionalProperties": _str(QUANTITY)}}),
        "limitRange": _obj({"enabled": BOOL, "default": _AMOUNTS, "defaultRequest": _AMOUNTS}),
        "containerPorts": _obj({"http": PORT, "metrics": PORT}),
        "service": _obj({"port": PORT, "metricsPort": PORT}),
        "securityContext": _obj(
            {key: {"type": "integer", "minimum": 10000} for key in ("runAsUser", "runAsGroup", "fsGroup")}
        ),
        "serviceAccount": SERVICE_ACCOUNT,
        "podLabels": {"type": "object", "additionalProperties": _str(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")},
        "resources": RESOURCES,
        "tmpSizeLimit": _str(QUANTITY),
        "topologySpread": _obj(
            {
                "keys": {"type": "array", "items": _str()},
                "required": {"type": "array", "items": _str(), "description": "Keys spread as a requirement."},
            }
        ),
        "config": {"type": "object", "additionalProperties": {"type": "string"}},
        "namespace": _obj(
            {
                "create": BOOL,
                "rancherProjectId": _str(r"^([A-Za-z0-9-]+:[A-Za-z0-9-]+)?$", description="c-XXXXX:p-XXXXX"),
            }
        ),
        "wayIn": _obj(
            {
                "kind": {**_enum("gateway-api", "ingress"), "description": "A Gateway and HTTPRoutes, or an Ingress."},
                "className": _str(DNS_LABEL, description="GatewayClass or IngressClass; never the retired nginx."),
                "host": _str(HOSTNAME),
                "clusterIssuer": _str(DNS_LABEL),
            }
        ),
        "podDisruptionBudget": _obj({"enabled": BOOL, "minAvailable": {"type": "integer", "minimum": 1}}),
        "networkPolicy": _obj(
            {
                "enabled": BOOL,
                "controllerNamespace": _str(DNS_LABEL, description="Where the Gateway's (or Ingress') proxies run."),
                "controllerCidrs": {"type": "array", "items": _str(r"^[0-9a-f.:]+/[0-9]{1,3}$")},
                "databaseCidrs": {
                    "type": "array",
                    "minItems": 1,
                    "items": {**_str(r"^[0-9a-f.:]+/[0-9]{1,3}$"), "not": {"enum": ["0.0.0.0/0", "::/0"]}},
                    "description": "Where the managed database is; never the whole internet.",
                },
                "cnpgNamespace": _str(DNS_LABEL),
                "apiServerCidrs": CIDRS,
                "credentialEndpoints": {
                    "type": "array",
                    "items": _obj({"cidr": _str(r"^[0-9./]+$"), "port": PORT}),
                },
            }
        ),
        "rbac": _obj(
            {
                "create": BOOL,
                "viewersGroup": _str(minLength=1),
                "deployersGroup": _str(minLength=1),
                "readOnlyRules": READ_RULES,
                "deployRules": DEPLOY_RULES,
            }
        ),
        "secrets": _obj(
            {
                "strategy": _enum("external-secrets", "sealed-secrets", "sops"),
                "externalSecrets": _obj(
                    {
                        "refreshInterval": _str(r"^[0-9]+(s|m|h)$"),
                        "provider": {"type": "object"},
                        "remoteKeyPrefix": _str(),
                        "serviceAccount": SERVICE_ACCOUNT,
                    }
                ),
                "sealed": {
                    "type": "object",
                    "additionalProperties": {"type": "object", "additionalProperties": _str(minLength=1)},
                },
            }
        ),
        "postgres": _obj(
            {
                "mode": _enum("managed", "in-cluster"),
                "instances": {"type": "integer", "minimum": 1},
                "podAntiAffinityType": _enum("preferred", "required"),
                "image": IMAGE,
                "storage": STORAGE,
                "resources": RESOURCES,
                "backup": _obj(
                    {
                        "destinationPath": _str(r"^s3://"),
                        "endpointURL": _str(r"^https?://"),
                        "endpointCA": {
                            "description": "Secret and key of the endpoint's CA bundle; {} for none.",
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {"name": _str(DNS_LABEL), "key": _str(minLength=1)},
                        },
                        "encryption": {"enum": ["", "AES256", "aws:kms"]},
                        "regionFromSecret": BOOL,
                        "storeInCluster": BOOL,
                        "storeCidrs": {**CIDRS, "minItems": 0},
                        "storePort": PORT,
                        "archiveTimeout": _str(r"^[1-9][0-9]*min$", description="At most the RPO."),
                        "schedule": _str(r"^\S+( \S+){5}$", description="Six fields, seconds first."),
                        "sidecarResources": RESOURCES,
                    }
                ),
                "recovery": _obj(
                    {
                        "enabled": BOOL,
                        "clusterName": _str(DNS_LABEL),
                        "targetTime": _str(),
                        "retireOriginal": {
                            **BOOL,
                            "description": "After a restore took over: stop rendering the original cluster.",
                        },
                    }
                ),
                "restoreDrill": _obj(
                    {
                        "enabled": BOOL,
                        "script": _str(minLength=1, description="The drill check (written by advisor)."),
                        "rtoMinutes": {"type": "integer", "minimum": 1},
                        "rpoMinutes": {"type": "integer", "minimum": 0},
                        "activeDeadlineSeconds": {"type": "integer", "minimum": 1},
                    }
                ),
            }
        ),
        "objectStorage": _obj(
            {
                "mode": _enum("managed", "in-cluster", "not-needed"),
                "access": _enum(
                    "s3-keys",
                    "s3-gateway",
                    "s3-workload-identity",
                    "gcs-workload-identity",
                    "blob-workload-identity",
                    "none",
                ),
                "secrets": {
                    "type": "array",
                    "items": _obj({"id": _str(DNS_LABEL), "keys": {"type": "array", "items": _str(minLength=1)}}),
                },
                "appEnv": {
                    "type": "array",
                    "items": _obj(
                        {"name": _str(r"^[A-Z][A-Z0-9_]*$"), "id": _str(DNS_LABEL), "key": _str(minLength=1)}
                    ),
                },
                "gateway": _obj({"image": IMAGE, "resources": RESOURCES, "serviceAccount": SERVICE_ACCOUNT}),
                "minio": _obj(
                    {
                        "image": IMAGE,
                        "mcImage": IMAGE,
                        "storage": STORAGE,
                        "setupScript": _str(minLength=1, description="The bucket Job's script (written by advisor)."),
                        "jobEnv": {"type": "array", "items": {"type": "object"}},
                        "tlsSecret": {"type": "string", "description": "Secret with MinIO's certificate; '' for http."},
                        "resources": RESOURCES,
                        "jobResources": RESOURCES,
                    }
                ),
                "copy": _obj(
                    {
                        "enabled": {
                            **BOOL,
                            "description": "Mirror MinIO's bucket to the environment's backup bucket (off-cluster).",
                        },
                        "schedule": _str(r"^\S+( \S+){4}$", description="Five fields: a CronJob schedule."),
                        "startingDeadlineSeconds": {"type": "integer", "minimum": 1},
                        "activeDeadlineSeconds": {"type": "integer", "minimum": 1},
                        "script": _str(minLength=1, description="The copy (written by advisor)."),
                        "drillScript": _str(minLength=1, description="The drill's read-back (written by advisor)."),
                        "env": {"type": "array", "items": {"type": "object"}},
                        "storeCaSecret": {"type": "string", "description": "Secret (key ca.crt) of the store's CA."},
                        "resources": RESOURCES,
                    }
                ),
            }
        ),
        "observability": observability_schema(),
        "tests": _obj({"image": IMAGE, "resources": RESOURCES}),
    }
    schema = _obj(properties, required=sorted(key for key in properties if key != "global"))
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "advisor chart values", **schema}
