"""Pages of evaluation."""

from django.urls import path

from evaluation.views import applicant, dossier, evaluator, staff
from evaluation.views.flagged import flagged_decision

app_name = "evaluation"
urlpatterns = [
    # evaluators
    path("my/", evaluator.my_assignments, name="my-assignments"),
    path("members/<int:pk>/pledge/", evaluator.pledge, name="pledge"),
    path("assignments/<int:pk>/", evaluator.score_form, name="score"),
    path("assignments/<int:pk>/save/", evaluator.score_save, name="score-save"),
    path("assignments/<int:pk>/recuse/", evaluator.recuse_view, name="recuse"),
    # staff
    path("calls/<int:pk>/", staff.call_overview, name="call"),
    path("committees/<int:pk>/", staff.committee_detail, name="committee"),
    path("committees/<int:pk>/action/", staff.committee_action, name="committee-action"),
    path("calls/<int:pk>/coi/", staff.coi_list, name="coi"),
    path("calls/<int:pk>/ranking/<str:stage>/", staff.ranking, name="ranking"),
    path("calls/<int:pk>/what-if/<str:stage>/", staff.what_if_view, name="what-if"),
    path(
        "calls/<int:pk>/ranking/<str:stage>/flagged/<int:application_pk>/",
        flagged_decision,
        name="flagged-decision",
    ),
    path("calls/<int:pk>/committee/", staff.committee_decisions, name="committee-decisions"),
    path("calls/<int:pk>/objections/", staff.objections, name="objections"),
    path("objections/<int:pk>/", staff.objection_review, name="objection"),
    path("applications/<int:pk>/site-check/", staff.site_check, name="site-check"),
    # the application dossier (staff, cleared evaluators, the applicant): read-only
    path("applications/<int:pk>/dossier/", dossier.dossier_page, name="dossier"),
    path("applications/<int:pk>/dossier.pdf", dossier.dossier_pdf, name="dossier-pdf"),
    path("applications/<int:pk>/files/<int:att_pk>/", dossier.dossier_file, name="dossier-file"),
    path(
        "applications/<int:pk>/files/<int:att_pk>/download/",
        dossier.dossier_file_download,
        name="dossier-file-download",
    ),
    # applicants (and staff)
    path("applications/<int:pk>/result/", applicant.result, name="result"),
    path("applications/<int:pk>/objection/", applicant.objection_file, name="objection-file"),
    path("applications/<int:pk>/exclusion/", applicant.exclusion_request, name="exclusion-request"),
    path("applications/<int:pk>/notice.pdf", applicant.notice_pdf, name="notice-pdf"),
]
