"""Routes of the agreements part 'money' (pages under /agreements/, API under /api/v1/)."""

from django.urls import path

from agreements.views import money, money_api

urlpatterns: list = [
    path("<int:pk>/instalments/", money.InstalmentsView.as_view(), name="money-instalments"),
    path("<int:pk>/ledger/", money.LedgerView.as_view(), name="money-ledger"),
    path("<int:pk>/ledger.xlsx", money.LedgerExportView.as_view(), name="money-ledger-export"),
    path("staff/payments/", money.PaymentsView.as_view(), name="money-payments"),
    path(
        "staff/payments/batches/<int:pk>/transfer.<str:fmt>",
        money.BatchTransferView.as_view(),
        name="money-batch-transfer",
    ),
    path("money/", money.MoneySummaryView.as_view(), name="money-summary"),
    path("money/summary.xlsx", money.MoneySummaryExportView.as_view(), name="money-summary-export"),
]
api_urlpatterns: list = [
    path("agreements/<int:pk>/instalments/", money_api.InstalmentsAPI.as_view(),
         name="api-agreement-instalments"),
    path("agreements/<int:pk>/ledger/", money_api.LedgerAPI.as_view(), name="api-agreement-ledger"),
    path("money/summary/", money_api.MoneySummaryAPI.as_view(), name="api-money-summary"),
]  # fmt: skip
