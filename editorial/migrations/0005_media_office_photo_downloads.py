"""The Media office reads the photo downloads report too (editorial/roles.py)."""

from django.db import migrations


def reset_roles(apps, schema_editor):
    from editorial.roles import create_groups

    create_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_photo_editors"),
        ("photos", "0003_photo_downloads"),
    ]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]
