"""Sign-in and sign-out pages, and the applicant's institution registration."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "institution/",
        views.InstitutionRegisterView.as_view(),
        name="institution-register",
    ),
]
