"""The load test's people: signed-in page views of the largest programme, about 5% of them writes.

Run by bench/load.py (`make load`), which seeds the data, signs people in and reads what this
writes. Each user keeps one session (a convenor or a member) and does one task per second, so the
offered rate is the number of users. Every response's `Server-Timing` (the server's own time and
CPU) is kept per page group and written to LOAD_TIMINGS when locust stops.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from locust import HttpUser, constant_throughput, events, task

SESSIONS = json.load(open(os.environ["LOAD_SESSIONS"]))  # noqa: SIM115 (read once at start)
PAGES: dict[str, list[str]] = SESSIONS["pages"]
TIMING = re.compile(r"app;dur=([\d.]+), cpu;dur=([\d.]+)")
TIMINGS: dict[str, list[tuple[float, float, int]]] = defaultdict(list)  # group: (app ms, cpu ms, status)
_who = itertools.count()


@events.request.add_listener
def _keep_timing(name: str, response: Any, exception: Any, **kwargs: Any) -> None:
    status = getattr(response, "status_code", 0) or 0
    found = TIMING.search(response.headers.get("Server-Timing", "")) if response is not None else None
    app, cpu = (float(found[1]), float(found[2])) if found else (-1.0, -1.0)
    TIMINGS[name].append((app, cpu, status if exception is None or status else 0))


@events.quitting.add_listener
def _write_timings(**kwargs: Any) -> None:
    with open(os.environ["LOAD_TIMINGS"], "w") as out:
        json.dump(TIMINGS, out)


class Person(HttpUser):
    wait_time = constant_throughput(1)

    def on_start(self) -> None:
        n = next(_who)
        self.convenor = n % 5 == 0  # one in five is a convenor, who sees the survey with names
        session = SESSIONS["convenors" if self.convenor else "members"]
        self.client.cookies.set(SESSIONS["cookie"], session[n % len(session)])
        self.rng = random.Random(n)

    def _get(self, group: str, path: str | None = None) -> None:
        path = path or self.rng.choice(PAGES[group])
        with self.client.get(path, name=group, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from {path}")

    @task(15)
    def home(self) -> None:
        self._get("home")

    @task(15)
    def tests_list(self) -> None:
        self._get("tests_list")

    @task(10)
    def test(self) -> None:
        self._get("test")

    @task(12)
    def dashboard(self) -> None:
        self._get("dashboard")

    @task(15)
    def measure(self) -> None:
        self._get("measure")

    @task(8)
    def diagram(self) -> None:
        self._get("diagram")

    @task(5)
    def survey(self) -> None:
        if self.convenor:
            self._get("survey_results")
        else:
            self._get("survey_picture")

    @task(8)
    def people(self) -> None:
        self._get("people")

    @task(7)
    def register(self) -> None:
        self._get("register")

    @task(5)
    def add_a_value(self) -> None:
        """A new weekly value on a measure: the form, then the post (redirected to the chart)."""
        form_path = self.rng.choice(PAGES["point_form"])
        response = self.client.get(form_path, name="write_form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
        key = re.search(r'name="submission_key" value="([^"]+)"', response.text)
        if not (token and key):
            return
        when = date(2030, 1, 7) + timedelta(weeks=self.rng.randrange(4000))
        data = {
            "csrfmiddlewaretoken": token[1],
            "submission_key": key[1],
            "period": when.strftime("%d/%m/%Y"),
            "value": f"{self.rng.uniform(50, 150):.1f}",
            "numerator": "",
            "denominator": "",
        }
        with self.client.post(
            form_path,
            data=data,
            name="write",
            catch_response=True,
            allow_redirects=False,
            headers={"Referer": self.client.base_url + form_path},
        ) as posted:
            # 302: saved; 200: the form again (that week already had a value), still no error.
            if posted.status_code not in (200, 302):
                posted.failure(f"{posted.status_code} from {form_path}")
