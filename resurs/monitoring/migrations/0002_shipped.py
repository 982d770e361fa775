"""The shipped indicator set and identification methodologies (resurs/monitoring/shipped.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from resurs.monitoring import shipped

    shipped.load(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
