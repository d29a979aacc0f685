"""Routes of the agreements part 'expenses' and 'changes' (pages under /agreements/, API under
/api/v1/)."""

from django.urls import path

from agreements.views import changes as change_pages
from agreements.views import expenses as pages
from agreements.views import expenses_api as api

urlpatterns: list = [
    path("expenses/", pages.ExpenseListView.as_view(), name="expense-list"),
    path("<int:pk>/expenses/", pages.ExpensePageView.as_view(), name="expenses"),
    path("<int:pk>/expenses/import/", pages.StatementImportView.as_view(), name="expense-import"),
    path("<int:pk>/expenses/<int:epk>/category/", pages.DraftView.as_view(action="category"),
         name="expense-draft-category"),
    path("<int:pk>/expenses/<int:epk>/discard/", pages.DraftView.as_view(action="discard"),
         name="expense-draft-discard"),
    path("<int:pk>/expenses/<int:epk>/accept/", pages.ExpenseDecisionView.as_view(action="accept"),
         name="expense-accept"),
    path("<int:pk>/expenses/<int:epk>/disallow/",
         pages.ExpenseDecisionView.as_view(action="disallow"), name="expense-disallow"),
    path("<int:pk>/expenses/<int:epk>/evidence/", pages.EvidenceView.as_view(),
         name="expense-evidence"),
    path("<int:pk>/changes/", change_pages.ChangeListView.as_view(), name="changes"),
    path("<int:pk>/changes/<int:cpk>/", change_pages.ChangeDetailView.as_view(),
         name="change-detail"),
    path("<int:pk>/changes/<int:cpk>/parts/<int:ppk>/decide/",
         change_pages.PartDecisionView.as_view(), name="change-part-decide"),
]  # fmt: skip
api_urlpatterns: list = [
    path("agreements/<int:pk>/expenses/", api.ExpensesApi.as_view(), name="api-expenses"),
    path("agreements/<int:pk>/expenses/<int:epk>/accept/",
         api.ExpenseDecisionApi.as_view(action="accept"), name="api-expense-accept"),
    path("agreements/<int:pk>/expenses/<int:epk>/disallow/",
         api.ExpenseDecisionApi.as_view(action="disallow"), name="api-expense-disallow"),
    path("agreements/<int:pk>/change-requests/", api.ChangeRequestsApi.as_view(),
         name="api-change-requests"),
    path("agreements/<int:pk>/change-requests/<int:cpk>/parts/<int:ppk>/decision/",
         api.PartDecisionApi.as_view(), name="api-change-part-decision"),
]  # fmt: skip
