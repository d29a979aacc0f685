"""Routes of the outcomes dash part: pages (namespace "outcomes_dash") and API (namespace "outcomes_dash_api")."""

from django.urls import path

from tracking.interfaces.outcomes_dash import (
    OutcomesDashboardView,
    OutcomesExcelView,
    OutcomesPdfView,
    OutcomesSummaryApi,
)

urlpatterns: list = [
    path("tracking/outcomes/", OutcomesDashboardView.as_view(), name="dashboard"),
    path("tracking/outcomes/outcomes.xlsx", OutcomesExcelView.as_view(), name="export-xlsx"),
    path("tracking/outcomes/outcomes.pdf", OutcomesPdfView.as_view(), name="export-pdf"),
]
api_urlpatterns: list = [
    path("tracking/outcomes/summary/", OutcomesSummaryApi.as_view(), name="summary"),
]
