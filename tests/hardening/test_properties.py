"""Properties that hold for every valid answers file, and for any text handed to the parsers.

- any valid Answers -> `pipeline.run` succeeds and is deterministic: the same plan, byte for byte, twice;
- no rendered file holds a plain Secret, and the model objects pass the checklist checks of tests/k8s_checks.py;
- the ADR parses back to the same fields (status, date, title, the recorded answers and their hash, the outcome);
- any text as an ADR file, an answers file or YAML never crashes a parser (only InputError, with a location).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from advisor.adr.checks import check_log
from advisor.adr.log import AdrLog
from advisor.adr.records import parse_record
from advisor.answers import Answers, dump_answers, parse_answers
from advisor.errors import InputError
from advisor.pipeline import Options, run
from advisor.yamlio import load_yaml_text
from tests import k8s_checks

from .strategies import ANSWERS

DATE = dt.date(2025, 1, 15)
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=300, deadline=None)


def _plan(answers: Answers, base: Path) -> list[tuple[str, str, bytes]]:
    options = Options(out_dir=base / "deploy", adr_dir=base / "docs" / "adr", date=DATE, base_dir=base)
    result = run(answers, options)
    return [(str(f.root), f.path, f.data) for f in result.plan.files], result


@SLOW
@given(ANSWERS)
def test_any_valid_answers_decide_render_and_repeat_byte_for_byte(answers: Answers) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        first, result = _plan(answers, base)
        second, _ = _plan(answers.model_validate(answers.normalised()), base)
    assert first == second
    decision = result.decision
    assert set(decision.choices) >= {"runtime", "manifests", "postgres", "secrets"}

    for root, path, data in first:
        if path.endswith((".yaml", ".yml")) and "/templates/" not in f"/{path}":
            docs = [doc for doc in yaml.safe_load_all(data) if isinstance(doc, dict)]
            assert k8s_checks.check_no_plain_secrets(docs) == [], f"{root}/{path}"

    if decision["runtime"] == "kubernetes":
        from advisor.skeleton.objects import env_objects

        for env in answers.environments:
            objects = env_objects(decision, result.adr_id, env)
            assert k8s_checks.all_violations(objects) == [], env
            access = k8s_checks.object_access_of(decision.choices)
            assert k8s_checks.check_secret_interface(objects, answers.project.name, access) == [], env

    adr = [(root, path, data) for root, path, data in first if Path(root) == base / "docs" / "adr"]
    assert len(adr) == 1
    record = parse_record(Path(adr[0][1]), adr[0][2].decode("utf-8"))
    assert record is not None and record.number == 1
    assert (record.status, record.date) == ("proposed", DATE.isoformat())  # signed by people, not by advisor
    assert record.title
    block = record.advisor()
    assert block is not None, record.advisor_block()
    assert block["answers"] == answers.normalised()
    assert block["answers_sha256"] == answers.sha256()
    assert block["outcome"] == decision.outcome()


@SLOW
@given(ANSWERS)
def test_saved_answers_load_back_equal(answers: Answers) -> None:
    assert parse_answers(dump_answers(answers)) == answers


ADR_LIKE = st.one_of(
    st.text(max_size=3000),
    st.builds(
        lambda front, body: f"---\n{front}\n---\n{body}",
        st.text(st.sampled_from(list("status:date-advisor \n[]{}&*!'\"#|>\t\u2028\x85ADR0123456789")), max_size=300),
        st.text(max_size=500),
    ),
    st.builds(
        lambda title, status, body: f"# 1. {title}\n\nDate: 2025-01-01\n\n## Status\n\n{status}\n\n{body}",
        st.text(max_size=80),
        st.text(max_size=80),
        st.text(max_size=300),
    ),
)


@FAST
@given(ADR_LIKE, st.sampled_from(["0001-a.md", "20250101-b.md", "0002-c.md"]))
def test_any_text_as_an_adr_never_crashes_the_parser_or_check(text: str, name: str) -> None:
    record = parse_record(Path("/adr") / name, text)
    assert record is not None
    record.advisor_block()  # returns a block or a reason; never raises
    findings = check_log(AdrLog(Path("/adr"), [record], {record.file: text}))
    assert all(f.file.startswith("/adr/") for f in findings)


YAMLISH = st.text(st.sampled_from(list("ab1: -[]{}&*!|>'\"%@`#,?\n\t\\.~=<")), max_size=200)


@FAST
@given(st.one_of(YAMLISH, st.text(max_size=300)))
def test_any_text_as_yaml_or_answers_gives_input_error_or_data(text: str) -> None:
    try:
        load_yaml_text(text, "x.yaml")
    except InputError as exc:
        assert all(p.file == "x.yaml" for p in exc.problems)
    try:
        parse_answers(text, "answers.yaml")
    except InputError as exc:
        assert exc.problems and all(p.file == "answers.yaml" for p in exc.problems)


def _with_person(person: str) -> dict:
    return {
        "project": {"name": "atlas"},
        "phase": 4,
        "team": {"size": 3},
        "regulation": {"regulated": False},
        "organization": {"teams": 1},
        "adr": {"decision_makers": [person]},
    }


@pytest.mark.parametrize("person", ["tab\tname", "{{ 7*7 }}", "'; DROP", "Zoë Ünal 山田 🚀", "--- # not yaml", "a: b"])
def test_odd_but_valid_people_survive_the_adr_round_trip(person: str, tmp_path: Path) -> None:
    answers = Answers.model_validate(_with_person(person))
    files, _ = _plan(answers, tmp_path)
    adr = next(data for root, _, data in files if root.endswith("adr"))
    record = parse_record(Path("0001-x.md"), adr.decode())
    assert record is not None and record.advisor() is not None, record and record.advisor_block()
    assert record.advisor()["answers"]["adr"]["decision_makers"] == [person]


@pytest.mark.parametrize("person", ["A\u2028B", "x\x85y", "form\x0cfeed", "nul\x00", "c1\x81", "bell\x07"])
def test_people_that_yaml_cannot_hold_on_one_line_are_refused(person: str) -> None:
    with pytest.raises(ValidationError, match="decision_makers"):
        Answers.model_validate(_with_person(person))
