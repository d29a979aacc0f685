"""Pages of tracking."""

from django.urls import path  # noqa: F401

app_name = "tracking"
urlpatterns: list = []
