"""Pages of tracking (/tracking/…)."""

from tracking.routes import history, reports

app_name = "tracking"
urlpatterns = [*history.urlpatterns, *reports.urlpatterns]
