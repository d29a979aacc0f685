"""Routes of the money dash part: pages (namespace "money_dash") and API (namespace "money_dash_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
