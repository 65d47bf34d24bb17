"""Loading YAML that people wrote: safe, bounded, and with a line number for every value.

PyYAML's `safe_load` silently keeps the last of two duplicate keys, expands alias bombs into
exponential work for whoever walks the result, and forgets where each value came from. We compose
the node graph with the safe loader and build the Python data ourselves, so we can
- reject duplicate keys,
- cap the expanded size (a "billion laughs" file fails in microseconds),
- remember the line of every mapping key and sequence item (`Located.lines`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import InputError, Problem

MAX_BYTES = 1024 * 1024  # answers and rule files are a few KiB; refuse to parse anything huge
MAX_NODES = 100_000  # after alias expansion
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed YAML plus the 1-based line of each path (`("team", "size")` -> 7)."""

    data: Any
    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """Line of `path`, or of its closest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_text(path: Path, what: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file a user handed us, with errors that say what to do."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError([Problem(name, f"{what} not found")]) from None
    except OSError as exc:
        raise InputError([Problem(name, f"cannot read {what}: {exc.strerror}")]) from None
    if path.is_dir():
        raise InputError([Problem(name, f"{what} is a directory, expected a file")])
    if size > max_bytes:
        raise InputError([Problem(name, f"{what} is {size} bytes; the limit is {max_bytes} bytes")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, f"cannot read {what}: {exc.strerror}")]) from None
    if b"\x00" in raw:
        raise InputError([Problem(name, f"{what} is binary, not YAML text")])
    try:
        text = raw.decode("utf-8-sig")  # a leading BOM is harmless; drop it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, "not valid UTF-8 text (save the file as UTF-8)", line)]) from None
    return text


def load_yaml_text(text: str, file: str) -> Located:
    """Parse one YAML document into plain data with line numbers; raise InputError on anything odd."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "malformed YAML"
        raise InputError([Problem(file, f"malformed YAML: {reason}", line)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"malformed YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(file, f"YAML is nested deeper than {MAX_DEPTH} levels")]) from None
    located = Located(data=None, file=file)
    if node is None:
        return located
    builder = _Builder(file, located.lines)
    located.data = builder.build(node, (), 0)
    return located


def load_yaml_file(path: Path, what: str = "file") -> Located:
    return load_yaml_text(read_text(path, what), str(path))


class _Builder:
    def __init__(self, file: str, lines: dict[Path_, int]) -> None:
        self.file = file
        self.lines = lines
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")  # only used to resolve scalars to Python values

    def fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError([Problem(self.file, message, node.start_mark.line + 1)])

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"YAML expands to more than {MAX_NODES} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"YAML is nested deeper than {MAX_DEPTH} levels")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.fail(node, f"cannot read value: {getattr(exc, 'problem', exc)}") from None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "YAML merge keys (<<) are not supported here")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text")
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = self.lines.get((*path, key))
                raise InputError(
                    [
                        Problem(
                            self.file,
                            f"duplicate key (first defined on line {first})",
                            key_node.start_mark.line + 1,
                            ".".join(str(p) for p in (*path, key)),
                        )
                    ]
                )
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def dotted(path: Path_) -> str:
    """`("environments", 2)` -> `environments[2]`, `("team", "size")` -> `team.size`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
