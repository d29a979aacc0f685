"""Permissions of the R01 tracks pages (crowdfunding campaigns, open-evaluation sessions) and of
the call's track settings. One predicate per question; pages and API use the same names."""

import rules

from accounts.rules import is_applicant, is_evaluator, is_sba_staff
from applications.rules import is_named_pi, is_owner


@rules.predicate
def owns_application(user, application) -> bool:
    return application is not None and is_applicant(user) and application.applicant_id == user.pk


@rules.predicate
def on_session_panel(user, session) -> bool:
    return (session is not None and is_evaluator(user)
            and session.panel.filter(pk=user.pk).exists())  # fmt: skip


rules.add_perm("crowdfunding.record_campaign", owns_application)
# The applicant's campaign page: the owner and the named PI read it (staff have their own page).
rules.add_perm("crowdfunding.view_own", is_owner | is_named_pi)
rules.add_perm("crowdfunding.list_own", is_applicant)
rules.add_perm("crowdfunding.review_campaigns", is_sba_staff)
rules.add_perm("crowdfunding.manage_sessions", is_sba_staff)
rules.add_perm("crowdfunding.set_call_tracks", is_sba_staff)
rules.add_perm("crowdfunding.list_panel", is_evaluator)
rules.add_perm("crowdfunding.give_feedback", on_session_panel)
