"""GraphQL for accounts: ``me``, ``csrfToken`` and the account mutations.

Every field here depends on who asks, so each calls ``mark_private``: its answer is
never shared through the response cache or a CDN. Mutations also need a CSRF token
(see cms/graphql/views.py and the README)."""

from __future__ import annotations

import graphene
from django.contrib import auth
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _
from django_countries import countries

from cms.graphql.errors import InvalidArgument
from cms.graphql.locale import LanguageCode, language_code, locale_field
from cms.graphql.request_state import mark_private

from . import clock
from .codes import (
    RESEND_COOLDOWN,
    check_cooldown,
    consume_code,
    start_cooldown,
    void_codes,
)
from .errors import (
    EmailNotVerified,
    InvalidCredentials,
    LockedOut,
    NotAuthenticated,
    PasswordRequired,
    TermsNotAccepted,
    UnsafeRedirect,
)
from .models import CodePurpose, MediaType, User
from .ratelimit import count_failures, hit, hit_all
from .redirects import is_safe_next
from .registration import (
    forget_registration,
    registered_here,
    remember_registration,
)
from .signals import (
    account_deleting,
    email_verified,
    registration_checking,
    user_registered,
)
from .tasks import notify_registration_attempt, send_code
from .validation import clean_email, clean_language, clean_password, clean_text

MediaTypeEnum = graphene.Enum(
    "MediaType", [(member.name, member.value) for member in MediaType]
)
CodePurposeEnum = graphene.Enum(
    "CodePurpose", [(member.name, member.value) for member in CodePurpose]
)
RESEND_SECONDS = int(RESEND_COOLDOWN.total_seconds())


class AccountType(graphene.ObjectType):
    """The signed-in user's own account."""

    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    name = graphene.String(required=True)
    organisation = graphene.String(required=True)
    media_type = graphene.Field(MediaTypeEnum)
    country = graphene.String(description="ISO 3166-1 alpha-2 code, e.g. FR.")
    country_name = graphene.String(description="In the request's language.")
    preferred_language = locale_field()
    email_verified = graphene.Boolean(required=True)
    terms_accepted_at = graphene.DateTime()
    date_joined = graphene.DateTime(required=True)

    @staticmethod
    def resolve_name(user: User, info) -> str:
        return user.get_full_name() or user.email

    @staticmethod
    def resolve_media_type(user: User, info):
        return user.media_type or None

    @staticmethod
    def resolve_country(user: User, info):
        return user.country.code or None

    @staticmethod
    def resolve_country_name(user: User, info):
        return str(user.country.name) if user.country else None


# --- helpers ------------------------------------------------------------------------


def current_user(request) -> User:
    mark_private(request)
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated(_("Sign in first."))
    return user


def check_password_of(request, email: str, password: str) -> User:
    """authenticate() through django-axes: failures are counted, and a locked-out
    client is refused even with the right password."""
    user = auth.authenticate(request, username=email, password=password or "")
    if user is None:
        if getattr(request, "axes_locked_out", False):
            # Answered here as a GraphQL error rather than by axes' middleware.
            request.axes_locked_out = False
            raise LockedOut(
                _(
                    "Too many failed sign-in attempts. Try again later or reset "
                    "your password."
                )
            )
        raise InvalidCredentials(_("The e-mail address or the password is wrong."))
    return user


def clean_country(value: str | None) -> str:
    value = (value or "").strip().upper()
    if value and value not in countries:
        raise InvalidArgument(
            _("“%(code)s” is not a country code (ISO 3166-1, e.g. FR).")
            % {"code": value[:10]},
            argument="country",
            reason="UNKNOWN_COUNTRY",
        )
    return value


def request_code(request, email: str, purpose: str) -> None:
    """Send a code to ``email`` if it has an account; the answer (and the work
    done here) is the same when it has none."""
    check_cooldown(purpose, email)
    hit_all(request, "code-send", email)
    start_cooldown(purpose, email)
    send_code.enqueue(email, purpose)


# What a registration over an unconfirmed account takes from the new one.
REGISTRATION_FIELDS = (
    "first_name",
    "last_name",
    "organisation",
    "media_type",
    "country",
    "preferred_language",
)


def check_registration_password(user: User, password: str | None) -> None:
    """Confirming from another session than the registering one."""
    if not password:
        raise PasswordRequired(
            _(
                "This address was registered from another browser or device. "
                "Enter the password chosen at registration with the code."
            )
        )
    if len(password) > 128 or not user.check_password(password):
        raise InvalidCredentials(_("The e-mail address or the password is wrong."))


def forget_failed_sign_ins(email: str) -> None:
    from axes.utils import reset

    reset(username=email)


