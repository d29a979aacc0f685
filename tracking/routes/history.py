"""Routes of the tracking part 'history' (pages under /tracking/, API under /api/v1/)."""

from django.urls import path

from tracking.interfaces.history import HistoryApiView, HistoryPageView

urlpatterns: list = [
    path("history/", HistoryPageView.as_view(), name="history"),
]
api_urlpatterns: list = [
    path("tracking/history/", HistoryApiView.as_view(), name="api-tracking-history"),
]
