"""Routes of the agreements part 'guarantees' (pages under /agreements/, API under /api/v1/)."""

from django.urls import path

from agreements.views import guarantees as pages
from agreements.views import guarantees_api as api

urlpatterns: list = [
    path("guarantees/", pages.GuaranteeListView.as_view(), name="guarantee-list"),
    path("<int:pk>/guarantees/", pages.GuaranteePageView.as_view(), name="guarantees"),
    path(
        "<int:pk>/guarantees/<int:gpk>/verify/",
        pages.GuaranteeDecisionView.as_view(action="verify"),
        name="guarantee-verify",
    ),
    path(
        "<int:pk>/guarantees/<int:gpk>/reject/",
        pages.GuaranteeDecisionView.as_view(action="reject"),
        name="guarantee-reject",
    ),
    path(
        "<int:pk>/guarantees/<int:gpk>/pdf/", pages.GuaranteePdfView.as_view(), name="guarantee-pdf"
    ),
]
api_urlpatterns: list = [
    path("agreements/<int:pk>/guarantees/", api.GuaranteesApi.as_view(), name="api-guarantees"),
    path(
        "agreements/<int:pk>/guarantees/<int:gpk>/verify/",
        api.GuaranteeDecisionApi.as_view(action="verify"),
        name="api-guarantee-verify",
    ),
    path(
        "agreements/<int:pk>/guarantees/<int:gpk>/reject/",
        api.GuaranteeDecisionApi.as_view(action="reject"),
        name="api-guarantee-reject",
    ),
]
