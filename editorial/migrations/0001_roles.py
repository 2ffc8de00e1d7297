"""The portal's roles (editorial/roles.py): Editors, Translators EN and FR, Video
producers, Media office, with least privilege."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from editorial.roles import create_groups

    create_groups(apps)


def remove_roles(apps, schema_editor):
    from editorial.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(
        name__in=[role.name for role in ROLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0001_initial"),
        ("newsroom", "0001_initial"),
        ("videos", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
