"""Shipped review criteria of products (003 § 4.9) and, on PostgreSQL, the GIN index of the bank's Russian search."""

from django.db import migrations

CRITERIA = [
    ("Актуальность", "Соответствие продукта задачам обновления содержания образования и запросам педагогов."),
    ("Новизна", "Оригинальность подходов, решений и содержания."),
    ("Практическая значимость", "Польза продукта для практики педагогов и образовательных организаций."),
    ("Воспроизводимость", "Возможность тиражирования опыта в других образовательных организациях."),
    ("Качество оформления", "Структура, полнота, грамотность и оформление материалов."),
]

# The expression of resurs.products.search.vector(): the planner uses the index only for this very expression.
INDEX = (
    "CREATE INDEX IF NOT EXISTS product_search_gin ON products_product "
    "USING gin (to_tsvector('russian'::regconfig, COALESCE(search_text, '')))"
)


def ship_criteria(apps, schema_editor):
    Criterion = apps.get_model("products", "Criterion")
    for order, (name, description) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(
            name=name, defaults={"description": description, "max_score": 5, "sort_order": order * 10}
        )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS product_search_gin")


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [
        migrations.RunPython(ship_criteria, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
