"""On PostgreSQL, the bank's search reads a stored tsvector column instead of computing it per row.

`search_vector` is a generated column (to_tsvector('russian', search_text)) kept by PostgreSQL itself, with the GIN
index on it; it is not a model field (SQLite has no tsvector), search.py names it in its one PostgreSQL condition.
Measured in bench/products_search.md: a row filter on the stored vector costs a fraction of re-parsing the text, so
the first page ordered by publication date stops after its 20 rows for a common word.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE products_product ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, COALESCE(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS product_search_vector_gin ON products_product USING gin (search_vector)",
    "DROP INDEX IF EXISTS product_search_gin",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS product_search_gin ON products_product "
    "USING gin (to_tsvector('russian'::regconfig, COALESCE(search_text, '')))",
    "DROP INDEX IF EXISTS product_search_vector_gin",
    "ALTER TABLE products_product DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("products", "0002_criteria_and_search_index")]

    operations = [migrations.RunPython(forward, backward)]
