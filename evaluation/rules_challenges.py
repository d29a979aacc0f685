"""Permissions of the challenge pages and API (R09, R10), one predicate per question."""

import rules

from accounts.rules import is_applicant, is_authenticated, is_official, is_sba_staff


@rules.predicate
def is_team_leader_account(user, team) -> bool:
    """The account that entered the team (its proposal's applicant)."""
    return team is not None and team.application.applicant_id == user.pk


# Entering a challenge and registering a foreign institution: applicants (staff may help).
rules.add_perm("evaluation.enter_challenge", is_applicant)
rules.add_perm("evaluation.view_challenge_team", is_sba_staff | is_team_leader_account)
rules.add_perm("evaluation.change_challenge_team", is_team_leader_account)
# Staff run the steps, tiers and prizes; officials read the ranking.
rules.add_perm("evaluation.manage_challenge", is_sba_staff)
rules.add_perm("evaluation.view_challenge_ranking", is_sba_staff | is_official)
# The citizens' vote: anyone reads the ballot; a signed-in account votes (verification in the domain).
rules.add_perm("evaluation.vote_challenge", is_authenticated)
rules.add_perm("accounts.register_foreign_institution", is_sba_staff | is_applicant)
