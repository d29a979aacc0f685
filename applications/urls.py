"""Pages of applications."""

from django.urls import path

from applications import views, views_staff

app_name = "applications"
urlpatterns = [
    path("", views.MyApplicationsView.as_view(), name="mine"),
    path("calls/<int:call_pk>/apply/", views.StartView.as_view(), name="start"),
    path("calls/<int:call_pk>/", views_staff.CallApplicationsView.as_view(), name="call-list"),
    path(
        "calls/<int:call_pk>/export.xlsx",
        views_staff.CallApplicationsExportView.as_view(),
        name="call-export",
    ),
    path("<int:pk>/", views.EditView.as_view(), name="edit"),
    path("<int:pk>/save/<slug:section>/", views.SectionSaveView.as_view(), name="save"),
    path("<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="upload"),
    path(
        "<int:pk>/attachments/<int:att_pk>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="attachment-delete",
    ),
    path(
        "<int:pk>/attachments/<int:att_pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<int:pk>/delete/", views.DeleteDraftView.as_view(), name="delete"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/receipt/", views_staff.ReceiptView.as_view(), name="receipt"),
    path("<int:pk>/receipt.pdf", views_staff.ReceiptPdfView.as_view(), name="receipt-pdf"),
]
