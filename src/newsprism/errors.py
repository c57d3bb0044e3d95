"""One exception hierarchy; the edges (CLI, web) translate it to exit codes or error shapes.

NewsprismError               anything newsprism raises on purpose (exit status 1)
 ├── ConfigError             a bad setting, flag or config file
 ├── InputError              an input that cannot be read at all
 │    └── NothingUsableError nothing analysable among the inputs (exit status 2)
 ├── ModelError              the spaCy pipeline cannot be loaded
 ├── StoreError              the database cannot be opened, migrated or written
 ├── NotFoundError           what was asked for is not there: an unknown story, an empty
 │                           database, a search without hits (exit status 4)
 └── StrictModeError         --strict and some inputs were skipped (exit status 3)

Interrupted (a BaseException) SIGINT or SIGTERM arrived (exit status 128 + the signal number)
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Root of every error newsprism raises on purpose."""

    exit_code = 1


class ConfigError(NewsprismError):
    """A bad setting, flag or configuration file."""


class InputError(NewsprismError):
    """An input that cannot be read (missing path, unreadable file)."""


class NothingUsableError(InputError):
    """No input yielded an article."""

    exit_code = 2


class ModelError(NewsprismError):
    """The NLP pipeline cannot be loaded."""


class StoreError(NewsprismError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(NewsprismError):
    """What the user asked for is not there (an unknown story id, a database without stories, a
    search that matched nothing): exit status 4, so a script can tell it from a failure (1)."""

    exit_code = 4


class StrictModeError(NewsprismError):
    """``--strict`` was given and some inputs were skipped."""

    exit_code = 3


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived while a command ran (raised by the CLI's signal handlers).

    A ``BaseException`` like ``KeyboardInterrupt``, so ``except Exception`` cannot swallow it and
    ``with`` blocks unwind (an open store transaction rolls back, a worker pool is stopped), but
    not a ``KeyboardInterrupt``: typer turns those into a bare exit status that a caller of
    ``app(standalone_mode=False)`` receives as a return value, which is how Ctrl-C used to end
    in exit status 0 with no message.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by signal {signum}")
        self.signum = signum
        self.exit_code = 128 + signum


#: The signal that interrupted this process, once its handler ran (see :func:`check_interrupted`).
_received: list[int] = []


def interrupt(signum: int) -> None:
    """Record that signal ``signum`` interrupted the run and raise :class:`Interrupted` (the CLI's
    handler). The record is the safety net: a signal handler runs between any two bytecodes, also
    inside a finaliser (``__del__``, a weakref callback) where Python prints the exception and
    carries on, and the run would then finish as if nothing happened. Long loops therefore call
    :func:`check_interrupted` at each step, and the CLI checks once more when the command returns."""
    _received.append(signum)
    if len(_received) == 1:  # a repeat while the run unwinds is ignored: the rollback completes
        raise Interrupted(signum)


def check_interrupted() -> None:
    """Raise :class:`Interrupted` if a signal interrupted the run and its exception was lost."""
    if _received:
        raise Interrupted(_received[0])


def clear_interrupted() -> int | None:
    """Forget any recorded interruption (the CLI, when a command ends), returning its signal."""
    signum = _received[0] if _received else None
    _received.clear()
    return signum
