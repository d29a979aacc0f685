"""Routes of the tracking part 'reports' (pages under /tracking/, API under /api/v1/)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
api_urlpatterns: list = []
