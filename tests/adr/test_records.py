"""Parsing existing records in the three styles, with the oddities real folders have."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr.log import find_adr_dir, load_log, slugify
from advisor.adr.records import parse_record

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _rows(folder: str) -> list[tuple]:
    log = load_log(FIXTURES / folder)
    return [(r.id, r.title, r.status, r.date) for r in log.sorted()]


def test_madr_folder_reads_front_matter_and_skips_readme_template_and_images():
    assert _rows("adr-madr") == [
        ("ADR-0000", "Use Markdown Architectural Decision Records", "accepted", "2023-11-02"),
        ("ADR-0001", "Store embeddings in a dedicated vector database", "superseded", "2023-12-14"),
        ("ADR-0002", "Keep manifests in Kustomize", "", "2024-01-09"),
        ("ADR-0003", "Use Postgres with pgvector for embeddings", "accepted", "2024-03-05"),
        ("ADR-0004", "Setext titles count too", "proposed", "05/04/2024"),
        ("ADR-0005", "Adopt Rancher for cluster governance", "accepted", "2024-06-30"),
    ]


def test_madr_links_come_from_status_and_supersedes_keys_not_from_body_text():
    log = load_log(FIXTURES / "adr-madr")
    old, new, rancher = log.find("1"), log.find("ADR-0003"), log.find("0005")
    assert [(link.kind, link.number) for link in old.links] == [("superseded by", 3)]
    assert [(link.kind, link.number) for link in new.links] == [("supersedes", 1)]
    assert rancher.links == []  # "Superseded by ADR-0042" is body text in a later section
    assert old.status_line == 2 and new.links[0].line == 6


def test_nygard_folder_reads_numbered_titles_status_section_and_supercedes_spelling():
    assert _rows("adr-nygard") == [
        ("0001", "Record architecture decisions", "accepted", "2021-03-01"),
        ("0002", "Run with Docker Compose", "superseded", "2021-03-08"),
        ("0003", "Move to Kubernetes", "accepted", "2022-01-17"),
        ("0004", "Adopt Rancher", "accepted", "2022-02-01"),
        ("0005", "Pick a secrets tool", "", "2022-02-20"),
    ]
    log = load_log(FIXTURES / "adr-nygard")
    kubernetes = log.find("3")
    assert [(link.kind, link.file) for link in kubernetes.links] == [
        ("supersedes", "0002-run-with-docker-compose.md"),  # "Supercedes" read as one spelling
        ("amended by", "0004-adopt-rancher.md"),
    ]
    assert kubernetes.links_of("supersedes")[0].line == 9
    assert log.resolve(log.find("2").links_of("superseded by")[0]) == [kubernetes]


def test_log4brains_folder_reads_bullets_and_date_named_files():
    assert _rows("adr-log4brains") == [
        ("20200101-use-log4brains-to-manage-the-adrs", "Use Log4brains to manage the ADRs", "accepted", "2020-01-01"),
        ("20200315-store-uploads-on-the-nfs-share", "Store uploads on the NFS share", "superseded", "2020-03-15"),
        ("20210102-store-uploads-in-object-storage", "Store uploads in object storage", "accepted", "2021-01-02"),
        ("20210610-try-a-service-mesh", "Try a service mesh", "draft", ""),
    ]
    log = load_log(FIXTURES / "adr-log4brains")
    new = log.find("20210102-store-uploads-in-object-storage")
    assert [link.kind for link in new.links] == ["supersedes"]  # the Technical Story link is not a relation
    assert log.dated_only()


@pytest.mark.parametrize("name", ["README.md", "index.md", "template.md", "adr-template.md", "notes.txt", "12-x.md"])
def test_files_that_are_not_records_are_ignored(name):
    assert parse_record(Path(name), "# Title\n") is None


def test_a_heading_inside_a_code_fence_is_not_the_title():
    text = "---\nstatus: accepted\n---\n\n```\n# fenced\n```\n\n# Real title\n"
    record = parse_record(Path("0007-x.md"), text)
    assert record is not None and record.title == "Real title" and record.title_line == 9


def test_discovery_order(tmp_path):
    assert find_adr_dir(base_dir=tmp_path) == tmp_path / "docs/adr"
    (tmp_path / "doc/adr").mkdir(parents=True)
    assert find_adr_dir(base_dir=tmp_path) == tmp_path / "doc/adr"
    (tmp_path / "docs/adr").mkdir(parents=True)
    assert find_adr_dir(base_dir=tmp_path) == tmp_path / "docs/adr"
    (tmp_path / "docs/decisions").mkdir(parents=True)
    assert find_adr_dir(base_dir=tmp_path) == tmp_path / "docs/decisions"
    (tmp_path / ".adr-dir").write_text("architecture/decisions\n")
    assert find_adr_dir(base_dir=tmp_path) == tmp_path / "architecture/decisions"
    assert find_adr_dir(adr_dir=Path("x"), base_dir=tmp_path) == Path("x")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use Postgres / pgvector: yes?", "use-postgres-pgvector-yes"),
        ("../../etc/passwd", "etc-passwd"),
        ("Ünïcödé ständards", "unicode-standards"),
        ("???", "decision"),
        ("word " * 40, ("word-" * 16)[:-1]),
    ],
)
def test_slug_is_safe_and_bounded(title, slug):
    assert slugify(title) == slug
    assert len(slugify(title)) <= 80 and "/" not in slugify(title)


def _heads() -> list[str]:
    texts = [p.read_text() for p in sorted(FIXTURES.glob("adr-*/*.md"))]
    texts.append(
        "# T\n\n- Status: accepted\n- Date: 2020-01-01\n\nTechnical Story: [x](y)\nsecond line\n\n## Status\n\nA\n"
    )
    texts.append("# 3. Title #\n\nDate: 2021-01-01\n\n## Status\n\nSupercedes [2. X](0002-x.md)\n* item\n+ other\n")
    return texts


@pytest.mark.parametrize("text", _heads())
def test_the_fast_block_splitter_agrees_with_markdown_it(text):
    from advisor.adr.blocks import _COMPLEX, _markdown_blocks, _simple_blocks

    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    if _COMPLEX.search(body):
        pytest.skip("goes through markdown-it-py anyway")
    assert _simple_blocks(body) == _markdown_blocks(body)
