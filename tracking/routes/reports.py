"""Routes of the tracking part 'reports' (pages under /tracking/, API under /api/v1/)."""

from django.urls import path

from tracking.interfaces.reports_api import (
    ReportDetailApi,
    ReportListApi,
    ReportReviewApi,
    ReportSubmitApi,
)
from tracking.interfaces.reports_pages import EvidenceFileView, ReportEditView, ReportListView

urlpatterns: list = [
    path("reports/", ReportListView.as_view(), name="reports"),
    path("reports/<int:pk>/", ReportEditView.as_view(), name="report_edit"),
    path(
        "reports/<int:pk>/evidence/<int:eid>/", EvidenceFileView.as_view(), name="report_evidence"
    ),
]
api_urlpatterns: list = [
    path("tracking/reports/", ReportListApi.as_view(), name="api-tracking-reports"),
    path("tracking/reports/<int:pk>/", ReportDetailApi.as_view(), name="api-tracking-report"),
    path(
        "tracking/reports/<int:pk>/submit/",
        ReportSubmitApi.as_view(),
        name="api-tracking-report-submit",
    ),
    path(
        "tracking/reports/<int:pk>/review/",
        ReportReviewApi.as_view(),
        name="api-tracking-report-review",
    ),
]
