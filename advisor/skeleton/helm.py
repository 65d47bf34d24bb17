"""The Helm chart of the skeleton: static templates shipped in the package, plus values generated as data.

Only `Chart.yaml`, `values.yaml`, `values-<env>.yaml` and `values.schema.json` depend on the answers; they are
dumped from dicts, so no answer can change the structure of a template. Every file gets the advisor header (as a
template comment in templates, so it never reaches the rendered manifests).
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from advisor.content import Content
from advisor.decision import Decision
from advisor.skeleton import SkeletonContext, dbtls, layout, names
from advisor.skeleton.helm_schema import values_schema
from advisor.skeleton.helm_values import env_values, shared_values
from advisor.skeleton.model import Target
from advisor.skeleton.yamlout import dump_one

CHART_VERSION = "0.1.0"
KUBE_VERSION = ">=1.28.0-0"


def chart_source() -> Traversable:
    """The static chart folder inside the installed package."""
    return resources.files("advisor.skeleton").joinpath("chart")


def build_helm(decision: Decision, context: SkeletonContext, prefix: str | None = None) -> list[tuple[str, Content]]:
    """(path under --out, bytes) of every chart file, sorted; nothing unless the decision asks for a chart.

    `prefix` is where the chart goes (`layout.helm_dir`); the dispatcher passes it, callers may leave it out.
    """
    if prefix is None:
        prefix = layout.helm_dir(decision.choices.get("manifests", ""))
    if prefix is None or decision.choices.get("runtime") != "kubernetes":
        return []
    header = names.HEADER
    files: dict[str, Content] = {
        "Chart.yaml": dump_one(chart_metadata(decision, context), header),
        "values.yaml": dump_one(shared_values(decision, context.adr_id), header),
    }
    for env in decision.answers.environments:
        values = env_values(decision, context.adr_id, env)
        files[f"values-{env}.yaml"] = dump_one(values, header)
    schema = {"$comment": header.removeprefix("# ").strip(), **values_schema()}
    files["values.schema.json"] = (json.dumps(schema, indent=2) + "\n").encode()
    for relpath, data in static_files():
        files[relpath] = _with_header(relpath, data, header)
    t = Target(decision, context.adr_id)
    if not t.in_cluster_db:  # the managed database's CA bundle, which templates/postgres-ca.yaml reads
        files[f"files/{dbtls.CA_FILE}"] = dbtls.ca_file(t).encode()
    return [(prefix + relpath, data) for relpath, data in sorted(files.items())]


def chart_metadata(decision: Decision, context: SkeletonContext) -> dict[str, Any]:
    answers = decision.answers
    return {
        "apiVersion": "v2",
        "name": names.app(answers),
        "description": f"Deployment of {names.app(answers)} (values.yaml names the ADR it follows)",
        "type": "application",
        "version": CHART_VERSION,
        "appVersion": answers.delivery.image_tag,
        "kubeVersion": KUBE_VERSION,
    }


def static_files() -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every shipped chart file, sorted; Python caches are never part of the chart."""
    out: list[tuple[str, bytes]] = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__" or child.name.endswith(".pyc"):
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                out.append((prefix + child.name, child.read_bytes()))

    walk(chart_source(), "")
    return out


def _with_header(relpath: str, data: bytes, header: str) -> bytes:
    """A `#` comment where the file is not a template; a template comment (rendering to nothing) where it is."""
    if not relpath.startswith("templates/"):
        return header.encode() + data
    text = header.removeprefix("# ").strip().replace("*/", "* /")
    return f"{{{{- /* {text} */ -}}}}\n".encode() + data
