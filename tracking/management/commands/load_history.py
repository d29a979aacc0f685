from django.core.management.base import BaseCommand

from tracking.domain.history import load_history


class Command(BaseCommand):
    help = "Load the city's printed R&D support record since 2005 (seed 000; idempotent)."

    def handle(self, *args, **options):
        changed = load_history()
        summary = ", ".join(f"{k}: {v}" for k, v in changed.items())
        self.stdout.write(self.style.SUCCESS(f"History loaded ({summary} changed)."))
