# Placeholder owned by the evaluation/settlement helper: replace `operations` with this part's models.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_expenses_changes")]

    operations = []
