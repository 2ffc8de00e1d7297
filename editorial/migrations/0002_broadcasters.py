"""The Broadcasters group (editorial/roles.py): accounts that may download the
broadcast master of a video."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from editorial.roles import create_groups

    create_groups(apps)


def remove_broadcasters(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Broadcasters").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_roles"),
        ("videos", "0003_streaming_preview_deliverables"),
    ]

    operations = [migrations.RunPython(create_roles, remove_broadcasters)]
