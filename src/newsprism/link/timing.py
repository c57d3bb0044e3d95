"""Per-step timing for whoever listens (``make bench``), without naming steps in strings.

A step is wrapped once with :func:`timed`; while a :func:`step_timer` is active in the current
context it reports each call's seconds under the function's own ``__name__``, otherwise it costs
one context-variable read. The timer lives in a :class:`~contextvars.ContextVar` rather than a
parameter threaded through every call, so the stage's code reads as its data flow (each step
called directly) and a timer never leaks into another thread's or an outer run's steps.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

StepTimer = Callable[[str, float], None]
"""Called with a step's name and its seconds after each timed step."""

_P = ParamSpec("_P")
_R = TypeVar("_R")
_TIMER: ContextVar[StepTimer | None] = ContextVar("newsprism_step_timer", default=None)


@contextmanager
def step_timer(on_step: StepTimer) -> Iterator[None]:
    """Report every :func:`timed` step that runs inside the block to ``on_step``; an inner
    timer hides the outer one until it ends."""
    token = _TIMER.set(on_step)
    try:
        yield
    finally:
        _TIMER.reset(token)


def timed(step: Callable[_P, _R]) -> Callable[_P, _R]:
    """``step``, reporting its seconds under ``step.__name__`` to the active :func:`step_timer`."""

    @functools.wraps(step)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        on_step = _TIMER.get()
        if on_step is None:
            return step(*args, **kwargs)
        t0 = time.perf_counter()
        result = step(*args, **kwargs)
        on_step(step.__name__, time.perf_counter() - t0)
        return result

    return run
