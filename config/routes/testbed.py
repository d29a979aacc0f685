"""Routes of the testbed part: pages (namespace "testbed") and API (namespace "testbed_api")."""

urlpatterns: list = []
api_urlpatterns: list = []