# --- queries ------------------------------------------------------------------------


class AccountsQuery:
    me = graphene.Field(
        AccountType, description="The signed-in user, or null when signed out."
    )
    csrf_token = graphene.String(
        required=True,
        description=(
            "A CSRF token for the mutations; the answer also sets the csrftoken "
            "cookie. Send the token in the X-CSRFToken header."
        ),
    )

    @staticmethod
    def resolve_me(root, info):
        request = info.context
        mark_private(request)
        return request.user if request.user.is_authenticated else None

    @staticmethod
    def resolve_csrf_token(root, info) -> str:
        mark_private(info.context)
        return get_token(info.context)


# --- mutations ----------------------------------------------------------------------


class Register(graphene.Mutation):
    """Create an account and e-mail a code to confirm the address.

    An address that already has an account gets the same answer (and a code is
    checked the same way): its owner is e-mailed instead, so the answer never
    tells whether an address is registered."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        first_name = graphene.String(required=True)
        last_name = graphene.String(required=True)
        organisation = graphene.String(required=True)
        media_type = MediaTypeEnum(required=True)
        country = graphene.String(required=True)
        preferred_language = graphene.Argument(LanguageCode, required=True)
        accept_terms = graphene.Boolean(required=True)
        newsletter = graphene.Boolean(default_value=False)
        newsletter_topics = graphene.List(graphene.NonNull(graphene.String))

    email = graphene.String(required=True)
    retry_after = graphene.Int(
        required=True, description="Seconds before a new code can be asked for."
    )

    @staticmethod
    @count_failures("register")
    def mutate(root, info, **args):
        request = info.context
        mark_private(request)
        email = clean_email(args["email"])
        user = User(
            email=email,
            first_name=clean_text(args["first_name"], "firstName", 150, required=True),
            last_name=clean_text(args["last_name"], "lastName", 150, required=True),
            organisation=clean_text(
                args["organisation"], "organisation", 200, required=True
            ),
            media_type=MediaType(_enum_value(args["media_type"])),
            country=clean_country(args["country"]) or None,
            preferred_language=clean_language(
                language_code(args["preferred_language"]), "preferredLanguage"
            ),
        )
        if not user.country:
            raise InvalidArgument(
                _("country is required."), argument="country", reason="REQUIRED"
            )
        topics = [
            clean_text(slug, "newsletterTopics", 100, required=True)
            for slug in args.get("newsletter_topics") or []
        ]
        if not args["accept_terms"]:
            raise TermsNotAccepted(_("Accept the terms of use to register."))
        password = clean_password(args["password"], user)
        registration_checking.send(
            sender=User,
            user=user,
            newsletter=bool(args.get("newsletter")),
            newsletter_topics=topics,
        )
        # Past this point the address is e-mailed, whether or not it has an
        # account: counted per address, like a code request.
        hit("register:address", email)
        check_cooldown(CodePurpose.EMAIL_CONFIRMATION, email)
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and existing.is_active and not existing.email_verified:
            return Register.again(request, existing, user, password, args, topics)
        if existing is not None:
            return Register.taken(email, password)
        try:
            with transaction.atomic():
                user.set_password(password)
                user.terms_accepted_at = clock.now()
                remember_registration(request, user)
                user.save()
                # Listeners may refuse (an unknown newsletter topic): then nothing
                # of the account remains.
                user_registered.send(
                    sender=User,
                    user=user,
                    newsletter=bool(args.get("newsletter")),
                    newsletter_topics=topics,
                )
                start_cooldown(CodePurpose.EMAIL_CONFIRMATION, email)
                # Queued in the same transaction: the e-mail goes only if the
                # account exists.
                send_code.enqueue(email, CodePurpose.EMAIL_CONFIRMATION)
        except IntegrityError:  # registered by a concurrent request
            return Register.taken(email, password)
        return Register(email=email, retry_after=RESEND_SECONDS)

    @staticmethod
    def again(request, existing: User, user: User, password, args, topics):
        """Registering over an account whose address is not confirmed yet: this
        registration wins (its password, its details, its session), the codes
        sent before stop working and a new one is sent. Whoever registered first
        keeps nothing: the code goes to the address's owner only. The answer is
        the same as for a new account."""
        with transaction.atomic():
            for field in REGISTRATION_FIELDS:
                setattr(existing, field, getattr(user, field))
            existing.set_password(password)
            existing.terms_accepted_at = clock.now()
            remember_registration(request, existing)
            existing.save()
            void_codes(existing, CodePurpose.EMAIL_CONFIRMATION)
            user_registered.send(
                sender=User,
                user=existing,
                newsletter=bool(args.get("newsletter")),
                newsletter_topics=topics,
            )
            start_cooldown(CodePurpose.EMAIL_CONFIRMATION, existing.email)
            # A new code, "you may have registered twice".
            notify_registration_attempt.enqueue(existing.email)
        return Register(email=existing.email, retry_after=RESEND_SECONDS)

    @staticmethod
    def taken(email: str, password: str) -> Register:
        """The answer for an address that has an account, after the same work."""
        make_password(password)  # as long as set_password() for a new account
        start_cooldown(CodePurpose.EMAIL_CONFIRMATION, email)
        notify_registration_attempt.enqueue(email)
        return Register(email=email, retry_after=RESEND_SECONDS)


def _enum_value(value):
    return getattr(value, "value", value)


class VerifyEmail(graphene.Mutation):
    """Confirm the address with the code sent at registration; the answer signs
    the user in (sets the session cookie, like ``login``): use the returned
    ``csrfToken`` for the next mutations."""

    class Arguments:
        email = graphene.String(required=True)
        code = graphene.String(required=True)
        password = graphene.String(
            description="The password chosen at registration: needed (besides the "
            "code) when confirming from another browser or device than the one "
            "that registered (the answer is then PASSWORD_REQUIRED without it)."
        )

    ok = graphene.Boolean(required=True)
    account = graphene.Field(AccountType, required=True)
    csrf_token = graphene.String(required=True)

    @staticmethod
    @count_failures("code-check", "email")
    def mutate(root, info, email, code, password=None):
        request = info.context
        mark_private(request)
        email = clean_email(email)
        user = User.objects.filter(email__iexact=email, is_active=True).first()

        def confirm():
            # Raising here leaves the code unspent (consume_code's transaction).
            if user.email_verified_at is None:
                if not registered_here(request, user):
                    check_registration_password(user, password)
                user.email_verified_at = clock.now()
                user.registration_secret = ""
                user.save(update_fields=["email_verified_at", "registration_secret"])
            email_verified.send(sender=User, user=user)

        consume_code(
            user,
            CodePurpose.EMAIL_CONFIRMATION,
            code.strip(),
            then=confirm,
            email=email,
        )
        # The code reached the inbox: as good a proof as the password (only
        # unconfirmed accounts are sent one), and what a frontend expects next.
        auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        forget_registration(request)
        return VerifyEmail(ok=True, account=user, csrf_token=get_token(request))


class ResendCode(graphene.Mutation):
    """Send a new code (the previous one stops working). Answers the same whether
    or not the address has an account."""

    class Arguments:
        email = graphene.String(required=True)
        purpose = CodePurposeEnum(required=True)

    ok = graphene.Boolean(required=True)
    retry_after = graphene.Int(required=True)

    @staticmethod
    def mutate(root, info, email, purpose):
        request = info.context
        mark_private(request)
        request_code(request, clean_email(email), _enum_value(purpose))
        return ResendCode(ok=True, retry_after=RESEND_SECONDS)


class Login(graphene.Mutation):
    """Sign in: the answer sets the session cookie. The CSRF token changes on
    sign-in: use the ``csrfToken`` returned here for the next mutations."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    account = graphene.Field(AccountType, required=True)
    csrf_token = graphene.String(required=True)

    @staticmethod
    @count_failures("login")
    def mutate(root, info, email, password):
        request = info.context
        mark_private(request)
        email = clean_email(email)
        if len(password) > 128:
            raise InvalidCredentials(_("The e-mail address or the password is wrong."))
        user = check_password_of(request, email, password)
        if not user.email_verified:
            raise EmailNotVerified(
                _("Confirm your e-mail address with the code we sent you first.")
            )
        auth.login(request, user)
        return Login(account=user, csrf_token=get_token(request))


