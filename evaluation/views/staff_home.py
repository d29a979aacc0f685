"""The staff workbench at /staff/: my tasks and the pipeline per call (read-only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from evaluation.interfaces.workbench import STAGES, my_tasks, pipeline
from evaluation.views import require


@login_required
def staff_home(request):
    """Staff only (403 for every other role; anonymous users are sent to the login page)."""
    require(request, "evaluation.manage")
    tasks = my_tasks()
    return render(request, "staff/home.html", {
        "tasks": tasks, "open_tasks": sum(t.total for t in tasks),
        "pipeline": pipeline(), "stages": STAGES,
    })  # fmt: skip
