"""`adr renumber` rewrites every link to a moved record, in the log's own style, and no link that means another.

Two branches both added 0002 (`0002-b.md` kept, `0002-c.md` moved to 0004). A body link to the moved file is
rewritten, so `adr site --check-links` still passes; a bare `ADR-0002` that means the record keeping the number
is left alone.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def nygard(number: int, title: str, status: str, body: str = "x", date: str = "2026-01-01") -> str:
    return f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n\n## Decision\n\nx\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def renumber(folder: Path, move: str = "0002-c.md -> 0004-c.md") -> dict[str, str]:
    before = {p.name: p.read_text() for p in folder.iterdir()}
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [move]
    after = {p.name: p.read_text() for p in folder.iterdir()}
    return {name: text for name, text in after.items() if before.get(name) != text}


def test_a_body_link_to_the_moved_file_is_rewritten_and_an_unrelated_bare_number_is_not(tmp_path):
    folder = write(
        tmp_path / "adr",
        {
            "0001-a.md": nygard(1, "A", "Accepted"),
            "0002-b.md": nygard(2, "B", "Accepted", date="2026-01-02"),
            "0002-c.md": nygard(2, "C", "Accepted", date="2026-01-03"),
            "0003-d.md": nygard(
                3,
                "D",
                "Accepted\n\nAmends ADR-0002",
                "See [C](0002-c.md) and [the C record][c].\n\n[c]: ./0002-c.md#decision",
                date="2026-01-04",
            ),
        },
    )
    changed = renumber(folder)
    assert sorted(changed) == ["0003-d.md", "0004-c.md"]
    assert changed["0003-d.md"] == (folder / "0003-d.md").read_text()
    assert "See [C](0004-c.md) and [the C record][c].\n\n[c]: ./0004-c.md#decision" in changed["0003-d.md"]
    assert "Amends ADR-0002" in changed["0003-d.md"]  # B's number: C never linked to D
    site = run_cli("adr", "site", "--adr-dir", folder, "--out", tmp_path / "site", "--check-links")
    assert site.code == 0, site.out + site.err


def test_a_bare_number_in_a_record_the_moved_one_links_to_stays_when_it_is_not_the_mirror(tmp_path):
    folder = write(
        tmp_path / "adr",
        {
            "0001-a.md": nygard(1, "A", "Accepted"),
            "0002-b.md": nygard(2, "B", "Accepted\n\nSupersedes [3. D](0003-d.md)", date="2026-01-02"),
            "0002-c.md": nygard(2, "C", "Accepted\n\nRelates to [3. D](0003-d.md)", date="2026-01-03"),
            "0003-d.md": nygard(3, "D", "Superseded by ADR-0002", date="2026-01-01"),
        },
    )
    changed = renumber(folder)
    assert sorted(changed) == ["0004-c.md"]  # D's status names B, which kept 0002
    assert changed["0004-c.md"].startswith("# 4. C\n")


def test_the_mirrored_half_follows_the_move(tmp_path):
    folder = write(
        tmp_path / "adr",
        {
            "0001-a.md": nygard(1, "A", "Accepted\n\nAmended by ADR-0002"),
            "0002-b.md": nygard(2, "B", "Accepted", date="2026-01-02"),
            "0002-c.md": nygard(2, "C", "Accepted\n\nAmends [1. A](0001-a.md)", date="2026-01-03"),
        },
    )
    changed = renumber(folder, "0002-c.md -> 0003-c.md")
    assert "Accepted\n\nAmended by ADR-0003\n" in changed["0001-a.md"]


def test_links_keep_the_logs_own_style(tmp_path):
    head = "| Status | {} |\n| --- | --- |\n| Date | 2021-0{} |\n"
    folder = write(
        tmp_path / "adr",
        {
            "ADR001_a.md": "# ADR001 - A\n\n" + head.format("Accepted", 1),
            "ADR002_b.md": "# ADR002 - B\n\n" + head.format("Accepted", 2),
            "ADR002_c.md": "# ADR002 - C\n\n" + head.format("Accepted", 3),
            "ADR003_d.md": "# ADR003 - D\n\n" + head.format("Accepted", 4) + "\nBuilds on [ADR002](ADR002_c.md).\n",
        },
    )
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0 and result.out.splitlines() == ["ADR002_c.md -> ADR004_c.md"]
    assert (folder / "ADR004_c.md").read_text().startswith("# ADR004 - C\n")
    assert "Builds on [ADR004](ADR004_c.md)." in (folder / "ADR003_d.md").read_text()
