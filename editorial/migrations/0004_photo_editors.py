"""Photo editors upload photos and write galleries (editorial/roles.py)."""

from django.db import migrations


def reset_roles(apps, schema_editor):
    from editorial.roles import create_groups

    create_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_media_office_accreditation"),
        ("photos", "0002_gallerypage_embargo_time_zone"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]
