"""Routes of the campus town part: pages (namespace "campus_town") and API (namespace "campus_town_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
