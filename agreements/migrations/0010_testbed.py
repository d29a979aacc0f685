"""Part of the testbed work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0009_outcomes_dash")]

    operations = []
