"""The search documents table on SQLite (search/documents/): one row per
searchable object, pointing at its entry in Wagtail's FTS5 table (``entry_id``, the
FTS5 rowid), so that one statement matches, ranks and counts. Only where Wagtail
keeps that FTS5 table (SQLite built with FTS5); PostgreSQL has its own (0002)."""

from django.db import migrations

CREATE = [
    """
    CREATE TABLE IF NOT EXISTS search_document (
        content_type_id integer NOT NULL,
        object_id integer NOT NULL,
        entry_id integer NOT NULL,
        locale_id integer NOT NULL,
        live bool NOT NULL,
        variant_key text NOT NULL,
        date datetime NULL,
        year integer NULL,
        topics text NOT NULL DEFAULT '[]',
        people text NOT NULL DEFAULT '[]',
        PRIMARY KEY (content_type_id, object_id)
    )
    """,
    "CREATE INDEX IF NOT EXISTS search_document_entry ON search_document (entry_id)",
    """CREATE INDEX IF NOT EXISTS search_document_variant
        ON search_document (variant_key, locale_id)""",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'"
        )
        if cursor.fetchone() is None:
            return  # no FTS5: Wagtail's fallback backend, no documents
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_document"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
