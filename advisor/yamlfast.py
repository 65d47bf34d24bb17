"""A quick reader for the plain block YAML advisor writes itself (the skeleton's lock above all), or None.

libyaml still costs about a microsecond and a half per event once PyYAML has made Python objects of it, so a
lock of 300 lines took 1.5 ms of the 2.3 ms it took to read, per service, for every `advisor org` command. This
reads only a strict subset, line by line: block mappings and sequences indented with spaces, `key: value` with a
plain one-line value of ordinary characters, `[]` and `{}`, and whole-line comments. Each value is typed by
PyYAML's own resolver and constructor, and the line of every key and item is kept as `yamlio.Located` keeps it.
Anything outside the subset (quotes, flow collections, anchors, tags, multi-line values, tabs, a value that might
mean something else, a duplicate key, a limit reached) returns None, and yamlio's full reader, whose messages
name the problem, reads the text instead: the subset gives the same data and lines, or is not used.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

_KEY = r"[A-Za-z0-9_][A-Za-z0-9_./-]*"
# A plain one-line scalar: no indicator first, no ': ' or ' #' inside, no quote or bracket anywhere; a comma only
# after the first character (outside a flow collection it is text: "Retrieval and memory service, first rollout")
_VALUE = r"[A-Za-z0-9_./+~(](?:[A-Za-z0-9_./+~()@=%,-]++|:(?=[^\s:])| (?=[^\s#]))*+"
_LINE = re.compile(rf"( *)(- )?(?:({_KEY}):(?: ({_VALUE}|\[.*\]|\{{.*\}}))?|({_VALUE}))")
# Inside a one-line flow collection: brackets, commas, `: `, a plain scalar without `:`, `#` or a flow indicator
# (single spaces inside), or a quoted scalar of printable ASCII without escapes
_FLOW = re.compile(
    r""" *(?:([\[\]{},])|(: )|'((?:[ -&(-~]|'')*)'|"([ !#-\[\]-~]*)"|"""
    r"""([A-Za-z0-9_./+~(](?:[A-Za-z0-9_./+~()@=%-]++| (?=[A-Za-z0-9_./+~()@=%-]))*+))"""
)
_TYPES = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))
_STR = "tag:yaml.org,2002:str"
_EMPTY = {"[]": list, "{}": dict}


class _NotSimple(Exception):
    pass


def load_simple(text: str, max_nodes: int, max_depth: int) -> tuple[Any, dict[tuple, int]] | None:
    """(data, the line of each path) for text in the subset; None when the full reader must read it."""
    if "\t" in text or "\r" in text:
        return None
    tokens: list[tuple[int, int, str, str | None, str | None]] = []  # (line, indent, kind, key, value)
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        spaces, dash, key, value, scalar = match.groups()
        indent = len(spaces)
        if dash and key is not None:
            tokens += [(number, indent, "item", None, None), (number, indent + 2, "entry", key, value)]
        else:
            kind = "entry" if key is not None else ("scalar" if dash else "")
            if not kind:
                return None  # a bare scalar document, or a continuation line
            tokens.append((number, indent, kind, key, value if key is not None else scalar))
    if not tokens or tokens[0][1] != 0:
        return None
    reader = _Reader(tokens, max_nodes, max_depth)
    try:
        data, end = reader.node(0, (), 0)
    except (_NotSimple, RecursionError):
        return None
    return (data, reader.lines) if end == len(tokens) else None


class _Reader:
    """Recursive descent over the tokens; the hot loops keep what they read in locals (a lock is 300 lines, read
    for every service of an organisation)."""

    def __init__(self, tokens: list, max_nodes: int, max_depth: int) -> None:
        self.tokens, self.max_nodes, self.max_depth = tokens, max_nodes, max_depth
        self.lines: dict[tuple, int] = {}
        self.nodes = 0

    def count(self, path: tuple, line: int, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes or depth > self.max_depth:
            raise _NotSimple
        self.lines.setdefault(path, line)

    def node(self, i: int, path: tuple, depth: int) -> tuple[Any, int]:
        line, indent, kind = self.tokens[i][:3]
        self.count(path, line, depth)
        return self.sequence(i, indent, path, depth) if kind != "entry" else self.mapping(i, indent, path, depth)

    def sequence(self, i: int, indent: int, path: tuple, depth: int) -> tuple[list, int]:
        tokens, end = self.tokens, len(self.tokens)
        out: list[Any] = []
        while i < end:
            line, at, kind, _, value = tokens[i]
            if at != indent or kind == "entry":
                break
            where = (*path, len(out))
            if kind == "scalar":
                self.count(where, line, depth + 1)
                out.append(_scalar(value))
                i += 1
            else:
                item, i = self.node(i + 1, where, depth + 1)
                out.append(item)
        if i < end and tokens[i][1] > indent:
            raise _NotSimple
        return out, i

    def mapping(self, i: int, indent: int, path: tuple, depth: int) -> tuple[dict, int]:
        tokens, end, lines = self.tokens, len(self.tokens), self.lines
        if depth + 1 > self.max_depth:
            raise _NotSimple
        out: dict[str, Any] = {}
        while i < end:
            line, at, kind, written, value = tokens[i]
            if at != indent or kind != "entry":
                break
            key = _key(written)
            if key in out:
                raise _NotSimple  # the full reader says where the first one is
            where = (*path, key)
            lines[where] = line
            i += 1
            if value is not None and value[0] in "[{" and value not in _EMPTY:
                out[key] = _Flow(self, line, value).read(where, depth + 1)
            elif value is not None:
                self.nodes += 1  # counted as `count` would: its line is the key's, set just above
                out[key] = _EMPTY[value]() if value in _EMPTY else _scalar(value)
            elif i < end and (tokens[i][1] > indent or (tokens[i][1] == indent and tokens[i][2] != "entry")):
                out[key], i = self.node(i, where, depth + 1)
            else:
                self.nodes += 1
                out[key] = None  # `key:` and nothing under it
        if self.nodes > self.max_nodes:
            raise _NotSimple
        if i < end and tokens[i][1] > indent:
            raise _NotSimple  # a line indented further after a value: a continuation, or an error
        return out, i


class _Flow:
    """A one-line flow collection (`[dev, prod]`, `{size: 3, frameworks: []}`), nested as deep as the limits allow."""

    def __init__(self, reader: _Reader, line: int, text: str) -> None:
        self.reader, self.line = reader, line
        self.tokens: list[tuple[str, Any]] = []  # (kind, value): "[", "]", "{", "}", ",", ":", "plain", "quoted"
        position = 0
        while position < len(text):
            match = _FLOW.match(text, position)
            if match is None or match.end() == position:
                raise _NotSimple
            indicator, colon, single, double, plain = match.groups()
            if indicator is not None:
                self.tokens.append((indicator, None))
            elif colon is not None:
                self.tokens.append((":", None))
            elif plain is not None:
                self.tokens.append(("plain", plain))
            else:
                self.tokens.append(("quoted", single.replace("''", "'") if single is not None else double))
            position = match.end()
        self.at = 0

    def read(self, path: tuple, depth: int) -> Any:
        value = self.value(path, depth)
        if self.at != len(self.tokens):
            raise _NotSimple
        return value

    def take(self, kind: str) -> Any:
        if self.at >= len(self.tokens) or self.tokens[self.at][0] != kind:
            raise _NotSimple
        self.at += 1
        return self.tokens[self.at - 1][1]

    def peek(self) -> str:
        return self.tokens[self.at][0] if self.at < len(self.tokens) else ""

    def value(self, path: tuple, depth: int) -> Any:
        self.reader.count(path, self.line, depth)
        kind = self.peek()
        if kind == "[":
            return self.sequence(path, depth)
        if kind == "{":
            return self.mapping(path, depth)
        if kind == "plain":
            return _scalar(self.take("plain"))
        return self.take("quoted")

    def sequence(self, path: tuple, depth: int) -> list:
        self.take("[")
        out: list[Any] = []
        while self.peek() != "]":
            if out:
                self.take(",")
            out.append(self.value((*path, len(out)), depth + 1))
        self.take("]")
        return out

    def mapping(self, path: tuple, depth: int) -> dict:
        self.take("{")
        out: dict[str, Any] = {}
        while self.peek() != "}":
            if out:
                self.take(",")
            key = _key(self.take("plain")) if self.peek() == "plain" else self.take("quoted")
            if key in out:
                raise _NotSimple
            self.take(":")
            self.reader.lines[(*path, key)] = self.line
            out[key] = self.value((*path, key), depth + 1)
        self.take("}")
        return out


@lru_cache(maxsize=4096)
def _key(written: str) -> str:
    """A mapping key as the full reader makes it: text, or a scalar's text (`12`, `true` as `true`)."""
    key = _scalar(written)
    return key if isinstance(key, str) else str(key).lower() if isinstance(key, bool) else str(key)


def _scalar(value: str) -> Any:
    tag = _tag(value)
    if tag == _STR:
        return value
    if tag not in _TYPES:
        raise _NotSimple
    return _typed(tag, value)


@lru_cache(maxsize=4096)
def _typed(tag: str, value: str) -> Any:
    """PyYAML's value for a plain int, float, bool, null or timestamp (each immutable, so one can be shared)."""
    try:
        node = yaml.ScalarNode(tag, value)
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise _NotSimple from None
    finally:
        _CONSTRUCTOR.constructed_objects.clear()  # it remembers every node it built; nothing here needs that


@lru_cache(maxsize=4096)
def _tag(value: str) -> str:
    """What PyYAML's resolver makes of a plain value (keys and builder names repeat in every lock)."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


_RESOLVER = yaml.SafeLoader("")
_CONSTRUCTOR = yaml.SafeLoader("")  # its constructor types each value, as the full reader's does
