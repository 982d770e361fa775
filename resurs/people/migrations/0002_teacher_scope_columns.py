"""Teacher.municipality and Teacher.region: the main job's scope, copied from the organization (filled for the
existing rows here), with the indexes that serve the list's default order within a scope."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Teacher = apps.get_model("people", "Teacher")
    Municipality = apps.get_model("territory", "Municipality")
    Organization = apps.get_model("territory", "Organization")
    municipality = Organization.objects.filter(pk=models.OuterRef("organization_id")).values("municipality_id")
    Teacher.objects.update(municipality_id=models.Subquery(municipality))
    region = Municipality.objects.filter(pk=models.OuterRef("municipality_id")).values("region_id")
    Teacher.objects.update(region_id=models.Subquery(region))
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL refuses to ALTER a table with pending (deferred) trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
        ("territory", "0002_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="teacher",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territory.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="teacher",
            name="region",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territory.region",
                verbose_name="region",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="teacher",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territory.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AlterField(
            model_name="teacher",
            name="region",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="territory.region",
                verbose_name="region",
            ),
        ),
        migrations.AddIndex(
            model_name="teacher",
            index=models.Index(
                fields=["municipality", "surname", "name", "patronymic", "id"], name="teacher_municipality_order"
            ),
        ),
        migrations.AddIndex(
            model_name="teacher",
            index=models.Index(fields=["region", "surname", "name", "patronymic", "id"], name="teacher_region_order"),
        ),
    ]
