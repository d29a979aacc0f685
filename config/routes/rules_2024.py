"""Routes of the rules 2024 part: pages (namespace "rules_2024") and API (namespace "rules_2024_api")."""

from django.urls import path

from applications.views_claims import ClaimsIndexView, ClaimsView
from programs import api_rules_2024 as api
from programs import views_follow_on as fo
from programs import views_tech_partners as tp

urlpatterns: list = [
    path("tech-partners/", tp.PartnerHomeView.as_view(), name="partner-home"),
    path("tech-partners/register/", tp.PartnerRegisterView.as_view(), name="partner-register"),
    path("tech-partners/matches/", tp.MyMatchesView.as_view(), name="my-matches"),
    path(
        "tech-partners/matches/<int:pk>/decide/", tp.MatchDecideView.as_view(), name="match-decide"
    ),
    path(
        "tech-partners/matches/<int:pk>/outcome/",
        tp.MatchOutcomeView.as_view(),
        name="match-outcome",
    ),
    path("tech-partners/staff/", tp.StaffPartnersView.as_view(), name="staff-partners"),
    path("follow-on/", fo.FollowOnView.as_view(), name="follow-on"),
    path("forum-records/", fo.ForumRecordsView.as_view(), name="forum-records"),
    path("applications/<int:pk>/claims/", ClaimsView.as_view(), name="claims"),
    path("applications/claims/", ClaimsIndexView.as_view(), name="claims-index"),
]
api_urlpatterns: list = [
    path("follow-on/", api.FollowOnView.as_view(), name="follow-on"),
    path("tech-partners/partners/", api.PartnerListView.as_view(), name="partners"),
    path("tech-partners/needs/", api.NeedListView.as_view(), name="needs"),
    path("tech-partners/matches/", api.MatchListView.as_view(), name="matches"),
    path(
        "tech-partners/matches/<int:pk>/decision/",
        api.MatchDecisionView.as_view(),
        name="match-decision",
    ),
]
