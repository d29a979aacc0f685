"""Pages of agreements (/agreements/…): institution and staff pages of every part."""

from agreements.routes import closing, core, expenses, guarantees, money

app_name = "agreements"
urlpatterns = [
    *core.urlpatterns,
    *guarantees.urlpatterns,
    *money.urlpatterns,
    *expenses.urlpatterns,
    *closing.urlpatterns,
]
