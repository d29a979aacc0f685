"""Routes of the testbed part: pages (namespace "testbed") and API (namespace "testbed_api")."""

from django.urls import path

from applications import api_testbed
from applications import views_testbed as v
from applications import views_testbed_reviews as r
from applications import views_testbed_work as w

urlpatterns: list = [
    path("testbed/", v.topics, name="topics"),
    path("testbed/propose/", v.propose, name="propose"),
    path("testbed/mine/", v.mine, name="mine"),
    path("testbed/proposals/<int:pk>/", v.proposal_detail, name="proposal"),
    path("testbed/proposals/<int:pk>/certificate.pdf", v.certificate_pdf, name="certificate-pdf"),
    path("testbed/proposals/<int:pk>/requirements/", w.requirements, name="requirements"),
    path("testbed/proposals/<int:pk>/opinion/", w.opinion, name="opinion"),
    path("testbed/proposals/<int:pk>/assign/", r.assign, name="assign"),
    path("testbed/proposals/<int:pk>/review/", r.close_review, name="review"),
    path("testbed/committees/", r.committees, name="committees"),
    path("testbed/committees/<int:pk>/", r.committee_detail, name="committee"),
    path("testbed/proposals/<int:pk>/plan/", w.plan, name="plan"),
    path("testbed/proposals/<int:pk>/agreement/", w.agreement, name="agreement"),
    path("testbed/proposals/<int:pk>/monitoring-done/", w.monitoring_done, name="monitoring-done"),
    path("testbed/proposals/<int:pk>/evaluation/", w.evaluation, name="evaluation"),
    path("testbed/intake/", w.intake_queue, name="intake"),
    path("testbed/site/", w.site_queue, name="site"),
    path("testbed/demonstrations/", w.demonstrations, name="demonstrations"),
    path("testbed/topics/", w.topic_list, name="topic-admin"),
    path("testbed/outcomes/", w.outcomes, name="outcomes"),
]
api_urlpatterns: list = [
    path("certificates/<str:code>/", api_testbed.certificate, name="certificate"),
]
