"""Strongly connected components of a graph of records, in linear time and without recursion.

Supersession links form a graph that a pull request controls: a chain or a loop may be as long as the log. Both
`check` (ADR003, loops) and the site (what is in force, how deep a record stands) need the loops of that graph;
finding them once, here, keeps every walk over it linear.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def strongly_connected(successors: Mapping[Node, Iterable[Node]]) -> list[list[Node]]:
    """Tarjan's components, each listed once, sinks first: every component comes after all it leads to."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    out: list[list[Node]] = []
    for root in sorted(successors, key=str):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(successors.get(root, ()), key=str)))]
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
            elif nxt not in index:
                index[nxt] = low[nxt] = len(index)
                stack.append(nxt)
                on_stack.add(nxt)
                work.append((nxt, iter(sorted(successors.get(nxt, ()), key=str))))
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
    return out
