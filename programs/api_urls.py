from django.urls import path

from programs import api, api_operator

urlpatterns = [
    path("programs/", api.ProgramListView.as_view(), name="api-programs"),
    path("programs/<str:code>/", api.ProgramDetailView.as_view(), name="api-program"),
    path("calls/", api.CallListCreateView.as_view(), name="api-calls"),
    path("calls/<int:pk>/", api.CallDetailView.as_view(), name="api-call"),
    path(
        "operator/recommendations/",
        api_operator.RecommendationListCreateView.as_view(),
        name="api-operator-recommendations",
    ),
    path("budget/summary/", api.BudgetSummaryView.as_view(), name="api-budget-summary"),
]
