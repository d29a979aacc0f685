"""Part of the rules 2024 work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0011_national_matching")]

    operations = []
