"""Permissions of outcome tracking (same names for pages and API). One predicate per question."""

import rules

# The city's support record since 2005 (seed 000) is published: anyone may read it.
rules.add_perm("tracking.view_history", rules.always_allow)

# Outcome reports (추적조사): institutions see and file their own; staff review; officials read.
from accounts.rules import is_applicant, is_official, is_sba_staff  # noqa: E402


@rules.predicate
def is_report_institution(user, report) -> bool:
    return bool(report is not None and user.institution_id == report.institution_id)


rules.add_perm("tracking.list_reports", is_sba_staff | is_official | is_applicant)
rules.add_perm(
    "tracking.view_report", is_sba_staff | is_official | (is_applicant & is_report_institution)
)
rules.add_perm("tracking.file_report", is_applicant & is_report_institution)
rules.add_perm("tracking.review_reports", is_sba_staff)

# Money dashboard (money_dash): SBA staff and city officials read it; nobody changes anything there.
rules.add_perm("tracking.view_money_dashboard", is_sba_staff | is_official)
# Open data (awards, aggregated outcomes): public, anonymous.
rules.add_perm("tracking.read_open_data", rules.always_allow)
