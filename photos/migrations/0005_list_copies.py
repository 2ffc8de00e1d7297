"""On PostgreSQL, the galleries' language and published flag copied into their own
table, kept in step by triggers, with the index a deep page's ids and the
count read alone (cms/listed.py). Nothing on SQLite."""

from django.db import migrations

from cms import listed

TABLE = "photos_gallerypage"


def add(apps, schema_editor):
    listed.add(schema_editor, TABLE)


def remove(apps, schema_editor):
    listed.remove(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("photos", "0004_download_log_base")]

    operations = [migrations.RunPython(add, remove)]
