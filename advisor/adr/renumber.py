"""Repairing a number collision: two branches each added, say, 0005.

The earlier record (by date, then file name) keeps its number; each later one moves to the next free
number. Links that name the moved file are rewritten everywhere, in the head and the body (`See [C](0005-c.md).`),
their text too when it carries the number, in the width it is written (`[ADR005]`, `[5. C]`). Links that name
only the number (`ADR-0005`) are rewritten only where they are the mirrored half of a link the moved record has
(`Amends [3. D]` there, `Amended by ADR-0005` in 0003: the branch that added it wrote both), and not when a
record that keeps the number links there too; elsewhere a bare number means the record that kept it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.adr.layout import date_of, title_prefix_for
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
            date = date_of(record.file) or record.date_iso  # a dated name keeps the moved record's own date
            plan.moves.append(Move(record, next_free, pattern.name(next_free, record.slug, date)))
            next_free += 1
    texts = dict(log.texts)
    for move in plan.moves:
        for record in log.records:
            text = texts[record.file]
            if record.file == move.record.file:
                text = _retitle(record, text, move.record.number, move.new_number)
            text = _refile(text, move)
            texts[record.file] = _renumber_mirrors(log, record, text, move)
    plan.texts = {name: text for name, text in texts.items() if text != log.texts[name]}
    return plan


def _refile(text: str, move: Move) -> str:
    """Every link to the moved file, in the head or the body, inline or reference-style, gets its new name; the
    link's text follows when it carries the number (`[ADR005]`, `[5. Title]`), written as it was (width kept)."""
    old, new, name = move.record.number, move.new_number, re.escape(move.record.file)
    inline = re.compile(rf"\[([^\[\]\n]{{0,300}})\]\((\s*<?(?:\./)?){name}(?=[#)>\s])")
    text = inline.sub(lambda m: f"[{_number_swapped(m.group(1), old, new)}]({m.group(2)}{move.new_name}", text)
    reference = re.compile(rf"(?m)^(\s{{0,3}}\[[^\]\n]{{1,300}}\]:\s*<?(?:\./)?){name}(?=[#>\s]|$)")
    return reference.sub(lambda m: m.group(1) + move.new_name, text)


def _renumber_mirrors(log: AdrLog, record: Record, text: str, move: Move) -> str:
    """A link by number alone (`Amended by ADR-0005`) is rewritten only where it is the mirrored half of a link
    the moved record has to this one, and no record that keeps the number links here too (then it is theirs)."""
    old, new = move.record.number, move.new_number
    if record is move.record:
        return text
    theirs = [link.kind for link in move.record.links if record in log.resolve(link)]
    kept = [r for r in log.by_number(old) if r is not move.record]
    if not theirs or any(record in log.resolve(link) for r in kept for link in r.links):
        return text
    lines = text.splitlines(keepends=True)
    for link in record.links:
        if link.file is None and link.number == old and any(_mirrored(link.kind, kind) for kind in theirs):
            lines[link.line - 1] = lines[link.line - 1].replace(link.target, _number_swapped(link.target, old, new), 1)
    return "".join(lines)


def _mirrored(one: str, other: str) -> bool:
    """`amends` and `amended by`, `supersedes` and `superseded by`; a kind without `by` mirrors itself."""
    one_by, other_by = one.endswith(" by"), other.endswith(" by")
    if one_by == other_by:
        return one == other and not one_by
    return one[:4] == other[:4]


def _number_swapped(text: str, old: int, new: int) -> str:
    """`ADR005` -> `ADR006`, `ADR-0005` -> `ADR-0006`, `5. Title` -> `6. Title`: the number in the width written."""
    pattern = rf"(?i)(?<![\w.])(adr[-_ ]?)?(0*{old})(?!\d)"
    return re.sub(pattern, lambda m: (m.group(1) or "") + f"{new:0{len(m.group(2))}d}", text, count=1)


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
