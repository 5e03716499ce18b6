"""What the console commands (``mobilise-spc``, ``mobilise-network``, ``mobilise-spread``) share.

Pure Python, no Django: each engine's command imports it before numpy.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def exit_after(main: Callable[[], int]) -> NoReturn:
    """Run a command's ``main``, flush, and leave at once with its status.

    Tearing down the interpreter and the run's large arrays (or its half a million small
    objects) is work nobody waits for, so the process ends without it once everything is
    written."""
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing more to tell it
        pass
    os._exit(status)


def without_cycle_collector(run: Callable[P, R]) -> Callable[P, R]:
    """``run`` with Python's cycle collector paused: a command's results are large or numerous
    objects in no cycle, and the collector's passes over them cost a tenth to a fifth of a run."""

    @wraps(run)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return paused
