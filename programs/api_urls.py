from django.urls import path

from programs import api

urlpatterns = [
    path("programs/", api.ProgramListView.as_view(), name="api-programs"),
    path("programs/<str:code>/", api.ProgramDetailView.as_view(), name="api-program"),
    path("calls/", api.CallListCreateView.as_view(), name="api-calls"),
    path("calls/<int:pk>/", api.CallDetailView.as_view(), name="api-call"),
    path("budget/summary/", api.BudgetSummaryView.as_view(), name="api-budget-summary"),
]
