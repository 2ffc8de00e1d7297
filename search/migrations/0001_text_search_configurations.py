"""PostgreSQL text search configurations for the search backend: each language's
stemmer with accents folded by unaccent, and an unstemmed one for autocomplete.
Nothing to do on other databases."""

from django.db import migrations

CONFIGS = [
    # name, copied from, dictionaries for words
    ("english_unaccent", "english", "unaccent, english_stem"),
    ("french_unaccent", "french", "unaccent, french_stem"),
    ("simple_unaccent", "simple", "unaccent, simple"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, source, dictionaries in CONFIGS:
        schema_editor.execute(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source});
                ALTER TEXT SEARCH CONFIGURATION {name}
                  ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword,
                    hword_asciipart
                  WITH {dictionaries};
              END IF;
            END $$;
            """
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _source, _dictionaries in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop)]
