"""Pages of evaluation.screening."""

from django.urls import path

from evaluation.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.CallListView.as_view(), name="calls"),
    path("calls/<int:pk>/", views.CallRunsView.as_view(), name="call"),
    path("calls/<int:pk>/start/", views.StartRunView.as_view(), name="start"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("runs/<int:pk>/progress/", views.RunProgressView.as_view(), name="progress"),
    path("runs/<int:pk>/resume/", views.ResumeRunView.as_view(), name="resume"),
    path("runs/<int:pk>/release/", views.ReleaseRunView.as_view(), name="release"),
    path("runs/<int:pk>/duplicates/", views.DuplicatesView.as_view(), name="duplicates"),
    path("results/<int:pk>/override/", views.OverrideView.as_view(), name="override"),
    path("applications/<int:pk>/", views.ApplicantResultView.as_view(), name="application"),
]
