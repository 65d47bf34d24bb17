"""Indented panel lines wrap under their own text (the panel's flips and reasons)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from advisor.tui.widgets.hanging import HangingText


def rows(text: str, width: int) -> list[str]:
    console = Console(width=width, record=False)
    return [row.plain.rstrip() for row in HangingText(Text(text)).rows(console, width)]


def test_continuation_rows_hang_under_the_text_of_their_line():
    text = "Secrets\n  if delivery.secrets = external-secrets: external-secrets\nSecret store\n"
    assert rows(text, 30) == [
        "Secrets",
        "  if delivery.secrets =",
        "    external-secrets:",
        "    external-secrets",
        "Secret store",
        "",  # the final newline ends in an empty row, as a plain Text does
    ]


def test_a_line_without_indent_wraps_at_the_edge_and_a_short_line_is_left_alone():
    assert rows("⚠ warning: backups go to the same cluster\n  ← rule.id", 24) == [
        "⚠ warning: backups go to",
        "the same cluster",
        "  ← rule.id",
    ]


def test_an_indent_of_half_the_width_gives_way_to_the_words():
    assert rows("          if phase = 3: compose", 16) == ["if phase = 3:", "compose"]


def test_the_text_reads_as_its_plain_words():
    assert str(HangingText(Text("Rancher\n  if organization.teams = 3: adopt\n"))) == (
        "Rancher\n  if organization.teams = 3: adopt\n"
    )


def test_a_url_or_path_wider_than_the_row_breaks_after_one_of_its_separators():
    from advisor.tui.widgets.hanging import SEPARATORS, breaks

    url = "✗ backup.endpoint: use https: https://s3.dr-site.example.org:9000/backups/ledger-prod"
    for width in range(16, 40):
        offsets = breaks(url, width)
        starts = [0, *offsets]
        for start, end in zip(starts, [*offsets, len(url)], strict=True):
            row = url[start:end].rstrip()
            assert len(row) <= width, (width, row)
            if end < len(url):  # the row ends before a space, or right after a separator: never inside a name
                assert url[end - 1] == " " or url[len(row) + start - 1] in SEPARATORS, (width, row)
        assert "".join(url[a:b] for a, b in zip(starts, [*offsets, len(url)], strict=True)) == url


def test_rows_break_between_words_first_then_after_separators():
    from advisor.tui.widgets.hanging import breaks

    assert breaks("alpha beta gamma", 11) == [11]
    assert breaks("deploy/components/postgres", 12) == [7, 18]  # after each /
    assert breaks("abcdefghijkl", 5) == [5, 10]  # no separator at all: cut where the row ends
