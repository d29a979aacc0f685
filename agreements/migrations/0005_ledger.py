# Placeholder owned by the ledger/instalments helper: replace `operations` with this part's models.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_guarantee")]

    operations = []
