"""Part of the national matching work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tracking", "0009_campus_town")]

    operations = []
