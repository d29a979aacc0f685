"""Part of the national matching work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0010_campus_town")]

    operations = []
