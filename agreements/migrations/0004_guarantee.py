# Placeholder owned by the guarantee helper: replace `operations` with this part's models.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_signing")]

    operations = []
