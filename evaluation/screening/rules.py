"""Permissions of screening (same names for pages and API)."""

import rules

from accounts.rules import is_sba_staff
from applications.rules import may_read_application

rules.add_perm("screening.start_run", is_sba_staff)
rules.add_perm("screening.view_run", is_sba_staff)
rules.add_perm("screening.override_result", is_sba_staff)
rules.add_perm("screening.release_results", is_sba_staff)
# Object: the application. Applicants only see released results (the view checks release).
# The one ownership rule of applications (applicant, named PI, staff): applications/rules.py.
rules.add_perm("screening.view_application_result", may_read_application)
