"""On PostgreSQL, the videos' language and published flag copied into their own
table, kept in step by triggers, with the index a deep page's ids and the
count read alone (cms/listed.py). Nothing on SQLite."""

from django.db import migrations

from cms import listed

TABLE = "videos_videopage"


def add(apps, schema_editor):
    listed.add(schema_editor, TABLE)


def remove(apps, schema_editor):
    listed.remove(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("videos", "0010_list_index_covers_embargo")]

    operations = [migrations.RunPython(add, remove)]
