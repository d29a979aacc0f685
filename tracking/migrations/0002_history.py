# Placeholder owned by the history helper: replace `operations` with the history models' ops.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]

    operations = []
