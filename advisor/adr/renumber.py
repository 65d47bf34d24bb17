"""Repairing a number collision: two branches each added, say, 0005.

The earlier record (by date, then file name) keeps its number; each later one moves to the next free
number. Links that name the moved file are rewritten everywhere. Links that name only the number
(`ADR-0005`) are rewritten in the records the moved one links to, since those are the mirrored
halves of its own links (the branch that added it also wrote them); elsewhere they are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.adr.layout import title_prefix_for
from advisor.adr.log import AdrLog
from advisor.adr.records import Record


@dataclass
class Move:
    record: Record
    new_number: int
    new_name: str


@dataclass
class RenumberPlan:
    moves: list[Move] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # file name (current) -> new text


def plan_renumber(log: AdrLog) -> RenumberPlan:
    plan = RenumberPlan()
    next_free = log.next_number()
    pattern = log.name_pattern()
    groups: dict[int, list[Record]] = {}
    for record in log.records:
        if record.number is not None:
            groups.setdefault(record.number, []).append(record)
    for number in sorted(groups):
        group = sorted(groups[number], key=lambda r: (r.date, r.file))
        for record in group[1:]:
            plan.moves.append(Move(record, next_free, pattern.name(next_free, record.slug)))
            next_free += 1
    texts = dict(log.texts)
    for move in plan.moves:
        old_file, new_file = move.record.file, move.new_name
        old_num, new_num = move.record.number, move.new_number
        assert old_num is not None
        linked = {r.file for link in move.record.links for r in log.resolve(link) if r.file != old_file}
        for record in log.records:
            text = texts[record.file]
            if record.file == old_file:
                text = _retitle(record, text, old_num, new_num)
            else:
                lines = text.splitlines(keepends=True)
                for link in record.links:
                    line = lines[link.line - 1]
                    if link.file == old_file:
                        line = line.replace(f"({old_file})", f"({new_file})")
                        line = line.replace(f"[{old_num}. ", f"[{new_num}. ").replace(_id(old_num), _id(new_num))
                    elif link.file is None and link.number == old_num and record.file in linked:
                        line = re.sub(rf"\bADR-0*{old_num}\b", _id(new_num), line)
                    lines[link.line - 1] = line
                text = "".join(lines)
            texts[record.file] = text
    plan.texts = {name: text for name, text in texts.items() if text != log.texts[name]}
    return plan


def _retitle(record: Record, text: str, old: int, new: int) -> str:
    """An adr-tools title carries its number (`# 5. Title`, `# ADR005: Title`); MADR titles do not."""
    if record.title_line is None:
        return text
    lines = text.splitlines(keepends=True)
    line = lines[record.title_line - 1]
    if record.title_prefix and record.title_prefix in line:  # `# ADR005: Title` -> `# ADR006: Title`
        lines[record.title_line - 1] = line.replace(record.title_prefix, title_prefix_for(record.title_prefix, new), 1)
    else:
        lines[record.title_line - 1] = re.sub(rf"^#\s+0*{old}\.", f"# {new}.", line)
    return "".join(lines)


def _id(number: int) -> str:
    return f"ADR-{number:04d}"
