"""The search documents table (search/documents/), on PostgreSQL only: one row
per searchable object, matched through a GIN index on its words. An
existing archive is filled after ``migrate`` (``post_migrate``, search/apps.py)."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS search_document (
    content_type_id integer NOT NULL,
    object_id bigint NOT NULL,
    locale_id integer NOT NULL,
    live boolean NOT NULL,
    variant_key text NOT NULL,
    date timestamp with time zone NULL,
    year smallint NULL,
    topics bigint[] NOT NULL DEFAULT '{}',
    people bigint[] NOT NULL DEFAULT '{}',
    title tsvector NOT NULL,
    words tsvector NOT NULL,
    title_norm double precision NOT NULL DEFAULT 1.0,
    PRIMARY KEY (content_type_id, object_id)
);
CREATE INDEX IF NOT EXISTS search_document_words
    ON search_document USING gin (words);
CREATE INDEX IF NOT EXISTS search_document_variant
    ON search_document (variant_key, locale_id);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_text_search_configurations")]

    operations = [migrations.RunPython(create, drop)]
