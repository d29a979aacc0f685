"""Routes of the challenges part: pages (namespace "challenges") and API (namespace "challenges_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
