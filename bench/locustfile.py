"""Locust users for `make bench` (run by bench/run.py, never by hand-written loops).

The plan comes from the JSON file named by BENCH_PLAN and the results go to BENCH_OUT:
- mode "latency": one user walks every page of the plan; each request of a page follows a
  request of the floor, so page and floor are measured in the same moments of the machine;
- mode "throughput": each user requests the one page of the plan again and again.
Requests never follow redirects: a redirect (to the sign-in page, say) counts as an error.
"""

from __future__ import annotations

import json
import os

from locust import FastHttpUser, events, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115


def _request(user: FastHttpUser, row: dict, name: str) -> None:
    cookies = PLAN["cookies"][row["role"]]
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if row.get("form"):
        headers["X-CSRFToken"] = cookies.get("csrftoken", "")
        headers["Referer"] = PLAN["host"] + row["path"]
        call = user.client.post(
            row["path"],
            data=row["form"],
            headers=headers,
            name=name,
            catch_response=True,
            allow_redirects=False,
        )
    else:
        call = user.client.get(
            row["path"], headers=headers, name=name, catch_response=True, allow_redirects=False
        )
    with call as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}")


class BenchUser(FastHttpUser):
    host = PLAN["host"]

    @task
    def walk(self) -> None:
        if PLAN["mode"] == "latency":
            floor = PLAN["floor"]
            for row in PLAN["pages"]:
                for _ in range(PLAN["rounds"]):
                    _request(self, floor, "floor")
                    _request(self, row, f"{row['role']}|{row['name']}")
            self.environment.runner.quit()
        else:
            row = PLAN["pages"][0]
            _request(self, row, f"{row['role']}|{row['name']}")


@events.quitting.add_listener
def _dump(environment, **_kwargs) -> None:
    out = {}
    for (name, _method), entry in environment.stats.entries.items():
        out[name] = {
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "median_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "rps": entry.total_rps,
        }
    with open(os.environ["BENCH_OUT"], "w", encoding="utf-8") as fh:
        json.dump(out, fh)
