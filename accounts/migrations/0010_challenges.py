"""Part of the challenges work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0009_testbed")]

    operations = []
