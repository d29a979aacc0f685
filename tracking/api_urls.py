"""API routes of tracking under /api/v1/."""

from tracking.routes import history, reports

urlpatterns = [*history.api_urlpatterns, *reports.api_urlpatterns]
