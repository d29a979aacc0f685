"""Part of the challenges work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0010_testbed")]

    operations = []
