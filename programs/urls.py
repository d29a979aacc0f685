from django.urls import path

from programs import operator_views, views

app_name = "programs"
urlpatterns = [
    path("calls/", views.CallListView.as_view(), name="call-list"),
    path("calls/<int:pk>/", views.CallDetailView.as_view(), name="call-detail"),
    path("dashboard/budget/", views.BudgetDashboardView.as_view(), name="budget-dashboard"),
    path(
        "operator/recommendations/",
        operator_views.OperatorRecommendationsView.as_view(),
        name="operator-recommendations",
    ),
    path("dashboard/budget.xlsx", views.BudgetExportView.as_view(), name="budget-export"),
]
