from django.urls import path

from accounts import api

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("institutions/", api.InstitutionListCreateView.as_view(), name="api-institutions"),
]
