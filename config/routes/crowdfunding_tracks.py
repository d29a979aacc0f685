"""Routes of the crowdfunding tracks part: pages (namespace "crowdfunding_tracks") and API (namespace "crowdfunding_tracks_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
