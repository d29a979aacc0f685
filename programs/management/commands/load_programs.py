from django.core.management.base import BaseCommand

from programs.domain.catalogue import load_catalogue
from programs.domain.national_matching import load_continuing_projects
from tracking.domain.history import load_history


class Command(BaseCommand):
    help = "Load the 2021 programme catalogue, budget tables and support record (idempotent)."

    def handle(self, *args, **options):
        changed = {**load_catalogue(), **load_continuing_projects(), **load_history()}
        summary = ", ".join(f"{k}: {v}" for k, v in changed.items())
        self.stdout.write(self.style.SUCCESS(f"Catalogue loaded ({summary} changed)."))
