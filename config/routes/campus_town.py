"""Routes of the campus town part: pages (namespace "campus_town") and API (namespace "campus_town_api")."""

from django.urls import path

from agreements.views.campus_town_chain import ChainListView, ChainView
from applications import api_campus_town as api
from applications import views_campus_town as views
from programs.views_campus_town import DesignationView

urlpatterns: list = [
    path("campus-town/problems/", views.ProblemListView.as_view(), name="problems"),
    path("campus-town/problems/new/", views.ProblemCreateView.as_view(), name="problem-new"),
    path("campus-town/problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem"),
    path("campus-town/experts/", views.ExpertSearchView.as_view(), name="experts"),
    path("campus-town/matches/", views.MatchListView.as_view(), name="matches"),
    path("campus-town/profile/", views.ExpertProfileView.as_view(), name="expert-profile"),
    path("campus-town/matches/<int:pk>/", views.MatchDetailView.as_view(), name="match"),
    path("campus-town/designations/", DesignationView.as_view(), name="designations"),
    path("campus-town/agreements/", ChainListView.as_view(), name="chains"),
    path("campus-town/agreements/<int:pk>/chain/", ChainView.as_view(), name="chain"),
]
api_urlpatterns: list = [
    path("campus-town/experts/", api.ExpertSearchApi.as_view(), name="experts"),
    path("campus-town/matches/", api.MatchListApi.as_view(), name="matches"),
    path(
        "campus-town/matches/<int:pk>/accept/",
        api.MatchAnswerApi.as_view(accept=True),
        name="accept",
    ),
    path(
        "campus-town/matches/<int:pk>/decline/",
        api.MatchAnswerApi.as_view(accept=False),
        name="decline",
    ),
]