class Logout(graphene.Mutation):
    ok = graphene.Boolean(required=True)
    csrf_token = graphene.String(required=True)

    @staticmethod
    def mutate(root, info):
        request = info.context
        mark_private(request)
        auth.logout(request)
        return Logout(ok=True, csrf_token=get_token(request))


class RequestPasswordReset(graphene.Mutation):
    """E-mail a code to reset the password. The answer is the same whether or not
    the address has an account."""

    class Arguments:
        email = graphene.String(required=True)

    ok = graphene.Boolean(required=True)
    retry_after = graphene.Int(required=True)

    @staticmethod
    def mutate(root, info, email):
        request = info.context
        mark_private(request)
        request_code(request, clean_email(email), CodePurpose.PASSWORD_RESET)
        return RequestPasswordReset(ok=True, retry_after=RESEND_SECONDS)


class ResetPassword(graphene.Mutation):
    """Set a new password with the e-mailed code. Every session of the account is
    signed out. ``next`` comes back only if it is on an allowed frontend."""

    class Arguments:
        email = graphene.String(required=True)
        code = graphene.String(required=True)
        new_password = graphene.String(required=True)
        next = graphene.String()

    ok = graphene.Boolean(required=True)
    next = graphene.String(description="The validated return address, or null.")

    @staticmethod
    @count_failures("code-check", "email")
    def mutate(root, info, email, code, new_password, next=None):
        request = info.context
        mark_private(request)
        if next and not is_safe_next(next):
            raise UnsafeRedirect(
                _("next must be a path or an address on the portal's frontends."),
                argument="next",
            )
        email = clean_email(email)
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        # The rules that do not depend on the account, for every address alike;
        # those that do (not like the address) once the code proved the owner.
        password = clean_password(new_password, None, "newPassword")

        def apply():
            clean_password(password, user, "newPassword")
            newly_verified = user.email_verified_at is None
            user.set_password(password)
            if newly_verified:  # the code reached the inbox: the address works
                user.email_verified_at = clock.now()
            user.save(update_fields=["password", "email_verified_at"])
            if newly_verified:
                email_verified.send(sender=User, user=user)

        consume_code(
            user, CodePurpose.PASSWORD_RESET, code.strip(), then=apply, email=email
        )
        # A new password changes the session hash: every other session is over.
        if request.user.is_authenticated and request.user.pk == user.pk:
            auth.update_session_auth_hash(request, user)
        forget_failed_sign_ins(email)
        return ResetPassword(ok=True, next=next or None)


