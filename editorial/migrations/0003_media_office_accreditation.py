"""The Media office reviews accreditations (editorial/roles.py)."""

from django.db import migrations


def reset_roles(apps, schema_editor):
    from editorial.roles import create_groups

    create_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_broadcasters")]

    operations = [migrations.RunPython(reset_roles, migrations.RunPython.noop)]
