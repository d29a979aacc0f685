"""API routes of applications under /api/v1/."""

from django.urls import path

from applications import api

urlpatterns = [
    path("applications/", api.ApplicationListCreateApi.as_view(), name="api-applications"),
    path("applications/<int:pk>/", api.ApplicationDetailApi.as_view(), name="api-application"),
    path(
        "applications/<int:pk>/validation/",
        api.ApplicationValidationApi.as_view(),
        name="api-application-validation",
    ),
    path(
        "applications/<int:pk>/attachments/",
        api.ApplicationAttachmentsApi.as_view(),
        name="api-application-attachments",
    ),
    path(
        "applications/<int:pk>/submit/",
        api.ApplicationSubmitApi.as_view(),
        name="api-application-submit",
    ),
]
