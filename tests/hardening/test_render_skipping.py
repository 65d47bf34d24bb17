"""Rendering only what is needed never changes what advisor plans or writes.

A re-decide renders only the files whose builder read facts that changed (the lock vouches for the others'
hashes), and a dry run reports a file that does not exist yet as `new` without rendering it. The property:
for any answers, any later change to them, and any hand edit, the skipping path and a full render (nothing
vouched for) agree on every plan line (status and reason) and, once written, on every byte of the tree.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from advisor import provenance
from advisor.answers import Answers, load_answers
from advisor.content import Deferred
from advisor.errors import InputError
from advisor.pipeline import Options, Result, decide_and_write, run, write
from advisor.writer import plan_entries

from .strategies import ANSWERS_DATA

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIRST, LATER = dt.date(2025, 1, 15), dt.date(2025, 6, 1)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _options(base: Path, date: dt.date) -> Options:
    return Options(out_dir=base / "deploy", adr_dir=base / "docs" / "adr", date=date, base_dir=base)


def _full_render(answers: Answers, options: Options) -> Result:
    """The same run with nothing vouched for: every file is rendered to be compared."""
    with mock.patch.object(provenance, "vouch", lambda *args, **kwargs: False):
        return run(answers, options)


def _tree(base: Path) -> dict[str, bytes]:
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def _relative(entries: list[dict[str, Any]], base: Path) -> list[tuple[str, str, str | None]]:
    return [(str(Path(e["path"]).relative_to(base)), e["status"], e["because"]) for e in entries]


def _unrendered(result: Result) -> list[str]:
    return [f.path for f in result.plan.files if isinstance(f.content, Deferred) and not f.content.rendered]


@st.composite
def _change(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(first answers, later answers): the later ones take up to two sections from other answers."""
    first, other = draw(ANSWERS_DATA), draw(ANSWERS_DATA)
    keys = draw(st.lists(st.sampled_from(sorted(set(first) | set(other))), max_size=2, unique=True))
    later = dict(first)
    for key in keys:
        if key in other:
            later[key] = other[key]
        else:
            later.pop(key, None)
    return first, later


def _validated(data: dict[str, Any]) -> Answers:
    try:
        return Answers.model_validate(data)
    except ValidationError:
        assume(False)
        raise


@SETTINGS
@given(_change(), st.integers(0, 1_000), st.booleans())
def test_skipping_and_a_full_render_agree_on_the_plan_and_the_bytes(change, edit_index: int, edit: bool) -> None:
    first, later = (_validated(data) for data in change)
    with tempfile.TemporaryDirectory() as tmp_a, tempfile.TemporaryDirectory() as tmp_b:
        trees = Path(tmp_a), Path(tmp_b)
        try:
            for base in trees:
                decide_and_write(first, _options(base, FIRST))
        except InputError:  # answers the skeleton refuses (a moving image tag) are refused on both paths
            assume(False)
        if edit:  # the same hand edit in both trees: a comment appended to one generated file
            generated = sorted(p for p in (trees[0] / "deploy").rglob("*") if p.is_file())
            victim = generated[edit_index % len(generated)].relative_to(trees[0])
            for base in trees:
                with (base / victim).open("a", encoding="utf-8") as handle:
                    handle.write("# edited by hand\n")
        try:
            skipping = run(later, _options(trees[0], LATER))
            full = _full_render(later, _options(trees[1], LATER))
        except InputError:
            assume(False)
            raise
        planned = _relative(plan_entries(skipping.plan), trees[0])
        assert planned == _relative(plan_entries(full.plan), trees[1])
        write(skipping)
        write(full)
        assert _tree(trees[0]) == _tree(trees[1])


def test_a_dry_run_into_an_empty_folder_renders_nothing(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "scenario-b-c.yaml")
    result = run(answers, _options(tmp_path, FIRST))
    entries = plan_entries(result.plan)
    assert {e["status"] for e in entries} == {"new"}
    assert len(entries) > 40
    # Every file (the ADR, the skeleton's YAML and the lock) is still a recipe; only plain text was made eagerly.
    deferred = [f.path for f in result.plan.files if isinstance(f.content, Deferred)]
    assert sorted(_unrendered(result)) == sorted(deferred)
    assert any(path.endswith(".md") and path[:4].isdigit() for path in deferred)  # the ADR
    assert "advisor.lock.yaml" in deferred and len(deferred) > 30


def _skeleton(result: Result, base: Path) -> dict[str, Deferred]:
    """The skeleton's deferred files (the lock aside) by path."""
    return {
        f.path: f.content
        for f in result.plan.files
        if f.root == base / "deploy" and f.path != "advisor.lock.yaml" and isinstance(f.content, Deferred)
    }


def test_deciding_again_renders_only_the_files_whose_objects_changed(tmp_path: Path) -> None:
    text = (EXAMPLES / "scenario-b.yaml").read_text()
    (tmp_path / "answers.yaml").write_text(text)
    decide_and_write(load_answers(tmp_path / "answers.yaml"), _options(tmp_path, FIRST))

    same = run(load_answers(tmp_path / "answers.yaml"), _options(tmp_path, LATER))
    assert same.unchanged and {e["status"] for e in plan_entries(same.plan)} == {"unchanged"}
    files = _skeleton(same, tmp_path)
    assert len(files) > 30 and not [path for path, content in files.items() if content.rendered]

    # The record is signed, so a change of answers is a new ADR: each builder's facts change, but only the files
    # made from objects that changed (the overlays that name the ADR) are rendered.
    (record,) = (tmp_path / "docs/adr").glob("0001-*.md")
    record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))
    assert "rpo_minutes: 15" in text
    (tmp_path / "answers.yaml").write_text(text.replace("rpo_minutes: 15", "rpo_minutes: 30"))
    moved = run(load_answers(tmp_path / "answers.yaml"), _options(tmp_path, LATER))
    entries = plan_entries(moved.plan)
    rendered = {path for path, content in _skeleton(moved, tmp_path).items() if content.rendered}
    deploy = str(tmp_path / "deploy") + "/"
    changed = {e["path"].removeprefix(deploy) for e in entries if e["status"] == "changed"}
    # Exactly the YAML files that changed were rendered (the README and RUNBOOK are plain text, made eagerly).
    deferred = set(_skeleton(moved, tmp_path))
    assert rendered and rendered == changed & deferred
    assert len(rendered) < len(deferred) // 2
    # What was not rendered is exactly what the full render finds unchanged.
    again = _full_render(load_answers(tmp_path / "answers.yaml"), _options(tmp_path, LATER))
    assert _relative(plan_entries(again.plan), tmp_path) == _relative(entries, tmp_path)


def test_a_lock_from_another_advisor_vouches_for_nothing(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "scenario-a.yaml")
    first, _ = decide_and_write(answers, _options(tmp_path, FIRST))
    lock = tmp_path / "deploy" / "advisor.lock.yaml"
    text = lock.read_text()
    assert f"version: {first.decision.tool_version}\n" in text
    lock.write_text(text.replace(f"version: {first.decision.tool_version}\n", "version: 0.0.1\n", 1))
    again = run(answers, _options(tmp_path, LATER))
    assert {e["status"] for e in plan_entries(again.plan) if not e["path"].endswith(".lock.yaml")} == {"unchanged"}
    files = _skeleton(again, tmp_path)
    assert files and all(content.rendered for content in files.values())
