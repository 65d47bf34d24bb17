"""The real `advisor interview` in a pseudo-terminal, read through a terminal emulator (pyte).

Tests wait for what the screen shows, never for a time: `wait_for` reads the program's output into the
emulated screen until the text appears (or the deadline passes, which fails with the screen as it was).
`send` writes its keys in one write, as a paste or a burst over a slow link arrives.

The emulator says it supports synchronized output (DEC mode 2026), so Textual brackets each frame, and the
screen is only looked at between frames: a match is never made on a frame half drawn over the last one.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte

from tests.conftest import ROOT

TIMEOUT = 60
TAB, SHIFT_TAB, ENTER, ESCAPE = "\t", "\x1b[Z", "\r", "\x1b"
CTRL_C, CTRL_K, CTRL_N, CTRL_P = "\x03", "\x0b", "\x0e", "\x10"
CTRL_Q, CTRL_R, CTRL_S = "\x11", "\x12", "\x13"
F1, END, HOME = "\x1bOP", "\x1b[F", "\x1b[H"


SYNC_QUERY, SYNC_BEGIN, SYNC_END = b"\x1b[?2026$p", b"\x1b[?2026h", b"\x1b[?2026l"
SYNC_SUPPORTED = "\x1b[?2026;2$y"  # DECRPM: the mode is known and reset


class Terminal:
    """One run of `advisor ARGS` in a `columns` x `lines` terminal, in `cwd`."""

    def __init__(self, args: list[str], cwd: Path, columns: int = 80, lines: int = 24) -> None:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines), PYTHONPATH=str(ROOT))
        env.pop("TEXTUAL", None)
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            sys.executable, ["-m", "advisor", *args], cwd=str(cwd), env=env, dimensions=(lines, columns)
        )
        self.output = b""
        self.in_frame = False

    def send(self, keys: str) -> None:
        self.child.send(keys.encode())

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def _read(self, deadline: float) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=max(0.05, min(0.5, deadline - time.monotonic())))
        except pexpect.TIMEOUT:
            return
        self.output += data
        self.stream.feed(data)
        if SYNC_QUERY in data:
            self.child.send(SYNC_SUPPORTED)
        begin, end = data.rfind(SYNC_BEGIN), data.rfind(SYNC_END)
        if begin != end:  # the last marker in this read says whether a frame is still being drawn
            self.in_frame = begin > end

    def _shows(self, regex: re.Pattern[str]) -> re.Match[str] | None:
        return None if self.in_frame else regex.search(self.text)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Read until the screen shows `pattern` (a regular expression); fail with the screen when it never does."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            found = self._shows(regex)
            if found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"never showed {pattern!r}; the screen:\n{self.text}")
            self._read(deadline)

    def wait_until_gone(self, pattern: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while self.in_frame or regex.search(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(f"still shows {pattern!r}; the screen:\n{self.text}")
            self._read(deadline)

    def finish(self, timeout: float = TIMEOUT) -> int:
        """Wait for the program to exit; its exit status."""
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                raise AssertionError(f"did not exit; the screen:\n{self.text}")
            try:
                data = self.child.read_nonblocking(65536, timeout=0.5)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
            self.output += data
            self.stream.feed(data)
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
