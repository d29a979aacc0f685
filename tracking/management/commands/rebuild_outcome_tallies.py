"""Recompute the outcomes dashboard's running totals (OutcomeTally) from the accepted reports,
e.g. after reports were changed in bulk outside the state function."""

from django.core.management.base import BaseCommand

from tracking.domain.outcome_tallies import rebuild_outcome_tallies


class Command(BaseCommand):
    help = (
        "Recompute the outcome tallies (accepted reports per programme and year) from the reports."
    )

    def handle(self, *args, **options):
        rows = rebuild_outcome_tallies()
        self.stdout.write(f"{rows} programme-year tallies rebuilt.")
