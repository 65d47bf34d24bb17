"""Check custom resources the way the API server does, against the operators' own schemas pinned in crd_schemas/.

The API server *prunes* fields a CRD's structural schema does not declare, silently: a manifest written for a newer
operator loses fields on an older one and still applies. So besides type errors (jsonschema), every field the
schema would prune is reported, walking the object beside its openAPIV3Schema and honouring
`x-kubernetes-preserve-unknown-fields`, `additionalProperties` and `x-kubernetes-embedded-resource`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMAS = Path(__file__).resolve().parent / "crd_schemas"
BUILT_IN_GROUPS = {"", "apps", "batch", "policy", "networking.k8s.io", "rbac.authorization.k8s.io"}
OBJECT_META = {"apiVersion", "kind", "metadata"}


def is_custom(obj: dict[str, Any]) -> bool:
    return obj["apiVersion"].rpartition("/")[0] not in BUILT_IN_GROUPS


def schema_path(obj: dict[str, Any]) -> Path:
    group, _, version = obj["apiVersion"].rpartition("/")
    return SCHEMAS / group / f"{obj['kind'].lower()}_{version}.json"


@functools.cache
def load_schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def pruned_fields(
    value: Any, schema: dict[str, Any], path: str = "", *, root: bool = True, document: dict[str, Any] | None = None
) -> list[str]:
    """Dotted paths of every field the API server would drop from `value` under `schema`.

    CRD schemas are structural (no `$ref`); fleet.yaml's schema uses local `$ref`s into `$defs`, resolved here."""
    document = document if document is not None else schema
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        return []
    out: list[str] = []
    if isinstance(value, dict):
        properties = schema.get("properties")
        additional = schema.get("additionalProperties")
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if (root or schema.get("x-kubernetes-embedded-resource")) and key in OBJECT_META:
                continue  # ObjectMeta is the server's own, never pruned by the CRD schema
            if properties is not None and key in properties:
                out += pruned_fields(item, properties[key], where, root=False, document=document)
            elif isinstance(additional, dict):
                out += pruned_fields(item, additional, where, root=False, document=document)
            elif additional is not True:
                out.append(where)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            out += pruned_fields(item, schema["items"], f"{path}[{index}]", root=False, document=document)
    return out


def type_errors(value: Any, schema: dict[str, Any]) -> list[str]:
    validator = _validator(json.dumps(schema, sort_keys=True))
    return [f"{'.'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(value)]


@functools.cache
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    return cls(schema)


def custom_resource_problems(obj: dict[str, Any]) -> list[str]:
    """Pruned fields and type errors of one custom resource; a kind without a pinned schema is a problem too."""
    where = f"{obj['apiVersion']} {obj['kind']}/{obj['metadata'].get('name')}"
    path = schema_path(obj)
    if not path.is_file():
        return [f"{where}: no pinned schema ({path.relative_to(SCHEMAS)}); copy it from the operator's release"]
    schema = load_schema(path)
    problems = [f"{where}: {field} would be pruned" for field in pruned_fields(obj, schema)]
    problems += [f"{where}: {error}" for error in type_errors(obj, schema)]
    return problems


def file_problems(document: Any, schema_file: str) -> list[str]:
    """A non-Kubernetes file (compose.yaml, fleet.yaml, a KSOPS generator) against its own schema."""
    schema = load_schema(SCHEMAS / schema_file)
    return type_errors(document, schema)
