"""API routes of evaluation under /api/v1/."""

from django.urls import path

from evaluation import api

urlpatterns = [
    path(
        "evaluator/assignments/",
        api.EvaluatorAssignmentsAPI.as_view(),
        name="evaluation-api-assignments",
    ),
    path(
        "evaluator/assignments/<int:pk>/scores/",
        api.ScoreSheetAPI.as_view(),
        name="evaluation-api-scores",
    ),
    path(
        "evaluator/assignments/<int:pk>/submit/",
        api.SubmitSheetAPI.as_view(),
        name="evaluation-api-submit",
    ),
    path(
        "evaluator/assignments/<int:pk>/application/",
        api.AssignmentDossierAPI.as_view(),
        name="evaluation-api-dossier",
    ),
    path(
        "calls/<int:pk>/stages/<str:stage>/aggregate/",
        api.AggregateAPI.as_view(),
        name="evaluation-api-aggregate",
    ),
    path("calls/<int:pk>/ranking/", api.RankingAPI.as_view(), name="evaluation-api-ranking"),
]
