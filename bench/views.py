"""The floor: an authenticated page rendering only the base layout. Every page's latency is
reported as a ratio to it, measured in the same round, so the ratios do not depend on how busy
the machine is. Its URL exists only when `PORTAL_BENCH_FLOOR` is on (the benchmark's server)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/floor.html")
