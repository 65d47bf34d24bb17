"""The quick reader of plain block YAML (advisor/yamlfast.py) gives what the full reader gives, or steps aside."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import yamlio
from advisor.errors import InputError
from advisor.yamlfast import load_simple


def full(text: str):
    """yamlio's full reader, without the quick path in front of it."""
    node = yamlio._compose(text)
    located = yamlio.Located(data=None, file="x.yaml")
    if node is not None:
        located.data = yamlio._Builder("x.yaml", located.lines).build(node, (), 0)
    return located.data, located.lines


TAKEN = [
    "# a comment\nformat: 1\nadr:\n  id: ADR-0001\n  path: docs/adr/0001-x.md\n",
    "files:\n- path: base/a.yaml\n  sha256: 0123abc\n  builder: kubernetes\n- path: b.md\n  sha256: 9f\n",
    "list:\n  - a\n  - b\nnext: 2\n",
    "a:\n  b:\n    c: true\n    d: null\n    e: ~\n  f: 1.5\ng: 2026-01-15\n",
    "cidrs: []\nmore: {}\nempty:\nurl: https://backup.example.org:9000/x\nwho: a@b.example.org\n",
    "versions: 0.1.0\nruleset: 1d1e1958ac10\nyes: no\n12: twelve\nnull: x\ntext: a - b (c) d\n",
    "items:\n- x\n- y\nkey:\n- k: v\n  w:\n  - 1\n",
    # one-line flow collections, as answers files and the ADR's front matter and answers block write them
    "a: [1, 2]\nb: {c: 1}\n",
    "environments: [dev, staging, prod]\nadr:\n  decision_makers: [Platform architect]\n",
    'decision-makers: ["Platform architect"]\nconsulted: []\n',
    "outcome: {choices: {postgres: managed, rancher: not-needed}, scenarios: [A, B]}\n",
    "project: {name: x, description: 'It''s a service, first rollout'}\nteam: {size: 3, ok: true, none: null}\n",
    "a: [ x , y ]\nb: [a,b]\nc: [[1, 2], {d: []}, {}]\nd: { }\n",
    "- k: [1, {x: y}]\n  j: 2\n",
    "a: {'q': 1, \"r\": [yes, ~, 1.5, 2026-01-15]}\n",
]

STEPS_ASIDE = [
    "a: 'quoted'\n",
    'a: "x"\n',
    "a: [1, ]\n",
    "a: {b:1}\n",
    "a: {b: 1, b: 2}\n",
    "a: {b}\n",
    "a: {b: }\n",
    "a: [x] y]\n",
    "a: [x]  \n",
    'a: ["tab\\tbed"]\n',
    "a: ['caf\u00e9']\n",
    "a: [x # no]\n",
    "a: [&x 1, *x]\n",
    "a: [!!str 1]\n",
    "a: [-1]\n",
    "a: [x:y]\n",
    "a: [x, =]\n",
    "a: [\n  1]\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: value # comment\n",
    "a: first\n  continued\n",
    "- a\n  - b\n",
    "a: 1\na: 2\n",
    "a:\tb\n",
    "a: b\r\n",
    "---\na: 1\n",
    "a: -5\n",
    "a: x::y\n",
    "a: 2024-13-45\n",
    "<<: x\n",
    "a: =\n",
    "just a scalar\n",
    "  a: 1\n",
    "a: 1\n  b: 2\n",
    "a: caf\u00e9\n",
    "a: b \n",
    "",
]


@pytest.mark.parametrize("text", TAKEN)
def test_the_subset_reads_as_the_full_reader_reads_it(text):
    fast = load_simple(text, yamlio.MAX_NODES, yamlio.MAX_DEPTH)
    assert fast is not None
    data, lines = full(text)
    assert repr(fast[0]) == repr(data)
    assert fast[1] == lines


@pytest.mark.parametrize("text", STEPS_ASIDE)
def test_anything_else_is_left_to_the_full_reader(text):
    assert load_simple(text, yamlio.MAX_NODES, yamlio.MAX_DEPTH) is None


