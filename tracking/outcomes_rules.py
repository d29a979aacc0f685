"""Permission of the outcomes dashboard part (kept apart from tracking/rules.py, which other parts
edit at the same time; imported by the dashboard's views and by the tracking selector)."""

import rules

from accounts.rules import is_official, is_sba_staff

# The outcomes dashboard, its exports and the summary API: SBA staff and city officials read it;
# nothing there changes anything. Applicants see their own reports at /tracking/reports/.
rules.add_perm("tracking.view_outcomes", is_sba_staff | is_official)
