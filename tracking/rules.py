"""Permissions of outcome tracking (same names for pages and API). One predicate per question."""

import rules

# The city's support record since 2005 (seed 000) is published: anyone may read it.
rules.add_perm("tracking.view_history", rules.always_allow)
