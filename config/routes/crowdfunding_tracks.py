"""Routes of the crowdfunding tracks part: pages (namespace "crowdfunding_tracks") and API (namespace "crowdfunding_tracks_api")."""

from django.urls import path

from applications import api_crowdfunding
from applications import views_crowdfunding as cf
from applications import views_open_sessions as os_
from programs import views_tracks

urlpatterns: list = [
    path("crowdfunding/mine/", cf.mine, name="mine"),
    path("crowdfunding/applications/<int:pk>/", cf.campaign, name="campaign"),
    path("crowdfunding/applications/<int:pk>/feedback/", cf.feedback, name="feedback"),
    path("crowdfunding/staff/campaigns/", cf.staff_campaigns, name="staff-campaigns"),
    path("crowdfunding/staff/campaigns/<int:pk>/", cf.staff_campaign, name="staff-campaign"),
    path("crowdfunding/staff/sessions/", os_.staff_sessions, name="staff-sessions"),
    path("crowdfunding/staff/sessions/<int:pk>/", os_.staff_session, name="staff-session"),
    path("staff/calls/<int:pk>/tracks/", views_tracks.call_tracks, name="call-tracks"),
    path("crowdfunding/panel/", os_.panel, name="panel"),
    path("crowdfunding/panel/slots/<int:pk>/", os_.panel_feedback, name="panel-feedback"),
    path("crowdfunding/sessions/", os_.sessions, name="sessions"),
    path("crowdfunding/sessions/<int:pk>/agenda/", os_.agenda, name="agenda"),
]
api_urlpatterns: list = [
    path(
        "applications/<int:pk>/crowdfunding/",
        api_crowdfunding.CrowdfundingView.as_view(),
        name="crowdfunding",
    ),
]
