"""Prepare the CMS the end-to-end tests drive: migrate a fresh SQLite file, load
the demo content and create one user per role. Run as
``python -m tests.e2e.site`` with DJANGO_SETTINGS_MODULE=tests.e2e.settings."""

import django

# People who use the admin in the flows: (e-mail, group, preferred admin language).
# Passwords meet the portal's policy.
PASSWORD = "E2e-Portal-Pass-2026!"
USERS = [
    ("editor@example.com", "Editors", "en"),
    ("redactrice@example.com", "Editors", "fr"),
    ("traductrice@example.com", "Translators FR", "en"),
    ("producer@example.com", "Video producers", "en"),
    ("photo-editor@example.com", "Photo editors", "en"),
]


def prepare() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from wagtail.users.models import UserProfile

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    User = get_user_model()
    for email, group, language in USERS:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, PASSWORD, first_name=email.split("@")[0].capitalize()
        )
        user.groups.add(Group.objects.get(name=group))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()


if __name__ == "__main__":
    django.setup()
    prepare()
