"""Part of the campus town work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tracking", "0008_crowdfunding_tracks")]

    operations = []
