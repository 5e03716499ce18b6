"""The console command's background thread: calls run in order, results and errors come back."""

import pytest

from mobilise.spc.worker import Worker


def test_calls_run_in_order_and_return_their_results() -> None:
    done: list[int] = []
    with Worker() as worker:
        pending = [worker.submit(lambda i: done.append(i) or i * i, i) for i in range(5)]
        assert [p.result() for p in pending] == [0, 1, 4, 9, 16]
    assert done == [0, 1, 2, 3, 4]


def test_an_error_is_raised_where_the_result_is_asked_for() -> None:
    def fail() -> None:
        raise BrokenPipeError("gone")

    with Worker() as worker:
        pending = worker.submit(fail)
        later = worker.submit(lambda: "still runs")
        with pytest.raises(BrokenPipeError, match="gone"):
            pending.result()
        assert later.result() == "still runs"


def test_leaving_the_block_waits_for_every_call() -> None:
    done: list[int] = []
    with Worker() as worker:
        for i in range(3):
            worker.submit(done.append, i)
    assert done == [0, 1, 2]
