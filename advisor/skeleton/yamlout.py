"""Deterministic YAML: insertion-ordered keys, a header comment, and only safe scalars.

`dump_one`/`dump_all` return a `Deferred` (advisor.content): the emitter, the costly part of a skeleton, runs
only when a plan needs the bytes (to write, merge or diff them), never for a file a dry run reports as `new`
or one the lock already vouches for.

Values are dumped by PyYAML's SafeDumper, which quotes anything that could read as structure (newlines, `---`,
`{{ }}`, `: `), so a hostile string stays one scalar. Long strings never wrap, multi-line ones use `|` blocks.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from advisor.content import Deferred, sha256


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # shared dicts are written out, never as &anchors
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # lists indented under their key, as kubectl prints them


_BREAKS = ("\x85", "\u2028", "\u2029", "\r")  # YAML line breaks a reader would fold: escape them
# YAML 1.1 booleans that PyYAML leaves plain but Go's YAML (Helm, kubectl) reads as true/false: a project named `y`
# became `partOf: true` in the chart's values, which its schema then refused.
_GO_BOOLEANS = frozenset({"y", "Y", "n", "N"})


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if value in _GO_BOOLEANS:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    if "\n" in value:  # the emitter falls back to a quoted scalar when a block cannot hold the text
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def dump_all(objects: list[dict[str, Any]], header: str) -> Deferred:
    """One file, one or more documents, each starting with `---`; the header comment first."""
    return Deferred(
        lambda: (header + "".join("---\n" + dump(item) for item in objects)).encode(), lambda: _source(header, objects)
    )


def dump_one(data: dict[str, Any], header: str) -> Deferred:
    return Deferred(lambda: (header + dump(data)).encode(), lambda: _source(header, data))


def _source(header: str, data: Any) -> str:
    """A digest of what a file is dumped from, in order (the dump keeps insertion order): JSON's C encoder is
    many times faster than the YAML emitter, and two runs with equal objects give equal digests."""
    return sha256(json.dumps([header, data], ensure_ascii=False, default=repr).encode())
