"""Routes of the national matching part: pages (namespace "national_matching") and API (namespace "national_matching_api")."""

from django.urls import path

from agreements.views import national_matching as nm
from agreements.views import national_matching_api as nm_api
from evaluation.views import adequacy, adequacy_api

urlpatterns: list = [
    path("national-matching/requests/", nm.RequestListView.as_view(), name="requests"),
    path("national-matching/requests/new/", nm.RequestNewView.as_view(), name="request-new"),
    path("national-matching/requests/<int:pk>/", nm.RequestDetailView.as_view(), name="request"),
    path("national-matching/requests/<int:pk>/letter.pdf", nm.LetterPdfView.as_view(), name="letter"),
    path("investment/adequacy/", adequacy.CallListView.as_view(), name="adequacy-calls"),
    path("investment/adequacy/calls/<int:call_id>/", adequacy.CommitteeView.as_view(),
         name="adequacy-committee"),
    path("investment/adequacy/mine/", adequacy.MySeatsView.as_view(), name="adequacy-mine"),
    path("investment/adequacy/seats/<int:seat_id>/applications/<int:application_id>/",
         adequacy.OpinionView.as_view(), name="adequacy-opinion"),
]  # fmt: skip
api_urlpatterns: list = [
    path("commitment-requests/", nm_api.RequestsAPI.as_view(), name="requests"),
    path("commitment-requests/<int:pk>/", nm_api.RequestAPI.as_view(), name="request"),
    path("commitment-requests/<int:pk>/decision/", nm_api.DecisionAPI.as_view(), name="decision"),
    path("commitment-letters/verify/<str:code>/", nm_api.VerifyAPI.as_view(), name="verify"),
    path("adequacy/calls/<int:call_id>/decisions/", adequacy_api.DecisionsAPI.as_view(),
         name="adequacy-decisions"),
    path("adequacy/seats/<int:seat_id>/opinions/", adequacy_api.OpinionsAPI.as_view(),
         name="adequacy-opinions"),
]  # fmt: skip
