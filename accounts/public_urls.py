"""Public pages of the accounts app, at the site root: notices and help."""

from django.urls import path

from accounts import public_views

urlpatterns = [
    path("notices/", public_views.AnnouncementListView.as_view(), name="announcement-list"),
    path(
        "notices/<int:pk>/",
        public_views.AnnouncementDetailView.as_view(),
        name="announcement-detail",
    ),
    path("help/", public_views.HelpView.as_view(), name="help"),
]
