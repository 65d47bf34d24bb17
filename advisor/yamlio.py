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
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Plain data only: anything else (`!!python/...`, `!!binary`, custom `!tags`) is refused, not ignored.
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_STR = "tag:yaml.org,2002:str"
_HINTS = {
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "but found another document": "a file holds one YAML document; remove the second '---'",
    "mapping values are not allowed here": "check the indentation, or quote a value that contains ': '",
}

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
    """Read a UTF-8 text file a user handed us, with errors that say what to do.

    The size is checked on what is actually read, not on `stat`, so a device or a pipe
    (`/dev/zero`, `<(yes)`) cannot make us read forever.
    """
    name = str(path)
    try:
        if path.is_dir():
            raise InputError([Problem(name, f"{what} is a directory, expected a file")])
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, f"{what} not found; check the path")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, f"{what} is a directory, expected a file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, f"cannot read {what}: {exc.strerror or exc}")]) from None
    if len(raw) > max_bytes:
        raise InputError(
            [Problem(name, f"{what} is larger than the limit of {max_bytes} bytes; is this the right file?")]
        )
    return decode_text(raw, name, what)


def decode_text(raw: bytes, name: str, what: str = "file") -> str:
    """UTF-8 (a leading BOM is fine); anything else gets a message naming the fix."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            raise InputError([Problem(name, f"{what} is {encoding} encoded; save it as UTF-8", 1)])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError([Problem(name, f"{what} is binary (it holds NUL bytes), not YAML or Markdown text", line)])
    try:
        return raw.decode("utf-8-sig")  # a leading BOM is harmless; drop it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        message = f"not valid UTF-8 text (byte 0x{byte}); save the file as UTF-8"
        raise InputError([Problem(name, message, line)]) from None


def load_yaml_text(text: str, file: str) -> Located:
    """Parse one YAML document into plain data with line numbers; raise InputError on anything odd."""
    from advisor.yamlfast import load_simple

    simple = load_simple(text, MAX_NODES, MAX_DEPTH)  # the plain block YAML advisor writes, read line by line
    if simple is not None:
        return Located(data=simple[0], file=file, lines=simple[1])
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.context.startswith("found duplicate anchor"):
            reason = exc.context.removesuffix("; first occurrence") + " (anchors must be unique)"
        hint = _HINTS.get(reason)
        opened = exc.context_mark.line + 1 if exc.context_mark else None
        if exc.context and exc.context.startswith("while scanning a quoted scalar") and opened:
            hint = f"the quoted value that starts on line {opened} is not closed"
        elif exc.context and exc.context.startswith("while parsing a flow") and opened and opened != line:
            bracket = "[ list" if "sequence" in exc.context else "{ mapping"
            hint = f"the {bracket} opened on line {opened} is not closed"
        raise InputError([Problem(file, f"malformed YAML: {reason}" + (f"; {hint}" if hint else ""), line)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"malformed YAML: {exc}")]) from None
    except RecursionError:  # only if MAX_DEPTH is ever raised near the interpreter's limit
        raise InputError([Problem(file, f"YAML is nested deeper than {MAX_DEPTH} levels")]) from None
    located = Located(data=None, file=file)
    if node is None:
        return located
    builder = _Builder(file, located.lines)
    located.data = builder.build(node, (), 0)
    return located


def load_yaml_file(path: Path, what: str = "file") -> Located:
    return load_yaml_text(read_text(path, what), str(path))


def load_yaml_documents(text: str, file: str) -> list[Located]:
    """Every document of a multi-document file (Backstage's catalog-info.yaml), each read as `load_yaml_text` reads
    one: the same limits on nodes, depth and tags, and a line number for each value."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_FAST_LOADER or _BoundedLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "malformed YAML"
        raise InputError([Problem(file, f"malformed YAML: {reason}", mark.line + 1 if mark else None)]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise InputError([Problem(file, f"malformed YAML: {exc}")]) from None
    out = []
    builder = _Builder(file, {})  # one builder: the cap on values holds for the whole file, not each document
    for node in nodes:
        located = Located(data=None, file=file)
        builder.lines = located.lines
        if node is not None:
            located.data = builder.build(node, (), 0)
        out.append(located)
    return out


# libyaml composes about ten times faster, caps nesting itself (at 1,000 levels, in C) and, like
# the pure loader, shares aliased nodes instead of copying them; `_Builder` then applies our limits.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # read it again with the pure loader: its messages name the problem more precisely
    return yaml.compose(text, Loader=_BoundedLoader)


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing to compose nodes nested deeper than MAX_DEPTH.

    PyYAML's composer recurses once per level, so `[[[[...` 5,000 deep would otherwise hit
    Python's recursion limit; stopping early also gives the line where it happened.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                mark = self.peek_event().start_mark
                raise yaml.MarkedYAMLError(problem=f"nested deeper than {MAX_DEPTH} levels", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_STR = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, file: str, lines: dict[Path_, int]) -> None:
        self.file = file
        self.lines = lines
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")  # only used to resolve scalars to Python values

    def fail(self, node: yaml.Node, message: str, path: Path_ = ()) -> InputError:
        return InputError([Problem(self.file, message, node.start_mark.line + 1, dotted(path) or None)])

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"YAML expands to more than {MAX_NODES} values (an alias bomb?); write values out")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"YAML is nested deeper than {MAX_DEPTH} levels")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"unsupported YAML tag {tag}; remove it (only plain values, lists and mappings are read)"
            raise self.fail(node, message, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path_ = ()) -> Any:
        if node.tag == _STR:  # what SafeConstructor makes of a string, without its generic dispatch (most values)
            return node.value
        # A value that looks like a date or a tagged number but is not one (2024-13-45, !!int 0xZZ)
        # makes PyYAML's constructors raise ValueError and friends, not YAMLError.
        if node.tag == _STR and isinstance(node.value, str):
            return node.value  # what SafeConstructor returns for text, without its bookkeeping (most values)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            message = f"cannot read value {node.value!r}: {reason}; quote it to keep it as text"
            raise self.fail(node, message, path) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "YAML merge keys (<<) are not supported here")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text")
            if key_node.tag not in _ALLOWED_TAGS:
                raise self.fail(key_node, "mapping keys must be plain text, without YAML tags")
            key = self._scalar(key_node)
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
                            dotted((*path, key)),
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
