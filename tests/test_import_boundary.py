"""The core never imports Textual: only advisor/tui does (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "advisor.cli",
    "advisor.pipeline",
    "advisor.engine",
    "advisor.answers",
    "advisor.writer",
    "advisor.skeleton",
    "advisor.adr",
    "advisor.site",
]


def test_core_does_not_import_textual():
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {CORE!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(module, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import advisor.cli\n"
        "advisor.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'advisor')))\n"
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "advisor.adr.plan" in proc.stdout and "advisor.skeleton" in proc.stdout  # the walk did import the core


def test_the_check_would_notice_textual():
    proc = subprocess.run(
        [sys.executable, "-c", "import advisor.tui.app, sys; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.strip() == "True"
