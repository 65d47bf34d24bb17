"""Checklist checks for a Helm render: the shared K8S-CHECKLIST checks (tests/k8s_checks.py) plus what the chart
promises on top, so one failing assertion lists everything wrong with a render.
"""

from __future__ import annotations

from typing import Any

from tests import k8s_checks


def checklist_problems(objects: list[dict[str, Any]], app: str, *, prod: bool, object_storage: bool | str) -> list[str]:
    out = k8s_checks.all_violations(objects, prod=prod)
    out += k8s_checks.check_secret_interface(objects, app, object_storage)
    return out + chart_problems(objects, app)


def chart_problems(objects: list[dict[str, Any]], app: str) -> list[str]:
    """What the chart adds: ADR annotations on every object, the app's object set, distinct probe paths."""
    out = [
        f"{k8s_checks.ref(o)}: no advisor.dev/adr annotation"
        for o in objects
        if not o["metadata"].get("annotations", {}).get("advisor.dev/adr", "").startswith("ADR-")
    ]
    present = {(o["kind"], o["metadata"]["name"]) for o in objects}
    way_in = ("Ingress",) if any(o["kind"] == "Ingress" for o in objects) else ("Gateway", "HTTPRoute")
    wanted = {(kind, app) for kind in ("Deployment", "Service", "ServiceAccount", *way_in)}
    wanted |= {("NetworkPolicy", "default-deny"), ("Role", f"{app}-read-only"), ("Role", f"{app}-deploy")}
    out += [f"{kind}/{name}: missing" for kind, name in sorted(wanted - present)]
    for obj in objects:
        if obj["kind"] == "Deployment" and obj["metadata"]["name"] == app:
            (container,) = obj["spec"]["template"]["spec"]["containers"]
            if container["readinessProbe"]["httpGet"]["path"] == container["livenessProbe"]["httpGet"]["path"]:
                out.append(f"{k8s_checks.ref(obj)}: readiness and liveness probe the same path")
    return out
