"""Permissions of agreements: one predicate per question, shared by pages and API.

Core predicates here; each part (guarantees, money, expenses and changes, evaluation and closing)
adds its permissions below with `rules.add_perm("agreements.<verb>_<thing>", …)` built from these.
"""

import rules

from accounts.rules import is_applicant, is_official, is_sba_staff


@rules.predicate
def is_agreement_party(user, agreement) -> bool:
    """The institution side of the agreement: the application's PI account, or an applicant
    account of the lead institution (its representative signs through such an account)."""
    if agreement is None or not getattr(user, "is_authenticated", False):
        return False
    if agreement.application.applicant_id == user.pk:
        return True
    return bool(user.institution_id and user.institution_id == agreement.lead_institution_id)


may_view_agreement = is_sba_staff | (is_applicant & is_agreement_party)
may_manage_agreements = is_sba_staff
may_act_for_institution = is_applicant & is_agreement_party
may_watch_money = is_sba_staff | is_official

rules.add_perm("agreements.view_agreement", may_view_agreement)
rules.add_perm("agreements.manage_agreements", may_manage_agreements)
rules.add_perm("agreements.act_for_institution", may_act_for_institution)
rules.add_perm("agreements.watch_money", may_watch_money)

# Money (instalments, ledger): the agreement's parties and staff, and city officials (who watch money).
may_view_agreement_money = may_view_agreement | may_watch_money
rules.add_perm("agreements.view_agreement_money", may_view_agreement_money)

# Expenses (선집행 후청구) and plan changes (과제 변경): the institution records and requests; staff decide.
rules.add_perm("agreements.record_expense", may_act_for_institution)
rules.add_perm("agreements.decide_expense", may_manage_agreements)
rules.add_perm("agreements.request_change", may_act_for_institution)
rules.add_perm("agreements.decide_change", may_manage_agreements)

# Guarantee insurance (지급이행보증보험증권): the institution registers, staff verify or reject; the
# policy PDF is read by whoever may view the agreement.
rules.add_perm("agreements.view_guarantees", may_view_agreement)
rules.add_perm("agreements.register_guarantee", may_act_for_institution)
rules.add_perm("agreements.decide_guarantee", may_manage_agreements)

# Evaluation and closing (annual/final evaluation, settlement, bills, royalty, sanctions, IR list).
rules.add_perm("agreements.view_closing", may_view_agreement | may_watch_money)
rules.add_perm("agreements.manage_closing", may_manage_agreements)
rules.add_perm("agreements.view_ir_list", may_manage_agreements)

# Chained agreements (R03, agreements.domain.chain): staff and the intake agency (the designated
# lead's staff) record them; officials read.
_is_intake_agency = rules.predicate(
    lambda user: bool(
        user and user.is_authenticated and user.is_active and user.role == "intake_agency"
    ),
    name="has_role_intake_agency_agreements",
)
rules.add_perm("agreements.view_agreement_chain", is_sba_staff | _is_intake_agency | is_official)
rules.add_perm("agreements.change_agreement_chain", is_sba_staff | _is_intake_agency)
