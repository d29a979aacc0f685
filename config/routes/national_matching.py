"""Routes of the national matching part: pages (namespace "national_matching") and API (namespace "national_matching_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
