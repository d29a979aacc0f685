"""Part of the money dash work (placeholder in a fixed chain; empty if unused)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_foreign_institutions_roles")]

    operations = []
