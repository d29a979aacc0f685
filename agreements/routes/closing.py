"""Routes of the agreements part 'closing' (pages under /agreements/, API under /api/v1/)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
api_urlpatterns: list = []
