"""Permissions of Testbed Seoul (one predicate per question; pages and API use the same names).

Intake and evaluation: the intake agency (서울기술연구원). The site opinion: the demonstration
site's own account (its institution is the proposal's site). Agreement, demonstration and
performance evaluation: SBA staff. The proposer reads its own proposals.
"""

import rules

from accounts.enums import Role
from accounts.rules import is_applicant, is_sba_staff


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_intake_agency(user) -> bool:
    return _active(user) and user.role == Role.INTAKE_AGENCY


@rules.predicate
def is_demo_site(user) -> bool:
    return _active(user) and user.role == Role.DEMO_SITE


@rules.predicate
def is_proposer(user, proposal) -> bool:
    return proposal is not None and _active(user) and proposal.application.applicant_id == user.pk


@rules.predicate
def is_proposal_site(user, proposal) -> bool:
    return (
        proposal is not None and is_demo_site(user) and user.institution_id is not None
        and proposal.site_id == user.institution_id
    )  # fmt: skip


@rules.predicate
def is_outcome_company(user, institution) -> bool:
    return institution is not None and is_applicant(user) and user.institution_id == institution.pk


rules.add_perm("testbed.propose", is_applicant)
rules.add_perm(
    "testbed.view_proposal", is_sba_staff | is_intake_agency | is_proposer | is_proposal_site
)
rules.add_perm("testbed.run_intake", is_intake_agency)
rules.add_perm("testbed.give_site_opinion", is_proposal_site)
rules.add_perm("testbed.list_site_opinions", is_demo_site)
rules.add_perm("testbed.run_demonstration", is_sba_staff)
rules.add_perm("testbed.manage_topics", is_intake_agency | is_sba_staff)
rules.add_perm("testbed.record_outcome", is_sba_staff | is_outcome_company)
rules.add_perm("testbed.list_outcomes", is_sba_staff)
