"""Public agreement verification (/verify/<code>/), included at the site root (config/urls.py)."""

from django.urls import path

from agreements.views.verify import verify

app_name = "verify"
urlpatterns = [path("<str:code>/", verify, name="agreement")]
