"""How many messages the pool keeps in flight to one relay: additive increase, multiplicative
decrease (AIMD, as TCP does with its congestion window).

No fixed rate: the window starts small, grows while the relay accepts (by one per accepted
message until the first sign of throttling, "slow start"; after that by one per window's
worth of accepted messages), and halves on a throttling reply or a refused connection. Only
the first signal from one flight counts: the replies to messages sent before the window
last shrank say nothing about the new window (``epoch``).

``throttled(code, text)`` says which replies are such signals: 421 (the relay closes on us),
451 and 452 (local trouble or insufficient resources: often a rate limit), and any reply
whose enhanced status code is 4.7.x (RFC 3463 security or policy; Amazon SES answers
"454 4.7.0 Throttling failure", Gmail "421 4.7.28", Postfix's anvil "421 4.7.0 … too many
connections"). Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ENHANCED_47 = re.compile(r"(?:^|[\s:])4\.7\.\d{1,3}(?:\s|$)")

#: Replies that ask us to slow down (see the module docstring).
THROTTLE_CODES = frozenset({421, 451, 452})


def throttled(code: int | None, text: str) -> bool:
    """Whether the reply ``code text`` tells the sender to slow down."""
    return code is not None and (code in THROTTLE_CODES or _policy(code, text))


def explicit_throttle(code: int | None, text: str) -> bool:
    """A throttle about us, not the recipient: 421 or a 4.7.x. The message was not taken and
    may go again at once on the smaller window (a plain 451 or 452 goes back to the ledger)."""
    return code is not None and (code == 421 or _policy(code, text))


def _policy(code: int, text: str) -> bool:
    return 400 <= code < 500 and _ENHANCED_47.search(text) is not None


@dataclass
class Window:
    """The in-flight limit for one relay, between ``floor`` and ``ceiling``."""

    ceiling: int
    size: float = 2.0
    floor: int = 1
    #: Still doubling per round trip (no throttle seen yet).
    slow_start: bool = True
    #: Bumped on each decrease; a signal from an older epoch is ignored.
    epoch: int = 0
    #: The limits taken, in order (the first is the start), for logs and tests.
    trace: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.size = float(min(max(self.size, self.floor), self.ceiling))
        self.trace.append(self.limit)

    @property
    def limit(self) -> int:
        return int(self.size)

    def accepted(self) -> None:
        """A message went through: grow."""
        if self.size >= self.ceiling:
            return
        before = self.limit
        self.size = min(self.ceiling, self.size + (1.0 if self.slow_start else 1.0 / self.size))
        if self.limit != before:
            self._note()

    def throttled(self, epoch: int) -> bool:
        """A throttling signal from a message sent in ``epoch``: halve (once per epoch).
        Returns whether the window shrank."""
        if epoch != self.epoch:
            return False
        self.epoch += 1
        self.slow_start = False
        before = self.limit
        self.size = max(float(self.floor), self.size / 2)
        if self.limit != before:
            self._note()
        return True

    def _note(self) -> None:
        if len(self.trace) < 10_000:
            self.trace.append(self.limit)
