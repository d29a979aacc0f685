"""API routes of agreements under /api/v1/ (same permissions as the pages)."""

from agreements.routes import closing, core, expenses, guarantees, money

urlpatterns = [
    *core.api_urlpatterns,
    *guarantees.api_urlpatterns,
    *money.api_urlpatterns,
    *expenses.api_urlpatterns,
    *closing.api_urlpatterns,
]
