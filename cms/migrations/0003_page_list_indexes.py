"""An index on Wagtail's page table for what every list filters on: the language
and whether the page is live (the table is Wagtail's: plain SQL, valid on
PostgreSQL and SQLite)."""

from django.db import migrations

INDEX = "portal_page_locale_live"


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_lease"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON wagtailcore_page (locale_id, live, depth)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
