"""Permissions of the investment adequacy committee (INV): one predicate per question."""

import rules

from accounts.rules import is_evaluator, is_official, is_sba_staff


@rules.predicate
def is_own_seat(user, seat) -> bool:
    return seat is not None and seat.member_id == user.pk


rules.add_perm("evaluation.manage_adequacy", is_sba_staff)
rules.add_perm("evaluation.view_adequacy", is_sba_staff | is_official)
rules.add_perm("evaluation.sit_adequacy", is_evaluator)
rules.add_perm("evaluation.act_on_seat", is_evaluator & is_own_seat)
