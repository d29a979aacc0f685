"""Routes of the outcomes dash part: pages (namespace "outcomes_dash") and API (namespace "outcomes_dash_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
