"""Routes of the agreements part 'closing' (pages under /agreements/, API under /api/v1/):
annual and final evaluation, settlement and bills, royalty, sanctions, the IR list."""

from django.urls import path

from agreements.views import closing, closing_api, closing_staff

urlpatterns: list = [
    path("<int:pk>/evaluations/", closing.EvaluationsView.as_view(), name="closing-evaluations"),
    path("rounds/<int:pk>/", closing.RoundView.as_view(), name="closing-round"),
    path("<int:pk>/settlement/", closing.SettlementView.as_view(), name="closing-settlement"),
    path("staff/closing/", closing_staff.ClosingWorkbenchView.as_view(), name="closing-workbench"),
    path("staff/sanctions/", closing_staff.SanctionsView.as_view(), name="closing-sanctions"),
    path("staff/ir-list/", closing_staff.IRListView.as_view(), name="closing-ir-list"),
    path("staff/ir-list.xlsx", closing_staff.IRExportView.as_view(), name="closing-ir-export"),
]
api_urlpatterns: list = [
    path("agreements/<int:pk>/settlement/", closing_api.SettlementAPI.as_view(),
         name="api-agreement-settlement"),
    path("agreements/<int:pk>/royalty/", closing_api.RoyaltyAPI.as_view(),
         name="api-agreement-royalty"),
]  # fmt: skip
