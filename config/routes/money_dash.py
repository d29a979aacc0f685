"""Routes of the money dash part: pages (namespace "money_dash") and API (namespace "money_dash_api").

Officials' money dashboard (city → field → programme → call → project → ledger rows) and the public
open data (awards and aggregated outcomes). Views in tracking/interfaces/.
"""

from django.urls import path

from tracking.interfaces import money_dash_api, money_dash_pages, open_data_views

urlpatterns: list = [
    path("dashboard/money/", money_dash_pages.CityDashboardView.as_view(), name="money"),
    path("dashboard/money/export.xlsx", money_dash_pages.DashboardExportView.as_view(),
         name="money-export"),
    path("dashboard/money/programs/<str:code>/", money_dash_pages.ProgramDashboardView.as_view(),
         name="money-program"),
    path("dashboard/money/calls/<int:pk>/", money_dash_pages.CallDashboardView.as_view(),
         name="money-call"),
    path("dashboard/money/projects/<int:pk>/", money_dash_pages.ProjectDashboardView.as_view(),
         name="money-project"),
    path("dashboard/money/projects/<int:pk>/export.xlsx",
         money_dash_pages.ProjectExportView.as_view(), name="money-project-export"),
    path("open-data/", open_data_views.OpenDataPage.as_view(), name="open-data"),
]  # fmt: skip
api_urlpatterns: list = [
    path("dashboard/money/", money_dash_api.MoneyDashboardAPI.as_view(), name="money"),
    path("open-data/awards.json", open_data_views.AwardsJson.as_view(), name="awards-json"),
    path("open-data/awards.csv", open_data_views.AwardsCsv.as_view(), name="awards-csv"),
    path("open-data/outcomes.csv", open_data_views.OutcomesCsv.as_view(), name="outcomes-csv"),
    path("open-data/schema.json", open_data_views.SchemaJson.as_view(), name="schema"),
]
