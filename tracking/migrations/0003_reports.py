# Placeholder owned by the tracking-reports helper: replace `operations` with the reports models' ops.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_history")]

    operations = []
