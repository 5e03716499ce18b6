"""One background thread that runs calls in order: what the console command needs of
``concurrent.futures.ThreadPoolExecutor(max_workers=1)``, without its start-up cost
(importing ``concurrent.futures`` imports ``logging``: 3.6 ms of a run of 0.6 s)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from queue import SimpleQueue
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The outcome of a call handed to a :class:`Worker`."""

    __slots__ = ("_done", "_error", "_value")

    def __init__(self) -> None:
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None

    def result(self) -> T:
        """Wait for the call; its return value, or its exception raised here."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


class Worker:
    """A thread running the calls given to :meth:`submit` one after another; leaving the
    ``with`` block waits for every call given."""

    def __init__(self) -> None:
        self._calls: SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...], Pending[Any]] | None] = (
            SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., T], *args: Any) -> Pending[T]:
        pending: Pending[T] = Pending()
        self._calls.put((fn, args, pending))
        return pending

    def _run(self) -> None:
        while (call := self._calls.get()) is not None:
            fn, args, pending = call
            try:
                pending._value = fn(*args)
            except BaseException as exc:
                pending._error = exc
            finally:
                pending._done.set()
            del call, fn, args, pending  # let results go as soon as the caller does

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._calls.put(None)
        self._thread.join()