class UpdateProfile(graphene.Mutation):
    """Change the signed-in user's profile; arguments left out stay as they are.
    The e-mail address is not changed here."""

    class Arguments:
        first_name = graphene.String()
        last_name = graphene.String()
        organisation = graphene.String()
        media_type = MediaTypeEnum()
        country = graphene.String(description="ISO 3166-1 alpha-2 code, e.g. FR.")
        preferred_language = graphene.Argument(LanguageCode)

    account = graphene.Field(AccountType, required=True)

    @staticmethod
    def mutate(root, info, **args):
        user = current_user(info.context)
        changes = {}
        for name, argument, max_length in (
            ("first_name", "firstName", 150),
            ("last_name", "lastName", 150),
            ("organisation", "organisation", 200),
        ):
            if args.get(name) is not None:
                changes[name] = clean_text(
                    args[name], argument, max_length, required=True
                )
        if args.get("media_type") is not None:
            changes["media_type"] = MediaType(_enum_value(args["media_type"])).value
        if args.get("country") is not None:
            changes["country"] = clean_country(args["country"])
            if not changes["country"]:
                raise InvalidArgument(
                    _("country is required."), argument="country", reason="REQUIRED"
                )
        if args.get("preferred_language") is not None:
            changes["preferred_language"] = clean_language(
                language_code(args["preferred_language"]), "preferredLanguage"
            )
        # Checked in full before anything is written.
        for name, value in changes.items():
            setattr(user, name, value)
        if changes:
            user.save(update_fields=list(changes))
        return UpdateProfile(account=user)


class ChangePassword(graphene.Mutation):
    """Change the password of the signed-in user; other sessions are signed out,
    this one stays signed in."""

    class Arguments:
        current_password = graphene.String(required=True)
        new_password = graphene.String(required=True)

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, current_password, new_password):
        request = info.context
        user = current_user(request)
        password = clean_password(new_password, user, "newPassword")
        check_password_of(request, user.email, current_password)
        user.set_password(password)
        user.save(update_fields=["password"])
        auth.update_session_auth_hash(request, user)
        return ChangePassword(ok=True)


class DeleteAccount(graphene.Mutation):
    """Delete the signed-in user's account, personal data and newsletter
    subscription. Needs the password."""

    class Arguments:
        password = graphene.String(required=True)

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, password):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        request = info.context
        user = current_user(request)
        check_password_of(request, user.email, password)
        email = user.email
        with transaction.atomic():
            account_deleting.send(sender=User, user=user)
            for model in (AccessAttempt, AccessLog, AccessFailureLog):
                model.objects.filter(username__iexact=email).delete()
            user.delete()
        auth.logout(request)
        return DeleteAccount(ok=True)


class AccountsMutation:
    register = Register.Field()
    verify_email = VerifyEmail.Field()
    resend_code = ResendCode.Field()
    login = Login.Field()
    logout = Logout.Field()
    request_password_reset = RequestPasswordReset.Field()
    reset_password = ResetPassword.Field()
    update_profile = UpdateProfile.Field()
    change_password = ChangePassword.Field()
    delete_account = DeleteAccount.Field()
