"""The portal's roles, with least privilege: what each group may do, in one place.

The data migration creates the groups and their model permissions from ``ROLES``.
Page permissions are tied to pages (the newsroom and video library of each
language, each language's home page), which a fresh database does not have yet when
migrations run: ``grant_page_permissions`` runs in the migration for the pages that
exist, and again whenever one of those pages is created (``editorial.signals``), so
demo content loaded later, or a new locale's tree, gets the same permissions.

Wagtail cannot scope model (snippet) permissions to a language; pages can be, by
giving permissions on a language's own tree. A translator therefore works only in
the tree of the language they translate into, and cannot publish the other one.
"""

from __future__ import annotations

from dataclasses import dataclass

EDITORS = "Editors"
VIDEO_PRODUCERS = "Video producers"
PHOTO_EDITORS = "Photo editors"
MEDIA_OFFICE = "Media office"
# Accounts (broadcasters' staff, not editors) that may download the broadcast
# master of every video: no admin access, only this permission.
BROADCASTERS = "Broadcasters"
TRANSLATORS = "Translators {code}"  # one group per content language
TRANSLATOR_LANGUAGES = ("en", "fr")

# Page permission codenames (wagtailcore.Page): add, change, publish, lock, unlock,
# bulk_delete. Nobody below may bulk-delete.
AUTHORING = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
TRANSLATING = ("change_page", "publish_page")


@dataclass(frozen=True)
class Role:
    name: str
    # "app_label.codename", the model given by the codename's suffix.
    permissions: tuple[str, ...]
    # Page models (app_label.ModelName) on whose pages, in every language or in
    # ``language`` only, the group gets ``page_permissions`` (for the subtree).
    page_models: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    language: str | None = None
    # Images and documents are permitted per collection: these hold on the root
    # collection (so on every collection).
    collection_permissions: tuple[str, ...] = ()


ROLES: tuple[Role, ...] = (
    Role(
        EDITORS,
        permissions=(
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            "newsroom.add_person",
            "newsroom.change_person",
            "newsroom.add_topic",
            "newsroom.change_topic",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
        page_models=("newsroom.NewsroomIndexPage",),
        page_permissions=AUTHORING,
    ),
    *(
        Role(
            TRANSLATORS.format(code=code.upper()),
            permissions=("wagtailadmin.access_admin",),
            collection_permissions=("wagtailimages.choose_image",),
            page_models=("home.HomePage",),
            page_permissions=TRANSLATING,
            language=code,
        )
        for code in TRANSLATOR_LANGUAGES
    ),
    Role(
        VIDEO_PRODUCERS,
        permissions=(
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            "videos.add_videoasset",
            "videos.change_videoasset",
            "newsroom.view_person",
            "newsroom.view_topic",
        ),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
        ),
        page_models=("videos.VideoIndexPage",),
        page_permissions=AUTHORING,
    ),
    Role(
        PHOTO_EDITORS,
        permissions=(
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            "photos.add_photoasset",
            "photos.change_photoasset",
            "photos.view_photoasset",
            "photos.download_original",
            "newsroom.view_person",
            "newsroom.view_topic",
        ),
        collection_permissions=("wagtailimages.choose_image",),
        page_models=("photos.GalleryIndexPage",),
        page_permissions=AUTHORING,
    ),
    Role(
        MEDIA_OFFICE,
        permissions=(
            "wagtailadmin.access_admin",
            "videos.view_videodownload",
            "photos.view_photodownload",
            "videos.grant_master_download",
            # The accreditation queue: read it, decide (accreditation/).
            "accreditation.view_accreditation",
            "accreditation.review_accreditation",
        ),
    ),
    Role(BROADCASTERS, permissions=("videos.download_master",)),
)

# Permissions a data migration may need before Django's post_migrate signal has
# created them (on a fresh database): (app_label, model, codename, name).
CUSTOM_PERMISSIONS = {
    "wagtailadmin.access_admin": ("wagtailadmin", "admin", "Can access Wagtail admin"),
    "wagtail_localize.submit_translation": (
        "wagtail_localize",
        "translation",
        "Can submit translations",
    ),
    "videos.download_master": (
        "videos",
        "videoasset",
        "Can download the broadcast master",
    ),
    "videos.grant_master_download": (
        "videos",
        "videoasset",
        "Can grant broadcast master downloads",
    ),
    "photos.download_original": (
        "photos",
        "photoasset",
        "Can download photo originals in the admin",
    ),
    # Named here: the first roles migrations run before the photos' downloads exist.
    "photos.view_photodownload": (
        "photos",
        "photodownload",
        "Can view photo download",
    ),
    # Named here so the roles migration needs no accreditation model state.
    "accreditation.view_accreditation": (
        "accreditation",
        "accreditation",
        "Can view accreditation",
    ),
    "accreditation.review_accreditation": (
        "accreditation",
        "accreditation",
        "Approve, reject and revoke accreditations",
    ),
}


def _permission(apps, dotted: str):
    """The Permission row for ``app_label.codename``, created if missing (a fresh
    database gets model permissions only after every migration has run)."""
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, codename = dotted.split(".", 1)
    if dotted in CUSTOM_PERMISSIONS:
        app_label, model, name = CUSTOM_PERMISSIONS[dotted]
    else:
        verb, model = codename.split("_", 1)
        verbose = apps.get_model(app_label, model)._meta.verbose_name
        name = f"Can {verb} {verbose}"
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": str(name)}
    )
    return permission


def create_groups(apps) -> None:
    """Create every role's group, or reset it, to exactly its permissions.

    Wagtail's first migrations make an "Editors" group with rights on the whole
    page tree and every collection: ours replaces those with its own."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(apps, name) for name in role.permissions])
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for name in role.collection_permissions:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, name),
                )
    grant_page_permissions(apps)


def roles_for_page_model(label: str) -> list[Role]:
    return [role for role in ROLES if label in role.page_models]


def grant_page_permissions(apps, pages=None) -> None:
    """Give each role its page permissions on the pages it works under.

    ``pages``: restrict to these page instances (a page just created); otherwise
    every matching page in the database. Idempotent."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role in ROLES:
        if not role.page_models:
            continue
        group = Group.objects.filter(name=role.name).first()
        if group is None:
            continue
        permissions = [
            _permission(apps, f"wagtailcore.{codename}")
            for codename in role.page_permissions
        ]
        for label in role.page_models:
            app_label, model_name = label.split(".")
            content_type = ContentType.objects.filter(
                app_label=app_label, model=model_name.lower()
            ).first()
            if content_type is None:
                continue
            targets = Page.objects.filter(content_type=content_type)
            if pages is not None:
                targets = targets.filter(pk__in=[page.pk for page in pages])
            if role.language:
                targets = targets.filter(locale__language_code=role.language)
            for page in targets:
                for permission in permissions:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page_id=page.pk, permission=permission
                    )
