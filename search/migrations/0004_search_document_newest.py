"""The newest matches of a type and language first (PostgreSQL): the search ranks
only the newest ``SEARCH_RANKED_CANDIDATES`` of them (search/documents/postgres.py),
read in this index's order while checking the words, instead of every match."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS search_document_newest ON search_document
    (content_type_id, locale_id, date DESC NULLS LAST, object_id DESC) WHERE live
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_newest")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_document_sqlite")]

    operations = [migrations.RunPython(create, drop)]
