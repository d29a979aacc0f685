"""The records that change only through their pages (applications, Testbed proposals, crowdfunding
campaigns, campus-town matches, challenge awards, the ledger and payments, tracking reports) are
shown in the admin, read-only: staff list and open them; nobody, superusers included, adds,
changes or deletes them there; attachments and guarantee PDFs are not linked."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from tests.evaluation.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "applications_application", "applications_testbedproposal", "applications_demandtopic",
    "applications_testbedcertificate", "applications_crowdfundingcampaign",
    "applications_opensession", "applications_sessionregistration",
    "applications_consultationfeedback", "applications_technicalproblem",
    "applications_expertmatch", "evaluation_challengeteam", "evaluation_tieraward",
    "evaluation_prizeaward", "evaluation_citizenvote", "evaluation_adequacyopinion",
    "agreements_ledgerentry", "agreements_paymentbatch", "agreements_instalment",
    "agreements_guarantee", "agreements_chainedagreement", "tracking_trackingreport",
    "tracking_testbedoutcome", "programs_policydesignation",
]  # fmt: skip


def test_staff_read_every_part_and_change_none(users, catalogue):
    from accounts.models import User

    application = ApplicationFactory(title_ko="열람 전용 과제")
    staff = Client()
    staff.force_login(users[Role.STAFF])
    root = User.objects.create_superuser("t-root", "root@example.org", "pw-root-1")
    superuser = Client()
    superuser.force_login(root)
    for name in READ_ONLY:
        assert staff.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
        assert superuser.get(reverse(f"admin:{name}_add")).status_code == 403, name

    detail = reverse("admin:applications_application_change", args=[application.pk])
    page = staff.get(detail)
    assert page.status_code == 200 and "열람 전용 과제" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # no save button
    # a POST to the change page of a read-only record changes nothing
    assert superuser.post(detail, {"title_ko": "바꿈"}).status_code == 403
    application.refresh_from_db()
    assert application.title_ko == "열람 전용 과제"
    delete = reverse("admin:applications_application_delete", args=[application.pk])
    assert superuser.post(delete, {"post": "yes"}).status_code == 403
    # other roles do not reach the admin
    applicant = Client()
    applicant.force_login(users[Role.APPLICANT])
    response = applicant.get(reverse("admin:applications_application_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
