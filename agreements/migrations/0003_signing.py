# Placeholder owned by the agreement core helper (signatures, versions, terms): replace `operations` with this part's models.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_agreement")]

    operations = []
