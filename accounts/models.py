from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import clock


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        # Whoever runs createsuperuser vouches for the address.
        extra.setdefault("email_verified_at", clock.now())
        if not (extra["is_staff"] and extra["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str):
        # Sign-in is case-insensitive on the address.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class MediaType(models.TextChoices):
    """The kind of media a registered professional works for."""

    PRESS_AGENCY = "press_agency", _("Press agency")
    PRINT = "print", _("Newspaper or magazine")
    TELEVISION = "television", _("Television")
    RADIO = "radio", _("Radio")
    ONLINE = "online", _("Online media")
    FREELANCE = "freelance", _("Freelance journalist")
    OTHER = "other", _("Other")


class User(AbstractUser):
    """The portal's user: a media professional (or an editor, with ``is_staff``).
    Kept custom from the first migration so the profile could grow without a swap."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    media_type = models.CharField(
        _("kind of media"), max_length=20, choices=MediaType.choices, blank=True
    )
    country = CountryField(_("country"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the e-mails the portal sends."),
    )
    terms_accepted_at = models.DateTimeField(
        _("usage terms accepted at"), null=True, blank=True
    )
    email_verified_at = models.DateTimeField(
        _("e-mail confirmed at"), null=True, blank=True
    )
    # Until the address is confirmed: a secret held by the session of the latest
    # registration (accounts/registration.py). That session confirms with the code
    # alone; any other must also give the password, so nobody can pre-register
    # someone's address and keep a password of their own on it.
    registration_secret = models.CharField(max_length=64, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class CodePurpose(models.TextChoices):
    EMAIL_CONFIRMATION = "email_confirmation", _("E-mail confirmation")
    PASSWORD_RESET = "password_reset", _("Password reset")


class ResetCode(models.Model):
    """A six-digit code e-mailed to a user, kept only as a keyed hash.

    At most one code per user and purpose is ``active``: sending a new one replaces
    the previous. A code is good for ``CODE_LIFETIME`` after ``created_at``, once,
    and ``MAX_ATTEMPTS`` wrong tries spend it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        USED = "used", _("Used")
        REPLACED = "replaced", _("Replaced by a newer code")
        EXHAUSTED = "exhausted", _("Too many wrong tries")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="codes",
        verbose_name=_("user"),
        null=True,
        blank=True,
    )
    # Set instead of ``user`` for an address without an account (or one that
    # needs no code): a code nobody receives, tried and spent like a real one, so
    # the answers never tell whether the address has an account.
    identity = models.CharField(max_length=64, blank=True, default="")
    purpose = models.CharField(_("purpose"), max_length=20, choices=CodePurpose.choices)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=128)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        indexes = [
            models.Index(fields=["user", "purpose", "status"]),
            models.Index(fields=["identity", "purpose"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_status_display()})"


class RateLimitCounter(models.Model):
    """The attempts of one client or address (``identity``, a keyed digest) against
    one limit (``name``) in one fixed window (``period``, numbered from the epoch).

    In the database rather than the cache: a cache evicts, and anyone can fill it
    (issue 18), so a spent limit would come back. Rows are purged once their window
    is over (``expires_at``)."""

    name = models.CharField(max_length=40)
    identity = models.CharField(max_length=64)
    period = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "identity", "period"],
                name="accounts_ratelimit_window_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.identity[:8]}… {self.count}"


class ResendCooldown(models.Model):
    """When the next code of ``purpose`` may be sent to an address (``identity``, a
    keyed digest), kept whether or not the address has an account."""

    purpose = models.CharField(max_length=20, choices=CodePurpose.choices)
    identity = models.CharField(max_length=64)
    available_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("resend cool-down")
        verbose_name_plural = _("resend cool-downs")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "identity"], name="accounts_resend_cooldown_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.identity[:8]}…"
