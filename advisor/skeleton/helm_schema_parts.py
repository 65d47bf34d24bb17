"""The building blocks of the chart's `values.schema.json`: closed objects, strings with patterns, common types.

`helm_schema` assembles the whole schema from them and `helm_observability` its `observability` part; both sit on
this module, so the part does not have to reach back into the whole.
"""

from __future__ import annotations

from typing import Any

DNS_LABEL = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"
HOSTNAME = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$"
QUANTITY = r"^[0-9]+(\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$"


def _obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """A closed object: unknown keys are errors (a misspelt key would otherwise be ignored)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(properties) if required is None else required,
        "properties": properties,
    }


def _str(pattern: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", **extra}
    if pattern:
        out["pattern"] = pattern
    return out


def _enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


BOOL = {"type": "boolean"}
ANNOTATIONS = {"type": "object", "additionalProperties": {"type": "string"}}
PORT = {"type": "integer", "minimum": 1, "maximum": 65535}
