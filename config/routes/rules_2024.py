"""Routes of the rules 2024 part: pages (namespace "rules_2024") and API (namespace "rules_2024_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
