"""Installs the shipped reference lists of SPEC §2 (resurs.catalogs.defaults); idempotent, kept on reverse."""

from django.db import migrations


def install(apps, schema_editor):
    from resurs.catalogs.defaults import install_defaults

    install_defaults(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("catalogs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
