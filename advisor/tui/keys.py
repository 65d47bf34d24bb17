"""Every key lands where it was typed, in the order it was typed, however fast the keys come (a paste, a burst
over a slow link).

Textual hands each key it reads to the widget focused at that moment, and reads the next one at once. But a key
is only finished once it has travelled up through the widgets' queues to the app, where the bindings run: `tab`
moves the focus there, `end` moves an input's cursor there. Meanwhile the next keys were handed to the widget
being left, or typed before the cursor moved. `KeyGate` makes the app take one key at a time:

- a key handed to a widget is followed by a marker (`KeyDone`) that bubbles up the same way; until the marker
  reaches the app, the key is still on its way, and the keys read after it wait;
- keys also wait while the screen on top has nothing focused yet (it is being built), and while an action that
  opens dialogs runs on the screen it started from (`dialog_flow`);
- the keys that move focus or change screens are priority bindings, which run as the app reads the key, and
  screens set focus at once (`Screen.set_focus`), never through the deferred `Widget.focus()`.

Held keys are handed on in order as soon as nothing is in the way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, work
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

F = TypeVar("F", bound=Callable[..., Any])
STUCK = 2.0  # seconds: a gate closed that long is a bug (a marker lost with its widget); keys flow again


class KeyDone(Message):
    """Follows a key to the widget it was handed to and up to the app: the key before it is finished."""


class KeyGate:
    """Holds the keys read while one is still on its way, or while the focus they are meant for is not there."""

    def __init__(self, app: App, deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver  # hands a key to the app's own handling (focus, priority bindings, forwarding)
        self.held: deque[events.Event] = deque()
        self.in_flight: KeyDone | None = None
        self.screen: Screen | None = None  # the screen on top, until it has focused something
        # While an action that opens dialogs runs, the screen it started on takes no keys: they wait for its
        # dialog, or for its end (a key typed after the answer to a dialog waits for what that answer does).
        self.flow_base: Screen | None = None
        self._timer: Any = None

    @property
    def closed(self) -> bool:
        flow = self.flow_base is not None and self.app.screen is self.flow_base
        return self.in_flight is not None or self.screen is not None or flow

    async def take(self, event: events.Event) -> None:
        """A key (or paste) the app read: hand it on now, or hold it behind the ones still waiting."""
        self.held.append(event)
        await self._replay()

    async def _replay(self) -> None:
        while self.held and not self.closed:
            event = self.held.popleft()
            await self.deliver(event)
            if event.is_forwarded:  # handed to a widget: the next key waits until this one has been through
                target = self.app.focused or self.app.screen
                marker = KeyDone()
                if target.post_message(marker):
                    self.in_flight = marker
        if self.held and self._timer is None:
            self._timer = self.app.set_timer(STUCK, self._unstick)
        elif not self.held and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def done(self, marker: KeyDone) -> None:
        """The marker reached the app: its key is finished."""
        if marker is self.in_flight:
            self.in_flight = None
            self._open()

    def screen_changed(self, screen: Screen) -> None:
        """A screen came on top: a key on its way to the one below is lost with it; wait for this one's focus."""
        self.in_flight = None
        if screen.focused is not None:
            self.screen = None
            self._open()
            return
        self.screen = screen
        self.app.watch(screen, "focused", partial(self._focused, screen), init=False)

    def _focused(self, screen: Screen, widget: Widget | None) -> None:
        if screen is self.screen and widget is not None:
            self.screen = None
            self._open()

    def begin_flow(self) -> None:
        self.flow_base = self.app.screen

    def end_flow(self) -> None:
        self.flow_base = None
        self._open()

    def _open(self) -> None:
        if not self.closed and self.held:
            self.app.call_later(self._replay)

    def _unstick(self) -> None:
        self._timer = None
        self.in_flight = self.screen = self.flow_base = None
        self._open()


def dialog_flow(group: str) -> Callable[[F], F]:
    """An action that may open dialogs and wait for them (a worker): the keys typed after the one that started it
    wait for its first dialog (or its end), rather than going to the widget under it."""

    def wrap(method: F) -> F:
        async def body(self: Any, *args: Any) -> None:
            try:
                await method(self, *args)
            finally:
                self.app.keys.end_flow()

        runner = work(exclusive=True, group=group)(body)

        @wraps(method)
        def start(self: Any, *args: Any) -> None:
            self.app.keys.begin_flow()
            runner(self, *args)

        return start  # type: ignore[return-value]

    return wrap
