"""API routes of evaluation.screening under /api/v1/."""

from django.urls import path

from evaluation.screening import api

urlpatterns = [
    path(
        "calls/<int:pk>/screening-runs/",
        api.CallScreeningRunsView.as_view(),
        name="screening-api-start",
    ),
    path(
        "screening-runs/<int:pk>/", api.ScreeningRunDetailView.as_view(), name="screening-api-run"
    ),
    path(
        "applications/<int:pk>/screening/",
        api.ApplicationScreeningView.as_view(),
        name="screening-api-application",
    ),
]
