from django.urls import path

from accounts import api, api_co_institutions, api_notices

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("auth/logout/", api.LogoutView.as_view(), name="api-logout"),
    path("notices/", api_notices.NoticeListView.as_view(), name="api-notices"),
    path(
        "institutions/search/",
        api_co_institutions.InstitutionSearchView.as_view(),
        name="api-institution-search",
    ),
    path("institutions/", api.InstitutionListCreateView.as_view(), name="api-institutions"),
]
