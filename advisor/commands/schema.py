"""`advisor schema`: the JSON Schema of the answers file, for editors and CI."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema of the answers file",
        description="Print the JSON Schema of the answers file (also in docs/answers.schema.json).",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.schema import answers_schema_text

    print(answers_schema_text(), end="")
    return 0
