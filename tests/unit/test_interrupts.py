"""A signal's interruption is never lost, even when its exception is raised inside a finaliser."""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Iterator

import pytest

from newsprism.errors import Interrupted, check_interrupted, clear_interrupted, interrupt


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    clear_interrupted()
    yield
    clear_interrupted()


def test_interrupt_raises_once_and_a_repeat_while_unwinding_is_ignored() -> None:
    with pytest.raises(Interrupted) as raised:
        interrupt(2)
    assert raised.value.exit_code == 130
    interrupt(15)  # a second Ctrl-C during the rollback: no new exception
    assert clear_interrupted() == 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_interruption_lost_in_a_finaliser_is_raised_at_the_next_check() -> None:
    class Finalised:
        def __del__(self) -> None:
            interrupt(15)  # Python prints this exception and carries on

    Finalised()
    gc.collect()
    with pytest.raises(Interrupted) as raised:
        check_interrupted()
    assert raised.value.exit_code == 143


def test_no_interruption_no_exception() -> None:
    check_interrupted()
    assert clear_interrupted() is None


def test_a_command_interrupted_inside_a_finaliser_ends_as_interrupted_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.cli import _exit_status

    printed: list[object] = []  # what Python would print as "Exception ignored in ..."
    monkeypatch.setattr(sys, "unraisablehook", printed.append)

    def command() -> None:
        class Finalised:
            def __del__(self) -> None:
                os.kill(os.getpid(), signal.SIGTERM)  # the CLI's handler raises in here

        Finalised()
        gc.collect()

    assert _exit_status(command) == 143
    assert capsys.readouterr().err.splitlines() == ["newsprism: interrupted"]
    assert printed == []
