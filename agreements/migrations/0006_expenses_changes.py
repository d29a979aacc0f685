# Placeholder owned by the expenses/changes helper: replace `operations` with this part's models.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0005_ledger")]

    operations = []
