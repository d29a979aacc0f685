from django.core.management.base import BaseCommand

from programs.domain.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Load the 2021 programme catalogue and budget tables (idempotent)."

    def handle(self, *args, **options):
        changed = load_catalogue()
        summary = ", ".join(f"{k}: {v}" for k, v in changed.items())
        self.stdout.write(self.style.SUCCESS(f"Catalogue loaded ({summary} changed)."))
