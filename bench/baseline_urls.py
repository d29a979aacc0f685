"""A bare Django view for benchmark baselines (wired only when BENCH_BASELINE_ENABLED is true).

It returns a tiny JSON body through the full middleware stack, with no database query, so that
benchmarks can report their throughput as a ratio to what Django itself costs on the same machine
in the same run.
"""

from django.http import JsonResponse
from django.urls import path


def baseline(request):
    """Public and side-effect free: {"ok": true}."""
    return JsonResponse({"ok": True})


urlpatterns = [path("baseline/", baseline, name="bench-baseline")]
