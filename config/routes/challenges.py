"""Routes of the challenges part: pages (namespace "challenges") and API (namespace "challenges_api")."""

from django.urls import path

from evaluation import api_challenges
from evaluation.views import challenges as pages
from evaluation.views import challenges_staff as staff

urlpatterns: list = [
    path("challenges/", pages.challenges, name="index"),
    path("challenges/calls/<int:pk>/enter/", pages.enter, name="enter"),
    path("challenges/calls/<int:pk>/vote/", pages.vote, name="vote"),
    path("challenges/teams/", pages.my_teams, name="my-teams"),
    path("challenges/teams/<int:pk>/", pages.team, name="team"),
    path("challenges/teams/<int:pk>/company/", pages.name_company, name="team-company"),
    path("challenges/institution/foreign/", pages.foreign_institution, name="foreign-institution"),
    path("challenges/staff/calls/<int:pk>/", staff.staff_call, name="staff-call"),
    path("challenges/calls/<int:pk>/ranking/", staff.ranking, name="ranking"),
]
api_urlpatterns: list = [
    path("calls/<int:pk>/tiers/", api_challenges.CallTiersView.as_view(), name="call-tiers"),
]
