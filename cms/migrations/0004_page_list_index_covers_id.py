"""The language-and-live index of Wagtail's page table carries the page id on
PostgreSQL (INCLUDE), so a deep page's ids (cms/graphql/pagination.page_ids) join
two index-only scans instead of reading both tables. SQLite's index holds the
rowid, which is the id, already: nothing to do there."""

from django.db import migrations

INDEX = "portal_page_locale_live"


def covering(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON wagtailcore_page (locale_id, live, depth) "
            "INCLUDE (id)"
        )


def plain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON wagtailcore_page (locale_id, live, depth)"
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_page_list_indexes")]

    operations = [migrations.RunPython(covering, plain)]
