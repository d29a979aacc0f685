"""Part of the challenges work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0007_testbed")]

    operations = []
