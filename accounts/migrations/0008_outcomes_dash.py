"""Part of the outcomes dash work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_money_dash")]

    operations = []
