"""Part of the challenges work: the ledger records prizes paid outside the project budget."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_settlement")]

    operations = [
        migrations.AlterField(
            model_name="ledgerentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("instalment_paid", "Instalment paid"),
                    ("cash_deposited", "Institution cash deposited"),
                    ("expense_executed", "Expense executed"),
                    ("expense_disallowed", "Expense disallowed"),
                    ("unspent_returned", "Unspent returned"),
                    ("recovery_billed", "Recovery billed"),
                    ("recovery_paid", "Recovery paid"),
                    ("royalty_billed", "Royalty billed"),
                    ("royalty_paid", "Royalty paid"),
                    ("penalty", "Penalty (제재부가금) billed"),
                    ("penalty_paid", "Penalty paid"),
                    ("recovery_cancelled", "Recovery bill cancelled (settlement reopened)"),
                    ("prize_paid", "Prize paid (outside the project budget; no settlement)"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
    ]