def test_limits_are_the_full_readers_to_report():
    text = "a:\n" + "".join(f"- {i}\n" for i in range(50))
    assert load_simple(text, 20, yamlio.MAX_DEPTH) is None
    deep = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(10)) + " " * 20 + "leaf: 1\n"
    assert load_simple(deep, yamlio.MAX_NODES, 5) is None
    assert load_simple(deep, yamlio.MAX_NODES, yamlio.MAX_DEPTH) is not None


def test_errors_keep_their_lines():
    """A duplicate key steps aside, so the message is still the full reader's, with both lines."""
    with pytest.raises(InputError) as caught:
        yamlio.load_yaml_text("a: 1\nb:\n  c: 1\n  c: 2\n", "x.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (4, "b.c")
    assert "first defined on line 3" in problem.message


def test_a_written_lock_takes_the_quick_path(tmp_path):
    from advisor.answers import parse_answers
    from advisor.pipeline import Options, decide_and_write, resolve_date
    from tests.core.cases import EXAMPLES

    text = (EXAMPLES / "scenario-a.yaml").read_text()
    (tmp_path / "answers.yaml").write_text(text)
    options = Options(out_dir=tmp_path / "deploy", adr_dir=tmp_path / "docs/adr", date=resolve_date("2026-01-15"),
                      answers_path=tmp_path / "answers.yaml", base_dir=tmp_path)  # fmt: skip
    decide_and_write(parse_answers(text, str(tmp_path / "answers.yaml")), options)
    lock = (tmp_path / "deploy" / "advisor.lock.yaml").read_text()
    fast = load_simple(lock, yamlio.MAX_NODES, yamlio.MAX_DEPTH)
    assert fast is not None
    assert repr(fast[0]) == repr(full(lock)[0]) and fast[1] == full(lock)[1]
    record = next((tmp_path / "docs/adr").glob("0001-*.md")).read_text()
    front_matter = record.split("---\n")[1]
    answers_block = record.split("```yaml advisor-answers\n")[1].split("```")[0]
    for part in (front_matter, answers_block, text):  # the record's flow collections, and the answers file's
        fast = load_simple(part, yamlio.MAX_NODES, yamlio.MAX_DEPTH)
        assert fast is not None, part
        assert repr(fast[0]) == repr(full(part)[0]) and fast[1] == full(part)[1]


_SCALARS = st.sampled_from(["a", "b c", "1", "-1", "1.5", "yes", "No", "null", "~", "'q'", "'it''s'", '"d"', '"x y"',
                            "2026-01-15", "x.y/z", "(p)", "u@v", "0x1F", "1e3", ".inf", "12:30", "''", '""', '"a#b"',
                            "'a, b'", '"[x]"', "1_000", "0b1", ".NaN", "2001-12-14t21:59:43.10-05:00"])  # fmt: skip
_SPACE = st.sampled_from(["", " ", "  "])


def _collections(children):
    sequence = st.tuples(_SPACE, st.lists(children, max_size=4), _SPACE).map(
        lambda t: f"[{t[0]}{', '.join(t[1])}{t[2]}]"
    )
    pairs = st.lists(st.tuples(_SCALARS, children), max_size=4)
    mapping = st.tuples(pairs, _SPACE).map(lambda t: "{" + t[1] + ", ".join(f"{k}: {v}" for k, v in t[0]) + "}")
    return st.one_of(sequence, mapping)


_FLOWS = st.recursive(_SCALARS, _collections, max_leaves=12).filter(lambda flow: flow[0] in "[{")


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(_FLOWS, st.sampled_from(["k: ", "- k: ", "k:\n  j: ", "a: 1\nk: "]))
def test_a_flow_collection_reads_as_the_full_reader_reads_it_or_steps_aside(flow, prefix):
    """Nested flow collections of every kind of scalar: what the quick reader takes, the full reader reads alike
    (data, types and lines); what the full reader refuses, the quick one never takes."""
    text = prefix + flow + "\n"
    fast = load_simple(text, yamlio.MAX_NODES, yamlio.MAX_DEPTH)
    try:
        expected = full(text)
    except (InputError, yaml.YAMLError):
        assert fast is None, text
        return
    if fast is not None:
        assert repr(fast[0]) == repr(expected[0]) and fast[1] == expected[1], text
